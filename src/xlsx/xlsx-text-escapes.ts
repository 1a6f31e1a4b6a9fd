/**
 * ExcelJS quirk: on save it silently drops the control characters XML 1.0 cannot hold (a vertical tab
 * pasted from Word, \u0001…), and on load it decodes OOXML's `_xHHHH_` escapes, so text a user typed as
 * "_x000B_" comes back as a control character. Excel itself writes both as `_xHHHH_` (ST_Xstring). We
 * do the same for the duration of a save, then put every cell back as it was.
 */
import type ExcelJS from "exceljs";
import { WORKBOOK_PART, workbookXmlWithKeptNames } from "./workbook-names";
import { type DeflateRaw, crc32, storedZipParts, streamDeflateRaw, zipOfParts } from "./zip-parts";

const NEEDS_ESCAPE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
const ESCAPES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;

/** "a\u000Bb" → "a_x000B_b"; a literal "_x000B_" → "_x005F_x000B_" (its underscore escaped). */
export function escapeXlsxText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(ESCAPES, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

function escapedValue(value: ExcelJS.CellValue): ExcelJS.CellValue | null {
  if (typeof value === "string") {
    const escaped = escapeXlsxText(value);
    return escaped === value ? null : escaped;
  }
  if (value !== null && typeof value === "object" && "richText" in value) {
    const runs = value.richText.map((run) => ({ ...run, text: escapeXlsxText(run.text) }));
    return runs.some((run, i) => run.text !== value.richText[i]?.text) ? { ...value, richText: runs } : null;
  }
  return null;
}

/** Runs `save` with every cell's text escaped as Excel would write it, restoring the cells afterwards. */
export async function withXlsxSafeText<T>(workbook: ExcelJS.Workbook, save: () => Promise<T>): Promise<T> {
  const changed: Array<{ cell: ExcelJS.Cell; value: ExcelJS.CellValue }> = [];
  workbook.eachSheet((sheet) => {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        const escaped = escapedValue(cell.value);
        if (escaped === null) return;
        changed.push({ cell, value: cell.value });
        cell.value = escaped;
      });
    });
  });
  try {
    return await save();
  } finally {
    for (const { cell, value } of changed) cell.value = value;
  }
}

/**
 * The workbook as .xlsx bytes, as every save writes them (the CLI's file, the playground's Download):
 * its text kept whole, and the defined names ExcelJS cannot write put back (workbook-names.ts).
 * ExcelJS writes the package uncompressed and `deflate` compresses its parts natively (zip-parts.ts):
 * JSZip's JavaScript deflate would be most of the save. Node callers pass node:zlib's (faster still).
 *   await writeFile("plan.xlsx", await workbookBytes(workbook));
 */
export async function workbookBytes(
  workbook: ExcelJS.Workbook,
  deflate: DeflateRaw = streamDeflateRaw,
): Promise<Uint8Array<ArrayBuffer>> {
  const stored: ArrayBuffer = await withXlsxSafeText<ArrayBuffer>(workbook, () =>
    workbook.xlsx.writeBuffer({ zip: { compression: "STORE" } }),
  );
  const parts = storedZipParts(new Uint8Array(stored)).map((part) => {
    if (part.name !== WORKBOOK_PART) return part;
    const xml = new TextDecoder().decode(part.data);
    const withNames = workbookXmlWithKeptNames(workbook, xml);
    if (withNames === xml) return part;
    const data = new TextEncoder().encode(withNames);
    return { ...part, data, crc32: crc32(data) };
  });
  return zipOfParts(parts, deflate);
}
