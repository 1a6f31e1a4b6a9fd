/**
 * Writing a zip package: parts deflated with the platform's native deflate (Node's zlib, or the
 * browser's CompressionStream), and parts copied from another zip as they were stored. Reading a
 * zip is package-zip.ts's (bounded, for hostile files); its entries are what this writes back.
 * No Node built-ins here, so the browser playground can use it too.
 */
import { type BoundedInflate, type ZipPartEntry, ZIP_FORMAT, crc32 } from "./package-zip";

export { crc32 };

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
 * Deflates one piece of a part so that the pieces, joined in order, are one raw deflate stream, as
 * pigz makes them: every piece but the last ends with a sync flush (whole bytes, no final block), and
 * every piece but the first is primed with `dictionary`, the bytes just before it (deflate looks back
 * at most 32 KiB: RFC 1951 section 2). Null for the first piece.
 */
export type DeflateRawPiece = (
  data: Uint8Array,
  dictionary: Uint8Array | null,
  last: boolean,
) => Promise<Uint8Array>;
/**
 * How a platform compresses: Node's zlib in the CLI and tests, CompressionStream in the browser. The
 * package writer reads the zip it edits with package-zip.ts, through `inflate` where the platform has a
 * native one (fflate's otherwise).
 */
export interface ZipCodec {
  readonly deflateRaw: DeflateRaw;
  /**
   * Where the platform can deflate a part in pieces (Node's zlib, off the main thread), a large part
   * deflates piece by piece while the rest of it is still being made (PartEntryWriter).
   */
  readonly deflateRawPiece?: DeflateRawPiece;
  readonly inflate?: BoundedInflate;
  /**
   * A native CRC-32 where the platform has one (the JavaScript crc32 below otherwise), of `data` after
   * bytes whose CRC-32 was `previous` (0 for none).
   */
  readonly crc32?: (data: Uint8Array, previous?: number) => number;
}

const { LOCAL_HEADER, CENTRAL_HEADER, END_OF_DIRECTORY, STORED, DEFLATED } = ZIP_FORMAT;
/** General-purpose flag bit 11: the name is UTF-8. */
const UTF8_NAME = 0x0800;

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
  return chosenEntry(part, part.data.length, await deflating, () => part.data);
}

/** The entry of a part of `size` bytes: `deflated`, or its `data` stored when deflating gained nothing. */
function chosenEntry(
  part: Omit<ZipPart, "data">,
  size: number,
  deflated: Uint8Array,
  data: () => Uint8Array,
): ZipEntry {
  const stored = deflated.length >= size;
  return {
    name: part.name,
    method: stored ? STORED : DEFLATED,
    body: stored ? data() : deflated,
    size,
    crc32: part.crc32,
    dosTime: part.dosTime,
    dosDate: part.dosDate,
  };
}

/** How many bytes of a part PartEntryWriter deflates at a time. */
export const PART_BLOCK = 1 << 18;
/** Deflate looks back at most 32 KiB (RFC 1951 section 2): a piece's dictionary is at most this. */
const DEFLATE_WINDOW = 1 << 15;

/**
 * A part's zip entry made from its text as the text is made, in order (a sheet row by row): the text
 * is encoded into blocks of PART_BLOCK bytes, and with a codec that deflates in pieces each block
 * starts deflating as soon as it is full, so that a large part (the Summary of a 6,000-action plan
 * is 2.3 MB) is mostly deflated by the time its last row is made. Text is never cut between the
 * halves of a surrogate pair (encodeInto stops before a character that does not fit). Without
 * deflateRawPiece, the blocks are deflated as one once the text is finished.
 *   const writer = new PartEntryWriter("xl/worksheets/sheet2.xml", codec); writer.write(xml);
 *   const entry = await writer.finish();
 */
export class PartEntryWriter {
  private readonly encoder = new TextEncoder();
  private readonly blocks: Uint8Array[] = [];
  private readonly deflated: Array<Promise<Uint8Array>> = [];
  /** The block being filled: sized to the first text, grown to PART_BLOCK as more comes. */
  private block: Uint8Array | null = null;
  private used = 0;
  private crc = 0;
  private size = 0;

  constructor(
    private readonly name: string,
    private readonly codec: ZipCodec,
    private readonly dosTime = 0,
    private readonly dosDate = 0x21,
  ) {}

  /** Adds text to the end of the part. */
  write(text: string): void {
    // One byte a character for ASCII; other text grows the block (at most 3 bytes a UTF-16 unit).
    let block = (this.block ??= new Uint8Array(Math.min(PART_BLOCK, text.length + (text.length >> 3) + 16)));
    let rest = text;
    for (;;) {
      const done = this.encoder.encodeInto(rest, block.subarray(this.used));
      this.used += done.written;
      if (done.read === rest.length) return;
      rest = rest.slice(done.read);
      if (block.length < PART_BLOCK) {
        const bigger = new Uint8Array(
          Math.min(PART_BLOCK, Math.max(block.length * 2, this.used + rest.length * 3)),
        );
        bigger.set(block.subarray(0, this.used));
        block = this.block = bigger;
      } else {
        // The block is full (or has no room for the next character): it goes, and a new one follows.
        this.endBlock(false);
        block = this.block = new Uint8Array(PART_BLOCK);
        this.used = 0;
      }
    }
  }

  private endBlock(last: boolean): void {
    const data = this.block === null ? new Uint8Array(0) : this.block.subarray(0, this.used);
    const deflatePiece = this.codec.deflateRawPiece;
    // The deflate started first: off the main thread, it runs while the CRC is worked out.
    if (deflatePiece !== undefined) {
      const before = this.blocks[this.blocks.length - 1];
      const dictionary =
        before === undefined ? null : before.subarray(Math.max(0, before.length - DEFLATE_WINDOW));
      const deflating = deflatePiece(data, dictionary, last);
      // Awaited by finish(); a rejection before then (no memory for the deflate) must not count as
      // unhandled, which would end the process before finish() can report it.
      deflating.catch(() => undefined);
      this.deflated.push(deflating);
    }
    this.crc = (this.codec.crc32 ?? crc32)(data, this.crc);
    this.size += data.length;
    this.blocks.push(data);
  }

  /** The part's entry, once its text is all written: deflated, or stored when that is no smaller. */
  async finish(): Promise<ZipEntry> {
    this.endBlock(true);
    const fields = { name: this.name, crc32: this.crc, dosTime: this.dosTime, dosDate: this.dosDate };
    if (this.deflated.length === 0) {
      const data = joinedBytes(this.blocks, this.size);
      return zipEntryOf({ ...fields, data }, this.codec.deflateRaw(data));
    }
    const deflated = joinedBytes(await Promise.all(this.deflated));
    return chosenEntry(fields, this.size, deflated, () => joinedBytes(this.blocks, this.size));
  }
}

/** The byte arrays one after another in one (the array itself when there is one). */
function joinedBytes(arrays: readonly Uint8Array[], size?: number): Uint8Array {
  if (arrays.length === 1) return arrays[0]!;
  const out = new Uint8Array(size ?? arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
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
