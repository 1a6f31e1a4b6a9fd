/**
 * `action-plan carry-over IN.xlsx [--from SHEET] [--to NAME] [--renumber] (-o OUT.xlsx | --in-place)`:
 * carries the source sheet's outstanding actions to the new year's sheet and saves the result.
 */
import { copyFile } from "node:fs/promises";
import path from "node:path";
import { planCarryOver, carriedFromLabel } from "../core/carry-over";
import { defaultSourceSheet } from "../core/period-names";
import type { Action } from "../core/plan-model";
import { readPlan } from "../core/read-plan";
import { applyWritePlanToWorkbook } from "../xlsx/apply-write-plan";
import { WorkbookFileError, readWorkbookFile, writeWorkbookFile } from "../xlsx/xlsx-file";
import { snapshotFromWorkbook } from "../xlsx/xlsx-snapshot";
import { CliError, type CliIo } from "./cli-io";

const USAGE =
  "usage: action-plan carry-over IN.xlsx [--from SHEET] [--to NAME] [--renumber] (-o OUT.xlsx | --in-place)";

interface CarryOverArgs {
  readonly input: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly renumber: boolean;
  readonly output: string;
  readonly inPlace: boolean;
}

function valueAfter(args: readonly string[], i: number, flag: string): string {
  const value = args[i + 1];
  if (value === undefined || value.startsWith("--")) throw new CliError(`${flag} needs a value. ${USAGE}`, 2);
  return value;
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
    if (arg === "--from") from = valueAfter(args, i++, arg);
    else if (arg === "--to") to = valueAfter(args, i++, arg);
    else if (arg === "-o" || arg === "--output") output = valueAfter(args, i++, arg);
    else if (arg === "--renumber") renumber = true;
    else if (arg === "--in-place") inPlace = true;
    else if (arg.startsWith("-") && arg !== "-") throw new CliError(`unknown option '${arg}'. ${USAGE}`, 2);
    else if (input === null) input = arg;
    else throw new CliError(`unexpected argument '${arg}'. ${USAGE}`, 2);
  }
  if (input === null) throw new CliError(`no input workbook given. ${USAGE}`, 2);
  if (inPlace && output !== null) throw new CliError(`give either -o OUT.xlsx or --in-place, not both.`, 2);
  if (!inPlace && output === null)
    throw new CliError(`no output given: add -o OUT.xlsx (or --in-place). ${USAGE}`, 2);
  if (!inPlace && output !== null && path.resolve(output) === path.resolve(input)) {
    throw new CliError(
      `-o ${output} would overwrite the input; use --in-place (which keeps ${input}.bak) instead.`,
      2,
    );
  }
  return { input, from, to, renumber, output: output ?? input, inPlace };
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

/** A file that cannot be read or written is the user's to fix: one line, non-zero exit. */
async function asCliError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof WorkbookFileError) throw new CliError(e.message);
    throw e;
  }
}

export async function runCarryOver(args: string[], io: CliIo): Promise<number> {
  const options = parseArgs(args);
  const workbook = await asCliError(readWorkbookFile(options.input));
  const snapshot = snapshotFromWorkbook(workbook);
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
    io.err(`${p.severity}: ${p.cell === "" ? p.sheet : `${p.sheet}!${p.cell}`}: ${p.message}\n`);
  }
  const report = applyWritePlanToWorkbook(workbook, result.plan);
  for (const line of report.skipped) io.err(`skipped: ${line}\n`);
  if (options.inPlace) await copyFile(options.input, `${options.input}.bak`);
  await asCliError(writeWorkbookFile(workbook, options.output));

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
  io.out(
    `Saved ${options.output}${options.inPlace ? ` (the original is kept as ${options.input}.bak)` : ""}.\n`,
  );
  return 0;
}
