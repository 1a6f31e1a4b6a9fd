/**
 * `action-plan update IN.xlsx --sheet S --ref R [--status S] [--update TEXT] [--today YYYY-MM-DD] (-o OUT.xlsx | --in-place)`:
 * a lead's update without the pane. It runs the pane's own operation with the pane's policy
 * (leadUpdateOperation: the new update on top, dated, the previous one kept below it; planLeadUpdate's
 * rules: the status from the list; Red, Amber and Complete need an update; the text is written as
 * text; only that row's Update and Status cells are written).
 */
import { STATUSES, knownStatus, type Status } from "../core/basics/plan-model";
import { readPlan } from "../core/reading/read-plan";
import { leadUpdateOperation } from "../operations/lead-update";
import { operationResult } from "../operations/run-operation";
import { onePositional, parseCommandArgs, todayOption, usageLine } from "./cli-args";
import { CliError, type CliIo } from "./cli-io";
import { textLimitRefusal } from "./problem-lines";
import {
  type OutputTarget,
  bytesWithPlan,
  outputTarget,
  readInputWorkbook,
  saveOutputWorkbook,
} from "./workbook-files";

const USAGE = `usage: action-plan update IN.xlsx --sheet SHEET --ref REF [--status STATUS] [--update TEXT] [--today YYYY-MM-DD] (-o OUT.xlsx | --in-place)
  A lead's update without the pane, held to the pane's rules: the new update goes on top, dated, with
  the previous one kept below it; the status from the list; Red, Amber and Complete need an update; the
  text is written as text; only that row's Update and Status cells change.
  --sheet SHEET, --ref REF  the action
  --status STATUS        Red, Amber, Green, Complete or Not started (left out: the row's status is kept)
  --update TEXT          the lead's words (taken as they are, whatever they start with; left out: the
                         row's update is kept as it is)
  --today YYYY-MM-DD     the date the update is dated (default: today)
  -o, --output OUT.xlsx  save the workbook there
  --in-place             overwrite IN, keeping the original as IN.bak`;

interface UpdateArgs extends OutputTarget {
  readonly todayIso: string;
  readonly sheet: string;
  readonly ref: string;
  readonly status: string | null;
  readonly update: string | null;
}

const OPTIONS = {
  sheet: { type: "string" },
  ref: { type: "string" },
  status: { type: "string" },
  update: { type: "string" },
  today: { type: "string" },
  output: { type: "string", short: "o" },
  "in-place": { type: "boolean" },
} as const;

function parseArgs(args: readonly string[]): UpdateArgs {
  // The update is the lead's words, whatever they start with ("-- see notes", "=total"): take
  // --update's value as it stands before util.parseArgs, which would read "--…" as an option.
  const rest = [...args];
  let update: string | null = null;
  const at = rest.indexOf("--update");
  if (at >= 0) {
    const value = rest[at + 1];
    if (value === undefined) throw new CliError(`--update needs a value. ${usageLine(USAGE)}`, 2);
    update = value;
    rest.splice(at, 2);
  }
  const { values, positionals } = parseCommandArgs(rest, OPTIONS, USAGE);
  const input = onePositional(positionals, "input workbook", USAGE);
  const sheet = values.sheet ?? null;
  const ref = values.ref ?? null;
  const status = values.status ?? null;
  if (sheet === null || ref === null)
    throw new CliError(`give the action's --sheet and --ref. ${usageLine(USAGE)}`, 2);
  if (status === null && update === null)
    throw new CliError(`give --status, --update or both. ${usageLine(USAGE)}`, 2);
  return {
    ...outputTarget(input, values.output ?? null, values["in-place"] === true, usageLine(USAGE)),
    todayIso: todayOption(values.today, USAGE),
    sheet,
    ref,
    status,
    update,
  };
}

/** The list's own spelling of a typed status ("amber" → "Amber"); anything else as typed, for the core to refuse. */
function listStatus(typed: string): Status {
  const found = STATUSES.find((s) => s.toLowerCase() === typed.trim().toLowerCase());
  // Not a Status at all when not found: planLeadUpdate checks the list and refuses it (status/invalid).
  return found ?? (typed as Status);
}

export async function runUpdate(args: string[], io: CliIo): Promise<number> {
  const options = parseArgs(args);
  const workbook = await readInputWorkbook(options.input);
  const state = { snapshot: workbook.snapshot, model: readPlan(workbook.snapshot) };
  const ref = options.ref.trim();
  const current = state.model.actions.filter((a) => a.sheet === options.sheet && a.ref === ref);
  const only = current.length === 1 ? current[0] : undefined;
  // What the lead leaves out stays as it is: the action's status and update as read now.
  // A status only guessed from the cell's colour is none to keep: writing it would make the guess a word.
  const status =
    options.status !== null ? listStatus(options.status) : only === undefined ? null : knownStatus(only);
  if (only !== undefined && status === null) {
    const why =
      only.statusGuessed && only.status !== null
        ? `(it is only guessed as ${only.status} from its colour) `
        : only.statusText !== null
          ? `('${only.statusText}' is not one) `
          : "";
    throw new CliError(
      `${options.sheet}!${only.cell}: action ${ref} has no status ${why}to keep; give one with --status (${STATUSES.join(", ")}).`,
    );
  }
  const result = operationResult(
    state,
    leadUpdateOperation(
      {
        sheet: options.sheet,
        ref,
        action: only?.action ?? "",
        // Left out, the row's update stays as it is: the operation keeps the previous update below new words.
        update: options.update ?? "",
        // With no row found the operation refuses before it looks at the status.
        status: status ?? "Not started",
      },
      options.todayIso,
    ),
  );
  const tooLong = textLimitRefusal(options.input, result.problems);
  if (tooLong !== null) throw tooLong;
  if (result.plan === null || result.problems.length > 0) {
    throw new CliError(result.problems.map((p) => p.message).join(" ") || "nothing to write.");
  }
  const { bytes, report } = await bytesWithPlan(workbook, result.plan);
  for (const line of report.skipped) io.err(`skipped: ${line}\n`);
  const backup = await saveOutputWorkbook(bytes, options);
  io.out(`${result.plan.title}.\n`);
  io.out(`Saved ${options.output}${backup !== null ? ` (the original is kept as ${backup})` : ""}.\n`);
  return 0;
}
