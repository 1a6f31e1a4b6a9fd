/**
 * The colour science the fill reader needs, and no more: "#RRGGBB" to CIELAB (D65), the CIEDE2000
 * difference between two colours, OKLCH chroma, and mixing two colours in sRGB as Excel's tints and
 * shades do. Written out here rather than taken from a colour library: a library registers every
 * colour space it knows when it loads, which every CLI run and the task pane paid for at start.
 *
 * Sources (facts, not code): IEC 61966-2-1 (the sRGB transfer curve and its D65 matrix, as CSS Color 4
 * states it), CIE 15 (CIELAB), Sharma, Wu and Dalal, "The CIEDE2000 Color-Difference Formula" (2005),
 * and Ottosson, "A perceptual color space for image processing" (2020) for OKLab.
 */

/** A colour in CIELAB under D65: lightness 0–100, a and b around 0. */
export interface Lab {
  readonly l: number;
  readonly a: number;
  readonly b: number;
}

/** A colour as sRGB channels from 0 to 1. */
export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** "#RRGGBB" (either case) as channels 0–1; null for anything else. */
export function rgbOfHex(hex: string): Rgb | null {
  if (!/^#[0-9a-fA-F]{6}$/.test(hex)) return null;
  const n = parseInt(hex.slice(1), 16);
  return { r: ((n >> 16) & 255) / 255, g: ((n >> 8) & 255) / 255, b: (n & 255) / 255 };
}

/** Channels 0–1 as "#rrggbb", each clamped and rounded to the nearest of 0–255. */
export function hexOfRgb({ r, g, b }: Rgb): string {
  const byte = (c: number): number => Math.round(Math.min(1, Math.max(0, c)) * 255);
  return `#${((1 << 24) | (byte(r) << 16) | (byte(g) << 8) | byte(b)).toString(16).slice(1)}`;
}

/** The colour `t` of the way from `from` to `to`, each sRGB channel mixed in a straight line. */
export function mixedRgb(from: Rgb, to: Rgb, t: number): Rgb {
  return {
    r: from.r + (to.r - from.r) * t,
    g: from.g + (to.g - from.g) * t,
    b: from.b + (to.b - from.b) * t,
  };
}

/** The sRGB transfer curve undone: a channel's light, linear. */
function linear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** D65's white point in XYZ (from its chromaticity x 0.3127, y 0.3290). */
const WHITE_X = 0.3127 / 0.329;
const WHITE_Z = (1 - 0.3127 - 0.329) / 0.329;
/** CIELAB's break between its cube root and its straight segment: (6/29)³ and (29/3)³. */
const EPSILON = 216 / 24389;
const KAPPA = 24389 / 27;

function labCurve(t: number): number {
  return t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}

/** sRGB to CIELAB under D65, through linear light and CIE XYZ. */
export function labOfRgb({ r, g, b }: Rgb): Lab {
  const lr = linear(r);
  const lg = linear(g);
  const lb = linear(b);
  const x = 0.4123907992659593 * lr + 0.357584339383878 * lg + 0.1804807884018343 * lb;
  const y = 0.2126390058715102 * lr + 0.715168678767756 * lg + 0.0721923153607337 * lb;
  const z = 0.0193308187155918 * lr + 0.119194779794626 * lg + 0.9505321522496607 * lb;
  const fx = labCurve(x / WHITE_X);
  const fy = labCurve(y);
  const fz = labCurve(z / WHITE_Z);
  return { l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

/** How colourful a colour is in OKLCH (0 for a grey; about 0.3 for the most vivid sRGB colours). */
export function oklchChroma({ r, g, b }: Rgb): number {
  const lr = linear(r);
  const lg = linear(g);
  const lb = linear(b);
  const l = Math.cbrt(0.412221469470763 * lr + 0.5363325372617348 * lg + 0.0514459932675022 * lb);
  const m = Math.cbrt(0.2119034958178252 * lr + 0.6806995506452344 * lg + 0.1073969535369406 * lb);
  const s = Math.cbrt(0.0883024591900564 * lr + 0.2817188391361215 * lg + 0.6299787016738222 * lb);
  const a = 1.9779985324311684 * l - 2.4285922420485799 * m + 0.450593709617411 * s;
  const bb = 0.0259040424655478 * l + 0.7827717124575296 * m - 0.8086757549230774 * s;
  return Math.hypot(a, bb);
}

const TWENTY_FIVE_TO_THE_SEVENTH = 25 ** 7;
const DEGREES = Math.PI / 180;

/** A hue angle in radians, 0 to 2π; 0 where a and b are both 0 (a grey has no hue). */
function hueAngle(a: number, b: number): number {
  if (a === 0 && b === 0) return 0;
  const h = Math.atan2(b, a);
  return h < 0 ? h + 2 * Math.PI : h;
}

/**
 * The CIEDE2000 colour difference between two CIELAB colours (kL = kC = kH = 1): about 1 is the
 * smallest difference a person notices side by side.
 */
export function ciede2000(first: Lab, second: Lab): number {
  const c1 = Math.hypot(first.a, first.b);
  const c2 = Math.hypot(second.a, second.b);
  const meanC7 = ((c1 + c2) / 2) ** 7;
  // a* stretched for near-neutral colours, where CIELAB's hue is least even.
  const g = 0.5 * (1 - Math.sqrt(meanC7 / (meanC7 + TWENTY_FIVE_TO_THE_SEVENTH)));
  const a1 = first.a * (1 + g);
  const a2 = second.a * (1 + g);
  const cp1 = Math.hypot(a1, first.b);
  const cp2 = Math.hypot(a2, second.b);
  const h1 = hueAngle(a1, first.b);
  const h2 = hueAngle(a2, second.b);
  const neutral = cp1 * cp2 === 0;

  let dh = neutral ? 0 : h2 - h1;
  if (dh > Math.PI) dh -= 2 * Math.PI;
  else if (dh < -Math.PI) dh += 2 * Math.PI;
  const dL = second.l - first.l;
  const dC = cp2 - cp1;
  const dH = 2 * Math.sqrt(cp1 * cp2) * Math.sin(dh / 2);

  const meanL = (first.l + second.l) / 2;
  const meanCp = (cp1 + cp2) / 2;
  let meanH = h1 + h2;
  if (!neutral) {
    meanH /= 2;
    if (Math.abs(h1 - h2) > Math.PI) meanH -= Math.PI;
    if (meanH < 0) meanH += 2 * Math.PI;
  }
  const t =
    1 -
    0.17 * Math.cos(meanH - 30 * DEGREES) +
    0.24 * Math.cos(2 * meanH) +
    0.32 * Math.cos(3 * meanH + 6 * DEGREES) -
    0.2 * Math.cos(4 * meanH - 63 * DEGREES);
  const fromMid = (meanL - 50) ** 2;
  const sL = 1 + (0.015 * fromMid) / Math.sqrt(20 + fromMid);
  const sC = 1 + 0.045 * meanCp;
  const sH = 1 + 0.015 * meanCp * t;
  const meanCp7 = meanCp ** 7;
  const rC = 2 * Math.sqrt(meanCp7 / (meanCp7 + TWENTY_FIVE_TO_THE_SEVENTH));
  // The blue region's rotation term: hue and chroma differences interact around 275°.
  const theta = 30 * DEGREES * Math.exp(-(((meanH / DEGREES - 275) / 25) ** 2));
  const rT = -Math.sin(2 * theta) * rC;
  const l = dL / sL;
  const c = dC / sC;
  const h = dH / sH;
  return Math.sqrt(l * l + c * c + h * h + rT * c * h);
}
