/**
 * The writer's workbook-level parts (styles.xml in package-styles.ts, workbook.xml and the shared
 * strings in package-workbook.ts) on legal XML that regular expressions over markup misread (issue
 * 14, part 3): comments, CDATA sections and processing instructions holding what looks like tags,
 * ">" inside quoted attribute values, SpreadsheetML under a prefix, self-closing lists. Each edit
 * lands where it should, the rest of the part is kept byte for byte, and the package validates.
 */
import fc from "fast-check";
import { parseRangeAddress } from "../../src/core/basics/cell-address";
import type { WritePlan } from "../../src/core/basics/write-plan";
import { applyWritePlanToBytes } from "../../src/xlsx/package-writer";
import { XlsxPackage } from "../../src/xlsx/package-workbook";
import { workbookPrintingSheet, workbookXmlPrinting } from "../../src/xlsx/print-copy";
import { streamCodec } from "../../src/xlsx/zip-parts";
import { StylesPart } from "../../src/xlsx/package-styles";
import { PackageUnsupported } from "../../src/xlsx/package-unsupported";
import { xmlTokens } from "../../src/xlsx/xml-tokens";
import { packageProblems } from "../support/ooxml-validate";
import { MAIN_NS, REL_NS, rawWorkbook, relsXml, rowXml } from "../support/raw-workbook";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const range = (address: string) => parseRangeAddress(address);

/** The part's text, checked to be well-formed XML. */
function wellFormed(xml: string): string {
  expect(() => xmlTokens(xml, "written")).not.toThrow();
  return xml;
}

const partOf = (bytes: Uint8Array, path: string): string => strFromU8(unzipSync(bytes)[path]!);

/** A stylesheet whose comments, processing instruction and attribute values read like markup. */
const HOSTILE_STYLES =
  `${DECLARATION}<!-- <styleSheet><cellXfs><xf numFmtId="99"/></cellXfs></styleSheet> -->` +
  `<styleSheet xmlns="${MAIN_NS}">` +
  `<numFmts count="1"><numFmt numFmtId="170" formatCode='[>=100]"&lt;big>"0;0'/></numFmts>` +
  `<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font><!-- <font><b/></font> --></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="2"><!-- <xf numFmtId="1" fontId="0"/> --><?keep <xf numFmtId="2"/>?>` +
  `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  `<xf numFmtId="170" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1">` +
  `<alignment horizontal="left"/><!-- <protection locked="1"/> --></xf></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal > all" xfId="0" builtinId="0"/></cellStyles>` +
  `<dxfs count="0"/></styleSheet>`;

describe("StylesPart on XML that reads like markup where it is not", () => {
  it("counts no entry inside a comment or processing instruction and reads a format code holding '>'", () => {
    const styles = StylesPart.parse(HOSTILE_STYLES);
    expect(styles.cellXfCount).toBe(2);
    expect(styles.numberFormatOf(1)).toBe('[>=100]"<big>"0;0');
    expect(styles.numberFormatOf(0)).toBe("General");
    expect(styles.toXml()).toBe(HOSTILE_STYLES);
  });

  it("adds formats, fonts and protection where they belong, keeping the comments byte for byte", () => {
    const styles = StylesPart.parse(HOSTILE_STYLES);
    expect(styles.withNumberFormat(0, "0.000")).toBe(2);
    expect(styles.withStyle(0, { bold: true })).toBe(3);
    expect(styles.unlocked(1)).toBe(4);
    const xml = wellFormed(styles.toXml());
    expect(xml).toContain('<!-- <styleSheet><cellXfs><xf numFmtId="99"/></cellXfs></styleSheet> -->');
    expect(xml).toContain(
      `<numFmts count="2"><numFmt numFmtId="170" formatCode='[>=100]"&lt;big>"0;0'/><numFmt numFmtId="171" formatCode="0.000"/></numFmts>`,
    );
    expect(xml).toContain(
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><!-- <font><b/></font> -->' +
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>',
    );
    expect(xml).toContain(
      '<cellXfs count="5"><!-- <xf numFmtId="1" fontId="0"/> --><?keep <xf numFmtId="2"/>?>',
    );
    expect(xml).toContain(
      '<xf numFmtId="170" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyProtection="1">' +
        '<alignment horizontal="left"/><!-- <protection locked="1"/> --><protection locked="0"/></xf></cellXfs>',
    );
    expect(StylesPart.parse(xml).cellXfCount).toBe(5);
  });

  it("replaces an xf's own protection and leaves one written in a comment", () => {
    const xf =
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><!-- <protection hidden="1"/> -->' +
      '<protection locked="1" hidden="1"></protection><extLst><ext uri="{x}"/></extLst></xf>';
    const styles = StylesPart.parse(
      HOSTILE_STYLES.replace(/<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"\/>/, xf),
    );
    const unlocked = styles.unlocked(0);
    expect(wellFormed(styles.toXml())).toContain(
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyProtection="1"><!-- <protection hidden="1"/> -->' +
        '<protection locked="0"/><extLst><ext uri="{x}"/></extLst></xf></cellXfs>',
    );
    expect(unlocked).toBe(2);
  });

  it("reads no xf inside a CDATA section and keeps it as it was", () => {
    const cdata = '<![CDATA[<xf numFmtId="5"/></cellXfs>]]>';
    const xml = HOSTILE_STYLES.replace("</xf></cellXfs>", `</xf>${cdata}</cellXfs>`);
    const styles = StylesPart.parse(xml);
    expect(styles.cellXfCount).toBe(2);
    styles.withNumberFormat(1, "0.0");
    expect(wellFormed(styles.toXml())).toContain(`${cdata}<xf numFmtId="171"`);
  });

  it("finds an alignment written with '>' in its attribute values and changes only its start tag", () => {
    const xml = HOSTILE_STYLES.replace(
      '<alignment horizontal="left"/>',
      '<alignment horizontal="left" x14ac:note="a > b" xmlns:x14ac="urn:x"></alignment>',
    );
    const styles = StylesPart.parse(xml);
    styles.withStyle(1, { wrap: true });
    expect(styles.toXml()).toContain(
      '<alignment horizontal="left" x14ac:note="a > b" xmlns:x14ac="urn:x" wrapText="1"></alignment>',
    );
  });

  it("opens self-closing lists to add to them", () => {
    const xml = HOSTILE_STYLES.replace(
      `<numFmts count="1"><numFmt numFmtId="170" formatCode='[>=100]"&lt;big>"0;0'/></numFmts>`,
      '<numFmts count="0" />',
    );
    const styles = StylesPart.parse(xml);
    expect(styles.withNumberFormat(0, "0.000")).toBe(2);
    expect(wellFormed(styles.toXml())).toContain(
      '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.000"/></numFmts>',
    );
  });

  it("refuses a prefixed element outside extension lists even after a comment holding an unprefixed one", () => {
    const xml = HOSTILE_STYLES.replace(
      '<dxfs count="0"/>',
      '<!-- <dxfs/> --><o:dxfs xmlns:o="urn:other" count="0"/>',
    );
    expect(() => StylesPart.parse(xml)).toThrow(
      new PackageUnsupported("styles.xml: prefixed element <o:dxfs>"),
    );
  });
});

const PLAN_SHEET = `<sheetData>${rowXml(1, ["Ref", "Due"])}${rowXml(2, ["A1", 45000])}</sheetData>`;

describe("a package with hostile workbook-level parts, written by the package writer", () => {
  it("validates after number formats, styles and protection are added to its styles", async () => {
    const bytes = rawWorkbook({
      sheets: [{ name: "Plan", body: PLAN_SHEET }],
      parts: { "xl/styles.xml": HOSTILE_STYLES },
    });
    const plan: WritePlan = {
      title: "Format the plan",
      ops: [
        {
          kind: "writeCells",
          sheet: "Plan",
          row: 2,
          column: 0,
          cells: [
            [
              { kind: "text", text: "A2" },
              { kind: "number", value: 3.5, numberFormat: "0.000" },
            ],
          ],
        },
        { kind: "styleRange", sheet: "Plan", range: range("A1:B1"), style: { bold: true, fill: "#C6EFCE" } },
        { kind: "protectSheet", sheet: "Plan", unlocked: [range("B2:B3")] },
      ],
    };
    const written = await applyWritePlanToBytes(bytes, plan);
    const styles = wellFormed(partOf(written.bytes, "xl/styles.xml"));
    expect(styles.startsWith(HOSTILE_STYLES.slice(0, HOSTILE_STYLES.indexOf("<numFmts")))).toBe(true);
    expect(styles).toContain('<!-- <xf numFmtId="1" fontId="0"/> --><?keep <xf numFmtId="2"/>?>');
    expect(await packageProblems([{ label: "hostile styles", bytes: written.bytes }])).toEqual([]);
  });
});

const STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";

/** A workbook.xml whose comments, processing instruction and attribute values read like markup. */
const hostileWorkbook = (definedNames: string): string =>
  `${DECLARATION}<!-- <workbook><sheets><sheet name="Ghost" sheetId="9" r:id="rId9"/></sheets></workbook> -->` +
  `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
  `<bookViews><!-- <workbookView activeTab="7"/> --><workbookView activeTab="1"/></bookViews>` +
  `<sheets><sheet name="Plan" sheetId="1" r:id="rId1"/><!-- <sheet name="Ghost" sheetId="9" r:id="rId9"/> -->` +
  `<?keep <sheet name="PI" sheetId="8"/>?><sheet name="Notes > old" sheetId="2" r:id="rId2"/></sheets>` +
  `${definedNames}<calcPr calcId="191029"/></workbook>`;

const KEPT_NAMES =
  `<definedNames><!-- <definedName name="StatusList">Ghost!$A$1</definedName> -->` +
  `<definedName name="Kept" comment="a > b" localSheetId="1">'Notes > old'!$A$1</definedName></definedNames>`;

/** Workbook relationships with one in a comment first: a styles part that is not there. */
const HOSTILE_WORKBOOK_RELS = relsXml([
  { id: "rId1", type: "worksheet", target: "worksheets/sheet1.xml" },
  { id: "rId2", type: "worksheet", target: "worksheets/sheet2.xml" },
  { id: "rId3", type: "styles", target: "styles.xml" },
  { id: "rId4", type: "sharedStrings", target: "sharedStrings.xml" },
]).replace(
  "<Relationship ",
  `<!-- <Relationship Id="rId99" Type="${STYLES}" Target="ghost.xml"/> --><Relationship `,
);

/** Shared strings with a comment, CDATA, phonetic runs and an escape, and a comment before </sst>. */
const HOSTILE_STRINGS =
  `${DECLARATION}<sst xmlns="${MAIN_NS}" count="4" uniqueCount="4">` +
  `<!-- <si><t>Ghost</t></si> --><si><t>Ref</t></si>` +
  `<si><r><t>Due </t></r><r><t><![CDATA[<date>]]></t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>` +
  `<si><t xml:space="preserve">a_x000D_b &amp; c</t></si><si/><!-- </sst> --></sst>`;

function hostilePackage(definedNames = KEPT_NAMES): Uint8Array {
  return rawWorkbook({
    sheets: [
      { name: "Plan", body: PLAN_SHEET },
      { name: "Notes > old", body: "<sheetData/>" },
    ],
    strings: ["Ref"],
    parts: {
      "xl/workbook.xml": hostileWorkbook(definedNames),
      "xl/_rels/workbook.xml.rels": HOSTILE_WORKBOOK_RELS,
      "xl/sharedStrings.xml": HOSTILE_STRINGS,
    },
  });
}

/** The package's [Content_Types].xml with a comment holding "</Types>" before its own end tag. */
function withHostileContentTypes(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const types = strFromU8(files["[Content_Types].xml"]!).replace("</Types>", "<!-- </Types> --></Types>");
  return zipSync({ ...files, "[Content_Types].xml": strToU8(types) });
}

describe("XlsxPackage on workbook-level parts that read like markup where they are not", () => {
  it("lists the sheets, names and styles part outside comments and processing instructions", async () => {
    const pkg = await XlsxPackage.open(hostilePackage(), streamCodec);
    expect((await pkg.sheets()).map((s) => s.name)).toEqual(["Plan", "Notes > old"]);
    expect(pkg.stylesPath).toBe("xl/styles.xml");
    expect(pkg.activeTab()).toBe(1);
    expect(pkg.hasDefinedName("kept")).toBe(true);
    expect(pkg.hasDefinedName("StatusList")).toBe(false);
  });

  it("reads shared strings by their <si> elements: no comment counted, phonetic runs left out, CDATA and escapes read", async () => {
    const pkg = await XlsxPackage.open(hostilePackage(), streamCodec);
    expect([0, 1, 2, 3].map((i) => pkg.sharedString(i))).toEqual(["Ref", "Due <date>", "a\rb & c", ""]);
    expect(pkg.addSharedString("New")).toBe(4);
    const sst = wellFormed(partOf(await pkg.bytes(), "xl/sharedStrings.xml"));
    expect(sst).toContain('<sst xmlns="' + MAIN_NS + '" count="5" uniqueCount="5">');
    expect(sst.endsWith("<si/><!-- </sst> --><si><t>New</t></si></sst>")).toBe(true);
  });

  it("counts a plain item nested in another item as part of that item, as its tokens read", async () => {
    const strings =
      `${DECLARATION}<sst xmlns="${MAIN_NS}" count="2" uniqueCount="2"><si><t>One</t></si>` +
      `<si><r><t>Two</t></r><si><t>Inner</t></si></si></sst>`;
    const bytes = rawWorkbook({
      sheets: [{ name: "Plan", body: PLAN_SHEET }],
      strings: ["Ref"],
      parts: { "xl/sharedStrings.xml": strings },
    });
    const pkg = await XlsxPackage.open(bytes, streamCodec);
    expect([pkg.sharedString(0), pkg.sharedString(1)]).toEqual(["One", "TwoInner"]);
    expect(pkg.addSharedString("New")).toBe(2);
  });

  it("keeps white space at either end or a line break of a new shared string, and only then", async () => {
    const bytes = rawWorkbook({ sheets: [{ name: "Plan", body: PLAN_SHEET }], strings: ["Ref"] });
    const pkg = await XlsxPackage.open(bytes, streamCodec);
    for (const text of [" lead", "trail ", "a\nb", "\tx", "mid dle", "x"]) pkg.addSharedString(text);
    const sst = wellFormed(partOf(await pkg.bytes(), "xl/sharedStrings.xml"));
    expect(sst).toContain(
      '<si><t xml:space="preserve"> lead</t></si><si><t xml:space="preserve">trail </t></si>' +
        '<si><t xml:space="preserve">a\nb</t></si><si><t xml:space="preserve">\tx</t></si>' +
        "<si><t>mid dle</t></si><si><t>x</t></si>",
    );
  });

  it("opens a self-closing <sst/> to add the first shared string", async () => {
    const bytes = rawWorkbook({
      sheets: [{ name: "Plan", body: PLAN_SHEET }],
      strings: ["Ref"],
      parts: { "xl/sharedStrings.xml": `${DECLARATION}<sst xmlns="${MAIN_NS}" count="0" uniqueCount="0" />` },
    });
    const pkg = await XlsxPackage.open(bytes, streamCodec);
    expect(pkg.sharedString(0)).toBe("");
    expect(pkg.addSharedString("First")).toBe(0);
    expect(wellFormed(partOf(await pkg.bytes(), "xl/sharedStrings.xml"))).toBe(
      `${DECLARATION}<sst xmlns="${MAIN_NS}" count="1" uniqueCount="1"><si><t>First</t></si></sst>`,
    );
  });

  it("adds a sheet after its neighbour's element, shifting scoped names and the active tab but not comments", async () => {
    const pkg = await XlsxPackage.open(withHostileContentTypes(hostilePackage()), streamCodec);
    await pkg.addSheet(
      "Lists",
      "Plan",
      `${DECLARATION}<worksheet xmlns="${MAIN_NS}"><sheetData/></worksheet>`,
    );
    pkg.defineName("StatusList", "Lists!$A$1:$A$3", null);
    const bytes = await pkg.bytes();
    const workbook = wellFormed(partOf(bytes, "xl/workbook.xml"));
    expect(workbook).toContain(
      '<sheets><sheet name="Plan" sheetId="1" r:id="rId1"/><sheet name="Lists" sheetId="3" r:id="rId5"/>' +
        '<!-- <sheet name="Ghost" sheetId="9" r:id="rId9"/> -->',
    );
    expect(workbook).toContain(
      '<bookViews><!-- <workbookView activeTab="7"/> --><workbookView activeTab="2"/>',
    );
    expect(workbook).toContain(
      `<definedNames><!-- <definedName name="StatusList">Ghost!$A$1</definedName> -->` +
        `<definedName name="Kept" comment="a > b" localSheetId="2">'Notes > old'!$A$1</definedName>` +
        `<definedName name="StatusList">Lists!$A$1:$A$3</definedName></definedNames>`,
    );
    expect(
      workbook.startsWith(hostileWorkbook("").slice(0, hostileWorkbook("").indexOf("<bookViews>"))),
    ).toBe(true);
    const types = wellFormed(partOf(bytes, "[Content_Types].xml"));
    expect(types).toMatch(
      /<!-- <\/Types> --><Override PartName="\/xl\/worksheets\/sheet3.xml" [^>]*\/><\/Types>$/,
    );
    expect(await packageProblems([{ label: "hostile workbook parts", bytes }])).toEqual([]);
  });

  it("opens a self-closing <definedNames/> to add a name, and drops a filter database name with its emptied list", async () => {
    const pkg = await XlsxPackage.open(hostilePackage("<definedNames/>"), streamCodec);
    pkg.defineName("_xlnm._FilterDatabase", "Plan!$A$1:$B$2", 0);
    const defined = wellFormed(partOf(await pkg.bytes(), "xl/workbook.xml"));
    expect(defined).toContain(
      '</sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0">Plan!$A$1:$B$2</definedName></definedNames><calcPr',
    );
    pkg.removeFilterDatabase(0);
    expect(wellFormed(partOf(await pkg.bytes(), "xl/workbook.xml"))).toContain("</sheets><calcPr");
  });

  it("replaces a name of the same scope, keeping one of another scope and one in a comment", async () => {
    const pkg = await XlsxPackage.open(hostilePackage(), streamCodec);
    pkg.defineName("KEPT", "Plan!$B$2", 1);
    pkg.defineName("Kept", "Plan!$A$2", null);
    const workbook = wellFormed(partOf(await pkg.bytes(), "xl/workbook.xml"));
    expect(workbook).toContain(
      `<definedNames><!-- <definedName name="StatusList">Ghost!$A$1</definedName> -->` +
        `<definedName name="KEPT" localSheetId="1">Plan!$B$2</definedName>` +
        `<definedName name="Kept">Plan!$A$2</definedName></definedNames>`,
    );
  });

  it("writes a plan over the hostile parts that validates, with the written text in the shared strings", async () => {
    const plan: WritePlan = {
      title: "Add lists",
      ops: [
        { kind: "addSheet", sheet: "Lists", after: "Plan" },
        { kind: "writeCells", sheet: "Lists", row: 0, column: 0, cells: [[{ kind: "text", text: "Red" }]] },
        { kind: "defineName", name: "StatusList", formula: "=Lists!$A$1:$A$3", comment: "a > b" },
        { kind: "setSheetVisibility", sheet: "Lists", visibility: "hidden" },
        { kind: "activateSheet", sheet: "Plan" },
      ],
    };
    const written = await applyWritePlanToBytes(withHostileContentTypes(hostilePackage()), plan);
    const workbook = wellFormed(partOf(written.bytes, "xl/workbook.xml"));
    expect(workbook).toContain('<sheet name="Lists" sheetId="3" r:id="rId5" state="hidden"/>');
    expect(workbook).toContain('<workbookView activeTab="0"/>');
    expect(wellFormed(partOf(written.bytes, "xl/sharedStrings.xml"))).toContain(
      "<!-- </sst> --><si><t>Red</t></si></sst>",
    );
    expect(
      await packageProblems([{ label: "hostile workbook parts after a plan", bytes: written.bytes }]),
    ).toEqual([]);
  });
});

/** The package with one part's text changed by `edit`. */
function withPartEdited(bytes: Uint8Array, path: string, edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  files[path] = strToU8(edit(strFromU8(files[path]!)));
  return zipSync(files);
}

describe("ids and counts the writer computes, on a workbook whose own are at or past the schema's bounds", () => {
  const addLists: WritePlan = {
    title: "Add lists",
    ops: [
      { kind: "addSheet", sheet: "Lists", after: "Plan" },
      { kind: "writeCells", sheet: "Lists", row: 0, column: 0, cells: [[{ kind: "text", text: "Red" }]] },
    ],
  };

  it("numbers a new sheet and table within xsd:unsignedInt when the largest id is 4294967295", async () => {
    const notes = {
      name: "Notes",
      body: `<sheetData>${rowXml(1, ["Note"])}${rowXml(2, ["Kept"])}</sheetData><tableParts count="1"><tablePart r:id="rId1"/></tableParts>`,
      rels: [{ id: "rId1", type: "table", target: "../tables/table1.xml" }],
    };
    const table =
      `${DECLARATION}<table xmlns="${MAIN_NS}" id="4294967295" name="Notes" displayName="Notes" ref="A1:A2">` +
      '<autoFilter ref="A1:A2"/><tableColumns count="1"><tableColumn id="1" name="Note"/></tableColumns></table>';
    const bytes = withPartEdited(
      rawWorkbook({
        sheets: [{ name: "Plan", body: PLAN_SHEET }, notes],
        parts: { "xl/tables/table1.xml": table },
      }),
      "xl/workbook.xml",
      (xml) => xml.replace('sheetId="2"', 'sheetId="4294967295"'),
    );
    const written = await applyWritePlanToBytes(bytes, {
      ...addLists,
      ops: [
        ...addLists.ops,
        {
          kind: "addTable",
          sheet: "Lists",
          name: "Statuses",
          range: range("A1:A2"),
          style: "TableStyleLight1",
        },
      ],
    });
    expect(partOf(written.bytes, "xl/workbook.xml")).toContain('<sheet name="Lists" sheetId="2" ');
    expect(partOf(written.bytes, "xl/tables/table2.xml")).toContain(' id="1" name="Statuses"');
    expect(
      await packageProblems([{ label: "a sheet added after id 4294967295", bytes: written.bytes }]),
    ).toEqual([]);
  });

  it("writes the shared strings' counts again where the part's own are no xsd:unsignedInt, adding a string or not", async () => {
    const bytes = withPartEdited(
      rawWorkbook({ sheets: [{ name: "Plan", body: PLAN_SHEET }], strings: ["Ref", "Due"] }),
      "xl/sharedStrings.xml",
      (xml) => xml.replace(/count="2" uniqueCount="2"/, 'count="999999999999" uniqueCount="-4"'),
    );
    const added = await applyWritePlanToBytes(bytes, addLists);
    // The references the part counts are not known: the optional count is left out.
    expect(partOf(added.bytes, "xl/sharedStrings.xml")).toContain(`<sst xmlns="${MAIN_NS}" uniqueCount="3">`);
    const none = await applyWritePlanToBytes(bytes, {
      title: "Hide the plan",
      ops: [{ kind: "setSheetVisibility", sheet: "Plan", visibility: "hidden" }],
    });
    expect(partOf(none.bytes, "xl/sharedStrings.xml")).toContain(`<sst xmlns="${MAIN_NS}" uniqueCount="2">`);
    const near = withPartEdited(bytes, "xl/sharedStrings.xml", (xml) =>
      xml.replace('count="999999999999" uniqueCount="-4"', 'count="4294967295" uniqueCount="2"'),
    );
    const atBound = await applyWritePlanToBytes(near, addLists);
    expect(partOf(atBound.bytes, "xl/sharedStrings.xml")).toContain('count="4294967295" uniqueCount="3"');
    expect(
      await packageProblems([
        { label: "shared strings added to", bytes: added.bytes },
        { label: "shared strings not added to", bytes: none.bytes },
        { label: "shared strings counted to the bound", bytes: atBound.bytes },
      ]),
    ).toEqual([]);
  });
});

/** The part with SpreadsheetML under the prefix x (as the Open XML SDK writes it): every tag of the
 *  main namespace prefixed, comments and CDATA left as they are (they hold no tags). */
function underPrefixX(xml: string): string {
  const edits: Array<{ at: number; name: string }> = [];
  for (const token of xmlTokens(xml, "fixture")) {
    if (token.kind === "start") edits.push({ at: token.start + 1, name: token.name });
    else if (token.kind === "end" && token.end > token.start)
      edits.push({ at: token.start + 2, name: token.name });
  }
  let out = xml;
  for (const edit of edits.reverse()) {
    if (!edit.name.includes(":")) out = `${out.slice(0, edit.at)}x:${out.slice(edit.at)}`;
  }
  return out.replace(`xmlns="${MAIN_NS}"`, `xmlns:x="${MAIN_NS}"`);
}

describe("parts written under a prefix, with comments and CDATA holding prefixed tags", () => {
  it("reads prefixed styles by their tags alone and writes them unprefixed, the comments as they were", () => {
    const xml = underPrefixX(HOSTILE_STYLES).replace(
      "</x:cellXfs>",
      '<!-- <x:xf numFmtId="3"/> --><![CDATA[<x:xf numFmtId="4"/>]]></x:cellXfs>',
    );
    expect(xml).toContain('<x:styleSheet xmlns:x="' + MAIN_NS + '">');
    const styles = StylesPart.parse(xml);
    expect(styles.cellXfCount).toBe(2);
    expect(styles.withNumberFormat(0, "0.000")).toBe(2);
    const out = wellFormed(styles.toXml());
    expect(out).toContain(`<styleSheet xmlns:x="${MAIN_NS}" xmlns="${MAIN_NS}">`);
    expect(out).toContain(
      '<!-- <x:xf numFmtId="3"/> --><![CDATA[<x:xf numFmtId="4"/>]]><xf numFmtId="171" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>',
    );
    expect(out).not.toMatch(/<x:(?!xf numFmtId="[34]")/);
  });

  it("edits a prefixed workbook and shared strings, keeping a comment's and CDATA's prefixed text, and validates", async () => {
    const workbook = underPrefixX(hostileWorkbook(KEPT_NAMES)).replace(
      "</x:definedNames>",
      '<!-- <x:definedName name="Ghost">Plan!$A$1</x:definedName> --></x:definedNames>',
    );
    const strings = underPrefixX(HOSTILE_STRINGS).replace(
      "<x:t>Ref</x:t>",
      "<x:t>Ref<![CDATA[ <x:t>]]></x:t>",
    );
    const bytes = rawWorkbook({
      sheets: [
        { name: "Plan", body: PLAN_SHEET },
        { name: "Notes > old", body: "<sheetData/>" },
      ],
      strings: ["Ref"],
      parts: {
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": HOSTILE_WORKBOOK_RELS,
        "xl/sharedStrings.xml": strings,
      },
    });
    const pkg = await XlsxPackage.open(bytes, streamCodec);
    expect((await pkg.sheets()).map((s) => s.name)).toEqual(["Plan", "Notes > old"]);
    expect(pkg.sharedString(0)).toBe("Ref <x:t>");
    expect(pkg.hasDefinedName("Ghost")).toBe(false);
    pkg.defineName("StatusList", "Plan!$A$1:$A$2", null);
    pkg.addSharedString("New");
    const written = await pkg.bytes();
    const out = wellFormed(partOf(written, "xl/workbook.xml"));
    expect(out).toContain(
      '<!-- <x:definedName name="Ghost">Plan!$A$1</x:definedName> --><definedName name="StatusList">Plan!$A$1:$A$2</definedName></definedNames>',
    );
    expect(wellFormed(partOf(written, "xl/sharedStrings.xml"))).toContain(
      "<si><t>Ref<![CDATA[ <x:t>]]></t></si>",
    );
    expect(await packageProblems([{ label: "prefixed workbook parts", bytes: written }])).toEqual([]);
  });
});

describe("a sheet filter that becomes a new table's own", () => {
  const rows =
    rowXml(1, ["Ref", "Action", "Lead", "Status"]) +
    rowXml(2, [1, "Patrol", "PC Lee", "Red"]) +
    rowXml(3, [2, "Visit", "PC Kay", "Green"]);
  const filter =
    '<autoFilter ref="A1:D3"><!-- <filterColumn colId="0"/> -->' +
    '<filterColumn colId="3"><customFilters><customFilter operator="greaterThan" val="a > b"/></customFilters></filterColumn></autoFilter>';
  const plan: WritePlan = {
    title: "Table",
    ops: [
      { kind: "addTable", sheet: "Plan", range: range("B1:D3"), name: "Actions", style: "TableStyleMedium2" },
    ],
  };
  const sheetPart = `${DECLARATION}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>${rows}</sheetData>${filter}</worksheet>`;

  it.each([
    ["unprefixed", sheetPart],
    ["under a prefix", underPrefixX(sheetPart)],
  ])(
    "keeps its criteria renumbered from the table's first column, not a criterion in a comment (%s)",
    async (_, xml) => {
      const bytes = rawWorkbook({
        sheets: [{ name: "Plan", body: "<sheetData/>" }],
        parts: { "xl/worksheets/sheet1.xml": xml },
      });
      const written = await applyWritePlanToBytes(bytes, plan);
      const table = wellFormed(partOf(written.bytes, "xl/tables/table1.xml"));
      expect(table).toContain(
        '<autoFilter ref="B1:D3"><!-- <filterColumn colId="0"/> -->' +
          '<filterColumn colId="2"><customFilters><customFilter operator="greaterThan" val="a > b"/></customFilters></filterColumn></autoFilter>',
      );
      expect(partOf(written.bytes, "xl/worksheets/sheet1.xml")).not.toContain("filterColumn colId");
      expect(
        await packageProblems([{ label: "a sheet filter become a table's", bytes: written.bytes }]),
      ).toEqual([]);
    },
  );
});

describe("the copy of a workbook that prints one sheet", () => {
  it("hides every other sheet by its element, leaving sheets and views in comments alone", () => {
    const out = wellFormed(workbookXmlPrinting(hostileWorkbook(KEPT_NAMES), "notes > OLD"));
    expect(out).toContain(
      '<sheets><sheet name="Plan" sheetId="1" r:id="rId1" state="hidden"/><!-- <sheet name="Ghost" sheetId="9" r:id="rId9"/> -->' +
        '<?keep <sheet name="PI" sheetId="8"/>?><sheet name="Notes > old" sheetId="2" r:id="rId2"/></sheets>',
    );
    expect(out).toContain(
      '<bookViews><!-- <workbookView activeTab="7"/> --><workbookView activeTab="1" firstSheet="1"/></bookViews>',
    );
    expect(() => workbookXmlPrinting(hostileWorkbook(KEPT_NAMES), "Ghost")).toThrow("no sheet 'Ghost'");
  });

  it("finds the workbook part by the package's relationship, not one in a comment", async () => {
    const files = unzipSync(hostilePackage());
    const rels = strFromU8(files["_rels/.rels"]!).replace(
      "<Relationship ",
      '<!-- <Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/ghost.xml"/> --><Relationship ',
    );
    const bytes = zipSync({ ...files, "_rels/.rels": strToU8(rels) });
    const printing = await workbookPrintingSheet(bytes, "Plan", streamCodec);
    expect(partOf(printing, "xl/workbook.xml")).toContain(
      '<sheet name="Notes > old" sheetId="2" r:id="rId2" state="hidden"/>',
    );
    expect(await packageProblems([{ label: "printing copy", bytes: printing }])).toEqual([]);
  });
});

/** What a comment or processing instruction slipped in may hold: text that reads as the parts' tags. */
const LOOKALIKES = [
  '<xf numFmtId="7" fontId="0"/>',
  "</cellXfs></styleSheet>",
  '<numFmt numFmtId="999" formatCode="0"/>',
  '<definedName name="Kept">Plan!$A$1</definedName>',
  "</definedNames></sheets>",
  '<sheet name="Ghost" sheetId="9" r:id="rId9"/>',
  '<workbookView activeTab="5"/>',
];

/** `xml` with each (boundary, lookalike, as a PI?) slipped in between the elements at depth 1 or 2. */
function withSlippedIn(xml: string, picks: ReadonlyArray<readonly [number, number, boolean]>): string {
  // Where the open elements are the root alone, or the root and one child (a list, <sheets>).
  const boundaries: number[] = [];
  let depth = 0;
  for (const token of xmlTokens(xml, "fixture")) {
    if (token.kind === "text") continue;
    if (token.kind === "start") depth++;
    else depth--;
    const content = token.kind === "end" || !token.selfClosing;
    if (content && (depth === 1 || depth === 2)) boundaries.push(token.end);
  }
  const inserts = picks
    .map(([b, l, pi]) => ({
      at: boundaries[b % boundaries.length]!,
      text: pi
        ? `<?h14 ${LOOKALIKES[l % LOOKALIKES.length]}?>`
        : `<!--h14 ${LOOKALIKES[l % LOOKALIKES.length]}-->`,
    }))
    .sort((a, b) => b.at - a.at);
  let out = xml;
  for (const insert of inserts) out = out.slice(0, insert.at) + insert.text + out.slice(insert.at);
  return out;
}

/** The text with what withSlippedIn added taken out again. */
const withoutSlippedIn = (xml: string): string => xml.replace(/<!--h14 [^]*?-->|<\?h14 [^]*?\?>/g, "");

const slips = fc.array(fc.tuple(fc.nat(200), fc.nat(50), fc.boolean()), { minLength: 1, maxLength: 8 });

describe("comments and processing instructions slipped in between elements", () => {
  const CLEAN_STYLES = HOSTILE_STYLES.replace(/<!--[^]*?-->|<\?keep[^]*?\?>/g, "");
  const editStyles = (xml: string): string => {
    const styles = StylesPart.parse(xml);
    styles.withNumberFormat(0, "0.000");
    styles.withStyle(1, { bold: true, wrap: true, fill: "#C6EFCE" });
    styles.unlocked(1);
    styles.dxf({ fill: "#FFC7CE", fontColor: "#9C0006", bold: true });
    expect(styles.cellXfCount).toBe(5);
    return styles.toXml();
  };

  it("change nothing styles.xml's editor does but stay where they were", () => {
    const clean = editStyles(CLEAN_STYLES);
    fc.assert(
      fc.property(slips, (picks) => {
        const hostile = withSlippedIn(CLEAN_STYLES, picks);
        const out = wellFormed(editStyles(hostile));
        expect(withoutSlippedIn(out)).toBe(clean);
        expect(out.match(/<!--h14 |<\?h14 /g)?.length).toBe(picks.length);
      }),
      { numRuns: 40 },
    );
  });

  it("change nothing workbook.xml's editor does but stay where they were", async () => {
    const CLEAN_WORKBOOK = hostileWorkbook(KEPT_NAMES).replace(/<!--[^]*?-->|<\?keep[^]*?\?>/g, "");
    const editWorkbook = async (xml: string): Promise<string> => {
      const bytes = rawWorkbook({
        sheets: [
          { name: "Plan", body: PLAN_SHEET },
          { name: "Notes > old", body: "<sheetData/>" },
        ],
        parts: { "xl/workbook.xml": xml },
      });
      const pkg = await XlsxPackage.open(bytes, streamCodec);
      await pkg.addSheet(
        "Lists",
        "Plan",
        `${DECLARATION}<worksheet xmlns="${MAIN_NS}"><sheetData/></worksheet>`,
      );
      pkg.defineName("StatusList", "Lists!$A$1:$A$3", null);
      pkg.defineName("_xlnm._FilterDatabase", "Plan!$A$1:$B$2", 0);
      pkg.removeFilterDatabase(0);
      pkg.setSheetState("Lists", "hidden");
      pkg.setActiveTab(pkg.activeTab() - 1);
      return partOf(await pkg.bytes(), "xl/workbook.xml");
    };
    const clean = await editWorkbook(CLEAN_WORKBOOK);
    expect(clean).toContain('<workbookView activeTab="1"/>');
    await fc.assert(
      fc.asyncProperty(slips, async (picks) => {
        const out = wellFormed(await editWorkbook(withSlippedIn(CLEAN_WORKBOOK, picks)));
        expect(withoutSlippedIn(out)).toBe(clean);
      }),
      { numRuns: 30 },
    );
  });
});

describe("the package writer's ops by the thousand on a sheet it has read", () => {
  const ARRAY_SHEET =
    `<sheetData><row r="1"><c r="A1"><v>1</v></c></row>` +
    `<row r="2"><c r="A2"><f t="array" ref="A2:A3">A1*2</f><v>2</v></c></row></sheetData>`;
  const bytes = (): Uint8Array =>
    rawWorkbook({
      sheets: [
        { name: "Plan", body: ARRAY_SHEET },
        { name: "Other", body: "<sheetData/>" },
      ],
    });
  const write = (sheet: string, row: number): WritePlan["ops"][number] => ({
    kind: "writeCells",
    sheet,
    row,
    column: 0,
    cells: [[{ kind: "number", value: 5 }]],
  });

  it("refuses a cell block over an array formula's master, naming the sheet, after another block read it", async () => {
    const plan: WritePlan = { title: "t", ops: [write("Plan", 0), write("Plan", 1)] };
    await expect(applyWritePlanToBytes(bytes(), plan, streamCodec)).rejects.toThrow(
      new PackageUnsupported("cell A2 holds the master of an array formula or data table", "Plan"),
    );
  });

  it("writes and restyles blocks on the sheet the ops name, keeping every other sheet byte for byte", async () => {
    const plan: WritePlan = {
      title: "t",
      ops: [
        write("Other", 0),
        write("Other", 1),
        { kind: "styleRange", sheet: "Other", range: range("A1:A2"), style: { bold: true } },
      ],
    };
    const written = await applyWritePlanToBytes(bytes(), plan, streamCodec);
    const sheet = wellFormed(partOf(written.bytes, "xl/worksheets/sheet2.xml"));
    expect(sheet).toContain(
      '<row r="1"><c r="A1" s="1"><v>5</v></c></row><row r="2"><c r="A2" s="1"><v>5</v></c></row>',
    );
    expect(partOf(written.bytes, "xl/worksheets/sheet1.xml")).toBe(
      partOf(bytes(), "xl/worksheets/sheet1.xml"),
    );
  });
});
