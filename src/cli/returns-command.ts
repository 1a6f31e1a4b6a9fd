/**
 * `action-plan returns make IN.xlsx --out DIR [--lead CODE]... [--name PLAN] [--partnership NAME] [--today YYYY-MM-DD]`:
 * one return per lead (or per lead named) in DIR, named for the lead and the period. The first time,
 * it records the plan's id in IN itself (keeping IN.bak), so the merge can tell its returns.
 * `action-plan returns merge IN.xlsx FILE.xlsx... -o OUT.xlsx [--conflicts plan|return] [--today YYYY-MM-DD]`:
 * merges the returned files into OUT. An answer or file it refuses is an error on stderr: where other
 * answers merge, OUT is written and it exits 0; where every answer is refused, nothing is written and
 * it exits 1 (README: Partner returns).
 */
import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { readPlan } from "../core/reading/read-plan";
import { planReturns, type LeadReturn } from "../core/planning/returns-make";
import {
  planMergeReturns,
  type ConflictChoice,
  type ReturnAnswer,
  type ReturnedFile,
} from "../core/planning/returns-merge";
import { onePositional, parseCommandArgs, usageLine, todayOption } from "./cli-args";
import { CliError, CliHelp, type CliIo, EXIT } from "./cli-io";
import { problemLines, textLimitRefusal } from "./problem-lines";
import {
  bytesWithPlan,
  outputTarget,
  readInputWorkbook,
  readReturnedFile,
  saveOutputWorkbook,
  returnFileBytes,
  saveNewWorkbook,
  unchangedWorkbookBytes,
} from "./workbook-files";

const USAGE = `usage: action-plan returns (make | merge) …
  action-plan returns make IN.xlsx --out DIR [--lead CODE]... [--name PLAN] [--partnership NAME] [--today YYYY-MM-DD]
  action-plan returns merge IN.xlsx FILE.xlsx... -o OUT.xlsx [--conflicts plan|return] [--today YYYY-MM-DD]`;

const MAKE_OPTIONS = {
  out: { type: "string" },
  lead: { type: "string", multiple: true },
  name: { type: "string" },
  partnership: { type: "string" },
  today: { type: "string" },
} as const;

const MERGE_OPTIONS = {
  output: { type: "string", short: "o" },
  today: { type: "string" },
  conflicts: { type: "string" },
} as const;

function todayFrom(value: string | null): string {
  return todayOption(value, USAGE);
}

async function runMake(args: readonly string[], io: CliIo): Promise<number> {
  const { values: opts, positionals } = parseCommandArgs(args, MAKE_OPTIONS, USAGE);
  const input = onePositional(positionals, "input workbook", USAGE);
  const outDir = opts.out ?? null;
  const name = opts.name ?? null;
  const partnership = opts.partnership ?? "";
  const today = opts.today ?? null;
  const leads = opts.lead ?? [];
  if (outDir === null) throw new CliError(`no folder for the returns: add --out DIR. ${usageLine(USAGE)}`, 2);
  const workbook = await readInputWorkbook(input);
  const model = readPlan(workbook.snapshot);
  const made = planReturns(workbook.snapshot, model, {
    newPlanId: randomUUID(),
    planName: name ?? path.basename(input).replace(/\.xlsx$/i, ""),
    partnership,
    todayIso: todayFrom(today),
    leads: leads.length === 0 ? null : leads,
  });
  // Nothing is written, the plan's id included, when a return would cut a text.
  const tooLong = textLimitRefusal(input, made.problems);
  if (tooLong !== null) throw tooLong;
  io.err(problemLines(made.problems));
  if (made.returns.length === 0)
    throw new CliError(`${input}: no return to make (no lead has an open action to answer).`);
  // Every return is made before anything is saved, so a return that cannot be made leaves no file
  // behind and the plan as it was.
  const used = new Set<string>();
  const files: Array<{ readonly target: string; readonly bytes: Uint8Array; readonly made: LeadReturn }> = [];
  for (const leadReturn of made.returns) {
    let file = leadReturn.fileName;
    for (let n = 2; used.has(file.toLowerCase()); n++)
      file = leadReturn.fileName.replace(/\.xlsx$/, ` (${n}).xlsx`);
    used.add(file.toLowerCase());
    files.push({
      target: path.join(outDir, file),
      bytes: await returnFileBytes(leadReturn),
      made: leadReturn,
    });
  }
  if (made.planIdPlan !== null) {
    const { bytes } = await bytesWithPlan(workbook, made.planIdPlan);
    await saveOutputWorkbook(bytes, { input, output: input, inPlace: true });
    io.err(
      `Recorded the plan's id (${made.planId}) in ${input}, so its returns can be merged back; the original is kept as ${input}.bak.\n`,
    );
  }
  await mkdir(outDir, { recursive: true });
  for (const { target, bytes, made: leadReturn } of files) {
    await saveNewWorkbook(bytes, target);
    io.out(
      `${target}: ${leadReturn.actions.length} action${leadReturn.actions.length === 1 ? "" : "s"} for ${leadReturn.leadName}.\n`,
    );
  }
  io.out(`Made ${made.returns.length} return${made.returns.length === 1 ? "" : "s"} in ${outDir}.\n`);
  return 0;
}

function values(status: string | null, update: string): string {
  const shown = update.replace(/\s+/g, " ").trim();
  return `${status ?? "no status"}, '${shown.length > 80 ? `${shown.slice(0, 77)}…` : shown}'`;
}

function answerLine(kind: string, a: ReturnAnswer): string {
  const where = `${a.sheet}!${a.cell}${a.ref !== null ? ` (${a.ref})` : ""}`;
  return `${kind}: ${where}: ${values(a.plan.status, a.plan.update)} → ${values(a.answer.status, a.answer.update)} [${a.file}]\n`;
}

async function runMerge(args: readonly string[], io: CliIo): Promise<number> {
  const { values: opts, positionals } = parseCommandArgs(args, MERGE_OPTIONS, USAGE);
  const [input, ...files] = positionals;
  const output = opts.output ?? null;
  const today = opts.today ?? null;
  const conflictsValue = opts.conflicts ?? "plan";
  if (conflictsValue !== "plan" && conflictsValue !== "return")
    throw new CliError(`--conflicts takes plan or return, not '${conflictsValue}'.`, 2);
  const conflicts: ConflictChoice = conflictsValue;
  if (input === undefined) throw new CliError(`no input workbook given. ${usageLine(USAGE)}`, 2);
  if (files.length === 0) throw new CliError(`no returned file given. ${usageLine(USAGE)}`, 2);
  const target = outputTarget(input, output, false, USAGE);
  const workbook = await readInputWorkbook(input);
  const returned: ReturnedFile[] = [];
  for (const file of files) {
    returned.push(await readReturnedFile(file));
  }
  const model = readPlan(workbook.snapshot);
  const first = planMergeReturns(workbook.snapshot, model, returned, {
    receivedIso: todayFrom(today),
    choices: {},
  });
  const choices = Object.fromEntries(first.conflicts.map((c) => [c.id, conflicts]));
  const merge =
    conflicts === "return" && first.conflicts.length > 0
      ? planMergeReturns(workbook.snapshot, model, returned, { receivedIso: todayFrom(today), choices })
      : first;
  io.err(problemLines(merge.problems));
  for (const a of merge.applied) io.out(answerLine("applied", a));
  for (const a of merge.alreadyMerged) io.out(answerLine("already merged", a));
  for (const c of merge.conflicts) {
    io.out(
      `conflict (${c.choice === "return" ? "the return's answer taken" : "the plan's values kept"}): ${c.sheet}!${c.cell}${c.ref !== null ? ` (${c.ref})` : ""}: sent ${values(c.sent.status, c.sent.update)}; the plan now holds ${values(c.plan.status, c.plan.update)}; the return says ${values(c.answer.status, c.answer.update)} [${c.file}]\n`,
    );
  }
  const unsettled = merge.conflicts.filter((c) => c.choice === null).length;
  if (unsettled > 0) {
    io.err(
      `${unsettled} conflict${unsettled === 1 ? "" : "s"} kept the plan's values: run again with --conflicts return to take the returns' answers instead.\n`,
    );
  }
  const refused = merge.problems.some((p) => p.severity === "error");
  if (merge.plan === null && refused) {
    // Exit 1 says nothing was written, as for every command: a copy of IN would read as a merge made.
    io.err(`Nothing was merged, so ${target.output} was not written.\n`);
    return EXIT.failed;
  }
  if (merge.plan === null) {
    await saveOutputWorkbook(unchangedWorkbookBytes(workbook), target);
    io.out(`Nothing to merge: ${target.output} is a copy of ${input}.\n`);
  } else {
    const { bytes, report } = await bytesWithPlan(workbook, merge.plan);
    for (const line of report.skipped) io.err(`skipped: ${line}\n`);
    await saveOutputWorkbook(bytes, target);
    io.out(`${merge.plan.title}. Saved ${target.output}.\n`);
  }
  // The answers merged are saved, those refused listed above, each naming its file, sheet and cell.
  return EXIT.ok;
}

export async function runReturns(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "make") return runMake(rest, io);
  if (sub === "merge") return runMerge(rest, io);
  if (sub === "--help" || sub === "-h") throw new CliHelp(USAGE);
  throw new CliError(`returns needs make or merge${sub === undefined ? "" : `, not '${sub}'`}. ${USAGE}`, 2);
}
