/**
 * Reading xl/theme/theme1.xml's colour scheme, and colours as styles.xml gives them (rgb, theme +
 * tint, indexed) resolved to "#RRGGBB" against the workbook's own theme.
 */
import type { ZipPackage } from "./package-zip";
import { localName, scanPart } from "./part-package";

/**
 * Excel's default Office theme (2013 and later), by theme colour index: what a workbook without a
 * theme part shows.
 */
export const OFFICE_THEME_COLOURS: readonly string[] = [
  "FFFFFF", // 0 lt1 (Background 1)
  "000000", // 1 dk1 (Text 1)
  "E7E6E6", // 2 lt2 (Background 2)
  "44546A", // 3 dk2 (Text 2)
  "4472C4", // 4 accent1
  "ED7D31", // 5 accent2
  "A5A5A5", // 6 accent3
  "FFC000", // 7 accent4
  "5B9BD5", // 8 accent5
  "70AD47", // 9 accent6
  "0563C1", // 10 hyperlink
  "954F72", // 11 followed hyperlink
];

/**
 * The scheme's colours in the order styles.xml indexes them. The scheme lists dk1, lt1, dk2, lt2,
 * accents, hlink, folHlink; a `theme="0"` colour is lt1 and `theme="1"` dk1 (the first two pairs are
 * swapped: ECMA-376 Part 1, 18.8.3 and [MS-OI29500] 2.1.596).
 */
const SCHEME_ORDER = [
  "lt1",
  "dk1",
  "lt2",
  "dk2",
  "accent1",
  "accent2",
  "accent3",
  "accent4",
  "accent5",
  "accent6",
  "hlink",
  "folHlink",
];

/**
 * The theme part's colour scheme by theme colour index ("RRGGBB"), a slot the part leaves out taken
 * from the default Office theme; the default theme when `partName` is null or missing.
 */
export function readThemeColours(zip: ZipPackage, partName: string | null): string[] {
  const colours = [...OFFICE_THEME_COLOURS];
  if (partName === null) return colours;
  let inScheme = false;
  let slot = -1;
  scanPart(zip, partName, {
    start(tag) {
      const name = localName(tag.name);
      if (name === "clrScheme") inScheme = true;
      else if (inScheme && slot < 0) slot = SCHEME_ORDER.indexOf(name);
      else if (inScheme && slot >= 0) {
        // sysClr keeps the colour it last had as lastClr; srgbClr has it as val.
        const value =
          name === "sysClr" ? tag.attributes.lastClr : name === "srgbClr" ? tag.attributes.val : undefined;
        if (value !== undefined && /^[0-9A-Fa-f]{6}$/.test(value)) colours[slot] = value.toUpperCase();
      }
    },
    end(tag) {
      const name = localName(tag.name);
      if (name === "clrScheme") inScheme = false;
      else if (slot >= 0 && SCHEME_ORDER[slot] === name) slot = -1;
    },
  });
  return colours;
}

/** The legacy palette's first eight colours, which it lists twice (indices 0–7 and again 8–15). */
const BASIC_COLOURS = ["000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF"];

/** The legacy indexed colour palette (styles.xml's default indexedColors, ECMA-376 Part 1, 18.8.27). */
export const DEFAULT_INDEXED_COLOURS: readonly string[] = [
  ...BASIC_COLOURS,
  ...BASIC_COLOURS,
  "800000",
  "008000",
  "000080",
  "808000",
  "800080",
  "008080",
  "C0C0C0",
  "808080",
  "9999FF",
  "993366",
  "FFFFCC",
  "CCFFFF",
  "660066",
  "FF8080",
  "0066CC",
  "CCCCFF",
  "000080",
  "FF00FF",
  "FFFF00",
  "00FFFF",
  "800080",
  "800000",
  "008080",
  "0000FF",
  "00CCFF",
  "CCFFFF",
  "CCFFCC",
  "FFFF99",
  "99CCFF",
  "FF99CC",
  "CC99FF",
  "FFCC99",
  "3366FF",
  "33CCCC",
  "99CC00",
  "FFCC00",
  "FF9900",
  "FF6600",
  "666699",
  "969696",
  "003366",
  "339966",
  "003300",
  "333300",
  "993300",
  "993366",
  "333399",
  "333333",
];

/**
 * An RGB colour ("RRGGBB") with a tint (-1…1) applied to its luminance, as CT_Color's tint says
 * (ECMA-376 Part 1, 18.8.19 and 18.3.1.15): in HSL, a negative tint scales the luminance down
 * (L × (1 + tint)), a positive one moves it towards white (L × (1 − tint) + tint); hue and
 * saturation are kept.
 */
export function tintColour(rgb: string, tint: number): string {
  if (!tint) return rgb;
  const n = parseInt(rgb, 16);
  const r = ((n >> 16) & 255) / 255;
  const g = ((n >> 8) & 255) / 255;
  const b = (n & 255) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  let h = 0;
  let s = 0;
  let l = (max + min) / 2;
  const d = max - min;
  if (d !== 0) {
    s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
    if (max === r) h = (g - b) / d + (g < b ? 6 : 0);
    else if (max === g) h = (b - r) / d + 2;
    else h = (r - g) / d + 4;
    h /= 6;
  }
  l = tint < 0 ? l * (1 + tint) : l * (1 - tint) + tint;
  const hue = (p: number, q: number, t: number): number => {
    const tt = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (tt < 1 / 6) return p + (q - p) * 6 * tt;
    if (tt < 1 / 2) return q;
    if (tt < 2 / 3) return p + (q - p) * (2 / 3 - tt) * 6;
    return p;
  };
  let out: number[];
  if (s === 0) out = [l, l, l];
  else {
    const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
    const p = 2 * l - q;
    out = [hue(p, q, h + 1 / 3), hue(p, q, h), hue(p, q, h - 1 / 3)];
  }
  return out
    .map((v) =>
      Math.round(Math.min(1, Math.max(0, v)) * 255)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")
    .toUpperCase();
}

/** A colour element's attributes (CT_Color) as the file has them. */
export interface ColourAttributes {
  readonly rgb?: string;
  readonly theme?: string;
  readonly tint?: string;
  readonly indexed?: string;
}

/** The palettes a colour resolves against. */
export interface Palettes {
  readonly theme: readonly string[];
  readonly indexed: readonly string[];
}

/**
 * A colour as "#RRGGBB", or null (automatic, or an index past the palette). CT_Color's rgb is ARGB;
 * the alpha byte is dropped as Excel draws fills opaque.
 */
export function resolveColour(colour: ColourAttributes, palettes: Palettes): string | null {
  if (colour.rgb !== undefined) {
    const hex = colour.rgb.toUpperCase();
    if (/^[0-9A-F]{8}$/.test(hex)) return `#${hex.slice(2)}`;
    if (/^[0-9A-F]{6}$/.test(hex)) return `#${hex}`;
    return null;
  }
  if (colour.theme !== undefined) {
    const base = palettes.theme[parseInt(colour.theme, 10)];
    return base ? `#${tintColour(base, colour.tint ? parseFloat(colour.tint) : 0)}` : null;
  }
  if (colour.indexed !== undefined) {
    const base = palettes.indexed[parseInt(colour.indexed, 10)];
    return base ? `#${base}` : null;
  }
  return null;
}
