/**
 * The readers' shortcuts (xml-tokens.ts XmlShortcut): a worksheet's cells and the shared strings'
 * items in the form Excel writes most of them are matched whole, and must read exactly as the same
 * element read token by token (written in a form the shortcut does not take).
 */
import fc from "fast-check";
import { strToU8, zipSync } from "fflate";
import { ZipPackage } from "../../src/xlsx/package-zip";
import { readSharedStrings } from "../../src/xlsx/part-shared-strings";
import { readWorksheetPart } from "../../src/xlsx/part-worksheet";

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
  return readWorksheetPart(packageOf({ [SHEET]: sheetOf(rows) }), SHEET).cells;
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
