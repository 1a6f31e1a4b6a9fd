/**
 * A workbook file that cannot be read or written, and the checks on its first bytes that tell an
 * .xlsx from what users mistake for one. No Node built-ins and no ExcelJS here, so the browser
 * playground can use it too.
 */

export type WorkbookFileFailure =
  | "missing"
  | "not-a-workbook"
  | "password-protected"
  | "old-format"
  | "damaged"
  /** Refused unread: a zip bomb, Zip64, an encrypted zip entry, a DOCTYPE in a part. */
  | "unsafe"
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
 * Throws a WorkbookFileError unless the bytes start as a zip package: a password-protected (encrypted)
 * workbook and an old .xls are both compound (OLE2) files, told apart by the encrypted package's
 * stream names; anything else is not a workbook.
 */
export function refuseUnlessZip(bytes: Uint8Array, file: string): void {
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
}
