/**
 * `action-plan apply-schema IN.xlsx (-o OUT.xlsx | --in-place)`: applies the schema and saves the
 * result. The preview lines go to stdout, problems to stderr; IN is never overwritten unless
 * --in-place, which first copies it to IN.bak.
 */
import { copyFile } from "node:fs/promises";
import path from "node:path";
import { planApplySchema } from "../core/apply-schema";
import { describeWritePlan } from "../core/describe-write-plan";
import { readPlan } from "../core/read-plan";
import { applyWritePlanToWorkbook } from "../xlsx/apply-write-plan";
import { WorkbookFileError, readWorkbookFile, writeWorkbookFile } from "../xlsx/xlsx-file";
import { snapshotFromWorkbook } from "../xlsx/xlsx-snapshot";
import { CliError, type CliIo } from "./cli-io";

const USAGE = "usage: action-plan apply-schema IN.xlsx (-o OUT.xlsx | --in-place)";

interface ApplySchemaArgs {
  readonly input: string;
  readonly output: string;
  readonly inPlace: boolean;
}

function parseArgs(args: readonly string[]): ApplySchemaArgs {
  let input: string | null = null;
  let output: string | null = null;
  let inPlace = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "-o" || arg === "--output") {
      const value = args[i + 1];
      if (value === undefined || value.startsWith("-"))
        throw new CliError(`${arg} needs a file name. ${USAGE}`, 2);
      output = value;
      i++;
    } else if (arg === "--in-place") inPlace = true;
    else if (arg.startsWith("-")) throw new CliError(`apply-schema: unknown option '${arg}'. ${USAGE}`, 2);
    else if (input === null) input = arg;
    else throw new CliError(`apply-schema: unexpected argument '${arg}'. ${USAGE}`, 2);
  }
  if (input === null) throw new CliError(`apply-schema: no input workbook given. ${USAGE}`, 2);
  if (inPlace && output !== null)
    throw new CliError("apply-schema: give either -o OUT.xlsx or --in-place, not both.", 2);
  if (!inPlace && output === null) throw new CliError(`apply-schema: no output given. ${USAGE}`, 2);
  if (output !== null && path.resolve(output) === path.resolve(input)) {
    throw new CliError(
      `apply-schema: -o ${output} would overwrite the input; use --in-place (which keeps a .bak).`,
      2,
    );
  }
  return { input, output: output ?? input, inPlace };
}

/** Runs `apply-schema`: 0 when the result was saved (even with problems, which are listed). */
export async function runApplySchema(args: string[], io: CliIo): Promise<number> {
  const options = parseArgs(args);
  let workbook;
  try {
    workbook = await readWorkbookFile(options.input);
  } catch (e) {
    if (e instanceof WorkbookFileError) throw new CliError(e.message);
    throw e;
  }
  const snapshot = snapshotFromWorkbook(workbook);
  const model = readPlan(snapshot);
  const schema = planApplySchema(snapshot, model);
  for (const p of schema.problems) {
    io.err(
      `${p.severity}: ${p.sheet === "" ? "" : `'${p.sheet}'${p.cell === "" ? "" : ` ${p.cell}`}: `}${p.message}\n`,
    );
  }
  if (schema.alreadyApplied) {
    io.out(`${options.input} already has the schema; nothing to change.\n`);
    if (!options.inPlace) await writeWorkbookFile(workbook, options.output);
    return 0;
  }
  if (schema.plan.ops.length === 0) {
    io.out(`Nothing to apply in ${options.input}.\n`);
    return 1;
  }
  io.out(`${schema.plan.title}:\n`);
  for (const line of describeWritePlan(schema.plan)) io.out(`  ${line}\n`);
  const report = applyWritePlanToWorkbook(workbook, schema.plan);
  for (const s of report.skipped) io.out(`  Left out: ${s}\n`);
  if (options.inPlace) {
    const backup = `${options.input}.bak`;
    await copyFile(options.input, backup);
    io.out(`Kept the original as ${backup}\n`);
  }
  await writeWorkbookFile(workbook, options.output);
  io.out(`Saved ${options.output}\n`);
  return 0;
}
