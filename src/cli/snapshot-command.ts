/**
 * `action-plan snapshot IN.xlsx --label "Q2 2012-13" (-o OUT.xlsx | --in-place)`: closes the period,
 * recording every action's status and update under the label in the Status history sheet (closing the
 * same label again replaces its rows).
 */
import { localIsoDate } from "../core/basics/excel-dates";
import { readPlan } from "../core/reading/read-plan";
import { STATUS_HISTORY_SHEET } from "../core/reading/status-history";
import { closePeriodOperation } from "../operations/close-period";
import { operationResult } from "../operations/run-operation";
import { onePositional, parseCommandArgs, usageLine } from "./cli-args";
import { CliError, type CliIo } from "./cli-io";
import { problemLines, textLimitRefusal } from "./problem-lines";
import {
  type OutputTarget,
  bytesWithPlan,
  outputTarget,
  readInputWorkbook,
  saveOutputWorkbook,
} from "./workbook-files";

const USAGE = `usage: action-plan snapshot IN.xlsx --label "Q2 2012-13" (-o OUT.xlsx | --in-place)
  Closes the period: records every action's status and update under the label on the Status history
  sheet (closing the same label again replaces its rows), so the next period shows the direction of travel.
  --label LABEL          the period's label, as the board knows it ("Q2 2012-13")
  -o, --output OUT.xlsx  save the workbook there
  --in-place             overwrite IN, keeping the original as IN.bak`;

interface SnapshotArgs extends OutputTarget {
  readonly label: string;
}

const OPTIONS = {
  label: { type: "string" },
  output: { type: "string", short: "o" },
  "in-place": { type: "boolean" },
} as const;

function parseArgs(args: readonly string[]): SnapshotArgs {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, USAGE);
  const input = onePositional(positionals, "input workbook", USAGE);
  // An empty label is the core's to refuse (history/label-invalid), with the same words the pane shows.
  if (values.label === undefined)
    throw new CliError(`--label needs the period's label. ${usageLine(USAGE)}`, 2);
  return {
    ...outputTarget(input, values.output ?? null, values["in-place"] === true, usageLine(USAGE)),
    label: values.label,
  };
}

export async function runSnapshot(args: string[], io: CliIo): Promise<number> {
  const options = parseArgs(args);
  const workbook = await readInputWorkbook(options.input);
  const state = { snapshot: workbook.snapshot, model: readPlan(workbook.snapshot) };
  const result = operationResult(
    state,
    closePeriodOperation({ label: options.label, todayIso: localIsoDate(new Date()) }),
  );
  const tooLong = textLimitRefusal(options.input, result.problems);
  if (tooLong !== null) throw tooLong;
  const errors = result.problems.filter((p) => p.severity === "error");
  if (result.plan === null || errors.length > 0) {
    throw new CliError(
      (errors.length > 0 ? errors : result.problems).map((p) => p.message).join(" ") || "nothing to record.",
    );
  }
  io.err(problemLines(result.problems));
  const { bytes, report } = await bytesWithPlan(workbook, result.plan);
  for (const line of report.skipped) io.err(`skipped: ${line}\n`);
  const backup = await saveOutputWorkbook(bytes, options);
  const { label, recorded, replaced } = result.detail;
  io.out(
    `Recorded ${recorded} action${recorded === 1 ? "" : "s"} under '${label}' on '${STATUS_HISTORY_SHEET}'` +
      (replaced > 0
        ? `, replacing the ${replaced} row${replaced === 1 ? "" : "s"} recorded for '${label}' before`
        : "") +
      ".\n",
  );
  io.out(`Saved ${options.output}${backup !== null ? ` (the original is kept as ${backup})` : ""}.\n`);
  return 0;
}
