/**
 * Opening .xlsx bytes with ExcelJS, with one clear line for each way a file can fail to be a workbook.
 * No Node built-ins here, so the browser playground can use it too (xlsx-file.ts adds the file system).
 */
import ExcelJS from "exceljs";
import { keepUnmodelledNames } from "./workbook-names";

export type WorkbookFileFailure =
  | "missing"
  | "not-a-workbook"
  | "password-protected"
  | "old-format"
  | "damaged"
  | "unreadable"
  | "write-failed";

/** A workbook file that cannot be read or written; the message is one line naming the file. */
export class WorkbookFileError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly failure: WorkbookFileFailure,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "WorkbookFileError";
  }
}

function bytesOf(data: ArrayBuffer | Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Whether UTF-16LE text occurs in the bytes (stream names in a compound file are UTF-16LE). */
function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = [...text].flatMap((ch) => [ch.charCodeAt(0), 0]);
  const limit = bytes.length - needle.length;
  outer: for (let i = 0; i <= limit; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (bytes[i + j] !== needle[j]) continue outer;
    }
    return true;
  }
  return false;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

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
  if (startsWith(bytes, CFB_MAGIC)) {
    // Excel saves an encrypted .xlsx inside a compound (OLE2) file with an EncryptedPackage stream.
    if (containsUtf16(bytes, "EncryptedPackage") || containsUtf16(bytes, "EncryptionInfo")) {
      throw new WorkbookFileError(
        `${file} is password-protected (encrypted): save a copy without a password and try again.`,
        file,
        "password-protected",
      );
    }
    throw new WorkbookFileError(
      `${file} is an old-style Excel 97-2003 (.xls) file: open it in Excel and save it as .xlsx, then try again.`,
      file,
      "old-format",
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    throw new WorkbookFileError(
      `${file} is not an Excel workbook (.xlsx): it is not a zip package.`,
      file,
      "not-a-workbook",
    );
  }
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
