/**
 * A new, empty .xlsx package with one worksheet, built from its few XML parts: what a partner return
 * (core/returns-make.ts) is written into with the package writer. No Node built-ins here, so the
 * browser (task pane, playground) makes returns the same way as the CLI.
 */
import { escapeXmlAttribute } from "./xml-text";
import { type DeflateRaw, type ZipCodec, crc32, zipOfParts } from "./zip-parts";
import { type PackageWrite, applyWritePlanToBytes } from "./package-writer";
import type { WritePlan } from "../core/write-plan";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const CONTENT_TYPES =
  DECLARATION +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  "</Types>";

const ROOT_RELS =
  DECLARATION +
  `<Relationships xmlns="${RELS}">` +
  `<Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>` +
  "</Relationships>";

const WORKBOOK_RELS =
  DECLARATION +
  `<Relationships xmlns="${RELS}">` +
  `<Relationship Id="rId1" Type="${DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${DOC_RELS}/styles" Target="styles.xml"/>` +
  "</Relationships>";

/** Calibri 11, no fill, no border: Excel's own defaults for a new workbook. */
const STYLES =
  DECLARATION +
  `<styleSheet xmlns="${MAIN}">` +
  '<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
  "</styleSheet>";

/** A4 (paperSize 9), landscape, as the partnership prints. */
const SHEET =
  DECLARATION +
  `<worksheet xmlns="${MAIN}" xmlns:r="${DOC_RELS}">` +
  '<dimension ref="A1"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>' +
  '<sheetFormatPr defaultRowHeight="15"/><sheetData/>' +
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
  '<pageSetup paperSize="9" orientation="landscape"/>' +
  "</worksheet>";

function workbookXml(sheet: string): string {
  return (
    DECLARATION +
    `<workbook xmlns="${MAIN}" xmlns:r="${DOC_RELS}">` +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets><sheet name="${escapeXmlAttribute(sheet)}" sheetId="1" r:id="rId1"/></sheets>` +
    "</workbook>"
  );
}

/** Parts left uncompressed: the package writer deflates the parts it changes, and these are tiny. */
const store: DeflateRaw = (data) => Promise.resolve(data);

/**
 * An empty workbook whose one sheet is named `sheet`, as .xlsx bytes.
 *   const bytes = await blankWorkbookBytes("Return");
 */
export async function blankWorkbookBytes(sheet: string): Promise<Uint8Array<ArrayBuffer>> {
  const encoder = new TextEncoder();
  const parts = [
    ["[Content_Types].xml", CONTENT_TYPES],
    ["_rels/.rels", ROOT_RELS],
    ["xl/workbook.xml", workbookXml(sheet)],
    ["xl/_rels/workbook.xml.rels", WORKBOOK_RELS],
    ["xl/styles.xml", STYLES],
    ["xl/worksheets/sheet1.xml", SHEET],
  ].map(([name = "", xml = ""]) => {
    const data = encoder.encode(xml);
    return { name, data, crc32: crc32(data), dosTime: 0, dosDate: 0x21 };
  });
  return zipOfParts(parts, store);
}

/**
 * A new workbook made by `plan` from a blank one whose one sheet is `sheet` (the sheet the plan
 * writes first): how a partner return is made.
 *   const { bytes } = await newWorkbookBytes("Return", leadReturn.plan, nodeCodec);
 */
export async function newWorkbookBytes(
  sheet: string,
  plan: WritePlan,
  codec: ZipCodec,
): Promise<PackageWrite> {
  return applyWritePlanToBytes(await blankWorkbookBytes(sheet), plan, codec);
}
