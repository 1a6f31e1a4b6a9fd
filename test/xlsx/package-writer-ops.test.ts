/**
 * Each kind of write op through the package writer, on workbooks ExcelJS builds, read back with
 * ExcelJS: a reader independent of the package model, so a file only our own reader understands fails.
 */
import ExcelJS from "exceljs";
import type { CellWrite, WriteOp, WritePlan } from "../../src/core/basics/write-plan";
import { nodeCodec } from "../../src/xlsx/node-files";
import { applyWritePlanToBytes } from "../../src/xlsx/package-writer";
import { WritePlanError } from "../../src/xlsx/write-plan-checks";
import { keptNames } from "../support/exceljs/workbook-names";
import { readWorkbookBuffer, workbookBytes } from "../support/exceljs/xlsx-file";

const t = (text: string): CellWrite => ({ kind: "text", text });

/** Saved and read back with ExcelJS. */
async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  return readWorkbookBuffer(await workbookBytes(wb));
}

/** `wb` saved, `plan` applied to its bytes by the package writer, and the result read back with ExcelJS. */
async function applied(wb: ExcelJS.Workbook, plan: WritePlan): Promise<ExcelJS.Workbook> {
  const written = await applyWritePlanToBytes(await workbookBytes(wb), plan, nodeCodec);
  return readWorkbookBuffer(written.bytes);
}

function planOf(...ops: WriteOp[]): WritePlan {
  return { title: "test", ops };
}

function tableModel(
  ws: ExcelJS.Worksheet,
  name: string,
): { tableRef: string; columns: Array<{ name: string }> } {
  const table = ws.getTable(name) as unknown as {
    model: { tableRef: string; columns: Array<{ name: string }> };
  };
  return table.model;
}

describe("the package writer, read back with ExcelJS", () => {
  it("writes hostile text as text that reads back as the same strings, never formulas or numbers", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Plan");
    const hostile = [
      "=SUM(1)",
      "+44 1642 000000",
      "-",
      "@x",
      "3.10",
      "007",
      '=HYPERLINK("http://x")',
      "😀 東京",
    ];
    const back = (
      await applied(
        wb,
        planOf({ kind: "writeCells", sheet: "Plan", row: 0, column: 0, cells: [hostile.map(t)] }),
      )
    ).getWorksheet("Plan");
    hostile.forEach((text, i) => {
      const cell = back?.getCell(1, i + 1);
      expect(cell?.type).toBe(ExcelJS.ValueType.String);
      expect(cell?.value).toBe(text);
    });
  });

  it("writes numbers, dates, booleans and formulas with their cached results", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Plan");
    const written = await applied(
      wb,
      planOf({
        kind: "writeCells",
        sheet: "Plan",
        row: 1,
        column: 1,
        cells: [
          [
            { kind: "number", value: 3.1, numberFormat: "0.00" },
            { kind: "date", iso: "2012-03-31" },
            { kind: "boolean", value: true },
            { kind: "formula", formula: "=1+2", cached: 3 },
          ],
        ],
      }),
    );
    const ws = written.getWorksheet("Plan");
    expect(ws?.getCell("B2").value).toBe(3.1);
    expect(ws?.getCell("B2").numFmt).toBe("0.00");
    expect((ws?.getCell("C2").value as Date).toISOString().slice(0, 10)).toBe("2012-03-31");
    expect(ws?.getCell("C2").numFmt).toBe("dd/mm/yyyy");
    expect(ws?.getCell("D2").value).toBe(true);
    expect(ws?.getCell("E2").value).toEqual({ formula: "1+2", result: 3 });
  });

  it("makes a table over existing cells without changing their values", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Plan");
    ws.getCell("B3").value = "Ref";
    ws.getCell("C3").value = "Action";
    ws.getCell("B4").value = "3.10";
    ws.getCell("C4").value = "Line one\nLine two";
    ws.getCell("B5").value = 11.1;
    ws.getCell("C5").value = { formula: "1+1", result: 2 };
    ws.getCell("A4").value = "note beside";
    const written = await applied(
      wb,
      planOf({
        kind: "addTable",
        sheet: "Plan",
        range: { top: 2, left: 1, bottom: 4, right: 2 },
        name: "Actions_Plan",
        style: "TableStyleMedium2",
      }),
    );
    const back = written.getWorksheet("Plan");
    if (!back) throw new Error("sheet lost");
    expect(tableModel(back, "Actions_Plan").tableRef).toBe("B3:C5");
    expect(tableModel(back, "Actions_Plan").columns.map((c) => c.name)).toEqual(["Ref", "Action"]);
    expect(back.getCell("B4").value).toBe("3.10");
    expect(back.getCell("C4").value).toBe("Line one\nLine two");
    expect(back.getCell("B5").value).toBe(11.1);
    expect(back.getCell("C5").value).toEqual({ formula: "1+1", result: 2 });
    expect(back.getCell("A4").value).toBe("note beside");
  });

  it("grows a table when rows are appended below it, its column's name kept as a structured reference", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Lists");
    const again = await applied(
      wb,
      planOf(
        {
          kind: "writeCells",
          sheet: "Lists",
          row: 3,
          column: 0,
          cells: [
            [t("Code"), t("Name")],
            [t("MW"), t("Mick")],
          ],
        },
        {
          kind: "addTable",
          sheet: "Lists",
          range: { top: 3, left: 0, bottom: 4, right: 1 },
          name: "Leads",
          style: "TableStyleLight9",
        },
        { kind: "defineName", name: "LeadCodes", formula: "=Leads[Code]", comment: "codes" },
      ),
    );
    const leadCodes = {
      name: "LeadCodes",
      formula: "Leads[Code]",
      sheet: null,
      attributes: [["comment", "codes"]],
    };
    expect(again.definedNames.model).toEqual([]);
    expect(keptNames(again)).toEqual([leadCodes]);
    const back = await applied(
      again,
      planOf({
        kind: "appendTableRows",
        sheet: "Lists",
        table: "Leads",
        row: 5,
        column: 0,
        cells: [
          [t("CS"), t("Community Safety Manager")],
          [t("TA"), t("Ted Allen")],
        ],
      }),
    );
    const ws = back.getWorksheet("Lists");
    if (!ws) throw new Error("sheet lost");
    expect(tableModel(ws, "Leads").tableRef).toBe("A4:B7");
    expect(ws.getCell("A7").value).toBe("TA");
    expect(back.definedNames.model).toEqual([]);
    expect(keptNames(back)).toEqual([leadCodes]);
  });

  it("puts an A1 name in place of a same-named structured one, and back again", async () => {
    const wb = new ExcelJS.Workbook();
    const lists = wb.addWorksheet("Lists");
    lists.getCell("A1").value = "Code";
    lists.getCell("A2").value = "MW";
    const a1 = await applied(
      wb,
      planOf(
        {
          kind: "addTable",
          sheet: "Lists",
          range: { top: 0, left: 0, bottom: 1, right: 0 },
          name: "Leads",
          style: "TableStyleLight9",
        },
        { kind: "defineName", name: "LeadCodes", formula: "=Leads[Code]", comment: "" },
        { kind: "defineName", name: "leadcodes", formula: "=Lists!$A$2:$A$9", comment: "" },
      ),
    );
    expect(a1.definedNames.model).toEqual([{ name: "leadcodes", ranges: ["Lists!$A$2:$A$9"] }]);
    expect(keptNames(a1)).toEqual([]);
    const structured = await applied(
      a1,
      planOf({ kind: "defineName", name: "LeadCodes", formula: "=Leads[Code]", comment: "" }),
    );
    expect(structured.definedNames.model).toEqual([]);
    expect(keptNames(structured)).toEqual([
      { name: "LeadCodes", formula: "Leads[Code]", sheet: null, attributes: [] },
    ]);
  });

  it("refuses a structured name over a table or column the workbook does not have", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Lists");
    await expect(
      applied(wb, planOf({ kind: "defineName", name: "X", formula: "=Nope[Code]", comment: "" })),
    ).rejects.toThrow("Name X: no table Nope");
  });

  it("replaces validation and conditional formats on a range instead of adding more", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Plan");
    const ops: WriteOp[] = [
      {
        kind: "setValidation",
        sheet: "Plan",
        range: { top: 1, left: 4, bottom: 9, right: 4 },
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
        sheet: "Plan",
        range: { top: 1, left: 4, bottom: 9, right: 4 },
        rules: [{ formula: '=$E2="Red"', fill: "#C00000", fontColor: "#FFFFFF" }],
      },
    ];
    const once = await applied(wb, planOf(...ops));
    const back = await applied(once, planOf(...ops));
    const ws = back.getWorksheet("Plan") as unknown as {
      dataValidations: { model: Record<string, { formulae: string[]; errorStyle?: string }> };
      conditionalFormattings: Array<{ ref: string; rules: Array<{ formulae: string[] }> }>;
    };
    const validated = Object.entries(ws.dataValidations.model);
    expect(validated).toHaveLength(9);
    // errorStyle "stop" is the schema's default, so a file may leave it out (sml.xsd, CT_DataValidation).
    expect(
      validated.every(([, v]) => v.formulae[0] === "StatusList" && (v.errorStyle ?? "stop") === "stop"),
    ).toBe(true);
    expect(ws.conditionalFormattings).toHaveLength(1);
    expect(ws.conditionalFormattings[0]?.ref).toBe("E2:E10");
    expect(ws.conditionalFormattings[0]?.rules[0]?.formulae).toEqual(['$E2="Red"']);
  });

  it("adds a sheet after a named one, unmerges, clears and styles", async () => {
    const wb = new ExcelJS.Workbook();
    const first = wb.addWorksheet("2011-12");
    wb.addWorksheet("Notes");
    first.getCell("A1").value = "ACTION";
    first.mergeCells("A1:B1");
    first.getCell("C5").value = "old";
    first.getCell("C5").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } };
    const back = await applied(
      wb,
      planOf(
        { kind: "addSheet", sheet: "2012-13", after: "2011-12" },
        { kind: "unmerge", sheet: "2011-12", range: { top: 0, left: 0, bottom: 0, right: 1 } },
        { kind: "clearRange", sheet: "2011-12", range: { top: 4, left: 2, bottom: 4, right: 2 } },
        {
          kind: "styleRange",
          sheet: "2011-12",
          range: { top: 0, left: 0, bottom: 0, right: 0 },
          style: { bold: true, fill: "#D9D9D9" },
        },
      ),
    );
    expect(back.worksheets.map((s) => s.name)).toEqual(["2011-12", "2012-13", "Notes"]);
    const ws = back.getWorksheet("2011-12");
    expect(ws?.getCell("A1").value).toBe("ACTION");
    expect(ws?.getCell("B1").value).toBeNull();
    expect(ws?.getCell("C5").value).toBeNull();
    expect(ws?.getCell("C5").fill).toBeUndefined();
    expect(ws?.getCell("A1").font.bold).toBe(true);
  });

  it("refuses a plan that touches a protected sheet, before writing any of it", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Summary");
    const locked = wb.addWorksheet("Locked");
    await locked.protect("", {});
    const write: WriteOp = {
      kind: "writeCells",
      sheet: "Summary",
      row: 0,
      column: 0,
      cells: [[t("written")]],
    };
    const blocked: WriteOp = { kind: "writeCells", sheet: "Locked", row: 0, column: 0, cells: [[t("x")]] };
    const bytes = await workbookBytes(wb);
    await expect(applyWritePlanToBytes(bytes, planOf(write, blocked), nodeCodec)).rejects.toThrow(
      WritePlanError,
    );
    await expect(applyWritePlanToBytes(bytes, planOf(write, blocked), nodeCodec)).rejects.toThrow(
      "The sheet 'Locked' is protected; nothing was written",
    );
  });

  it("styles and formats only the cells it is given when other cells read from the file share their style", async () => {
    const source = new ExcelJS.Workbook();
    const plan = source.addWorksheet("Plan");
    for (const address of ["A1", "A2", "A3"]) {
      plan.getCell(address).value = 41000;
      plan.getCell(address).font = { bold: true };
    }
    const wb = await roundTrip(source);
    const written = await applied(
      wb,
      planOf(
        {
          kind: "styleRange",
          sheet: "Plan",
          range: { top: 0, left: 0, bottom: 0, right: 0 },
          style: { wrap: true, italic: true },
        },
        {
          kind: "writeCells",
          sheet: "Plan",
          row: 1,
          column: 0,
          cells: [[{ kind: "date", iso: "2012-04-01" }]],
        },
      ),
    );
    const ws = written.getWorksheet("Plan")!;
    expect(ws.getCell("A1").alignment).toEqual({ wrapText: true });
    expect(ws.getCell("A1").font).toMatchObject({ bold: true, italic: true });
    expect(ws.getCell("A2").numFmt).toBe("dd/mm/yyyy");
    expect(ws.getCell("A2").font).toMatchObject({ bold: true });
    expect(ws.getCell("A3").alignment).toBeUndefined();
    expect(ws.getCell("A3").font?.italic).toBeFalsy();
    expect(ws.getCell("A3").numFmt).toBeUndefined();
  });

  it("refuses text longer than Excel's 32,767-character cell limit", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Plan");
    const long = "x".repeat(32768);
    await expect(
      applied(wb, planOf({ kind: "writeCells", sheet: "Plan", row: 0, column: 0, cells: [[t(long)]] })),
    ).rejects.toThrow(/32767/);
  });

  it("sets print layout and the active sheet", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Plan");
    wb.addWorksheet("Summary");
    const back = await applied(
      wb,
      planOf(
        {
          kind: "setPageLayout",
          sheet: "Summary",
          orientation: "landscape",
          fitToPagesWide: 1,
          printTitleRows: { first: 0, last: 1 },
        },
        { kind: "setColumnWidths", sheet: "Summary", widths: [{ column: 1, width: 30 }] },
        { kind: "activateSheet", sheet: "Summary" },
      ),
    );
    const ws = back.getWorksheet("Summary");
    expect(ws?.pageSetup.orientation).toBe("landscape");
    expect(ws?.pageSetup.fitToWidth).toBe(1);
    expect(ws?.pageSetup.fitToHeight).toBe(0);
    expect(ws?.pageSetup.printTitlesRow).toBe("1:2");
    expect(ws?.getColumn(2).width).toBe(30);
    expect(back.views[0]?.activeTab).toBe(1);
  });
});
