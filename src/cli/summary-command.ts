/**
 * `action-plan summary IN.xlsx (-o OUT.xlsx | --pdf OUT.pdf | --json) [--today YYYY-MM-DD] [--title PLAN] [--period P]`:
 * builds or refreshes the Summary sheet in OUT (applying the schema there first when needed), prints
 * it to OUT.pdf through LibreOffice (--pdf, with or without -o), or
 * prints the counts and exceptions as one JSON object, read from IN as it is. The summary covers one
 * period (--period, by default the latest; "all" for every one).
 */
import path from "node:path";
import { isSchemaApplied, planApplySchema } from "../core/apply-schema";
import { readPlan } from "../core/read-plan";
import { planSummarySheet, savedPlanName, summarisePlan, summaryBlocker } from "../core/summary";
import { periodChoiceProblem } from "../core/table-periods";
import { localIsoDate } from "../core/excel-dates";
import { valueAfter } from "./cli-args";
import { CliError, type CliIo, problemLine } from "./cli-io";
import { NO_LIBREOFFICE, findLibreOffice, writeSummaryPdf } from "./summary-pdf";
import { bytesWithPlan, readInputWorkbook, saveOutputWorkbook, workbookWithPlan } from "./workbook-files";

const USAGE =
  "usage: action-plan summary IN.xlsx (-o OUT.xlsx | --pdf OUT.pdf | --json) [--today YYYY-MM-DD] [--title PLAN] [--period P]";

interface SummaryArgs {
  readonly input: string;
  readonly output: string | null;
  readonly pdf: string | null;
  readonly json: boolean;
  readonly todayIso: string;
  readonly planName: string | null;
  readonly period: string | null;
}

function parseArgs(args: readonly string[]): SummaryArgs {
  let input: string | null = null;
  let output: string | null = null;
  let pdf: string | null = null;
  let json = false;
  let today: string | null = null;
  let name: string | null = null;
  let period: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "-o" || arg === "--output") output = valueAfter(args, i++, arg, USAGE);
    else if (arg === "--json") json = true;
    else if (arg === "--pdf") pdf = valueAfter(args, i++, arg, USAGE);
    else if (arg === "--today") today = valueAfter(args, i++, arg, USAGE);
    else if (arg === "--name" || arg === "--title") name = valueAfter(args, i++, arg, USAGE);
    else if (arg === "--period") period = valueAfter(args, i++, arg, USAGE);
    else if (arg.startsWith("-") && arg !== "-") throw new CliError(`unknown option '${arg}'. ${USAGE}`, 2);
    else if (input === null) input = arg;
    else throw new CliError(`unexpected argument '${arg}'. ${USAGE}`, 2);
  }
  if (input === null) throw new CliError(`no input workbook given. ${USAGE}`, 2);
  if (json === (output !== null || pdf !== null)) {
    throw new CliError(`give -o OUT.xlsx, --pdf OUT.pdf or both, or else --json. ${USAGE}`, 2);
  }
  if (output !== null && path.resolve(output) === path.resolve(input)) {
    throw new CliError(`-o ${output} would overwrite the input; write the summary to another file.`, 2);
  }
  if (today !== null && !/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    throw new CliError(`--today needs a date as YYYY-MM-DD, not '${today}'.`, 2);
  }
  return {
    input,
    output,
    pdf,
    json,
    todayIso: today ?? localIsoDate(new Date()),
    planName: name,
    period,
  };
}

export async function runSummary(args: string[], io: CliIo): Promise<number> {
  const options = parseArgs(args);
  // Say so before any work when the PDF cannot be made.
  const soffice = options.pdf === null ? null : findLibreOffice();
  if (options.pdf !== null && soffice === null) throw new CliError(NO_LIBREOFFICE);
  let workbook = await readInputWorkbook(options.input);
  let { snapshot } = workbook;
  let model = readPlan(snapshot);
  const periodProblem = options.period === null ? null : periodChoiceProblem(model, options.period);
  if (periodProblem !== null) throw new CliError(`${options.input}: ${periodProblem}`, 2);

  if (options.json) {
    io.out(JSON.stringify(summarisePlan(model, options.todayIso, options.period), null, 2) + "\n");
    return 0;
  }
  const output = options.output ?? `the workbook printed to ${options.pdf ?? "PDF"}`;

  if (model.tables.length > 0 && !isSchemaApplied(snapshot, model)) {
    const schema = planApplySchema(snapshot, model);
    for (const p of schema.problems) {
      io.err(problemLine(p));
    }
    const applied = await workbookWithPlan(workbook, schema.plan, options.input);
    workbook = applied.workbook;
    const report = applied.report;
    for (const line of report.skipped) io.err(`skipped: ${line}\n`);
    io.err(
      `The schema was not applied to ${options.input}, so it was applied first in ${output} (${schema.plan.title}): the summary's live counts need the action tables as Excel tables. ${options.input} is unchanged.\n`,
    );
    snapshot = workbook.snapshot;
    model = readPlan(snapshot);
  }

  const blocker = summaryBlocker(snapshot, model);
  if (blocker !== null) throw new CliError(`${options.input}: ${blocker}`);
  const planName =
    options.planName ?? savedPlanName(snapshot) ?? path.basename(options.input).replace(/\.xlsx$/i, "");
  const plan = planSummarySheet(snapshot, model, {
    todayIso: options.todayIso,
    planName,
    period: options.period,
  });
  const { bytes, report } = await bytesWithPlan(workbook, plan);
  for (const line of report.skipped) io.err(`skipped: ${line}\n`);
  if (options.output !== null) {
    await saveOutputWorkbook(bytes, { input: options.input, output: options.output, inPlace: false });
  }
  if (options.pdf !== null) await writeSummaryPdf(bytes, options.pdf, soffice);

  const { totals, period } = summarisePlan(model, options.todayIso, options.period);
  if (period !== null) io.out(`Period ${period}.\n`);
  io.out(`${plan.title}.\n`);
  io.out(
    `  ${totals.Total} actions: ${totals.Red} Red, ${totals.Amber} Amber, ${totals.Green} Green, ${totals.Complete} Complete, ${totals["Not started"]} Not started, ${totals["No status"]} with no status.\n`,
  );
  for (const saved of [options.output, options.pdf]) if (saved !== null) io.out(`Saved ${saved}.\n`);
  return 0;
}
