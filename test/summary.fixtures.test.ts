/**
 * The summary of every shared fixture, read through the file shell, against counts worked out here
 * from the fixture's expected answers (expected/NAME.json), never typed in by hand.
 */
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import path from "node:path";
import { readPlan } from "../src/core/reading/read-plan";
import { SUMMARY_SHEET } from "../src/core/basics/reserved-names";
import { summarisePlan } from "../src/core/planning/summary";
import { ALL_PERIODS } from "../src/core/reading/table-periods";
import { readWorkbookFile } from "./support/exceljs/xlsx-file";
import { snapshotFromWorkbook } from "./support/exceljs/xlsx-snapshot";
import { FIXTURES, buildSummary, readCountSection } from "./support/summary-workbook";

const FIXTURE_DIR = path.resolve(__dirname, "../../shared/fixtures");
/** Before every due date in the fixtures, so the exceptions are exactly the Red and Amber actions. */
const LONG_AGO = "2000-01-01";
const COLUMNS = ["Red", "Amber", "Green", "Complete", "Not started", "No status"] as const;

interface ExpectedAction {
  readonly sheet: string;
  readonly ref: string | null;
  readonly action: string;
  readonly lead: string | null;
  readonly leadCodes?: string[];
  readonly status: string | null;
}

function expectedActions(name: string): ExpectedAction[] {
  const json = JSON.parse(readFileSync(path.join(FIXTURE_DIR, "expected", `${name}.json`), "utf8")) as {
    actions: ExpectedAction[];
  };
  return json.actions;
}

/** [Red, Amber, Green, Complete, Not started, No status, Total] of some expected actions. */
function countsOf(actions: readonly ExpectedAction[]): number[] {
  return [
    ...COLUMNS.map((c) => actions.filter((a) => (a.status ?? "No status") === c).length),
    actions.length,
  ];
}

/** Expected actions grouped by lead, ignoring case: codes when the fixture splits the lead, else the lead. */
function byExpectedLead(actions: readonly ExpectedAction[]): Map<string, ExpectedAction[]> {
  const out = new Map<string, ExpectedAction[]>();
  for (const a of actions) {
    // The 2009 answers write a blank lead as "" where the others write null: both mean no lead.
    // A lead cell naming leads on separate lines or separated by commas names each of them (issue 13).
    const parts = (a.lead ?? "").split(/\s*(?:\r?\n|,|;)\s*/).filter((p) => p.trim() !== "");
    const whole = parts.length > 0 ? [...new Set(parts.map((p) => p.trim()))] : ["(no lead)"];
    for (const lead of a.leadCodes?.length ? a.leadCodes : whole) {
      const key = lead.toLowerCase();
      out.set(key, [...(out.get(key) ?? []), a]);
    }
  }
  return out;
}

function bySheet(actions: readonly ExpectedAction[]): Map<string, ExpectedAction[]> {
  const out = new Map<string, ExpectedAction[]>();
  for (const a of actions) out.set(a.sheet, [...(out.get(a.sheet) ?? []), a]);
  return out;
}

async function summaryOf(name: string) {
  const workbook = await readWorkbookFile(path.join(FIXTURE_DIR, `${name}.xlsx`));
  // Every period: the expected answers list every sheet's actions.
  return summarisePlan(readPlan(snapshotFromWorkbook(workbook)), LONG_AGO, ALL_PERIODS);
}

describe.each(FIXTURES)("the summary of %s", (name) => {
  const expected = expectedActions(name);

  it("counts the statuses the expected answers give", async () => {
    const { totals } = await summaryOf(name);
    expect([...COLUMNS.map((c) => totals[c]), totals.Total]).toEqual(countsOf(expected));
  });

  it("counts each lead as the expected answers give, two-code leads for each code", async () => {
    const { byLead } = await summaryOf(name);
    const want = byExpectedLead(expected);
    expect(new Set(byLead.map((l) => l.lead.toLowerCase()))).toEqual(new Set(want.keys()));
    for (const l of byLead) {
      expect([l.lead, ...COLUMNS.map((c) => l[c]), l.Total]).toEqual([
        l.lead,
        ...countsOf(want.get(l.lead.toLowerCase()) ?? []),
      ]);
    }
  });

  it("counts each sheet's table under its own theme", async () => {
    const { byTheme } = await summaryOf(name);
    const sheets = bySheet(expected);
    expect(byTheme.map((t) => t.Total).sort()).toEqual([...sheets.values()].map((a) => a.length).sort());
  });

  it("lists every Red and Amber action as an exception", async () => {
    const { exceptions } = await summaryOf(name);
    // Red first, then Amber, each in the plan's order.
    const redAmber = [
      ...expected.filter((a) => a.status === "Red"),
      ...expected.filter((a) => a.status === "Amber"),
    ];
    expect(exceptions.map((e) => [e.sheet, e.ref, e.action, e.status])).toEqual(
      redAmber.map((a) => [a.sheet, a.ref, a.action, a.status]),
    );
  });

  it("writes a Summary sheet whose cached counts match the expected answers", async () => {
    const { workbook } = await buildSummary(
      await readWorkbookFile(path.join(FIXTURE_DIR, `${name}.xlsx`)),
      LONG_AGO,
    );
    const ws = workbook.getWorksheet(SUMMARY_SHEET);
    if (!ws) throw new Error("no Summary sheet");
    const themes = readCountSection(ws, "Status by theme");
    expect(themes.get("All actions")).toEqual(countsOf(expected));
    const themeTotals = [...themes.entries()].filter(([k]) => k !== "All actions").map(([, v]) => v[6]);
    expect(themeTotals.sort()).toEqual([...bySheet(expected).values()].map((a) => a.length).sort());
    // By lead is checked against the reader after the schema: the Lists sheet's Leads table then
    // registers every lead seen, so "ASB TEAM\nPOLICE" splits into two leads it did not split into before.
    const { byLead } = summarisePlan(readPlan(snapshotFromWorkbook(workbook)), LONG_AGO, ALL_PERIODS);
    const leads = readCountSection(ws, "Status by lead");
    expect([...leads.keys()]).toEqual(byLead.map((l) => l.lead));
    for (const l of byLead) expect(leads.get(l.lead)).toEqual([...COLUMNS.map((c) => l[c]), l.Total]);
  });

  it("keeps every count on the Summary sheet a live formula", async () => {
    const { workbook } = await buildSummary(
      await readWorkbookFile(path.join(FIXTURE_DIR, `${name}.xlsx`)),
      LONG_AGO,
    );
    const ws = workbook.getWorksheet(SUMMARY_SHEET);
    if (!ws) throw new Error("no Summary sheet");
    for (const heading of ["Status by theme", "Status by lead"]) {
      let row = 1;
      while (ws.getCell(row, 1).value !== heading) row++;
      while (ws.getCell(row, 2).value !== "Red") {
        expect(ws.getCell(row, 1).text).not.toMatch(/snapshot/);
        row++;
      }
      for (row += 1; ws.getCell(row, 1).value !== null; row++) {
        for (let c = 2; c <= 9; c++) expect(ws.getCell(row, c).type).toBe(ExcelJS.ValueType.Formula);
      }
    }
  });
});

describe("refreshing the summary", () => {
  it("updates the counts in place after statuses change, never adding Summary (2)", async () => {
    const { workbook } = await buildSummary(
      await readWorkbookFile(path.join(FIXTURE_DIR, "strategic-assessment-action-plan-2009.xlsx")),
      LONG_AGO,
    );
    const sheetsBefore = workbook.worksheets.map((w) => w.name);
    const summary = workbook.getWorksheet(SUMMARY_SHEET);
    if (!summary) throw new Error("no Summary sheet");
    summary.getCell("A300").value = "a note typed on the summary by hand";
    const before = readCountSection(summary, "Status by theme").get("All actions") ?? [];

    // A lead turns an Amber action Red and a Green one Complete, as in Excel on the web.
    const model = readPlan(snapshotFromWorkbook(workbook));
    const table = model.tables[0];
    const statusColumn = table?.columns.find((c) => c.role === "status")?.column;
    if (table === undefined || statusColumn === undefined) throw new Error("no status column");
    const amber = model.actions.find((a) => a.status === "Amber");
    const green = model.actions.find((a) => a.status === "Green");
    if (!amber || !green) throw new Error("the fixture has Amber and Green actions");
    const ws = workbook.getWorksheet(table.sheet);
    if (!ws) throw new Error("no plan sheet");
    ws.getCell(amber.row + 1, statusColumn + 1).value = "Red";
    ws.getCell(green.row + 1, statusColumn + 1).value = "Complete";

    const rebuilt = (await buildSummary(workbook, LONG_AGO)).workbook;
    expect(rebuilt.worksheets.map((w) => w.name)).toEqual(sheetsBefore);
    const rebuiltSummary = rebuilt.getWorksheet(SUMMARY_SHEET);
    if (!rebuiltSummary) throw new Error("no Summary sheet after the refresh");
    const after = readCountSection(rebuiltSummary, "Status by theme").get("All actions") ?? [];
    const [red, amberCount, greenCount, complete, ...rest] = before as number[];
    expect(after).toEqual([
      (red ?? 0) + 1,
      (amberCount ?? 0) - 1,
      (greenCount ?? 0) - 1,
      (complete ?? 0) + 1,
      ...rest,
    ]);
    expect(rebuiltSummary.getCell("A300").value).toBeNull();
  });
});
