/**
 * Status fill colours as a person sees them. A fill is classified by its perceptual distance
 * (CIEDE2000, computed by culori) to the colours people use for each status: reds, ambers (orange and
 * yellow), greens, blues and purples (Complete) and greys (Not started), each with its paler tints and
 * darker shades, and the Good / Neutral / Bad cell-style fills. Near-white is no fill. The workbook's
 * own key, when it has one, wins (see statusOfFill).
 */
import { converter, differenceCiede2000, formatHex, interpolate, parse } from "culori";
import { memoise } from "../basics/memo";
import type { Status } from "../basics/plan-model";

/** Colours people fill status cells with, by the status they mean. */
const BASE_FILLS: ReadonlyArray<readonly [Status, readonly string[]]> = [
  ["Red", ["#FF0000", "#C00000", "#E6194B", "#F8696B", "#FF5050", "#C0504D"]],
  ["Amber", ["#FFC000", "#FFFF00", "#ED7D31", "#FFA500", "#F79646", "#FFD700", "#FFEB84"]],
  ["Green", ["#00B050", "#92D050", "#00FF00", "#008000", "#70AD47", "#9BBB59", "#63BE7B"]],
  ["Complete", ["#0070C0", "#00B0F0", "#4472C4", "#4F81BD", "#5B9BD5", "#0000FF", "#7030A0", "#8064A2"]],
];
/** Fills that are already pale: Excel's Good / Neutral / Bad cell styles and common pastels. */
const PALE_FILLS: ReadonlyArray<readonly [Status, readonly string[]]> = [
  ["Red", ["#FFC7CE", "#FFCCCC", "#F2DCDB"]],
  ["Amber", ["#FFEB9C", "#FFF2CC", "#FCE4D6", "#FFFF99", "#FFE699"]],
  ["Green", ["#C6EFCE", "#CCFFCC", "#E2EFDA", "#EBF1DE"]],
  ["Complete", ["#DDEBF7", "#BDD7EE", "#CCCCFF", "#E4DFEC", "#DCE6F1"]],
];
const GREYS = [
  "#D9D9D9",
  "#BFBFBF",
  "#A6A6A6",
  "#808080",
  "#7F7F7F",
  "#C0C0C0",
  "#595959",
  "#E7E6E6",
  "#D0CECE",
];

/** Lighter 40 / 60 / 80 % and darker 25 / 50 %, as Excel's colour picker offers them. */
const TINTS = [0.4, 0.6, 0.8];
const SHADES = [0.25, 0.5];

interface Prototype {
  readonly status: Status;
  readonly hex: string;
}

function prototypes(): Prototype[] {
  const out: Prototype[] = [];
  for (const [status, fills] of BASE_FILLS) {
    for (const hex of fills) {
      out.push({ status, hex });
      const toWhite = interpolate([hex, "#FFFFFF"], "rgb");
      const toBlack = interpolate([hex, "#000000"], "rgb");
      for (const t of TINTS) out.push({ status, hex: formatHex(toWhite(t)) });
      for (const s of SHADES) out.push({ status, hex: formatHex(toBlack(s)) });
    }
  }
  for (const [status, fills] of PALE_FILLS) for (const hex of fills) out.push({ status, hex });
  for (const hex of GREYS) out.push({ status: "Not started", hex });
  return out;
}

const distance = differenceCiede2000();
type Colour = NonNullable<ReturnType<typeof parse>>;

/** CIEDE2000 works in CIELAB: colours compared often are converted once. */
const toLab = converter("lab65");

function colourOf(hex: string): Colour {
  const colour = parse(hex);
  if (!colour) throw new Error(`Not a colour: ${hex}`);
  return toLab(colour);
}

const PROTOTYPES = prototypes().map((p) => ({ ...p, colour: colourOf(p.hex) }));
const WHITE = colourOf("#FFFFFF");
const BLACK = colourOf("#000000");

/** Closer than this to white reads as no fill (a faint band or "white, darker 5 %"). */
const NEAR_WHITE = 4.5;
/** A pale colour with barely any hue (a beige or off-white band) also reads as no fill. */
const PALE_NEUTRAL = { distance: 7, chroma: 0.02 };
const toOklch = converter("oklch");

function looksWhite(colour: Colour): boolean {
  const d = distance(colour, WHITE);
  return d < NEAR_WHITE || (d < PALE_NEUTRAL.distance && (toOklch(colour).c ?? 0) < PALE_NEUTRAL.chroma);
}
/** Farther than this from every status colour is a fill the reader does not know. */
const FAR = 14;

/** The CIEDE2000 distance between two "#RRGGBB" colours. */
export function fillDistance(a: string, b: string): number {
  const ca = parse(a);
  const cb = parse(b);
  return ca && cb ? distance(ca, cb) : Infinity;
}

function classify(fill: string): Status | null {
  const parsed = parse(fill);
  const colour = parsed ? toLab(parsed) : undefined;
  if (!colour || looksWhite(colour) || distance(colour, BLACK) < 12) return null;
  let best: { status: Status; d: number } | null = null;
  for (const p of PROTOTYPES) {
    const d = distance(colour, p.colour);
    if (!best || d < best.d) best = { status: p.status, d };
  }
  return best !== null && best.d <= FAR ? best.status : null;
}

const classifyOnce = memoise(1000, classify);

/**
 * The status a fill means to a person, or null for no fill, white, black or a colour that is near no
 * status colour. standardStatusOfFill("#FF0000") === "Red"; standardStatusOfFill("#FFEB9C") === "Amber"
 * (Neutral); standardStatusOfFill("#C6E0B4") === "Green" (a 60 % tint of green).
 */
export function standardStatusOfFill(fill: string | null): Status | null {
  const hex = normaliseFill(fill);
  return hex === null || isNoFill(hex) ? null : classifyOnce(hex);
}

/** A key's colours are matched this loosely: a tint of a key colour is that key's status. */
const KEY_NEAR = 10;

/**
 * The status a fill means in a workbook with the given key (its own colours first), else as a person
 * reads it. `fromKey` says whether the key decided.
 */
export function statusOfFill(
  fill: string,
  key: ReadonlyArray<{ readonly fill: string; readonly status: Status }>,
): { status: Status; fromKey: boolean } | null {
  // A sheet has a handful of fills, asked about on every status cell: each is worked out once per key.
  let known = KEYED.get(key);
  if (!known) {
    known = new Map();
    KEYED.set(key, known);
  }
  const found = known.get(fill);
  if (found !== undefined) return found;
  const status = statusOfFillUncached(fill, key);
  if (known.size < 1000) known.set(fill, status);
  return status;
}

const KEYED = new WeakMap<object, Map<string, { status: Status; fromKey: boolean } | null>>();

function statusOfFillUncached(
  fill: string,
  key: ReadonlyArray<{ readonly fill: string; readonly status: Status }>,
): { status: Status; fromKey: boolean } | null {
  const hex = normaliseFill(fill);
  if (hex === null || isNoFill(hex)) return null;
  const exact = key.find((k) => k.fill === hex);
  if (exact) return { status: exact.status, fromKey: true };
  let nearest: { status: Status; d: number } | null = null;
  for (const k of key) {
    const d = fillDistance(hex, k.fill);
    if (!nearest || d < nearest.d) nearest = { status: k.status, d };
  }
  if (nearest && nearest.d <= KEY_NEAR) return { status: nearest.status, fromKey: true };
  const standard = classifyOnce(hex);
  return standard === null ? null : { status: standard, fromKey: false };
}

/** "#ff0000", "FF0000", "FFFF0000" (ARGB) → "#FF0000"; anything else → null. */
export function normaliseFill(fill: string | null | undefined): string | null {
  if (!fill) return null;
  // A workbook has a handful of fills, asked about on every status cell.
  return hexOfOnce(fill);
}

function hexOf(fill: string): string | null {
  const hex = fill.trim().replace(/^#/, "").toUpperCase();
  if (/^[0-9A-F]{8}$/.test(hex)) return `#${hex.slice(2)}`;
  if (/^[0-9A-F]{6}$/.test(hex)) return `#${hex}`;
  return null;
}

const hexOfOnce = memoise(1000, hexOf);

const nearWhiteOnce = memoise(1000, (hex: string): boolean => {
  const colour = parse(hex);
  return colour === undefined || looksWhite(colour);
});

/** White, and fills so close to white that a reader of the sheet sees none, count as no fill. */
export function isNoFill(fill: string | null): boolean {
  return fill === null || fill === "#FFFFFF" || nearWhiteOnce(fill);
}
