/**
 * `action-plan carry-over IN.xlsx [--from SHEET] [--to NAME] [--renumber] (-o OUT.xlsx | --in-place)`:
 * carries the source sheet's outstanding actions to the new year's sheet and saves the result.
 */
import { planCarryOver, carriedFromLabel } from "../core/carry-over";
import { defaultSourceSheet } from "../core/period-names";
import type { Action } from "../core/plan-model";
import { readPlan } from "../core/read-plan";
import { valueAfter } from "./cli-args";
import { CliError, type CliIo, problemLine } from "./cli-io";
import {
  type OutputTarget,
  bytesWithPlan,
  outputTarget,
  readInputWorkbook,
  saveOutputWorkbook,
} from "./workbook-files";

const USAGE =
  "usage: action-plan carry-over IN.xlsx [--from SHEET] [--to NAME] [--renumber] (-o OUT.xlsx | --in-place)";

interface CarryOverArgs extends OutputTarget {
  readonly from: string | null;
  readonly to: string | null;
  readonly renumber: boolean;
}

function parseArgs(args: readonly string[]): CarryOverArgs {
  let input: string | null = null;
  let from: string | null = null;
  let to: string | null = null;
  let output: string | null = null;
  let renumber = false;
  let inPlace = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--from") from = valueAfter(args, i++, arg, USAGE);
    else if (arg === "--to") to = valueAfter(args, i++, arg, USAGE);
    else if (arg === "-o" || arg === "--output") output = valueAfter(args, i++, arg, USAGE);
    else if (arg === "--renumber") renumber = true;
    else if (arg === "--in-place") inPlace = true;
    else if (arg.startsWith("-") && arg !== "-") throw new CliError(`unknown option '${arg}'. ${USAGE}`, 2);
    else if (input === null) input = arg;
    else throw new CliError(`unexpected argument '${arg}'. ${USAGE}`, 2);
  }
  if (input === null) throw new CliError(`no input workbook given. ${USAGE}`, 2);
  return { ...outputTarget(input, output, inPlace, USAGE), from, to, renumber };
}

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

export async function runCarryOver(args: string[], io: CliIo): Promise<number> {
  const options = parseArgs(args);
  const workbook = await readInputWorkbook(options.input);
  const { snapshot } = workbook;
  const model = readPlan(snapshot);
  let from = options.from;
  if (from === null) {
    from = defaultSourceSheet(model);
    if (from === null)
      throw new CliError(`${options.input}: no sheet holds actions, so there is nothing to carry over.`);
    io.err(`Carrying from '${from}' (the latest year's sheet); choose another with --from SHEET.\n`);
  }
  const result = planCarryOver(snapshot, model, {
    fromSheet: from,
    ...(options.to !== null ? { toSheet: options.to } : {}),
    renumber: options.renumber,
  });
  const errors = result.problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    const hint =
      errors.some((p) => p.rule === "carry/target-name") && options.to === null ? " (--to NAME)" : "";
    throw new CliError(errors.map((p) => p.message).join(" ") + hint);
  }
  for (const p of result.problems) {
    io.err(problemLine(p));
  }
  const { bytes, report } = await bytesWithPlan(workbook, result.plan);
  for (const line of report.skipped) io.err(`skipped: ${line}\n`);
  const backup = await saveOutputWorkbook(bytes, options);

  const n = result.carried.length;
  io.out(
    n === 0
      ? `Nothing new to carry from '${from}' to '${result.targetSheet}'.\n`
      : `Carried ${n} action${n === 1 ? "" : "s"} from '${from}' to '${result.targetSheet}':\n`,
  );
  if (n > 0) io.out(describeActions(result.carried));
  if (result.alreadyThere.length > 0) {
    io.out(`Already on '${result.targetSheet}' (not carried again): ${result.alreadyThere.length}\n`);
    io.out(describeActions(result.alreadyThere));
  }
  io.out(`Saved ${options.output}${backup !== null ? ` (the original is kept as ${backup})` : ""}.\n`);
  return 0;
}
