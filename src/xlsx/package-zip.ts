/**
 * The zip of an .xlsx package, read once for reading: its directory checked against the file, each
 * part inflated (with fflate) only when asked for, within bounds on every part's size and on the
 * total, so a hostile file costs bounded time and memory. Every refusal is a WorkbookFileError with
 * one line naming the file. Why a zip library and what is refused: docs/decisions/0001-package-model.md.
 * No Node built-ins here, so the browser playground can use it too.
 */
import { Inflate, inflateSync } from "fflate";
import { WorkbookFileError, refuseUnlessZip } from "./workbook-file-error";
import { XmlRefusal, decodeXmlPart } from "./xml-tokens";

/** How much a package may hold once inflated. */
export interface PackageLimits {
  /** Bytes one part may inflate to. */
  readonly maxPartBytes: number;
  /** Bytes all the parts read may inflate to together. */
  readonly maxTotalBytes: number;
  /** Entries in the zip directory. */
  readonly maxEntries: number;
}

const MIB = 1024 * 1024;

/**
 * Far beyond any action plan (the 6,000-action bench workbook is 3 MB inflated, its largest part
 * 1.7 MB), far below what would exhaust a browser tab.
 */
export const DEFAULT_LIMITS: PackageLimits = {
  maxPartBytes: 128 * MIB,
  maxTotalBytes: 512 * MIB,
  maxEntries: 10_000,
};

/** Deflate's largest expansion: a 258-byte match coded in 2 bits, so about 1,032 bytes per byte in. */
const MAX_DEFLATE_RATIO = 1032;
/** Compressed bytes pushed at a time when a part is inflated as a stream (at most ~16 MiB out per push). */
const STREAM_CHUNK = 16 * 1024;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const STORED = 0;
const DEFLATED = 8;
/** The zip format's record signatures and methods, for the writer (zip-parts.ts). */
export const ZIP_FORMAT = { LOCAL_HEADER, CENTRAL_HEADER, END_OF_DIRECTORY, STORED, DEFLATED } as const;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * The CRC-32 a zip directory holds for these bytes; with `previous`, the CRC-32 of the bytes whose
 * CRC-32 was `previous` followed by these (so a part can be checked piece by piece).
 */
export function crc32(data: Uint8Array, previous = 0): number {
  let crc = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A CRC-32 of bytes: a platform's native one (Node's zlib.crc32), else crc32 above. */
export type Crc32 = (data: Uint8Array) => number;

/** One part as the zip's directory describes it. */
export interface ZipPartEntry {
  readonly name: string;
  readonly method: typeof STORED | typeof DEFLATED;
  /** The part's data as stored (deflated when method is 8): a view into the file's bytes. */
  readonly body: Uint8Array;
  /** The uncompressed size the directory declares. */
  readonly size: number;
  /** The CRC-32 and MS-DOS time and date the directory holds: kept when the part is copied unchanged. */
  readonly crc32: number;
  readonly dosTime: number;
  readonly dosDate: number;
}

/**
 * Text for a one-line message: control characters and line separators (a part name read from a
 * damaged zip directory can hold any) written as \u escapes.
 */
export function oneLine(text: string): string {
  return text.replace(
    /[\x00-\x1f\x7f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function megabytes(bytes: number): string {
  return `${Math.ceil(bytes / MIB)} MB`;
}

/** Inflation stopped because the output passed its bound. */
export class InflateBoundPassed extends Error {}

/**
 * Inflates raw deflate to at most `maxBytes`, throwing InflateBoundPassed as soon as the output
 * would pass it: a platform's native inflate (Node's zlib in the CLI) in place of fflate's.
 */
export type BoundedInflate = (body: Uint8Array, maxBytes: number) => Uint8Array;

/**
 * Raw deflate inflated to `size` bytes (the size the directory declares), giving up as soon as the
 * output passes it. A body too small to inflate past `maxPartBytes` at all (deflate's ratio is at most
 * 1:1032) is inflated in one call into a buffer one byte larger than declared, so a part inflating to
 * more than it declares shows by its length; a larger body is inflated as a stream, counted as it goes.
 */
function inflateBounded(body: Uint8Array, size: number, maxPartBytes: number): Uint8Array {
  if (body.length * MAX_DEFLATE_RATIO <= maxPartBytes) {
    return inflateSync(body, { out: new Uint8Array(size + 1) });
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflate = new Inflate((data, final) => {
    total += data.length;
    if (total > size) throw new InflateBoundPassed();
    chunks.push(data);
    if (final) ended = true;
  });
  for (let at = 0; at < body.length; at += STREAM_CHUNK) {
    inflate.push(body.subarray(at, at + STREAM_CHUNK), at + STREAM_CHUNK >= body.length);
  }
  if (!ended) throw new Error("unexpected end of data");
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The zip of a package: its directory read and checked, its parts inflated on demand. */
export class ZipPackage {
  private inflatedTotal = 0;
  /**
   * Each part's text, decoded once: the reader and then the writer of one workbook share a package
   * (the CLI's host keeps it from the read until its write), so a sheet is inflated and decoded once.
   */
  private readonly texts = new Map<string, string>();
  /** What a reader made of a part (the shared strings' texts), kept for the writer of the same read. */
  private readonly readings = new Map<string, unknown>();
  /** The parts inflated so far (a part a reader read is not inflated again to be copied). */
  private readonly inflated = new Set<string>();
  /** The parts whose bytes were found to be the ones the zip recorded (their CRC-32). */
  private readonly checked = new Set<string>();

  private constructor(
    /** Names the file in every message. */
    readonly file: string,
    private readonly entries: ReadonlyMap<string, ZipPartEntry>,
    private readonly limits: PackageLimits,
    private readonly inflate: BoundedInflate | null,
    private readonly crc: Crc32,
  ) {}

  /**
   * Reads the directory of the zip in `bytes`. Throws a WorkbookFileError for what is not a zip (an
   * encrypted workbook or an old .xls named as such), a truncated or damaged directory, a part named
   * twice, an encrypted entry, a method other than stored or deflated, Zip64, and declared sizes
   * past the limits. `crc` checks a part's CRC-32 (a platform's native one is faster): checkedEntry's.
   *   const zip = ZipPackage.open(bytes, "plan.xlsx");
   */
  static open(
    bytes: Uint8Array,
    file: string,
    limits: PackageLimits = DEFAULT_LIMITS,
    inflate: BoundedInflate | null = null,
    crc: Crc32 = crc32,
  ): ZipPackage {
    refuseUnlessZip(bytes, file);
    const damaged = (what: string): WorkbookFileError =>
      new WorkbookFileError(`${file} is damaged or truncated: ${oneLine(what)}.`, file, "damaged");
    const unsafe = (what: string): WorkbookFileError =>
      new WorkbookFileError(`${file} is refused: ${oneLine(what)}.`, file, "unsafe");
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = endOfDirectoryOffset(view);
    if (end < 0) throw damaged("the zip package has no directory at its end");
    if (end >= 20 && view.getUint32(end - 20, true) === ZIP64_LOCATOR) {
      throw unsafe("it is a Zip64 package, which no workbook of this size needs");
    }
    const count = view.getUint16(end + 10, true);
    const directorySize = view.getUint32(end + 12, true);
    const directoryStart = view.getUint32(end + 16, true);
    if (directoryStart + directorySize > end)
      throw damaged("its zip directory runs past the end of the file");
    if (count > limits.maxEntries) throw unsafe(`it lists ${count} parts, more than ${limits.maxEntries}`);

    const decoder = new TextDecoder();
    const entries = new Map<string, ZipPartEntry>();
    const folded = new Set<string>();
    let declaredTotal = 0;
    let at = directoryStart;
    for (let i = 0; i < count; i++) {
      if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_HEADER) {
        throw damaged(`entry ${i + 1} of its zip directory is damaged`);
      }
      const flags = view.getUint16(at + 8, true);
      const method = view.getUint16(at + 10, true);
      const dosTime = view.getUint16(at + 12, true);
      const dosDate = view.getUint16(at + 14, true);
      const crc32 = view.getUint32(at + 16, true);
      const compressedSize = view.getUint32(at + 20, true);
      const size = view.getUint32(at + 24, true);
      const nameLength = view.getUint16(at + 28, true);
      const extraLength = view.getUint16(at + 30, true);
      const commentLength = view.getUint16(at + 32, true);
      const localOffset = view.getUint32(at + 42, true);
      if (at + 46 + nameLength > end) throw damaged(`entry ${i + 1} of its zip directory is damaged`);
      const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
      at += 46 + nameLength + extraLength + commentLength;
      if (name.endsWith("/")) continue; // a folder: implied by the part names, Excel writes none
      if (flags & 1) throw unsafe(`its part ${name} is encrypted inside the zip`);
      if (method !== STORED && method !== DEFLATED) {
        throw damaged(`its part ${name} is compressed with zip method ${method}, which no workbook uses`);
      }
      if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
        throw unsafe(`its part ${name} is stored as Zip64, which no workbook of this size needs`);
      }
      // Part names are compared without regard to case (ECMA-376 Part 2, 9.1.1.1).
      const key = name.toLowerCase();
      if (folded.has(key)) throw damaged(`the zip package holds the part ${name} twice`);
      folded.add(key);
      if (size > limits.maxPartBytes) {
        throw unsafe(
          `its part ${name} would inflate to ${megabytes(size)}, past the ${megabytes(limits.maxPartBytes)} a part may hold (a zip bomb?)`,
        );
      }
      declaredTotal += size;
      if (declaredTotal > limits.maxTotalBytes) {
        throw unsafe(
          `its parts would inflate to more than the ${megabytes(limits.maxTotalBytes)} a workbook may hold (a zip bomb?)`,
        );
      }
      if (localOffset + 30 > directoryStart || view.getUint32(localOffset, true) !== LOCAL_HEADER) {
        throw damaged(`its part ${name} is missing from the zip`);
      }
      const dataStart =
        localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
      if (dataStart + compressedSize > directoryStart) throw damaged(`its part ${name} runs past its end`);
      if (method === STORED && compressedSize !== size) {
        throw damaged(`its stored part ${name} is not the size its directory says`);
      }
      entries.set(name, {
        name,
        method: method === STORED ? STORED : DEFLATED,
        body: bytes.subarray(dataStart, dataStart + compressedSize),
        size,
        crc32,
        dosTime,
        dosDate,
      });
    }
    return new ZipPackage(file, entries, limits, inflate, crc);
  }

  /**
   * What `read` makes of the part `name`, worked out once per package: the reader's reading of a part
   * is the writer's too (the shared strings' texts, which text the writer writes may reuse).
   * `kind` tells apart readings of one part that differ.
   */
  reading<T>(name: string, kind: string, read: () => T): T {
    const key = `${kind}\n${name}`;
    if (this.readings.has(key)) return this.readings.get(key) as T;
    const value = read();
    this.readings.set(key, value);
    return value;
  }

  /** The part names, in directory order. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** A part as the zip's directory describes it (its date, its CRC-32); else undefined. */
  entry(name: string): ZipPartEntry | undefined {
    return this.entries.get(name);
  }

  /**
   * A part as the zip stores it (still compressed), for copying into a new zip unchanged: a part no
   * reader inflated (docProps, pictures, printer settings…) is inflated here and its CRC-32 checked,
   * as every part read was, so a damaged one is refused (a WorkbookFileError naming it) rather than
   * copied into a workbook Excel would have to repair. Undefined when the package has no such part.
   */
  checkedEntry(name: string): ZipPartEntry | undefined {
    if (!this.inflated.has(name)) this.part(name, true);
    return this.entries.get(name);
  }

  /**
   * A part's bytes, inflated within the limits, or null when the package has no such part. Throws a
   * WorkbookFileError when the part inflates past its bound or to another size than declared, or
   * its data is damaged: it does not inflate, or its bytes are not the ones the zip recorded (their
   * CRC-32: about 0.25 ms a megabyte inflated with Node's native CRC-32, 0.8 ms on the 6,000-action
   * bench workbook).
   */
  bytes(name: string): Uint8Array | null {
    return this.part(name, true);
  }

  /** The part's bytes (bytes()), its CRC-32 checked when `check`. */
  private part(name: string, check: boolean): Uint8Array | null {
    const entry = this.entries.get(name);
    if (!entry) return null;
    const tooBig = (): WorkbookFileError =>
      new WorkbookFileError(
        `${this.file} is refused: its part ${oneLine(name)} inflates past the size it declares (a zip bomb?).`,
        this.file,
        "unsafe",
      );
    if (this.inflatedTotal + entry.size > this.limits.maxTotalBytes) throw tooBig();
    let data: Uint8Array;
    if (entry.method === STORED) data = entry.body;
    else {
      try {
        data = this.inflate
          ? this.inflate(entry.body, entry.size)
          : inflateBounded(entry.body, entry.size, this.limits.maxPartBytes);
      } catch (e) {
        if (e instanceof InflateBoundPassed) throw tooBig();
        const detail = e instanceof Error ? e.message : String(e);
        throw new WorkbookFileError(
          `${this.file} is damaged or truncated: its part ${oneLine(name)} cannot be inflated (${oneLine(detail)}).`,
          this.file,
          "damaged",
          { cause: e },
        );
      }
    }
    if (data.length > entry.size) throw tooBig();
    if (data.length !== entry.size) {
      throw new WorkbookFileError(
        `${this.file} is damaged or truncated: its part ${oneLine(name)} is shorter than its directory says.`,
        this.file,
        "damaged",
      );
    }
    if (check && !this.checked.has(name)) {
      if (this.crc(data) !== entry.crc32) {
        throw new WorkbookFileError(
          `${this.file} is damaged: its part ${oneLine(name)} is not what the zip recorded (its CRC-32 checksum does not match).`,
          this.file,
          "damaged",
        );
      }
      this.checked.add(name);
    }
    this.inflated.add(name);
    this.inflatedTotal += data.length;
    return data;
  }

  /**
   * A part's XML as text (UTF-8, byte-order mark left out), or null when the package has no such
   * part; a part that is not UTF-8 is a WorkbookFileError.
   */
  text(name: string): string | null {
    const known = this.texts.get(name);
    if (known !== undefined) return known;
    const data = this.bytes(name);
    if (data === null) return null;
    let text: string;
    try {
      text = decodeXmlPart(data, name).text;
    } catch (e) {
      throw asWorkbookFileError(e, this.file);
    }
    this.texts.set(name, text);
    return text;
  }
}

/** An XmlRefusal (a DOCTYPE, an undeclared entity, XML not well-formed) as the file's error; else `e`. */
export function asWorkbookFileError(e: unknown, file: string): unknown {
  if (!(e instanceof XmlRefusal)) return e;
  const failure = e.reason === "doctype" ? "unsafe" : "damaged";
  return new WorkbookFileError(`${file} cannot be read: ${e.message}`, file, failure, { cause: e });
}

function endOfDirectoryOffset(view: DataView): number {
  // The record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  return -1;
}
