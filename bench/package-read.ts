/**
 * The package reader's time against ExcelJS's, in one process, on the generated 6,000-action
 * workbook (or a file given): snapshotFromPackage (unzip, tokenise, snapshot) against a bare
 * `new ExcelJS.Workbook().xlsx.load(bytes)` of the same bytes, interleaved, median of --runs.
 *   npx tsx bench/package-read.ts [--runs 7] [--actions 6000] [FILE.xlsx]
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { snapshotFromPackage } from "../src/xlsx/package-snapshot";
import { nodeBoundedInflate } from "../src/xlsx/node-files";
import { writeActionPlanWorkbook } from "./make-workbook";

function option(argv: readonly string[], flag: string, fallback: number): number {
  const i = argv.indexOf(flag);
  return i < 0 ? fallback : Number(argv[i + 1]);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function main(argv: readonly string[]): Promise<void> {
  const runs = option(argv, "--runs", 7);
  const given = argv.find((a, i) => a.endsWith(".xlsx") && !argv[i - 1]?.startsWith("--"));
  const dir = mkdtempSync(path.join(tmpdir(), "package-read-"));
  try {
    const file = given ?? path.join(dir, "bench.xlsx");
    if (!given) await writeActionPlanWorkbook(file, option(argv, "--actions", 6000));
    const bytes = readFileSync(file);
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i <= runs; i++) {
      let start = performance.now();
      snapshotFromPackage(bytes, { file, inflate: nodeBoundedInflate });
      const a = performance.now() - start;
      start = performance.now();
      await new ExcelJS.Workbook().xlsx.load(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      );
      const b = performance.now() - start;
      // The first run of each warms the JIT and is not counted.
      if (i > 0) {
        ours.push(a);
        theirs.push(b);
      }
    }
    const [p, e] = [median(ours), median(theirs)];
    console.log(
      `package snapshot ${p.toFixed(0)} ms, ExcelJS load ${e.toFixed(0)} ms, ratio ${(p / e).toFixed(2)} (median of ${runs})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main(process.argv.slice(2));
