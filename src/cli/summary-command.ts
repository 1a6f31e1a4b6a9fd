/**
 * `action-plan summary IN.xlsx (-o OUT.xlsx | --json) [--today YYYY-MM-DD] [--name PLAN]`: the summary
 * operation over the file (where the schema is missing it is applied first, in OUT, as everywhere),
 * or the counts and exceptions as one JSON object, read from IN as it is.
 */
import path from "node:path";
import { localIsoDate } from "../core/excel-dates";
import { applyPreview, previewOperation } from "../operations/run-operation";
import { summaryCountsOperation, summaryOperation } from "../operations/summary";
import { onePositional, parseCommandArgs, usageLine } from "./cli-args";
import { CliError, EXIT, type CliIo, problemLine } from "./cli-io";
import { openFileHost, saveOutputWorkbook } from "./workbook-files";

const USAGE = `usage: action-plan summary IN.xlsx (-o OUT.xlsx | --json) [--today YYYY-MM-DD] [--name PLAN]
  Builds or refreshes the print-ready Summary sheet (status by theme and by lead as live formulas, the
  Red, Amber and overdue actions) in OUT; where the schema is not applied yet it is applied first.
  -o, --output OUT.xlsx  save the workbook with its Summary sheet there (never the input)
  --json                 print the counts and exceptions as one JSON object instead (nothing is written)
  --today YYYY-MM-DD     the date the summary is as at (default: today)
  --name PLAN            the plan's name in the sheet's title (default: the file's name)`;

const OPTIONS = {
  output: { type: "string", short: "o" },
  json: { type: "boolean" },
  today: { type: "string" },
  name: { type: "string" },
} as const;

export async function runSummary(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, USAGE);
  const input = onePositional(positionals, "input workbook", USAGE);
  const output = values.output ?? null;
  const json = values.json === true;
  if (json === (output !== null))
    throw new CliError(`give either -o OUT.xlsx or --json. ${usageLine(USAGE)}`, 2);
  if (output !== null && path.resolve(output) === path.resolve(input)) {
    throw new CliError(`-o ${output} would overwrite the input; write the summary to another file.`, 2);
  }
  const today = values.today ?? null;
  if (today !== null && !/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    throw new CliError(`--today needs a date as YYYY-MM-DD, not '${today}'.`, 2);
  }
  const todayIso = today ?? localIsoDate(new Date());
  const host = await openFileHost(input);

  if (output === null) {
    const counts = await previewOperation(host, summaryCountsOperation(todayIso));
    io.out(JSON.stringify(counts.detail, null, 2) + "\n");
    return EXIT.ok;
  }
  const planName = values.name ?? path.basename(input).replace(/\.xlsx$/i, "");
  const preview = await previewOperation(host, summaryOperation(todayIso, planName));
  const outcome = await applyPreview(host, preview);
  for (const p of outcome.preview.problems) io.err(problemLine(p));
  const errors = outcome.preview.problems.filter((p) => p.severity === "error");
  if (errors.length > 0 || outcome.report === null) {
    const reason = errors.map((p) => p.message).join(" ");
    throw new CliError(`${input}: ${reason === "" ? "there is no action table to summarise." : reason}`);
  }
  for (const line of outcome.report.skipped) io.err(`skipped: ${line}\n`);
  if (!preview.detail.schemaApplied) {
    io.err(
      `The schema was not applied to ${input}, so it was applied first in ${output} (${preview.plan?.title ?? "Apply schema"}): the summary's live counts need the action tables as Excel tables. ${input} is unchanged.\n`,
    );
  }
  await saveOutputWorkbook(host.bytes(), { input, output, inPlace: false });
  // Counted on the read the Summary sheet was planned from (the schema's tables, before the sheet).
  const totals = summaryCountsOperation(todayIso)(outcome.preview.state).detail.totals;
  io.out(`${outcome.preview.plan?.title ?? "Summary"}.\n`);
  io.out(
    `  ${totals.Total} actions: ${totals.Red} Red, ${totals.Amber} Amber, ${totals.Green} Green, ${totals.Complete} Complete, ${totals["Not started"]} Not started, ${totals["No status"]} with no status.\n`,
  );
  io.out(`Saved ${output}.\n`);
  return EXIT.ok;
}
