/** Reading and writing .xlsx files on disk (CLI, tests). */
import { readFile, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import { deflateRaw } from "node:zlib";
import type ExcelJS from "exceljs";
import { WorkbookFileError, readWorkbookBuffer } from "./xlsx-buffer";
import { workbookBytes } from "./xlsx-text-escapes";
import type { DeflateRaw } from "./zip-parts";

export { WorkbookFileError, readWorkbookBuffer } from "./xlsx-buffer";

const deflateRawAsync = promisify(deflateRaw);

/** Node's zlib, run off the main thread: the parts of a package deflate in parallel. */
export const nodeDeflateRaw: DeflateRaw = (data) => deflateRawAsync(data);

/**
 * Opens an .xlsx file. Throws a WorkbookFileError with one line naming the file when it is missing,
 * not a workbook, password-protected, an old .xls, or truncated.
 *   const workbook = await readWorkbookFile("plan.xlsx");
 */
export async function readWorkbookFile(path: string): Promise<ExcelJS.Workbook> {
  let data: Buffer;
  try {
    data = await readFile(path);
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
  return readWorkbookBuffer(data, path);
}

/** Saves a workbook as .xlsx; a failure (folder missing, file open elsewhere) is a WorkbookFileError. */
export async function writeWorkbookFile(workbook: ExcelJS.Workbook, path: string): Promise<void> {
  try {
    await writeFile(path, await workbookBytes(workbook, nodeDeflateRaw));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new WorkbookFileError(`${path} cannot be written: ${reason}`, path, "write-failed", { cause: e });
  }
}
