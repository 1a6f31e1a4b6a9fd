/**
 * The readers' shortcuts (xml-tokens.ts XmlShortcut): a worksheet's cells and the shared strings'
 * items in the form Excel writes most of them are matched whole, and must read exactly as the same
 * element read token by token (written in a form the shortcut does not take).
 */
import fc from "fast-check";
import { strToU8, zipSync } from "fflate";
import { ZipPackage } from "../../src/xlsx/package-zip";
import { readSharedStrings } from "../../src/xlsx/part-shared-strings";
import { worksheetWithCells } from "../support/package-parts";

const SHEET = "xl/worksheets/sheet1.xml";
const STRINGS = "xl/sharedStrings.xml";
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

function packageOf(parts: Record<string, string>): ZipPackage {
  const files = Object.fromEntries(Object.entries(parts).map(([name, xml]) => [name, strToU8(xml)]));
  return ZipPackage.open(zipSync(files), "shortcut.xlsx");
}

function sheetOf(rows: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;
}

function cellsOf(rows: string) {
  return worksheetWithCells(packageOf({ [SHEET]: sheetOf(rows) }), SHEET).cells;
}

interface Cell {
  readonly column: string;
  readonly row: number;
  readonly style: number | null;
  readonly type: "s" | "n" | "b" | "e" | "str" | null;
  readonly value: string | null;
}

/** The cell as Excel writes it: attributes r, s, t in that order, no white space. */
function excelForm(c: Cell): string {
  const attributes = `r="${c.column}${c.row}"${c.style === null ? "" : ` s="${c.style}"`}${c.type === null ? "" : ` t="${c.type}"`}`;
  return c.value === null ? `<c ${attributes}/>` : `<c ${attributes}><v>${c.value}</v></c>`;
}

/** The same cell as the shortcut does not take it: attributes the other way round, a line break inside. */
function otherForm(c: Cell): string {
  const attributes = `${c.type === null ? "" : `t="${c.type}" `}${c.style === null ? "" : `s="${c.style}" `}r="${c.column}${c.row}"`;
  return c.value === null ? `<c ${attributes}></c>` : `<c ${attributes}>\n<v>${c.value}</v></c>`;
}

const cell: fc.Arbitrary<Cell> = fc.record({
  column: fc.constantFrom("A", "B", "Z", "AA", "XFD"),
  row: fc.integer({ min: 1, max: 1_048_576 }),
  style: fc.option(fc.nat({ max: 400 })),
  type: fc.option(fc.constantFrom("s" as const, "n" as const, "b" as const, "e" as const, "str" as const)),
  value: fc.option(
    fc.string({ unit: fc.constantFrom("1", "0", ".", "E", "-", "a", " ", "é", ">"), minLength: 1 }),
  ),
});

describe("the worksheet reader's shortcut for common cells", () => {
  it("reads a cell as Excel writes it to its row, column, style, type and value", () => {
    expect(cellsOf(`<row r="13"><c r="B13" s="5" t="s"><v>12</v></c><c r="C13"/></row>`)).toEqual([
      {
        row: 13,
        column: 2,
        type: "s",
        style: 5,
        value: "12",
        formula: null,
        formulaType: undefined,
        sharedIndex: undefined,
        formulaRef: undefined,
      },
      expect.objectContaining({ row: 13, column: 3, type: undefined, style: 0, value: null }),
    ]);
  });

  it("reads cells exactly as the same cells read token by token", () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), (cells) => {
        const common = cellsOf(`<row r="1">${cells.map(excelForm).join("")}</row>`);
        expect(common).toHaveLength(cells.length);
        expect(common).toEqual(cellsOf(`<row r="1">${cells.map(otherForm).join("")}</row>`));
      }),
      { numRuns: 300 },
    );
  });

  it("reads an empty value, a reference and a formula token by token", () => {
    expect(
      cellsOf(
        `<row r="1"><c r="A1"><v></v></c><c r="B1" t="str"><v>a&amp;b</v></c><c r="C1"><f>A1+1</f><v>2</v></c></row>`,
      ),
    ).toMatchObject([
      { column: 1, value: null },
      { column: 2, value: "a&b" },
      { column: 3, value: "2", formula: "A1+1" },
    ]);
  });

  it("refuses a common cell outside Excel's grid as damage", () => {
    expect(() => cellsOf(`<row r="1"><c r="XFE1" s="1"/></row>`)).toThrow(
      "shortcut.xlsx is damaged: xl/worksheets/sheet1.xml has a cell XFE1 outside the grid.",
    );
    expect(() => cellsOf(`<row r="1"><c r="A1048577"><v>1</v></c></row>`)).toThrow(
      /a cell A1048577 outside the grid/,
    );
  });

  it("still refuses a sheet whose common cells sit in XML that is not well-formed", () => {
    expect(() => cellsOf(`<row r="1"><c r="A1"><v>1</v></c>`)).toThrow(/is not well-formed XML/);
  });
});

function sheetOf2(rows: string) {
  return worksheetWithCells(packageOf({ [SHEET]: sheetOf(rows) }), SHEET);
}

interface Row {
  readonly row: number;
  readonly spans: boolean;
  readonly style: number | null;
  readonly height: string | null;
  readonly hidden: "0" | "1" | "true" | "false" | null;
  readonly descent: boolean;
  readonly cells: readonly Cell[];
}

/** The row as Excel writes it: attributes in the schema's order, no white space. */
function excelRow(r: Row): string {
  const attributes =
    `r="${r.row}"${r.spans ? ` spans="1:6"` : ""}${r.style === null ? "" : ` s="${r.style}" customFormat="1"`}` +
    `${r.height === null ? "" : ` ht="${r.height}"`}${r.hidden === null ? "" : ` hidden="${r.hidden}"`}` +
    `${r.height === null ? "" : ` customHeight="1"`}${r.descent ? ` x14ac:dyDescent="0.25"` : ""}`;
  const cells = r.cells.map((c) => excelForm({ ...c, row: r.row })).join("");
  return cells === "" ? `<row ${attributes}/>` : `<row ${attributes}>${cells}</row>`;
}

/** The same row as the shortcut does not take it: r last, a line break before the >. */
function otherRow(r: Row): string {
  const attributes =
    `${r.hidden === null ? "" : `hidden="${r.hidden}" `}${r.height === null ? "" : `ht="${r.height}" `}` +
    `${r.style === null ? "" : `s="${r.style}" `}${r.descent ? `x14ac:dyDescent="0.25" ` : ""}r="${r.row}"`;
  return `<row ${attributes}\n>${r.cells.map((c) => otherForm({ ...c, row: r.row })).join("")}</row>`;
}

const row: fc.Arbitrary<Row> = fc.record({
  row: fc.integer({ min: 1, max: 1_048_576 }),
  spans: fc.boolean(),
  style: fc.option(fc.nat({ max: 400 })),
  height: fc.option(fc.constantFrom("15", "30.75", "0", "409.5")),
  hidden: fc.option(fc.constantFrom("0" as const, "1" as const, "true" as const, "false" as const)),
  descent: fc.boolean(),
  cells: fc.array(cell, { maxLength: 3 }),
});

describe("the worksheet reader's shortcut for common rows", () => {
  it("reads a row's number, style, height and hiding as Excel writes them", () => {
    const sheet = sheetOf2(
      `<row r="2" spans="1:6" s="3" customFormat="1" ht="30" hidden="1" customHeight="1" x14ac:dyDescent="0.25"><c r="A2"><v>1</v></c></row><row r="5" x14ac:dyDescent="0.25"/><row r="6"><c r="B6" s="1"/></row>`,
    );
    expect(sheet.rows).toEqual([{ row: 2, hidden: true, height: 30, style: 3 }]);
    expect(sheet.cells.map((c) => [c.row, c.column])).toEqual([
      [2, 1],
      [6, 2],
    ]);
  });

  it("reads rows and their cells exactly as the same rows read token by token", () => {
    fc.assert(
      fc.property(fc.uniqueArray(row, { minLength: 1, maxLength: 4, selector: (r) => r.row }), (rows) => {
        const sorted = [...rows].sort((a, b) => a.row - b.row);
        const common = sheetOf2(sorted.map(excelRow).join(""));
        const other = sheetOf2(sorted.map(otherRow).join(""));
        expect(common.cells).toHaveLength(sorted.reduce((n, r) => n + r.cells.length, 0));
        expect(common.rows).toEqual(other.rows);
        expect(common.cells).toEqual(other.cells);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a common row outside Excel's grid as damage", () => {
    expect(() => sheetOf2(`<row r="1048577" spans="1:1"><c r="A1"><v>1</v></c></row>`)).toThrow(
      "shortcut.xlsx is damaged: xl/worksheets/sheet1.xml has a row 1048577 outside the grid.",
    );
  });

  it("still refuses a common row whose end tag is missing or another element's", () => {
    expect(() => sheetOf2(`<row r="1" spans="1:1"><c r="A1"><v>1</v></c>`)).toThrow(
      /is not well-formed XML .*unexpected close tag sheetData \(open: row\)/,
    );
    expect(() => sheetOf2(`<row r="1"><c r="A1"><v>1</v></c></c></row>`)).toThrow(
      /is not well-formed XML .*unexpected close tag c \(open: row\)/,
    );
  });
});

function stringsOf(items: string): readonly string[] {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="${MAIN}">${items}</sst>`;
  return readSharedStrings(packageOf({ [STRINGS]: xml }), STRINGS).texts;
}

describe("the shared strings reader's shortcut for plain items", () => {
  it("reads plain items, kept spaces and OOXML's escapes", () => {
    expect(
      stringsOf(
        `<si><t>Red</t></si><si><t xml:space="preserve"> a b </t></si><si><t>x_x000D_y</t></si><si><t></t></si>`,
      ),
    ).toEqual(["Red", " a b ", "x\ry", ""]);
  });

  it("reads items exactly as the same items read token by token", () => {
    const text = fc.string({
      unit: fc.constantFrom(
        "a",
        " ",
        "é",
        ">",
        "_x000D_",
        "\n",
        "\u{1F600}",
        "&amp;",
        "&lt;",
        "&apos;",
        "&#10;",
      ),
    });
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), (texts) => {
        const common = stringsOf(texts.map((t) => `<si><t xml:space="preserve">${t}</t></si>`).join(""));
        expect(common).toHaveLength(texts.length);
        expect(common).toEqual(
          stringsOf(texts.map((t) => `<si>\n<t xml:space="preserve">${t}</t></si>`).join("")),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("reads the five predefined entities in a plain item, and character references and rich text token by token", () => {
    expect(
      stringsOf(
        `<si><t>A&amp;E &lt;&gt;&quot;&apos;</t></si><si><t>a&#10;b</t></si><si><r><t>Bold</t></r><r><t> plain</t></r></si>`,
      ),
    ).toEqual([`A&E <>"'`, "a\nb", "Bold plain"]);
  });

  it("refuses an undeclared entity in an item that is otherwise plain", () => {
    expect(() => stringsOf(`<si><t>A&nbsp;E</t></si>`)).toThrow(/undefined entity &nbsp;/);
  });
});
