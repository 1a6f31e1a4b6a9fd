/**
 * Writing a zip package: parts deflated with the platform's native deflate (Node's zlib, or the
 * browser's CompressionStream), and parts copied from another zip as they were stored. Reading a
 * zip is package-zip.ts's (bounded, for hostile files); its entries are what this writes back.
 * No Node built-ins here, so the browser playground can use it too.
 */
import { type BoundedInflate, type ZipPartEntry, ZIP_FORMAT } from "./package-zip";

/** One file in a zip package. `crc32` is the CRC-32 of `data` (uncompressed). */
export interface ZipPart {
  readonly name: string;
  readonly data: Uint8Array;
  readonly crc32: number;
  /** MS-DOS time and date as the zip directory holds them. */
  readonly dosTime: number;
  readonly dosDate: number;
}

/** Deflates bytes as raw deflate (RFC 1951, no zlib or gzip header): what a zip's method 8 holds. */
export type DeflateRaw = (data: Uint8Array) => Promise<Uint8Array>;
/**
 * How a platform compresses: Node's zlib in the CLI and tests, CompressionStream in the browser. The
 * package writer reads the zip it edits with package-zip.ts, through `inflate` where the platform has a
 * native one (fflate's otherwise).
 */
export interface ZipCodec {
  readonly deflateRaw: DeflateRaw;
  readonly inflate?: BoundedInflate;
  /** A native CRC-32 where the platform has one (the JavaScript crc32 below otherwise). */
  readonly crc32?: (data: Uint8Array) => number;
}

const { LOCAL_HEADER, CENTRAL_HEADER, END_OF_DIRECTORY, STORED, DEFLATED } = ZIP_FORMAT;
/** General-purpose flag bit 11: the name is UTF-8. */
const UTF8_NAME = 0x0800;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The CRC-32 a zip directory holds for these bytes. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * The UTF-8 bytes of the text the pieces make when joined, written piece by piece into one buffer:
 * a large part spliced from its old text (the shared strings: a new root start tag, the old items,
 * the added items) is never flattened into one string first, which costs as much as encoding it.
 * Each piece is encoded as a whole: pieces cut between the halves of a surrogate pair would each
 * encode a lone half as U+FFFD, as TextEncoder does.
 */
export function utf8OfPieces(pieces: readonly string[], encoder = new TextEncoder()): Uint8Array {
  let length = 0;
  for (const piece of pieces) length += piece.length;
  // One byte a character for ASCII; more for other text, which grows the buffer (at most 3 a unit).
  let out = new Uint8Array(length + (length >> 3) + 16);
  let written = 0;
  for (const piece of pieces) {
    let rest = piece;
    for (;;) {
      const done = encoder.encodeInto(rest, out.subarray(written));
      written += done.written;
      if (done.read === rest.length) break;
      rest = rest.slice(done.read);
      const bigger = new Uint8Array(Math.max(out.length * 2, written + rest.length * 3));
      bigger.set(out.subarray(0, written));
      out = bigger;
    }
  }
  return out.subarray(0, written);
}

/**
 * One entry as a zip holds it: `body` is its data as stored (deflated when method is 8), `size` the
 * uncompressed length. An entry copied from one zip to another (ZipPackage.entry) is never inflated
 * or deflated again.
 */
export type ZipEntry = ZipPartEntry;

/**
 * A part as a zip entry: deflated, or stored when deflating would not make it smaller. The caller
 * starts the deflate (`deflating`), so that with a codec that deflates off the main thread (the CLI's
 * zlib) it runs while the caller works out the part's CRC-32 (a few milliseconds for a large part).
 */
export async function zipEntryOf(part: ZipPart, deflating: Promise<Uint8Array>): Promise<ZipEntry> {
  const deflated = await deflating;
  const stored = deflated.length >= part.data.length;
  return {
    name: part.name,
    method: stored ? STORED : DEFLATED,
    body: stored ? part.data : deflated,
    size: part.data.length,
    crc32: part.crc32,
    dosTime: part.dosTime,
    dosDate: part.dosDate,
  };
}

/** A zip of `parts`, each deflated with `deflate` (all at once: a native deflate runs them in parallel). */
export async function zipOfParts(
  parts: readonly ZipPart[],
  deflate: DeflateRaw,
): Promise<Uint8Array<ArrayBuffer>> {
  return zipOfEntries(await Promise.all(parts.map((part) => zipEntryOf(part, deflate(part.data)))));
}

/**
 * The fields a local header (from its byte 4) and a directory header (from its byte 6) share, in
 * the same order: version needed, flags, method, time, date, CRC-32, both sizes, name length.
 */
function setEntryFields(
  view: DataView,
  at: number,
  entry: ZipEntry,
  flags: number,
  nameLength: number,
): void {
  view.setUint16(at, 20, true); // version needed: 2.0 (deflate)
  view.setUint16(at + 2, flags, true);
  view.setUint16(at + 4, entry.method, true);
  view.setUint16(at + 6, entry.dosTime, true);
  view.setUint16(at + 8, entry.dosDate, true);
  view.setUint32(at + 10, entry.crc32, true);
  view.setUint32(at + 14, entry.body.length, true);
  view.setUint32(at + 18, entry.size, true);
  view.setUint16(at + 22, nameLength, true);
}

/** A zip of these entries, in this order. */
export function zipOfEntries(given: readonly ZipEntry[]): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const entries = given.map((entry) => {
    const name = encoder.encode(entry.name);
    return { entry, name, flags: name.length === entry.name.length ? 0 : UTF8_NAME };
  });
  const localSize = entries.reduce((sum, e) => sum + 30 + e.name.length + e.entry.body.length, 0);
  const directorySize = entries.reduce((sum, e) => sum + 46 + e.name.length, 0);
  if (localSize + directorySize > 0xffffffff || entries.length > 0xffff) {
    // Zip64 is not written; a workbook this size is far past what Excel on the web opens anyway.
    throw new Error("The workbook is too large to save as a zip without Zip64");
  }
  const out = new Uint8Array(localSize + directorySize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  const offsets: number[] = [];
  for (const { entry, name, flags } of entries) {
    offsets.push(at);
    view.setUint32(at, LOCAL_HEADER, true);
    setEntryFields(view, at + 4, entry, flags, name.length);
    view.setUint16(at + 28, 0, true);
    out.set(name, at + 30);
    out.set(entry.body, at + 30 + name.length);
    at += 30 + name.length + entry.body.length;
  }
  const directoryStart = at;
  entries.forEach(({ entry, name, flags }, i) => {
    view.setUint32(at, CENTRAL_HEADER, true);
    view.setUint16(at + 4, 20, true); // made by: 2.0, MS-DOS attributes
    setEntryFields(view, at + 6, entry, flags, name.length);
    // extra, comment, disk number, internal and external attributes: all 0
    view.setUint32(at + 42, offsets[i]!, true);
    out.set(name, at + 46);
    at += 46 + name.length;
  });
  view.setUint32(at, END_OF_DIRECTORY, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, at - directoryStart, true);
  view.setUint32(at + 16, directoryStart, true);
  return out;
}

/**
 * Raw deflate with the platform's CompressionStream (every current browser; Node 20 and later), the
 * default where no faster deflate is given.
 */
export const streamDeflateRaw: DeflateRaw = async (data) => {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};

/** The codec every platform has (browsers; Node 20 and later). */
export const streamCodec: ZipCodec = { deflateRaw: streamDeflateRaw };
