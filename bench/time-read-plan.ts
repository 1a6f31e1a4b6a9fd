/**
 * Times readPlan alone on the 6,000-action bench workbook's snapshot, and inspect's own work around it:
 *   node --expose-gc --import tsx bench/time-read-plan.ts [ROOT…]   (ROUNDS=60 by default)
 * COLLECT=0 leaves out the collection before each read: the steady state, where collections come as
 * allocation asks for them (a forced full collection also throws away optimised code whose object
 * shapes died with the last read, which a reader may or may not be exposed to).
 * COLD=1 times instead what one inspect command does in a fresh process, once per ROOT per round: the
 * package snapshot, loading the reader's modules, its first (unoptimised) readPlan and checkPlan.
 * Each ROOT (default: this repository) is a directory holding src/core; with several, their runs are
 * interleaved in one process, one of each per round with the order turned every round, so an older
 * reader can be compared with this one on a busy machine (an older tree extracted elsewhere needs this
 * repository's node_modules reachable from it, a symlink will do). Each run is timed, after a collection
 * unless COLLECT=0, by wall clock and by the process's CPU time: the machine is shared, and CPU time
 * leaves out the waits for a core that wall time counts; the least time is the steadiest figure where
 * other processes share them.
 *
 * Inspect's own work is what the inspect command does once the file's bytes are in memory: the package
 * snapshot, readPlan and checkPlan (this repository's). With two ROOTs or more, the first is taken as the
 * reader before inference and the last as the reader with it; the share of inspect's work spent in
 * inference is the readPlan time the last adds over the first, over the last's whole inspect work.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { writeActionPlanWorkbook } from "./make-workbook";
import { snapshotFromPackage } from "../src/xlsx/package-snapshot";
import { nodeBoundedInflate } from "../src/xlsx/node-files";
import { checkPlan } from "../src/core/checking/check-plan";
import type { PlanModel } from "../src/core/basics/plan-model";
import type { WorkbookSnapshot } from "../src/core/basics/snapshot";

/** Where a tree keeps readPlan: src/core/reading since the core was grouped, src/core before. */
function readPlanModule(root: string): string {
  const grouped = path.join(root, "src/core/reading/read-plan");
  return existsSync(`${grouped}.ts`) ? grouped : path.join(root, "src/core/read-plan");
}

type Reader = (s: WorkbookSnapshot) => PlanModel;

interface Timing {
  readonly wall: number[];
  readonly cpu: number[];
}

const COLLECT = process.env.COLLECT !== "0";

function timed<T>(into: Timing, work: () => T): T {
  if (COLLECT) (globalThis as { gc?: () => void }).gc?.();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const out = work();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  into.wall.push(wall);
  into.cpu.push((used.user + used.system) / 1000);
  return out;
}

function stats(values: readonly number[]): { medianMs: number; minMs: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (n: number): number => Math.round(n * 10) / 10;
  return { medianMs: round(sorted[Math.floor(sorted.length / 2)] ?? 0), minMs: round(sorted[0] ?? 0) };
}

const timing = (): Timing => ({ wall: [], cpu: [] });

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

interface ColdRun {
  readonly snapshotMs: number;
  readonly loadMs: number;
  readonly readMs: number;
  readonly checkMs: number;
}

/** In a fresh process: one inspect's work on FILE with the reader of ROOT, by CPU time; printed as JSON. */
async function coldChild(root: string, file: string): Promise<void> {
  let since = process.cpuUsage();
  const snapshot = snapshotFromPackage(readFileSync(file), { inflate: nodeBoundedInflate });
  const snapshotMs = cpuMs(since);
  since = process.cpuUsage();
  const module = (await import(readPlanModule(root))) as { readPlan: Reader };
  const loadMs = cpuMs(since);
  since = process.cpuUsage();
  const model = module.readPlan(snapshot);
  const readMs = cpuMs(since);
  since = process.cpuUsage();
  checkPlan(model, "2013-04-01");
  const run: ColdRun = { snapshotMs, loadMs, readMs, checkMs: cpuMs(since) };
  console.log(JSON.stringify(run));
}

function cold(roots: readonly string[], rounds: number, file: string): void {
  const runs = roots.map((): ColdRun[] => []);
  const last = roots.length - 1;
  for (let i = 0; i < rounds; i++) {
    for (let k = 0; k <= last; k++) {
      const r = i % 2 === 0 ? k : last - k;
      const child = spawnSync(process.execPath, ["--import", "tsx", __filename], {
        env: { ...process.env, TIME_READ_PLAN_ROOT: roots[r], TIME_READ_PLAN_FILE: file },
        encoding: "utf8",
      });
      if (child.status !== 0) throw new Error(`The cold run of ${roots[r]} failed: ${child.stderr}`);
      runs[r]?.push(JSON.parse(child.stdout.trim().split("\n").pop() ?? "") as ColdRun);
    }
  }
  const of = (r: number, key: keyof ColdRun): { medianMs: number; minMs: number } =>
    stats((runs[r] ?? []).map((run) => run[key]));
  roots.forEach((root, r) => {
    const figures = Object.fromEntries(
      (["snapshotMs", "loadMs", "readMs", "checkMs"] as const).map((k) => [k, of(r, k)]),
    );
    console.log(JSON.stringify({ root, cold: figures }));
  });
  if (last === 0) return;
  for (const figure of ["medianMs", "minMs"] as const) {
    const before = of(0, "readMs")[figure];
    const after = of(last, "readMs")[figure];
    const own = of(last, "snapshotMs")[figure] + after + of(last, "checkMs")[figure];
    console.log(
      `cold ${figure}: first readPlan ${after} ms against ${before} ms before inference ` +
        `(×${(after / before).toFixed(2)}); inspect's own work ${own.toFixed(1)} ms, ` +
        `of which inference ${(((after - before) / own) * 100).toFixed(1)}%`,
    );
  }
}

async function main(): Promise<void> {
  const childRoot = process.env.TIME_READ_PLAN_ROOT;
  const childFile = process.env.TIME_READ_PLAN_FILE;
  if (childRoot && childFile) return coldChild(childRoot, childFile);
  const roots = process.argv.slice(2).map((r) => path.resolve(r));
  if (roots.length === 0) roots.push(path.resolve(__dirname, ".."));
  const rounds = Number(process.env.ROUNDS ?? 60);
  if (process.env.COLD === "1") {
    const dir = mkdtempSync(path.join(tmpdir(), "time-read-plan-"));
    try {
      const file = path.join(dir, "bench.xlsx");
      await writeActionPlanWorkbook(file, 6000);
      cold(roots, rounds, file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const readers: Reader[] = [];
  for (const root of roots) {
    readers.push(((await import(readPlanModule(root))) as { readPlan: Reader }).readPlan);
  }
  const dir = mkdtempSync(path.join(tmpdir(), "time-read-plan-"));
  let bytes: Uint8Array;
  try {
    const file = path.join(dir, "bench.xlsx");
    await writeActionPlanWorkbook(file, 6000);
    bytes = readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const snapshotOf = (): WorkbookSnapshot => snapshotFromPackage(bytes, { inflate: nodeBoundedInflate });
  const snapshot = snapshotOf();
  const last = readers.length - 1;
  for (let i = 0; i < 5; i++) {
    for (const read of readers) checkPlan(read(snapshotOf()), "2013-04-01");
  }
  const reads = readers.map(timing);
  const snapshots = timing();
  const checks = timing();
  for (let i = 0; i < rounds; i++) {
    const order = readers.map((_, r) => (i % 2 === 0 ? r : last - r));
    for (const r of order) {
      const read = readers[r];
      const into = reads[r];
      if (read && into) timed(into, () => read(snapshot));
    }
    // Inspect's own work with this repository's checks and the last reader: snapshot, read, check
    // (every fourth round: the snapshot takes longer than the readers).
    if (i % 4 !== 0) continue;
    const fresh = timed(snapshots, snapshotOf);
    const model = readers[last]?.(fresh);
    if (model) timed(checks, () => checkPlan(model, "2013-04-01"));
  }
  const summaries = roots.map((root, r) => ({
    root,
    actions: readers[r]?.(snapshot).actions.length,
    wall: stats(reads[r]?.wall ?? []),
    cpu: stats(reads[r]?.cpu ?? []),
  }));
  for (const s of summaries) console.log(JSON.stringify(s));
  const inspect = { snapshot: stats(snapshots.cpu), checks: stats(checks.cpu) };
  console.log(
    JSON.stringify({
      inspectCpu: inspect,
      inspectWall: { snapshot: stats(snapshots.wall), checks: stats(checks.wall) },
    }),
  );
  const first = summaries[0];
  const newest = summaries[last];
  if (first && newest && last > 0) {
    for (const measure of ["wall", "cpu"] as const) {
      for (const figure of ["medianMs", "minMs"] as const) {
        const before = first[measure][figure];
        const after = newest[measure][figure];
        const own =
          measure === "cpu"
            ? inspect.snapshot[figure] + after + inspect.checks[figure]
            : stats(snapshots.wall)[figure] + after + stats(checks.wall)[figure];
        console.log(
          `${measure} ${figure}: readPlan ${after} ms against ${before} ms before inference ` +
            `(×${(after / before).toFixed(2)}); inspect's own work ${own.toFixed(1)} ms, ` +
            `of which inference ${(((after - before) / own) * 100).toFixed(1)}%`,
        );
      }
    }
  }
}

void main();
