/**
 * The writer's worksheet part (package-sheet.ts) on legal XML that regular expressions over markup
 * misread (issue 14, part 3): CDATA sections and comments holding what looks like tags, ">" inside
 * quoted attribute values, SpreadsheetML under a prefix beside unprefixed elements, self-closing
 * rows and cells, processing instructions. It finds elements by the tokenizer, so each edit lands
 * where it should, the rest of the part is kept byte for byte, and the output is well-formed.
 */
import fc from "fast-check";
import { parseRangeAddress } from "../../src/core/basics/cell-address";
import type { ListValidation } from "../../src/core/basics/write-plan";
import { SheetPart } from "../../src/xlsx/package-sheet";
import { movedComments, movedNoteShapes } from "../../src/xlsx/package-notes";
import { PackageUnsupported } from "../../src/xlsx/package-unsupported";
import { RowMove } from "../../src/xlsx/row-move";
import { xmlTokens } from "../../src/xlsx/xml-tokens";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const range = (address: string) => parseRangeAddress(address);

const sheetXml = (body: string, rootAttributes = ""): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"${rootAttributes}>${body}</worksheet>`;

const inline = (ref: string, text: string): string =>
  `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** The part's text once written, checked to be well-formed XML. */
function written(sheet: SheetPart): string {
  const xml = sheet.toXml();
  expect(() => xmlTokens(xml, "written")).not.toThrow();
  return xml;
}

const RULE: ListValidation = {
  source: "=StatusList",
  inCellDropdown: true,
  errorStyle: "stop",
  errorTitle: "Status",
  errorMessage: "Pick a status",
};

describe("SheetPart on XML that reads like markup where it is not", () => {
  it("keeps a CDATA section holding '</row><row>' inside its cell, and reads it as the cell's text", () => {
    const cdata = '<![CDATA[</c></row><row r="9"><c r="A9">]]>';
    const xml = sheetXml(
      `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${cdata}</t></is></c></row>` +
        `<row r="2">${inline("A2", "Patrols")}</row></sheetData>`,
    );
    const sheet = SheetPart.parse(xml);
    expect(sheet.cellValue(0, 0)).toEqual({
      type: "inlineStr",
      value: '</c></row><row r="9"><c r="A9">',
      formula: null,
    });
    expect(sheet.cellValue(8, 0)).toBeNull();
    sheet.setCell(0, 1, { kind: "number", value: 7 });
    const out = written(sheet);
    expect(out).toContain(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>${cdata}</t></is></c><c r="B1"><v>7</v></c></row>`,
    );
    expect(out).toContain(`<row r="2">${inline("A2", "Patrols")}</row>`);
  });

  it("moves a row whose text holds '</row>' in CDATA whole, and reads no row inside a comment or processing instruction", () => {
    const xml = sheetXml(
      `<sheetData><row r="1">${inline("A1", "Ref")}</row>` +
        `<!-- <row r="2"><c r="A2"><v>99</v></c></row> --><?keep <row r="3"/>?>` +
        `<row r="4"><c r="A4" t="inlineStr"><is><t><![CDATA[a </row> b]]></t></is></c><c r="B4"><v>4</v></c></row></sheetData>`,
    );
    const sheet = SheetPart.parse(xml);
    expect(sheet.cellValue(1, 0)).toBeNull();
    expect(sheet.cellValue(2, 0)).toBeNull();
    sheet.moveRows(range("A2:B4"), [3]);
    const out = written(sheet);
    expect(out).toContain('<!-- <row r="2"><c r="A2"><v>99</v></c></row> --><?keep <row r="3"/>?>');
    expect(out).toContain(
      '<c r="A2" t="inlineStr"><is><t><![CDATA[a </row> b]]></t></is></c><c r="B2"><v>4</v></c>',
    );
    expect(SheetPart.parse(out).cellValue(1, 0)?.value).toBe("a </row> b");
    expect(SheetPart.parse(out).cellValue(3, 1)).toBeNull();
  });

  it("moves a hyperlink whose display text holds '>' and keeps that text", () => {
    const xml = sheetXml(
      `<sheetData><row r="1">${inline("A1", "Ref")}</row><row r="3">${inline("A3", "Lights")}</row></sheetData>` +
        `<hyperlinks><hyperlink ref="A3" display="Q&amp;A > lights" location="'Plan'!A1"/><hyperlink ref="A1" location="Plan!A1"/></hyperlinks>`,
    );
    const sheet = SheetPart.parse(xml);
    sheet.moveRows(range("A2:B3"), [2]);
    const out = written(sheet);
    expect(out).toContain(
      `<hyperlinks><hyperlink ref="A2" display="Q&amp;A > lights" location="'Plan'!A1"/><hyperlink ref="A1" location="Plan!A1"/></hyperlinks>`,
    );
  });

  it("takes a range out of a validation whose message holds '>' and keeps its message and formulas", () => {
    const kept =
      `<dataValidation type="whole" operator="greaterThan" showErrorMessage="1" error="Must be > 0 and < 100" sqref="D2:D9">` +
      "<formula1>0</formula1></dataValidation>";
    const xml = sheetXml(
      `<sheetData/><dataValidations count="2">` +
        `<dataValidation type="list" error="a > b" sqref="B2:B9"><formula1>"Red,Amber"</formula1></dataValidation>${kept}</dataValidations>`,
    ).replace("< 100", "&lt; 100");
    const sheet = SheetPart.parse(xml);
    sheet.setValidation(range("B2:B5"), RULE);
    const out = written(sheet);
    expect(out).toContain(
      '<dataValidations count="3"><dataValidation type="list" error="a > b" sqref="B6:B9"><formula1>"Red,Amber"</formula1></dataValidation>' +
        kept.replace("< 100", "&lt; 100"),
    );
    expect(out).toContain('sqref="B2:B5"><formula1>StatusList</formula1></dataValidation></dataValidations>');
  });

  it("reads rows and cells written under a SpreadsheetML prefix beside unprefixed ones, and writes Excel's form", () => {
    const xml = sheetXml(
      `<sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row><row r="2"><c r="A2"><v>2</v></c></row></sheetData>`,
      ` xmlns:x="${MAIN_NS}"`,
    );
    const sheet = SheetPart.parse(xml);
    expect([sheet.cellValue(0, 0)?.value, sheet.cellValue(1, 0)?.value]).toEqual(["1", "2"]);
    sheet.setCell(0, 1, { kind: "number", value: 3 });
    expect(written(sheet)).toContain(
      '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>3</v></c></row><row r="2"><c r="A2"><v>2</v></c></row></sheetData>',
    );
  });

  it("refuses a cell that declares the SpreadsheetML prefix again, naming what it found", () => {
    const xml = sheetXml(
      `<sheetData><x:row r="1"><x:c r="A1" xmlns:x="urn:other"><x:v>1</x:v></x:c></x:row></sheetData>`,
      ` xmlns:x="${MAIN_NS}"`,
    );
    expect(() => SheetPart.parse(xml)).toThrow(
      new PackageUnsupported("Worksheet part: <x:c> declares the prefix x again below the root"),
    );
  });

  it("writes into self-closing rows and cells, keeping a row's attributes", () => {
    const xml = sheetXml(
      `<sheetData><row r="1" ht="30" customHeight="1"/><row r="2"><c r="A2" s="0"/><c r="B2"><v>5</v></c></row></sheetData>`,
    );
    const sheet = SheetPart.parse(xml);
    sheet.setCell(0, 0, { kind: "number", value: 1 });
    sheet.setCell(1, 0, { kind: "boolean", value: true });
    expect(written(sheet)).toContain(
      '<sheetData><row r="1" ht="30" customHeight="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2"><v>5</v></c></row></sheetData>',
    );
  });

  it("finds the footer past a comment that holds one, and the part's end past a comment holding </worksheet>", () => {
    const xml =
      sheetXml(
        `<sheetData/><headerFooter><!-- <oddFooter>old</oddFooter> --><oddHeader>&amp;COFFICIAL</oddHeader></headerFooter>`,
      ) + "\n<!-- </worksheet> -->";
    const sheet = SheetPart.parse(xml);
    sheet.setOddFooter("&COFFICIAL");
    const out = written(sheet);
    expect(out).toContain(
      "<headerFooter><!-- <oddFooter>old</oddFooter> --><oddHeader>&amp;COFFICIAL</oddHeader><oddFooter>&amp;COFFICIAL</oddFooter></headerFooter></worksheet>\n<!-- </worksheet> -->",
    );
  });

  it("makes a shared formula whose text holds '</f>' in CDATA each cell's own, moved with its row", () => {
    const xml = sheetXml(
      '<sheetData><row r="1"><c r="B1"><v>1</v></c></row>' +
        '<row r="2"><c r="A2"><f t="shared" ref="A2:A4" si="0"><![CDATA[IF(B1="</f>",1,2)]]></f><v>2</v></c></row>' +
        '<row r="4"><c r="A4"><f t="shared" si="0"/><v>2</v></c></row></sheetData>',
    );
    const sheet = SheetPart.parse(xml);
    sheet.moveRows(range("A3:A4"), [3]);
    const out = written(sheet);
    expect(out).toContain('<c r="A3"><f>IF(B3="&lt;/f&gt;",1,2)</f><v>2</v></c>');
    expect(out).toContain('<c r="A2"><f>IF(B1="&lt;/f&gt;",1,2)</f><v>2</v></c>');
  });

  it("selects the sheet's views, not a view named in an attribute or a comment", () => {
    const xml = sheetXml(
      `<sheetViews><!-- <sheetView workbookViewId="9"> --><sheetView workbookViewId="0" x14ac:label="<sheetView>" xmlns:x14ac="urn:x14ac"/></sheetViews><sheetData/>`.replace(
        '"<sheetView>"',
        '"&lt;sheetView>"',
      ),
    );
    const sheet = SheetPart.parse(xml);
    sheet.setTabSelected(true);
    expect(written(sheet)).toContain(
      '<sheetViews><!-- <sheetView workbookViewId="9"> --><sheetView workbookViewId="0" x14ac:label="&lt;sheetView>" xmlns:x14ac="urn:x14ac" tabSelected="1"/></sheetViews>',
    );
  });
});

describe("notes moved with their rows, in parts that read like markup where they are not", () => {
  // Block A2:C4: row 4 (0-based 3) moves up to row 2, rows 3 and 4 are cleared.
  const move = new RowMove(range("A2:C4"), [3]);

  it("moves a <comment ref> and keeps a note whose text quotes one, and a comment about one", () => {
    const xml =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN_NS}"><authors><author>A &gt; B</author></authors><commentList>` +
      `<!-- <comment ref="A4" authorId="0"> -->` +
      `<comment ref="A4" authorId="0"><text><t><![CDATA[see <comment ref="A4">]]></t></text></comment>` +
      `<comment ref="A1" authorId="0"><text><t>kept</t></text></comment></commentList></comments>`;
    expect(movedComments(xml, move)).toBe(
      xml.replace('<comment ref="A4" authorId="0"><text>', '<comment ref="A2" authorId="0"><text>'),
    );
  });

  it("moves a note's VML row and anchor, not a row quoted in a comment, and keeps every other byte", () => {
    const shape = (row: number, extra: string): string =>
      `<v:shape id="_x0000_s1025" type="#_x0000_t202" alt="a > b"><x:ClientData ObjectType="Note">${extra}<x:Anchor>\n 1, 15, ${row - 1}, 10, 3, 15, ${row + 3}, 4</x:Anchor>` +
      `<x:Row>${row}</x:Row><x:Column>0</x:Column></x:ClientData></v:shape>`;
    const vml = (row: number): string =>
      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
      `${shape(row, "<!-- <x:Row>3</x:Row> -->")}</xml>`;
    expect(movedNoteShapes(vml(3), move)).toBe(vml(1).replace("\n 1, 15, 0, 10", "1, 15, 0, 10"));
  });
});

describe("SheetPart over generated worksheets with markup-like noise", () => {
  const noise = fc.constantFrom(
    "",
    "\n  ",
    '<!-- <row r="1"><c r="A1"/></row> -->',
    '<?pi <c r="Z9"/> ?>',
    "<!-- </sheetData></worksheet> -->",
  );
  const text = fc.oneof(
    fc
      .string({ maxLength: 12 })
      // ">" escaped too: text may not hold "]]>" (XML 1.0 section 2.4), which a generated string can.
      .map((s) => ({ value: s, xml: s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;") })),
    fc.constantFrom("</c></row>", '<row r="3">', "a > b").map((s) => ({ value: s, xml: `<![CDATA[${s}]]>` })),
  );
  const sheetSpec = fc.array(fc.tuple(fc.array(fc.option(text, { nil: null }), { maxLength: 4 }), noise), {
    minLength: 1,
    maxLength: 6,
  });

  it("writes one cell and every other cell reads back as it was, in well-formed XML", () => {
    fc.assert(
      fc.property(sheetSpec, fc.nat(7), fc.nat(4), (rows, writeRow, writeColumn) => {
        const values = new Map<string, string>();
        const body = rows
          .map(([cells, lead], r) => {
            const xml = cells
              .map((cell, c) => {
                if (cell === null) return "";
                values.set(`${r},${c}`, cell.value);
                return `<c r="${String.fromCharCode(65 + c)}${r + 1}" t="inlineStr"><is><t xml:space="preserve">${cell.xml}</t></is></c>`;
              })
              .join("");
            return `${lead}<row r="${r + 1}">${xml}</row>`;
          })
          .join("");
        const sheet = SheetPart.parse(sheetXml(`<sheetData>${body}</sheetData>`));
        sheet.setCell(writeRow, writeColumn, { kind: "number", value: 42 });
        const reread = SheetPart.parse(written(sheet));
        expect(reread.cellValue(writeRow, writeColumn)).toEqual({ type: "n", value: "42", formula: null });
        for (const [key, value] of values) {
          const [r, c] = key.split(",").map(Number) as [number, number];
          if (r === writeRow && c === writeColumn) continue;
          expect(reread.cellValue(r, c)?.value).toBe(value);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a worksheet whose root element is empty", () => {
    expect(() => SheetPart.parse(`<worksheet xmlns="${MAIN_NS}"/>`)).toThrow(
      new PackageUnsupported("Worksheet part: the root element is empty"),
    );
  });
});

describe("SheetPart reads Excel's common cells whole as it reads any other cell", () => {
  const rows =
    `<sheetData><row r="1"><c r="A1" s="3" t="s"><v>0</v></c><c r="B1" s="4"/>` +
    `<c r="C1" t="inlineStr"><is><t>Patrols</t></is></c><c r="D1"><v>12</v></c></row></sheetData>`;

  it("gives a common cell its style and value and keeps its text as written", () => {
    const xml = sheetXml(rows);
    const sheet = SheetPart.parse(xml);
    expect(sheet.styleAt(0, 0)).toBe(3);
    expect(sheet.styleAt(0, 1)).toBe(4);
    expect(sheet.cellValue(0, 3)).toEqual({ type: "n", value: "12", formula: null });
    expect(written(sheet)).toBe(xml);
  });

  it("restyles a common cell beside one read token by token, keeping their order", () => {
    const sheet = SheetPart.parse(sheetXml(rows));
    sheet.restyleRange(range("A1:D1"), () => 9);
    expect(written(sheet)).toContain(
      `<row r="1"><c r="A1" s="9" t="s"><v>0</v></c><c r="B1" s="9"/>` +
        `<c r="C1" t="inlineStr" s="9"><is><t>Patrols</t></is></c><c r="D1" s="9"><v>12</v></c></row>`,
    );
  });

  it("refuses a common cell whose reference names another row", () => {
    const xml = sheetXml(`<sheetData><row r="2"><c r="A3" s="1"/></row></sheetData>`);
    expect(() => SheetPart.parse(xml)).toThrow(
      new PackageUnsupported('Worksheet row 2: unexpected cell reference "A3"'),
    );
  });

  it("refuses common cells out of column order", () => {
    const xml = sheetXml(`<sheetData><row r="1"><c r="B1"/><c r="A1"><v>1</v></c></row></sheetData>`);
    expect(() => SheetPart.parse(xml)).toThrow(
      new PackageUnsupported("Worksheet row 1: cells out of column order"),
    );
  });

  it("refuses a common cell between rows, as its tokens would be", () => {
    const xml = sheetXml(`<sheetData><c r="A1"/></sheetData>`);
    expect(() => SheetPart.parse(xml)).toThrow(
      new PackageUnsupported("Worksheet sheetData: unexpected content <c>"),
    );
  });
});

describe("SheetPart reads a sheet whose rows are all Excel's common rows whole, each row when first used", () => {
  const rowsOf = (count: number): string =>
    Array.from(
      { length: count },
      (_, i) =>
        `<row r="${i + 1}" spans="1:3" x14ac:dyDescent="0.25"><c r="A${i + 1}" s="1" t="s"><v>${i}</v></c>` +
        `<c r="B${i + 1}"><v>${i * 10}</v></c><c r="C${i + 1}" s="2"/></row>`,
    ).join("");
  const common = (count: number): string =>
    sheetXml(`<dimension ref="A1:C${count}"/><sheetData>${rowsOf(count)}</sheetData>`);

  it("gives the part back byte for byte, and reads each cell as the token-by-token read does", () => {
    const xml = common(4);
    const sheet = SheetPart.parse(xml);
    expect(sheet.toXml()).toBe(xml);
    expect(sheet.cellValue(2, 1)).toEqual({ type: "n", value: "20", formula: null });
    expect(sheet.styleAt(3, 2)).toBe(2);
    expect(sheet.styleAt(3, 3)).toBe(0);
  });

  it("edits a row first read after other rows moved, and a moved row, naming each cell by its new row", () => {
    const sheet = SheetPart.parse(common(5));
    sheet.moveRows(range("A2:C5"), [3, 4]);
    sheet.setCells(0, 1, [{ kind: "number", value: 7 }], [undefined]);
    sheet.setCells(2, 2, [{ kind: "sharedString", index: 9 }], [undefined]);
    const xml = written(sheet);
    expect(xml).toContain(
      `<sheetData><row r="1" x14ac:dyDescent="0.25"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1"><v>7</v></c>` +
        `<c r="C1" s="2"/></row><row r="2" x14ac:dyDescent="0.25"><c r="A2" s="1" t="s"><v>3</v></c>` +
        `<c r="B2"><v>30</v></c><c r="C2" s="2"/></row><row r="3" x14ac:dyDescent="0.25">` +
        `<c r="A3" s="1" t="s"><v>4</v></c><c r="B3"><v>40</v></c><c r="C3" s="2" t="s"><v>9</v></c></row></sheetData>`,
    );
  });

  it("reads a row whose attribute value holds '>' up to its start tag's own end", () => {
    const xml = sheetXml(`<sheetData><row r="1" note="a>b"><c r="A1"><v>1</v></c></row></sheetData>`);
    const sheet = SheetPart.parse(xml);
    sheet.setCells(0, 1, [{ kind: "number", value: 2 }], [undefined]);
    expect(written(sheet)).toContain(
      `<row r="1" note="a>b"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>`,
    );
  });

  it("takes the worksheet's own <sheetData>, not one in a comment before it", () => {
    const xml = sheetXml(
      `<!-- <sheetData><row r="1"><c r="A1"><v>9</v></c></row></sheetData> -->` +
        `<sheetData><row r="2"><c r="B2"><v>5</v></c></row></sheetData>`,
    );
    const sheet = SheetPart.parse(xml);
    expect(sheet.cellValue(0, 0)).toBeNull();
    expect(sheet.cellValue(1, 1)).toEqual({ type: "n", value: "5", formula: null });
    expect(sheet.toXml()).toBe(xml);
    sheet.setCells(1, 2, [{ kind: "number", value: 6 }], [undefined]);
    expect(written(sheet)).toContain(
      `<!-- <sheetData><row r="1"><c r="A1"><v>9</v></c></row></sheetData> --><dimension ref="B2:C2"/>` +
        `<sheetData><row r="2"><c r="B2"><v>5</v></c><c r="C2"><v>6</v></c></row></sheetData>`,
    );
  });

  it("reads a part with a second <sheetData> as the token-by-token read does", () => {
    const outputs = ["", "\n"].map((between) => {
      const sheet = SheetPart.parse(
        sheetXml(
          `<sheetData>${between}<row r="1"><c r="A1"><v>9</v></c></row></sheetData>` +
            `<sheetData>${between}</sheetData>`,
        ),
      );
      sheet.setCells(0, 1, [{ kind: "number", value: 6 }], [undefined]);
      return written(sheet).replaceAll("\n", "");
    });
    expect(outputs[0]).toBe(outputs[1]);
  });

  it("refuses what the token-by-token read refuses: rows out of order, an attribute twice, a control character", () => {
    expect(() =>
      SheetPart.parse(sheetXml(`<sheetData><row r="2"/><row r="1"><c r="A1"/></row></sheetData>`)),
    ).toThrow(new PackageUnsupported("Worksheet sheetData: row 1 out of order"));
    expect(() =>
      SheetPart.parse(
        sheetXml(`<sheetData><row r="1" spans="1:1" spans="1:2"><c r="A1"/></row></sheetData>`),
      ),
    ).toThrow(/duplicate attribute: spans/);
    expect(() =>
      SheetPart.parse(
        sheetXml(`<sheetData><row r="1"><c r="A1" t="str"><v>a\u0001b</v></c></row></sheetData>`),
      ),
    ).toThrow(/disallowed character/);
    expect(() =>
      SheetPart.parse(sheetXml(`<sheetData><row r="1" xmlns="urn:other"><c r="A1"/></row></sheetData>`)),
    ).toThrow(/declares the default namespace again/);
  });
});

interface GeneratedRow {
  readonly cells: ReadonlyArray<{
    readonly style: number | undefined;
    readonly value: number | undefined;
  } | null>;
  readonly spans: boolean;
  readonly height: boolean;
}

/** The generated sheets' columns, A to F. */
const letters = "ABCDEF";
const cellArb = fc.record({
  style: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
  value: fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
});
const rowArb = fc.record({
  cells: fc.array(fc.option(cellArb, { nil: null }), { minLength: 6, maxLength: 6 }),
  spans: fc.boolean(),
  height: fc.boolean(),
});
/** `rows` rows (some missing) of six cells (some missing) each. */
const sheetArbOf = (rows: number) =>
  fc.array(fc.option(rowArb, { nil: null }), { minLength: rows, maxLength: rows });

/**
 * The generated rows as XML joined by `between` (a missing row left out): each row's attributes are
 * `attributesOf` it, and a cell with a value has `type` (' t="s"', or "" for a number) before it.
 */
function rowsXml(
  rows: ReadonlyArray<GeneratedRow | null>,
  between: string,
  attributesOf: (row: GeneratedRow) => string,
  type: string,
): string {
  return rows
    .map((row, r) => {
      if (row === null) return null;
      const attrs = attributesOf(row);
      const cells = row.cells
        .map((cell, c) => {
          if (cell === null) return "";
          const s = cell.style === undefined ? "" : ` s="${cell.style}"`;
          const ref = `${letters[c]}${r + 1}`;
          return cell.value === undefined
            ? `<c r="${ref}"${s}/>`
            : `<c r="${ref}"${s}${type}><v>${cell.value}</v></c>`;
        })
        .join("");
      return cells === "" ? `<row r="${r + 1}"${attrs}/>` : `<row r="${r + 1}"${attrs}>${cells}</row>`;
    })
    .filter((row) => row !== null)
    .join(between);
}

describe("SheetPart moves common rows as text exactly as it moves rows it has read", () => {
  const sheetArb = sheetArbOf(10);

  /** The sheet's rows joined by `between`: "" keeps them common rows, "\n" makes them read token by token. */
  function sheetOf(rows: ReadonlyArray<GeneratedRow | null>, between: string): string {
    const body = rowsXml(
      rows,
      between,
      (row) =>
        `${row.spans ? ` spans="1:6"` : ""}${row.height ? ` ht="20" customHeight="1"` : ""}` +
        ` x14ac:dyDescent="0.25"`,
      "",
    );
    return sheetXml(`<dimension ref="A1:F10"/><sheetData>${between}${body}${between}</sheetData>`);
  }

  it("gives the same part whether the rows were read whole or token by token", () => {
    fc.assert(
      fc.property(
        sheetArb,
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 9 }),
        fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
        fc.integer({ min: 0, max: 9 }),
        (rows, a, b, top, picks, edited) => {
          const [left, right] = a <= b ? [a, b] : [b, a];
          const moving = picks.map((pick, r) => (pick && r >= top ? r : -1)).filter((r) => r >= 0);
          const block = { top, bottom: 9, left, right };
          const outputs = ["", "\n"].map((between) => {
            const sheet = SheetPart.parse(sheetOf(rows, between));
            sheet.moveRows(block, moving);
            sheet.setCells(edited, left, [{ kind: "number", value: 1234 }], [undefined]);
            return written(sheet).replaceAll("\n", "");
          });
          expect(outputs[0]).toBe(outputs[1]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("SheetPart writes and restyles one cell of a common row in its text exactly as in a row it has read", () => {
  const sheetArb = sheetArbOf(6);

  function sheetOf(rows: ReadonlyArray<GeneratedRow | null>, between: string): string {
    const body = rowsXml(
      rows,
      between,
      (row) => `${row.spans ? ` spans="1:6"` : ""}${row.height ? ` s="4" customFormat="1"` : ""}`,
      ' t="s"',
    );
    return sheetXml(
      `<dimension ref="A1:F6"/><cols><col min="2" max="3" width="9" style="6"/></cols><sheetData>${between}${body}${between}</sheetData>`,
    );
  }

  const contentArb = fc.oneof(
    fc.constant(null),
    fc.integer({ min: 0, max: 50 }).map((index) => ({ kind: "sharedString" as const, index })),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((value) => ({ kind: "number" as const, value })),
    fc.boolean().map((value) => ({ kind: "boolean" as const, value })),
    fc.constant({ kind: "formula" as const, formula: "A1+1", cached: 2 }),
  );
  // Ops on a few cells, so that one cell is often written, restyled and read in turn.
  const opArb = fc.oneof(
    fc.record({
      kind: fc.constant("write" as const),
      row: fc.integer({ min: 0, max: 2 }),
      column: fc.integer({ min: 0, max: 2 }),
      content: contentArb,
      style: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    }),
    fc.record({
      kind: fc.constant("restyle" as const),
      row: fc.integer({ min: 0, max: 2 }),
      column: fc.integer({ min: 0, max: 2 }),
      // What a restyle makes of each style: the same, another, or none (0).
      shift: fc.constantFrom(0, 1, 7, -100),
    }),
    fc.record({
      kind: fc.constant("move" as const),
      top: fc.integer({ min: 0, max: 5 }),
      from: fc.integer({ min: 0, max: 5 }),
    }),
    fc.record({ kind: fc.constant("read" as const), row: fc.integer({ min: 0, max: 2 }) }),
  );

  it("gives the same part after any sequence of one-cell writes, restyles, moves and reads", () => {
    fc.assert(
      fc.property(sheetArb, fc.array(opArb, { minLength: 1, maxLength: 8 }), (rows, ops) => {
        const outputs = ["", "\n"].map((between) => {
          const sheet = SheetPart.parse(sheetOf(rows, between));
          const values: unknown[] = [];
          for (const op of ops) {
            if (op.kind === "write") sheet.setCells(op.row, op.column, [op.content], [op.style]);
            else if (op.kind === "restyle")
              sheet.restyleRange(range(`${letters[op.column]}${op.row + 1}`), (s) =>
                Math.max(0, op.shift === 0 ? s : s + op.shift),
              );
            else if (op.kind === "move") {
              // Rows move up or stay: one row moves up to the block's top, the rest is cleared.
              sheet.moveRows({ top: op.top, bottom: 5, left: 0, right: 5 }, [Math.max(op.top, op.from)]);
            } else values.push(sheet.cellValue(op.row, 2), sheet.styleAt(op.row, 1));
          }
          // Rows all gone: "\n\n" is left between the tags where "" gives <sheetData/>.
          const xml = written(sheet).replaceAll("\n", "").replace("<sheetData></sheetData>", "<sheetData/>");
          return { xml, values };
        });
        expect(outputs[0]).toEqual(outputs[1]);
      }),
      { numRuns: 400 },
    );
  });

  it("restyles a cell written into a row's text with no style as it restyles any cell it wrote", () => {
    const outputs = ["", "\n"].map((between) => {
      const sheet = SheetPart.parse(
        sheetXml(
          `<sheetData>${between}<row r="1"><c r="A1" s="1" t="s"><v>0</v></c></row>${between}</sheetData>`,
        ),
      );
      sheet.setCells(0, 1, [{ kind: "sharedString", index: 4 }], [0]);
      sheet.setCells(0, 2, [{ kind: "boolean", value: true }], [undefined]);
      sheet.restyleRange(range("B1:C1"), (s) => s + 2);
      return written(sheet).replaceAll("\n", "");
    });
    expect(outputs[0]).toBe(outputs[1]);
    expect(outputs[0]).toContain(
      `<row r="1"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="2" t="s"><v>4</v></c><c r="C1" s="2" t="b"><v>1</v></c></row>`,
    );
  });

  it("keeps a row read whole when one of its cells is written or restyled in place", () => {
    const xml = sheetXml(
      `<sheetData><row r="1" spans="1:3"><c r="A1" s="1" t="s"><v>0</v></c><c r="C1" s="2"><v>5</v></c></row></sheetData>`,
    );
    const sheet = SheetPart.parse(xml);
    sheet.setCells(0, 1, [{ kind: "sharedString", index: 4 }], [undefined]);
    sheet.restyleRange(range("C1"), () => 0);
    sheet.restyleRange(range("A1"), () => 3);
    expect(written(sheet)).toContain(
      `<sheetData><row r="1"><c r="A1" s="3" t="s"><v>0</v></c><c r="B1" t="s"><v>4</v></c><c r="C1"><v>5</v></c></row></sheetData>`,
    );
    expect(sheet.cellValue(0, 1)).toEqual({ type: "s", value: "4", formula: null });
  });
});
