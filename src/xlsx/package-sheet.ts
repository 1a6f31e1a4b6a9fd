/**
 * One worksheet part (xl/worksheets/sheetN.xml) edited as text for the package writer: only the
 * elements an op touches are rewritten, everything else comes out byte for byte. A worksheet can be
 * megabytes, so <sheetData> is split into raw <row> strings in one regex pass and a row's cells are
 * only parsed when one of them is read or written.
 * No DOM, no Node built-ins, no ExcelJS: pure string in, string out.
 */
import type { GridRange } from "../core/snapshot";
import type { ListValidation } from "../core/write-plan";
import { cellAddress, columnIndex, parseRangeAddress, rangeAddress } from "../core/cell-address";
import { PackageUnsupported } from "./package-unsupported";
import { RowMove } from "./row-move";
import { shiftFormula } from "./formula-shift";
import { escapeXlsxText } from "./xlsx-text-escapes";
import { escapeXml, escapeXmlAttribute, unescapeXml, withMainNamespaceUnprefixed } from "./xml-text";

export type CellContent =
  | { readonly kind: "sharedString"; readonly index: number }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "formula"; readonly formula: string; readonly cached: string | number | null };

export interface CellValueXml {
  /** The t attribute ("s", "str", "inlineStr", "b", "e", "n" when absent). */
  readonly type: string;
  /** The <v> text, XML-unescaped ("" when none); for inlineStr the concatenated <is> <t> texts. */
  readonly value: string;
  readonly formula: string | null;
}

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** CT_Worksheet's children in schema order (ECMA-376 Part 1, 18.3.1.99). */
const ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];
const ORDER_INDEX = new Map(ORDER.map((name, i) => [name, i]));

const EMPTY_SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
  '<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>' +
  '<sheetFormatPr defaultRowHeight="15"/><sheetData/>' +
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';

const DEFAULT_MARGINS =
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';

// ---------------------------------------------------------------------------------------------
// Small XML helpers (attribute values may be single- or double-quoted; names may carry a prefix).

/** A start tag whose attribute values may hold ">" (sticky: matched exactly at lastIndex). */
const START_TAG = /<([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;

const attrPatterns = new Map<string, RegExp>();
function attrPattern(name: string): RegExp {
  let re = attrPatterns.get(name);
  if (re === undefined) {
    re = new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrPatterns.set(name, re);
  }
  return re;
}

/** The raw (still escaped) value of attribute `name` in a start tag, or null. */
function attr(tag: string, name: string): string | null {
  const m = attrPattern(name).exec(tag);
  return m === null ? null : (m[1] ?? m[2] ?? "");
}

/** The start tag with attribute `name` set to `value` (already escaped), appended when absent. */
function setAttr(tag: string, name: string, value: string): string {
  const m = attrPattern(name).exec(tag);
  if (m !== null) return `${tag.slice(0, m.index)} ${name}="${value}"${tag.slice(m.index + m[0].length)}`;
  const end = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end)} ${name}="${value}"${tag.slice(end)}`;
}

function removeAttr(tag: string, name: string): string {
  const m = attrPattern(name).exec(tag);
  return m === null ? tag : tag.slice(0, m.index) + tag.slice(m.index + m[0].length);
}

function overlaps(a: GridRange, b: GridRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

function within(inner: GridRange, outer: GridRange): boolean {
  return (
    inner.top >= outer.top &&
    inner.bottom <= outer.bottom &&
    inner.left >= outer.left &&
    inner.right <= outer.right
  );
}

/** The rectangles left of `rect` once `hole` is taken out: the band above, left, right, then below. */
function subtract(rect: GridRange, hole: GridRange): GridRange[] {
  if (!overlaps(rect, hole)) return [rect];
  const out: GridRange[] = [];
  const top = Math.max(rect.top, hole.top);
  const bottom = Math.min(rect.bottom, hole.bottom);
  if (rect.top < hole.top) out.push({ ...rect, bottom: hole.top - 1 });
  if (rect.left < hole.left) out.push({ top, bottom, left: rect.left, right: hole.left - 1 });
  if (rect.right > hole.right) out.push({ top, bottom, left: hole.right + 1, right: rect.right });
  if (rect.bottom > hole.bottom) out.push({ ...rect, top: hole.bottom + 1 });
  return out;
}

function parseRef(ref: string, where: string): GridRange {
  try {
    return parseRangeAddress(ref);
  } catch {
    throw new PackageUnsupported(`Worksheet ${where}: cannot read the reference "${ref}"`);
  }
}

function parseSqref(sqref: string, where: string): GridRange[] {
  return sqref
    .trim()
    .split(/\s+/)
    .filter((ref) => ref !== "")
    .map((ref) => parseRef(ref, where));
}

/** Complete elements named `name` (not longer names sharing the prefix) in `xml`, self-closing or not. */
function elementPattern(name: string): RegExp {
  return new RegExp(`<${name}(?=[\\s>/])[^>]*?(?:/>|>[\\s\\S]*?</${name}>)`, "g");
}

// ---------------------------------------------------------------------------------------------
// Rows and cells.

/**
 * A cell of a row: as read (its <c> element, kept as it was), or as written here — its parts, made
 * into XML only when the row is serialised, so that restyling the tens of thousands of cells a
 * summary writes builds no strings.
 */
type CellEntry =
  | {
      readonly column: number;
      /** Text between the previous cell (or the row's start tag) and this one, usually "". */
      readonly lead: string;
      readonly raw: string;
    }
  | {
      readonly column: number;
      readonly lead: string;
      readonly raw: null;
      readonly style: number;
      /** The value's t (null: a number or no value) and the children (null: no value). */
      readonly type: string | null;
      readonly body: string | null;
    };

/** The cell's <c> element on 0-based `row`. */
function cellXml(cell: CellEntry, row: number): string {
  if (cell.raw !== null) return cell.raw;
  const s = cell.style === 0 ? "" : ` s="${cell.style}"`;
  const t = cell.type === null ? "" : ` t="${cell.type}"`;
  const r = cellAddress(row, cell.column);
  return cell.body === null ? `<c r="${r}"${s}${t}/>` : `<c r="${r}"${s}${t}>${cell.body}</c>`;
}

/** The cell's s (0 when it has none). */
function styleOf(cell: CellEntry): number {
  return cell.raw === null ? cell.style : cellStyle(cellStartTag(cell.raw));
}

/** The cell with s set to `style`, or the cell itself when it has that style already. */
function withCellStyle(cell: CellEntry, style: number): CellEntry {
  if (styleOf(cell) === style) return cell;
  if (cell.raw === null) return { ...cell, style };
  const tag = cellStartTag(cell.raw);
  const newTag = style === 0 ? removeAttr(tag, "s") : setAttr(tag, "s", String(style));
  return { column: cell.column, lead: cell.lead, raw: newTag + cell.raw.slice(tag.length) };
}

interface ParsedRow {
  /** The start tag's attributes text, e.g. ` r="3" spans="1:4"`. */
  attrs: string;
  cells: CellEntry[];
  /** Whatever follows the last cell inside the row (an extLst, whitespace). */
  tail: string;
}

interface RowEntry {
  readonly index: number;
  /** Text between the previous row (or <sheetData>) and this one. */
  readonly lead: string;
  raw: string;
  parsed: ParsedRow | null;
  dirty: boolean;
}

const ROW = /<row(?=[\s>/])([^>]*?)(?:\/>|>[\s\S]*?<\/row>)/g;
const CELL = /<c(?=[\s>/])([^>]*?)(?:\/>|>[\s\S]*?<\/c>)/g;
/** Row attributes that carry nothing once the row has no cells: such a row may go. */
const INCIDENTAL_ROW_ATTRS = new Set(["r", "spans", "x14ac:dyDescent"]);

/** The 0-based column of a cell reference ("AB12", "$AB$12") on 0-based `row`, or -1 when it names
 *  another row or is no reference. */
function columnInRow(ref: string, row: number): number {
  let i = ref.charCodeAt(0) === 36 ? 1 : 0; // "$"
  let column = 0;
  const lettersFrom = i;
  for (; i < ref.length && i - lettersFrom < 4; i++) {
    const code = ref.charCodeAt(i) | 32; // lower case
    if (code < 97 || code > 122) break;
    column = column * 26 + (code - 96);
  }
  const letters = i - lettersFrom;
  if (letters === 0 || letters > 3) return -1;
  if (ref.charCodeAt(i) === 36) i++;
  const digitsFrom = i;
  let number = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 48 || code > 57) return -1;
    number = number * 10 + (code - 48);
  }
  return i === digitsFrom || number !== row + 1 ? -1 : column - 1;
}

function parseRow(entry: RowEntry): ParsedRow {
  if (entry.parsed !== null) return entry.parsed;
  const raw = entry.raw;
  const tagEnd = raw.indexOf(">");
  const selfClosing = raw[tagEnd - 1] === "/";
  const attrs = raw.slice(4, selfClosing ? tagEnd - 1 : tagEnd);
  const cells: CellEntry[] = [];
  let tail = "";
  if (!selfClosing) {
    const inner = raw.slice(tagEnd + 1, raw.length - "</row>".length);
    CELL.lastIndex = 0;
    let last = 0;
    let previous = -1;
    for (let m = CELL.exec(inner); m !== null; m = CELL.exec(inner)) {
      let cellRaw = m[0];
      const cellAttrs = m[1] ?? "";
      // Excel and ExcelJS write r first: read it without a regex, as parsing every row is the hot path.
      const ref = cellAttrs.startsWith(' r="')
        ? cellAttrs.slice(4, cellAttrs.indexOf('"', 4))
        : attr(cellAttrs, "r");
      let column: number;
      if (ref === null) {
        // r is optional on <c>: the cell follows the previous one. Name it, so inserting cells before it
        // cannot move it.
        column = previous + 1;
        cellRaw = `<c r="${cellAddress(entry.index, column)}"${cellRaw.slice(2)}`;
      } else {
        column = columnInRow(ref, entry.index);
        if (column < 0) {
          throw new PackageUnsupported(
            `Worksheet row ${entry.index + 1}: unexpected cell reference "${ref}"`,
          );
        }
      }
      if (column <= previous) {
        throw new PackageUnsupported(`Worksheet row ${entry.index + 1}: cells out of column order`);
      }
      cells.push({ column, lead: inner.slice(last, m.index), raw: cellRaw });
      previous = column;
      last = m.index + m[0].length;
    }
    tail = inner.slice(last);
  }
  entry.parsed = { attrs, cells, tail };
  return entry.parsed;
}

function rowXml(entry: RowEntry): string {
  if (!entry.dirty || entry.parsed === null) return entry.raw;
  const { attrs, cells, tail } = entry.parsed;
  if (cells.length === 0 && tail === "") return `<row${attrs}/>`;
  let xml = `<row${attrs}>`;
  for (const cell of cells) xml += cell.lead + cellXml(cell, entry.index);
  return `${xml}${tail}</row>`;
}

/** A cell's s (0 when absent), from its start tag; Excel writes ` s="n"`, read here without a regex. */
function cellStyle(tag: string): number {
  const at = tag.indexOf(' s="');
  if (at < 0) return Number(attr(tag, "s") ?? 0);
  return Number(tag.slice(at + 4, tag.indexOf('"', at + 4)));
}

function cellStartTag(raw: string): string {
  return raw.slice(0, raw.indexOf(">") + 1);
}

/** The master of an array formula or data table: cells elsewhere show what its text computes.
 *  (Shared formulas are expanded before a write reaches them: expandSharedIn.) */
function formulaMasterRef(raw: string): string | null {
  const f = /<f(?=[\s>/])[^>]*>/.exec(raw);
  if (f === null) return null;
  const t = attr(f[0], "t");
  if (t === "array" || t === "dataTable") return attr(f[0], "ref");
  return null;
}

/** A cell's shared formula: its group (si), and for the group's master its ref and text. */
function sharedFormulaOf(raw: string): { si: string; ref: string | null; text: string | null } | null {
  if (!raw.includes("shared")) return null;
  const f = /<f(?=[\s>/])([^>]*?)(\/?)>(?:([\s\S]*?)<\/f>)?/.exec(raw);
  if (f === null || attr(f[1] ?? "", "t") !== "shared") return null;
  return {
    si: attr(f[1] ?? "", "si") ?? "",
    ref: attr(f[1] ?? "", "ref"),
    text: f[2] === "/" ? null : (f[3] ?? null),
  };
}

/** The cell with its shared formula made its own: <f> holding `text` (escaped), t, ref and si gone. */
function withOwnFormula(raw: string, text: string): string {
  return raw.replace(/<f(?=[\s>/])([^>]*?)(?:\/>|>[\s\S]*?<\/f>)/, (_, attributes: string) => {
    let kept = attributes;
    for (const name of ["t", "ref", "si"]) kept = removeAttr(kept, name);
    return `<f${kept}>${escapeXml(text)}</f>`;
  });
}

/** A formula tied to other cells by position: a shared formula (master or dependent), an array
 *  formula or a data table. */
function formulaIsPositional(raw: string): boolean {
  const f = /<f(?=[\s>/])[^>]*>/.exec(raw);
  if (f === null) return false;
  const t = attr(f[0], "t");
  return t === "shared" || t === "array" || t === "dataTable";
}

function contentXml(content: CellContent): { type: string | null; body: string } {
  switch (content.kind) {
    case "sharedString":
      return { type: "s", body: `<v>${content.index}</v>` };
    case "number":
      if (!Number.isFinite(content.value)) throw new RangeError(`Cannot write ${content.value} into a cell`);
      return { type: null, body: `<v>${String(content.value)}</v>` };
    case "boolean":
      return { type: "b", body: `<v>${content.value ? 1 : 0}</v>` };
    case "formula": {
      // A formula is an ST_Xstring too: a control character in a string literal (a lead code pasted
      // from Word) cannot stand in XML 1.0, so it is written as Excel writes it, _x000B_.
      const f = `<f>${escapeXml(escapeXlsxText(content.formula.replace(/^=/, "")))}</f>`;
      const cached = content.cached;
      if (cached === null) return { type: null, body: f };
      if (typeof cached === "number") {
        if (!Number.isFinite(cached)) throw new RangeError(`Cannot cache ${cached} in a cell`);
        return { type: null, body: `${f}<v>${String(cached)}</v>` };
      }
      return { type: "str", body: `${f}<v>${escapeXml(escapeXlsxText(cached))}</v>` };
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** A top-level child of <worksheet>: an element (name set) or text between elements (name ""). */
interface Chunk {
  readonly name: string;
  xml: string;
  /** Position in ORDER; -1 for a foreign element we cannot place (mc:AlternateContent…); NaN for text. */
  readonly order: number;
}

interface ColSpan {
  readonly min: number;
  readonly max: number;
  readonly raw: string;
}

export class SheetPart {
  private readonly original: string;
  /** The XML declaration, the <worksheet …> start tag: everything before the first child. */
  private head: string;
  private readonly foot: string;
  private readonly children: Chunk[];
  private readonly sheetDataChunk: Chunk;
  private readonly rows: RowEntry[];
  private readonly rowByIndex: Map<number, RowEntry>;
  /** Text after the last row inside <sheetData>. */
  private readonly rowsTail: string;
  private rowsDirty = false;
  private hadCells: boolean;
  /** The bounds of the cells written since parse (for <dimension>). */
  private written: { top: number; left: number; bottom: number; right: number } | null = null;
  private colSpans: ColSpan[] | null = null;
  private isChanged = false;

  private constructor(xml: string) {
    this.original = xml;
    let at = 0;
    // Skip the XML declaration, comments and processing instructions before the root.
    for (;;) {
      const lt = xml.indexOf("<", at);
      if (lt < 0) throw new PackageUnsupported("Worksheet part has no root element");
      const close = xml.startsWith("<?", lt) ? "?>" : xml.startsWith("<!--", lt) ? "-->" : null;
      if (close === null) {
        at = lt;
        break;
      }
      const end = xml.indexOf(close, lt);
      if (end < 0) throw new PackageUnsupported("Worksheet part is not well-formed XML");
      at = end + close.length;
    }
    START_TAG.lastIndex = at;
    const root = START_TAG.exec(xml);
    if (root === null || root[3] === "/")
      throw new PackageUnsupported("Worksheet part: cannot read the root element");
    if (root[1] !== "worksheet") {
      throw new PackageUnsupported(
        `Worksheet part: root element <${root[1] ?? ""}> (prefixed or not a worksheet)`,
      );
    }
    const ns = attr(root[0], "xmlns");
    if (ns !== MAIN_NS) throw new PackageUnsupported(`Worksheet part: default namespace ${ns ?? "missing"}`);
    const bodyStart = at + root[0].length;
    const bodyEnd = xml.lastIndexOf("</worksheet>");
    if (bodyEnd < bodyStart) throw new PackageUnsupported("Worksheet part: no </worksheet>");
    this.head = xml.slice(0, bodyStart);
    this.foot = xml.slice(bodyEnd);
    this.children = SheetPart.splitChildren(xml, bodyStart, bodyEnd);

    let sheetData = this.children.find((c) => c.name === "sheetData");
    if (sheetData === undefined) {
      // Required by the schema; only reached for a damaged part, which gains an empty one.
      sheetData = { name: "sheetData", xml: "<sheetData/>", order: ORDER_INDEX.get("sheetData") ?? 0 };
      this.insertChunk(sheetData);
      this.isChanged = false;
    }
    this.sheetDataChunk = sheetData;
    this.rows = [];
    this.rowByIndex = new Map();
    const data = sheetData.xml;
    const open = data.indexOf(">") + 1;
    if (data[open - 2] === "/") {
      this.rowsTail = "";
    } else {
      const inner = data.slice(open, data.length - "</sheetData>".length);
      ROW.lastIndex = 0;
      let last = 0;
      let previous = -1;
      for (let m = ROW.exec(inner); m !== null; m = ROW.exec(inner)) {
        const r = attr(m[1] ?? "", "r");
        // r is optional on <row>: a row without it follows the previous one.
        const index = r === null ? previous + 1 : Number(r) - 1;
        if (!Number.isInteger(index) || index <= previous) {
          throw new PackageUnsupported(`Worksheet sheetData: row ${r ?? "?"} out of order`);
        }
        const entry: RowEntry = {
          index,
          lead: inner.slice(last, m.index),
          raw: m[0],
          parsed: null,
          dirty: false,
        };
        if (r === null) {
          entry.raw = `<row r="${index + 1}"${m[0].slice(4)}`;
          entry.dirty = true;
          entry.parsed = null;
        }
        this.rows.push(entry);
        this.rowByIndex.set(index, entry);
        previous = index;
        last = m.index + m[0].length;
      }
      this.rowsTail = inner.slice(last);
      if (/<[A-Za-z]/.test(this.rowsTail))
        throw new PackageUnsupported("Worksheet sheetData: unexpected content");
    }
    this.hadCells = this.rows.length > 0;
  }

  private static splitChildren(xml: string, start: number, end: number): Chunk[] {
    const children: Chunk[] = [];
    let at = start;
    while (at < end) {
      const lt = xml.indexOf("<", at);
      if (lt < 0 || lt >= end) {
        children.push({ name: "", xml: xml.slice(at, end), order: NaN });
        break;
      }
      if (lt > at) children.push({ name: "", xml: xml.slice(at, lt), order: NaN });
      if (xml.startsWith("<!--", lt) || xml.startsWith("<?", lt)) {
        const close = xml.startsWith("<!--", lt) ? xml.indexOf("-->", lt) + 3 : xml.indexOf("?>", lt) + 2;
        if (close < lt + 2) throw new PackageUnsupported("Worksheet part: unterminated comment");
        children.push({ name: "", xml: xml.slice(lt, close), order: NaN });
        at = close;
        continue;
      }
      START_TAG.lastIndex = lt;
      const tag = START_TAG.exec(xml);
      if (tag === null) throw new PackageUnsupported(`Worksheet part: cannot read the element at ${lt}`);
      const name = tag[1] ?? "";
      let close = lt + tag[0].length;
      if (tag[3] !== "/") {
        const endTag = xml.indexOf(`</${name}>`, close);
        if (endTag < 0 || endTag > end)
          throw new PackageUnsupported(`Worksheet part: <${name}> is not closed`);
        close = endTag + name.length + 3;
      }
      const elementXml = xml.slice(lt, close);
      let order = ORDER_INDEX.get(name);
      if (order === undefined) {
        if (!name.includes(":")) throw new PackageUnsupported(`Worksheet part: unknown element <${name}>`);
        // mc:AlternateContent wraps known elements (controls, oleObjects): place it by the first one.
        const inner = /<([A-Za-z]+)[\s>/]/g;
        order = -1;
        for (let m = inner.exec(elementXml); m !== null; m = inner.exec(elementXml)) {
          const known = ORDER_INDEX.get(m[1] ?? "");
          if (known !== undefined) {
            order = known;
            break;
          }
        }
      }
      children.push({ name, xml: elementXml, order });
      at = close;
    }
    return children;
  }

  /** A worksheet part's text; SpreadsheetML written with a prefix is read in Excel's unprefixed form. */
  static parse(xml: string): SheetPart {
    return new SheetPart(withMainNamespaceUnprefixed(xml));
  }

  /** A new empty worksheet part (default namespace + xmlns:r declared), for a sheet the plan adds. */
  static empty(): SheetPart {
    return new SheetPart(EMPTY_SHEET);
  }

  /** Whether anything changed since parse. */
  get changed(): boolean {
    return this.isChanged;
  }

  /** Whether <sheetProtection sheet="1"…> is present (sheet="true" too). */
  get isProtected(): boolean {
    const chunk = this.chunk("sheetProtection");
    if (chunk === undefined) return false;
    const sheet = attr(chunk.xml, "sheet");
    return sheet === "1" || sheet === "true";
  }

  // ---- chunks ----------------------------------------------------------------------------------

  private chunk(name: string): Chunk | undefined {
    return this.children.find((c) => c.name === name);
  }

  private replaceChunk(chunk: Chunk, xml: string): void {
    if (chunk.xml === xml) return;
    chunk.xml = xml;
    this.isChanged = true;
  }

  private removeChunk(chunk: Chunk): void {
    const i = this.children.indexOf(chunk);
    if (i >= 0) this.children.splice(i, 1);
    this.isChanged = true;
  }

  /** Inserts a new top-level element before the first one that comes after it in schema order. */
  private insertChunk(chunk: Chunk): void {
    let at = this.children.length;
    for (let i = 0; i < this.children.length; i++) {
      const other = this.children[i]!;
      if (other.order === -1) {
        throw new PackageUnsupported(`Worksheet part: cannot place <${chunk.name}> beside <${other.name}>`);
      }
      if (other.order > chunk.order) {
        at = i;
        break;
      }
    }
    this.children.splice(at, 0, chunk);
    this.isChanged = true;
  }

  private newChunk(name: string, xml: string): Chunk {
    const chunk: Chunk = { name, xml, order: ORDER_INDEX.get(name) ?? -1 };
    this.insertChunk(chunk);
    return chunk;
  }

  // ---- rows and cells --------------------------------------------------------------------------

  /** The position of the first row whose index is ≥ row. */
  private rowPosition(row: number): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rows[mid]!.index < row) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private rowFor(row: number): RowEntry {
    const found = this.rowByIndex.get(row);
    if (found !== undefined) return found;
    const entry: RowEntry = {
      index: row,
      lead: "",
      raw: "",
      parsed: { attrs: ` r="${row + 1}"`, cells: [], tail: "" },
      dirty: true,
    };
    this.rows.splice(this.rowPosition(row), 0, entry);
    this.rowByIndex.set(row, entry);
    return entry;
  }

  private cellAt(row: number, column: number): CellEntry | null {
    const entry = this.rowByIndex.get(row);
    if (entry === undefined) return null;
    const cells = parseRow(entry).cells;
    for (const cell of cells) {
      if (cell.column === column) return cell;
      if (cell.column > column) break;
    }
    return null;
  }

  private columnStyle(column: number): number {
    if (this.colSpans === null) this.colSpans = this.readCols();
    const n = column + 1;
    const span = this.colSpans.find((c) => c.min <= n && n <= c.max);
    return span === undefined ? 0 : Number(attr(span.raw, "style") ?? 0);
  }

  private readCols(): ColSpan[] {
    const chunk = this.chunk("cols");
    if (chunk === undefined) return [];
    return (chunk.xml.match(elementPattern("col")) ?? []).map((raw) => ({
      min: Number(attr(raw, "min")),
      max: Number(attr(raw, "max")),
      raw,
    }));
  }

  /** The cell's s; for a missing cell the row's s when the row has customFormat="1", else the <col>
   *  style covering the column, else 0. */
  styleAt(row: number, column: number): number {
    const cell = this.cellAt(row, column);
    if (cell !== null) return styleOf(cell);
    const entry = this.rowByIndex.get(row);
    const rowStyle = entry === undefined ? null : this.rowStyle(parseRow(entry).attrs);
    return rowStyle ?? this.columnStyle(column);
  }

  /** The cell's raw value, or null when there is no <c>. */
  cellValue(row: number, column: number): CellValueXml | null {
    const entry = this.cellAt(row, column);
    if (entry === null) return null;
    const cell = cellXml(entry, row);
    const type = attr(cellStartTag(cell), "t") ?? "n";
    const f = /<f(?=[\s>/])[^>]*?(?:\/>|>([\s\S]*?)<\/f>)/.exec(cell);
    const formula = f === null ? null : unescapeXml(f[1] ?? "");
    let value = "";
    if (type === "inlineStr") {
      const is = /<is>([\s\S]*?)<\/is>/.exec(cell);
      // Phonetic runs (<rPh>) hold readings, not the text.
      const runs = (is?.[1] ?? "").replace(/<rPh[\s>][\s\S]*?<\/rPh>/g, "");
      for (const t of runs.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) value += unescapeXml(t[1] ?? "");
    } else {
      const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(cell);
      value = v === null ? "" : unescapeXml(v[1] ?? "");
    }
    return { type, value, formula };
  }

  /** Writes one cell: content null = no value (cell kept with its style); style undefined = keep the
   *  cell's s (a new cell: styleAt). Only r and s survive from the old <c>: an old value's metadata
   *  (cm, vm, ph) must not cling to a new value. Refuses to overwrite the master of a shared formula. */
  setCell(row: number, column: number, content: CellContent | null, style?: number): void {
    this.setCells(row, column, [content], [style]);
  }

  /**
   * Makes every shared formula with a cell in range (only its master, when `mastersOnly`) each
   * cell's own formula, its text as Excel reads it there (formula-shift.ts): a write over the master,
   * or a move of any of its cells, would otherwise change what the group's other cells compute.
   */
  private expandSharedIn(range: GridRange, mastersOnly: boolean): void {
    const groups = new Set<string>();
    for (let i = this.rowPosition(range.top); i < this.rows.length; i++) {
      const entry = this.rows[i]!;
      if (entry.index > range.bottom) break;
      if (entry.parsed === null && !entry.raw.includes("shared")) continue;
      for (const cell of parseRow(entry).cells) {
        if (cell.column < range.left || cell.column > range.right || cell.raw === null) continue;
        const shared = sharedFormulaOf(cell.raw);
        if (shared !== null && (!mastersOnly || shared.ref !== null)) groups.add(shared.si);
      }
    }
    if (groups.size > 0) this.expandShared(groups);
  }

  private expandShared(groups: ReadonlySet<string>): void {
    const masters = new Map<string, { row: number; column: number; text: string }>();
    const members: Array<{ entry: RowEntry; index: number; si: string }> = [];
    for (const entry of this.rows) {
      if (entry.parsed === null && !entry.raw.includes("shared")) continue;
      parseRow(entry).cells.forEach((cell, index) => {
        const shared = cell.raw === null ? null : sharedFormulaOf(cell.raw);
        if (shared === null || !groups.has(shared.si)) return;
        if (shared.ref !== null && shared.text !== null) {
          masters.set(shared.si, { row: entry.index, column: cell.column, text: unescapeXml(shared.text) });
        }
        members.push({ entry, index, si: shared.si });
      });
    }
    for (const { entry, index, si } of members) {
      const master = masters.get(si);
      if (master === undefined) {
        throw new PackageUnsupported(`shared formula ${si} has no master cell`);
      }
      const cells = parseRow(entry).cells;
      const cell = cells[index]!;
      const text = shiftFormula(master.text, entry.index - master.row, cell.column - master.column);
      cells[index] = { column: cell.column, lead: cell.lead, raw: withOwnFormula(cell.raw!, text) };
      this.touchRow(entry);
    }
  }

  /** Writes cells from (row, column) rightwards as setCell does each, in one pass over the row:
   *  a summary writes tens of thousands of cells. */
  setCells(
    row: number,
    column: number,
    contents: ReadonlyArray<CellContent | null>,
    styles: ReadonlyArray<number | undefined>,
  ): void {
    if (contents.length === 0) return;
    this.expandSharedIn({ top: row, bottom: row, left: column, right: column + contents.length - 1 }, true);
    const entry = this.rowFor(row);
    const parsed = parseRow(entry);
    const old = parsed.cells;
    const rowStyle = this.rowStyle(parsed.attrs);
    const cells: CellEntry[] = [];
    let i = 0;
    while (i < old.length && old[i]!.column < column) cells.push(old[i++]!);
    let changed = false;
    for (let j = 0; j < contents.length; j++) {
      const c = column + j;
      const was = old[i]?.column === c ? old[i++] : undefined;
      if (was !== undefined && was.raw !== null && formulaMasterRef(was.raw) !== null) {
        throw new PackageUnsupported(
          `cell ${cellAddress(row, c)} holds the master of an array formula or data table`,
        );
      }
      const style = styles[j] ?? (was !== undefined ? styleOf(was) : (rowStyle ?? this.columnStyle(c)));
      const content = contents[j] ?? null;
      const { type, body } = content === null ? { type: null, body: null } : contentXml(content);
      const cell: CellEntry = { column: c, lead: was?.lead ?? "", raw: null, style, type, body };
      if (was !== undefined && cellXml(was, row) === cellXml(cell, row)) {
        cells.push(was);
        continue;
      }
      cells.push(cell);
      changed = true;
    }
    while (i < old.length) cells.push(old[i++]!);
    if (!changed) return;
    parsed.cells = cells;
    this.touchRow(entry);
    this.noteWritten(row, column);
    this.noteWritten(row, column + contents.length - 1);
  }

  /** Sets one cell's s, keeping its value (a missing cell is created with no value). */
  setStyle(row: number, column: number, style: number): void {
    this.restyleRange({ top: row, bottom: row, left: column, right: column }, () => style);
  }

  /**
   * Gives every cell of range the style `restyle` makes of its current s (as styleAt reads it),
   * creating the missing cells with no value; one pass per row, for ranges of thousands of cells.
   */
  restyleRange(range: GridRange, restyle: (style: number) => number): void {
    for (let row = range.top; row <= range.bottom; row++) {
      const entry = this.rowFor(row);
      const parsed = parseRow(entry);
      const rowStyle = this.rowStyle(parsed.attrs);
      const cells: CellEntry[] = [];
      let changed = false;
      let i = 0;
      for (; i < parsed.cells.length && parsed.cells[i]!.column < range.left; i++)
        cells.push(parsed.cells[i]!);
      for (let column = range.left; column <= range.right; column++) {
        const old = parsed.cells[i]?.column === column ? parsed.cells[i++] : undefined;
        if (old === undefined) {
          const style = restyle(rowStyle ?? this.columnStyle(column));
          cells.push({ column, lead: "", raw: null, style, type: null, body: null });
          changed = true;
          continue;
        }
        const cell = withCellStyle(old, restyle(styleOf(old)));
        cells.push(cell);
        if (cell !== old) changed = true;
      }
      for (; i < parsed.cells.length; i++) cells.push(parsed.cells[i]!);
      if (!changed) continue;
      parsed.cells = cells;
      this.touchRow(entry);
      this.noteWritten(row, range.left);
      this.noteWritten(row, range.right);
    }
  }

  /** A row's own style (customFormat="1"), which its missing cells show, or null. */
  private rowStyle(attrs: string): number | null {
    const custom = attr(attrs, "customFormat");
    return custom === "1" || custom === "true" ? Number(attr(attrs, "s") ?? 0) : null;
  }

  private touchRow(entry: RowEntry): void {
    const parsed = parseRow(entry);
    // spans is an optional hint about the row's cells; a stale one is worse than none.
    if (parsed.attrs.includes("spans")) parsed.attrs = removeAttr(parsed.attrs, "spans");
    entry.dirty = true;
    this.rowsDirty = true;
    this.isChanged = true;
  }

  /** Grows the written bounds in place: called for every cell written, so it allocates nothing. */
  private noteWritten(row: number, column: number): void {
    const w = this.written;
    if (w === null) {
      this.written = { top: row, bottom: row, left: column, right: column };
      return;
    }
    if (row < w.top) w.top = row;
    if (row > w.bottom) w.bottom = row;
    if (column < w.left) w.left = column;
    if (column > w.right) w.right = column;
  }

  /** Removes the cells in range entirely (values and formats). A row left with no cells and nothing
   *  of its own (height, hidden, style…) goes too. */
  clearRange(range: GridRange): void {
    this.expandSharedIn(range, true);
    const from = this.rowPosition(range.top);
    const emptied: RowEntry[] = [];
    for (let i = from; i < this.rows.length; i++) {
      const entry = this.rows[i]!;
      if (entry.index > range.bottom) break;
      const parsed = parseRow(entry);
      const kept = parsed.cells.filter((cell) => cell.column < range.left || cell.column > range.right);
      if (kept.length === parsed.cells.length) {
        // A row whose cells were moved away is already empty: it may go too.
        if (kept.length === 0 && parsed.tail.trim() === "") emptied.push(entry);
        continue;
      }
      for (const cell of parsed.cells) {
        if (kept.includes(cell)) continue;
        const ref = cell.raw === null ? null : formulaMasterRef(cell.raw);
        if (ref !== null && !within(parseRef(ref, "shared formula"), range)) {
          throw new PackageUnsupported(
            `cell ${cellAddress(entry.index, cell.column)} holds the master of an array formula reaching outside the range cleared`,
          );
        }
      }
      parsed.cells = kept;
      this.touchRow(entry);
      if (kept.length === 0 && parsed.tail.trim() === "") emptied.push(entry);
    }
    const gone = new Set(
      emptied.filter((entry) =>
        [...parseRow(entry).attrs.matchAll(/([\w.:-]+)\s*=/g)].every((m) =>
          INCIDENTAL_ROW_ATTRS.has(m[1] ?? ""),
        ),
      ),
    );
    if (gone.size === 0) return;
    const keptRows = this.rows.filter((entry) => !gone.has(entry));
    this.rows.length = 0;
    for (const entry of keptRows) this.rows.push(entry);
    for (const entry of gone) this.rowByIndex.delete(entry.index);
    this.rowsDirty = true;
    this.isChanged = true;
  }

  /**
   * Moves each row's cells in block's columns to consecutive rows from block.top — the <c> elements
   * themselves, renamed, so values, formulas and formats go with them — then clears the block's rows
   * below the last one moved. Rows move up or stay, so a row moved from is overwritten later or
   * cleared. A shared formula with a cell in the block is first made each cell's own; an array
   * formula or data table cannot move. Hyperlinks move with their cells; the returned RowMove says
   * where every cell went, for what other parts anchor to cells (notes).
   */
  moveRows(block: GridRange, rows: readonly number[]): RowMove {
    const move = new RowMove(block, rows);
    this.expandSharedIn(block, false);
    this.moveHyperlinks(move);
    rows.forEach((from, i) => {
      const to = block.top + i;
      if (from === to) return;
      const source = this.rowByIndex.get(from);
      const moving = source === undefined ? [] : this.takeCells(source, block, from);
      const target = moving.length > 0 ? this.rowFor(to) : this.rowByIndex.get(to);
      if (target === undefined) return;
      this.takeCells(target, block, to);
      if (moving.length === 0) return;
      const kept = parseRow(target).cells;
      // Cells before the block, the moved ones renamed, then cells after it.
      let at = 0;
      while (at < kept.length && kept[at]!.column < block.left) at++;
      const cells = kept.slice(0, at);
      for (const cell of moving) {
        // A cell written here takes its r from the row it is in; one read keeps its other attributes.
        if (cell.raw === null) {
          cells.push({ ...cell, lead: "" });
          continue;
        }
        const tag = cellStartTag(cell.raw);
        const raw = setAttr(tag, "r", cellAddress(to, cell.column)) + cell.raw.slice(tag.length);
        cells.push({ column: cell.column, lead: "", raw });
      }
      for (; at < kept.length; at++) cells.push(kept[at]!);
      parseRow(target).cells = cells;
      this.touchRow(target);
      this.noteWritten(to, moving[0]!.column);
      this.noteWritten(to, moving[moving.length - 1]!.column);
    });
    this.clearRange({ ...block, top: block.top + rows.length });
    return move;
  }

  /** A hyperlink is anchored by its cell's address in <hyperlinks>, apart from the cell: it moves
   *  with its cell (one the move would split or clear is refused). */
  private moveHyperlinks(move: RowMove): void {
    const chunk = this.chunk("hyperlinks");
    if (chunk === undefined) return;
    const xml = chunk.xml.replace(elementPattern("hyperlink"), (link) => {
      const ref = attr(link, "ref");
      if (ref === null) return link;
      const at = parseRef(ref, "hyperlink");
      const to = move.rangeOf(at, "the hyperlink");
      return to === at ? link : setAttr(link, "ref", rangeAddress(to));
    });
    this.replaceChunk(chunk, xml);
  }

  /**
   * Takes a row's cells in block's columns out of it and returns them; the row keeps the rest. A
   * formula tied to other cells by position cannot leave its place.
   */
  private takeCells(entry: RowEntry, block: GridRange, row: number): CellEntry[] {
    const parsed = parseRow(entry);
    const taken: CellEntry[] = [];
    const kept: CellEntry[] = [];
    for (const cell of parsed.cells) {
      if (cell.column < block.left || cell.column > block.right) kept.push(cell);
      else if (cell.raw !== null && formulaIsPositional(cell.raw)) {
        throw new PackageUnsupported(
          `cell ${cellAddress(row, cell.column)} holds an array formula or data table, which cannot move`,
        );
      } else taken.push(cell);
    }
    if (taken.length > 0) {
      parsed.cells = kept;
      this.touchRow(entry);
    }
    return taken;
  }

  // ---- merges, validations, conditional formats --------------------------------------------

  /** The refs of the merged cells that overlap range. */
  mergesOverlapping(range: GridRange): string[] {
    const chunk = this.chunk("mergeCells");
    if (chunk === undefined) return [];
    return (chunk.xml.match(elementPattern("mergeCell")) ?? [])
      .map((m) => attr(m, "ref") ?? "")
      .filter((ref) => overlaps(parseRef(ref, "mergeCell"), range));
  }

  /** Removes every <mergeCell> whose ref overlaps range; drops <mergeCells> when it becomes empty. */
  unmerge(range: GridRange): void {
    const chunk = this.chunk("mergeCells");
    if (chunk === undefined) return;
    const merges = chunk.xml.match(elementPattern("mergeCell")) ?? [];
    const kept = merges.filter((m) => !overlaps(parseRef(attr(m, "ref") ?? "", "mergeCell"), range));
    if (kept.length === merges.length) return;
    if (kept.length === 0) {
      this.removeChunk(chunk);
      return;
    }
    const start = setAttr(chunk.xml.slice(0, chunk.xml.indexOf(">") + 1), "count", String(kept.length));
    this.replaceChunk(chunk, `${start}${kept.join("")}</mergeCells>`);
  }

  /** Replaces data validation on range: the range's cells are first taken out of every existing
   *  <dataValidation>'s sqref (an entry with nothing left goes), then one list validation is added. */
  setValidation(range: GridRange, rule: ListValidation): void {
    this.takeRangeOutOfExtValidations(range);
    const chunk = this.chunk("dataValidations");
    const kept: string[] = [];
    let start = "<dataValidations>";
    if (chunk !== undefined) {
      const tagEnd = chunk.xml.indexOf(">") + 1;
      start = chunk.xml.slice(0, tagEnd).replace(/\s*\/>$/, ">");
      for (const item of chunk.xml.match(elementPattern("dataValidation")) ?? []) {
        const tag = item.slice(0, item.indexOf(">") + 1);
        const sqref = attr(tag, "sqref") ?? "";
        const rects = parseSqref(sqref, "dataValidation sqref");
        if (!rects.some((rect) => overlaps(rect, range))) {
          kept.push(item);
          continue;
        }
        const left = rects.flatMap((rect) => subtract(rect, range));
        if (left.length === 0) continue;
        const newTag = setAttr(tag, "sqref", left.map(rangeAddress).join(" "));
        kept.push(newTag + item.slice(tag.length));
      }
    }
    const a = (name: string, value: string): string => ` ${name}="${escapeXmlAttribute(value)}"`;
    let added = `<dataValidation type="list" allowBlank="1"`;
    // showDropDown="1" HIDES the in-cell arrow (the attribute's sense is inverted in the file format).
    if (!rule.inCellDropdown) added += ' showDropDown="1"';
    added += ' showErrorMessage="1"';
    if (rule.prompt !== undefined) added += ' showInputMessage="1"';
    if (rule.errorStyle === "warning") added += ' errorStyle="warning"';
    added += a("errorTitle", rule.errorTitle) + a("error", rule.errorMessage);
    if (rule.prompt !== undefined) added += a("promptTitle", rule.errorTitle) + a("prompt", rule.prompt);
    added += `${a("sqref", rangeAddress(range))}><formula1>${escapeXml(rule.source.replace(/^=/, ""))}</formula1></dataValidation>`;
    kept.push(added);
    const xml = `${setAttr(start, "count", String(kept.length))}${kept.join("")}</dataValidations>`;
    if (chunk === undefined) this.newChunk("dataValidations", xml);
    else this.replaceChunk(chunk, xml);
  }

  /**
   * Excel keeps some validations in an x14 extension (lists drawn from another sheet, in files from
   * Excel 2010 on). They give up the range's cells as the sheet's own do, so each cell has one
   * validation: a validation left with no cells goes, and an extension left with none goes too.
   */
  private takeRangeOutOfExtValidations(range: GridRange): void {
    const EMPTIED = "\u0000";
    const ext = this.chunk("extLst");
    if (ext === undefined || !ext.xml.includes("dataValidation")) return;
    const lists = /<([\w.-]+):dataValidations\b([^>]*)>([\s\S]*?)<\/\1:dataValidations>/g;
    let xml = ext.xml.replace(lists, (whole, prefix: string, attributes: string, body: string) => {
      let count = 0;
      const item = new RegExp(`<${prefix}:dataValidation\\b[^>]*>[\\s\\S]*?</${prefix}:dataValidation>`, "g");
      const items = body.replace(item, (validation) => {
        const sqref = /<([\w.-]+):sqref>([^<]*)<\/\1:sqref>/.exec(validation);
        const rects = sqref === null ? [] : parseSqref(sqref[2] ?? "", "x14 dataValidation sqref");
        if (sqref === null || !rects.some((rect) => overlaps(rect, range))) {
          count++;
          return validation;
        }
        const left = rects.flatMap((rect) => subtract(rect, range));
        if (left.length === 0) return "";
        count++;
        const p = sqref[1] ?? "";
        return validation.replace(
          sqref[0],
          () => `<${p}:sqref>${left.map(rangeAddress).join(" ")}</${p}:sqref>`,
        );
      });
      if (items === body) return whole;
      if (count === 0) return EMPTIED;
      return `${setAttr(`<${prefix}:dataValidations${attributes}>`, "count", String(count))}${items}</${prefix}:dataValidations>`;
    });
    if (xml === ext.xml) return;
    // An extension that held only the validations emptied goes; any other stays as it was.
    xml = xml.replace(new RegExp(`<ext\\b[^>]*>\\s*${EMPTIED}\\s*</ext>`, "g"), "").replaceAll(EMPTIED, "");
    if (/^<extLst\b[^>]*>\s*<\/extLst>$/.test(xml)) this.removeChunk(ext);
    else this.replaceChunk(ext, xml);
  }

  /** Replaces the conditional formats on exactly range with expression rules (dxfIds given). */
  setConditionalFormats(
    range: GridRange,
    rules: ReadonlyArray<{ readonly formula: string; readonly dxfId: number }>,
  ): void {
    for (const chunk of this.children.filter((c) => c.name === "conditionalFormatting")) {
      const rects = parseSqref(attr(chunk.xml, "sqref") ?? "", "conditionalFormatting sqref");
      const only = rects[0];
      if (rects.length === 1 && only !== undefined && rangeAddress(only) === rangeAddress(range)) {
        this.removeChunk(chunk);
      }
    }
    if (rules.length === 0) return;
    let priority = 0;
    for (const chunk of this.children) {
      if (chunk.name !== "conditionalFormatting" && chunk.name !== "extLst") continue;
      for (const m of chunk.xml.matchAll(/<(?:\w+:)?cfRule\s[^>]*?priority\s*=\s*["'](\d+)["']/g)) {
        priority = Math.max(priority, Number(m[1]));
      }
    }
    const body = rules
      .map(
        (rule) =>
          `<cfRule type="expression" dxfId="${rule.dxfId}" priority="${++priority}">` +
          `<formula>${escapeXml(rule.formula.replace(/^=/, ""))}</formula></cfRule>`,
      )
      .join("");
    this.newChunk(
      "conditionalFormatting",
      `<conditionalFormatting sqref="${rangeAddress(range)}">${body}</conditionalFormatting>`,
    );
  }

  // ---- columns, page, tables, views -----------------------------------------------------------

  /** Sets column widths in <cols>, splitting a span that covers the column (the rest keeps its
   *  attributes). Columns are 0-based here, 1-based in the file. */
  setColumnWidths(widths: ReadonlyArray<{ readonly column: number; readonly width: number }>): void {
    if (widths.length === 0) return;
    let spans = this.readCols();
    for (const { column, width } of widths) {
      if (!Number.isFinite(width) || width < 0) throw new RangeError(`Bad column width ${width}`);
      const n = column + 1;
      const covering = spans.find((c) => c.min <= n && n <= c.max);
      const single = (raw: string): ColSpan => {
        let tag = setAttr(setAttr(raw, "min", String(n)), "max", String(n));
        tag = setAttr(setAttr(tag, "width", String(width)), "customWidth", "1");
        return { min: n, max: n, raw: tag };
      };
      if (covering === undefined) {
        spans.push(single("<col/>"));
      } else {
        const pieces: ColSpan[] = [];
        if (covering.min < n) {
          pieces.push({ min: covering.min, max: n - 1, raw: setAttr(covering.raw, "max", String(n - 1)) });
        }
        pieces.push(single(covering.raw));
        if (covering.max > n) {
          pieces.push({ min: n + 1, max: covering.max, raw: setAttr(covering.raw, "min", String(n + 1)) });
        }
        spans = spans.flatMap((c) => (c === covering ? pieces : [c]));
      }
    }
    spans.sort((a, b) => a.min - b.min);
    this.colSpans = spans;
    const xml = `<cols>${spans.map((c) => c.raw).join("")}</cols>`;
    const chunk = this.chunk("cols");
    if (chunk === undefined) this.newChunk("cols", xml);
    else this.replaceChunk(chunk, xml);
  }

  /** Fit to `fitToPagesWide` pages wide (any number tall) in `orientation`. */
  setPageLayout(orientation: "landscape" | "portrait", fitToPagesWide: number): void {
    const sheetPr = this.chunk("sheetPr");
    if (sheetPr === undefined) {
      this.newChunk("sheetPr", '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    } else {
      const existing = /<pageSetUpPr(?=[\s>/])[^>]*?\/?>/.exec(sheetPr.xml);
      let xml: string;
      if (existing !== null) {
        xml =
          sheetPr.xml.slice(0, existing.index) +
          setAttr(existing[0], "fitToPage", "1") +
          sheetPr.xml.slice(existing.index + existing[0].length);
      } else if (sheetPr.xml.endsWith("/>")) {
        // pageSetUpPr is CT_SheetPr's last child (after tabColor, outlinePr).
        xml = `${sheetPr.xml.slice(0, -2).trimEnd()}><pageSetUpPr fitToPage="1"/></sheetPr>`;
      } else {
        xml = sheetPr.xml.replace(/<\/sheetPr>$/, '<pageSetUpPr fitToPage="1"/></sheetPr>');
      }
      this.replaceChunk(sheetPr, xml);
    }
    if (this.chunk("pageMargins") === undefined) this.newChunk("pageMargins", DEFAULT_MARGINS);
    const pageSetup = this.chunk("pageSetup");
    const fit = (tag: string): string =>
      setAttr(
        setAttr(setAttr(tag, "orientation", orientation), "fitToWidth", String(fitToPagesWide)),
        "fitToHeight",
        "0",
      );
    if (pageSetup === undefined) {
      this.newChunk("pageSetup", fit("<pageSetup/>"));
    } else {
      const tagEnd = pageSetup.xml.indexOf(">") + 1;
      this.replaceChunk(pageSetup, fit(pageSetup.xml.slice(0, tagEnd)) + pageSetup.xml.slice(tagEnd));
    }
  }

  /**
   * The sheet's own autoFilter when it overlaps `range` (a table about to be made there), taken off
   * the sheet: its ref and the XML inside it (filter criteria, sort state), for the table to keep.
   * Excel must repair a file where a sheet filter and a table overlap.
   */
  takeAutoFilterOver(range: GridRange): { readonly ref: GridRange; readonly inner: string } | null {
    const chunk = this.chunk("autoFilter");
    if (chunk === undefined) return null;
    const refText = attr(chunk.xml, "ref");
    if (refText === null) return null;
    const ref = parseRef(refText, "autoFilter");
    if (!overlaps(ref, range)) return null;
    const open = chunk.xml.indexOf(">") + 1;
    const inner =
      chunk.xml[open - 2] === "/" ? "" : chunk.xml.slice(open, chunk.xml.lastIndexOf("</autoFilter>"));
    this.removeChunk(chunk);
    return { ref, inner };
  }

  /** Sets the paper size in <pageSetup> (9 is A4 in ECMA-376's ST_PaperSize list). */
  setPaperSize(paperSize: number): void {
    const pageSetup = this.chunk("pageSetup");
    if (pageSetup === undefined) {
      this.newChunk("pageSetup", `<pageSetup paperSize="${paperSize}"/>`);
      return;
    }
    const tagEnd = pageSetup.xml.indexOf(">") + 1;
    const tag = pageSetup.xml.slice(0, tagEnd);
    this.replaceChunk(pageSetup, setAttr(tag, "paperSize", String(paperSize)) + pageSetup.xml.slice(tagEnd));
  }

  /** Sets the odd-page (every page's, unless the sheet differs odd and even) footer, keeping the rest. */
  setOddFooter(codes: string): void {
    const footer = `<oddFooter>${escapeXml(codes)}</oddFooter>`;
    const chunk = this.chunk("headerFooter");
    if (chunk === undefined) {
      this.newChunk("headerFooter", `<headerFooter>${footer}</headerFooter>`);
      return;
    }
    let xml = chunk.xml.replace(/<oddFooter(?:\s[^>]*)?(?:\/>|>[\s\S]*?<\/oddFooter>)/, "");
    if (xml.endsWith("/>")) xml = `${xml.slice(0, -2).trimEnd()}></headerFooter>`;
    // oddFooter follows oddHeader, the first child of CT_HeaderFooter.
    const header = /<oddHeader(?:\s[^>]*)?(?:\/>|>[\s\S]*?<\/oddHeader>)/.exec(xml);
    const at = header !== null ? header.index + header[0].length : xml.indexOf(">") + 1;
    this.replaceChunk(chunk, xml.slice(0, at) + footer + xml.slice(at));
  }

  /** Replaces the manual row breaks: each 0-based row starts a new page. */
  setRowBreaks(rows: readonly number[]): void {
    const kept = [...new Set(rows)].filter((r) => r > 0).sort((a, b) => a - b);
    const chunk = this.chunk("rowBreaks");
    if (kept.length === 0) {
      if (chunk !== undefined) this.removeChunk(chunk);
      return;
    }
    // A break's id is the last row of the page before it (1-based), so the 0-based first row after.
    const breaks = kept.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join("");
    const xml = `<rowBreaks count="${kept.length}" manualBreakCount="${kept.length}">${breaks}</rowBreaks>`;
    if (chunk === undefined) this.newChunk("rowBreaks", xml);
    else this.replaceChunk(chunk, xml);
  }

  /** Sets rows' heights in points (customHeight="1", so readers keep them). */
  setRowHeights(heights: ReadonlyArray<{ readonly row: number; readonly height: number }>): void {
    for (const { row, height } of heights) {
      if (!Number.isFinite(height) || height < 0 || height > 409)
        throw new RangeError(`Bad row height ${height}`);
      const entry = this.rowFor(row);
      this.touchRow(entry);
      const parsed = parseRow(entry);
      parsed.attrs = `${removeAttr(removeAttr(parsed.attrs, "ht"), "customHeight")} ht="${height}" customHeight="1"`;
    }
  }

  /** The relationship id of the sheet's <drawing>, or null when it has none. */
  drawingId(): string | null {
    const chunk = this.chunk("drawing");
    return chunk === undefined ? null : attr(chunk.xml, "r:id");
  }

  /** Adds <drawing r:id="…"/> (a sheet has at most one), declaring xmlns:r if missing. */
  addDrawing(relationshipId: string): void {
    if (this.chunk("drawing") !== undefined) throw new PackageUnsupported("The sheet already has a drawing");
    const declared = attr(this.head, "xmlns:r");
    if (declared === null) {
      const end = this.head.lastIndexOf(">");
      this.head = `${this.head.slice(0, end)} xmlns:r="${REL_NS}"${this.head.slice(end)}`;
      this.isChanged = true;
    } else if (declared !== REL_NS) {
      throw new PackageUnsupported("Worksheet part: the r prefix names another namespace");
    }
    this.newChunk("drawing", `<drawing r:id="${escapeXmlAttribute(relationshipId)}"/>`);
  }

  /** Adds <tablePart r:id="…"/> in <tableParts count> (creating it), declaring xmlns:r if missing. */
  addTablePart(relationshipId: string): void {
    const declared = attr(this.head, "xmlns:r");
    if (declared === null) {
      const end = this.head.lastIndexOf(">");
      this.head = `${this.head.slice(0, end)} xmlns:r="${REL_NS}"${this.head.slice(end)}`;
      this.isChanged = true;
    } else if (declared !== REL_NS) {
      throw new PackageUnsupported("Worksheet part: the r prefix names another namespace");
    }
    const part = `<tablePart r:id="${escapeXmlAttribute(relationshipId)}"/>`;
    const chunk = this.chunk("tableParts");
    if (chunk === undefined) {
      this.newChunk("tableParts", `<tableParts count="1">${part}</tableParts>`);
      return;
    }
    const parts: string[] = [...(chunk.xml.match(elementPattern("tablePart")) ?? []), part];
    this.replaceChunk(chunk, `<tableParts count="${parts.length}">${parts.join("")}</tableParts>`);
  }

  /** Protects the sheet without a password (as Excel's Protect Sheet with the default choices). */
  protect(): void {
    const xml = '<sheetProtection sheet="1" objects="1" scenarios="1"/>';
    const chunk = this.chunk("sheetProtection");
    if (chunk === undefined) this.newChunk("sheetProtection", xml);
    else this.replaceChunk(chunk, xml);
  }

  /** Sets or removes tabSelected="1" on the sheet's views. */
  setTabSelected(selected: boolean): void {
    const chunk = this.chunk("sheetViews");
    if (chunk === undefined) {
      if (selected)
        this.newChunk(
          "sheetViews",
          '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>',
        );
      return;
    }
    const xml = chunk.xml.replace(/<sheetView(?=[\s>/])[^>]*>/g, (tag) =>
      selected ? setAttr(tag, "tabSelected", "1") : removeAttr(tag, "tabSelected"),
    );
    this.replaceChunk(chunk, xml);
  }

  // ---- output ---------------------------------------------------------------------------------

  private dimensionRef(): string | null {
    const w = this.written;
    if (w === null) return null;
    const chunk = this.chunk("dimension");
    let bounds = w;
    const old = chunk === undefined || !this.hadCells ? null : attr(chunk.xml, "ref");
    if (old !== null) {
      const o = parseRef(old, "dimension");
      bounds = {
        top: Math.min(o.top, w.top),
        left: Math.min(o.left, w.left),
        bottom: Math.max(o.bottom, w.bottom),
        right: Math.max(o.right, w.right),
      };
    } else if (chunk === undefined && this.hadCells) {
      bounds = this.scanBounds(w);
    }
    return rangeAddress(bounds);
  }

  /** Every cell's bounds, read from the raw rows (only when the part has no <dimension>). */
  private scanBounds(start: GridRange): GridRange {
    let { top, left, bottom, right } = start;
    for (const entry of this.rows) {
      top = Math.min(top, entry.index);
      bottom = Math.max(bottom, entry.index);
      const xml = rowXml(entry);
      for (const m of xml.matchAll(/<c\s[^>]*?r="([A-Z]+)\d+"/g)) {
        const column = columnIndex(m[1] ?? "A");
        left = Math.min(left, column);
        right = Math.max(right, column);
      }
    }
    return { top, left, bottom, right };
  }

  /** The worksheet XML: identical to the input when unchanged; <dimension ref> covering all cells. */
  toXml(): string {
    if (!this.isChanged) return this.original;
    if (this.rowsDirty) {
      const parts: string[] = [];
      for (const entry of this.rows) {
        if (entry.dirty) {
          entry.raw = rowXml(entry);
          entry.dirty = false;
        }
        parts.push(entry.lead, entry.raw);
      }
      const inner = parts.join("") + this.rowsTail;
      this.sheetDataChunk.xml = inner === "" ? "<sheetData/>" : `<sheetData>${inner}</sheetData>`;
      this.rowsDirty = false;
      const ref = this.dimensionRef();
      if (ref !== null) {
        const dimension = this.chunk("dimension");
        if (dimension === undefined) this.newChunk("dimension", `<dimension ref="${ref}"/>`);
        else dimension.xml = setAttr(dimension.xml, "ref", ref);
      }
    }
    return this.head + this.children.map((c) => c.xml).join("") + this.foot;
  }
}
