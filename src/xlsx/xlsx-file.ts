/** Reading and writing .xlsx files on disk through ExcelJS (tests, the bench); node-files.ts has the rest. */
import type ExcelJS from "exceljs";
import { nodeDeflateRaw, readFileBytes, writeWorkbookBytes } from "./node-files";
import { readWorkbookBuffer } from "./xlsx-buffer";
import { workbookBytes } from "./xlsx-text-escapes";

export { WorkbookFileError, readWorkbookBuffer } from "./xlsx-buffer";
export {
  nodeBoundedInflate,
  nodeCodec,
  nodeDeflateRaw,
  readFileBytes,
  writeWorkbookBytes,
} from "./node-files";

/**
 * Opens an .xlsx file. Throws a WorkbookFileError with one line naming the file when it is missing,
 * not a workbook, password-protected, an old .xls, or truncated.
 *   const workbook = await readWorkbookFile("plan.xlsx");
 */
export async function readWorkbookFile(path: string): Promise<ExcelJS.Workbook> {
  return readWorkbookBuffer(await readFileBytes(path), path);
}

/** Saves a workbook as .xlsx; a failure (folder missing, file open elsewhere) is a WorkbookFileError. */
export async function writeWorkbookFile(workbook: ExcelJS.Workbook, path: string): Promise<void> {
  await writeWorkbookBytes(await workbookBytes(workbook, nodeDeflateRaw), path);
}
