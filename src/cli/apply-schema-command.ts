/**
 * `action-plan apply-schema IN.xlsx (-o OUT.xlsx | --in-place) [--json]`: the apply-schema operation
 * over the file. The preview lines go to stdout, problems to stderr; IN is never overwritten unless
 * --in-place, which first copies it to IN.bak.
 */
import { schemaOperationWith } from "../operations/apply-schema";
import { applyPreview, canApply, previewOperation } from "../operations/run-operation";
import { COLUMN_OPTION, columnOverrides, onePositional, parseCommandArgs } from "./cli-args";
import { EXIT, type CliIo } from "./cli-io";
import { problemLines } from "./problem-lines";
import { openFileHost, outputTarget, saveOutputWorkbook } from "./workbook-files";
import { writeReportJson } from "./write-report";

const USAGE = `usage: action-plan apply-schema IN.xlsx (-o OUT.xlsx | --in-place) [--column "HEADER=ROLE"]… [--json]
  Turns each action table into an Excel table, writes fill-only statuses as words, and adds the Lists
  sheet with its named ranges, status and lead dropdowns and conditional formats.
  -o, --output OUT.xlsx  save the result there (never the input)
  --in-place             overwrite IN, keeping the original as IN.bak
  --json                 print what was done as one JSON object instead of in words
  --column "HEADER=ROLE"  read the column headed HEADER as ROLE (ref, action, lead, update, status, due,
                          theme or ignore), and store that in the workbook's Columns table; repeatable`;

const OPTIONS = {
  output: { type: "string", short: "o" },
  "in-place": { type: "boolean" },
  json: { type: "boolean" },
  ...COLUMN_OPTION,
} as const;

/** Runs `apply-schema`: 0 when the result was saved (even with problems, which are listed). */
export async function runApplySchema(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, USAGE);
  const input = onePositional(positionals, "input workbook", USAGE);
  const target = outputTarget(input, values.output ?? null, values["in-place"] === true, USAGE);
  const json = values.json === true;
  const host = await openFileHost(input);
  const preview = await previewOperation(host, schemaOperationWith(columnOverrides(values.column, USAGE)));
  if (!json) io.err(problemLines(preview.problems, "--json lists every one"));
  const report = { title: null, changes: [], problems: preview.problems, skipped: [], backup: null };

  if (preview.detail.alreadyApplied) {
    const saved = target.inPlace ? null : target.output;
    if (saved !== null) await saveOutputWorkbook(host.bytes(), target);
    io.out(
      json
        ? writeReportJson({ ...report, output: saved })
        : `${input} already has the schema; nothing to change.\n`,
    );
    return EXIT.ok;
  }
  if (!canApply(preview) || preview.plan === null) {
    io.out(json ? writeReportJson({ ...report, output: null }) : `Nothing to apply in ${input}.\n`);
    return EXIT.failed;
  }
  const outcome = await applyPreview(host, preview);
  const skipped = outcome.report?.skipped ?? [];
  // The change is described once it is saved: a file that cannot be written is said alone.
  const backup = await saveOutputWorkbook(host.bytes(), target);
  if (!json) {
    io.out(`${preview.plan.title}:\n`);
    for (const line of preview.lines) io.out(`  ${line}\n`);
  }
  if (json) {
    io.out(
      writeReportJson({
        ...report,
        title: preview.plan.title,
        changes: preview.lines,
        skipped,
        output: target.output,
        backup,
      }),
    );
    return EXIT.ok;
  }
  for (const s of skipped) io.out(`  Left out: ${s}\n`);
  if (backup !== null) io.out(`Kept the original as ${backup}\n`);
  io.out(`Saved ${target.output}\n`);
  return EXIT.ok;
}
