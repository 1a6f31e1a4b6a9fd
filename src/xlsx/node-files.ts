/**
 * .xlsx files on disk and Node's zlib, for the CLI and tests: a file's bytes in and out, and the
 * codecs the package reader and writer use. No ExcelJS here, so the CLI need not load it.
 */
import * as fs from "node:fs";
import { promisify } from "node:util";
import * as zlib from "node:zlib";
import { type BoundedInflate, InflateBoundPassed } from "./package-zip";
import { WorkbookFileError } from "./workbook-file-error";
import type { DeflateRaw, DeflateRawPiece, ZipCodec } from "./zip-parts";

// node:fs's callbacks, promised: node:fs/promises would load about a millisecond of modules (readline
// among them) into every run for two calls.
const readFile = promisify(fs.readFile);
const writeFile = promisify(fs.writeFile);

const deflateRawAsync = promisify(zlib.deflateRaw) as (
  data: Uint8Array,
  options?: zlib.ZlibOptions,
) => Promise<Buffer>;

/**
 * zlib's level 5, one below its default: on the parts a summary or the schema writes (a 2.3 MB
 * Summary sheet, the shared strings, eight 180 KB plan sheets) it deflated in 31 % less time than
 * level 6 for files 1.6 % larger; level 4 and below made them 8 % larger or more.
 */
const DEFLATE_LEVEL = 5;

/**
 * One piece of a part deflated by Node's zlib, off the main thread, to be joined with the others
 * into one deflate stream (zip-parts.ts DeflateRawPiece, which PartEntryWriter gives a large part's
 * blocks to as they fill): a sync flush ends every piece but the last, and the bytes before it
 * prime the rest.
 */
export const nodeDeflateRawPiece: DeflateRawPiece = (data, dictionary, last) => {
  const options: zlib.ZlibOptions = { level: DEFLATE_LEVEL };
  if (!last) options.finishFlush = zlib.constants.Z_SYNC_FLUSH;
  if (dictionary !== null) options.dictionary = dictionary;
  return deflateRawAsync(data, options);
};

/** A whole part deflated by Node's zlib, off the main thread (the parts of a zip side by side). */
export const nodeDeflateRaw: DeflateRaw = (data) => deflateRawAsync(data, { level: DEFLATE_LEVEL });

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
 * Node's native CRC-32 (zlib.crc32, in Node 20.15 and later: some fifteen times the JavaScript one's
 * speed, which checking every part read needs), or undefined where Node has none.
 */
export const nodeCrc32: ((data: Uint8Array, previous?: number) => number) | undefined =
  typeof zlib.crc32 === "function" ? (data, previous) => zlib.crc32(data, previous) : undefined;

/** Node's zlib for the package writer (package-writer.ts). */
export const nodeCodec: ZipCodec = {
  deflateRaw: nodeDeflateRaw,
  deflateRawPiece: nodeDeflateRawPiece,
  inflate: nodeBoundedInflate,
  // Older Node falls back to the JavaScript CRC-32.
  ...(nodeCrc32 !== undefined ? { crc32: nodeCrc32 } : {}),
};

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

/** Saves .xlsx bytes; a failure (folder missing, file open elsewhere) is a WorkbookFileError. */
export async function writeWorkbookBytes(bytes: Uint8Array, path: string): Promise<void> {
  try {
    await writeFile(path, bytes);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new WorkbookFileError(`${path} cannot be written: ${reason}`, path, "write-failed", { cause: e });
  }
}
