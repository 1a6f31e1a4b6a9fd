/**
 * `action-plan carry-over IN.xlsx [--from PERIOD|SHEET] [--to NAME] [--renumber] [--unlisted-status keep|clear]
 * [--past-due keep|roll|clear] [--today YYYY-MM-DD] (-o OUT.xlsx | --in-place)`: carries the outstanding
 * actions of a period's sheets (or of one sheet) to the new period's sheets and saves the result.
 */
import {
  type PastDueChoice,
  type UnlistedStatusChoice,
  carriedFromLabel,
  carryPeriods,
  carrySources,
  defaultCarrySources,
  planCarryOver,
} from "../core/carry-over";
import { localIsoDate } from "../core/excel-dates";
import { lastPeriod } from "../core/period-names";
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
  "usage: action-plan carry-over IN.xlsx [--from PERIOD|SHEET] [--to NAME] [--renumber] [--unlisted-status keep|clear] [--past-due keep|roll|clear] [--today YYYY-MM-DD] (-o OUT.xlsx | --in-place)";

interface CarryOverArgs extends OutputTarget {
  readonly from: string | null;
  readonly to: string | null;
  readonly renumber: boolean;
  readonly unlistedStatus: UnlistedStatusChoice;
  readonly pastDue: PastDueChoice;
  readonly today: string;
}

function choice<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined)
    throw new CliError(`${option} takes ${allowed.join(", ")}, not '${value}'. ${USAGE}`, 2);
  return found;
}

function parseArgs(args: readonly string[]): CarryOverArgs {
  let input: string | null = null;
  let from: string | null = null;
  let to: string | null = null;
  let output: string | null = null;
  let renumber = false;
  let inPlace = false;
  let unlistedStatus: UnlistedStatusChoice = "keep";
  let pastDue: PastDueChoice = "keep";
  let today: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--from") from = valueAfter(args, i++, arg, USAGE);
    else if (arg === "--to") to = valueAfter(args, i++, arg, USAGE);
    else if (arg === "-o" || arg === "--output") output = valueAfter(args, i++, arg, USAGE);
    else if (arg === "--renumber") renumber = true;
    else if (arg === "--unlisted-status")
      unlistedStatus = choice(arg, valueAfter(args, i++, arg, USAGE), ["keep", "clear"]);
    else if (arg === "--past-due")
      pastDue = choice(arg, valueAfter(args, i++, arg, USAGE), ["keep", "roll", "clear"]);
    else if (arg === "--today") today = valueAfter(args, i++, arg, USAGE);
    else if (arg === "--in-place") inPlace = true;
    else if (arg.startsWith("-") && arg !== "-") throw new CliError(`unknown option '${arg}'. ${USAGE}`, 2);
    else if (input === null) input = arg;
    else throw new CliError(`unexpected argument '${arg}'. ${USAGE}`, 2);
  }
  if (input === null) throw new CliError(`no input workbook given. ${USAGE}`, 2);
  if (today !== null && !/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    throw new CliError(`--today needs a date as YYYY-MM-DD, not '${today}'.`, 2);
  }
  return {
    ...outputTarget(input, output, inPlace, USAGE),
    from,
    to,
    renumber,
    unlistedStatus,
    pastDue,
    today: today ?? localIsoDate(new Date()),
  };
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
  let sources: string[];
  const actionSheets = new Set(model.actions.map((a) => a.sheet));
  if (options.from === null && actionSheets.size > 1 && carryPeriods(model).length === 0) {
    throw new CliError(
      `${options.input}: no sheet name or title says which period the plan covers: name it with --from PERIOD (for example --from 2011-12), or carry one sheet with --from SHEET.`,
      2,
    );
  }
  if (options.from === null) {
    sources = defaultCarrySources(model);
    if (sources.length === 0)
      throw new CliError(`${options.input}: no sheet holds actions, so there is nothing to carry over.`);
    io.err(
      `Carrying from ${sources.map((s) => `'${s}'`).join(", ")} (the latest period); choose another with --from PERIOD or --from SHEET.\n`,
    );
  } else sources = carrySources(snapshot, model, options.from);
  if (sources.length > 1 && options.to !== null) {
    throw new CliError(
      `--from '${options.from ?? ""}' is ${sources.length} sheets, and --to names one: leave --to out (each new sheet is named for the new period) or carry one sheet.`,
      2,
    );
  }
  const from =
    sources.length === 1 ? (sources[0] ?? "") : (options.from ?? lastPeriod(sources[0] ?? "")?.text ?? "");
  const result = planCarryOver(snapshot, model, {
    fromSheet: sources,
    ...(options.to !== null ? { toSheet: options.to } : {}),
    ...(options.from !== null && lastPeriod(options.from)?.text === options.from.trim()
      ? { period: options.from.trim() }
      : {}),
    renumber: options.renumber,
    unlistedStatus: options.unlistedStatus,
    pastDue: options.pastDue,
    todayIso: options.today,
  });
  const errors = result.problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    const hint =
      errors.some((p) => p.rule === "carry/target-name") && options.to === null ? " (--to NAME)" : "";
    const periods = carryPeriods(model).map((p) => p.period);
    const noPeriod =
      options.from !== null &&
      errors.some((p) => p.rule === "carry/no-source") &&
      lastPeriod(options.from) !== null
        ? ` No table names the period '${options.from}' either${periods.length > 0 ? ` (the periods are ${periods.join(", ")})` : ""}.`
        : "";
    throw new CliError(errors.map((p) => p.message).join(" ") + hint + noPeriod);
  }
  for (const p of result.problems) {
    io.err(problemLine(p));
  }
  const { bytes, report } = await bytesWithPlan(workbook, result.plan);
  for (const line of report.skipped) io.err(`skipped: ${line}\n`);
  const backup = await saveOutputWorkbook(bytes, options);

  for (const sheet of result.sheets) {
    const n = sheet.carried.length;
    io.out(
      n === 0
        ? `Nothing new to carry from '${sheet.source}' to '${sheet.target}'.\n`
        : `Carried ${n} action${n === 1 ? "" : "s"} from '${sheet.source}' to '${sheet.target}':\n`,
    );
    if (n > 0) io.out(describeActions(sheet.carried));
    if (sheet.alreadyThere.length > 0) {
      io.out(`Already on '${sheet.target}' (not carried again): ${sheet.alreadyThere.length}\n`);
      io.out(describeActions(sheet.alreadyThere));
    }
  }
  if (result.sheets.length > 1) {
    const n = result.carried.length;
    io.out(
      `Carried ${n} action${n === 1 ? "" : "s"} of ${from} from ${result.sheets.length} sheets in all.\n`,
    );
  }
  io.out(`Saved ${options.output}${backup !== null ? ` (the original is kept as ${backup})` : ""}.\n`);
  return 0;
}
