import JSZip from "jszip";
import ExcelJS from "exceljs";
import { crc32, storedZipParts, streamDeflateRaw, zipOfParts } from "../../src/xlsx/zip-parts";
import { nodeDeflateRaw } from "../../src/xlsx/node-files";
import { workbookBytes } from "../support/exceljs/xlsx-file";

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

  it("takes the parts out of a stored zip with their names, bytes and CRCs", async () => {
    const noise = randomBytes(500);
    const parts = storedZipParts(
      await storedZip({ "a.xml": "<a>é</a>", "xl/Übersicht.xml": "x", bin: noise }),
    );
    expect(parts.map((p) => p.name)).toEqual(["a.xml", "xl/Übersicht.xml", "bin"]);
    expect(new TextDecoder().decode(parts[0]!.data)).toBe("<a>é</a>");
    expect(parts[2]!.data).toEqual(noise);
    for (const part of parts) expect(part.crc32).toBe(crc32(part.data));
  });

  it("refuses a zip whose parts are compressed", async () => {
    const zip = new JSZip();
    zip.file("a.xml", "<a/>".repeat(100));
    const deflated = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    expect(() => storedZipParts(deflated)).toThrow("a.xml is compressed");
  });

  it.each([
    ["Node's zlib", nodeDeflateRaw],
    ["CompressionStream", streamDeflateRaw],
  ])("writes a zip JSZip reads back whole, deflated with %s", async (_name, deflate) => {
    const text = "<row>repeated text</row>".repeat(2000);
    const noise = randomBytes(3000);
    const parts = storedZipParts(
      await storedZip({ "big.xml": text, "noise.bin": noise, "dir/ünï.xml": "<x/>" }),
    );
    const zipped = await zipOfParts(parts, deflate);
    expect(zipped.length).toBeLessThan(text.length / 10);
    const back = await JSZip.loadAsync(zipped, { checkCRC32: true });
    expect(Object.keys(back.files)).toEqual(["big.xml", "noise.bin", "dir/ünï.xml"]);
    expect(await back.file("big.xml")!.async("string")).toBe(text);
    expect(await back.file("noise.bin")!.async("uint8array")).toEqual(noise);
    expect(await back.file("dir/ünï.xml")!.async("string")).toBe("<x/>");
  });

  it("saves a workbook ExcelJS reads back, smaller than JSZip's own deflate", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Plan 2012-13");
    for (let i = 1; i <= 300; i++)
      sheet.addRow([`${i}`, `Action ${i}: agree the approach with partners`, "Red"]);
    const saved = await workbookBytes(workbook);
    const jszipSaved = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(saved.length).toBeLessThanOrEqual(jszipSaved.length * 1.05);
    const back = await new ExcelJS.Workbook().xlsx.load(saved.buffer);
    expect(back.getWorksheet("Plan 2012-13")!.getCell("B300").value).toBe(
      "Action 300: agree the approach with partners",
    );
  });
});
