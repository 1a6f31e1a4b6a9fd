/**
 * The Summary built through the Excel API prints as the file does: the marking the plan's sheets
 * print on its footer (read from their headers and footers, ExcelApi 1.9), and each page the
 * exception list runs on to starting with the list's column headings, where the page break is.
 */
import { createExcelHost } from "../../src/excel/excel-host";
import { applyOperation } from "../../src/operations/run-operation";
import { summaryOperation } from "../../src/operations/summary";
import { type CellSpec, sheet, workbook } from "../support/snapshot-builder";
import { FakeExcel, installFakeOffice, parseA1, uninstallFakeOffice } from "../fakes/fake-excel";

afterEach(() => uninstallFakeOffice());

/** A plan of 40 Red and Amber actions with long texts, its sheet's header printing OFFICIAL-SENSITIVE. */
function longPlan(): FakeExcel {
  const rows: CellSpec[][] = [["Ref", "Action", "Lead", "Update", "Status"]];
  for (let i = 1; i <= 40; i++) {
    rows.push([
      String(i),
      `Action ${i}: ${"agree the patrol plan with the neighbourhood team ".repeat(3)}`,
      i % 3 ? "Police" : "Council",
      `Update ${i}: ${"patrols held at weekends and reviewed monthly ".repeat(4)}`,
      i % 2 ? "Red" : "Amber",
    ]);
  }
  const fake = FakeExcel.fromSnapshot(workbook(sheet("Plan 2012-13", rows)));
  fake.sheet("Plan 2012-13").pageLayout.sections = {
    "defaultForAllPages.centerHeader": "OFFICIAL-SENSITIVE",
  };
  return fake;
}

describe("the Summary printed from Excel", () => {
  it("carries the marking and starts each page the exceptions run on to with their headings", async () => {
    const fake = longPlan();
    installFakeOffice(fake);
    const outcome = await applyOperation(createExcelHost(), summaryOperation("2013-04-01", "Long plan"));
    expect(outcome.report).not.toBeNull();
    const layout = fake.sheet("Summary").pageLayout;
    expect(layout.centerFooter).toBe("OFFICIAL-SENSITIVE");
    const cellA = (row: number) => fake.value("Summary", `A${row + 1}`);
    const heading = (row: number) => ["A", "B", "G"].map((c) => fake.value("Summary", `${c}${row + 1}`));
    const rows = [...Array(400).keys()];
    const header = rows.find((r) => cellA(r) === "Action") ?? -1;
    const lastWritten = Math.max(...rows.filter((r) => cellA(r) !== ""));
    // The page breaks among the exceptions (a break after them is the chart's page).
    const within = layout.rowBreaks.map((a) => parseA1(a).row).filter((r) => r > header && r <= lastWritten);
    expect(header).toBeGreaterThan(0);
    expect(within.length).toBeGreaterThan(1);
    for (const r of within) expect(heading(r)).toEqual(["Action", "Ref", "Why listed"]);
    expect(rows.filter((r) => r > header && cellA(r) === "Action")).toEqual(within);
  });
});
