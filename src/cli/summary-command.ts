/**
 * `action-plan summary IN.xlsx (-o OUT.xlsx | --pdf OUT.pdf | --json) [--period P] [--title PLAN]
 * [--today YYYY-MM-DD]`: the summary operation over the file (where the schema is missing it is applied
 * first, in OUT, as everywhere), printed to OUT.pdf through LibreOffice (--pdf, with or without -o), or
 * the counts and exceptions as one JSON object, read from IN as it is. The summary covers one period
 * (--period, by default the latest; "all" for every one).
 */
import path from "node:path";
import { savedPlanName } from "../core/planning/summary";
import type { Problem } from "../core/basics/problem";
import { applyPreview, previewOperation } from "../operations/run-operation";
import { summaryCountsOperation, summaryOperation } from "../operations/summary";
import { onePositional, parseCommandArgs, usageLine, todayOption } from "./cli-args";
import { CliError, EXIT, type CliIo } from "./cli-io";
import { problemLines, textLimitRefusal } from "./problem-lines";
import { ensureWritableOutput, openFileHost, saveOutputWorkbook } from "./workbook-files";

const USAGE = `usage: action-plan summary IN.xlsx (-o OUT.xlsx | --pdf OUT.pdf | --json) [--period P] [--title PLAN] [--today YYYY-MM-DD]
  Builds or refreshes the print-ready Summary sheet (status by theme and by lead as live formulas, the
  Red, Amber and overdue actions, a chart) for one period in OUT; where the schema is not applied yet
  it is applied first.
  -o, --output OUT.xlsx  save the workbook with its Summary sheet there (never the input)
  --pdf OUT.pdf          print the Summary to a PDF through LibreOffice (with or without -o)
  --json                 print the counts and exceptions as one JSON object instead (nothing is written)
  --period P             the period to summarise (default: the latest the plan holds; "all" for every one)
  --title PLAN           the plan's name in the sheet's title (default: the one kept on the Summary,
                         else the file's name); --name is the same
  --today YYYY-MM-DD     the date the summary is as at (default: today)`;

const OPTIONS = {
  output: { type: "string", short: "o" },
  pdf: { type: "string" },
  json: { type: "boolean" },
  period: { type: "string" },
  title: { type: "string" },
  name: { type: "string" },
  today: { type: "string" },
} as const;

export async function runSummary(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, USAGE);
  const input = onePositional(positionals, "input workbook", USAGE);
  const output = values.output ?? null;
  const pdf = values.pdf ?? null;
  const json = values.json === true;
  if (json === (output !== null || pdf !== null)) {
    throw new CliError(`give -o OUT.xlsx, --pdf OUT.pdf or both, or else --json. ${usageLine(USAGE)}`, 2);
  }
  if (output !== null && path.resolve(output) === path.resolve(input)) {
    throw new CliError(`-o ${output} would overwrite the input; write the summary to another file.`, 2);
  }
  const todayIso = todayOption(values.today, USAGE);
  for (const file of [output, pdf]) if (file !== null) ensureWritableOutput(file);
  const period = values.period ?? null;
  // Say so before any work when the PDF cannot be made.
  // Printing needs child_process and LibreOffice: loaded only for --pdf (node's child_process alone
  // is about 3 ms of every other run's start).
  const printer = pdf === null ? null : await import("./summary-pdf");
  const soffice = printer === null ? null : printer.findLibreOffice();
  if (printer !== null && soffice === null) throw new CliError(printer.NO_LIBREOFFICE);
  const host = await openFileHost(input);
  const snapshot = await host.readSnapshot();
  /** A period the plan does not hold (the operation's problem) is a usage error: nothing is written. */
  const refuseUnknownPeriod = (problems: readonly Problem[]): void => {
    const unknown = problems.find((p) => p.rule === "summary/unknown-period");
    if (unknown !== undefined) throw new CliError(`${input}: ${unknown.message}`, 2);
  };

  if (json) {
    const counts = await previewOperation(host, summaryCountsOperation(todayIso, period));
    refuseUnknownPeriod(counts.problems);
    io.out(JSON.stringify(counts.detail, null, 2) + "\n");
    return EXIT.ok;
  }
  const planName =
    values.title ?? values.name ?? savedPlanName(snapshot) ?? path.basename(input).replace(/\.xlsx$/i, "");
  const preview = await previewOperation(host, summaryOperation(todayIso, planName, period));
  refuseUnknownPeriod(preview.problems);
  const outcome = await applyPreview(host, preview);
  const tooLong = textLimitRefusal(input, outcome.preview.problems);
  if (tooLong !== null) throw tooLong;
  io.err(problemLines(outcome.preview.problems, "`action-plan check` lists the workbook's"));
  const errors = outcome.preview.problems.filter((p) => p.severity === "error");
  if (errors.length > 0 || outcome.report === null) {
    const reason = errors.map((p) => p.message).join(" ");
    throw new CliError(`${input}: ${reason === "" ? "there is no action table to summarise." : reason}`);
  }
  for (const line of outcome.report.skipped) io.err(`skipped: ${line}\n`);
  if (!preview.detail.schemaApplied) {
    io.err(
      `The schema was not applied to ${input}, so it was applied first in ${output ?? pdf ?? "the output"} (${preview.plan?.title ?? "Apply schema"}): the summary's live counts need the action tables as Excel tables. ${input} is unchanged.\n`,
    );
  }
  if (output !== null) await saveOutputWorkbook(host.bytes(), { input, output, inPlace: false });
  if (pdf !== null && printer !== null) await printer.writeSummaryPdf(host.bytes(), pdf, soffice);
  // The counts the Summary sheet shows, worked out with its plan.
  const counts = outcome.preview.detail.counts;
  if (counts === null) throw new Error("A Summary sheet was written without its counts");
  const totals = counts.totals;
  if (counts.period !== null) io.out(`Period ${counts.period}.\n`);
  io.out(`${outcome.preview.plan?.title ?? "Summary"}.\n`);
  io.out(
    `  ${totals.Total} actions: ${totals.Red} Red, ${totals.Amber} Amber, ${totals.Green} Green, ${totals.Complete} Complete, ${totals["Not started"]} Not started, ${totals["No status"]} with no status.\n`,
  );
  for (const saved of [output, pdf]) if (saved !== null) io.out(`Saved ${saved}.\n`);
  return EXIT.ok;
}
