/**
 * What a file keeps when the package writer applies a plan (issue 14, part 4), on a workbook built
 * from the XML Excel writes (test/support/kept-workbook.ts): everything no op touches, byte for byte;
 * what is anchored to a cell moves with it; a sheet filter over a new table becomes the table's own.
 */
import { readFileSync } from "node:fs";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { planApplySchema } from "../../src/core/planning/apply-schema";
import { readPlan } from "../../src/core/reading/read-plan";
import type { WritePlan } from "../../src/core/basics/write-plan";
import { main } from "../../src/cli/main";
import { PackageUnsupported } from "../../src/xlsx/package-unsupported";
import { applyWritePlanToBytes } from "../../src/xlsx/package-writer";
import { nodeCodec } from "../../src/xlsx/node-files";
import { readWorkbookBuffer } from "../support/exceljs/xlsx-file";
import { snapshotFromWorkbook } from "../support/exceljs/xlsx-snapshot";
import { runPipeline } from "../support/hostile-pipeline";
import {
  KEPT_CUSTOM_PROPS,
  KEPT_EXT,
  KEPT_HEADER_FOOTER,
  keptVml,
  keptWorkbook,
} from "../support/kept-workbook";
import { type PackageToValidate, packageProblems } from "../support/ooxml-validate";
import { rawWorkbook, rowXml } from "../support/raw-workbook";

const parts = (bytes: Uint8Array): Record<string, Uint8Array> => unzipSync(bytes);
const text = (bytes: Uint8Array, part: string): string => strFromU8(parts(bytes)[part] ?? new Uint8Array());

async function applySchema(bytes: Uint8Array): Promise<{ plan: WritePlan; out: Uint8Array }> {
  const snapshot = snapshotFromWorkbook(await readWorkbookBuffer(bytes));
  const plan = planApplySchema(snapshot, readPlan(snapshot)).plan;
  return { plan, out: (await applyWritePlanToBytes(bytes, plan, nodeCodec)).bytes };
}

describe("a workbook holding everything Excel keeps, after Apply schema closes up its rows", () => {
  const input = keptWorkbook();
  let out: Uint8Array;
  let sheet: string;

  beforeAll(async () => {
    const applied = await applySchema(input);
    // The workbook is built so that apply schema closes up rows; the tests below are about that.
    if (!applied.plan.ops.some((op) => op.kind === "moveRows")) throw new Error("Apply schema moved no rows");
    out = applied.out;
    sheet = text(out, "xl/worksheets/sheet1.xml");
  });

  it("validates against the schemas and keeps Excel's rules, as the input does", async () => {
    expect(
      await packageProblems([
        { label: "input", bytes: input },
        { label: "output", bytes: out },
      ]),
    ).toEqual([]);
  });

  it("keeps every part no op touches byte for byte: custom properties, the image and its drawing, other sheets", () => {
    const before = parts(input);
    const after = parts(out);
    for (const part of [
      "docProps/custom.xml",
      "_rels/.rels",
      "xl/drawings/drawing1.xml",
      "xl/drawings/_rels/drawing1.xml.rels",
      "xl/media/image1.png",
      "xl/worksheets/sheet2.xml",
    ]) {
      expect([part, after[part]]).toEqual([part, before[part]]);
    }
    expect(text(out, "docProps/custom.xml")).toBe(KEPT_CUSTOM_PROPS);
  });

  it("moves the note on B7 with its cell to B6, in the comments part and its VML shape, and leaves A2's", () => {
    const comments = text(out, "xl/comments1.xml");
    expect(comments).toContain(
      '<comment ref="B6" authorId="0"><text><r><t xml:space="preserve">Ask SBC about the lights',
    );
    expect(comments).toContain('<comment ref="A2" authorId="0"><text><t>Plan owner: CSP');
    expect(comments).not.toContain('ref="B7"');
    const vml = text(out, "xl/drawings/vmlDrawing1.vml");
    expect(vml).toContain("<x:Anchor>2, 15, 4, 10, 4, 15, 8, 4</x:Anchor>");
    expect(vml).toContain("<x:Row>5</x:Row><x:Column>1</x:Column>");
    expect(vml).toContain("<x:Row>1</x:Row><x:Column>0</x:Column>");
    expect(vml).not.toContain("<x:Row>6</x:Row>");
  });

  it("moves the hyperlink on B7 with its cell, keeping its external target", () => {
    expect(sheet).toContain('<hyperlink ref="B6" r:id="rId4" tooltip="Lighting survey"/>');
    expect(sheet).toContain(`<hyperlink ref="A2" location="'Reference'!A1" display="Reference"/>`);
    expect(text(out, "xl/worksheets/_rels/sheet1.xml.rels")).toContain(
      'Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/lights" TargetMode="External"',
    );
  });

  it("keeps the frozen pane, tab colour, column widths, row heights, merges and print setup with its OFFICIAL header and footer", () => {
    expect(sheet).toContain('<sheetPr><tabColor rgb="FF00B050"/></sheetPr>');
    expect(sheet).toContain('<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>');
    expect(sheet).toContain(
      '<cols><col min="1" max="1" width="6.5" customWidth="1"/><col min="2" max="2" width="48" customWidth="1"/></cols>',
    );
    expect(sheet).toContain('<row r="1" ht="24" customHeight="1">');
    expect(sheet).toContain('<mergeCell ref="A1:E1"/>');
    expect(sheet).toContain(
      '<printOptions gridLines="1"/><pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToHeight="0"/>',
    );
    expect(sheet).toContain(KEPT_HEADER_FOOTER);
  });

  it("keeps validations and conditional formats, the x14 data bar, icon set and cross-sheet list among them", () => {
    expect(sheet).toContain(KEPT_EXT);
    expect(sheet).toContain(
      '<dataValidation type="whole" allowBlank="1" showErrorMessage="1" sqref="H4:H9"><formula1>0</formula1><formula2>100</formula2></dataValidation>',
    );
    expect(sheet).toContain('<conditionalFormatting sqref="H4:H9"><cfRule type="dataBar" priority="1">');
  });

  it("keeps the drawing and the notes' drawing in schema order, table parts after them and before extLst", () => {
    // lastIndexOf: the worksheet's own extLst is its last child (a cfRule holds one too, earlier).
    const order = ["<drawing ", "<legacyDrawing ", "<tableParts ", "<extLst>"].map((tag) =>
      sheet.lastIndexOf(tag),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("keeps the defined names: print area, print titles and the workbook's own", () => {
    const workbook = text(out, "xl/workbook.xml");
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Area" localSheetId="0">'Plan 2024'!$A$1:$J$8</definedName>`,
    );
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="0">'Plan 2024'!$3:$3</definedName>`,
    );
    expect(workbook).toContain('<definedName name="ThemeRange">Reference!$A$1:$A$3</definedName>');
  });

  it("makes the sheet's autoFilter over the action table the table's own, its criteria kept, never both", () => {
    expect(sheet).not.toContain("<autoFilter");
    expect(text(out, "xl/workbook.xml")).not.toContain("_xlnm._FilterDatabase");
    // The Lists sheet's tables come first in the package: find the action table's part by its range.
    const tablePart = Object.keys(parts(out)).find(
      (name) => name.startsWith("xl/tables/") && text(out, name).includes('ref="A3:J7"'),
    );
    const table = text(out, tablePart ?? "xl/tables/missing.xml");
    expect(table).toContain(
      '<autoFilter ref="A3:J7"><filterColumn colId="4"><filters><filter val="Red"/><filter val="Amber"/><filter val="Green"/></filters></filterColumn></autoFilter>',
    );
  });

  it("stays valid through carry-over, the summary and a lead's write after it", async () => {
    const packages: PackageToValidate[] = [];
    let bytes = out;
    await runPipeline({
      readSnapshot: async () => snapshotFromWorkbook(await readWorkbookBuffer(bytes)),
      applyWritePlan: async (plan) => {
        const written = await applyWritePlanToBytes(bytes, plan, nodeCodec);
        bytes = written.bytes;
        packages.push({ label: plan.title, bytes });
        return written.report;
      },
      selectCell: () => Promise.resolve(),
    });
    expect(packages.length).toBeGreaterThanOrEqual(3);
    expect(await packageProblems(packages)).toEqual([]);
    expect(text(bytes, "docProps/custom.xml")).toBe(KEPT_CUSTOM_PROPS);
  });
});

/** One sheet "Plan": header on row 1, actions from row 2, `body` after sheetData. */
function planSheet(
  rows: string,
  after = "",
  rels: Parameters<typeof rawWorkbook>[0]["sheets"][0]["rels"] = [],
) {
  return { name: "Plan", body: `<sheetData>${rows}</sheetData>${after}`, rels };
}

/** Close up row 3 (0-based 2) of Plan's A2:C5: rows 1 and 3 (0-based) stay/move up. */
const CLOSE_UP: WritePlan = {
  title: "Close up",
  ops: [
    {
      kind: "moveRows",
      sheet: "Plan",
      range: { top: 1, left: 0, bottom: 3, right: 2 },
      rows: [1, 3],
      cells: [],
    },
  ],
};

describe("cells a move would break are refused, naming the sheet, and nothing is written", () => {
  /** A plan that makes the first two rows of Plan's first three columns a table of that name. */
  const addTable = (name: string): WritePlan => ({
    title: "Table",
    ops: [
      {
        kind: "addTable",
        sheet: "Plan",
        range: { top: 0, left: 0, bottom: 1, right: 2 },
        name,
        style: "TableStyleMedium2",
      },
    ],
  });

  const rows =
    rowXml(1, ["Ref", "Action", "Lead"]) +
    rowXml(2, ["1", "Patrols", "PS"]) +
    rowXml(3, ["Ref", "Action", "Lead"]);

  it("refuses to move an array formula", async () => {
    const bytes = rawWorkbook({
      sheets: [
        planSheet(
          rows +
            '<row r="4"><c r="A4"><v>2</v></c><c r="B4"><f t="array" ref="B4">SUM(A1:A2*1)</f><v>1</v></c></row>',
        ),
      ],
    });
    await expect(applyWritePlanToBytes(bytes, CLOSE_UP, nodeCodec)).rejects.toThrow(
      new PackageUnsupported("cell B4 holds an array formula or data table, which cannot move", "Plan"),
    );
  });

  it("refuses to close up a row holding a note or a hyperlink, which would be lost with its cell", async () => {
    const comments =
      '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>A</author></authors><commentList><comment ref="B3" authorId="0"><text><t>Header note</t></text></comment></commentList></comments>';
    const withNote = rawWorkbook({
      sheets: [
        planSheet(rows + rowXml(4, ["2", "Lights", "SBC"]), "", [
          { id: "rId1", type: "comments", target: "../comments1.xml" },
        ]),
      ],
      parts: { "xl/comments1.xml": comments, "xl/drawings/vmlDrawing1.vml": keptVml("") },
    });
    await expect(applyWritePlanToBytes(withNote, CLOSE_UP, nodeCodec)).rejects.toThrow(
      "The sheet 'Plan' cannot be edited safely here: the note at B3 is on a row that is closed up. Nothing was written.",
    );
    const withLink = rawWorkbook({
      sheets: [
        planSheet(
          rows + rowXml(4, ["2", "Lights", "SBC"]),
          '<hyperlinks><hyperlink ref="A3:C3" location="Plan!A1"/></hyperlinks>',
        ),
      ],
    });
    await expect(applyWritePlanToBytes(withLink, CLOSE_UP, nodeCodec)).rejects.toThrow(
      "the hyperlink at A3:C3 is on a row that is closed up",
    );
  });

  it("says so in one line from the CLI, leaving no output file", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "package-refuses-"));
    const input = path.join(dir, "plan.xlsx");
    const output = path.join(dir, "tidy.xlsx");
    // A repeated header between the actions makes Apply schema close up; the array formula (which
    // reads no cell that moves) cannot move.
    writeFileSync(
      input,
      rawWorkbook({
        sheets: [
          planSheet(
            rowXml(1, ["Ref", "Action", "Lead", "Update", "Status"]) +
              rowXml(2, ["1.1", "Patrols", "PS", "Weekly", "Green"]) +
              rowXml(3, ["Ref", "Action", "Lead", "Update", "Status"]) +
              '<row r="4"><c r="A4" t="inlineStr"><is><t>1.2</t></is></c><c r="B4" t="inlineStr"><is><t>Lights</t></is></c><c r="C4" t="inlineStr"><is><t>SBC</t></is></c>' +
              '<c r="D4" t="str"><f t="array" ref="D4">"Survey "&amp;UPPER("sbc")</f><v>Survey SBC</v></c><c r="E4" t="inlineStr"><is><t>Red</t></is></c></row>',
          ),
        ],
      }),
    );
    const err: string[] = [];
    const code = await main(["apply-schema", input, "-o", output], {
      out: () => undefined,
      err: (s) => err.push(s),
    });
    expect(code).not.toBe(0);
    expect(err.join("")).toBe(
      "action-plan: The sheet 'Plan' cannot be edited safely here: cell D4 holds an array formula or data table, which cannot move. Nothing was written.\n",
    );
    expect(() => readFileSync(output)).toThrow();
  });

  it("refuses a table named as a defined name is, which Excel would repair", async () => {
    const bytes = rawWorkbook({
      sheets: [planSheet(rows)],
      definedNames: '<definedName name="Actions">Plan!$A$1</definedName>',
    });
    await expect(applyWritePlanToBytes(bytes, addTable("ACTIONS"), nodeCodec)).rejects.toThrow(
      "A table cannot be named ACTIONS: the workbook has a defined name ACTIONS; nothing was written",
    );
  });

  it("refuses a table over merged cells or another table, which Excel would repair", async () => {
    const merged = rawWorkbook({
      sheets: [planSheet(rows, '<mergeCells count="1"><mergeCell ref="C2:D2"/></mergeCells>')],
    });
    await expect(applyWritePlanToBytes(merged, addTable("Actions"), nodeCodec)).rejects.toThrow(
      "Table Actions would overlap the merged cells C2:D2",
    );
    const once = (
      await applyWritePlanToBytes(rawWorkbook({ sheets: [planSheet(rows)] }), addTable("First"), nodeCodec)
    ).bytes;
    await expect(applyWritePlanToBytes(once, addTable("Second"), nodeCodec)).rejects.toThrow(
      "Table Second would overlap the table First",
    );
  });

  it("refuses a sheet filter criterion on a column outside the new table rather than drop it", async () => {
    const bytes = rawWorkbook({
      sheets: [
        planSheet(
          rows,
          '<autoFilter ref="A1:D3"><filterColumn colId="3"><filters><filter val="x"/></filters></filterColumn></autoFilter>',
        ),
      ],
    });
    await expect(applyWritePlanToBytes(bytes, addTable("Actions"), nodeCodec)).rejects.toThrow(
      "the sheet's filter on column D reaches outside the new table Actions",
    );
  });
});

describe("a shared formula in rows that move", () => {
  it("becomes each cell's own formula, as Excel reads it there, before its cells move", async () => {
    // C2:C4 share "B2*2"; row 3 is a repeated header (no formula) and is closed up.
    const bytes = rawWorkbook({
      sheets: [
        planSheet(
          rowXml(1, ["Ref", "Action", "Lead"]) +
            '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>5</v></c><c r="C2"><f t="shared" ref="C2:C4" si="0">B2*2</f><v>10</v></c></row>' +
            rowXml(3, ["Ref", "Action", "Lead"]).replace(/<c r="C3"[^]*?<\/c>/, "") +
            '<row r="4"><c r="A4"><v>2</v></c><c r="B4"><v>7</v></c><c r="C4"><f t="shared" si="0"/><v>14</v></c></row>',
        ),
      ],
    });
    const written = await applyWritePlanToBytes(bytes, CLOSE_UP, nodeCodec);
    const sheet = text(written.bytes, "xl/worksheets/sheet1.xml");
    expect(sheet).toContain('<c r="C2"><f>B2*2</f><v>10</v></c>');
    // The moved cell keeps the text it had at C4 (a move carries a formula's text as it is).
    expect(sheet).toContain('<c r="C3"><f>B4*2</f><v>14</v></c>');
    expect(sheet).not.toContain("shared");
    expect(await packageProblems([{ label: "moved", bytes: written.bytes }])).toEqual([]);
  });
});

/** The package with its SpreadsheetML parts written with an x: prefix, as the Open XML SDK writes them. */
function prefixed(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  for (const [name, data] of Object.entries(files)) {
    if (!/^xl\/(worksheets\/[^/]+|tables\/[^/]+|workbook|styles|sharedStrings)\.xml$/.test(name)) continue;
    files[name] = strToU8(
      strFromU8(data)
        .replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, "<$1x:$2")
        .replace(
          / xmlns="http:\/\/schemas.openxmlformats.org\/spreadsheetml\/2006\/main"/,
          ' xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        ),
    );
  }
  return zipSync(files);
}

describe("a workbook whose SpreadsheetML is written with a prefix (x:worksheet), as the Open XML SDK writes it", () => {
  it("is edited like Excel's own: rows closed up, a table, validation, formats and cells written", async () => {
    const bytes = prefixed(
      rawWorkbook({
        sheets: [
          planSheet(
            rowXml(1, ["Ref", "Action", "Lead"]) +
              rowXml(2, ["1", "Patrols", "PS"]) +
              rowXml(3, ["Ref", "Action", "Lead"]) +
              rowXml(4, ["2", "Lights", "SBC"]),
          ),
        ],
        strings: ["Owner"],
      }),
    );
    expect(text(bytes, "xl/worksheets/sheet1.xml")).toContain("<x:worksheet xmlns:x=");
    const plan: WritePlan = {
      title: "Tidy",
      ops: [
        ...CLOSE_UP.ops,
        {
          kind: "addTable",
          sheet: "Plan",
          range: { top: 0, left: 0, bottom: 2, right: 2 },
          name: "Actions",
          style: "TableStyleMedium2",
        },
        {
          kind: "setValidation",
          sheet: "Plan",
          range: { top: 1, left: 2, bottom: 2, right: 2 },
          rule: {
            source: "=Leads",
            inCellDropdown: true,
            errorStyle: "warning",
            errorTitle: "Lead",
            errorMessage: "Pick a lead",
          },
        },
        {
          kind: "setConditionalFormats",
          sheet: "Plan",
          range: { top: 1, left: 1, bottom: 2, right: 1 },
          rules: [{ formula: '=$B2="Lights"', fill: "#FFC000", fontColor: "#000000", bold: true }],
        },
        {
          kind: "writeCells",
          sheet: "Plan",
          row: 5,
          column: 0,
          cells: [[{ kind: "text", text: "Owner: CSP" }]],
        },
      ],
    };
    const written = (await applyWritePlanToBytes(bytes, plan, nodeCodec)).bytes;
    expect(await packageProblems([{ label: "prefixed", bytes: written }])).toEqual([]);
    const sheet = text(written, "xl/worksheets/sheet1.xml");
    expect(sheet).toContain('<row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve">2</t></is></c>');
    expect(sheet).toContain("<tableParts");
    const reread = snapshotFromWorkbook(await readWorkbookBuffer(written));
    expect(reread.sheets[0]?.cells[2]?.map((cell) => cell?.value ?? null)).toEqual(["2", "Lights", "SBC"]);
    expect(reread.sheets[0]?.cells[5]?.[0]?.value).toBe("Owner: CSP");
  });
});

/** The workbook with a chart sheet "Chart" first in the tab order (its drawing empty). */
function withChartSheetFirst(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const edit = (name: string, change: (xml: string) => string): void => {
    files[name] = strToU8(change(strFromU8(files[name]!)));
  };
  edit("xl/workbook.xml", (xml) =>
    xml.replace("<sheets>", '<sheets><sheet name="Chart" sheetId="9" r:id="rId99"/>'),
  );
  edit("xl/_rels/workbook.xml.rels", (xml) =>
    xml.replace(
      "</Relationships>",
      '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>',
    ),
  );
  edit("[Content_Types].xml", (xml) =>
    xml.replace(
      "</Types>",
      '<Override PartName="/xl/chartsheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/>' +
        '<Override PartName="/xl/drawings/drawing9.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>',
    ),
  );
  files["xl/chartsheets/sheet1.xml"] = strToU8(
    '<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetViews><sheetView workbookViewId="0"/></sheetViews><drawing r:id="rId1"/></chartsheet>',
  );
  files["xl/chartsheets/_rels/sheet1.xml.rels"] = strToU8(
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing9.xml"/></Relationships>',
  );
  files["xl/drawings/drawing9.xml"] = strToU8(
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"/>',
  );
  return zipSync(files);
}

describe("a workbook with a chart sheet", () => {
  const bytes = withChartSheetFirst(
    rawWorkbook({
      sheets: [planSheet(rowXml(1, ["Ref", "Action", "Lead"]) + rowXml(2, ["1", "Patrols", "PS"]))],
    }),
  );

  it("is written around it, counting it in the tab order for print titles and the active tab", async () => {
    const plan: WritePlan = {
      title: "Print",
      ops: [
        {
          kind: "setPageLayout",
          sheet: "Plan",
          orientation: "landscape",
          fitToPagesWide: 1,
          printTitleRows: { first: 0, last: 0 },
        },
        { kind: "writeCells", sheet: "Plan", row: 2, column: 0, cells: [[{ kind: "text", text: "2" }]] },
        { kind: "activateSheet", sheet: "Plan" },
      ],
    };
    const written = (await applyWritePlanToBytes(bytes, plan, nodeCodec)).bytes;
    expect(
      await packageProblems([
        { label: "input", bytes },
        { label: "with chart sheet", bytes: written },
      ]),
    ).toEqual([]);
    const workbook = text(written, "xl/workbook.xml");
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="1">Plan!$1:$1</definedName>`,
    );
    expect(workbook).toContain('activeTab="1"');
    expect(parts(written)["xl/chartsheets/sheet1.xml"]).toEqual(parts(bytes)["xl/chartsheets/sheet1.xml"]);
  });

  it("refuses an op on the chart sheet itself, naming it", async () => {
    const plan: WritePlan = {
      title: "Write",
      ops: [
        { kind: "writeCells", sheet: "Chart", row: 0, column: 0, cells: [[{ kind: "text", text: "x" }]] },
      ],
    };
    await expect(applyWritePlanToBytes(bytes, plan, nodeCodec)).rejects.toThrow(
      "The sheet 'Chart' cannot be edited safely here: it is a chart sheet (or another kind than a worksheet). Nothing was written.",
    );
  });
});
