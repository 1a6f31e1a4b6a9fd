/**
 * `npm run bench`: the performance budget of issue 6, measured.
 * - Times read, apply-schema, carry-over and summary through the file shell as the CLI runs them (the
 *   read with the package reader, package-snapshot.ts; each write with the package writer,
 *   package-writer.ts) on a generated 6,000-action workbook, each against the bare ExcelJS read
 *   (wb.xlsx.readFile) of the same file in the same run: ExcelJS is only the yardstick. Prints the
 *   ratios (median of several runs after a warm-up).
 * - Counts Excel round trips (context.sync) per operation through the fake Excel
 *   (test/fakes/fake-excel.ts) at 60 and at 6,000 actions. An operation's count is its own: the read
 *   is "read"; applySchema, carryOver and summary count the write of their plan (each command is
 *   a fresh read plus that write), including its verify round trip: the reads after writing that
 *   check what Excel may not have done as asked (src/excel/verify-write-plan.ts), counted on their
 *   own as "verify" (syncs that only read) in the report and the JSON (verifySyncs).
 * Budget: ≤ 2 round trips per read, ≤ 2 per write (3 when the write verifies by reading back), equal
 * at both sizes; each file operation ≤ 1.5× the bare read.
 *
 *   npm run bench                         readable report
 *   npm run --silent bench -- --json      one JSON object on stdout
 *   Beside each ratio: "own work" (snapshot + readPlan without the file read; or plan + package
 *   write, without only the file write) and "bare write" (wb.xlsx.writeFile of the same file
 *   unchanged, what ExcelJS alone would cost to save), both over the same bare read; in the JSON as workRatios and bareWriteRatios ("ratios" is unchanged).
 *   options: --strict (exit 1 when over budget), --runs N (default 5), --actions N (default 6000)
 * It measures; it does not judge: the exit code is 0 over budget unless --strict, and 1 only when an
 * operation could not be measured at all.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import type { WorkbookSnapshot } from "../src/core/basics/snapshot";
import type { PlanModel } from "../src/core/basics/plan-model";
import type { WritePlan } from "../src/core/basics/write-plan";
import { readPlan } from "../src/core/reading/read-plan";
import { planApplySchema } from "../src/core/planning/apply-schema";
import { planCarryOver } from "../src/core/planning/carry-over";
import { defaultSourceSheet } from "../src/core/basics/period-names";
import { planSummarySheet } from "../src/core/planning/summary";
import { nodeBoundedInflate, nodeCodec } from "../src/xlsx/node-files";
import { snapshotFromPackage } from "../src/xlsx/package-snapshot";
import { applyWritePlanToBytes } from "../src/xlsx/package-writer";
import { createExcelHost } from "../src/excel/excel-host";
import { FakeExcel, installFakeOffice, uninstallFakeOffice } from "../test/fakes/fake-excel";
import { writeActionPlanWorkbook } from "./make-workbook";
import { processReport, processTimings, type ProcessResult } from "./process-bench";

const OPERATIONS = ["read", "applySchema", "carryOver", "summary"] as const;
type Operation = (typeof OPERATIONS)[number];

const RATIO_BUDGET = 1.5;
const READ_SYNC_BUDGET = 2;
const WRITE_SYNC_BUDGET = 3;
/** A fixed "today", so overdue counts are the same on every run. */
const TODAY_ISO = "2013-01-15";
const PLAN_NAME = "Bench action plan 2012-13";

interface BenchOptions {
  readonly json: boolean;
  readonly strict: boolean;
  readonly runs: number;
  readonly actions: number;
  readonly smallActions: number;
}

function parseOptions(argv: readonly string[]): BenchOptions {
  const number = (flag: string, fallback: number): number => {
    const i = argv.indexOf(flag);
    if (i < 0) return fallback;
    const value = Number(argv[i + 1]);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${flag} needs a whole number, e.g. ${flag} ${fallback}`);
    return value;
  };
  return {
    json: argv.includes("--json"),
    strict: argv.includes("--strict"),
    runs: number("--runs", 5),
    actions: number("--actions", 6000),
    smallActions: number("--small-actions", 60),
  };
}

interface Loaded {
  readonly bytes: Uint8Array;
  readonly snapshot: WorkbookSnapshot;
  readonly model: PlanModel;
}

function load(file: string): Loaded {
  const bytes = new Uint8Array(readFileSync(file));
  const snapshot = snapshotFromPackage(bytes, { file, inflate: nodeBoundedInflate });
  return { bytes, snapshot, model: readPlan(snapshot) };
}

function schemaPlan(loaded: Loaded): WritePlan {
  return planApplySchema(loaded.snapshot, loaded.model).plan;
}

function carryOverPlan(loaded: Loaded): WritePlan {
  const fromSheet = defaultSourceSheet(loaded.model) ?? loaded.model.tables[0]?.sheet;
  if (fromSheet === undefined) throw new Error("the generated workbook has no action table to carry over");
  const carry = planCarryOver(loaded.snapshot, loaded.model, { fromSheet, renumber: false });
  if (carry.carried.length === 0) {
    throw new Error(
      `carry-over from '${fromSheet}' carried nothing: ${carry.problems.map((p) => p.message).join("; ")}`,
    );
  }
  return carry.plan;
}

function summaryPlan(loaded: Loaded): WritePlan {
  return planSummarySheet(loaded.snapshot, loaded.model, { todayIso: TODAY_ISO, planName: PLAN_NAME });
}

async function elapsed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function bareRead(file: string): Promise<number> {
  return elapsed(() => new ExcelJS.Workbook().xlsx.readFile(file));
}

/** The bare ExcelJS write (wb.xlsx.writeFile) of the file as read, unchanged. */
async function bareWrite(file: string, out: string): Promise<number> {
  const workbook = await new ExcelJS.Workbook().xlsx.readFile(file);
  return elapsed(() => workbook.xlsx.writeFile(out));
}

/** An operation's time, and its own work: that time less the file read or write in it. */
interface Timed {
  readonly total: number;
  readonly work: number;
}

function timedRead(file: string): Timed {
  const start = performance.now();
  const bytes = readFileSync(file);
  const parsed = performance.now();
  readPlan(snapshotFromPackage(bytes, { file, inflate: nodeBoundedInflate }));
  const end = performance.now();
  return { total: end - start, work: end - parsed };
}

/**
 * Plan + apply + write of one operation on a workbook read beforehand (the read is timed as "read"),
 * as the CLI does it: the package writer rewrites the parts the plan touches. Own work is all of it
 * but the file write: no ExcelJS is involved.
 */
async function timedWrite(file: string, out: string, plan: (loaded: Loaded) => WritePlan): Promise<Timed> {
  const loaded = load(file);
  const start = performance.now();
  const written = await applyWritePlanToBytes(loaded.bytes, plan(loaded), nodeCodec);
  const applied = performance.now();
  await writeFile(out, written.bytes);
  return { total: performance.now() - start, work: applied - start };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface FileTimings {
  readonly bareRead: number;
  readonly bareReadSchemaApplied: number;
  readonly bareWrite: number;
  readonly bareWriteSchemaApplied: number;
  readonly operations: Record<Operation, number>;
  /** The operations' own work (snapshot + readPlan; plan + apply), without the file read or write. */
  readonly work: Record<Operation, number>;
}

/**
 * Median times in ms. carryOver and summary run on the schema-applied file (the summary needs the
 * schema), so they are compared with the bare read of that file.
 */
async function fileTimings(
  input: string,
  schemaApplied: string,
  dir: string,
  runs: number,
): Promise<FileTimings> {
  type Sample = Operation | `${Operation}Work` | "bare" | "bareSchema" | "bareWrite" | "bareWriteSchema";
  const samples = new Map<Sample, number[]>();
  const out = path.join(dir, "out.xlsx");
  for (let run = 0; run <= runs; run += 1) {
    // In the order of the original bench, the bare writes last, so their cost changes nothing before them.
    const bare = await bareRead(input);
    const read = timedRead(input);
    const applySchema = await timedWrite(input, out, schemaPlan);
    const bareSchema = await bareRead(schemaApplied);
    const carryOver = await timedWrite(schemaApplied, out, carryOverPlan);
    const summary = await timedWrite(schemaApplied, out, summaryPlan);
    const sample: Record<Sample, number> = {
      bare,
      read: read.total,
      readWork: read.work,
      applySchema: applySchema.total,
      applySchemaWork: applySchema.work,
      bareSchema,
      carryOver: carryOver.total,
      carryOverWork: carryOver.work,
      summary: summary.total,
      summaryWork: summary.work,
      bareWrite: await bareWrite(input, out),
      bareWriteSchema: await bareWrite(schemaApplied, out),
    };
    if (run === 0) continue; // warm-up: JIT and file cache
    for (const [key, ms] of Object.entries(sample) as Array<[Sample, number]>) {
      samples.set(key, [...(samples.get(key) ?? []), ms]);
    }
  }
  const m = (key: Sample): number => median(samples.get(key) ?? []);
  return {
    bareRead: m("bare"),
    bareReadSchemaApplied: m("bareSchema"),
    bareWrite: m("bareWrite"),
    bareWriteSchemaApplied: m("bareWriteSchema"),
    operations: {
      read: m("read"),
      applySchema: m("applySchema"),
      carryOver: m("carryOver"),
      summary: m("summary"),
    },
    work: {
      read: m("readWork"),
      applySchema: m("applySchemaWork"),
      carryOver: m("carryOverWork"),
      summary: m("summaryWork"),
    },
  };
}

interface SyncCount {
  readonly syncs: number;
  /** The syncs among them that only read: a write's verify round trip. */
  readonly verify: number;
}

/** Round trips per operation through the fake Excel, one command after another as a user would. */
async function syncCounts(file: string): Promise<Record<Operation, SyncCount>> {
  const start = load(file);
  const fake = FakeExcel.fromSnapshot(start.snapshot);
  installFakeOffice(fake);
  try {
    const host = createExcelHost();
    const counted = async <T>(work: () => Promise<T>): Promise<[T, SyncCount]> => {
      const before = fake.syncCount;
      const readsBefore = fake.readOnlySyncCount;
      const value = await work();
      return [value, { syncs: fake.syncCount - before, verify: fake.readOnlySyncCount - readsBefore }];
    };
    const fresh = async (): Promise<Loaded> => {
      const snapshot = await host.readSnapshot();
      return { bytes: start.bytes, snapshot, model: readPlan(snapshot) };
    };
    const [initial, reading] = await counted(fresh);
    // A read only reads: none of its syncs is a verify round trip.
    const read = { syncs: reading.syncs, verify: 0 };
    const [, applySchema] = await counted(() => host.applyWritePlan(schemaPlan(initial)));
    const afterSchema = await fresh();
    const [, carryOver] = await counted(() => host.applyWritePlan(carryOverPlan(afterSchema)));
    const afterCarry = await fresh();
    const [, summary] = await counted(() => host.applyWritePlan(summaryPlan(afterCarry)));
    return { read, applySchema, carryOver, summary };
  } finally {
    uninstallFakeOffice();
  }
}

interface BudgetItem {
  readonly pass: boolean;
  readonly detail: string;
}

interface BenchResult {
  readonly syncs: Record<Operation, Record<string, number>>;
  /** Of each write's syncs, the verify round trips (syncs that only read); 0 for the read. */
  readonly verifySyncs: Record<Operation, Record<string, number>>;
  readonly ratios: Record<Operation, number>;
  /** Own work (snapshot + readPlan; plan + apply) over the same bare read: no file read or write. */
  readonly workRatios: Record<Operation, number>;
  /**
   * The bare ExcelJS write of the file the operation writes over, as read (unchanged), over the same
   * bare read: the floor a write operation's ratio stands on. The read writes nothing: 0.
   */
  readonly bareWriteRatios: Record<Operation, number>;
  readonly budget: { readonly pass: boolean; readonly items: Record<string, BudgetItem> };
  readonly timingsMs: Record<Operation | "bareRead" | "bareReadSchemaApplied", number>;
  readonly workTimingsMs: Record<Operation, number>;
  readonly bareWriteMs: { readonly input: number; readonly schemaApplied: number };
  readonly actions: { readonly small: number; readonly large: number };
  readonly runs: number;
}

function judge(
  syncs: Record<Operation, Record<string, number>>,
  ratios: Record<Operation, number>,
  sizes: readonly string[],
): BenchResult["budget"] {
  const items: Record<string, BudgetItem> = {};
  for (const op of OPERATIONS) {
    const counts = sizes.map((size) => syncs[op][size]!);
    const limit = op === "read" ? READ_SYNC_BUDGET : WRITE_SYNC_BUDGET;
    const equal = counts.every((n) => n === counts[0]);
    items[`syncs.${op}`] = {
      pass: Math.max(...counts) <= limit && equal,
      detail: `${sizes.map((s, i) => `${counts[i]} at ${s}`).join(", ")} (≤ ${limit}${op === "read" ? "" : " with a verify read"}, equal at both sizes)`,
    };
    items[`ratio.${op}`] = {
      pass: ratios[op] <= RATIO_BUDGET,
      detail: `${ratios[op].toFixed(2)}× the bare ExcelJS read (≤ ${RATIO_BUDGET}×)`,
    };
  }
  return { pass: Object.values(items).every((item) => item.pass), items };
}

function printReport(result: BenchResult): void {
  const { timingsMs: t } = result;
  const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;
  console.log(
    `Action-plan bench: ${result.actions.large} actions, median of ${result.runs} runs after a warm-up\n`,
  );
  console.log(
    "File shell (as the CLI)                   time      ratio to bare read   own work   bare write",
  );
  console.log(`  bare read of the input (wb.xlsx.readFile) ${ms(t.bareRead)}`);
  console.log(`  bare read of the schema-applied file      ${ms(t.bareReadSchemaApplied)}`);
  const rows: Array<[Operation, string]> = [
    ["read", "read (read file + snapshot + readPlan)"],
    ["applySchema", "apply schema (plan + apply + write)"],
    ["carryOver", "carry over (plan + apply + write)"],
    ["summary", "summary (plan + apply + write)"],
  ];
  for (const [op, label] of rows) {
    const over = result.budget.items[`ratio.${op}`]!.pass ? "" : "   OVER BUDGET";
    const bareWrite = op === "read" ? "—" : `${result.bareWriteRatios[op].toFixed(2)}×`;
    console.log(
      `  ${label.padEnd(40)}${ms(t[op])}   ${`${result.ratios[op].toFixed(2)}×`.padEnd(18)}` +
        `${`${result.workRatios[op].toFixed(2)}×`.padStart(9)}${bareWrite.padStart(13)}${over}`,
    );
  }
  console.log(
    `\n  own work: snapshot + readPlan without the file read, or plan + package write without the file` +
      `\n  write; bare write: wb.xlsx.writeFile of the same file unchanged (${ms(result.bareWriteMs.input).trim()}` +
      ` for the input, ${ms(result.bareWriteMs.schemaApplied).trim()} schema-applied), both over the same bare read.`,
  );
  const sizes = Object.keys(result.syncs.read);
  console.log(
    `\nExcel round trips through the fake        ${sizes.map((s) => `${s} actions`.padStart(14)).join("")}`,
  );
  for (const op of OPERATIONS) {
    const over = result.budget.items[`syncs.${op}`]!.pass ? "" : "   OVER BUDGET";
    const verify = op === "read" ? "" : ` (verify ${sizes.map((s) => result.verifySyncs[op][s]).join(", ")})`;
    console.log(
      `  ${op.padEnd(40)}${sizes.map((s) => String(result.syncs[op][s]).padStart(14)).join("")}${verify}${over}`,
    );
  }
  const failing = Object.entries(result.budget.items).filter(([, item]) => !item.pass);
  console.log(
    failing.length === 0
      ? "\nBudget: every item within budget."
      : `\nOver budget:\n${failing.map(([key, item]) => `  ${key}: ${item.detail}`).join("\n")}`,
  );
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const log = (line: string) => {
    if (!options.json) console.error(line);
  };
  const dir = mkdtempSync(path.join(tmpdir(), "action-plan-bench-"));
  try {
    const large = path.join(dir, `plan-${options.actions}.xlsx`);
    const small = path.join(dir, `plan-${options.smallActions}.xlsx`);
    const schemaApplied = path.join(dir, `plan-${options.actions}-schema.xlsx`);
    log(`Generating workbooks of ${options.smallActions} and ${options.actions} actions in ${dir} …`);
    await writeActionPlanWorkbook(large, options.actions);
    await writeActionPlanWorkbook(small, options.smallActions);
    const loaded = load(large);
    await writeFile(
      schemaApplied,
      (await applyWritePlanToBytes(loaded.bytes, schemaPlan(loaded), nodeCodec)).bytes,
    );

    log(`Timing the whole process, the compiled CLI against a bare ExcelJS read (${options.runs} runs) …`);
    const processResult: ProcessResult = processTimings(large, schemaApplied, dir, options.runs);
    log(`Timing the file shell (${options.runs} runs after a warm-up) …`);
    const timings = await fileTimings(large, schemaApplied, dir, options.runs);
    log("Counting round trips through the fake Excel …");
    const sizes = [String(options.smallActions), String(options.actions)];
    const counts = [await syncCounts(small), await syncCounts(large)];
    const syncs = Object.fromEntries(
      OPERATIONS.map((op) => [op, Object.fromEntries(sizes.map((size, i) => [size, counts[i]![op].syncs]))]),
    ) as Record<Operation, Record<string, number>>;
    const verifySyncs = Object.fromEntries(
      OPERATIONS.map((op) => [op, Object.fromEntries(sizes.map((size, i) => [size, counts[i]![op].verify]))]),
    ) as Record<Operation, Record<string, number>>;
    const ratios: Record<Operation, number> = {
      read: timings.operations.read / timings.bareRead,
      applySchema: timings.operations.applySchema / timings.bareRead,
      carryOver: timings.operations.carryOver / timings.bareReadSchemaApplied,
      summary: timings.operations.summary / timings.bareReadSchemaApplied,
    };
    const workRatios: Record<Operation, number> = {
      read: timings.work.read / timings.bareRead,
      applySchema: timings.work.applySchema / timings.bareRead,
      carryOver: timings.work.carryOver / timings.bareReadSchemaApplied,
      summary: timings.work.summary / timings.bareReadSchemaApplied,
    };
    const bareWriteRatios: Record<Operation, number> = {
      read: 0,
      applySchema: timings.bareWrite / timings.bareRead,
      carryOver: timings.bareWriteSchemaApplied / timings.bareReadSchemaApplied,
      summary: timings.bareWriteSchemaApplied / timings.bareReadSchemaApplied,
    };
    const round = (n: number, places: number) => Number(n.toFixed(places));
    const perOperation = (values: Record<Operation, number>, places: number): Record<Operation, number> =>
      Object.fromEntries(OPERATIONS.map((op) => [op, round(values[op], places)])) as Record<
        Operation,
        number
      >;
    const result: BenchResult = {
      syncs,
      verifySyncs,
      ratios: Object.fromEntries(OPERATIONS.map((op) => [op, round(ratios[op], 3)])) as Record<
        Operation,
        number
      >,
      workRatios: perOperation(workRatios, 3),
      bareWriteRatios: perOperation(bareWriteRatios, 3),
      budget: judge(syncs, ratios, sizes),
      timingsMs: {
        bareRead: round(timings.bareRead, 1),
        bareReadSchemaApplied: round(timings.bareReadSchemaApplied, 1),
        ...(Object.fromEntries(OPERATIONS.map((op) => [op, round(timings.operations[op], 1)])) as Record<
          Operation,
          number
        >),
      },
      workTimingsMs: perOperation(timings.work, 1),
      bareWriteMs: {
        input: round(timings.bareWrite, 1),
        schemaApplied: round(timings.bareWriteSchemaApplied, 1),
      },
      actions: { small: options.smallActions, large: options.actions },
      runs: options.runs,
    };
    if (options.json) console.log(JSON.stringify({ ...result, process: processResult }));
    else {
      printReport(result);
      console.log(processReport(processResult));
    }
    const processPass = Object.values(processResult.pass).every(Boolean);
    return options.strict && !(result.budget.pass && processPass) ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `bench: could not measure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  },
);
