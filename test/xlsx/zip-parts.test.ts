import JSZip from "jszip";
import { blankWorkbookBytes } from "../../src/xlsx/blank-package";
import { ZIP_FORMAT, ZipPackage } from "../../src/xlsx/package-zip";
import { applyWritePlanToBytes } from "../../src/xlsx/package-writer";
import { WorkbookFileError } from "../../src/xlsx/workbook-file-error";
import { inflateRawSync } from "node:zlib";
import {
  PART_BLOCK,
  PartEntryWriter,
  type ZipCodec,
  type ZipEntry,
  crc32,
  streamCodec,
  streamDeflateRaw,
  zipOfEntries,
  zipOfParts,
} from "../../src/xlsx/zip-parts";
import { nodeCodec, nodeDeflateRaw } from "../../src/xlsx/node-files";
import { zipParts } from "../support/package-parts";

async function storedZip(files: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(files)) zip.file(name, data);
  return zip.generateAsync({ type: "uint8array", compression: "STORE" });
}

const randomBytes = (n: number): Uint8Array => {
  const bytes = new Uint8Array(n);
  let seed = 7;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    bytes[i] = seed >>> 24;
  }
  return bytes;
};

describe("zip parts", () => {
  it("computes the CRC-32 zip tools compute", () => {
    expect(crc32(new TextEncoder().encode("The quick brown fox jumps over the lazy dog"))).toBe(0x414fa339);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it("reads each part's name, bytes, CRC and date from the directory, as the writer copies them", async () => {
    const noise = randomBytes(500);
    const parts = zipParts(await storedZip({ "a.xml": "<a>é</a>", "xl/Übersicht.xml": "x", bin: noise }));
    expect(parts.map((p) => p.name)).toEqual(["a.xml", "xl/Übersicht.xml", "bin"]);
    expect(new TextDecoder().decode(parts[0]!.data)).toBe("<a>é</a>");
    expect(parts[2]!.data).toEqual(noise);
    for (const part of parts) {
      expect(part.crc32).toBe(crc32(part.data));
      expect(part.dosDate).toBeGreaterThan(0);
    }
  });

  it("copies a deflated part into a new zip without inflating it, which JSZip reads back whole", async () => {
    const zip = new JSZip();
    zip.file("a.xml", "<a/>".repeat(100));
    const deflated = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    const entry = ZipPackage.open(deflated, "a.zip").entry("a.xml");
    expect(entry?.method).toBe(8);
    const copied = zipOfEntries(entry === undefined ? [] : [entry]);
    const back = await JSZip.loadAsync(copied, { checkCRC32: true });
    expect(await back.file("a.xml")!.async("string")).toBe("<a/>".repeat(100));
  });

  it.each([
    ["Node's zlib", nodeDeflateRaw],
    ["CompressionStream", streamDeflateRaw],
  ])("writes a zip JSZip reads back whole, deflated with %s", async (_name, deflate) => {
    const text = "<row>repeated text</row>".repeat(2000);
    const noise = randomBytes(3000);
    const parts = zipParts(await storedZip({ "big.xml": text, "noise.bin": noise, "dir/ünï.xml": "<x/>" }));
    const zipped = await zipOfParts(parts, deflate);
    expect(zipped.length).toBeLessThan(text.length / 10);
    const back = await JSZip.loadAsync(zipped, { checkCRC32: true });
    expect(Object.keys(back.files)).toEqual(["big.xml", "noise.bin", "dir/ünï.xml"]);
    expect(await back.file("big.xml")!.async("string")).toBe(text);
    expect(await back.file("noise.bin")!.async("uint8array")).toEqual(noise);
    expect(await back.file("dir/ünï.xml")!.async("string")).toBe("<x/>");
  });

  it("has the package writer refuse a zip the reader refuses, such as one holding a part twice", async () => {
    const parts = zipParts(await blankWorkbookBytes("Plan"));
    const sheet = parts.find((p) => p.name === "xl/worksheets/sheet1.xml");
    const twice = await zipOfParts(sheet === undefined ? parts : [...parts, sheet], nodeDeflateRaw);
    const plan = {
      title: "Write A1",
      ops: [
        {
          kind: "writeCells" as const,
          sheet: "Plan",
          row: 0,
          column: 0,
          cells: [[{ kind: "text" as const, text: "x" }]],
        },
      ],
    };
    const written = applyWritePlanToBytes(twice, plan);
    await expect(written).rejects.toThrow(WorkbookFileError);
    await expect(written).rejects.toThrow("holds the part xl/worksheets/sheet1.xml twice");
  });
});

describe("a part's entry written as its text is made (PartEntryWriter)", () => {
  /** What an entry holds, inflated. */
  const dataOf = (entry: ZipEntry): Buffer =>
    entry.method === ZIP_FORMAT.DEFLATED ? inflateRawSync(entry.body) : Buffer.from(entry.body);
  const wide = (n: number) => "€😀".repeat(n);
  const cases: string[][] = [
    [],
    ["", ""],
    ['<?xml version="1.0"?>\n<sst count="2">', "<si><t>Plain</t></si>", "</sst>"],
    ["Café – £5 ", "naïve", "", " 😀 tail"],
    ["€".repeat(5000), "<si><t>x</t></si>", "😀".repeat(3000)],
    ["lone \uD800 high", "and \uDC00 low"],
    // Larger than a block, given whole and in rows, with pairs of surrogates across every boundary.
    ["<row>" + "x".repeat(PART_BLOCK * 2 + 1) + "</row>"],
    Array.from({ length: 3000 }, (_, i) => `<row r="${i + 1}">${"a".repeat(i % 7)}${wide(60)}</row>`),
    ["a", "b".repeat(PART_BLOCK - 2), "😀", "😀".repeat(PART_BLOCK / 2), "end"],
  ];
  const codecs: Array<[string, ZipCodec]> = [
    ["Node's zlib, a block at a time", nodeCodec],
    ["a codec that deflates the part whole", { deflateRaw: nodeDeflateRaw }],
    ["the platform's CompressionStream", streamCodec],
  ];

  it.each(codecs)("holds the UTF-8 of the text joined, its CRC-32 and size, with %s", async (_, codec) => {
    for (const pieces of cases) {
      const writer = new PartEntryWriter("xl/part.xml", codec, 1, 2);
      for (const piece of pieces) writer.write(piece);
      const entry = await writer.finish();
      const expected = Buffer.from(new TextEncoder().encode(pieces.join("")));
      expect(dataOf(entry).equals(expected)).toBe(true);
      expect(entry.size).toBe(expected.length);
      expect(entry.crc32).toBe(crc32(expected));
      expect([entry.name, entry.dosTime, entry.dosDate]).toEqual(["xl/part.xml", 1, 2]);
    }
  });

  it("keeps a part stored when deflating would not make it smaller", async () => {
    for (const text of ["", "<a/>"]) {
      const writer = new PartEntryWriter("a.xml", nodeCodec);
      writer.write(text);
      const entry = await writer.finish();
      expect(entry.method).toBe(ZIP_FORMAT.STORED);
      expect(dataOf(entry).toString()).toBe(text);
    }
  });

  it("works out a CRC-32 piece by piece as over the bytes joined, in JavaScript and in zlib", () => {
    const a = new TextEncoder().encode("The quick brown fox ");
    const b = new TextEncoder().encode("jumps over the lazy dog");
    expect(crc32(b, crc32(a))).toBe(0x414fa339);
    expect(nodeCodec.crc32?.(b, nodeCodec.crc32(a))).toBe(0x414fa339);
  });
});
