/**
 * Reading xl/styles.xml: number formats, fonts, fills and the cell formats (cellXfs) that combine
 * them, each cell format resolved once to what a snapshot cell shows (its number format and fill).
 */
import type { ZipPackage } from "./package-zip";
import { localName, scanPart } from "./part-package";
import { type ColourAttributes, DEFAULT_INDEXED_COLOURS, type Palettes, resolveColour } from "./part-theme";

/** Built-in number formats by id (ECMA-376 Part 1, 18.8.30), in the en-US forms Excel writes. */
const BUILT_IN_FORMATS: Readonly<Record<number, string>> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/** A fill as styles.xml has it: a pattern and its foreground colour (a gradient has no pattern). */
export interface FillPart {
  readonly pattern: string | null;
  readonly foreground: ColourAttributes | null;
  readonly gradient: boolean;
}

/** A font's colour and emphasis, as styles.xml has them. */
export interface FontPart {
  readonly bold: boolean;
  readonly italic: boolean;
  readonly colour: ColourAttributes | null;
}

/** A cell format (one <xf> of cellXfs), by the indices it combines. */
export interface CellFormatPart {
  readonly numFmtId: number;
  readonly fontId: number;
  readonly fillId: number;
}

/** What a cell with this format shows in a snapshot. */
export interface CellStyle {
  /** The number format code ("General" when none). */
  readonly numberFormat: string;
  /** The solid fill as "#RRGGBB", or null. */
  readonly fill: string | null;
}

/** A differential format (one <dxf> of dxfs): the font colour and fill colour it sets, if any. */
export interface DifferentialFormatPart {
  readonly fontColour: ColourAttributes | null;
  /** In a dxf a solid fill's colour is bgColor (fgColor is read when bgColor is absent). */
  readonly fillColour: ColourAttributes | null;
}

/** What a conditional format's differential format shows. */
export interface DifferentialLook {
  readonly fill: string | null;
  readonly fontColor: string | null;
}

export interface StylesPart {
  /** Custom number formats by id, backslash escapes taken out ("dd\/mm" → "dd/mm"). */
  readonly numberFormats: ReadonlyMap<number, string>;
  readonly fonts: readonly FontPart[];
  readonly fills: readonly FillPart[];
  readonly cellFormats: readonly CellFormatPart[];
  /** The differential formats conditional formats name by dxfId. */
  readonly differentialFormats: readonly DifferentialFormatPart[];
  /** The workbook's own indexed palette, when styles.xml gives one. */
  readonly indexedColours: readonly string[] | null;
}

const DEFAULT_STYLE: CellStyle = { numberFormat: "General", fill: null };

function colourOf(attributes: Readonly<Record<string, string>>): ColourAttributes | null {
  const { rgb, theme, tint, indexed } = attributes;
  if (rgb !== undefined) return { rgb };
  if (theme !== undefined) return tint === undefined ? { theme } : { theme, tint };
  if (indexed !== undefined) return { indexed };
  return null;
}

function integer(value: string | undefined): number {
  const n = value === undefined ? 0 : parseInt(value, 10);
  return Number.isFinite(n) ? n : 0;
}

/** Reads the styles part; an empty one (no formats) when `partName` is null or missing. */
export function readStylesPart(zip: ZipPackage, partName: string | null): StylesPart {
  const numberFormats = new Map<number, string>();
  const fonts: FontPart[] = [];
  const fills: FillPart[] = [];
  const cellFormats: CellFormatPart[] = [];
  const indexed: string[] = [];
  const differentialFormats: DifferentialFormatPart[] = [];
  /** The <dxf> being read, and which of its children (font or fill) the colours belong to. */
  let dxf: {
    fontColour: ColourAttributes | null;
    background: ColourAttributes | null;
    foreground: ColourAttributes | null;
    pattern: string | null;
  } | null = null;
  let dxfChild: "font" | "fill" | null = null;
  /** The list element being read: only cellXfs' <xf> are cell formats (cellStyleXfs' are not). */
  let list = "";
  let font: { bold: boolean; italic: boolean; colour: ColourAttributes | null } | null = null;
  let fill: { pattern: string | null; foreground: ColourAttributes | null; gradient: boolean } | null = null;
  if (partName !== null) {
    scanPart(zip, partName, {
      start(tag) {
        const a = tag.attributes;
        const name = localName(tag.name);
        switch (name) {
          case "numFmts":
          case "fonts":
          case "fills":
          case "cellXfs":
          case "cellStyleXfs":
          case "indexedColors":
          case "dxfs":
            list = name;
            break;
          case "numFmt":
            if (list === "numFmts" && a.numFmtId !== undefined) {
              numberFormats.set(integer(a.numFmtId), (a.formatCode ?? "").replace(/\\(.)/g, "$1"));
            }
            break;
          case "dxf":
            if (list === "dxfs")
              dxf = { fontColour: null, background: null, foreground: null, pattern: null };
            break;
          case "font":
            if (list === "fonts") font = { bold: false, italic: false, colour: null };
            else if (dxf !== null) dxfChild = "font";
            break;
          case "b":
          case "i":
            if (font !== null && a.val !== "0" && a.val !== "false")
              font[name === "b" ? "bold" : "italic"] = true;
            break;
          case "color":
            if (font !== null) font.colour = colourOf(a);
            else if (dxf !== null && dxfChild === "font") dxf.fontColour = colourOf(a);
            break;
          case "fill":
            if (list === "fills") fill = { pattern: null, foreground: null, gradient: false };
            else if (dxf !== null) dxfChild = "fill";
            break;
          case "patternFill":
            if (fill !== null) fill.pattern = a.patternType ?? null;
            else if (dxf !== null && dxfChild === "fill") dxf.pattern = a.patternType ?? null;
            break;
          case "bgColor":
            if (dxf !== null && dxfChild === "fill") dxf.background = colourOf(a);
            break;
          case "gradientFill":
            if (fill !== null) fill.gradient = true;
            break;
          case "fgColor":
            if (fill !== null) fill.foreground = colourOf(a);
            else if (dxf !== null && dxfChild === "fill") dxf.foreground = colourOf(a);
            break;
          case "xf":
            if (list === "cellXfs") {
              cellFormats.push({
                numFmtId: integer(a.numFmtId),
                fontId: integer(a.fontId),
                fillId: integer(a.fillId),
              });
            }
            break;
          case "rgbColor":
            if (list === "indexedColors" && a.rgb !== undefined) indexed.push(a.rgb.slice(-6).toUpperCase());
            break;
        }
      },
      end(tag) {
        const name = localName(tag.name);
        if (name === list) list = "";
        else if (name === "font" && font !== null) {
          fonts.push(font);
          font = null;
        } else if (name === "fill" && fill !== null) {
          fills.push(fill);
          fill = null;
        } else if ((name === "font" || name === "fill") && dxf !== null) {
          dxfChild = null;
        } else if (name === "dxf" && dxf !== null) {
          differentialFormats.push({
            fontColour: dxf.fontColour,
            fillColour: dxf.pattern === "none" ? null : (dxf.background ?? dxf.foreground),
          });
          dxf = null;
        }
      },
    });
  }
  return {
    numberFormats,
    fonts,
    fills,
    cellFormats,
    differentialFormats,
    indexedColours: indexed.length > 0 ? indexed : null,
  };
}

/** The number format code of an id: the workbook's own, else built in, else General. */
function formatCode(styles: StylesPart, id: number): string {
  return styles.numberFormats.get(id) ?? BUILT_IN_FORMATS[id] ?? "General";
}

/** A fill's colour as a snapshot holds it: a pattern other than "none" with a foreground colour. */
function fillColour(fill: FillPart | undefined, palettes: Palettes): string | null {
  if (!fill || fill.gradient || fill.pattern === "none" || fill.foreground === null) return null;
  return resolveColour(fill.foreground, palettes);
}

/**
 * What each cell format shows (by cellXfs index), resolved once against the theme's colours. A
 * cell whose s attribute names no format shows the default (General, no fill).
 */
export function cellStylesOf(
  styles: StylesPart,
  themeColours: readonly string[],
): (index: number) => CellStyle {
  const palettes: Palettes = {
    theme: themeColours,
    indexed: styles.indexedColours ?? DEFAULT_INDEXED_COLOURS,
  };
  const resolved = styles.cellFormats.map((xf): CellStyle => ({
    numberFormat: formatCode(styles, xf.numFmtId),
    fill: fillColour(styles.fills[xf.fillId], palettes),
  }));
  return (index) => resolved[index] ?? DEFAULT_STYLE;
}

/**
 * What each differential format (by dxfs index) shows, its colours resolved against the theme: what
 * a conditional format's rule gives the cells it matches.
 */
export function differentialLooksOf(
  styles: StylesPart,
  themeColours: readonly string[],
): (index: number) => DifferentialLook {
  const palettes: Palettes = {
    theme: themeColours,
    indexed: styles.indexedColours ?? DEFAULT_INDEXED_COLOURS,
  };
  const resolve = (colour: ColourAttributes | null): string | null =>
    colour === null ? null : resolveColour(colour, palettes);
  const looks = styles.differentialFormats.map((dxf): DifferentialLook => ({
    fill: resolve(dxf.fillColour),
    fontColor: resolve(dxf.fontColour),
  }));
  return (index) => looks[index] ?? { fill: null, fontColor: null };
}
