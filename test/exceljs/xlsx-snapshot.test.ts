/**
 * The tests' ExcelJS oracle (test/support/exceljs): the independent reader, and the writer other tests
 * compare the package writer with, checked on their own so a fault in them cannot pass for the product's.
 */
import ExcelJS from "exceljs";
import { readWorkbookBuffer } from "../support/exceljs/xlsx-file";
import {
  colourToHex,
  formatGeneral,
  formatNumber,
  snapshotFromWorkbook,
  tintColour,
} from "../support/exceljs/xlsx-snapshot";
import type { SheetSnapshot } from "../../src/core/basics/snapshot";

/** Writes the workbook to .xlsx bytes and reads it back, as the CLI would see it. */
async function roundTrip(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const buffer = await workbook.xlsx.writeBuffer();
  return readWorkbookBuffer(new Uint8Array(buffer), "test.xlsx");
}

function at(sheet: SheetSnapshot | undefined, address: string) {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  const column = (m?.[1] ?? "A").charCodeAt(0) - 65;
  return sheet?.cells[Number(m?.[2]) - 1]?.[column] ?? null;
}

describe("snapshotFromWorkbook", () => {
  let snapshotSheet: SheetSnapshot | undefined;
  let hidden: SheetSnapshot | undefined;

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("It's 2011");
    ws.getCell("A1").value = { richText: [{ text: "Bold " }, { text: "title" }] };
    ws.getCell("A2").value = 3.1;
    ws.getCell("B2").value = "3.10";
    ws.getCell("C2").value = new Date(Date.UTC(2024, 2, 31));
    ws.getCell("C2").numFmt = "d mmm yyyy";
    ws.getCell("D2").value = { formula: "A2*2", result: 6.2 };
    ws.getCell("D3").value = { sharedFormula: "D2", result: 0 };
    ws.getCell("A3").value = { text: "Council site", hyperlink: "https://example.org" };
    ws.getCell("B3").value = { error: "#REF!" };
    ws.getCell("C3").value = { formula: "1/0", result: { error: "#DIV/0!" } };
    ws.getCell("E2").value = true;
    ws.getCell("F2").value = 1234567.891;
    ws.getCell("F2").numFmt = "#,##0.00";
    ws.getCell("G2").value = 0.25;
    ws.getCell("G2").numFmt = "0%";
    ws.getCell("A4").value = "ACTION";
    ws.mergeCells("A4:B4");
    ws.getCell("A5").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF0070C0" } };
    ws.getCell("B5").fill = {
      type: "pattern",
      pattern: "solid",
      fgColor: { theme: 4, tint: 0.3999 } as unknown as ExcelJS.Color,
    };
    ws.getRow(6).hidden = true;
    ws.getCell("A6").value = "hidden row";
    ws.getColumn(3).hidden = true;
    ws.getCell("A8").value = "=SUM(1)";
    ws.addTable({
      name: "Plan2011",
      ref: "A10",
      headerRow: true,
      columns: [{ name: "Ref" }, { name: "Action" }],
      rows: [
        ["1", "First"],
        ["2", "Second"],
      ],
    });
    await ws.protect("", { selectLockedCells: true });
    const other = wb.addWorksheet("Hidden");
    other.state = "hidden";
    other.getCell("A1").value = "x";
    const read = snapshotFromWorkbook(await roundTrip(wb));
    snapshotSheet = read.sheets[0];
    hidden = read.sheets[1];
  });

  it("gives rich text as plain text", () => {
    expect(at(snapshotSheet, "A1")).toEqual(
      expect.objectContaining({ value: "Bold title", text: "Bold title" }),
    );
  });

  it("keeps numbers as numbers with General text, and text refs as typed", () => {
    expect(at(snapshotSheet, "A2")).toEqual(expect.objectContaining({ value: 3.1, text: "3.1" }));
    expect(at(snapshotSheet, "B2")).toEqual(expect.objectContaining({ value: "3.10", text: "3.10" }));
  });

  it("gives dates as 1900-system serials shown dd/mm/yyyy", () => {
    expect(at(snapshotSheet, "C2")).toEqual(
      expect.objectContaining({ value: 45382, text: "31/03/2024", numberFormat: "d mmm yyyy" }),
    );
  });

  it("gives formulas their cached result and their formula, shared formulas too", () => {
    expect(at(snapshotSheet, "D2")).toEqual(
      expect.objectContaining({ value: 6.2, text: "6.2", formula: "=A2*2" }),
    );
    expect(at(snapshotSheet, "D3")?.formula).toBe("=A3*2");
  });

  it("gives hyperlinks as their text and errors as their text with isError", () => {
    expect(at(snapshotSheet, "A3")).toEqual(
      expect.objectContaining({ value: "Council site", text: "Council site" }),
    );
    expect(at(snapshotSheet, "B3")).toEqual(
      expect.objectContaining({ value: "#REF!", text: "#REF!", isError: true }),
    );
    expect(at(snapshotSheet, "C3")).toEqual(
      expect.objectContaining({ value: "#DIV/0!", isError: true, formula: "=1/0" }),
    );
  });

  it("shows booleans and formatted numbers as Excel does", () => {
    expect(at(snapshotSheet, "E2")?.text).toBe("TRUE");
    expect(at(snapshotSheet, "F2")?.text).toBe("1,234,567.89");
    expect(at(snapshotSheet, "G2")?.text).toBe("25%");
  });

  it("keeps text beginning with = as text, not a formula", () => {
    expect(at(snapshotSheet, "A8")).toEqual(expect.objectContaining({ value: "=SUM(1)", formula: null }));
  });

  it("reads merges, leaving the merged-over cells empty as Excel does", () => {
    expect(snapshotSheet?.merges).toEqual([{ top: 3, left: 0, bottom: 3, right: 1 }]);
    expect(at(snapshotSheet, "A4")?.text).toBe("ACTION");
    expect(at(snapshotSheet, "B4")?.text ?? "").toBe("");
  });

  it("reads fills as #RRGGBB, resolving theme colours with their tint", () => {
    expect(at(snapshotSheet, "A5")?.fill).toBe("#0070C0");
    expect(at(snapshotSheet, "B5")?.fill).toBe("#8FAADC");
  });

  it("reads hidden rows and columns, tables, protection and visibility", () => {
    expect(snapshotSheet?.hiddenRows).toEqual([5]);
    expect(snapshotSheet?.hiddenColumns).toEqual([2]);
    expect(at(snapshotSheet, "A6")?.text).toBe("hidden row");
    expect(snapshotSheet?.tables).toEqual([
      { name: "Plan2011", range: { top: 9, left: 0, bottom: 11, right: 1 }, columnNames: ["Ref", "Action"] },
    ]);
    expect(snapshotSheet?.isProtected).toBe(true);
    expect(snapshotSheet?.name).toBe("It's 2011");
    expect(hidden?.visibility).toBe("hidden");
    expect(hidden?.isProtected).toBe(false);
  });
});

describe("number and colour formatting", () => {
  it("formats numbers as General does", () => {
    expect(formatGeneral(1)).toBe("1");
    expect(formatGeneral(0.1 + 0.2)).toBe("0.3");
    expect(formatGeneral(123456789012)).toBe("1.23457E+11");
    expect(formatGeneral(-2.5)).toBe("-2.5");
  });

  it("formats fixed decimals, thousands and percentages, and dates dd/mm/yyyy", () => {
    expect(formatNumber(3, "0.00")).toBe("3.00");
    expect(formatNumber(-1234.5, "#,##0")).toBe("-1,235");
    expect(formatNumber(0.125, "0.0%")).toBe("12.5%");
    expect(formatNumber(1, "dd/mm/yyyy")).toBe("01/01/1900");
    expect(formatNumber(45382.5, "dd/mm/yyyy hh:mm")).toBe("31/03/2024 12:00");
  });

  it("resolves argb, indexed and theme colours", () => {
    expect(colourToHex({ argb: "FFFF0000" })).toBe("#FF0000");
    expect(colourToHex({ indexed: 10 } as never)).toBe("#FF0000");
    expect(colourToHex({ theme: 7 })).toBe("#FFC000");
    expect(tintColour("000000", 0.5)).toBe("808080");
    expect(tintColour("FFFFFF", -0.25)).toBe("BFBFBF");
  });
});
