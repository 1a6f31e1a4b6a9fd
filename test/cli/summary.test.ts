import { readFile, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { main } from "../../src/cli/main";
import { readPlan } from "../../src/core/read-plan";
import { SUMMARY_SHEET } from "../../src/core/reserved-names";
import { summarisePlan } from "../../src/core/summary";
import { readWorkbookFile } from "../../src/xlsx/xlsx-file";
import { snapshotFromWorkbook } from "../../src/xlsx/xlsx-snapshot";

const FIXTURE = path.resolve(
  __dirname,
  "../../../shared/fixtures/strategic-assessment-action-plan-2009.xlsx",
);

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe("action-plan summary", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "summary-cli-"));
  });

  it("prints exactly one JSON object with the counts and exceptions, read from the file as it is", async () => {
    const { code, out, err } = await run(["summary", FIXTURE, "--json", "--today", "2012-04-01"]);
    expect(code).toBe(0);
    expect(err).toBe("");
    const printed = JSON.parse(out) as unknown;
    const model = readPlan(snapshotFromWorkbook(await readWorkbookFile(FIXTURE)));
    expect(printed).toEqual(summarisePlan(model, "2012-04-01"));
    expect(Object.keys(printed as object)).toEqual(["totals", "byTheme", "byLead", "exceptions"]);
  });

  it("applies the schema first in the output file, says so on stderr, and leaves the input alone", async () => {
    const before = await readFile(FIXTURE);
    const output = path.join(dir, "with-summary.xlsx");
    const { code, out, err } = await run(["summary", FIXTURE, "-o", output, "--today", "2012-04-01"]);
    expect(code).toBe(0);
    expect(err).toMatch(/applied first in .*with-summary\.xlsx/);
    expect(err).toMatch(/skipped: The chart/);
    expect(out).toMatch(/Add a Summary sheet \(17 actions/);
    expect(await readFile(FIXTURE)).toEqual(before);
    const written = await readWorkbookFile(output);
    expect(written.getWorksheet(SUMMARY_SHEET)?.getCell("A1").value).toBe(
      "strategic-assessment-action-plan-2009: action plan summary, 01/04/2012",
    );
  });

  it("refreshes the summary of a file that has one, without applying the schema again or adding a sheet", async () => {
    const first = path.join(dir, "first.xlsx");
    const second = path.join(dir, "second.xlsx");
    await run(["summary", FIXTURE, "-o", first, "--name", "Plan 2009"]);
    const { code, out, err } = await run(["summary", first, "-o", second, "--name", "Plan 2009"]);
    expect(code).toBe(0);
    expect(err).not.toMatch(/schema/);
    expect(out).toMatch(/Rebuild the Summary sheet/);
    const names = (await readWorkbookFile(second)).worksheets.map((w) => w.name);
    expect(names.filter((n) => n.startsWith(SUMMARY_SHEET))).toEqual([SUMMARY_SHEET]);
  });

  it("fails with one line when the file cannot be read", async () => {
    const { code, err } = await run(["summary", path.join(dir, "missing.xlsx"), "--json"]);
    expect(code).not.toBe(0);
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(err).toMatch(/missing\.xlsx/);
  });

  it("asks for either -o or --json", async () => {
    const { code, err } = await run(["summary", FIXTURE]);
    expect(code).toBe(2);
    expect(err).toMatch(/either -o OUT\.xlsx or --json/);
  });
});
