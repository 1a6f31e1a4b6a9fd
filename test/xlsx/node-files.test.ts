import * as zlib from "node:zlib";
import { nodeCodec, nodeDeflateRaw } from "../../src/xlsx/node-files";
import { ZIP_FORMAT } from "../../src/xlsx/package-zip";
import { PART_BLOCK, PartEntryWriter } from "../../src/xlsx/zip-parts";
import { seededIndexes } from "../support/seeded-random";

/** Text like a worksheet's: rows repeating with small changes, so deflate finds matches far back. */
function sheetLikeText(length: number, seed: number): Uint8Array {
  let text = "";
  const next = seededIndexes(seed);
  for (let row = 1; text.length < length; row++) {
    text += `<row r="${row}"><c r="A${row}" t="s"><v>${next(977)}</v></c><c r="B${row}"><v>${row * 3}</v></c></row>`;
  }
  return new TextEncoder().encode(text.slice(0, length));
}

describe("the CLI's deflate", () => {
  /** A large part's text as rows, given to the writer one at a time as a sheet gives them. */
  async function entryOfRows(rows: readonly string[]) {
    const writer = new PartEntryWriter("xl/worksheets/sheet1.xml", nodeCodec);
    for (const row of rows) writer.write(row);
    return writer.finish();
  }

  it.each([
    ["an empty part", 0],
    ["a part under one block", PART_BLOCK - 1],
    ["a part of exactly one block", PART_BLOCK],
    ["a part of a whole number of blocks", PART_BLOCK * 4],
    ["a part one byte into a last block", PART_BLOCK * 3 + 1],
  ])("gives back %s exactly when inflated, whole or in blocks", async (_, length) => {
    const data = sheetLikeText(length, length + 7);
    const whole = await nodeDeflateRaw(data);
    expect(Buffer.from(zlib.inflateRawSync(whole)).equals(Buffer.from(data))).toBe(true);
    const entry = await entryOfRows([new TextDecoder().decode(data)]);
    const inBlocks = entry.method === ZIP_FORMAT.DEFLATED ? zlib.inflateRawSync(entry.body) : entry.body;
    expect(Buffer.from(inBlocks).equals(Buffer.from(data))).toBe(true);
  });

  it("deflates a large part in blocks nearly as small as deflating it whole", async () => {
    // One run of random letters over and over: each block compresses to almost nothing only if it
    // may refer back to the block before it (its dictionary); on its own it would spell the run out.
    const run = Array.from(sheetLikeText(16384, 5), (byte, i) =>
      String.fromCharCode(97 + ((byte * 31 + i * 17) % 26)),
    ).join("");
    const text = run.repeat(Math.ceil((PART_BLOCK * 4 + 999) / run.length));
    const entry = await entryOfRows([text]);
    const whole = zlib.deflateRawSync(Buffer.from(text), { level: 5 });
    expect(zlib.inflateRawSync(entry.body).toString()).toBe(text);
    // Each block looks back into the one before it: only the flush markers are extra.
    expect(entry.body.length).toBeLessThan(whole.length * 1.01 + 64);
  });

  it("makes one deflate stream of the blocks, so a reader that stops at the last block reads it all", async () => {
    const text = new TextDecoder().decode(sheetLikeText(PART_BLOCK * 5 + 12345, 11));
    const entry = await entryOfRows(text.match(/<row[^]*?<\/row>|[^]+$/g) ?? []);
    const inflater = zlib.createInflateRaw();
    const chunks: Buffer[] = [];
    inflater.on("data", (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise<void>((resolve, reject) => {
      inflater.on("end", resolve);
      inflater.on("error", reject);
    });
    inflater.end(entry.body);
    await ended;
    expect(Buffer.concat(chunks).toString()).toBe(text);
  });
});
