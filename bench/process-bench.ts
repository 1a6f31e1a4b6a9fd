/**
 * The whole process, as a user runs it: each CLI command is a fresh `node bin/action-plan.js …` (the
 * installed command over the compiled CLI), timed side by side in one run against a fresh `node -e`
 * doing a bare ExcelJS read of the same file, and `action-plan --help` against a bare `node -e 0`. Runs
 * are interleaved (one of each per round) so the machine's load falls on all alike; each time is a
 * median. A file's bare read is timed beside each command over that file, and the ratios of all those
 * commands are taken over the median of all its reads: one file's read timed apart for two commands
 * in one run differed by 13 % (705 and 799 ms), more than anything the ratios are asked to show.
 * The command keeps V8's code cache between runs (bin/code-cache.js), in a temporary folder of
 * the bench's own, which the warm-up round fills as a user's first run does; each command is also
 * timed with the cache off (ACTION_PLAN_CODE_CACHE=off), as a first run after installing is.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";

const ROOT = path.resolve(__dirname, "..");
const CLI = path.join(ROOT, "bin", "action-plan.js");

/** Budgets over the bare read (the help: over a bare node start). */
export const PROCESS_BUDGETS = {
  "inspect --json": 0.5,
  "summary --json": 0.5,
  "apply-schema -o": 0.7,
  "carry-over -o": 0.7,
  "summary -o": 0.7,
  "--help": 2,
} as const;

export type ProcessCommand = keyof typeof PROCESS_BUDGETS;

export interface ProcessResult {
  /** Median wall time of each command, and of its yardstick, in ms. */
  readonly timingsMs: Record<ProcessCommand, number>;
  readonly yardstickMs: Record<ProcessCommand, number>;
  readonly ratios: Record<ProcessCommand, number>;
  readonly pass: Record<ProcessCommand, boolean>;
  /** The same commands with the code cache off (a first run), and their ratios to the yardstick. */
  readonly uncachedMs: Record<ProcessCommand, number>;
  readonly uncachedRatios: Record<ProcessCommand, number>;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall time of one fresh node process; a failed process is an error (the bench measures, never guesses). */
function timed(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, {
    cwd,
    env,
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function bareRead(file: string): string[] {
  const script = `const E=require("exceljs");new E.Workbook().xlsx.readFile(${JSON.stringify(file)}).then(()=>{},e=>{console.error(e);process.exit(1)})`;
  return ["-e", script];
}

/** Builds the compiled CLI when a source is newer (scripts/build-cli.mjs). */
export function ensureCompiledCli(): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build-cli.mjs"), "--if-stale"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (r.status !== 0) throw new Error("The CLI did not compile.");
}

/**
 * Times the commands on `raw` (the workbook as kept) and `schemaApplied` (the same after apply-schema),
 * writing outputs into `dir`.
 */
export function processTimings(raw: string, schemaApplied: string, dir: string, runs: number): ProcessResult {
  ensureCompiledCli();
  const out = (name: string) => path.join(dir, `process-${name}.xlsx`);
  const commands: Record<ProcessCommand, { run: string[]; yardstick: string[] }> = {
    "inspect --json": { run: [CLI, "inspect", raw, "--json"], yardstick: bareRead(raw) },
    "summary --json": {
      run: [CLI, "summary", raw, "--json", "--today", "2013-01-15"],
      yardstick: bareRead(raw),
    },
    "apply-schema -o": { run: [CLI, "apply-schema", raw, "-o", out("schema")], yardstick: bareRead(raw) },
    "carry-over -o": {
      run: [CLI, "carry-over", schemaApplied, "-o", out("carry")],
      yardstick: bareRead(schemaApplied),
    },
    "summary -o": {
      run: [CLI, "summary", schemaApplied, "-o", out("summary"), "--today", "2013-01-15"],
      yardstick: bareRead(schemaApplied),
    },
    "--help": { run: [CLI, "--help"], yardstick: ["-e", "0"] },
  };
  const names = Object.keys(commands) as ProcessCommand[];
  const samples = new Map<string, number[]>();
  // The command's code cache goes in the bench's folder: empty until the warm-up round.
  const cached: NodeJS.ProcessEnv = { ...process.env, TMPDIR: dir, TMP: dir, TEMP: dir };
  delete cached.ACTION_PLAN_CODE_CACHE;
  const uncached: NodeJS.ProcessEnv = { ...cached, ACTION_PLAN_CODE_CACHE: "off" };
  const sample = (key: string, args: readonly string[], env?: NodeJS.ProcessEnv) => {
    const ms = timed(args, ROOT, env);
    samples.set(key, [...(samples.get(key) ?? []), ms]);
  };
  // One warm-up round (the file cache; the command's code cache), then `runs` interleaved rounds.
  for (let round = 0; round <= runs; round++) {
    for (const name of names) {
      const { run, yardstick } = commands[name];
      if (round === 0) {
        timed(run, ROOT, cached);
        timed(yardstick, ROOT);
        continue;
      }
      sample(`run ${name}`, run, cached);
      sample(`uncached ${name}`, run, uncached);
      // Keyed by what it runs: the same bare read beside two commands is one yardstick's samples.
      sample(`yardstick ${JSON.stringify(yardstick)}`, yardstick);
    }
  }
  const per = (prefix: string) =>
    Object.fromEntries(
      names.map((n) => [n, Number(median(samples.get(`${prefix} ${n}`) ?? []).toFixed(1))]),
    ) as Record<ProcessCommand, number>;
  const timingsMs = per("run");
  const yardstickMs = Object.fromEntries(
    names.map((n) => [
      n,
      Number(median(samples.get(`yardstick ${JSON.stringify(commands[n].yardstick)}`) ?? []).toFixed(1)),
    ]),
  ) as Record<ProcessCommand, number>;
  const ratios = Object.fromEntries(
    names.map((n) => [n, Number((timingsMs[n] / yardstickMs[n]).toFixed(3))]),
  ) as Record<ProcessCommand, number>;
  const pass = Object.fromEntries(names.map((n) => [n, ratios[n] <= PROCESS_BUDGETS[n]])) as Record<
    ProcessCommand,
    boolean
  >;
  const uncachedMs = per("uncached");
  const uncachedRatios = Object.fromEntries(
    names.map((n) => [n, Number((uncachedMs[n] / yardstickMs[n]).toFixed(3))]),
  ) as Record<ProcessCommand, number>;
  return { timingsMs, yardstickMs, ratios, pass, uncachedMs, uncachedRatios };
}

/** The readable table: each command, its time, its yardstick's, the ratio and the budget. */
export function processReport(result: ProcessResult): string {
  const lines = [
    "\nWhole process (fresh node each; yardstick: a bare ExcelJS read of the same file, or `node -e 0` for --help;",
    "first run: the command's code cache off, as on its first run after installing)",
    `  ${"command".padEnd(20)}${"time".padStart(10)}${"yardstick".padStart(12)}${"ratio".padStart(9)}${"budget".padStart(9)}${"first run".padStart(12)}`,
  ];
  for (const name of Object.keys(result.ratios) as ProcessCommand[]) {
    lines.push(
      `  ${name.padEnd(20)}${`${result.timingsMs[name].toFixed(0)} ms`.padStart(10)}${`${result.yardstickMs[name].toFixed(0)} ms`.padStart(12)}` +
        `${`${result.ratios[name].toFixed(2)}×`.padStart(9)}${`≤ ${PROCESS_BUDGETS[name]}×`.padStart(9)}` +
        `${`${result.uncachedRatios[name].toFixed(2)}×`.padStart(12)}${result.pass[name] ? "" : "   OVER BUDGET"}`,
    );
  }
  return lines.join("\n");
}
