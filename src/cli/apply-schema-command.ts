/**
 * `action-plan apply-schema IN.xlsx (-o OUT.xlsx | --in-place)`: applies the schema and saves the
 * result. The preview lines go to stdout, problems to stderr; IN is never overwritten unless
 * --in-place, which first copies it to IN.bak.
 */
import { planApplySchema } from "../core/apply-schema";
import { describeWritePlan } from "../core/describe-write-plan";
import { readPlan } from "../core/read-plan";
import { columnFlags, valueAfter } from "./cli-args";
import { CliError, problemLine, type CliIo } from "./cli-io";
import {
  type OutputTarget,
  bytesWithPlan,
  outputTarget,
  readInputWorkbook,
  saveOutputWorkbook,
} from "./workbook-files";

const USAGE = 'usage: action-plan apply-schema IN.xlsx (-o OUT.xlsx | --in-place) [--column "HEADER=ROLE"]…';

function parseArgs(args: readonly string[]): OutputTarget {
  let input: string | null = null;
  let output: string | null = null;
  let inPlace = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "-o" || arg === "--output") output = valueAfter(args, i++, arg, USAGE);
    else if (arg === "--in-place") inPlace = true;
    else if (arg.startsWith("-")) throw new CliError(`apply-schema: unknown option '${arg}'. ${USAGE}`, 2);
    else if (input === null) input = arg;
    else throw new CliError(`apply-schema: unexpected argument '${arg}'. ${USAGE}`, 2);
  }
  if (input === null) throw new CliError(`apply-schema: no input workbook given. ${USAGE}`, 2);
  return outputTarget(input, output, inPlace, USAGE);
}

/** Runs `apply-schema`: 0 when the result was saved (even with problems, which are listed). */
export async function runApplySchema(args: string[], io: CliIo): Promise<number> {
  const { overrides, rest } = columnFlags(args, USAGE);
  const options = parseArgs(rest);
  const workbook = await readInputWorkbook(options.input);
  const { snapshot } = workbook;
  const model = readPlan(snapshot, { columnOverrides: overrides });
  const schema = planApplySchema(snapshot, model, overrides);
  for (const p of schema.problems) io.err(problemLine(p));
  if (schema.alreadyApplied) {
    io.out(`${options.input} already has the schema; nothing to change.\n`);
    if (!options.inPlace) await saveOutputWorkbook(workbook.bytes, options);
    return 0;
  }
  if (schema.plan.ops.length === 0) {
    io.out(`Nothing to apply in ${options.input}.\n`);
    return 1;
  }
  io.out(`${schema.plan.title}:\n`);
  for (const line of describeWritePlan(schema.plan)) io.out(`  ${line}\n`);
  const { bytes, report } = await bytesWithPlan(workbook, schema.plan);
  for (const s of report.skipped) io.out(`  Left out: ${s}\n`);
  const backup = await saveOutputWorkbook(bytes, options);
  if (backup !== null) io.out(`Kept the original as ${backup}\n`);
  io.out(`Saved ${options.output}\n`);
  return 0;
}
