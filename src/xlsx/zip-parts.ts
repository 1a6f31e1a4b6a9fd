/**
 * The parts of a zip package, and a zip made of parts, for saving .xlsx files faster than ExcelJS can
 * alone: ExcelJS (through JSZip) deflates in JavaScript, which is most of the cost of a save. The file
 * shell has ExcelJS write the package uncompressed (STORE), takes its parts out here, and deflates them
 * with the platform's native zlib (Node's zlib, or the browser's CompressionStream).
 * No Node built-ins here, so the browser playground can use it too.
 */

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

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;
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

function endOfDirectoryOffset(view: DataView): number {
  // The record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  throw new Error("Not a zip package: no end-of-directory record");
}

/**
 * The parts of a zip whose every part is stored uncompressed (what ExcelJS writes with compression
 * STORE), in directory order, folder entries left out; `data` are views into `zip`, not copies. A deflated part is a bug in the
 * caller, so it throws.
 */
export function storedZipParts(zip: Uint8Array): ZipPart[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = endOfDirectoryOffset(view);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const parts: ZipPart[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== CENTRAL_HEADER) throw new Error(`Zip directory entry ${i} is damaged`);
    const method = view.getUint16(at + 10, true);
    const dosTime = view.getUint16(at + 12, true);
    const dosDate = view.getUint16(at + 14, true);
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = decoder.decode(zip.subarray(at + 46, at + 46 + nameLength));
    if (method !== STORED) throw new Error(`Zip part ${name} is compressed (method ${method}), not stored`);
    if (view.getUint32(localOffset, true) !== LOCAL_HEADER) throw new Error(`Zip part ${name} is damaged`);
    const dataStart =
      localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    // A folder entry (JSZip makes them) is implied by its parts' names; Excel writes none.
    if (!name.endsWith("/")) {
      parts.push({ name, data: zip.subarray(dataStart, dataStart + size), crc32: crc, dosTime, dosDate });
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

/**
 * A zip of `parts`, each deflated with `deflate` (all at once: a native deflate runs them in
 * parallel), or stored when deflating would not make it smaller.
 */
export async function zipOfParts(
  parts: readonly ZipPart[],
  deflate: DeflateRaw,
): Promise<Uint8Array<ArrayBuffer>> {
  const encoder = new TextEncoder();
  const compressed = await Promise.all(parts.map((part) => deflate(part.data)));
  const entries = parts.map((part, i) => {
    const deflated = compressed[i]!;
    const stored = deflated.length >= part.data.length;
    const name = encoder.encode(part.name);
    const flags = name.length === part.name.length ? 0 : UTF8_NAME;
    return { part, name, flags, method: stored ? STORED : DEFLATED, body: stored ? part.data : deflated };
  });
  const localSize = entries.reduce((sum, e) => sum + 30 + e.name.length + e.body.length, 0);
  const directorySize = entries.reduce((sum, e) => sum + 46 + e.name.length, 0);
  if (localSize + directorySize > 0xffffffff || entries.length > 0xffff) {
    // Zip64 is not written; a workbook this size is far past what Excel on the web opens anyway.
    throw new Error("The workbook is too large to save as a zip without Zip64");
  }
  const out = new Uint8Array(localSize + directorySize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  const offsets: number[] = [];
  for (const e of entries) {
    offsets.push(at);
    view.setUint32(at, LOCAL_HEADER, true);
    view.setUint16(at + 4, 20, true); // version needed: 2.0 (deflate)
    view.setUint16(at + 6, e.flags, true);
    view.setUint16(at + 8, e.method, true);
    view.setUint16(at + 10, e.part.dosTime, true);
    view.setUint16(at + 12, e.part.dosDate, true);
    view.setUint32(at + 14, e.part.crc32, true);
    view.setUint32(at + 18, e.body.length, true);
    view.setUint32(at + 22, e.part.data.length, true);
    view.setUint16(at + 26, e.name.length, true);
    view.setUint16(at + 28, 0, true);
    out.set(e.name, at + 30);
    out.set(e.body, at + 30 + e.name.length);
    at += 30 + e.name.length + e.body.length;
  }
  const directoryStart = at;
  entries.forEach((e, i) => {
    view.setUint32(at, CENTRAL_HEADER, true);
    view.setUint16(at + 4, 20, true); // made by: 2.0, MS-DOS attributes
    view.setUint16(at + 6, 20, true);
    view.setUint16(at + 8, e.flags, true);
    view.setUint16(at + 10, e.method, true);
    view.setUint16(at + 12, e.part.dosTime, true);
    view.setUint16(at + 14, e.part.dosDate, true);
    view.setUint32(at + 16, e.part.crc32, true);
    view.setUint32(at + 20, e.body.length, true);
    view.setUint32(at + 24, e.part.data.length, true);
    view.setUint16(at + 28, e.name.length, true);
    // extra, comment, disk number, internal and external attributes: all 0
    view.setUint32(at + 42, offsets[i]!, true);
    out.set(e.name, at + 46);
    at += 46 + e.name.length;
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
