/**
 * Opening .xlsx bytes with ExcelJS, with one clear line for each way a file can fail to be a workbook.
 * No Node built-ins here, so the browser playground can use it too (xlsx-file.ts adds the file system).
 */
import ExcelJS from "exceljs";
import { WorkbookFileError, refuseUnlessZip } from "./workbook-file-error";
import { keepUnmodelledNames } from "./workbook-names";

export { WorkbookFileError, type WorkbookFileFailure } from "./workbook-file-error";

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
