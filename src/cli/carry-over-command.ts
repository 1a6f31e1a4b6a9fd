/**
 * `action-plan carry-over IN.xlsx [--from PERIOD|SHEET] [--to NAME] [--renumber] [--leave REF|TEXT]…
 * [--unlisted-status keep|clear] [--past-due keep|roll|clear] [--today YYYY-MM-DD]
 * (-o OUT.xlsx | --in-place) [--json]`: the carry-over operation over the file. It carries the
 * outstanding actions of a period's sheets (or of one sheet) to the new period's sheets.
 */
import {
  type PastDueChoice,
  type UnlistedStatusChoice,
  actionIdentity,
  carriedFromLabel,
  carryPeriods,
  carrySources,
  defaultCarrySources,
} from "../core/planning/carry-over";
import { countWords } from "../core/basics/count-words";
import { lastPeriod } from "../core/basics/period-names";
import type { Action } from "../core/basics/plan-model";
import { carryOverOperation } from "../operations/carry-over";
import { applyPreview, previewOperation, type PlanState } from "../operations/run-operation";
import { onePositional, parseCommandArgs, usageLine, todayOption } from "./cli-args";
import { CliError, EXIT, type CliIo } from "./cli-io";
import { problemLines, textLimitRefusal } from "./problem-lines";
import { oneLineCell } from "./table-cells";
import { openFileHost, outputTarget, saveOutputWorkbook } from "./workbook-files";
import { writeReportJson } from "./write-report";

const USAGE = `usage: action-plan carry-over IN.xlsx [--from PERIOD|SHEET] [--to NAME] [--renumber] [--leave REF]… [--unlisted-status keep|clear] [--past-due keep|roll|clear] (-o OUT.xlsx | --in-place) [--json]
  Copies every action not yet Complete from one period's sheets (or one sheet) to the next period's,
  with where it came from and its last update; the old sheets are left as they are.
  --from PERIOD|SHEET    the period to carry ("2011-12": every sheet of it), or one sheet
                         (default: the latest period)
  --to NAME              the new sheet, when one sheet is carried (default: named for the next period)
  --renumber             number the carried actions N.1, N.2… under a "Carried over from" row
  --leave REF            leave this action out (its ref, or its action text when it has none); repeatable
  --unlisted-status keep|clear  a status outside the list (TBC): carried as typed and flagged (keep,
                         the default), or left blank for a lead to choose
  --past-due keep|roll|clear    a due date already past: kept (the default), moved on a year, or cleared
  --today YYYY-MM-DD     the date that tells which due dates have passed (default: today)
  -o, --output OUT.xlsx  save the result there (never the input)
  --in-place             overwrite IN, keeping the original as IN.bak
  --json                 print what was done as one JSON object instead of in words`;

const OPTIONS = {
  from: { type: "string" },
  to: { type: "string" },
  renumber: { type: "boolean" },
  leave: { type: "string", multiple: true },
  "unlisted-status": { type: "string" },
  "past-due": { type: "string" },
  today: { type: "string" },
  output: { type: "string", short: "o" },
  "in-place": { type: "boolean" },
  json: { type: "boolean" },
} as const;

function choice<T extends string>(
  option: string,
  value: string | undefined,
  allowed: readonly T[],
  byDefault: T,
): T {
  if (value === undefined) return byDefault;
  const found = allowed.find((a) => a === value);
  if (found === undefined)
    throw new CliError(`${option} takes ${allowed.join(", ")}, not '${value}'. ${usageLine(USAGE)}`, 2);
  return found;
}

/**
 * How many actions of one sheet the words list before saying how many more there are: a year of a
 * large partnership's plan carries thousands, which the new sheet lists in full.
 */
export const ACTIONS_SHOWN_PER_SHEET = 25;

/**
 * One line per action (at most ACTIONS_SHOWN_PER_SHEET, then how many more and where they are): where
 * it came from, its status and the start of its text, in aligned columns.
 */
function describeActions(actions: readonly Action[], where: string): string {
  const shown = actions.slice(0, ACTIONS_SHOWN_PER_SHEET);
  const width = Math.max(...shown.map((a) => carriedFromLabel(a).length));
  let text = "";
  for (const a of shown) {
    // A status only guessed from a fill colour is carried with none (carry/status-guessed says so).
    const status = a.statusGuessed ? `${a.status ?? ""}?` : (a.status ?? a.statusText ?? "(no status)");
    text += `  ${carriedFromLabel(a).padEnd(width)}  ${status.padEnd(11)}  ${oneLineCell(a.action, 70)}\n`;
  }
  const more = actions.length - shown.length;
  return more > 0 ? `${text}  …and ${countWords(more, "more", "more")}, all on '${where}'.\n` : text;
}

/** --leave's words as the identities carry-over matches: a ref on the sheets, else an action's text. */
function leftOut(actions: readonly Action[], sheets: readonly string[], leave: readonly string[]): string[] {
  const refs = new Set(
    actions.filter((a) => sheets.includes(a.sheet) && a.ref !== null).map((a) => a.ref?.trim()),
  );
  return leave.map((word) =>
    refs.has(word.trim())
      ? actionIdentity({ ref: word, action: "" })
      : actionIdentity({ ref: null, action: word }),
  );
}

export async function runCarryOver(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, USAGE);
  const input = onePositional(positionals, "input workbook", USAGE);
  const target = outputTarget(input, values.output ?? null, values["in-place"] === true, usageLine(USAGE));
  const json = values.json === true;
  const unlistedStatus: UnlistedStatusChoice = choice(
    "--unlisted-status",
    values["unlisted-status"],
    ["keep", "clear"],
    "keep",
  );
  const pastDue: PastDueChoice = choice("--past-due", values["past-due"], ["keep", "roll", "clear"], "keep");
  const today = todayOption(values.today, USAGE);
  const host = await openFileHost(input);
  const from = values.from ?? null;
  let sources: string[] = [];
  // The carry-over operation, with what the options leave open (the sheets of the period, --leave's
  // actions) taken from the same read of the workbook.
  const operation = (state: PlanState) => {
    const { snapshot, model } = state;
    const actionSheets = new Set(model.actions.map((a) => a.sheet));
    if (from === null && actionSheets.size > 1 && carryPeriods(model).length === 0) {
      throw new CliError(
        `${input}: no sheet name or title says which period the plan covers: name it with --from PERIOD (for example --from 2011-12), or carry one sheet with --from SHEET.`,
        2,
      );
    }
    sources = from === null ? defaultCarrySources(model) : carrySources(snapshot, model, from);
    if (sources.length === 0 && from === null)
      throw new CliError(`${input}: no sheet holds actions, so there is nothing to carry over.`);
    if (sources.length > 1 && values.to !== undefined) {
      throw new CliError(
        `--from '${from ?? ""}' is ${sources.length} sheets, and --to names one: leave --to out (each new sheet is named for the new period) or carry one sheet.`,
        2,
      );
    }
    const exclude = leftOut(model.actions, sources, values.leave ?? []);
    return carryOverOperation({
      fromSheet: sources,
      ...(values.to !== undefined ? { toSheet: values.to } : {}),
      ...(from !== null && lastPeriod(from)?.text === from.trim() ? { period: from.trim() } : {}),
      renumber: values.renumber === true,
      ...(exclude.length > 0 ? { exclude } : {}),
      unlistedStatus,
      pastDue,
      todayIso: today,
    })(state);
  };
  const preview = await previewOperation(host, operation);
  if (from === null && !json) {
    io.err(
      `Carrying from ${sources.map((s) => `'${s}'`).join(", ")} (the latest period); choose another with --from PERIOD or --from SHEET.\n`,
    );
  }
  const tooLong = textLimitRefusal(input, preview.problems);
  if (tooLong !== null) throw tooLong;
  const errors = preview.problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    const hint =
      errors.some((p) => p.rule === "carry/target-name") && values.to === undefined ? " (--to NAME)" : "";
    const periods = carryPeriods(preview.state.model).map((p) => p.period);
    const noPeriod =
      from !== null && errors.some((p) => p.rule === "carry/no-source") && lastPeriod(from) !== null
        ? ` No table names the period '${from}' either${periods.length > 0 ? ` (the periods are ${periods.join(", ")})` : ""}.`
        : "";
    throw new CliError(errors.map((p) => p.message).join(" ") + hint + noPeriod);
  }
  if (!json) io.err(problemLines(preview.problems, "--json lists every one"));
  const outcome = await applyPreview(host, preview);
  const skipped = outcome.report?.skipped ?? [];
  if (!json) for (const line of skipped) io.err(`skipped: ${line}\n`);
  const backup = await saveOutputWorkbook(host.bytes(), target);
  if (json) {
    io.out(
      writeReportJson({
        title: preview.plan?.title ?? null,
        changes: preview.lines,
        problems: preview.problems,
        skipped,
        output: target.output,
        backup,
      }),
    );
    return EXIT.ok;
  }
  for (const sheet of preview.detail.sheets) {
    const n = sheet.carried.length;
    io.out(
      n === 0
        ? `Nothing new to carry from '${sheet.source}' to '${sheet.target}'.\n`
        : `Carried ${n} action${n === 1 ? "" : "s"} from '${sheet.source}' to '${sheet.target}':\n`,
    );
    if (n > 0) io.out(describeActions(sheet.carried, sheet.target));
    if (sheet.alreadyThere.length > 0) {
      io.out(`Already on '${sheet.target}' (not carried again): ${sheet.alreadyThere.length}\n`);
      io.out(describeActions(sheet.alreadyThere, sheet.target));
    }
  }
  if (preview.detail.sheets.length > 1) {
    const n = preview.detail.carried.length;
    const period = from ?? lastPeriod(sources[0] ?? "")?.text ?? "";
    io.out(
      `Carried ${n} action${n === 1 ? "" : "s"} of ${period} from ${preview.detail.sheets.length} sheets in all.\n`,
    );
  }
  io.out(`Saved ${target.output}${backup !== null ? ` (the original is kept as ${backup})` : ""}.\n`);
  return EXIT.ok;
}
