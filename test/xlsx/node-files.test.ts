import * as zlib from "node:zlib";
import { DEFLATE_PIECE, DEFLATE_PIECES_FROM, nodeDeflateRaw } from "../../src/xlsx/node-files";
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
  it.each([
    ["an empty part", 0],
    ["a part just under the size deflated in pieces", DEFLATE_PIECES_FROM - 1],
    ["a part of exactly that size", DEFLATE_PIECES_FROM],
    ["a part of a whole number of pieces", DEFLATE_PIECE * 4],
    ["a part one byte into a last piece", DEFLATE_PIECE * 3 + 1],
    ["a part of several pieces and a bit", DEFLATE_PIECES_FROM + DEFLATE_PIECE + 12345],
  ])("gives back %s exactly when inflated", async (_, length) => {
    const data = sheetLikeText(length, length + 7);
    const deflated = await nodeDeflateRaw(data);
    expect(Buffer.from(zlib.inflateRawSync(deflated)).equals(Buffer.from(data))).toBe(true);
  });

  it("deflates a large part in pieces nearly as small as deflating it whole", async () => {
    // One block of random letters over and over: each piece compresses to almost nothing only if it
    // may refer back to the piece before it (its dictionary); on its own it would spell the block out.
    const block = sheetLikeText(16384, 5).map((byte, i) => 97 + ((byte * 31 + i * 17) % 26));
    const data = new Uint8Array(DEFLATE_PIECES_FROM * 2 + 999).map((_, i) => block[i % block.length]!);
    const pieces = await nodeDeflateRaw(data);
    const whole = zlib.deflateRawSync(data);
    expect(Buffer.from(zlib.inflateRawSync(pieces)).equals(Buffer.from(data))).toBe(true);
    // Each piece looks back into the one before it (its dictionary): only the flush markers are extra.
    expect(pieces.length).toBeLessThan(whole.length * 1.01 + 64);
  });

  it("makes one deflate stream of the pieces, so a reader that stops at the last block reads it all", async () => {
    const data = sheetLikeText(DEFLATE_PIECES_FROM + 5 * DEFLATE_PIECE, 11);
    const deflated = await nodeDeflateRaw(data);
    const inflater = zlib.createInflateRaw();
    const chunks: Buffer[] = [];
    inflater.on("data", (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise<void>((resolve, reject) => {
      inflater.on("end", resolve);
      inflater.on("error", reject);
    });
    inflater.end(deflated);
    await ended;
    expect(Buffer.concat(chunks).length).toBe(data.length);
  });
});
