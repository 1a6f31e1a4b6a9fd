/** The part readers on their own: what each reads of a workbook built here with ExcelJS. */
import ExcelJS from "exceljs";
import { ZipPackage } from "../../src/xlsx/package-zip";
import { mainPartOf, readContentTypes, readRelationships, resolveTarget } from "../../src/xlsx/part-package";
import { readSharedStrings } from "../../src/xlsx/part-shared-strings";
import { cellStylesOf, readStylesPart } from "../../src/xlsx/part-styles";
import { OFFICE_THEME_COLOURS, readThemeColours } from "../../src/xlsx/part-theme";
import { readWorkbookPart } from "../../src/xlsx/part-workbook";
import { worksheetWithCells } from "../support/package-parts";

async function builtPackage(): Promise<ZipPackage> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Plan");
  ws.getCell("A1").value = { richText: [{ text: "Bold", font: { bold: true } }, { text: " and plain" }] };
  ws.getCell("B1").value = "Red";
  ws.getCell("B1").font = { bold: true, color: { argb: "FFC00000" } };
  ws.getColumn(2).width = 42;
  ws.getColumn(4).hidden = true;
  ws.getRow(3).height = 30;
  ws.getRow(4).hidden = true;
  ws.getCell("A4").value = "hidden row";
  ws.getCell("E2").value = "x";
  ws.getCell("E2").numFmt = "dd/mm/yyyy";
  ws.getCell("B2").dataValidation = { type: "list", allowBlank: true, formulae: ["StatusList"] };
  ws.addConditionalFormatting({
    ref: "B2:B9",
    rules: [
      {
        type: "containsText",
        operator: "containsText",
        text: "Red",
        priority: 1,
        style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } },
      },
    ],
  });
  ws.mergeCells("C5:D6");
  wb.addWorksheet("Lists").getCell("A1").value = "Red";
  wb.definedNames.add("Lists!$A$1:$A$3", "StatusList");
  return ZipPackage.open(new Uint8Array(await wb.xlsx.writeBuffer()), "built.xlsx");
}

describe("the part readers", () => {
  let zip: ZipPackage;
  beforeAll(async () => {
    zip = await builtPackage();
  });

  it("find the main document through the package's relationships and the content types", () => {
    expect(mainPartOf(zip)).toBe("xl/workbook.xml");
    expect(readContentTypes(zip).defaults.get("xml")).toBe("application/xml");
    const kinds = readRelationships(zip, "xl/workbook.xml").map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(["worksheet", "styles", "sharedStrings", "theme"]));
  });

  it("resolve relationship targets against the owner's folder", () => {
    expect(resolveTarget("xl/worksheets/sheet1.xml", "../tables/table1.xml")).toBe("xl/tables/table1.xml");
    expect(resolveTarget("xl/workbook.xml", "/xl/styles.xml")).toBe("xl/styles.xml");
    expect(resolveTarget("xl/workbook.xml", "worksheets/./sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
  });

  it("read the workbook's sheets, defined names and date system", () => {
    const workbook = readWorkbookPart(zip, "xl/workbook.xml");
    expect(workbook.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ["Plan", "visible"],
      ["Lists", "visible"],
    ]);
    expect(workbook.definedNames).toContainEqual({
      name: "StatusList",
      formula: "Lists!$A$1:$A$3",
      localSheetId: null,
      hidden: false,
    });
    expect(workbook.date1904).toBe(false);
  });

  it("read a worksheet's column widths, row heights, hidden rows and columns, merges, validations and conditional formats", () => {
    const sheet = worksheetWithCells(zip, "xl/worksheets/sheet1.xml");
    expect(sheet.columns).toContainEqual(
      expect.objectContaining({ min: 2, max: 2, width: 42, hidden: false }),
    );
    expect(sheet.columns).toContainEqual(expect.objectContaining({ min: 4, max: 4, hidden: true }));
    expect(sheet.rows).toContainEqual(expect.objectContaining({ row: 3, height: 30, hidden: false }));
    expect(sheet.rows).toContainEqual(expect.objectContaining({ row: 4, hidden: true }));
    expect(sheet.merges).toEqual([{ top: 4, left: 2, bottom: 5, right: 3 }]);
    expect(sheet.dataValidations).toEqual([{ type: "list", sqref: "B2", formula1: "StatusList" }]);
    expect(sheet.conditionalFormats).toEqual([
      {
        sqref: "B2:B9",
        ruleTypes: ["containsText"],
        rules: [
          {
            type: "containsText",
            operator: null,
            dxfId: 0,
            priority: 1,
            formulas: ['NOT(ISERROR(SEARCH("Red",B2)))'],
          },
        ],
      },
    ]);
    expect(sheet.isProtected).toBe(false);
  });

  it("read shared strings with their rich text runs", () => {
    const strings = readSharedStrings(zip, "xl/sharedStrings.xml");
    const index = strings.texts.indexOf("Bold and plain");
    expect(index).toBeGreaterThanOrEqual(0);
    expect(strings.runs.get(index)).toEqual([
      { text: "Bold", bold: true, italic: false },
      { text: " and plain", bold: false, italic: false },
    ]);
    expect(strings.runs.has(strings.texts.indexOf("Red"))).toBe(false);
  });

  it("read styles: fonts, number formats and each cell format's fill", () => {
    const styles = readStylesPart(zip, "xl/styles.xml");
    expect(styles.fonts).toContainEqual({ bold: true, italic: false, colour: { rgb: "FFC00000" } });
    const sheet = worksheetWithCells(zip, "xl/worksheets/sheet1.xml");
    const e2 = sheet.cells.find((c) => c.row === 2 && c.column === 5);
    const styleOf = cellStylesOf(styles, OFFICE_THEME_COLOURS);
    expect(styleOf(e2?.style ?? -1)).toEqual({ numberFormat: "dd/mm/yyyy", fill: null });
    expect(styleOf(9999)).toEqual({ numberFormat: "General", fill: null });
  });

  it("read the theme's colour scheme in the order styles index it", () => {
    const colours = readThemeColours(zip, "xl/theme/theme1.xml");
    // ExcelJS writes Office 2007's theme: lt1 window (FFFFFF), dk1 windowText (000000), accent1 4F81BD.
    expect(colours.slice(0, 5)).toEqual(["FFFFFF", "000000", "EEECE1", "1F497D", "4F81BD"]);
  });
});
