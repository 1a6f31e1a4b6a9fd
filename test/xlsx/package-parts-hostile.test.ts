/**
 * The writer's workbook-level parts (styles.xml in package-styles.ts, workbook.xml and the shared
 * strings in package-workbook.ts) on legal XML that regular expressions over markup misread (issue
 * 14, part 3): comments, CDATA sections and processing instructions holding what looks like tags,
 * ">" inside quoted attribute values, SpreadsheetML under a prefix, self-closing lists. Each edit
 * lands where it should, the rest of the part is kept byte for byte, and the package validates.
 */
import { parseRangeAddress } from "../../src/core/cell-address";
import type { WritePlan } from "../../src/core/write-plan";
import { applyWritePlanToBytes } from "../../src/xlsx/package-writer";
import { StylesPart } from "../../src/xlsx/package-styles";
import { PackageUnsupported } from "../../src/xlsx/package-unsupported";
import { xmlTokens } from "../../src/xlsx/xml-tokens";
import { packageProblems } from "../support/ooxml-validate";
import { MAIN_NS, rawWorkbook, rowXml } from "../support/raw-workbook";
import { strFromU8, unzipSync } from "fflate";

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
