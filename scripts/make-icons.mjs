// Draws the add-in's icons (assets/icon-N.png): a rounded dark-teal square holding three bars in the
// RAG colours, tallest green. Plain RGBA PNGs encoded with node's zlib, so no image library is needed.
// Regenerate with `node scripts/make-icons.mjs`; the PNGs are committed.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const SIZES = [16, 32, 64, 80, 128];
const SUPERSAMPLE = 4;

const BACKGROUND = [0x1f, 0x4e, 0x5f];
const BARS = [
  { colour: [0xd1, 0x34, 0x38], height: 0.34 }, // red
  { colour: [0xf2, 0xa9, 0x00], height: 0.5 }, // amber
  { colour: [0x3a, 0xa7, 0x5a], height: 0.66 }, // green
];

/** Coverage (0..1) of the shapes at a point in unit coordinates: 0 outside, 1 inside. */
function shapeAt(x, y) {
  const radius = 0.2;
  const inset = 0.02;
  const cx = Math.min(Math.max(x, inset + radius), 1 - inset - radius);
  const cy = Math.min(Math.max(y, inset + radius), 1 - inset - radius);
  const inSquare = (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 && x >= inset && y >= inset;
  if (!inSquare) return null;
  const barWidth = 0.18;
  const gap = 0.07;
  const left0 = (1 - (3 * barWidth + 2 * gap)) / 2;
  const baseline = 0.83;
  for (const [i, bar] of BARS.entries()) {
    const left = left0 + i * (barWidth + gap);
    if (x >= left && x < left + barWidth && y <= baseline && y >= baseline - bar.height) return bar.colour;
  }
  return BACKGROUND;
}

function pixels(size) {
  const data = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy += 1) {
        for (let sx = 0; sx < SUPERSAMPLE; sx += 1) {
          const colour = shapeAt(
            (px + (sx + 0.5) / SUPERSAMPLE) / size,
            (py + (sy + 0.5) / SUPERSAMPLE) / size,
          );
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (covered > 0) {
        data[o] = Math.round(r / covered);
        data[o + 1] = Math.round(g / covered);
        data[o + 2] = Math.round(b / covered);
      }
      data[o + 3] = Math.round((255 * covered) / n);
    }
  }
  return data;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, body) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y += 1) {
    raw[y * (stride + 1)] = 0; // filter: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../assets");
mkdirSync(outDir, { recursive: true });
for (const size of SIZES) {
  const file = path.join(outDir, `icon-${size}.png`);
  writeFileSync(file, encodePng(size, pixels(size)));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
