/**
 * `action-plan carry-over IN.xlsx [--from SHEET] [--to NAME] [--renumber] [--leave REF|TEXT]…
 * (-o OUT.xlsx | --in-place) [--json]`: the carry-over operation over the file.
 */
import { actionIdentity, carriedFromLabel } from "../core/carry-over";
import { defaultSourceSheet } from "../core/period-names";
import type { Action } from "../core/plan-model";
import { carryOverOperation } from "../operations/carry-over";
import { applyPreview, previewOperation, type PlanState } from "../operations/run-operation";
import { onePositional, parseCommandArgs } from "./cli-args";
import { CliError, EXIT, type CliIo, problemLine } from "./cli-io";
import { openFileHost, outputTarget, saveOutputWorkbook } from "./workbook-files";
import { writeReportJson } from "./write-report";

const USAGE = `usage: action-plan carry-over IN.xlsx [--from SHEET] [--to NAME] [--renumber] [--leave REF]… (-o OUT.xlsx | --in-place) [--json]
  Copies every action not yet Complete from one year's sheet to the next, with where it came from and
  its last update; the source sheet is left as it is.
  --from SHEET           the sheet to carry from (default: the latest year's sheet)
  --to NAME              the new sheet (default: the period after the source's, e.g. 2012-13)
  --renumber             number the carried actions N.1, N.2… under a "Carried over from" row
  --leave REF            leave this action out (its ref, or its action text when it has none); repeatable
  -o, --output OUT.xlsx  save the result there (never the input)
  --in-place             overwrite IN, keeping the original as IN.bak
  --json                 print what was done as one JSON object instead of in words`;

const OPTIONS = {
  from: { type: "string" },
  to: { type: "string" },
  renumber: { type: "boolean" },
  leave: { type: "string", multiple: true },
  output: { type: "string", short: "o" },
  "in-place": { type: "boolean" },
  json: { type: "boolean" },
} as const;

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** One line per action: where it came from, its status and the start of its text, in aligned columns. */
function describeActions(actions: readonly Action[]): string {
  const width = Math.max(...actions.map((a) => carriedFromLabel(a).length));
  return actions
    .map((a) => {
      const status = a.status ?? a.statusText ?? "(no status)";
      return `  ${carriedFromLabel(a).padEnd(width)}  ${status.padEnd(11)}  ${oneLine(a.action, 70)}\n`;
    })
    .join("");
}

/** --leave's words as the identities carry-over matches: a ref on the sheet, else an action's text. */
function leftOut(actions: readonly Action[], sheet: string, leave: readonly string[]): string[] {
  const refs = new Set(actions.filter((a) => a.sheet === sheet && a.ref !== null).map((a) => a.ref?.trim()));
  return leave.map((word) =>
    refs.has(word.trim())
      ? actionIdentity({ ref: word, action: "" })
      : actionIdentity({ ref: null, action: word }),
  );
}

export async function runCarryOver(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, USAGE);
  const input = onePositional(positionals, "input workbook", USAGE);
  const target = outputTarget(input, values.output ?? null, values["in-place"] === true, USAGE);
  const json = values.json === true;
  const host = await openFileHost(input);
  let from = values.from ?? null;
  // The carry-over operation, with what the options leave open (the source, --leave's actions) taken
  // from the same read of the workbook.
  const operation = (state: PlanState) => {
    from ??= defaultSourceSheet(state.model);
    if (from === null)
      throw new CliError(`${input}: no sheet holds actions, so there is nothing to carry over.`);
    const exclude = leftOut(state.model.actions, from, values.leave ?? []);
    return carryOverOperation({
      fromSheet: from,
      ...(values.to !== undefined ? { toSheet: values.to } : {}),
      renumber: values.renumber === true,
      ...(exclude.length > 0 ? { exclude } : {}),
    })(state);
  };
  const preview = await previewOperation(host, operation);
  if (values.from === undefined && !json) {
    io.err(`Carrying from '${from}' (the latest year's sheet); choose another with --from SHEET.\n`);
  }
  const errors = preview.problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    const hint =
      errors.some((p) => p.rule === "carry/target-name") && values.to === undefined ? " (--to NAME)" : "";
    throw new CliError(errors.map((p) => p.message).join(" ") + hint);
  }
  if (!json) for (const p of preview.problems) io.err(problemLine(p));
  const outcome = await applyPreview(host, preview);
  const skipped = outcome.report?.skipped ?? [];
  if (!json) for (const line of skipped) io.err(`skipped: ${line}\n`);
  const backup = await saveOutputWorkbook(host.bytes(), target);
  const { carried, alreadyThere, targetSheet } = preview.detail;
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
  const n = carried.length;
  io.out(
    n === 0
      ? `Nothing new to carry from '${from}' to '${targetSheet}'.\n`
      : `Carried ${n} action${n === 1 ? "" : "s"} from '${from}' to '${targetSheet}':\n`,
  );
  if (n > 0) io.out(describeActions(carried));
  if (alreadyThere.length > 0) {
    io.out(`Already on '${targetSheet}' (not carried again): ${alreadyThere.length}\n`);
    io.out(describeActions(alreadyThere));
  }
  io.out(`Saved ${target.output}${backup !== null ? ` (the original is kept as ${backup})` : ""}.\n`);
  return EXIT.ok;
}
