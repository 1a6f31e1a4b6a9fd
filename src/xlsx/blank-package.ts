/**
 * A new, empty .xlsx package built from its few XML parts: what a partner return
 * (core/planning/returns-make.ts) and the playground's sample plan are written into with the package writer.
 * No Node built-ins here, so the browser (task pane, playground) makes workbooks the same way as the CLI.
 */
import { rangeAddress } from "../core/basics/cell-address";
import type { GridRange } from "../core/basics/snapshot";
import type { WritePlan } from "../core/basics/write-plan";
import { escapeXmlAttribute } from "./xml-text";
import { type DeflateRaw, type ZipCodec, crc32, zipOfParts } from "./zip-parts";
import { type PackageWrite, applyWritePlanToBytes } from "./package-writer";

/**
 * One sheet of a blank workbook: its name, and the cells merged in it (a write plan has no op that
 * merges: the add-in only ever unmerges, but a sample of a partnership's layout needs a merged header).
 */
export interface BlankSheet {
  readonly name: string;
  readonly merges?: readonly GridRange[];
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function contentTypes(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  );
  return (
    DECLARATION +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets.join("") +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    "</Types>"
  );
}

const ROOT_RELS =
  DECLARATION +
  `<Relationships xmlns="${RELS}">` +
  `<Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>` +
  "</Relationships>";

/** Sheet n's relationship is rIdn; the styles part's comes after them. */
function workbookRels(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${DOC_RELS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  return (
    DECLARATION +
    `<Relationships xmlns="${RELS}">` +
    sheets.join("") +
    `<Relationship Id="rId${sheetCount + 1}" Type="${DOC_RELS}/styles" Target="styles.xml"/>` +
    "</Relationships>"
  );
}

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

/** A4 (paperSize 9), landscape, as the partnership prints; the first sheet is the one shown. */
function sheetXml(sheet: BlankSheet, first: boolean): string {
  const merges = sheet.merges ?? [];
  const mergeCells =
    merges.length === 0
      ? ""
      : `<mergeCells count="${merges.length}">` +
        merges.map((range) => `<mergeCell ref="${rangeAddress(range)}"/>`).join("") +
        "</mergeCells>";
  return (
    DECLARATION +
    `<worksheet xmlns="${MAIN}" xmlns:r="${DOC_RELS}">` +
    `<dimension ref="A1"/><sheetViews><sheetView${first ? ' tabSelected="1"' : ""} workbookViewId="0"/></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/><sheetData/>' +
    mergeCells +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape"/>' +
    "</worksheet>"
  );
}

function workbookXml(sheets: readonly BlankSheet[]): string {
  const entries = sheets.map(
    (sheet, i) => `<sheet name="${escapeXmlAttribute(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
  );
  return (
    DECLARATION +
    `<workbook xmlns="${MAIN}" xmlns:r="${DOC_RELS}">` +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets>${entries.join("")}</sheets>` +
    "</workbook>"
  );
}

function blankSheets(sheets: string | readonly BlankSheet[]): readonly BlankSheet[] {
  return typeof sheets === "string" ? [{ name: sheets }] : sheets;
}

/** Parts left uncompressed: the package writer deflates the parts it changes, and these are tiny. */
const store: DeflateRaw = (data) => Promise.resolve(data);

/**
 * An empty workbook, as .xlsx bytes, whose one sheet is named `sheets`, or with these sheets in this
 * order (at least one: a workbook without a sheet is one Excel repairs).
 *   const bytes = await blankWorkbookBytes("Return");
 */
export async function blankWorkbookBytes(
  sheets: string | readonly BlankSheet[],
): Promise<Uint8Array<ArrayBuffer>> {
  const list = blankSheets(sheets);
  if (list.length === 0) throw new Error("A blank workbook needs at least one sheet");
  const encoder = new TextEncoder();
  const parts = [
    ["[Content_Types].xml", contentTypes(list.length)],
    ["_rels/.rels", ROOT_RELS],
    ["xl/workbook.xml", workbookXml(list)],
    ["xl/_rels/workbook.xml.rels", workbookRels(list.length)],
    ["xl/styles.xml", STYLES],
    ...list.map((sheet, i) => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(sheet, i === 0)]),
  ].map(([name = "", xml = ""]) => {
    const data = encoder.encode(xml);
    return { name, data, crc32: crc32(data), dosTime: 0, dosDate: 0x21 };
  });
  return zipOfParts(parts, store);
}

/**
 * A new workbook made by `plan` from a blank one with `sheets` (see blankWorkbookBytes): how a
 * partner return and the playground's sample plan are made.
 *   const { bytes } = await newWorkbookBytes("Return", leadReturn.plan, nodeCodec);
 */
export async function newWorkbookBytes(
  sheets: string | readonly BlankSheet[],
  plan: WritePlan,
  codec: ZipCodec,
): Promise<PackageWrite> {
  return applyWritePlanToBytes(await blankWorkbookBytes(sheets), plan, codec);
}
