/**
 * .xlsx files on disk and Node's zlib, for the CLI and tests: a file's bytes in and out, and the
 * codecs the package reader and writer use. No ExcelJS here, so the CLI need not load it.
 */
import * as fs from "node:fs";
import { promisify } from "node:util";
import * as zlib from "node:zlib";
import { type BoundedInflate, InflateBoundPassed } from "./package-zip";
import { WorkbookFileError } from "./workbook-file-error";
import type { DeflateRaw, ZipCodec } from "./zip-parts";

// node:fs's callbacks, promised: node:fs/promises would load about a millisecond of modules (readline
// among them) into every run for two calls.
const readFile = promisify(fs.readFile);
const writeFile = promisify(fs.writeFile);

const deflateRawAsync = promisify(zlib.deflateRaw) as (
  data: Uint8Array,
  options?: zlib.ZlibOptions,
) => Promise<Buffer>;

/** Parts at least this long are deflated in pieces of DEFLATE_PIECE bytes, side by side. */
export const DEFLATE_PIECES_FROM = 1 << 20;
export const DEFLATE_PIECE = 1 << 19;
/** Deflate looks back at most 32 KiB (RFC 1951 §2): a piece's dictionary is the data just before it. */
const DEFLATE_WINDOW = 1 << 15;

/**
 * Node's zlib, run off the main thread: the parts of a package deflate in parallel, and a large part
 * (the Summary of a 6,000-action plan is 2.3 MB, 30 ms at level 6, which the whole write waited on)
 * in pieces at once, as pigz does. Each piece but the last ends with a sync flush (whole bytes, no
 * final block) and each but the first is primed with the 32 KiB before it, so the pieces joined are
 * one deflate stream, a few bytes longer than deflating the part whole.
 */
export const nodeDeflateRaw: DeflateRaw = async (data) => {
  if (data.length < DEFLATE_PIECES_FROM) return deflateRawAsync(data);
  const pieces: Array<Promise<Buffer>> = [];
  for (let start = 0; start < data.length; start += DEFLATE_PIECE) {
    const end = Math.min(data.length, start + DEFLATE_PIECE);
    const options: zlib.ZlibOptions = {};
    if (end < data.length) options.finishFlush = zlib.constants.Z_SYNC_FLUSH;
    if (start > 0) options.dictionary = data.subarray(Math.max(0, start - DEFLATE_WINDOW), start);
    pieces.push(deflateRawAsync(data.subarray(start, end), options));
  }
  return Buffer.concat(await Promise.all(pieces));
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

/** Node's zlib for the package writer (package-writer.ts). */
export const nodeCodec: ZipCodec = {
  deflateRaw: nodeDeflateRaw,
  inflate: nodeBoundedInflate,
  // zlib.crc32 is in Node 20.15 and later; older Node falls back to the JavaScript one.
  ...(typeof zlib.crc32 === "function" ? { crc32: (data: Uint8Array) => zlib.crc32(data) } : {}),
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
