/**
 * .xlsx files in and out of ExcelJS, for the tests that build their workbooks with ExcelJS or read
 * back what the package writer wrote with a reader independent of it: one clear line for each way a
 * file can fail to be a workbook, and a save that keeps the text and defined names ExcelJS alone
 * would lose. The product reads and writes with the package model (src/xlsx/package-*.ts).
 */
import ExcelJS from "exceljs";
import { nodeCodec, readFileBytes, writeWorkbookBytes } from "../../../src/xlsx/node-files";
import { ZipPackage } from "../../../src/xlsx/package-zip";
import { WorkbookFileError, refuseUnlessZip } from "../../../src/xlsx/workbook-file-error";
import { escapeXlsxText } from "../../../src/xlsx/xlsx-text-escapes";
import { crc32, zipOfParts } from "../../../src/xlsx/zip-parts";
import { WORKBOOK_PART, keepUnmodelledNames, workbookXmlWithKeptNames } from "./workbook-names";

export { WorkbookFileError } from "../../../src/xlsx/workbook-file-error";

function bytesOf(data: ArrayBuffer | Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

/**
 * Opens .xlsx bytes as an ExcelJS workbook; `file` names it in error messages. Throws a
 * WorkbookFileError for bytes that are not a workbook, a password-protected (encrypted) workbook, an
 * old .xls file, or a truncated or damaged one.
 *   const workbook = await readWorkbookBuffer(await blob.arrayBuffer(), "plan.xlsx");
 */
export async function readWorkbookBuffer(
  data: ArrayBuffer | Uint8Array,
  file = "the workbook",
): Promise<ExcelJS.Workbook> {
  const bytes = bytesOf(data);
  refuseUnlessZip(bytes, file);
  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS wants a Buffer in Node and an ArrayBuffer in the browser; both accept a sliced ArrayBuffer.
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    await workbook.xlsx.load(copy);
    await keepUnmodelledNames(workbook, bytes);
  } catch (e) {
    const detail = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new WorkbookFileError(
      `${file} is damaged or truncated and cannot be read as a workbook (${detail}).`,
      file,
      "damaged",
      { cause: e },
    );
  }
  if (workbook.worksheets.length === 0 && bytes.length < 100) {
    throw new WorkbookFileError(`${file} is damaged or truncated: it holds no sheets.`, file, "damaged");
  }
  return workbook;
}

/**
 * Opens an .xlsx file. Throws a WorkbookFileError with one line naming the file when it is missing,
 * not a workbook, password-protected, an old .xls, or truncated.
 *   const workbook = await readWorkbookFile("plan.xlsx");
 */
export async function readWorkbookFile(path: string): Promise<ExcelJS.Workbook> {
  return readWorkbookBuffer(await readFileBytes(path), path);
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

/**
 * ExcelJS quirk: on save it silently drops the control characters XML 1.0 cannot hold (a vertical tab
 * pasted from Word, \u0001…), and on load it decodes OOXML's `_xHHHH_` escapes. Runs `save` with every
 * cell's text escaped as Excel would write it (ST_Xstring), restoring the cells afterwards.
 */
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
 * The workbook as .xlsx bytes: its text kept whole, and the defined names ExcelJS cannot write put
 * back (workbook-names.ts). ExcelJS writes the package uncompressed and Node's zlib deflates its parts
 * (JSZip's JavaScript deflate would be most of the save).
 *   await writeFile("plan.xlsx", await workbookBytes(workbook));
 */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array<ArrayBuffer>> {
  const stored: ArrayBuffer = await withXlsxSafeText<ArrayBuffer>(workbook, () =>
    workbook.xlsx.writeBuffer({ zip: { compression: "STORE" } }),
  );
  const zip = ZipPackage.open(new Uint8Array(stored), "the ExcelJS workbook");
  const encoder = new TextEncoder();
  const parts = zip.names().map((name) => {
    let data = zip.bytes(name) ?? new Uint8Array();
    if (name === WORKBOOK_PART) {
      const xml = new TextDecoder().decode(data);
      data = encoder.encode(workbookXmlWithKeptNames(workbook, xml));
    }
    return { name, data, crc32: crc32(data), dosTime: 0, dosDate: 0x21 };
  });
  return zipOfParts(parts, nodeCodec.deflateRaw);
}

/** Saves a workbook as .xlsx; a failure (folder missing, file open elsewhere) is a WorkbookFileError. */
export async function writeWorkbookFile(workbook: ExcelJS.Workbook, path: string): Promise<void> {
  await writeWorkbookBytes(await workbookBytes(workbook), path);
}
