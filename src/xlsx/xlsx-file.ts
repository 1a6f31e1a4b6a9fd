/** Reading and writing .xlsx files on disk (CLI, tests). */
import { readFile, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import * as zlib from "node:zlib";
import type ExcelJS from "exceljs";
import { WorkbookFileError, readWorkbookBuffer } from "./xlsx-buffer";
import { workbookBytes } from "./xlsx-text-escapes";
import { type BoundedInflate, InflateBoundPassed } from "./package-zip";
import type { DeflateRaw, ZipCodec } from "./zip-parts";

export { WorkbookFileError, readWorkbookBuffer } from "./xlsx-buffer";

const deflateRawAsync = promisify(zlib.deflateRaw);
const inflateRawAsync = promisify(zlib.inflateRaw);

/** Node's zlib, run off the main thread: the parts of a package deflate in parallel. */
export const nodeDeflateRaw: DeflateRaw = (data) => deflateRawAsync(data);

/** Node's zlib for the package writer (package-writer.ts). */
export const nodeCodec: ZipCodec = {
  deflateRaw: nodeDeflateRaw,
  inflateRaw: (data) => inflateRawAsync(data),
  // zlib.crc32 is in Node 20.15 and later; older Node falls back to the JavaScript one.
  ...(typeof zlib.crc32 === "function" ? { crc32: (data: Uint8Array) => zlib.crc32(data) } : {}),
};

/**
 * Node's native inflate for the package reader (package-zip.ts), stopped by zlib itself once the
 * output would pass `maxBytes`.
 */
export const nodeBoundedInflate: BoundedInflate = (body, maxBytes) => {
  try {
    return zlib.inflateRawSync(body, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new InflateBoundPassed();
    throw e;
  }
};

/**
 * Opens an .xlsx file. Throws a WorkbookFileError with one line naming the file when it is missing,
 * not a workbook, password-protected, an old .xls, or truncated.
 *   const workbook = await readWorkbookFile("plan.xlsx");
 */
export async function readWorkbookFile(path: string): Promise<ExcelJS.Workbook> {
  return readWorkbookBuffer(await readFileBytes(path), path);
}

/** A file's bytes, or a WorkbookFileError with one line naming it (missing, a folder, unreadable). */
export async function readFileBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new WorkbookFileError(`${path}: no such file.`, path, "missing", { cause: e });
    if (code === "EISDIR") {
      throw new WorkbookFileError(`${path} is a folder, not a workbook.`, path, "not-a-workbook", {
        cause: e,
      });
    }
    const reason = e instanceof Error ? e.message : String(e);
    throw new WorkbookFileError(`${path} cannot be read: ${reason}`, path, "unreadable", { cause: e });
  }
}

/** Saves a workbook as .xlsx; a failure (folder missing, file open elsewhere) is a WorkbookFileError. */
export async function writeWorkbookFile(workbook: ExcelJS.Workbook, path: string): Promise<void> {
  await writeWorkbookBytes(await workbookBytes(workbook, nodeDeflateRaw), path);
}

/** Saves .xlsx bytes; a failure (folder missing, file open elsewhere) is a WorkbookFileError. */
export async function writeWorkbookBytes(bytes: Uint8Array, path: string): Promise<void> {
  try {
    await writeFile(path, bytes);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new WorkbookFileError(`${path} cannot be written: ${reason}`, path, "write-failed", { cause: e });
  }
}
