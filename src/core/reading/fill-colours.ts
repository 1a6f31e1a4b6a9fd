/**
 * Status fill colours as a person sees them. A fill is classified by its perceptual distance
 * (CIEDE2000: colour-difference.ts) to the colours people use for each status: reds, ambers (orange and
 * yellow), greens, blues and purples (Complete) and greys (Not started), each with its paler tints and
 * darker shades, and the Good / Neutral / Bad cell-style fills. Near-white is no fill. The workbook's
 * own key, when it has one, wins (see statusOfFill).
 */
import {
  type Lab,
  type Rgb,
  ciede2000,
  hexOfRgb,
  labOfRgb,
  mixedRgb,
  oklchChroma,
  rgbOfHex,
} from "./colour-difference";
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
  /**
   * Whether a fill this close is a clear sign of its status without a key: the reds, ambers and
   * greens with their tints, shades and cell styles, and the saturated blues (and their shades) of
   * BRAG's Complete. Purples, pale blues and greys are not: a plan uses them for other things too
   * (banding, headers, "on hold", a greyed-out row), so reading them as a status is a guess. A pale
   * blue or a grey is the colour plans use by convention for Complete or Not started, so a column
   * whose other fills are clear statuses may confirm it ("scheme"); a purple never is.
   */
  readonly clear: "yes" | "scheme" | "no";
}

const WHITE_RGB: Rgb = { r: 1, g: 1, b: 1 };
const BLACK_RGB: Rgb = { r: 0, g: 0, b: 0 };

/** The purples some BRAG schemes use for Complete: read as Complete, but only as a guess. */
const PURPLES: ReadonlySet<string> = new Set(["#7030A0", "#8064A2"]);

function prototypes(): Prototype[] {
  const out: Prototype[] = [];
  for (const [status, fills] of BASE_FILLS) {
    const rag = status !== "Complete";
    for (const hex of fills) {
      const purple = PURPLES.has(hex);
      const own = rag || !purple ? "yes" : "no";
      const tint = rag ? "yes" : purple ? "no" : "scheme";
      out.push({ status, hex, clear: own });
      const rgb = rgbOfHex(hex)!;
      for (const t of TINTS) out.push({ status, hex: hexOfRgb(mixedRgb(rgb, WHITE_RGB, t)), clear: tint });
      for (const s of SHADES) out.push({ status, hex: hexOfRgb(mixedRgb(rgb, BLACK_RGB, s)), clear: own });
    }
  }
  for (const [status, fills] of PALE_FILLS) {
    // Excel's pale purple (#E4DFEC, #CCCCFF) is a purple too.
    for (const hex of fills) {
      const purple = hex === "#E4DFEC" || hex === "#CCCCFF";
      out.push({ status, hex, clear: status !== "Complete" ? "yes" : purple ? "no" : "scheme" });
    }
  }
  for (const hex of GREYS) out.push({ status: "Not started", hex, clear: "scheme" });
  return out;
}

/** A colour as the classifier compares it: CIELAB for distances, sRGB for its chroma. */
interface Colour {
  readonly rgb: Rgb;
  readonly lab: Lab;
}

function colourOrNull(hex: string): Colour | null {
  const rgb = rgbOfHex(hex);
  return rgb === null ? null : { rgb, lab: labOfRgb(rgb) };
}

function colourOf(hex: string): Colour {
  const colour = colourOrNull(hex);
  if (!colour) throw new Error(`Not a colour: ${hex}`);
  return colour;
}

const distance = (a: Colour, b: Colour): number => ciede2000(a.lab, b.lab);

const PROTOTYPES = prototypes().map((p) => ({ ...p, colour: colourOf(p.hex) }));
const WHITE = colourOf("#FFFFFF");
const BLACK = colourOf("#000000");

/** Closer than this to white reads as no fill (a faint band or "white, darker 5 %"). */
const NEAR_WHITE = 4.5;
/** A pale colour with barely any hue (a beige or off-white band) also reads as no fill. */
const PALE_NEUTRAL = { distance: 7, chroma: 0.02 };

function looksWhite(colour: Colour): boolean {
  const d = distance(colour, WHITE);
  return d < NEAR_WHITE || (d < PALE_NEUTRAL.distance && oklchChroma(colour.rgb) < PALE_NEUTRAL.chroma);
}
/** Farther than this from every status colour is a fill the reader does not know. */
const FAR = 14;

/** The CIEDE2000 distance between two "#RRGGBB" colours. */
export function fillDistance(a: string, b: string): number {
  const ca = colourOrNull(a);
  const cb = colourOrNull(b);
  return ca && cb ? distance(ca, cb) : Infinity;
}

/** A fill within this of a clear status colour, and nearer it by CLEAR_MARGIN than any other status's, is clear. */
const CLEAR_NEAR = 10;
const CLEAR_MARGIN = 5;

/** A status a fill shows as a person reads it, and how clear a sign of it the colour is (see Prototype). */
interface Classified {
  readonly status: Status;
  readonly clear: Prototype["clear"];
}

function classify(fill: string): Classified | null {
  const colour = colourOrNull(fill);
  if (!colour || looksWhite(colour) || distance(colour, BLACK) < 12) return null;
  let best: (Prototype & { d: number }) | null = null;
  const nearestOf = new Map<Status, number>();
  for (const p of PROTOTYPES) {
    const d = distance(colour, p.colour);
    nearestOf.set(p.status, Math.min(d, nearestOf.get(p.status) ?? Infinity));
    if (!best || d < best.d) best = { ...p, d };
  }
  if (best === null || best.d > FAR) return null;
  let other = Infinity;
  for (const [status, d] of nearestOf) if (status !== best.status) other = Math.min(other, d);
  const near = best.d <= CLEAR_NEAR && other - best.d >= CLEAR_MARGIN;
  return { status: best.status, clear: near ? best.clear : "no" };
}

const classifyOnce = memoise(1000, classify);

/**
 * The status a fill means to a person, or null for no fill, white, black or a colour that is near no
 * status colour. standardStatusOfFill("#FF0000") === "Red"; standardStatusOfFill("#FFEB9C") === "Amber"
 * (Neutral); standardStatusOfFill("#C6E0B4") === "Green" (a 60 % tint of green).
 */
export function standardStatusOfFill(fill: string | null): Status | null {
  const hex = normaliseFill(fill);
  return hex === null || isNoFill(hex) ? null : (classifyOnce(hex)?.status ?? null);
}

/** A key's colours are matched this loosely: a tint of a key colour is that key's status. */
const KEY_NEAR = 10;

/**
 * A fill read as a status: from the workbook's key, or as a person reads the colour; `guessed` when no
 * key defines the colour and it is not a clear status colour (a purple, a pale blue, a grey, a colour
 * between two statuses), so the reader says it guessed and Apply schema keeps the fill, unless
 * `schemeMayConfirm` (a pale blue or a grey) and the column's other fills confirm it.
 */
export interface FillReading {
  readonly status: Status;
  readonly fromKey: boolean;
  readonly guessed: boolean;
  readonly schemeMayConfirm: boolean;
}

/** A key's entry as the fill reader uses it: a status of null for a colour the key gives a meaning that is no status. */
export interface KeyFill {
  readonly fill: string;
  readonly status: Status | null;
}

/**
 * The status a fill means in a workbook with the given key (its own colours first), else as a person
 * reads it; null for no fill, a colour near no status colour, or one the key says is no status.
 * statusOfFill("#7030A0", []) → { status: "Complete", fromKey: false, guessed: true, … };
 * statusOfFill("#7030A0", [{ fill: "#7030A0", status: "Complete" }]) → { …, fromKey: true, guessed: false }.
 */
export function statusOfFill(fill: string, key: ReadonlyArray<KeyFill>): FillReading | null {
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

const KEYED = new WeakMap<object, Map<string, FillReading | null>>();

function statusOfFillUncached(fill: string, key: ReadonlyArray<KeyFill>): FillReading | null {
  const hex = normaliseFill(fill);
  if (hex === null || isNoFill(hex)) return null;
  const exact = key.find((k) => k.fill === hex);
  if (exact) return exact.status === null ? null : { status: exact.status, ...FROM_KEY };
  let nearest: { status: Status | null; d: number } | null = null;
  for (const k of key) {
    const d = fillDistance(hex, k.fill);
    if (!nearest || d < nearest.d) nearest = { status: k.status, d };
  }
  if (nearest && nearest.d <= KEY_NEAR) {
    return nearest.status === null ? null : { status: nearest.status, ...FROM_KEY };
  }
  const standard = classifyOnce(hex);
  if (standard === null) return null;
  return {
    status: standard.status,
    fromKey: false,
    guessed: standard.clear !== "yes",
    schemeMayConfirm: standard.clear === "scheme",
  };
}

const FROM_KEY = { fromKey: true, guessed: false, schemeMayConfirm: false } as const;

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
  const colour = colourOrNull(hex);
  return colour === null || looksWhite(colour);
});

/** White, and fills so close to white that a reader of the sheet sees none, count as no fill. */
export function isNoFill(fill: string | null): boolean {
  return fill === null || fill === "#FFFFFF" || nearWhiteOnce(fill);
}
