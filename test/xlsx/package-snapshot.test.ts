/**
 * The package reader against the ExcelJS reader it replaces: the same snapshot from the same bytes,
 * on the fixtures, on the 6,000-action bench workbook and on workbooks built here to hold what a
 * snapshot reads. The differences allowed, and why:
 * - Theme colours: the package reader resolves them against the workbook's own theme part; ExcelJS
 *   could not read that part, so its reader used Office's default palette. The comparison gives the
 *   package reader that default palette (`themeColours`); the tests further down check the theme.
 * - Defined names are compared as a set: ExcelJS listed the names it modelled before those it kept
 *   verbatim; the package reader lists them in file order.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { NamedRangeSnapshot, WorkbookSnapshot } from "../../src/core/basics/snapshot";
import { snapshotFromPackage } from "../../src/xlsx/package-snapshot";
import { OFFICE_THEME_COLOURS, tintColour } from "../../src/xlsx/part-theme";
import { readWorkbookBuffer } from "../support/exceljs/xlsx-file";
import { nodeBoundedInflate } from "../../src/xlsx/node-files";
import { snapshotFromWorkbook } from "../support/exceljs/xlsx-snapshot";
import { makeActionPlanWorkbook } from "../../bench/make-workbook";
import { rawWorkbook } from "../support/raw-workbook";

const FIXTURES = path.join(__dirname, "../../../shared/fixtures");
const FIXTURE_FILES = [
  "community-safety-plan-2011-12.xlsx",
  "psa-2012-recommendations.xlsx",
  "psa-progress-report-2010.xlsx",
  "strategic-assessment-action-plan-2009.xlsx",
];

function byName(names: readonly NamedRangeSnapshot[]): NamedRangeSnapshot[] {
  return [...names].sort((a, b) =>
    `${a.name}\u0000${a.formula}`.localeCompare(`${b.name}\u0000${b.formula}`),
  );
}

/**
 * A snapshot with its names in a fixed order, for comparing readers; without the fields only the
 * package reader gives (validations, conditional formats, column widths: the playground's grid).
 */
function comparable(snapshot: WorkbookSnapshot): WorkbookSnapshot {
  const sheets = snapshot.sheets.map((sheet) => {
    const { validations, conditionalFormats, columnWidths, ...rest } = sheet;
    void validations;
    void conditionalFormats;
    void columnWidths;
    return rest;
  });
  return { sheets, names: byName(snapshot.names) };
}

async function bothReaders(
  bytes: Uint8Array,
): Promise<{ ours: WorkbookSnapshot; exceljs: WorkbookSnapshot }> {
  const ours = snapshotFromPackage(bytes, { file: "test.xlsx", themeColours: OFFICE_THEME_COLOURS });
  const exceljs = snapshotFromWorkbook(await readWorkbookBuffer(bytes, "test.xlsx"));
  return { ours: comparable(ours), exceljs: comparable(exceljs) };
}

async function bytesOf(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe("snapshotFromPackage against the ExcelJS reader", () => {
  it.each(FIXTURE_FILES)("reads %s exactly as the ExcelJS reader did", async (file) => {
    const { ours, exceljs } = await bothReaders(readFileSync(path.join(FIXTURES, file)));
    expect(ours.sheets.length).toBeGreaterThan(0);
    expect(ours).toEqual(exceljs);
  });

  it("reads the 6,000-action bench workbook exactly as the ExcelJS reader did", async () => {
    const { ours, exceljs } = await bothReaders(await bytesOf(makeActionPlanWorkbook(6000).workbook));
    expect(ours.sheets.flatMap((s) => s.cells).length).toBeGreaterThan(6000);
    expect(ours).toEqual(exceljs);
  });

  it("reads values, formulas, formats, fills, merges, hidden rows and columns, tables and protection as ExcelJS did", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("It's 2011");
    ws.getCell("A1").value = { richText: [{ text: "Bold ", font: { bold: true } }, { text: "title" }] };
    ws.getCell("A2").value = 3.1;
    ws.getCell("B2").value = "3.10";
    ws.getCell("C2").value = new Date(Date.UTC(2024, 2, 31, 13, 45));
    ws.getCell("C2").numFmt = "dd/mm/yyyy hh:mm";
    ws.getCell("D2").value = { formula: "A2*2", result: 6.2 };
    ws.getCell("D3").value = { sharedFormula: "D2", result: 0 };
    ws.getCell("D4").value = { sharedFormula: "D2", result: 0 };
    ws.getCell("B3").value = { error: "#REF!" };
    ws.getCell("C3").value = { formula: "1/0", result: { error: "#DIV/0!" } };
    ws.getCell("E2").value = true;
    ws.getCell("E3").value = { formula: "TRUE()", result: false };
    ws.getCell("E4").value = { formula: 'TEXT(1,"0")', result: "1" };
    ws.getCell("F2").value = 1234567.891;
    ws.getCell("F2").numFmt = "#,##0.00";
    ws.getCell("G2").value = 0.25;
    ws.getCell("G2").numFmt = "0%";
    ws.getCell("H2").value = "dd\\/mm";
    ws.getCell("H2").numFmt = "dd\\/mm\\/yyyy";
    ws.getCell("A4").value = "ACTION";
    ws.mergeCells("A4:B5");
    ws.getCell("A6").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF0070C0" } };
    ws.getCell("B6").fill = {
      type: "pattern",
      pattern: "solid",
      fgColor: { theme: 4, tint: 0.3999 } as unknown as ExcelJS.Color,
    };
    ws.getCell("C6").fill = {
      type: "pattern",
      pattern: "solid",
      fgColor: { indexed: 10 } as unknown as ExcelJS.Color,
    };
    ws.getCell("D6").numFmt = "@";
    ws.getRow(7).hidden = true;
    ws.getCell("A7").value = "hidden row";
    ws.getColumn(3).hidden = true;
    ws.getColumn(9).hidden = true;
    ws.getCell("A9").value = "=SUM(1)";
    ws.addTable({
      name: "Plan2011",
      ref: "A11",
      headerRow: true,
      totalsRow: true,
      columns: [{ name: "Ref", totalsRowLabel: "Total" }, { name: "Action" }],
      rows: [
        ["1.1", "Patrols"],
        ["1.2", "Leaflets"],
      ],
    });
    await ws.protect("", {});
    const hidden = wb.addWorksheet("Lists", { state: "hidden" });
    hidden.getCell("A1").value = "Red";
    wb.addWorksheet("Empty", { state: "veryHidden" });
    wb.definedNames.add("Lists!$A$1:$A$3", "StatusList");
    const { ours, exceljs } = await bothReaders(await bytesOf(wb));
    expect(ours.sheets.map((s) => s.visibility)).toEqual(["visible", "hidden", "veryHidden"]);
    expect(ours.sheets[0]?.isProtected).toBe(true);
    expect(ours.sheets[0]?.cells[2]?.[3]?.formula).toBe("=A3*2");
    expect(ours).toEqual(exceljs);
  });

  it("reads a 1904-date-system workbook's dates as 1900-system serials, as the core expects", async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet("Plan");
    ws.getCell("A1").value = new Date(Date.UTC(2012, 3, 1));
    ws.getCell("A1").numFmt = "dd/mm/yyyy";
    ws.getCell("A2").value = 40000;
    const bytes = await bytesOf(wb);
    // ExcelJS stores the date as days since 1 January 1904: 41,000 − 1,462.
    const parts = unzipSync(bytes);
    expect(strFromU8(parts["xl/workbook.xml"]!)).toContain('date1904="1"');
    expect(strFromU8(parts["xl/worksheets/sheet1.xml"]!)).toContain("<v>39538</v>");
    const { ours, exceljs } = await bothReaders(bytes);
    expect(ours.sheets[0]?.cells[0]?.[0]).toMatchObject({ value: 41_000, text: "01/04/2012" });
    expect(ours.sheets[0]?.cells[1]?.[0]?.value).toBe(40000);
    expect(ours).toEqual(exceljs);
  });

  it("reads the same with Node's inflate as with fflate's", () => {
    const bytes = readFileSync(path.join(FIXTURES, FIXTURE_FILES[0]!));
    expect(snapshotFromPackage(bytes, { inflate: nodeBoundedInflate })).toEqual(snapshotFromPackage(bytes));
  });
});

/** A package's parts with some replaced, zipped again. */
function withParts(bytes: Uint8Array, replace: Readonly<Record<string, string>>): Uint8Array {
  const parts = unzipSync(bytes);
  for (const [name, xml] of Object.entries(replace)) parts[name] = strToU8(xml);
  return zipSync(parts);
}

describe("theme colours", () => {
  async function themedWorkbook(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Plan");
    const theme = (cell: string, index: number, tint?: number): void => {
      ws.getCell(cell).fill = {
        type: "pattern",
        pattern: "solid",
        fgColor: (tint === undefined ? { theme: index } : { theme: index, tint }) as unknown as ExcelJS.Color,
      };
    };
    theme("A1", 4);
    theme("B1", 4, 0.3999755851924192);
    theme("C1", 4, -0.249977111117893);
    theme("D1", 0);
    theme("E1", 1);
    return bytesOf(wb);
  }

  it("resolves a fill against the workbook's own theme part, tint applied", async () => {
    const bytes = await themedWorkbook();
    const themeXml = strFromU8(unzipSync(bytes)["xl/theme/theme1.xml"]!);
    const accent1 = /<a:accent1>\s*<a:srgbClr val="([0-9A-F]{6})"/.exec(themeXml)?.[1];
    const patched = withParts(bytes, {
      "xl/theme/theme1.xml": themeXml.replace(`<a:srgbClr val="${accent1 ?? ""}"`, '<a:srgbClr val="7030A0"'),
    });
    const row = snapshotFromPackage(patched).sheets[0]?.cells[0] ?? [];
    expect(row.map((c) => c?.fill)).toEqual([
      "#7030A0",
      `#${tintColour("7030A0", 0.3999755851924192)}`,
      `#${tintColour("7030A0", -0.249977111117893)}`,
      // theme 0 is lt1 (window, from sysClr lastClr) and 1 is dk1: the first pairs are swapped.
      "#FFFFFF",
      "#000000",
    ]);
  });

  it("falls back to Office's default palette when the package has no theme", async () => {
    const parts = unzipSync(await themedWorkbook());
    delete parts["xl/theme/theme1.xml"];
    const row = snapshotFromPackage(zipSync(parts)).sheets[0]?.cells[0] ?? [];
    expect(row[0]?.fill).toBe("#4472C4");
  });
});

describe("tintColour", () => {
  it.each([
    // Office 2013's Accent 1 and the tints its colour picker offers, as Excel shows them.
    ["4472C4", 0.7999816888943144, "DAE3F3"],
    ["4472C4", 0.5999938962981048, "B4C7E7"],
    ["4472C4", 0.3999755851924192, "8FAADC"],
    ["4472C4", -0.249977111117893, "2F5597"],
    ["4472C4", -0.499984740745262, "203864"],
    ["FFFFFF", -0.0499893185216834, "F2F2F2"],
    ["000000", 0.499984740745262, "7F7F7F"],
  ])("tints %s by %d to %s", (rgb, tint, expected) => {
    expect(tintColour(rgb, tint)).toBe(expected);
  });
});

describe("shared formulas", () => {
  it("reads a shared formula at each cell of its range as Excel does, strings and fixed references left as they are", () => {
    const master =
      '<c r="B2"><f t="shared" ref="B2:C3" si="0">A1+$A$1+IF(A1="A1",1,0)+Lists!A1</f><v>0</v></c>';
    const follower = (ref: string): string => `<c r="${ref}"><f t="shared" si="0"/><v>0</v></c>`;
    const bytes = rawWorkbook({
      sheets: [
        {
          name: "Plan",
          body: `<sheetData><row r="2">${master}${follower("C2")}</row><row r="3">${follower("B3")}</row></sheetData>`,
        },
      ],
    });
    const cells = snapshotFromPackage(bytes).sheets[0]!.cells;
    expect([cells[1]?.[1]?.formula, cells[1]?.[2]?.formula, cells[2]?.[1]?.formula]).toEqual([
      '=A1+$A$1+IF(A1="A1",1,0)+Lists!A1',
      '=B1+$A$1+IF(B1="A1",1,0)+Lists!B1',
      '=A2+$A$1+IF(A2="A1",1,0)+Lists!A2',
    ]);
  });
});

describe("page headers and footers", () => {
  it("reads a protective marking printed in a sheet's footer, and leaves blank ones out", () => {
    const bytes = rawWorkbook({
      sheets: [
        {
          name: "Plan",
          body: '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Ref</t></is></c></row></sheetData><headerFooter><oddHeader> </oddHeader><oddFooter>&amp;COFFICIAL-SENSITIVE&amp;RPage &amp;P</oddFooter></headerFooter>',
        },
        { name: "Notes", body: "<sheetData/>" },
      ],
    });
    const snapshot = snapshotFromPackage(bytes);
    expect(snapshot.sheets[0]?.headerFooter).toEqual(["&COFFICIAL-SENSITIVE&RPage &P"]);
    expect(snapshot.sheets[1]?.headerFooter).toBeUndefined();
  });
});

describe("merged areas", () => {
  /** Cell format 1 fills green: the column C's own style. */
  const filledColumnStyles =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
    '<fill><patternFill patternType="solid"><fgColor rgb="FF00B050"/></patternFill></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/></cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

  it("gives a merged cell the file does not hold its column's fill, and one it holds (an empty formula) none", () => {
    const bytes = rawWorkbook({
      sheets: [
        {
          name: "Plan",
          body:
            '<cols><col min="3" max="3" width="12" style="1"/></cols><sheetData>' +
            '<row r="1"><c r="A1" t="inlineStr"><is><t>Theme</t></is></c></row>' +
            '<row r="2"><c r="C2"><f></f></c></row></sheetData>' +
            '<mergeCells count="1"><mergeCell ref="A1:C3"/></mergeCells>',
        },
      ],
      parts: { "xl/styles.xml": filledColumnStyles },
    });
    const cells = snapshotFromPackage(bytes).sheets[0]?.cells ?? [];
    expect(cells[0]?.[0]?.value).toBe("Theme");
    // C1 and C3 are not in the file: Excel shows the column's fill there.
    expect(cells[0]?.[2]?.fill).toBe("#00B050");
    expect(cells[2]?.[2]?.fill).toBe("#00B050");
    // C2 is in the file, with no format of its own: it shows none.
    expect(cells[1]?.[2] ?? null).toBeNull();
    // The other cells of the area show nothing: null in the snapshot (never a gap), the row's end cut.
    expect(cells[0]?.[1]).toBeNull();
    expect(cells[1]).toEqual([]);
  });

  it("reads a merge over the whole sheet as the cells the file holds, bringing none into being", () => {
    const bytes = rawWorkbook({
      sheets: [
        {
          name: "Plan",
          body:
            '<cols><col min="3" max="3" width="12" style="1"/></cols><sheetData>' +
            '<row r="1"><c r="A1" t="inlineStr"><is><t>Theme</t></is></c></row>' +
            '<row r="2"><c r="A2" t="inlineStr"><is><t>Hidden under the merge</t></is></c></row></sheetData>' +
            '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
        },
      ],
      parts: { "xl/styles.xml": filledColumnStyles },
    });
    const sheet = snapshotFromPackage(bytes).sheets[0]!;
    expect(sheet.cells.map((row) => row.map((cell) => cell?.value ?? null))).toEqual([["Theme"]]);
    expect(sheet.merges).toEqual([{ top: 0, left: 0, bottom: 1048575, right: 16383 }]);
  });
});
