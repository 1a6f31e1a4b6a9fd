import ExcelJS from "exceljs";
import { StylesPart } from "../../src/xlsx/package-styles";
import { PackageUnsupported } from "../../src/xlsx/package-unsupported";
import { crc32, zipOfParts, type ZipPart } from "../../src/xlsx/zip-parts";
import { zipParts } from "../support/package-parts";
import { nodeDeflateRaw } from "../../src/xlsx/node-files";

/** What Excel itself writes for a new workbook (trimmed), with no <numFmts> and an empty self-closed <dxfs>. */
const EXCEL_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n` +
  `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
  `xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2 xr" ` +
  `xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">` +
  `<fonts count="2" x14ac:knownFonts="1">` +
  `<font><sz val="11"/><color theme="1"/><name val="Aptos Narrow"/><family val="2"/><scheme val="minor"/></font>` +
  `<font><b/><sz val="11"/><color theme="1"/><name val="Aptos Narrow"/><family val="2"/><scheme val="minor"/></font>` +
  `</fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
  `<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1">` +
  `<alignment horizontal="left" indent="1"/></xf></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
  `<dxfs count="0"/>` +
  `<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>` +
  `<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" ` +
  `xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">` +
  `<x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext></extLst></styleSheet>`;

const text = (part: ZipPart): string => new TextDecoder().decode(part.data);

function withText(part: ZipPart, xml: string): ZipPart {
  const data = new TextEncoder().encode(xml);
  return { ...part, data, crc32: crc32(data) };
}

async function excelJsPackage(): Promise<ZipPart[]> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Plan");
  ws.getCell("A1").value = "Heading";
  ws.getCell("A1").font = { name: "Arial", size: 14 };
  ws.getCell("B1").value = 3.5;
  ws.getCell("B1").numFmt = "0.0";
  ws.getCell("C1").value = 4;
  ws.getCell("C1").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } };
  ws.addConditionalFormatting({
    ref: "A2:A5",
    rules: [
      {
        type: "expression",
        formulae: ['A2="Red"'],
        priority: 1,
        style: {
          font: { bold: true, color: { argb: "FF9C0006" } },
          fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } },
        },
      },
    ],
  });
  const buffer = await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } });
  return zipParts(new Uint8Array(buffer));
}

const partNamed = (parts: ZipPart[], name: string): ZipPart => parts.find((p) => p.name === name)!;

describe("StylesPart", () => {
  let exceljsStyles = "";
  beforeAll(async () => {
    exceljsStyles = text(partNamed(await excelJsPackage(), "xl/styles.xml"));
  });

  it.each([
    ["ExcelJS", () => exceljsStyles],
    ["Excel", () => EXCEL_STYLES],
  ])("gives back %s's styles.xml byte for byte when nothing was added", (_, xml) => {
    const styles = StylesPart.parse(xml());
    styles.numberFormatOf(0);
    expect(styles.changed).toBe(false);
    expect(styles.toXml()).toBe(xml());
  });

  it("counts the cell formats", () => {
    expect(StylesPart.parse(exceljsStyles).cellXfCount).toBe(4);
    expect(StylesPart.parse(EXCEL_STYLES).cellXfCount).toBe(3);
  });

  it("gives dd/mm/yyyy a custom number format above the existing ones and reuses it", () => {
    const styles = StylesPart.parse(exceljsStyles);
    const dated = styles.withNumberFormat(0, "dd/mm/yyyy");
    expect(dated).toBe(4);
    expect(styles.withNumberFormat(0, "dd/mm/yyyy")).toBe(4);
    expect(styles.withNumberFormat(1, "dd/mm/yyyy")).toBe(5);
    expect(styles.numberFormatOf(dated)).toBe("dd/mm/yyyy");
    const xml = styles.toXml();
    expect(xml).toContain(
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts>',
    );
    expect(xml).toContain(
      '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
        '<xf numFmtId="165" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/></cellXfs>',
    );
    expect(xml).toContain('<cellXfs count="6">');
  });

  it("uses built-in ids for locale-independent codes and reuses an existing custom code", () => {
    const styles = StylesPart.parse(exceljsStyles);
    const twoPlaces = styles.withNumberFormat(0, "0.00");
    expect(styles.numberFormatOf(twoPlaces)).toBe("0.00");
    expect(styles.toXml()).toContain('<xf numFmtId="2" ');
    expect(styles.numberFormatOf(styles.withNumberFormat(0, "0.0"))).toBe("0.0");
    expect(styles.toXml()).toContain('<numFmts count="1">');
    expect(styles.withNumberFormat(2, "0.0")).toBe(2);
  });

  it("never uses the locale-dependent id 14, even for a base that has it", () => {
    const styles = StylesPart.parse(EXCEL_STYLES);
    expect(styles.numberFormatOf(2)).toBe("mm-dd-yy");
    const dated = styles.withNumberFormat(2, "dd/mm/yyyy");
    expect(dated).toBe(3);
    const xml = styles.toXml();
    // <numFmts> was absent: it is created first in the stylesheet, with a count.
    expect(xml).toContain(
      'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">' +
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="2"',
    );
    // The copy keeps the base's alignment.
    expect(xml).toContain(
      '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1">' +
        '<alignment horizontal="left" indent="1"/></xf></cellXfs>',
    );
  });

  it("takes format 0 as the base when the base index is out of range", () => {
    const styles = StylesPart.parse(EXCEL_STYLES);
    expect(styles.withNumberFormat(99, "0.00")).toBe(styles.withNumberFormat(0, "0.00"));
    expect(styles.numberFormatOf(99)).toBe("General");
  });

  it("escapes a format code with quotes and reads escaped codes back", () => {
    const styles = StylesPart.parse(exceljsStyles);
    const pounds = styles.withNumberFormat(0, '"£"#,##0;[Red]"<"0');
    expect(styles.toXml()).toContain('formatCode="&quot;£&quot;#,##0;[Red]&quot;&lt;&quot;0"');
    const again = StylesPart.parse(styles.toXml());
    expect(again.numberFormatOf(pounds)).toBe('"£"#,##0;[Red]"<"0');
    again.withNumberFormat(0, '"£"#,##0;[Red]"<"0');
    expect(again.toXml()).toContain('<numFmts count="2">');
  });

  it("makes a bold copy of the base's font, keeping its name and size", () => {
    const styles = StylesPart.parse(exceljsStyles);
    const bold = styles.withStyle(1, { bold: true });
    expect(bold).toBe(4);
    expect(styles.withStyle(1, { bold: true })).toBe(4);
    const xml = styles.toXml();
    expect(xml).toContain('<fonts count="3" x14ac:knownFonts="1">');
    expect(xml).toContain('<font><b/><sz val="14"/><name val="Arial"/></font></fonts>');
    expect(xml).toContain(
      '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>',
    );
  });

  it("orders a changed font's children as CT_Font does and drops <b/> for bold false", () => {
    const styles = StylesPart.parse(EXCEL_STYLES);
    const changed = styles.withStyle(1, { bold: false, italic: true, fontSize: 12, fontColor: "#1f4e79" });
    expect(changed).toBe(3);
    expect(styles.toXml()).toContain(
      '<font><i/><sz val="12"/><color rgb="FF1F4E79"/><name val="Aptos Narrow"/><family val="2"/>' +
        '<scheme val="minor"/></font></fonts>',
    );
  });

  it("reuses a font it added and an identical existing font", () => {
    const styles = StylesPart.parse(EXCEL_STYLES);
    // Font 0 made bold is exactly font 1.
    const bold = styles.withStyle(0, { bold: true });
    expect(styles.toXml()).toContain(
      '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
    );
    const red = styles.withStyle(0, { fontColor: "#FF0000" });
    const redAgain = styles.withStyle(0, { fontColor: "#ff0000", wrap: true });
    expect(bold).not.toBe(red);
    expect(redAgain).not.toBe(red);
    expect(styles.toXml().match(/FFFF0000/g)).toHaveLength(1);
  });

  it("gives back the base itself when the style changes nothing", () => {
    const styles = StylesPart.parse(EXCEL_STYLES);
    expect(styles.withStyle(1, { bold: true, fontSize: 11 })).toBe(1);
    expect(styles.withStyle(0, { fill: null, wrap: false })).toBe(0);
    expect(styles.withStyle(2, { horizontal: "left" })).toBe(2);
    expect(styles.withStyle(0, {})).toBe(0);
    expect(styles.changed).toBe(false);
    expect(styles.toXml()).toBe(EXCEL_STYLES);
  });

  it("adds a solid fill once and clears a fill to fill 0", () => {
    const styles = StylesPart.parse(exceljsStyles);
    const green = styles.withStyle(0, { fill: "#c6efce" });
    expect(styles.withStyle(1, { fill: "#C6EFCE" })).not.toBe(green);
    const xml = styles.toXml();
    expect(xml).toContain(
      '<fills count="4">' +
        '<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
        '<fill><patternFill patternType="solid"><fgColor rgb="FFFF0000"/></patternFill></fill>' +
        '<fill><patternFill patternType="solid"><fgColor rgb="FFC6EFCE"/><bgColor indexed="64"/></patternFill></fill>' +
        "</fills>",
    );
    const cleared = styles.withStyle(3, { fill: null });
    expect(styles.toXml()).toContain(
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyFill="1"/></cellXfs>',
    );
    expect(cleared).toBe(6);
  });

  it("sets wrap and alignment while keeping the base's other alignment attributes", () => {
    const styles = StylesPart.parse(EXCEL_STYLES);
    styles.withStyle(2, { wrap: true, vertical: "top", horizontal: "center" });
    styles.withStyle(0, { wrap: true });
    const xml = styles.toXml();
    expect(xml).toContain(
      '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">' +
        '<alignment horizontal="center" indent="1" wrapText="1" vertical="top"/></xf>',
    );
    expect(xml).toContain(
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">' +
        '<alignment wrapText="1"/></xf></cellXfs><cellStyles',
    );
  });

  it("reuses an identical existing dxf and appends a new look once", () => {
    const styles = StylesPart.parse(exceljsStyles);
    expect(styles.dxf({ fill: "#ffc7ce", fontColor: "#9C0006", bold: true })).toBe(0);
    expect(styles.changed).toBe(false);
    const amber = styles.dxf({ fill: "#FFEB9C", fontColor: "#9C5700" });
    expect(amber).toBe(1);
    expect(styles.dxf({ fill: "#FFEB9C", fontColor: "#9C5700", bold: false })).toBe(1);
    expect(styles.toXml()).toContain(
      '<dxfs count="2">' +
        '<dxf><font><b/><color rgb="FF9C0006"/></font><fill><patternFill patternType="solid">' +
        '<bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf>' +
        '<dxf><font><color rgb="FF9C5700"/></font><fill><patternFill patternType="solid">' +
        '<bgColor rgb="FFFFEB9C"/></patternFill></fill></dxf></dxfs>',
    );
  });

  it("opens a self-closed empty <dxfs> to add the first dxf", () => {
    const styles = StylesPart.parse(EXCEL_STYLES);
    expect(styles.dxf({ fill: "#C6EFCE", fontColor: "#006100" })).toBe(0);
    expect(styles.toXml()).toContain(
      '</cellStyles><dxfs count="1"><dxf><font><color rgb="FF006100"/></font><fill><patternFill ' +
        'patternType="solid"><bgColor rgb="FFC6EFCE"/></patternFill></fill></dxf></dxfs><tableStyles',
    );
  });

  it("creates <dxfs> after <cellStyles> when it is absent", () => {
    const styles = StylesPart.parse(EXCEL_STYLES.replace('<dxfs count="0"/>', ""));
    styles.dxf({ fill: "#C6EFCE", fontColor: "#006100" });
    expect(styles.toXml()).toMatch(/<\/cellStyles><dxfs count="1"><dxf>.*<\/dxf><\/dxfs><tableStyles/);
  });

  it("refuses prefixed elements outside extension lists, and a stylesheet without cellXfs", () => {
    expect(() => StylesPart.parse(EXCEL_STYLES.replace(/<(\/?)fills/g, "<$1x:fills"))).toThrow(
      PackageUnsupported,
    );
    expect(() => StylesPart.parse(EXCEL_STYLES.replace(/<cellXfs.*<\/cellXfs>/, ""))).toThrow(
      PackageUnsupported,
    );
  });

  it("writes a package ExcelJS reads back with the new number format, bold font and fill", async () => {
    const parts = await excelJsPackage();
    const styles = StylesPart.parse(text(partNamed(parts, "xl/styles.xml")));
    const dated = styles.withNumberFormat(0, "dd/mm/yyyy");
    const bold = styles.withStyle(1, { bold: true, fill: "#C6EFCE" });
    const unfilled = styles.withStyle(3, { fill: null });
    const sheet = text(partNamed(parts, "xl/worksheets/sheet1.xml"))
      .replace('<c r="A1" s="1"', `<c r="A1" s="${bold}"`)
      .replace('<c r="B1" s="2"', `<c r="B1" s="${dated}"`)
      .replace('<c r="C1" s="3"', `<c r="C1" s="${unfilled}"`);
    const edited = parts.map((part) =>
      part.name === "xl/styles.xml"
        ? withText(part, styles.toXml())
        : part.name === "xl/worksheets/sheet1.xml"
          ? withText(part, sheet)
          : part,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await zipOfParts(edited, nodeDeflateRaw)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("Plan")!;
    expect(ws.getCell("B1").numFmt).toBe("dd/mm/yyyy");
    expect(ws.getCell("A1").font).toMatchObject({ bold: true, name: "Arial", size: 14 });
    expect(ws.getCell("A1").fill).toMatchObject({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FFC6EFCE" },
    });
    expect(ws.getCell("C1").fill).toEqual({ type: "pattern", pattern: "none" });
  });
});
