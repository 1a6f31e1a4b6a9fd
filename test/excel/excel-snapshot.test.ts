import { readWorkbook, readWorkbookSnapshot } from "../../src/excel/excel-snapshot";
import type { WorkbookSnapshot } from "../../src/core/basics/snapshot";
import { sheet, workbook, workbookWithNames, type CellSpec } from "../support/snapshot-builder";
import { FakeExcel, installFakeOffice, uninstallFakeOffice } from "../fakes/fake-excel";
import { createExcelHost } from "../../src/excel/excel-host";
import { applyOperation } from "../../src/operations/run-operation";
import { summaryOperation } from "../../src/operations/summary";

afterEach(() => uninstallFakeOffice());

async function read(fake: FakeExcel): Promise<WorkbookSnapshot> {
  installFakeOffice(fake);
  return fake.run((context) => readWorkbookSnapshot(context as unknown as Excel.RequestContext));
}

function planRows(count: number): CellSpec[][] {
  const rows: CellSpec[][] = [["Ref", "Action", "Lead", "Update", "Status", "Due"]];
  for (let i = 1; i <= count; i++) {
    rows.push([
      `${Math.ceil(i / 10)}.${i % 10}`,
      `Work with partners on action ${i}: a) map the hotspots b) agree the patrol plan`,
      i % 2 ? "MW" : "CS",
      `Met on ${i} March; next meeting booked with the neighbourhood team`,
      { value: "", fill: "#FF0000" },
      { value: 45292 + i, text: "01/01/2024", numberFormat: "dd/mm/yyyy" },
    ]);
  }
  return rows;
}

describe("reading a workbook through the Excel API", () => {
  it("places a used range that starts below and right of A1 at its offset", async () => {
    const fake = FakeExcel.fromSnapshot(
      workbook(
        sheet("Plan", [
          [null, null],
          [null, null, "Title"],
        ]),
      ),
    );
    const snapshot = await read(fake);
    const cells = snapshot.sheets[0]?.cells ?? [];
    expect(cells).toHaveLength(2);
    expect(cells[0]).toEqual([]);
    expect(cells[1]?.[0]).toBeNull();
    expect(cells[1]?.[2]).toMatchObject({ value: "Title", text: "Title", formula: null });
  });

  it("reads values, displayed text, number formats, formulas, fills and error values", async () => {
    const fake = FakeExcel.fromSnapshot(
      workbook(
        sheet("Plan", [
          ["3.10", { value: 3.1, text: "3.10", numberFormat: "0.00" }, { value: "", fill: "#00B050" }],
          [
            { value: 2, formula: "=1+1" },
            { value: "#REF!", isError: true },
            { value: "=SUM(1)", numberFormat: "@" },
          ],
        ]),
      ),
    );
    const cells = (await read(fake)).sheets[0]?.cells ?? [];
    expect(cells[0]?.[0]).toEqual({
      value: "3.10",
      text: "3.10",
      numberFormat: "General",
      fill: null,
      formula: null,
    });
    expect(cells[0]?.[1]).toMatchObject({ value: 3.1, text: "3.10", numberFormat: "0.00" });
    expect(cells[0]?.[2]).toMatchObject({ value: null, fill: "#00B050" });
    expect(cells[1]?.[0]).toMatchObject({ value: 2, formula: "=1+1" });
    expect(cells[1]?.[1]).toMatchObject({ value: "#REF!", isError: true });
    expect(cells[1]?.[2]).toMatchObject({ value: "=SUM(1)", numberFormat: "@", formula: null });
  });

  it("reads sheets in tab order with visibility, protection, merges, hidden rows and columns, tables and names", async () => {
    const fake = FakeExcel.fromSnapshot(
      workbookWithNames(
        [{ name: "StatusList", formula: "=Lists!$A$2:$A$6" }],
        sheet(
          "2011-12",
          [
            ["ACTION", null, "Lead"],
            ["1", "Do it", "MW"],
            ["2", "Do more", "CS"],
          ],
          {
            merges: [{ top: 0, left: 0, bottom: 0, right: 1 }],
            hiddenRows: [2],
            hiddenColumns: [1],
            isProtected: true,
            tables: [
              {
                name: "Plan1",
                range: { top: 0, left: 0, bottom: 2, right: 2 },
                columnNames: ["ACTION", "", "Lead"],
              },
            ],
          },
        ),
        sheet("Lists", [["Status"], ["Red"]], { visibility: "hidden" }),
      ),
    );
    const snapshot = await read(fake);
    expect(snapshot.sheets.map((s) => s.name)).toEqual(["2011-12", "Lists"]);
    const [plan, lists] = snapshot.sheets;
    expect(plan).toMatchObject({
      isProtected: true,
      visibility: "visible",
      merges: [{ top: 0, left: 0, bottom: 0, right: 1 }],
      hiddenRows: [2],
      hiddenColumns: [1],
    });
    expect(plan?.tables).toEqual([
      { name: "Plan1", range: { top: 0, left: 0, bottom: 2, right: 2 }, columnNames: ["ACTION", "", "Lead"] },
    ]);
    expect(lists).toMatchObject({ visibility: "hidden", isProtected: false, tables: [] });
    expect(snapshot.names).toEqual([{ name: "StatusList", formula: "=Lists!$A$2:$A$6" }]);
  });

  it("gives an empty sheet no cells", async () => {
    const snapshot = await read(FakeExcel.fromSnapshot(workbook(sheet("Blank", []))));
    expect(snapshot.sheets[0]?.cells).toEqual([]);
  });

  it("on an ExcelApi 1.8 host reads values but no fills, hidden rows or merges (those need 1.9 and 1.13)", async () => {
    const fake = FakeExcel.fromSnapshot(
      workbook(
        sheet(
          "Plan",
          [
            ["Ref", "Status"],
            ["1", { value: "", fill: "#FF0000" }],
            ["2", "Red"],
          ],
          {
            merges: [{ top: 0, left: 0, bottom: 0, right: 1 }],
            hiddenRows: [1],
          },
        ),
      ),
      { apiVersion: "1.8" },
    );
    const plan = (await read(fake)).sheets[0];
    expect(plan?.cells[2]?.[1]).toMatchObject({ value: "Red" });
    expect(plan?.cells[1]?.[1] ?? null).toBeNull();
    expect(plan?.hiddenRows).toEqual([]);
    expect(plan?.merges).toEqual([]);
  });
});

describe("round trips of a whole-workbook read", () => {
  it.each([60, 6000])("takes 2 syncs for %i actions on a 1.20 host without a previous layout", async (n) => {
    const fake = FakeExcel.fromSnapshot(workbook(sheet("2011-12", planRows(n)), sheet("Lists", [["Red"]])));
    installFakeOffice(fake);
    const read1 = await fake.run((c) => readWorkbook(c as unknown as Excel.RequestContext));
    expect(fake.syncCount).toBe(2);
    expect(read1.snapshot.sheets[0]?.cells).toHaveLength(n + 1);
    expect(read1.snapshot.sheets[0]?.cells[n]?.[4]).toMatchObject({ fill: "#FF0000" });
  });

  it.each([60, 6000])(
    "takes 1 sync for %i actions when the workbook still has the sheets of the last read",
    async (n) => {
      const fake = FakeExcel.fromSnapshot(workbook(sheet("2011-12", planRows(n)), sheet("Lists", [["Red"]])));
      installFakeOffice(fake);
      const first = await fake.run((c) => readWorkbook(c as unknown as Excel.RequestContext));
      fake.syncCount = 0;
      const second = await fake.run((c) => readWorkbook(c as unknown as Excel.RequestContext, first.layout));
      expect(fake.syncCount).toBe(1);
      expect(second.snapshot).toEqual(first.snapshot);
    },
  );

  it("reads a sheet added since the last read in a second sync", async () => {
    const fake = FakeExcel.fromSnapshot(workbook(sheet("2011-12", planRows(3))));
    installFakeOffice(fake);
    const first = await fake.run((c) => readWorkbook(c as unknown as Excel.RequestContext));
    fake
      .addSheetState("2012-13")
      .cells.set(0, { value: "New", formula: null, numberFormat: "General", fill: null });
    fake.syncCount = 0;
    const second = await fake.run((c) => readWorkbook(c as unknown as Excel.RequestContext, first.layout));
    expect(fake.syncCount).toBe(2);
    expect(second.snapshot.sheets.map((s) => s.name)).toEqual(["2011-12", "2012-13"]);
    expect(second.snapshot.sheets[1]?.cells[0]?.[0]).toMatchObject({ value: "New" });
  });

  it("re-reads from scratch when a sheet of the last read has gone", async () => {
    const fake = FakeExcel.fromSnapshot(workbook(sheet("A", [["a"]]), sheet("B", [["b"]])));
    installFakeOffice(fake);
    const first = await fake.run((c) => readWorkbook(c as unknown as Excel.RequestContext));
    fake.sheets.splice(0, 1);
    const second = await fake.run((c) => readWorkbook(c as unknown as Excel.RequestContext, first.layout));
    expect(second.snapshot.sheets.map((s) => s.name)).toEqual(["B"]);
  });

  it("reads a sheet whose cells pass Excel on the web's 5 MB response in row chunks, losing nothing", async () => {
    const long = "x".repeat(1000);
    const rows: CellSpec[][] = Array.from({ length: 6000 }, (_, i) => [
      `${i}`,
      `${long}${i}`,
      { value: "", fill: "#FFC000" },
    ]);
    const fake = FakeExcel.fromSnapshot(workbook(sheet("Big", rows)));
    installFakeOffice(fake);
    const { snapshot } = await fake.run((c) => readWorkbook(c as unknown as Excel.RequestContext));
    const cells = snapshot.sheets[0]?.cells ?? [];
    expect(cells).toHaveLength(6000);
    expect(cells[5999]?.[1]?.value).toBe(`${long}5999`);
    expect(cells[3000]?.[2]?.fill).toBe("#FFC000");
    expect(fake.maxResponseBytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(fake.syncCount).toBeGreaterThan(3);
  });
});

describe("headers and footers read through the Excel API", () => {
  function markedPlan(apiVersion?: string): FakeExcel {
    const fake = FakeExcel.fromSnapshot(
      workbook(sheet("2011-12", planRows(4)), sheet("Notes", [["Kept by the analyst"]])),
      apiVersion === undefined ? {} : { apiVersion },
    );
    fake.sheet("2011-12").pageLayout.sections = {
      "firstPage.centerHeader": "OFFICIAL-SENSITIVE",
      "defaultForAllPages.leftFooter": "&D &T",
    };
    fake.sheet("2011-12").pageLayout.rightFooter = "Page &P";
    return fake;
  }

  it("gives each sheet's header and footer texts that are not blank, in the same 2 syncs as the cells", async () => {
    const fake = markedPlan();
    installFakeOffice(fake);
    const { snapshot } = await fake.run((c) => readWorkbook(c as unknown as Excel.RequestContext));
    expect(fake.syncCount).toBe(2);
    expect(snapshot.sheets[0]?.headerFooter).toEqual(["&D &T", "Page &P", "OFFICIAL-SENSITIVE"]);
    expect(snapshot.sheets[1]?.headerFooter).toBeUndefined();
  });

  it("reads them again in the single sync of a read with the last layout", async () => {
    const fake = markedPlan();
    installFakeOffice(fake);
    const first = await fake.run((c) => readWorkbook(c as unknown as Excel.RequestContext));
    fake.syncCount = 0;
    const second = await fake.run((c) => readWorkbook(c as unknown as Excel.RequestContext, first.layout));
    expect(fake.syncCount).toBe(1);
    expect(second.snapshot.sheets[0]?.headerFooter).toContain("OFFICIAL-SENSITIVE");
  });

  it("reads no headers or footers on an ExcelApi 1.8 host, which has no PageLayout, and reads the cells still", async () => {
    const fake = markedPlan("1.8");
    const snapshot = await read(fake);
    expect(snapshot.sheets[0]?.headerFooter).toBeUndefined();
    expect(snapshot.sheets[0]?.cells[1]?.[2]).toMatchObject({ value: "MW" });
  });

  it("carries the plan sheet's marking onto the footer of the Summary built in Excel", async () => {
    const fake = markedPlan();
    installFakeOffice(fake);
    const outcome = await applyOperation(createExcelHost(), summaryOperation("2012-04-01", "Community plan"));
    expect(outcome.report).not.toBeNull();
    expect(fake.sheet("Summary").pageLayout).toMatchObject({
      centerFooter: "OFFICIAL-SENSITIVE",
      rightFooter: "Page &P of &N",
    });
  });
});
