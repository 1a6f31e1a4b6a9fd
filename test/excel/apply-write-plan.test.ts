import { applyWritePlan } from "../../src/excel/apply-write-plan";
import { readWorkbook } from "../../src/excel/excel-snapshot";
import { ProtectedSheetError } from "../../src/excel/host-errors";
import type { CellWrite, WriteOp } from "../../src/core/basics/write-plan";
import { sheet, workbook } from "../support/snapshot-builder";
import { FakeExcel, installFakeOffice, uninstallFakeOffice } from "../fakes/fake-excel";

afterEach(() => uninstallFakeOffice());

const HOSTILE = ["=SUM(1)", "+44 7700 900123", "-5", "@home", "3.10", "007"];
const text = (t: string): CellWrite => ({ kind: "text", text: t });

async function apply(fake: FakeExcel, ops: WriteOp[]) {
  installFakeOffice(fake);
  return fake.run(async (c) => {
    const context = c as unknown as Excel.RequestContext;
    const { layout } = await readWorkbook(context);
    fake.syncCount = 0;
    return applyWritePlan(context, { title: "Test", ops }, layout);
  });
}

describe("applying a write plan through the Excel API", () => {
  it("keeps hostile text as text through apply and read back", async () => {
    const fake = FakeExcel.fromSnapshot(workbook(sheet("Plan", [["Ref"]])));
    await apply(fake, [{ kind: "writeCells", sheet: "Plan", row: 1, column: 0, cells: [HOSTILE.map(text)] }]);
    const { snapshot } = await fake.run((c) => readWorkbook(c as unknown as Excel.RequestContext));
    const row = snapshot.sheets[0]?.cells[1] ?? [];
    expect(row.map((c) => c?.value)).toEqual(HOSTILE);
    expect(row.map((c) => c?.formula)).toEqual(HOSTILE.map(() => null));
  });

  it("without the text guard the fake turns such text into formulas and numbers (so the guard is tested)", async () => {
    const fake = FakeExcel.fromSnapshot(workbook(sheet("Plan", [["Ref"]])));
    installFakeOffice(fake);
    await fake.run(async (c) => {
      const range = (c as unknown as Excel.RequestContext).workbook.worksheets
        .getItem("Plan")
        .getRange("A2:B2");
      range.values = [["=SUM(1)", "3.10"]];
      await c.sync();
    });
    expect(fake.formula("Plan", "A2")).toBe("=SUM(1)");
    expect(fake.value("Plan", "B2")).toBe(3.1);
  });

  it("writes numbers, dates as serials shown dd/mm/yyyy, booleans, formulas and blanks", async () => {
    const fake = FakeExcel.fromSnapshot(
      workbook(sheet("S", [[null, null, null, null, { value: "old", numberFormat: "0.0" }]])),
    );
    await apply(fake, [
      {
        kind: "writeCells",
        sheet: "S",
        row: 0,
        column: 0,
        cells: [
          [
            { kind: "number", value: 42 },
            { kind: "date", iso: "2024-01-01" },
            { kind: "boolean", value: true },
            { kind: "formula", formula: "=COUNTIF(A:A,42)", cached: 1 },
            { kind: "blank" },
          ],
        ],
      },
    ]);
    expect(fake.value("S", "A1")).toBe(42);
    expect(fake.value("S", "B1")).toBe(45292);
    expect(fake.text("S", "B1")).toBe("01/01/2024");
    expect(fake.value("S", "C1")).toBe(true);
    expect(fake.formula("S", "D1")).toBe("=COUNTIF(A:A,42)");
    expect(fake.value("S", "E1")).toBe("");
    expect(fake.numberFormat("S", "E1")).toBe("0.0");
  });

  it("applies a plan of 6,000 rows in one sync", async () => {
    const fake = FakeExcel.fromSnapshot(workbook(sheet("Plan", [["Ref", "Action"]])));
    const cells = Array.from({ length: 6000 }, (_, i) => [
      text(`${i}.10`),
      text(`Action ${i} with some words`),
    ]);
    await apply(fake, [{ kind: "writeCells", sheet: "Plan", row: 1, column: 0, cells }]);
    expect(fake.syncCount).toBe(1);
    expect(fake.value("Plan", "A6001")).toBe("5999.10");
  });

  it("sends a plan over Excel on the web's 5 MB in batches that each stay under it", async () => {
    const fake = FakeExcel.fromSnapshot(workbook(sheet("Plan", [["Ref", "Action"]])));
    const long = "y".repeat(1000);
    const cells = Array.from({ length: 6000 }, (_, i) => [text(`${i}`), text(`${long}${i}`)]);
    await apply(fake, [{ kind: "writeCells", sheet: "Plan", row: 1, column: 0, cells }]);
    expect(fake.syncCount).toBeGreaterThan(1);
    expect(fake.maxRequestBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(fake.value("Plan", "B6001")).toBe(`${long}5999`);
    expect(fake.value("Plan", "A2")).toBe("0");
  });

  it("closes up rows on a host below 1.11 by clearing the block and writing the moved rows as read, in batches under 5 MB", async () => {
    const long = "z".repeat(2000);
    const rows: Array<Array<string | null>> = [["Ref", "Action"]];
    for (let i = 0; i < 6000; i++) rows.push(i % 2 === 0 ? [`${i}`, `${long}${i}`] : ["Ref", "Action"]);
    const fake = FakeExcel.fromSnapshot(workbook(sheet("Plan", rows)), { apiVersion: "1.8" });
    const moved = rows.flatMap((row, r) => (r > 0 && row[0] !== "Ref" ? [r] : []));
    await apply(fake, [
      {
        kind: "moveRows",
        sheet: "Plan",
        range: { top: 1, left: 0, bottom: 6000, right: 1 },
        rows: moved,
        cells: moved.map((r) => rows[r]!.map((v) => (v === null ? { kind: "blank" } : text(v)))),
      },
    ]);
    expect(fake.syncCount).toBeGreaterThan(1);
    expect(fake.maxRequestBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(fake.value("Plan", "A3")).toBe("2");
    expect(fake.value("Plan", "B3001")).toBe(`${long}5998`);
    expect(fake.value("Plan", "A3002")).toBe("");
    expect(fake.value("Plan", "A6001")).toBe("");
    expect(fake.cell("Plan", "B3001")?.style).toMatchObject({ wrap: true, vertical: "Top" });
  });

  it("closes up rows on a 1.11 host by moving each run of rows with Range.moveTo, formats and all, in one sync", async () => {
    const fill = (value: string, colour: string) => ({ value, fill: colour });
    const fake = FakeExcel.fromSnapshot(
      workbook(
        sheet("Plan", [
          ["Ref", "Action", "Note"],
          ["1", "First", null],
          [fill("Ref", "#D9D9D9"), fill("Action", "#D9D9D9"), null],
          ["2", fill("Second", "#FFFF00"), null],
          ["3", "Third", null],
          [null, null, null],
          ["4", "Fourth", "beside"],
        ]),
      ),
    );
    await apply(fake, [
      {
        kind: "moveRows",
        sheet: "Plan",
        range: { top: 2, left: 0, bottom: 6, right: 1 },
        rows: [3, 4, 6],
        cells: [
          [text("2"), text("Second")],
          [text("3"), text("Third")],
          [text("4"), text("Fourth")],
        ],
      },
    ]);
    expect(fake.syncCount).toBe(1);
    expect([2, 3, 4, 5, 6, 7].map((row) => fake.value("Plan", `B${row}`))).toEqual([
      "First",
      "Second",
      "Third",
      "Fourth",
      "",
      "",
    ]);
    expect(fake.cell("Plan", "B3")?.fill).toBe("#FFFF00");
    expect(fake.cell("Plan", "A3")?.fill ?? null).toBeNull();
    expect(fake.cell("Plan", "A6")).toBeUndefined();
    // Column C is outside the block: its note stays on its row.
    expect(fake.value("Plan", "C7")).toBe("beside");
    expect(fake.value("Plan", "C5")).toBe("");
  });

  it("refuses a plan that writes to a protected sheet and writes nothing at all", async () => {
    const fake = FakeExcel.fromSnapshot(
      workbook(sheet("Open", [["a"]]), sheet("Locked", [["b"]], { isProtected: true })),
    );
    const ops: WriteOp[] = [
      { kind: "writeCells", sheet: "Open", row: 0, column: 0, cells: [[text("changed")]] },
      { kind: "writeCells", sheet: "Locked", row: 0, column: 0, cells: [[text("changed")]] },
    ];
    await expect(apply(fake, ops)).rejects.toBeInstanceOf(ProtectedSheetError);
    expect(fake.value("Open", "A1")).toBe("a");
    expect(fake.value("Locked", "A1")).toBe("b");
    expect(fake.syncCount).toBe(0);
  });

  it("adds a sheet after another, a table that grows when rows are written below it, validation, formats and names", async () => {
    const fake = FakeExcel.fromSnapshot(workbook(sheet("2011-12", [["x"]]), sheet("Lists", [["Red"]])));
    const range = { top: 0, left: 0, bottom: 1, right: 1 };
    await apply(fake, [
      // The name first: a list validation needs its source to exist (issue 18 item 7).
      { kind: "defineName", name: "StatusList", formula: "=Lists!$A$1:$A$1", comment: "Statuses" },
      { kind: "addSheet", sheet: "2012-13", after: "2011-12" },
      {
        kind: "writeCells",
        sheet: "2012-13",
        row: 0,
        column: 0,
        cells: [
          [text("Ref"), text("Status")],
          [text("1"), text("Red")],
        ],
      },
      { kind: "addTable", sheet: "2012-13", range, name: "Plan2012", style: "TableStyleLight9" },
      {
        kind: "appendTableRows",
        sheet: "2012-13",
        table: "Plan2012",
        row: 2,
        column: 0,
        cells: [[text("2"), text("Amber")]],
      },
      {
        kind: "setValidation",
        sheet: "2012-13",
        range: { top: 1, left: 1, bottom: 2, right: 1 },
        rule: {
          source: "=StatusList",
          inCellDropdown: true,
          errorStyle: "stop",
          errorTitle: "Status",
          errorMessage: "Pick one",
        },
      },
      {
        kind: "setConditionalFormats",
        sheet: "2012-13",
        range: { top: 1, left: 1, bottom: 2, right: 1 },
        rules: [{ formula: '=$B2="Red"', fill: "#FFC7CE", fontColor: "#9C0006" }],
      },
      { kind: "setColumnWidths", sheet: "2012-13", widths: [{ column: 1, width: 12 }] },
      { kind: "activateSheet", sheet: "2012-13" },
    ]);
    expect(fake.sheetNames()).toEqual(["2011-12", "2012-13", "Lists"]);
    expect(fake.table("Plan2012")).toMatchObject({
      style: "TableStyleLight9",
      range: { top: 0, bottom: 2, left: 0, right: 1 },
    });
    expect(fake.validationAt("2012-13", "B3")).toMatchObject({
      rule: { list: { inCellDropDown: true, source: "=StatusList" } },
      errorAlert: { style: "Stop", message: "Pick one" },
    });
    expect(fake.sheet("2012-13").conditionalFormats).toEqual([
      expect.objectContaining({
        type: "Custom",
        formula: '=$B2="Red"',
        fill: "#FFC7CE",
        fontColor: "#9C0006",
      }),
    ]);
    expect(fake.name("StatusList")).toMatchObject({ formula: "=Lists!$A$1:$A$1" });
    expect(fake.sheet("2012-13").columnWidths.get(1)).toBe(63);
    expect(fake.activeSheet).toBe("2012-13");
    expect(fake.syncCount).toBe(2); // the write, then the verify read (nothing to put right)
  });

  it("applying the same conditional formats twice leaves one set", async () => {
    const fake = FakeExcel.fromSnapshot(workbook(sheet("S", [["Red"]])));
    const op: WriteOp = {
      kind: "setConditionalFormats",
      sheet: "S",
      range: { top: 0, left: 0, bottom: 9, right: 0 },
      rules: [{ formula: '=$A1="Red"', fill: "#FF0000", fontColor: "#FFFFFF" }],
    };
    await apply(fake, [op]);
    await apply(fake, [op]);
    expect(fake.sheet("S").conditionalFormats).toHaveLength(1);
  });

  it("sets the print layout on a 1.9 host and reports it skipped on a 1.8 host", async () => {
    const op: WriteOp = {
      kind: "setPageLayout",
      sheet: "S",
      orientation: "landscape",
      fitToPagesWide: 1,
      printTitleRows: { first: 2, last: 2 },
    };
    const modern = FakeExcel.fromSnapshot(workbook(sheet("S", [["a"]])));
    expect((await apply(modern, [op])).skipped).toEqual([]);
    expect(modern.sheet("S").pageLayout).toEqual({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1 },
      printTitleRows: "$3:$3",
      paperSize: null,
      centerFooter: null,
      rightFooter: null,
      rowBreaks: [],
    });
    const old = FakeExcel.fromSnapshot(workbook(sheet("S", [["a"]])), { apiVersion: "1.8" });
    const report = await apply(old, [op]);
    expect(report.skipped).toHaveLength(1);
    expect(report.skipped[0]).toContain("'S'");
  });

  it("prints on A4 with the footer and page breaks asked for, and stores row heights", async () => {
    const fake = FakeExcel.fromSnapshot(workbook(sheet("S", [["a"], ["b"], ["c"]])));
    await apply(fake, [
      {
        kind: "setPageLayout",
        sheet: "S",
        orientation: "landscape",
        fitToPagesWide: 1,
        printTitleRows: null,
        paperSize: "A4",
        rowBreaks: [2, 40],
        footer: { center: "OFFICIAL & SENSITIVE", pageNumbers: true },
      },
      { kind: "setRowHeights", sheet: "S", heights: [{ row: 1, height: 45 }] },
    ]);
    expect(fake.sheet("S").pageLayout).toMatchObject({
      paperSize: "A4",
      // "&" is a code in a header or footer: doubled, it prints as itself.
      centerFooter: "OFFICIAL && SENSITIVE",
      rightFooter: "Page &P of &N",
      rowBreaks: ["A3", "A41"],
    });
    expect([...fake.sheet("S").rowHeights]).toEqual([[1, 45]]);
  });

  it("hides the rows asked, as whole rows read back hidden, and no others", async () => {
    const fake = FakeExcel.fromSnapshot(workbook(sheet("S", [["a"], ["b"], ["c"], ["d"], ["e"]])));
    await apply(fake, [{ kind: "hideRows", sheet: "S", rows: [1, 2, 4] }]);
    const { snapshot } = await fake.run((c) => readWorkbook(c as unknown as Excel.RequestContext));
    expect(snapshot.sheets[0]?.hiddenRows).toEqual([1, 2, 4]);
  });

  it("replaces a chart of the same name on refresh instead of adding a second", async () => {
    const fake = FakeExcel.fromSnapshot(
      workbook(
        sheet("Summary", [
          ["Theme", "Red"],
          ["ASB", 2],
        ]),
      ),
    );
    const op: WriteOp = {
      kind: "addChart",
      sheet: "Summary",
      name: "StatusByTheme",
      chartType: "barStacked",
      source: { top: 0, left: 0, bottom: 1, right: 1 },
      anchor: { top: 0, left: 3, bottom: 10, right: 8 },
      title: "Status by theme",
    };
    await apply(fake, [op]);
    await apply(fake, [op]);
    expect(fake.sheet("Summary").charts).toEqual([
      expect.objectContaining({
        name: "StatusByTheme",
        type: "BarStacked",
        title: "Status by theme",
        position: { start: "D1", end: "I11" },
      }),
    ]);
  });

  it("clears, unmerges and styles only the ranges named", async () => {
    const fake = FakeExcel.fromSnapshot(
      workbook(
        sheet(
          "S",
          [
            ["keep", "gone"],
            ["title", null],
          ],
          { merges: [{ top: 1, left: 0, bottom: 1, right: 1 }] },
        ),
      ),
    );
    await apply(fake, [
      { kind: "clearRange", sheet: "S", range: { top: 0, left: 1, bottom: 0, right: 1 } },
      { kind: "unmerge", sheet: "S", range: { top: 1, left: 0, bottom: 1, right: 1 } },
      {
        kind: "styleRange",
        sheet: "S",
        range: { top: 0, left: 0, bottom: 0, right: 0 },
        style: { bold: true, fill: "#D9E1F2", horizontal: "center" },
      },
    ]);
    expect(fake.value("S", "A1")).toBe("keep");
    expect(fake.value("S", "B1")).toBe("");
    expect(fake.sheet("S").merges).toEqual([]);
    expect(fake.cell("S", "A1")).toMatchObject({
      fill: "#D9E1F2",
      style: { bold: true, horizontal: "Center" },
    });
  });
});
