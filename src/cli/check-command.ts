/** `action-plan check FILE.xlsx [--json] [--today YYYY-MM-DD]`: every problem in the plan, one a line. */
import { checkOperation } from "../operations/check";
import { previewOperation } from "../operations/run-operation";
import { onePositional, parseCommandArgs, todayOption } from "./cli-args";
import { EXIT, problemJson, problemLine, type CliIo } from "./cli-io";
import { openFileHost } from "./workbook-files";

const USAGE = `usage: action-plan check FILE.xlsx [--json] [--today YYYY-MM-DD]
  Every problem in the plan (invalid status, Red/Amber/Complete without an update, unknown lead,
  duplicate or missing ref, overdue), each with its sheet and cell, on stdout.
  --json                 print {"problems":[{"sheet","cell","rule","severity","message"}]} instead
  --today YYYY-MM-DD     the date overdue is counted from (default: today)`;

const OPTIONS = { json: { type: "boolean" }, today: { type: "string" } } as const;

/** Runs `check`: 0 when the file was read, whatever it holds (the problems are the output). */
export async function runCheck(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, USAGE);
  const file = onePositional(positionals, "workbook", USAGE);
  const today = todayOption(values.today, USAGE);
  const { problems } = await previewOperation(await openFileHost(file), checkOperation(today));
  if (values.json === true) {
    const rows = problems.map(problemJson);
    io.out(`${JSON.stringify({ problems: rows })}\n`);
  } else if (problems.length === 0) io.out(`${file}: no problems found.\n`);
  else for (const p of problems) io.out(problemLine(p));
  return EXIT.ok;
}
