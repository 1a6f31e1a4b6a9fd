/**
 * The package reader's list validations and conditional formats: what the playground's grid shows
 * as dropdown marks and colours. Built two ways: from raw XML as Excel writes it (a dxf's solid fill
 * in bgColor with no patternType, theme colours, several ranges in one sqref), and by the package
 * writer applying the schema's own ops, so the grid shows what Apply schema wrote.
 */
import { conditionalLooksOf } from "../../src/core/reading/conditional-looks";
import { STATUS_COLOURS } from "../../src/core/basics/status-colours";
import { STATUS_VALIDATION, tableSchemaOps } from "../../src/core/planning/table-schema";
import { blankWorkbookBytes } from "../../src/xlsx/blank-package";
import { createPackageHost } from "../../src/xlsx/package-host";
import { snapshotFromPackage } from "../../src/xlsx/package-snapshot";
import { nodeCodec } from "../../src/xlsx/node-files";
import { MAIN_NS, rawWorkbook } from "../support/raw-workbook";

const STYLES_WITH_DXFS =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="3">' +
  // As Excel writes a "Light red fill with dark red text" rule: no patternType, colour in bgColor.
  '<dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf>' +
  // A font colour from the theme (text 1, dark) and no fill.
  '<dxf><font><b/><color theme="1"/></font></dxf>' +
  // A fill given only in fgColor.
  '<dxf><fill><patternFill patternType="solid"><fgColor rgb="FF00B050"/></patternFill></fill></dxf>' +
  "</dxfs></styleSheet>";

function rawPlan(): Uint8Array {
  const row = (r: number, ref: string, status: string) =>
    `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${ref}</t></is></c><c r="B${r}" t="inlineStr"><is><t>${status}</t></is></c></row>`;
  return rawWorkbook({
    sheets: [
      {
        name: "Plan",
        body:
          "<sheetData>" +
          row(1, "Ref", "Status") +
          row(2, "1", "Red") +
          row(3, "2", "Done") +
          row(4, "3", "Green") +
          row(5, "4", "Red") +
          "</sheetData>" +
          '<conditionalFormatting sqref="B2:B3 B5">' +
          '<cfRule type="cellIs" dxfId="0" priority="2" operator="equal"><formula>"Red"</formula></cfRule>' +
          '<cfRule type="expression" dxfId="1" priority="3"><formula>$B2="Done"</formula></cfRule>' +
          "</conditionalFormatting>" +
          '<conditionalFormatting sqref="B4"><cfRule type="expression" dxfId="2" priority="1"><formula>B4="Green"</formula></cfRule></conditionalFormatting>' +
          '<dataValidations count="2">' +
          '<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="B2:B5 D2"><formula1>$F$1:$F$4</formula1></dataValidation>' +
          '<dataValidation type="whole" sqref="A2:A5"><formula1>1</formula1><formula2>9</formula2></dataValidation>' +
          "</dataValidations>",
      },
    ],
    parts: { "xl/styles.xml": STYLES_WITH_DXFS },
  });
}

describe("snapshotFromPackage: validations and conditional formats", () => {
  it("gives each range of a list validation its source, and leaves out validations that are no list", () => {
    const [plan] = snapshotFromPackage(rawPlan()).sheets;
    expect(plan?.validations).toEqual([
      { range: { top: 1, left: 1, bottom: 4, right: 1 }, source: "=$F$1:$F$4" },
      { range: { top: 1, left: 3, bottom: 1, right: 3 }, source: "=$F$1:$F$4" },
    ]);
  });

  it("reads each rule with its formula, priority and the colours its dxf gives", () => {
    const [plan] = snapshotFromPackage(rawPlan()).sheets;
    expect(plan?.conditionalFormats).toEqual([
      {
        ranges: [
          { top: 1, left: 1, bottom: 2, right: 1 },
          { top: 4, left: 1, bottom: 4, right: 1 },
        ],
        rules: [
          {
            type: "cellIs",
            operator: "equal",
            formula: '="Red"',
            fill: "#FFC7CE",
            fontColor: "#9C0006",
            priority: 2,
          },
          {
            type: "expression",
            operator: null,
            formula: '=$B2="Done"',
            fill: null,
            fontColor: "#000000",
            priority: 3,
          },
        ],
      },
      {
        ranges: [{ top: 3, left: 1, bottom: 3, right: 1 }],
        rules: [
          {
            type: "expression",
            operator: null,
            formula: '=B4="Green"',
            fill: "#00B050",
            fontColor: null,
            priority: 1,
          },
        ],
      },
    ]);
  });

  it("lets the grid colour the cells by the rules read from the file", () => {
    const [plan] = snapshotFromPackage(rawPlan()).sheets;
    if (plan === undefined) throw new Error("no sheet");
    const lookAt = conditionalLooksOf(plan);
    expect(lookAt(1, 1)).toEqual({ fill: "#FFC7CE", fontColor: "#9C0006" });
    expect(lookAt(2, 1)).toEqual({ fill: null, fontColor: "#000000" });
    expect(lookAt(3, 1)).toEqual({ fill: "#00B050", fontColor: null });
    expect(lookAt(4, 1)).toEqual({ fill: "#FFC7CE", fontColor: "#9C0006" });
    expect(lookAt(1, 0)).toBeNull();
  });

  it("gives the column widths the sheet sets, by column, null where it sets none", () => {
    const bytes = rawWorkbook({
      sheets: [
        {
          name: "Plan",
          body: '<cols><col min="2" max="3" width="45.5" customWidth="1"/><col min="5" max="5" width="13"/></cols><sheetData/>',
        },
      ],
    });
    expect(snapshotFromPackage(bytes).sheets[0]?.columnWidths).toEqual([null, 45.5, 45.5, null, 13]);
  });

  it("leaves the fields out of a sheet that has none of them", async () => {
    const [sheet] = snapshotFromPackage(await blankWorkbookBytes("Empty")).sheets;
    expect(sheet).not.toHaveProperty("validations");
    expect(sheet).not.toHaveProperty("conditionalFormats");
    expect(sheet).not.toHaveProperty("columnWidths");
  });

  it("reads back the status dropdown and status colours Apply schema writes", async () => {
    const host = createPackageHost(await blankWorkbookBytes("Plan"), nodeCodec);
    const statuses = ["Red", "Amber", "Green", "Complete", "Not started"];
    await host.applyWritePlan({
      title: "Schema for a test table",
      ops: [
        {
          kind: "writeCells",
          sheet: "Plan",
          row: 0,
          column: 0,
          cells: [
            [
              { kind: "text", text: "Ref" },
              { kind: "text", text: "Status" },
            ],
            ...statuses.map((s, i) => [
              { kind: "text" as const, text: String(i + 1) },
              { kind: "text" as const, text: i === 1 ? ` ${s.toLowerCase()}  ` : s },
            ]),
          ],
        },
        ...tableSchemaOps({
          sheet: "Plan",
          range: { top: 0, left: 0, bottom: 5, right: 1 },
          columns: [
            { column: 0, role: "ref" },
            { column: 1, role: "status" },
          ],
          tableName: null,
        }),
      ],
    });
    const [plan] = (await host.readSnapshot()).sheets;
    if (plan === undefined) throw new Error("no sheet");
    expect(plan.validations).toEqual([
      { range: { top: 1, left: 1, bottom: 5, right: 1 }, source: STATUS_VALIDATION.source },
    ]);
    const lookAt = conditionalLooksOf(plan);
    statuses.forEach((status, i) => {
      const colour = STATUS_COLOURS.find((c) => c.status === status);
      expect(lookAt(i + 1, 1)).toEqual({ fill: colour?.fill, fontColor: colour?.fontColor });
    });
  });
});
