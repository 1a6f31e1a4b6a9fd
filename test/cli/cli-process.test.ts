/**
 * The installed command as a user runs it: bin/action-plan.js over the compiled CLI (dist-cli, built by
 * jest's global setup when stale), in a fresh node process.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeActionPlanWorkbook } from "../../bench/make-workbook";

const REPO = path.resolve(__dirname, "../..");
const BIN = path.join(REPO, "bin", "action-plan.js");
const FIXTURE = path.resolve(REPO, "../shared/fixtures/psa-progress-report-2010.xlsx");

function actionPlan(...args: string[]) {
  return actionPlanWith({}, ...args);
}

function actionPlanWith(env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    cwd: os.tmpdir(),
    env: { ...process.env, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("the action-plan command, compiled", () => {
  it("lists its commands for `help` and `--help`, exiting 0", () => {
    for (const args of [["help"], ["--help"], ["-h"]]) {
      const r = actionPlan(...args);
      expect(r.code).toBe(0);
      expect(r.err).toBe("");
      expect(r.out).toMatch(/^Usage: action-plan COMMAND/);
      expect(r.out).toContain("action-plan carry-over IN.xlsx");
    }
  });

  it("prints a command's options for `COMMAND --help` and `help COMMAND` alike", () => {
    const flag = actionPlan("summary", "--help");
    expect(flag.code).toBe(0);
    expect(flag.out).toMatch(/^usage: action-plan summary IN\.xlsx/);
    expect(flag.out).toContain("--today YYYY-MM-DD");
    expect(actionPlan("help", "summary")).toEqual(flag);
  });

  it("exits 2 with the usage for an unknown command, an unknown option or a missing value", () => {
    const unknownCommand = actionPlan("tidy", FIXTURE);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.err).toContain("unknown command 'tidy'");
    const unknownOption = actionPlan("inspect", FIXTURE, "--yaml");
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.err).toContain("Unknown option '--yaml'");
    expect(unknownOption.err).toContain("usage: action-plan inspect FILE.xlsx [--json]");
    const missingValue = actionPlan("apply-schema", FIXTURE, "-o");
    expect(missingValue.code).toBe(2);
    expect(missingValue.err.trim().split("\n")).toHaveLength(1);
    expect(actionPlan().code).toBe(2);
  });

  it("exits 1 with one line when the workbook cannot be read", () => {
    const r = actionPlan("inspect", path.join(os.tmpdir(), "no-such-plan.xlsx"));
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err.trim().split("\n")).toEqual([expect.stringMatching(/no-such-plan\.xlsx: no such file\.$/)]);
  });

  it("prints data as one JSON object with --json", () => {
    const r = actionPlan("check", FIXTURE, "--json", "--today", "2012-05-01");
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.out) as { problems: unknown[] };
    expect(Object.keys(printed)).toEqual(["problems"]);
    expect(Array.isArray(printed.problems)).toBe(true);
  });

  it("ends quietly, exit 0, when the reader closes the pipe early (`| head`)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cli-pipe-"));
    try {
      const file = path.join(dir, "big.xlsx");
      await writeActionPlanWorkbook(file, 3000);
      const child = spawn(process.execPath, [BIN, "inspect", file], { stdio: ["ignore", "pipe", "pipe"] });
      let err = "";
      child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
      // Read the first chunk, as `head -1` would, and close the pipe.
      await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
      child.stdout.destroy();
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect(err).toBe("");
      expect(code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes the same workbooks and words with the tiering it sets for short runs as with V8's own", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cli-tiering-"));
    try {
      const runs = (["tuned", "default"] as const).map((tiering) => {
        const env = tiering === "default" ? { ACTION_PLAN_V8_TIERING: "default" } : {};
        const schema = path.join(dir, `${tiering}-schema.xlsx`);
        const summary = path.join(dir, `${tiering}-summary.xlsx`);
        const applied = actionPlanWith(env, "apply-schema", FIXTURE, "-o", schema);
        const summarised = actionPlanWith(
          env,
          "summary",
          schema,
          "-o",
          summary,
          "--today",
          "2012-04-01",
          "--title",
          "Plan",
        );
        const inspected = actionPlanWith(env, "inspect", summary, "--json");
        expect([applied.code, summarised.code, inspected.code]).toEqual([0, 0, 0]);
        return {
          words: [
            applied.out.replaceAll(tiering, "T"),
            summarised.out.replaceAll(tiering, "T"),
            inspected.out,
          ],
          files: [readFileSync(schema), readFileSync(summary)],
        };
      });
      expect(runs[0]!.words).toEqual(runs[1]!.words);
      expect(runs[0]!.files[0]!.equals(runs[1]!.files[0]!)).toBe(true);
      expect(runs[0]!.files[1]!.equals(runs[1]!.files[1]!)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
