import { readFile, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { main } from "../../src/cli/main";
import { readPlan } from "../../src/core/reading/read-plan";
import { SUMMARY_SHEET } from "../../src/core/basics/reserved-names";
import { summarisePlan } from "../../src/core/planning/summary";
import { readWorkbookFile } from "../support/exceljs/xlsx-file";
import { snapshotFromWorkbook } from "../support/exceljs/xlsx-snapshot";

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
    expect(Object.keys(printed as object)).toEqual([
      "period",
      "sheets",
      "totals",
      "byTheme",
      "byLead",
      "exceptions",
    ]);
  });

  it("applies the schema first in the output file, says so on stderr, and leaves the input alone", async () => {
    const before = await readFile(FIXTURE);
    const output = path.join(dir, "with-summary.xlsx");
    const { code, out, err } = await run(["summary", FIXTURE, "-o", output, "--today", "2012-04-01"]);
    expect(code).toBe(0);
    expect(err).toMatch(/applied first in .*with-summary\.xlsx/);
    // The chart is written into the file too (src/xlsx/package-chart.ts), so nothing is skipped.
    expect(err).not.toMatch(/skipped/);
    expect(out).toMatch(/Add a Summary sheet \(17 actions/);
    // The totals are the counts of the sheet written after the schema.
    expect(out).toMatch(
      /^ {2}17 actions: \d+ Red, \d+ Amber, \d+ Green, \d+ Complete, \d+ Not started, \d+ with no status\.$/m,
    );
    expect(await readFile(FIXTURE)).toEqual(before);
    const written = await readWorkbookFile(output);
    expect(written.getWorksheet(SUMMARY_SHEET)?.getCell("A1").value).toBe(
      "strategic-assessment-action-plan-2009: action plan summary, 2009, as at 01/04/2012",
    );
  });

  it("refreshes the summary of a file that has one, without applying the schema again or adding a sheet", async () => {
    const first = path.join(dir, "first.xlsx");
    const second = path.join(dir, "second.xlsx");
    await run(["summary", FIXTURE, "-o", first, "--name", "Plan 2009"]);
    const { code, out, err } = await run(["summary", first, "-o", second, "--name", "Plan 2009"]);
    expect(code).toBe(0);
    expect(err).not.toMatch(/schema/);
    expect(out).toMatch(/Rebuild the Summary sheet \(17 actions/);
    expect(out).toMatch(/^ {2}17 actions: \d+ Red, /m);
    const names = (await readWorkbookFile(second)).worksheets.map((w) => w.name);
    expect(names.filter((n) => n.startsWith(SUMMARY_SHEET))).toEqual([SUMMARY_SHEET]);
  });

  describe("after the 2009 plan is carried over to 2010", () => {
    let carried = "";
    beforeAll(async () => {
      carried = path.join(dir, "carried.xlsx");
      const result = await run(["carry-over", FIXTURE, "-o", carried]);
      if (result.code !== 0) throw new Error(`carry-over failed: ${result.err}`);
    });

    it("counts only the new period by default, and says which period and sheets it counted", async () => {
      const { code, out } = await run(["summary", carried, "--json", "--today", "2012-04-01"]);
      expect(code).toBe(0);
      const printed = JSON.parse(out) as { period: string; sheets: string[]; totals: { Total: number } };
      const model = readPlan(snapshotFromWorkbook(await readWorkbookFile(carried)));
      const newActions = model.actions.filter((a) => a.sheet === "Action Plan 2010");
      expect(newActions.length).toBeGreaterThan(0);
      expect(printed.period).toBe("2010");
      expect(printed.sheets).toEqual(["Action Plan 2010"]);
      expect(printed.totals.Total).toBe(newActions.length);
      expect(printed.totals.Total).toBeLessThan(model.actions.length);
    });

    it("counts the period chosen with --period, or every period with 'all'", async () => {
      const old = await run(["summary", carried, "--json", "--period", "2009"]);
      const parsed = JSON.parse(old.out) as { period: string; sheets: string[]; totals: { Total: number } };
      expect(parsed).toMatchObject({ period: "2009", sheets: ["Action Plan 2009"] });
      expect(parsed.totals.Total).toBe(17);
      const all = JSON.parse((await run(["summary", carried, "--json", "--period", "all"])).out) as {
        period: string | null;
        totals: { Total: number };
      };
      expect(all.period).toBeNull();
      const model = readPlan(snapshotFromWorkbook(await readWorkbookFile(carried)));
      expect(all.totals.Total).toBe(model.actions.length);
    });

    it("refuses a period no table covers, naming the periods there are", async () => {
      const { code, err } = await run(["summary", carried, "--json", "--period", "2012-13"]);
      expect(code).toBe(2);
      expect(err).toMatch(/periods found are 2010, 2009/);
    });

    it("writes a Summary sheet of the new period only, with the period in its title", async () => {
      const output = path.join(dir, "carried-summary.xlsx");
      const { code, out } = await run([
        "summary",
        carried,
        "-o",
        output,
        "--title",
        "Safer Towns",
        "--today",
        "2012-04-01",
      ]);
      expect(code).toBe(0);
      expect(out).toMatch(/Period 2010\./);
      const written = await readWorkbookFile(output);
      expect(written.getWorksheet(SUMMARY_SHEET)?.getCell("A1").value).toBe(
        "Safer Towns: action plan summary, 2010, as at 01/04/2012",
      );
      const again = path.join(dir, "carried-summary-again.xlsx");
      expect((await run(["summary", output, "-o", again, "--period", "2009"])).code).toBe(0);
      const title = (await readWorkbookFile(again)).getWorksheet(SUMMARY_SHEET)?.getCell("A1").value;
      expect(title).toMatch(/^Safer Towns: action plan summary, 2009, as at /);
    });
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
    expect(err).toMatch(/give -o OUT\.xlsx, --pdf OUT\.pdf or both, or else --json/);
  });
});
