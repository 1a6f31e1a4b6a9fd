/**
 * Times readPlan alone on the 6,000-action bench workbook's snapshot (wall time after a collection):
 *   node --expose-gc --import tsx bench/time-read-plan.ts [ROOT…]
 * Each ROOT (default: this repository) is a directory holding src/core; with several, their runs are
 * interleaved in one process, so an older reader can be compared with this one on a busy machine; the
 * least time is the steadiest figure where other processes share the cores.
 */
import * as path from "node:path";
import { makeActionPlanWorkbook } from "./make-workbook";
import { snapshotFromWorkbook } from "../test/support/exceljs/xlsx-snapshot";
import type { PlanModel } from "../src/core/plan-model";
import type { WorkbookSnapshot } from "../src/core/snapshot";

type Reader = (s: WorkbookSnapshot) => PlanModel;

function wallMs(read: Reader, snapshot: WorkbookSnapshot): number {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.hrtime.bigint();
  read(snapshot);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  const roots = process.argv.slice(2).map((r) => path.resolve(r));
  if (roots.length === 0) roots.push(path.resolve(__dirname, ".."));
  const readers: Reader[] = [];
  for (const root of roots) {
    readers.push(((await import(path.join(root, "src/core/read-plan"))) as { readPlan: Reader }).readPlan);
  }
  const snapshot = snapshotFromWorkbook(makeActionPlanWorkbook(6000).workbook);
  for (const read of readers) for (let i = 0; i < 5; i++) read(snapshot);
  const times: number[][] = readers.map(() => []);
  for (let i = 0; i < 60; i++) readers.forEach((read, r) => times[r]?.push(wallMs(read, snapshot)));
  roots.forEach((root, r) => {
    const sorted = [...(times[r] ?? [])].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const actions = readers[r]?.(snapshot).actions.length;
    const least = sorted[0] ?? 0;
    console.log(
      JSON.stringify({
        root,
        actions,
        medianMs: Math.round(median * 10) / 10,
        minMs: Math.round(least * 10) / 10,
      }),
    );
  });
}

void main();
