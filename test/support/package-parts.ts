/**
 * The parts of a zip package, for tests that look inside what was written or edit a package by hand:
 * read with the product's own zip reader (src/xlsx/package-zip.ts).
 */
import { ZipPackage } from "../../src/xlsx/package-zip";
import { type CellPart, type WorksheetPart, readWorksheetPart } from "../../src/xlsx/part-worksheet";
import type { ZipPart } from "../../src/xlsx/zip-parts";
import { strToU8 } from "fflate";

/**
 * Every part of the zip in `bytes`, inflated, in directory order, with the CRC-32 and dates its
 * directory holds: what zipOfParts writes back.
 */
export function zipParts(bytes: Uint8Array): ZipPart[] {
  const zip = ZipPackage.open(bytes, "the test package");
  return zip.names().map((name) => {
    const entry = zip.entry(name);
    const data = zip.bytes(name);
    if (entry === undefined || data === null) throw new Error(`The package lost its part ${name}`);
    return { name, data, crc32: entry.crc32, dosTime: entry.dosTime, dosDate: entry.dosDate };
  });
}

/** One part's text; throws when the package has no such part. */
export function partText(bytes: Uint8Array, name: string): string {
  const text = ZipPackage.open(bytes, "the test package").text(name);
  if (text === null) throw new Error(`The package has no part ${name}`);
  return text;
}

/**
 * A worksheet part as readWorksheetPart reads it, with its cells kept in a list (each a copy: the
 * reader gives its common cells in one object, set afresh for each).
 */
export function worksheetWithCells(
  zip: ZipPackage,
  partName: string,
): WorksheetPart & { readonly cells: readonly CellPart[] } {
  const cells: CellPart[] = [];
  const part = readWorksheetPart(zip, partName, (cell) => cells.push({ ...cell }));
  return { ...part, cells };
}

/** The zip with the CRC-32 its directory and local header record for `name` set to `crc`. */
export function recordedCrc(zip: Uint8Array, name: string, crc: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const encoded = strToU8(name);
  let found = 0;
  for (let at = 0; at + 46 < out.length; at++) {
    const signature = view.getUint32(at, true);
    const [nameAt, crcAt] =
      signature === 0x02014b50 ? [46, 16] : signature === 0x04034b50 ? [30, 14] : [0, 0];
    if (nameAt === 0) continue;
    const nameLength = view.getUint16(at + (signature === 0x02014b50 ? 28 : 26), true);
    const named = out.subarray(at + nameAt, at + nameAt + nameLength);
    if (named.length !== encoded.length || !named.every((b, i) => b === encoded[i])) continue;
    view.setUint32(at + crcAt, crc, true);
    found++;
  }
  if (found !== 2) throw new Error(`no entry for ${name}`);
  return out;
}
