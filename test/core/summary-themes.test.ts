/**
 * Themes compared across periods: a summary of every period counts "ASB 2011-12" and "ASB 2012-13"
 * as one theme, "ASB", in its data and in the Summary sheet's live formulas alike; a summary of one
 * period keeps its themes as they are written.
 */
import { readPlan } from "../../src/core/reading/read-plan";
import { planSummarySheet, summarisePlan } from "../../src/core/planning/summary";
import { themeLabeller, themesAcrossPeriods } from "../../src/core/planning/summary-counts";
import { ALL_PERIODS, selectPeriod } from "../../src/core/reading/table-periods";
import type { TableSnapshot, WorkbookSnapshot } from "../../src/core/basics/snapshot";
import type { CellWrite, WriteOp, WritePlan } from "../../src/core/basics/write-plan";
import { type CellSpec, sheet, workbook } from "../support/snapshot-builder";

const TODAY = "2013-04-01";

/** A sheet whose table (header at `headerRow`) is a ListObject named `name`, as after apply-schema. */
function tableSheet(
  sheetName: string,
  name: string,
  header: string[],
  rows: CellSpec[][],
  above: CellSpec[][] = [],
) {
  const headerRow = above.length;
  const tables: TableSnapshot[] = [
    {
      name,
      range: { top: headerRow, left: 0, bottom: headerRow + rows.length, right: header.length - 1 },
      columnNames: header,
    },
  ];
  return sheet(sheetName, [...above, header, ...rows], { tables });
}

const THEMED = ["Ref", "Action", "Theme", "Lead", "Update", "Status"];
const UNTHEMED = ["Ref", "Action", "Lead", "Update", "Status"];

/** Two years' plans: the same themes written with each year, one sheet per theme for Alcohol. */
function twoYears(): WorkbookSnapshot {
  return workbook(
    tableSheet("2011-12", "Actions_2011_12", THEMED, [
      ["1", "Patrol the park", "ASB 2011-12", "Police", "Done", "Complete"],
      ["2", "Needle exchange", "Drugs 2011-12", "DAT", "Late", "Red"],
      ["3", "Mediation", "asb 2011-12", "Council", "", "Amber"],
    ]),
    tableSheet("2012-13", "Actions_2012_13", THEMED, [
      ["1", "Patrol the park again", "ASB 2012-13", "Police", "Going well", "Green"],
      ["2", "Test purchases", "Drugs (2012-13)", "Police", "Slipping", "Amber"],
      ["3", "Street lighting", "Violence", "Council", "", "Red"],
      ["4", "Youth diversion", "", "Council", "", "Green"],
    ]),
    tableSheet("Alcohol 2011-12", "Actions_Alcohol_2011", UNTHEMED, [
      ["1", "Pubwatch", "Police", "Held", "Complete"],
    ]),
    tableSheet("Alcohol 2012-13", "Actions_Alcohol_2012", UNTHEMED, [
      ["1", "Pubwatch again", "Police", "", "Red"],
      ["2", "Late-night levy", "Council", "Agreed", "Green"],
    ]),
  );
}

function summaryGrid(p: WritePlan): CellWrite[][] {
  const op = p.ops.find((o): o is Extract<WriteOp, { kind: "writeCells" }> => o.kind === "writeCells");
  if (!op) throw new Error("no writeCells op");
  return op.cells.map((r) => [...r]);
}

function shown(c: CellWrite | undefined): string | number | null {
  if (!c) return null;
  switch (c.kind) {
    case "text":
      return c.text;
    case "number":
      return c.value;
    case "formula":
      return c.cached;
    case "blank":
      return null;
    case "boolean":
    case "date":
      return JSON.stringify(c);
  }
}

/** "Status by theme": label → Red … Total as the file shows them, and each count cell's formula. */
function themeSection(p: WritePlan): Map<string, { counts: unknown[]; formulas: string[] }> {
  const grid = summaryGrid(p);
  const start = grid.findIndex((r) => shown(r[0]) === "Status by theme");
  const header = grid.findIndex((r, i) => i > start && shown(r[1]) === "Red");
  const out = new Map<string, { counts: unknown[]; formulas: string[] }>();
  for (let i = header + 1; i < grid.length && shown(grid[i]?.[0]) !== null; i++) {
    const row = grid[i] ?? [];
    out.set(String(shown(row[0])), {
      counts: row.slice(1, 8).map(shown),
      formulas: row.slice(1, 8).map((c) => (c.kind === "formula" ? c.formula : "")),
    });
  }
  return out;
}

describe("themes across periods", () => {
  const model = readPlan(twoYears());

  it("counts a theme written with each year as one theme, named without the year, when every period is summarised", () => {
    const summary = summarisePlan(model, TODAY, ALL_PERIODS);
    expect(summary.period).toBeNull();
    expect(summary.byTheme.map((t) => [t.theme, t.Red, t.Amber, t.Green, t.Complete, t.Total])).toEqual([
      ["ASB", 0, 1, 1, 1, 3],
      ["Drugs", 1, 1, 0, 0, 2],
      ["Violence", 1, 0, 0, 0, 1],
      ["2012-13", 0, 0, 1, 0, 1],
      ["Alcohol", 1, 0, 1, 1, 3],
    ]);
  });

  it("lists each exception under the theme it is counted in", () => {
    const summary = summarisePlan(model, TODAY, ALL_PERIODS);
    expect(summary.exceptions.map((e) => [e.action, e.theme])).toEqual([
      ["Needle exchange", "Drugs"],
      ["Street lighting", "Violence"],
      ["Pubwatch again", "Alcohol"],
      ["Mediation", "ASB"],
      ["Test purchases", "Drugs"],
    ]);
  });

  it("keeps the themes as written in a summary of one period", () => {
    const latest = summarisePlan(model, TODAY);
    expect(latest.period).toBe("2012-13");
    expect(latest.byTheme.map((t) => t.theme)).toEqual([
      "ASB 2012-13",
      "Drugs (2012-13)",
      "Violence",
      "2012-13",
      "Alcohol 2012-13",
    ]);
    expect(themesAcrossPeriods(selectPeriod(model, "2011-12"))).toBe(false);
  });

  it("matches themes across periods named only in the theme cells of a workbook whose tables name none", () => {
    const snapshot = workbook(
      tableSheet("Plan", "Actions_Plan", THEMED, [
        ["1", "Patrol", "ASB 2011-12", "Police", "", "Red"],
        ["2", "Patrol again", "ASB 2012-13", "Police", "", "Green"],
        ["3", "Survey", "Community 2012", "Council", "", "Green"],
      ]),
    );
    const whole = readPlan(snapshot);
    const selection = selectPeriod(whole);
    expect(selection.period).toBeNull();
    expect(themesAcrossPeriods(selection)).toBe(true);
    expect(themeLabeller(selection)("Community 2012")).toBe("Community");
    expect(summarisePlan(whole, TODAY).byTheme.map((t) => [t.theme, t.Total])).toEqual([
      ["ASB", 2],
      ["Community", 1],
    ]);
  });

  it("leaves a whole workbook's themes alone when they name one period at most", () => {
    const snapshot = workbook(
      tableSheet("Plan", "Actions_Plan", THEMED, [
        ["1", "Patrol", "ASB 2012-13", "Police", "", "Red"],
        ["2", "Survey", "Community", "Council", "", "Green"],
      ]),
    );
    expect(summarisePlan(readPlan(snapshot), TODAY).byTheme.map((t) => t.theme)).toEqual([
      "ASB 2012-13",
      "Community",
    ]);
  });

  describe("on the Summary sheet of every period", () => {
    const p = planSummarySheet(twoYears(), model, {
      todayIso: TODAY,
      planName: "Two years",
      period: ALL_PERIODS,
    });
    const rows = themeSection(p);
    const summary = summarisePlan(model, TODAY, ALL_PERIODS);

    it("shows the counts summarisePlan gives, one row per theme without its year", () => {
      expect([...rows.keys()]).toEqual([...summary.byTheme.map((t) => t.theme), "All actions"]);
      for (const t of summary.byTheme) {
        expect(rows.get(t.theme)?.counts).toEqual([
          t.Red,
          t.Amber,
          t.Green,
          t.Complete,
          t["Not started"],
          t["No status"],
          t.Total,
        ]);
      }
    });

    it("counts each theme with live formulas over every spelling of it, once per spelling", () => {
      const asbTotal = rows.get("ASB")?.formulas[6] ?? "";
      expect(asbTotal).toBe(
        '=COUNTIFS(Actions_2011_12[Action],"<>",Actions_2011_12[Theme],"=ASB 2011-12")+' +
          'COUNTIFS(Actions_2012_13[Action],"<>",Actions_2012_13[Theme],"=ASB 2012-13")',
      );
      const alcoholRed = rows.get("Alcohol")?.formulas[0] ?? "";
      expect(alcoholRed).toContain(
        'COUNTIFS(Actions_Alcohol_2011[Action],"<>",Actions_Alcohol_2011[Status],"Red")',
      );
      expect(alcoholRed).toContain(
        'COUNTIFS(Actions_Alcohol_2012[Action],"<>",Actions_Alcohol_2012[Status],"Red")',
      );
      expect(rows.get("2012-13")?.formulas[6]).toBe(
        '=COUNTIFS(Actions_2012_13[Action],"<>",Actions_2012_13[Theme],"")',
      );
    });

    it("says on the sheet how themes are matched, with an example from the plan", () => {
      const texts = summaryGrid(p)
        .flat()
        .map(shown)
        .filter((t): t is string => typeof t === "string");
      expect(texts).toContain(
        "Themes are matched across periods by their words without the year: 'ASB 2011-12' and 'ASB 2012-13' are counted as 'ASB'.",
      );
    });

    it("names each exception's theme without its year, as it is counted", () => {
      const grid = summaryGrid(p);
      const isHeader = (r: CellWrite[]) => shown(r[0]) === "Action" && shown(r[1]) === "Ref";
      const header = grid.findIndex(isHeader);
      const themeColumn = grid[header]?.findIndex((c) => shown(c) === "Theme") ?? -1;
      const listed = grid.slice(header + 1).filter((r) => !isHeader(r));
      expect(listed.map((r) => shown(r[themeColumn]))).toEqual(summary.exceptions.map((e) => e.theme));
      expect(listed.map((r) => shown(r[themeColumn]))).toContain("Drugs");
    });
  });

  it("writes the Summary of one period with its themes as written and no note on matching", () => {
    const p = planSummarySheet(twoYears(), model, { todayIso: TODAY, planName: "Two years" });
    expect([...themeSection(p).keys()]).toEqual([
      "ASB 2012-13",
      "Drugs (2012-13)",
      "Violence",
      "2012-13",
      "Alcohol 2012-13",
      "All actions",
    ]);
    const texts = summaryGrid(p).flat().map(shown);
    expect(texts.some((t) => typeof t === "string" && t.startsWith("Themes are matched"))).toBe(false);
  });
});
