/**
 * One worksheet part (xl/worksheets/sheetN.xml) edited as text for the package writer: only the
 * elements an op touches are rewritten, everything else comes out byte for byte. The part is read
 * in one pass of the XML tokenizer (xml-tokens.ts) into spans of its text: the root's children,
 * <sheetData>'s rows and each row's cells; an element an op edits is found by the tokenizer in its
 * span (xml-spans.ts) and the edit spliced in. No regular expression reads markup, so a CDATA
 * section, a comment, a processing instruction, a ">" in an attribute value or SpreadsheetML under
 * a prefix cannot mislead an edit. (A worksheet can be megabytes: the pass costs what tokenizing
 * the part costs, as the reader's does.)
 * No DOM, no Node built-ins, no ExcelJS: pure string in, string out.
 */
import type { GridRange } from "../core/basics/snapshot";
import type { ListValidation } from "../core/basics/write-plan";
import { cellAddress, columnLetters, parseRangeAddress, rangeAddress } from "../core/basics/cell-address";
import { PackageUnsupported } from "./package-unsupported";
import { RowMove } from "./row-move";
import { COMMON_CELL } from "./part-worksheet";
import { shiftFormula } from "../core/basics/formula-references";
import { escapeXlsxText } from "./xlsx-text-escapes";
import { escapeXml, escapeXmlAttribute } from "./xml-text";
import {
  type ElementSpan,
  attributeNames,
  descendantsOf,
  elementTree,
  rawAttribute,
  spliced,
  startTagEnd,
  withRawAttribute,
  withoutAttribute,
} from "./xml-spans";
import { type XmlShortcut, type XmlStartTag, XmlRefusal, scanXml } from "./xml-tokens";

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
// Small XML helpers. Attributes are read and set by the quoting-aware lexer of xml-spans.ts, on
// one start tag (or a row's attribute text) at a time; elements are found by the tokenizer.

/** The raw (still escaped) value of attribute `name` in a start tag, or null. */
const attr = rawAttribute;

/**
 * The start tag (or whole element) with attribute `name` set to `value` (already escaped), appended
 * when absent. A cell's r, and an s right after it, as Excel writes them (`<c r="B13" s="5"…`), are
 * found without lexing the tag (the same text withRawAttribute gives): a move or restyle of thousands
 * of cells sets one of them on each.
 */
function setAttr(text: string, name: string, value: string): string {
  if (text.startsWith('<c r="')) {
    const rEnd = text.indexOf('"', 6);
    if (name === "r") return `<c r="${value}"${text.slice(rEnd + 1)}`;
    if (name === "s" && text.startsWith(' s="', rEnd + 1)) {
      const sEnd = text.indexOf('"', rEnd + 5);
      return `${text.slice(0, rEnd + 1)} s="${value}"${text.slice(sEnd + 1)}`;
    }
  }
  return withRawAttribute(text, name, value);
}

const removeAttr = withoutAttribute;

/**
 * How names of a worksheet part read: SpreadsheetML's own elements by their local name whatever
 * prefix the part gives them (`x:row` is a row when x names the main namespace); any other prefixed
 * name as written (`x14:id`, `mc:AlternateContent`).
 */
class SheetNames {
  constructor(private readonly mainPrefixes: ReadonlySet<string>) {}

  readonly localOf = (name: string): string => {
    const colon = name.indexOf(":");
    if (colon < 0) return name;
    return this.mainPrefixes.has(name.slice(0, colon)) ? name.slice(colon + 1) : name;
  };

  /** Refuses a start tag that declares the default namespace or a SpreadsheetML prefix again below
   *  the root: names under it would not read as they do everywhere else in the part. */
  checkDeclarations(tag: XmlStartTag): void {
    for (const key in tag.attributes) {
      if (!key.startsWith("xmlns")) continue;
      const prefix = key === "xmlns" ? "" : key.startsWith("xmlns:") ? key.slice(6) : null;
      if (prefix === null) continue;
      if (prefix === "" || this.mainPrefixes.has(prefix) || tag.attributes[key] === MAIN_NS) {
        throw new PackageUnsupported(
          `Worksheet part: <${tag.name}> declares ${key === "xmlns" ? "the default namespace" : `the prefix ${prefix}`} again below the root`,
        );
      }
    }
  }

  /** Whether the part names SpreadsheetML by a prefix anywhere. */
  get prefixed(): boolean {
    return this.mainPrefixes.size > 0;
  }

  /**
   * The part in Excel's own form, SpreadsheetML's prefix taken off every tag that has it (the main
   * namespace is the root's default: headOf), found by the tokenizer, so a CDATA section, comment
   * or attribute value that reads like a tag is left as it is. A written part is given in this form,
   * as readers that match names as written (ExcelJS) read no other.
   */
  unprefixed(xml: string): string {
    const edits: Array<{ start: number; end: number; text: string }> = [];
    const cut = (name: string, at: number): void => {
      const colon = name.indexOf(":");
      if (colon > 0 && this.mainPrefixes.has(name.slice(0, colon))) {
        edits.push({ start: at, end: at + colon + 1, text: "" });
      }
    };
    scanXml(xml, "the worksheet part", {
      start: (tag) => cut(tag.name, tag.start + 1),
      end: (tag) => {
        if (tag.end > tag.start) cut(tag.name, tag.start + 2);
      },
    });
    return spliced(xml, edits);
  }

  /** The element tree of a fragment of the part (a top-level element, a cell). */
  tree(xml: string, where: string): ElementSpan {
    return elementTree(xml, where, this.localOf);
  }
}

/** Complete children of the fragment's root named `local`, as their text. */
function childElements(xml: string, names: SheetNames, local: string, where: string): string[] {
  return names
    .tree(xml, where)
    .children.filter((c) => c.local === local)
    .map((c) => xml.slice(c.start, c.end));
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
      /** Its s (0 when it has none), read once: restyling reads it for every cell of a range. */
      readonly style: number;
    }
  | {
      readonly column: number;
      readonly lead: string;
      readonly raw: null;
      /** Set in place by a restyle: such a cell is held by its row alone (a move copies it). */
      style: number;
      /** What it holds (null: no value), made into XML with the row. */
      readonly content: CellContent | null;
    };

/** The pieces of the row being made (rowXml, renamedCells), one row at a time. */
const ROW_PIECES: string[] = [];

/** The cell's <c> element on the row numbered `rowNumber` (1-based, as text). */
function cellXml(cell: CellEntry, rowNumber: string): string {
  if (cell.raw !== null) return cell.raw;
  const s = cell.style === 0 ? "" : ` s="${cell.style}"`;
  return `<c r="${columnLetters(cell.column)}${rowNumber}"${s}${valueXml(cell.content)}`;
}

/** The cell's s (0 when it has none). */
function styleOf(cell: CellEntry): number {
  return cell.style;
}

/** The cell with s set to `style`, or the cell itself when it has that style already. */
function withCellStyle(cell: CellEntry, style: number): CellEntry {
  if (styleOf(cell) === style) return cell;
  if (cell.raw === null)
    return { column: cell.column, lead: cell.lead, raw: null, style, content: cell.content };
  // The attributes are read from the whole element: the lexer stops where the start tag closes.
  const raw = style === 0 ? removeAttr(cell.raw, "s") : setAttr(cell.raw, "s", String(style));
  return { column: cell.column, lead: cell.lead, raw, style };
}

interface ParsedRow {
  /** The start tag's name as written ("row", or "x:row" in a part that prefixes SpreadsheetML). */
  readonly name: string;
  /** The start tag's attributes text, e.g. ` r="3" spans="1:4"`. */
  attrs: string;
  cells: CellEntry[];
  /** Whatever follows the last cell inside the row (an extLst, whitespace). */
  tail: string;
}

interface RowEntry {
  readonly index: number;
  /** Text between the previous row (or <sheetData>) and this one. */
  lead: string;
  raw: string;
  /** Its start tag and cells; null for a common row not read yet (commonRows), read when first used. */
  parsed: ParsedRow | null;
  dirty: boolean;
  /**
   * The cells written into this common row's text while it was not read (writtenAsText), each with
   * what it holds: when the row is read they are cells written here again, as setCells would have
   * left them (a later restyle or move then treats them as it treats any written cell). Null: none.
   */
  written: Array<{ readonly column: number; readonly content: CellContent | null }> | null;
}

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

/** The position of the first of a row's cells (in column order) at or right of `column`. */
function firstCellFrom(cells: readonly CellEntry[], column: number): number {
  let i = 0;
  while (i < cells.length && cells[i]!.column < column) i++;
  return i;
}

function parseRow(entry: RowEntry): ParsedRow {
  if (entry.parsed !== null) return entry.parsed;
  const parsed = parseCommonRow(entry.raw);
  entry.parsed = parsed;
  if (entry.written !== null) {
    // The cells written into the text become written cells again, each in its place.
    for (const { column, content } of entry.written) {
      const at = firstCellFrom(parsed.cells, column);
      const cell = parsed.cells[at];
      if (cell?.column !== column)
        throw new Error(`A cell written as text is missing from row ${entry.index + 1}`);
      parsed.cells[at] = { column, lead: cell.lead, raw: null, style: cell.style, content };
    }
    entry.written = null;
  }
  return parsed;
}

/**
 * A common row (COMMON_ROW) as a parsed row: its attributes, and its cells taken whole with
 * COMMON_CELL (every cell of such a row is one), nothing between them.
 */
function parseCommonRow(raw: string): ParsedRow {
  if (!raw.endsWith("</row>")) return { name: "row", attrs: raw.slice(4, -2), cells: [], tail: "" };
  const end = raw.length - 6;
  let at = commonCellsAt(raw);
  const attrs = raw.slice(4, at - 1);
  const cells: CellEntry[] = [];
  while (at < end) {
    COMMON_CELL.lastIndex = at;
    const m = COMMON_CELL.exec(raw);
    if (m === null) throw new Error(`A common row's cell does not read as one: ${raw.slice(at, at + 40)}`);
    const next = COMMON_CELL.lastIndex;
    cells.push({
      column: lettersColumn(m[1]!),
      lead: "",
      raw: raw.slice(at, next),
      style: m[3] === undefined ? 0 : Number(m[3]),
    });
    at = next;
  }
  return { name: "row", attrs, cells, tail: "" };
}

/** Where the first cell of a common row that is not self-closing begins: just after its start tag,
 *  whose values may hold ">" but never "<" (COMMON_ROW), so at the first "<" after its own. */
function commonCellsAt(raw: string): number {
  return raw.indexOf("<", 4);
}

/** The 0-based column of the common cell starting at `at` (`<c r="AB12"…`). */
function commonColumnAt(raw: string, at: number): number {
  let column = 0;
  for (let i = at + 6; ; i++) {
    const code = raw.charCodeAt(i);
    if (code < 65 || code > 90) return column - 1;
    column = column * 26 + (code - 64);
  }
}

/**
 * Where the common cell of 0-based `column` lies in a common row's text (cells from `cellsAt`):
 * `start`…`end` when the row has it, else `start` = `end` where it would go (column order). In such
 * a row every `<c r="` starts a cell and ends the one before.
 */
function commonCellSpan(
  raw: string,
  cellsAt: number,
  column: number,
): { readonly start: number; readonly end: number; readonly found: boolean } {
  const end = raw.length - "</row>".length;
  for (let at = cellsAt; at < end;) {
    const c = commonColumnAt(raw, at);
    if (c > column) return { start: at, end: at, found: false };
    const next = raw.indexOf('<c r="', at + 6);
    const stop = next < 0 || next > end ? end : next;
    if (c === column) return { start: at, end: stop, found: true };
    at = stop;
  }
  return { start: end, end, found: false };
}

/** Where the value of the s right after the r of the common cell at `at` begins, or -1 when the
 *  cell has no s (`<c r="E7" s="12"…`: s follows r, as COMMON_CELL reads it). */
function commonStyleFrom(raw: string, at: number): number {
  const rEnd = raw.indexOf('"', at + 6);
  return raw.startsWith(' s="', rEnd + 1) ? rEnd + 5 : -1;
}

/** A common row's cells (from `cellsAt` to its end tag) each named on the row numbered `rowNumber`:
 *  in such a row every `<c r="` starts a cell (no value holds "<"), its letters then the old number. */
function renamedCells(raw: string, cellsAt: number, rowNumber: string): string {
  const end = raw.length - "</row>".length;
  // Joined once, as rowXml does: no tree of partial strings kept until the sheet's text is made.
  const pieces = ROW_PIECES;
  let n = 0;
  let at = cellsAt;
  for (let c = raw.indexOf('<c r="', at); c >= 0 && c < end; c = raw.indexOf('<c r="', c + 6)) {
    let i = c + 6;
    for (let code = raw.charCodeAt(i); code >= 65 && code <= 90; code = raw.charCodeAt(++i));
    pieces[n++] = raw.slice(at, i);
    pieces[n++] = rowNumber;
    at = raw.indexOf('"', i);
  }
  pieces[n++] = raw.slice(at, end);
  return piecesJoined(pieces, n);
}

/** A common row's attributes without spans (` name="value"`…, no value holding a quote), as touchRow
 *  leaves them. */
function withoutSpans(attrs: string): string {
  const at = attrs.indexOf(' spans="');
  return at < 0 ? attrs : attrs.slice(0, at) + attrs.slice(attrs.indexOf('"', at + 8) + 1);
}

/** The 0-based column of column letters ("AB" → 27). */
function lettersColumn(letters: string): number {
  let column = 0;
  for (let i = 0; i < letters.length; i++) column = column * 26 + (letters.charCodeAt(i) - 64);
  return column - 1;
}

/**
 * A row as Excel writes most of them, matched whole: `<row r="7" spans="1:6" x14ac:dyDescent="0.25">`
 * (r first, then attributes with plain values) holding only common cells (part-worksheet.ts
 * COMMON_CELL, each naming the row by the same digits: \1), nothing between them; or the same row
 * self-closing. 1 the row number, 2 the other attributes. Well-formed by construction, so a sheet
 * whose rows are all common is read without tokenizing them (commonRows).
 */
const COMMON_ROW =
  /<row r="([1-9][0-9]{0,6})"((?: [A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?="[^"<&\t\n\r]*")*)(?:\/>|>(?:<c r="[A-Z]{1,3}\1"(?: s="[0-9]{1,9}")?(?: t="(?:s|n|b|e|str)")?(?:\/>|>(?:<v>[^<&\r\]]+<\/v>)?<\/c>))*<\/row>)/y;

/** A character XML 1.0 does not allow, or any surrogate (such a part is read token by token). */
const UNCOMMON_CHARACTER = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]/;

/** The rows read whole were not the worksheet's own <sheetData>'s: the part is read token by token. */
class NotCommonRows extends Error {}

/** Where <sheetData>'s rows lie when every one of them is a common row, and those rows, unread. */
interface CommonRows {
  /** Where the rows begin (just after `<sheetData>`) and end (at `</sheetData>`). */
  readonly from: number;
  readonly to: number;
  readonly rows: RowEntry[];
}

/**
 * The rows of the part's first `<sheetData>` when every one is a common row (COMMON_ROW) in order,
 * each with its cells in column order and its attributes named once, none a namespace declaration;
 * otherwise null, and the part is read token by token (which refuses what is wrong). Whether that
 * `<sheetData>` is the worksheet's own element is for the tokenizer to confirm.
 */
function commonRows(xml: string): CommonRows | null {
  const open = xml.indexOf("<sheetData>");
  if (open < 0 || UNCOMMON_CHARACTER.test(xml)) return null;
  const from = open + "<sheetData>".length;
  const rows: RowEntry[] = [];
  let at = from;
  let previous = -1;
  // The last attributes found plain: a sheet's rows mostly repeat theirs (` spans="1:6" x14ac:…`).
  let plain: string | null = null;
  for (;;) {
    COMMON_ROW.lastIndex = at;
    const m = COMMON_ROW.exec(xml);
    if (m === null) break;
    const end = COMMON_ROW.lastIndex;
    const index = Number(m[1]) - 1;
    const attrs = m[2]!;
    // The row's own text: a search in the whole part from an empty row would run on to the next
    // row's cells, and a sheet of a million empty rows would be read a million times over.
    const raw = xml.slice(at, end);
    if (index <= previous || !cellsInOrder(raw)) return null;
    if (attrs !== plain) {
      if (!plainAttributes(attrs)) return null;
      plain = attrs;
    }
    rows.push({ index, lead: "", raw, parsed: null, dirty: false, written: null });
    previous = index;
    at = end;
  }
  return xml.startsWith("</sheetData>", at) ? { from, to: at, rows } : null;
}

/** Whether a common row's other attributes (` name="value"`…) name neither r nor a namespace, nor any
 *  twice (a duplicate is not well-formed: the tokenizer names it). */
function plainAttributes(attrs: string): boolean {
  if (attrs === "") return true;
  const names: string[] = [];
  for (let at = 1; at < attrs.length;) {
    const eq = attrs.indexOf("=", at);
    const name = attrs.slice(at, eq);
    if (name === "r" || name.startsWith("xmlns") || names.includes(name)) return false;
    names.push(name);
    at = attrs.indexOf('"', eq + 2) + 2;
  }
  return true;
}

/** Whether the cells of the common row `row` are in column order (each `<c r="` is a cell's start: no
 *  value in such a row holds "<"). */
function cellsInOrder(row: string): boolean {
  let previous = -1;
  for (let at = row.indexOf('<c r="'); at >= 0; at = row.indexOf('<c r="', at + 6)) {
    let column = 0;
    for (let i = at + 6; ; i++) {
      const code = row.charCodeAt(i);
      if (code < 65 || code > 90) break;
      column = column * 26 + (code - 64);
    }
    if (column <= previous) return false;
    previous = column;
  }
  return true;
}

/** `" s="N"` (the end of a cell's r, then its s) by style N, each made once: a written sheet gives
 *  thousands of cells a few styles. */
const STYLE_ATTRIBUTES: string[] = [];
/** The same followed by a shared string's type and the start of its value (`" s="N" t="s"><v>`). */
const SHARED_STRING_ATTRIBUTES: string[] = [];
/** `<c r="AB` by 0-based column: a written cell's start tag up to its row number, each made once. */
const CELL_STARTS: string[] = [];

/**
 * The row's XML, joined from its pieces once (cellXml's text for each cell): a row of a dozen cells
 * made by adding strings would be a tree of a hundred partial strings, each one kept alive (and
 * copied by every collection) until the sheet's text is joined.
 */
function rowXml(entry: RowEntry): string {
  if (!entry.dirty) return entry.raw;
  const { name, attrs, cells, tail } = parseRow(entry);
  if (cells.length === 0 && tail === "") return `<${name}${attrs}/>`;
  const rowNumber = String(entry.index + 1);
  const pieces = ROW_PIECES;
  // Written from the start and cut to length before the join (piecesJoined), never emptied: an
  // emptied array lets its storage go, and every row would grow a new one piece by piece.
  let n = 0;
  pieces[n++] = `<${name}${attrs}>`;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell.lead !== "") pieces[n++] = cell.lead;
    if (cell.raw !== null) {
      pieces[n++] = cell.raw;
      continue;
    }
    const style = cell.style;
    pieces[n++] = CELL_STARTS[cell.column] ??= `<c r="${columnLetters(cell.column)}`;
    pieces[n++] = rowNumber;
    // Most written cells hold a shared string: its pieces as valueXml gives them, not made into one,
    // the fixed ones joined once for each style (five pieces a cell where there were seven).
    const content = cell.content;
    if (content !== null && content.kind === "sharedString") {
      pieces[n++] = SHARED_STRING_ATTRIBUTES[style] ??= `"${style === 0 ? "" : ` s="${style}"`} t="s"><v>`;
      pieces[n++] = String(content.index);
      pieces[n++] = "</v></c>";
    } else {
      pieces[n++] = style === 0 ? '"' : (STYLE_ATTRIBUTES[style] ??= `" s="${style}"`);
      pieces[n++] = valueXml(content);
    }
  }
  pieces[n++] = tail;
  pieces[n++] = `</${name}>`;
  return piecesJoined(pieces, n);
}

/** The first `n` pieces joined (the rest, from an earlier row, cut off first). */
function piecesJoined(pieces: string[], n: number): string {
  // Shortening keeps the array's storage unless it is much longer than needed (V8's SetLength).
  pieces.length = n;
  return pieces.join("");
}

/** The cell's <f> element, or null (a cheap look first: most cells hold no formula). */
function formulaElement(raw: string, names: SheetNames): { cell: ElementSpan; f: ElementSpan } | null {
  if (!raw.includes("f")) return null;
  const cell = names.tree(raw, "a cell");
  const f = cell.children.find((child) => child.local === "f");
  return f === undefined ? null : { cell, f };
}

/** The master of an array formula or data table: cells elsewhere show what its text computes.
 *  (Shared formulas are expanded before a write reaches them: expandSharedIn.) */
function formulaMasterRef(raw: string, names: SheetNames): string | null {
  const f = formulaElement(raw, names)?.f;
  if (f === undefined) return null;
  const t = f.attributes["t"];
  if (t === "array" || t === "dataTable") return f.attributes["ref"] ?? null;
  return null;
}

/** A cell's shared formula: its group (si), and for the group's master its ref and text. */
function sharedFormulaOf(
  raw: string,
  names: SheetNames,
): { si: string; ref: string | null; text: string | null } | null {
  if (!raw.includes("shared")) return null;
  const f = formulaElement(raw, names)?.f;
  if (f === undefined || f.attributes["t"] !== "shared") return null;
  return {
    si: f.attributes["si"] ?? "",
    ref: f.attributes["ref"] ?? null,
    text: f.selfClosing ? null : f.text,
  };
}

/** The cell with its shared formula made its own: <f> holding `text`, t, ref and si gone. */
function withOwnFormula(raw: string, text: string, names: SheetNames): string {
  const found = formulaElement(raw, names);
  if (found === null) return raw;
  const { f } = found;
  let tag = raw.slice(f.start, f.tagEnd);
  for (const name of ["t", "ref", "si"]) tag = removeAttr(tag, name);
  const open = tag.endsWith("/>") ? `${tag.slice(0, -2)}>` : tag;
  return spliced(raw, [{ start: f.start, end: f.end, text: `${open}${escapeXml(text)}</${f.name}>` }]);
}

/** A formula tied to other cells by position: a shared formula (master or dependent), an array
 *  formula or a data table. */
function formulaIsPositional(raw: string, names: SheetNames): boolean {
  const t = formulaElement(raw, names)?.f.attributes["t"];
  return t === "shared" || t === "array" || t === "dataTable";
}

/** Refuses content no cell can hold (checked when written, so the op that wrote it fails). */
function checkContent(content: CellContent): void {
  if (content.kind === "number" && !Number.isFinite(content.value)) {
    throw new RangeError(`Cannot write ${content.value} into a cell`);
  }
  if (content.kind === "formula" && typeof content.cached === "number" && !Number.isFinite(content.cached)) {
    throw new RangeError(`Cannot cache ${content.cached} in a cell`);
  }
}

/** A written cell's <c> element after its r and s: its t, and its children (none: "/>"). */
function valueXml(content: CellContent | null): string {
  if (content === null) return "/>";
  switch (content.kind) {
    case "sharedString":
      return ` t="s"><v>${content.index}</v></c>`;
    case "number":
      return `><v>${String(content.value)}</v></c>`;
    case "boolean":
      return ` t="b"><v>${content.value ? 1 : 0}</v></c>`;
    case "formula": {
      // A formula is an ST_Xstring too: a control character in a string literal (a lead code pasted
      // from Word) cannot stand in XML 1.0, so it is written as Excel writes it, _x000B_.
      const f = `<f>${escapeXml(escapeXlsxText(content.formula.replace(/^=/, "")))}</f>`;
      const cached = content.cached;
      if (cached === null) return `>${f}</c>`;
      if (typeof cached === "number") return `>${f}<v>${String(cached)}</v></c>`;
      return ` t="str">${f}<v>${escapeXml(escapeXlsxText(cached))}</v></c>`;
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
  /** <sheetData>'s start and end tags as written, for when its rows are written again. */
  private readonly sheetDataOpen: string;
  private readonly sheetDataClose: string;
  private readonly rows: RowEntry[];
  private readonly rowByIndex: Map<number, RowEntry>;
  /** Text after the last row inside <sheetData>. */
  private rowsTail: string;
  private rowsDirty = false;
  private hadCells: boolean;
  /** The bounds of the cells written since parse (for <dimension>). */
  private written: { top: number; left: number; bottom: number; right: number } | null = null;
  private colSpans: ColSpan[] | null = null;
  /** Each column's style as columnStyle read it from colSpans (asked for every new cell written). */
  private columnStyles: number[] = [];
  private isChanged = false;
  private readonly names: SheetNames;
  /** Where the root's start tag begins in head. */
  private readonly rootStart: number;
  /** Whether the part read names "shared" anywhere: a part that does not holds no shared formula
   *  (the cells this writer writes or moves never make one), and a write has none to expand. */
  private readonly mayShareFormulas: boolean;

  /**
   * Reads the part in one pass of the tokenizer: the root, its children (each a span of the text,
   * the text between them kept as it is), <sheetData>'s rows and each row's cells (spans too), so
   * what no op touches is written back as it was read.
   */
  private constructor(original: string, common: CommonRows | null) {
    this.original = original;
    this.mayShareFormulas = original.includes("shared");
    // Rows already read whole (commonRows) are left out of what the tokenizer reads.
    const xml = common === null ? original : original.slice(0, common.from) + original.slice(common.to);
    let sheetDataAt = -1;
    let root: XmlStartTag | null = null;
    let rootEnd = -1;
    let names: SheetNames | null = null;
    /** Depth of the open elements: 1 for the root's children. */
    let depth = 0;
    const children: Chunk[] = [];
    let childAt = -1;
    let child: { name: string; start: number; order: number } | null = null;
    let sheetData: { open: string; close: string; chunk: Chunk | null } | null = null;
    let inSheetData = false;
    let rowsFrom = 0;
    let rowsTail = "";
    const rows: RowEntry[] = [];
    let previousRow = -1;
    let row: {
      index: number;
      name: string;
      attrs: string;
      lead: string;
      start: number;
      innerStart: number;
      cells: CellEntry[];
      cellsFrom: number;
      previous: number;
      rewrite: boolean;
    } | null = null;
    let cell: { column: number; start: number; named: XmlStartTag | null; style: number } | null = null;

    const xmlnsAt: number[] = [];
    for (let at = xml.indexOf("xmlns"); at >= 0; at = xml.indexOf("xmlns", at + 5)) xmlnsAt.push(at);
    let xmlnsNext = 0;

    const chunkOrder = (name: string): number => {
      const order = ORDER_INDEX.get(name);
      if (order !== undefined) return order;
      if (!name.includes(":")) throw new PackageUnsupported(`Worksheet part: unknown element <${name}>`);
      // mc:AlternateContent wraps known elements (controls, oleObjects): placed by the first one.
      return -1;
    };

    /** Where a cell begins: its column is checked against its row's and the previous cell's. */
    const cellColumn = (ref: string | undefined, inRow: NonNullable<typeof row>): number => {
      let column: number;
      if (ref === undefined) {
        column = inRow.previous + 1;
      } else {
        column = columnInRow(ref, inRow.index);
        if (column < 0) {
          throw new PackageUnsupported(
            `Worksheet row ${inRow.index + 1}: unexpected cell reference "${ref}"`,
          );
        }
      }
      if (column <= inRow.previous) {
        throw new PackageUnsupported(`Worksheet row ${inRow.index + 1}: cells out of column order`);
      }
      inRow.previous = column;
      return column;
    };

    // Thousands of cells a sheet: each common one is taken whole with the reader's pattern
    // (part-worksheet.ts COMMON_CELL), where the tokens would cost a third of a write. The element's
    // text is kept as written, so only where it is and its style are taken from the match.
    const commonCell: XmlShortcut = {
      first: "c",
      pattern: COMMON_CELL,
      take: (m, start, end) => {
        if (!inSheetData || depth !== 3 || row === null) {
          // As its tokens would be: refused between rows, and only text of its chunk elsewhere.
          if (inSheetData && depth === 2) {
            throw new PackageUnsupported("Worksheet sheetData: unexpected content <c>");
          }
          return;
        }
        const column = cellColumn(`${m[1]}${m[2]}`, row);
        row.cells.push({
          column,
          lead: xml.slice(row.cellsFrom, start),
          raw: xml.slice(start, end),
          style: m[3] === undefined ? 0 : Number(m[3]),
        });
        row.cellsFrom = end;
      },
    };

    try {
      scanXml(
        xml,
        "the worksheet part",
        {
          start: (tag) => {
            depth++;
            if (depth === 1) {
              root = tag;
              names = SheetPart.namesOf(tag);
              childAt = tag.end;
              return;
            }
            const n = names!;
            // Only a tag holding "xmlns" can declare a namespace: found from where they all are.
            while (xmlnsNext < xmlnsAt.length && xmlnsAt[xmlnsNext]! < tag.start) xmlnsNext++;
            if (xmlnsNext < xmlnsAt.length && xmlnsAt[xmlnsNext]! < tag.end) n.checkDeclarations(tag);
            const local = n.localOf(tag.name);
            if (depth === 2) {
              if (tag.start > childAt)
                children.push({ name: "", xml: xml.slice(childAt, tag.start), order: NaN });
              child = { name: local, start: tag.start, order: chunkOrder(local) };
              if (local === "sheetData") {
                if (sheetDataAt < 0) sheetDataAt = tag.end;
                inSheetData = true;
                rowsFrom = tag.end;
                const open = xml.slice(tag.start, tag.end);
                sheetData = {
                  open: tag.selfClosing ? `${open.slice(0, -2)}>` : open,
                  close: `</${tag.name}>`,
                  chunk: null,
                };
              }
              return;
            }
            if (child !== null && child.order === -1) {
              const known = ORDER_INDEX.get(local);
              if (known !== undefined) child.order = known;
            }
            if (!inSheetData) return;
            if (depth === 3) {
              if (local !== "row") {
                throw new PackageUnsupported(`Worksheet sheetData: unexpected content <${tag.name}>`);
              }
              const r = tag.attributes["r"];
              // r is optional on <row>: a row without it follows the previous one.
              const index = r === undefined ? previousRow + 1 : Number(r) - 1;
              if (!Number.isInteger(index) || index <= previousRow) {
                throw new PackageUnsupported(`Worksheet sheetData: row ${r ?? "?"} out of order`);
              }
              const open = xml.slice(tag.start, tag.end);
              let attrs = open.slice(1 + tag.name.length, tag.selfClosing ? -2 : -1);
              if (r === undefined) attrs = ` r="${index + 1}"${attrs}`;
              row = {
                index,
                name: tag.name,
                attrs,
                lead: xml.slice(rowsFrom, tag.start),
                start: tag.start,
                innerStart: tag.end,
                cells: [],
                cellsFrom: tag.end,
                previous: -1,
                rewrite: r === undefined,
              };
              previousRow = index;
              return;
            }
            if (depth === 4 && row !== null && local === "c") {
              const ref = tag.attributes["r"];
              const column = cellColumn(ref, row);
              const s = tag.attributes["s"];
              cell = {
                column,
                start: tag.start,
                named: ref === undefined ? tag : null,
                style: s === undefined ? 0 : Number(s),
              };
            }
          },
          end: (tag) => {
            depth--;
            if (depth === 0) {
              rootEnd = tag.start;
              return;
            }
            if (depth === 1 && child !== null) {
              const chunk: Chunk = {
                name: child.name,
                xml: xml.slice(child.start, tag.end),
                order: child.order,
              };
              children.push(chunk);
              if (child.name === "sheetData" && sheetData !== null && sheetData.chunk === null) {
                sheetData.chunk = chunk;
                rowsTail = xml.slice(rowsFrom, tag.start);
                inSheetData = false;
              }
              child = null;
              childAt = tag.end;
              return;
            }
            if (!inSheetData) return;
            if (depth === 2 && row !== null) {
              const entry: RowEntry = {
                index: row.index,
                lead: row.lead,
                raw: xml.slice(row.start, tag.end),
                parsed: {
                  name: row.name,
                  attrs: row.attrs,
                  cells: row.cells,
                  tail: xml.slice(row.cellsFrom, tag.start),
                },
                dirty: row.rewrite,
                written: null,
              };
              rows.push(entry);
              rowsFrom = tag.end;
              row = null;
              return;
            }
            if (depth === 3 && row !== null && cell !== null) {
              let raw = xml.slice(cell.start, tag.end);
              if (cell.named !== null) {
                // r is optional on <c>: the cell follows the previous one. Name it, so inserting cells
                // before it cannot move it.
                const at = 1 + cell.named.name.length;
                raw = `${raw.slice(0, at)} r="${cellAddress(row.index, cell.column)}"${raw.slice(at)}`;
              }
              row.cells.push({
                column: cell.column,
                lead: xml.slice(row.cellsFrom, cell.start),
                raw,
                style: cell.style,
              });
              row.cellsFrom = tag.end;
              cell = null;
            }
          },
        },
        commonCell,
      );
    } catch (e) {
      if (e instanceof XmlRefusal) throw new PackageUnsupported(e.message.replace(/\.$/, ""));
      throw e;
    }
    const rootTag = root as XmlStartTag | null;
    if (rootTag === null || names === null || rootEnd < 0) {
      throw new PackageUnsupported("Worksheet part has no root element");
    }
    if (rootTag.selfClosing) throw new PackageUnsupported("Worksheet part: the root element is empty");
    this.names = names;
    this.rootStart = rootTag.start;
    this.head = SheetPart.headOf(xml.slice(0, rootTag.end), rootTag);
    this.foot = xml.slice(rootEnd);
    if (childAt < rootEnd) children.push({ name: "", xml: xml.slice(childAt, rootEnd), order: NaN });
    this.children = children;

    const data = sheetData as { open: string; close: string; chunk: Chunk | null } | null;
    if (data === null || data.chunk === null) {
      // Required by the schema; only reached for a damaged part, which gains an empty one.
      const chunk: Chunk = {
        name: "sheetData",
        xml: "<sheetData/>",
        order: ORDER_INDEX.get("sheetData") ?? 0,
      };
      this.insertChunk(chunk);
      this.isChanged = false;
      this.sheetDataChunk = chunk;
      this.sheetDataOpen = "<sheetData>";
      this.sheetDataClose = "</sheetData>";
    } else {
      this.sheetDataChunk = data.chunk;
      this.sheetDataOpen = data.open;
      this.sheetDataClose = data.close;
    }
    if (common !== null) {
      // The rows read whole must be the worksheet's own <sheetData>'s, all of it.
      if (
        data?.chunk?.xml !== "<sheetData></sheetData>" ||
        sheetDataAt !== common.from ||
        rows.length > 0 ||
        children.filter((c) => c.name === "sheetData").length !== 1
      ) {
        throw new NotCommonRows();
      }
      data.chunk.xml = original.slice(common.from - "<sheetData>".length, common.to + "</sheetData>".length);
      rows.push(...common.rows);
    }
    this.rows = rows;
    this.rowByIndex = new Map(rows.map((entry) => [entry.index, entry]));
    this.rowsTail = rowsTail;
    this.hadCells = this.rows.length > 0;
  }

  /** How the part's names read, from its root: refuses a root that is not SpreadsheetML's worksheet. */
  private static namesOf(root: XmlStartTag): SheetNames {
    const mainPrefixes = new Set<string>();
    for (const key in root.attributes) {
      if (key.startsWith("xmlns:") && root.attributes[key] === MAIN_NS) mainPrefixes.add(key.slice(6));
    }
    const names = new SheetNames(mainPrefixes);
    if (names.localOf(root.name) !== "worksheet") {
      throw new PackageUnsupported(
        `Worksheet part: root element <${root.name}> (not a SpreadsheetML worksheet)`,
      );
    }
    const ns = root.attributes["xmlns"];
    // A part that writes SpreadsheetML with a prefix (as the Open XML SDK does) may leave the default
    // namespace undeclared: the elements written here unprefixed are given it (see headOf).
    if (root.name.includes(":") ? ns !== undefined && ns !== MAIN_NS : ns !== MAIN_NS) {
      throw new PackageUnsupported(`Worksheet part: default namespace ${ns ?? "missing"}`);
    }
    return names;
  }

  /** Everything up to the root's start tag's end, the main namespace made the default when the part
   *  only names it by a prefix (elements this writer adds are unprefixed). */
  private static headOf(head: string, root: XmlStartTag): string {
    if (root.attributes["xmlns"] !== undefined) return head;
    const tag = head.slice(root.start);
    return head.slice(0, root.start) + setAttr(tag, "xmlns", MAIN_NS);
  }

  /** A worksheet part's text; SpreadsheetML written with a prefix is read by its local names. */
  static parse(xml: string): SheetPart {
    const common = commonRows(xml);
    if (common !== null) {
      try {
        return new SheetPart(xml, common);
      } catch {
        // Read token by token below, which names whatever is wrong as it always has.
      }
    }
    return new SheetPart(xml, null);
  }

  /** A new empty worksheet part (default namespace + xmlns:r declared), for a sheet the plan adds. */
  static empty(): SheetPart {
    return new SheetPart(EMPTY_SHEET, null);
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
      parsed: { name: "row", attrs: ` r="${row + 1}"`, cells: [], tail: "" },
      dirty: true,
      written: null,
    };
    // A new sheet's rows are written top to bottom: each goes after the last.
    const last = this.rows[this.rows.length - 1];
    if (last === undefined || last.index < row) this.rows.push(entry);
    else this.rows.splice(this.rowPosition(row), 0, entry);
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
    const known = this.columnStyles[column];
    if (known !== undefined) return known;
    if (this.colSpans === null) this.colSpans = this.readCols();
    const n = column + 1;
    let style = 0;
    for (const span of this.colSpans) {
      if (span.min <= n && n <= span.max) {
        style = Number(attr(span.raw, "style") ?? 0);
        break;
      }
    }
    this.columnStyles[column] = style;
    return style;
  }

  private readCols(): ColSpan[] {
    const chunk = this.chunk("cols");
    if (chunk === undefined) return [];
    return childElements(chunk.xml, this.names, "col", "cols").map((raw) => ({
      min: Number(attr(raw, "min")),
      max: Number(attr(raw, "max")),
      raw,
    }));
  }

  /** The cell's s; for a missing cell the row's s when the row has customFormat="1", else the <col>
   *  style covering the column, else 0. */
  styleAt(row: number, column: number): number {
    // Asked for every date or number a plan writes: the row looked up once, a new row's at once.
    const entry = this.rowByIndex.get(row);
    if (entry === undefined) return this.columnStyle(column);
    const parsed = parseRow(entry);
    for (const cell of parsed.cells) {
      if (cell.column === column) return styleOf(cell);
      if (cell.column > column) break;
    }
    return this.rowStyle(parsed.attrs) ?? this.columnStyle(column);
  }

  /** The cell's raw value, or null when there is no <c>. */
  cellValue(row: number, column: number): CellValueXml | null {
    const entry = this.cellAt(row, column);
    if (entry === null) return null;
    const cell = this.names.tree(cellXml(entry, String(row + 1)), `cell ${cellAddress(row, column)}`);
    const type = cell.attributes["t"] ?? "n";
    const f = cell.children.find((c) => c.local === "f");
    const formula = f === undefined ? null : f.text;
    let value = "";
    if (type === "inlineStr") {
      // The text is the <is>'s own <t>, or its runs' <t>s; phonetic runs (<rPh>) hold readings.
      for (const is of cell.children.filter((c) => c.local === "is")) {
        for (const part of is.children) {
          if (part.local === "t") value += part.text;
          if (part.local !== "r") continue;
          for (const t of part.children) if (t.local === "t") value += t.text;
        }
      }
    } else {
      value = cell.children.find((c) => c.local === "v")?.text ?? "";
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
    if (!this.mayShareFormulas) return;
    const groups = new Set<string>();
    for (let i = this.rowPosition(range.top); i < this.rows.length; i++) {
      const entry = this.rows[i]!;
      if (entry.index > range.bottom) break;
      if (entry.parsed === null && !entry.raw.includes("shared")) continue;
      for (const cell of parseRow(entry).cells) {
        if (cell.column < range.left || cell.column > range.right || cell.raw === null) continue;
        const shared = sharedFormulaOf(cell.raw, this.names);
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
        const shared = cell.raw === null ? null : sharedFormulaOf(cell.raw, this.names);
        if (shared === null || !groups.has(shared.si)) return;
        if (shared.ref !== null && shared.text !== null) {
          masters.set(shared.si, { row: entry.index, column: cell.column, text: shared.text });
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
      cells[index] = {
        column: cell.column,
        lead: cell.lead,
        raw: withOwnFormula(cell.raw!, text, this.names),
        style: cell.style,
      };
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
    if (contents.length === 1) {
      // One cell into a common row not read yet (apply-schema writes thousands): into its text.
      const unread = this.rowByIndex.get(row);
      if (unread?.parsed === null && this.writtenAsText(unread, column, contents[0] ?? null, styles[0]))
        return;
    }
    const entry = this.rowFor(row);
    const parsed = parseRow(entry);
    const old = parsed.cells;
    const rowStyle = this.rowStyle(parsed.attrs);
    if (old.length === 0) {
      // A row with no cells yet (every row of a sheet the plan adds): each cell is new, none to keep.
      const fresh: CellEntry[] = [];
      for (let j = 0; j < contents.length; j++) {
        const c = column + j;
        const content = contents[j] ?? null;
        if (content !== null) checkContent(content);
        fresh.push({
          column: c,
          lead: "",
          raw: null,
          style: styles[j] ?? rowStyle ?? this.columnStyle(c),
          content,
        });
      }
      this.setRowCells(entry, parsed, fresh, column, column + contents.length - 1);
      return;
    }
    const rowNumber = String(row + 1);
    const cells: CellEntry[] = [];
    let i = 0;
    while (i < old.length && old[i]!.column < column) cells.push(old[i++]!);
    let changed = false;
    for (let j = 0; j < contents.length; j++) {
      const c = column + j;
      const was = old[i]?.column === c ? old[i++] : undefined;
      if (was !== undefined && was.raw !== null && formulaMasterRef(was.raw, this.names) !== null) {
        throw new PackageUnsupported(
          `cell ${cellAddress(row, c)} holds the master of an array formula or data table`,
        );
      }
      const style = styles[j] ?? (was !== undefined ? styleOf(was) : (rowStyle ?? this.columnStyle(c)));
      const content = contents[j] ?? null;
      if (content !== null) checkContent(content);
      const cell: CellEntry = { column: c, lead: was?.lead ?? "", raw: null, style, content };
      if (was !== undefined && cellXml(was, rowNumber) === cellXml(cell, rowNumber)) {
        cells.push(was);
        continue;
      }
      cells.push(cell);
      changed = true;
    }
    while (i < old.length) cells.push(old[i++]!);
    if (changed) this.setRowCells(entry, parsed, cells, column, column + contents.length - 1);
  }

  /** Gives the row its new cells, written from column `left` to `right`. */
  private setRowCells(
    entry: RowEntry,
    parsed: ParsedRow,
    cells: CellEntry[],
    left: number,
    right: number,
  ): void {
    parsed.cells = cells;
    this.touchRow(entry);
    this.noteWritten(entry.index, left);
    this.noteWritten(entry.index, right);
  }

  /**
   * Writes one cell into the text of a common row not read yet, as setCells would write it there:
   * the row stays a common row (the cell is one: a shared string, number, boolean or no value), not
   * read unless a later op needs its cells, and the cell is noted (RowEntry.written) so that reading
   * the row makes it a written cell again. False, and nothing done, for a formula or a self-closing row.
   */
  private writtenAsText(
    entry: RowEntry,
    column: number,
    content: CellContent | null,
    style: number | undefined,
  ): boolean {
    const raw = entry.raw;
    if ((content !== null && content.kind === "formula") || !raw.endsWith("</row>")) return false;
    const cellsAt = commonCellsAt(raw);
    const span = commonCellSpan(raw, cellsAt, column);
    const attrs = raw.slice(4, cellsAt - 1);
    let s = style;
    if (s === undefined && span.found) {
      const from = commonStyleFrom(raw, span.start);
      s = from < 0 ? 0 : Number(raw.slice(from, raw.indexOf('"', from)));
    }
    s ??= this.rowStyle(attrs) ?? this.columnStyle(column);
    if (content !== null) checkContent(content);
    const xml = `<c r="${columnLetters(column)}${entry.index + 1}"${s === 0 ? "" : ` s="${s}"`}${valueXml(content)}`;
    if (span.found && span.end - span.start === xml.length && raw.startsWith(xml, span.start)) return true;
    entry.raw = `<row${withoutSpans(attrs)}>${raw.slice(cellsAt, span.start)}${xml}${raw.slice(span.end)}`;
    const written = (entry.written ??= []);
    const earlier = written.findIndex((w) => w.column === column);
    if (earlier >= 0) written.splice(earlier, 1);
    written.push({ column, content });
    this.rowsDirty = true;
    this.isChanged = true;
    this.noteWritten(entry.index, column);
    return true;
  }

  /**
   * Restyles one cell of a common row not read yet in its text, as restyleRange would: its s set
   * (or taken off for 0) in place. False, and nothing done, when the row has no such cell or the
   * cell no s (adding one is the row's to do once read: a written cell takes it after its r).
   */
  private restyledAsText(entry: RowEntry, column: number, restyle: (style: number) => number): boolean {
    const raw = entry.raw;
    if (!raw.endsWith("</row>")) return false;
    const cellsAt = commonCellsAt(raw);
    const span = commonCellSpan(raw, cellsAt, column);
    if (!span.found) return false;
    const from = commonStyleFrom(raw, span.start);
    if (from < 0) return false;
    const to = raw.indexOf('"', from);
    const old = Number(raw.slice(from, to));
    const style = restyle(old);
    if (style === old) return true;
    const s = style === 0 ? "" : ` s="${style}"`;
    const attrs = withoutSpans(raw.slice(4, cellsAt - 1));
    entry.raw = `<row${attrs}>${raw.slice(cellsAt, from - 4)}${s}${raw.slice(to + 1)}`;
    this.rowsDirty = true;
    this.isChanged = true;
    this.noteWritten(entry.index, column);
    return true;
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
    const width = range.right - range.left + 1;
    for (let row = range.top; row <= range.bottom; row++) {
      const entry = this.rowFor(row);
      if (width === 1 && entry.parsed === null && this.restyledAsText(entry, range.left, restyle)) continue;
      const parsed = parseRow(entry);
      const from = firstCellFrom(parsed.cells, range.left);
      const to = from + width - 1;
      if (to < parsed.cells.length && parsed.cells[to]!.column === range.right) {
        // Every cell of the range is there (a summary restyles the cells it has just written): each
        // restyled in its place, no row rebuilt.
        if (this.restyleInPlace(parsed.cells, from, to, restyle)) {
          this.touchRow(entry);
          this.noteWritten(row, range.left);
          this.noteWritten(row, range.right);
        }
        continue;
      }
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
          cells.push({ column, lead: "", raw: null, style, content: null });
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

  /** Restyles cells[from…to] where they are (a cell written here keeps its object); whether any changed. */
  private restyleInPlace(
    cells: CellEntry[],
    from: number,
    to: number,
    restyle: (style: number) => number,
  ): boolean {
    let changed = false;
    for (let i = from; i <= to; i++) {
      const cell = cells[i]!;
      const style = restyle(cell.style);
      if (style === cell.style) continue;
      if (cell.raw === null) cell.style = style;
      else cells[i] = withCellStyle(cell, style);
      changed = true;
    }
    return changed;
  }

  /** A row's own style (customFormat="1"), which its missing cells show, or null. */
  private rowStyle(attrs: string): number | null {
    // Most rows have no style of their own: no lexing for them.
    if (!attrs.includes("customFormat")) return null;
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
        const ref = cell.raw === null ? null : formulaMasterRef(cell.raw, this.names);
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
        attributeNames(parseRow(entry).attrs).every((name) => INCIDENTAL_ROW_ATTRS.has(name)),
      ),
    );
    if (gone.size === 0) return;
    // What stood before a row that goes (a comment, a processing instruction) stays, before the
    // next row that is kept.
    let carried = "";
    const keptRows: RowEntry[] = [];
    for (const entry of this.rows) {
      if (gone.has(entry)) {
        carried += entry.lead;
        continue;
      }
      if (carried !== "") entry.lead = carried + entry.lead;
      carried = "";
      keptRows.push(entry);
    }
    this.rowsTail = carried + this.rowsTail;
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
      if (source !== undefined && this.movedAsText(source, to, block)) return;
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
        const raw = setAttr(cell.raw, "r", cellAddress(to, cell.column));
        cells.push({ column: cell.column, lead: "", raw, style: cell.style });
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

  /**
   * Moves a common row not read yet (commonRows) whose cells all lie in the block's columns to row
   * `to` as text, as moveRows would move its cells: the source keeps its attributes and loses its
   * cells, the target (new, or a common row not read yet with no cell outside the block's columns)
   * keeps its attributes and takes them, each renamed; both lose spans (touchRow). Both stay common
   * rows, read if a later op uses them. False, and nothing done, for any other pair of rows.
   */
  private movedAsText(source: RowEntry, to: number, block: GridRange): boolean {
    const raw = source.raw;
    // A row holding cells written as text is moved once read, as its written cells move.
    if (source.parsed !== null || source.written !== null || !raw.endsWith("</row>")) return false;
    const cellsAt = commonCellsAt(raw);
    const first = commonColumnAt(raw, cellsAt);
    const last = commonColumnAt(raw, raw.lastIndexOf('<c r="'));
    if (first < block.left || last > block.right) return false;
    let target = this.rowByIndex.get(to);
    let targetAttrs = ` r="${to + 1}"`;
    if (target !== undefined) {
      if (target.parsed !== null || target.written !== null) return false;
      const text = target.raw;
      if (!text.endsWith("</row>")) {
        targetAttrs = text.slice(4, -2);
      } else {
        const at = commonCellsAt(text);
        const inBlock =
          commonColumnAt(text, at) >= block.left &&
          commonColumnAt(text, text.lastIndexOf('<c r="')) <= block.right;
        if (!inBlock) return false;
        targetAttrs = text.slice(4, at - 1);
      }
    } else {
      target = { index: to, lead: "", raw: "", parsed: null, dirty: false, written: null };
      this.rows.splice(this.rowPosition(to), 0, target);
      this.rowByIndex.set(to, target);
    }
    source.raw = `<row${withoutSpans(raw.slice(4, cellsAt - 1))}/>`;
    target.raw = `<row${withoutSpans(targetAttrs)}>${renamedCells(raw, cellsAt, String(to + 1))}</row>`;
    this.rowsDirty = true;
    this.isChanged = true;
    this.noteWritten(to, first);
    this.noteWritten(to, last);
    return true;
  }

  /** A hyperlink is anchored by its cell's address in <hyperlinks>, apart from the cell: it moves
   *  with its cell (one the move would split or clear is refused). */
  private moveHyperlinks(move: RowMove): void {
    const chunk = this.chunk("hyperlinks");
    if (chunk === undefined) return;
    const edits: Array<{ start: number; end: number; text: string }> = [];
    for (const link of this.names.tree(chunk.xml, "hyperlinks").children) {
      const ref = link.local === "hyperlink" ? link.attributes["ref"] : undefined;
      if (ref === undefined) continue;
      const at = parseRef(ref, "hyperlink");
      const to = move.rangeOf(at, "the hyperlink");
      if (to === at) continue;
      const tag = chunk.xml.slice(link.start, link.tagEnd);
      edits.push({ start: link.start, end: link.tagEnd, text: setAttr(tag, "ref", rangeAddress(to)) });
    }
    this.replaceChunk(chunk, spliced(chunk.xml, edits));
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
      else if (cell.raw !== null && formulaIsPositional(cell.raw, this.names)) {
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
    return this.names
      .tree(chunk.xml, "mergeCells")
      .children.filter((m) => m.local === "mergeCell")
      .map((m) => m.attributes["ref"] ?? "")
      .filter((ref) => overlaps(parseRef(ref, "mergeCell"), range));
  }

  /** Removes every <mergeCell> whose ref overlaps range; drops <mergeCells> when it becomes empty. */
  unmerge(range: GridRange): void {
    const chunk = this.chunk("mergeCells");
    if (chunk === undefined) return;
    const tree = this.names.tree(chunk.xml, "mergeCells");
    const merges = tree.children.filter((m) => m.local === "mergeCell");
    const gone = merges.filter((m) => overlaps(parseRef(m.attributes["ref"] ?? "", "mergeCell"), range));
    if (gone.length === 0) return;
    if (gone.length === merges.length) {
      this.removeChunk(chunk);
      return;
    }
    // Each merge taken out with the text before it; the count set; the rest kept as it was.
    const edits = gone.map((m) => ({ start: m.start, end: m.end, text: "" }));
    const start = chunk.xml.slice(0, tree.tagEnd);
    edits.push({
      start: 0,
      end: tree.tagEnd,
      text: setAttr(start, "count", String(merges.length - gone.length)),
    });
    this.replaceChunk(chunk, spliced(chunk.xml, edits));
  }

  /** Replaces data validation on range: the range's cells are first taken out of every existing
   *  <dataValidation>'s sqref (an entry with nothing left goes), then one list validation is added. */
  setValidation(range: GridRange, rule: ListValidation): void {
    this.takeRangeOutOfExtValidations(range);
    const chunk = this.chunk("dataValidations");
    const kept: string[] = [];
    let start = "<dataValidations>";
    let close = "</dataValidations>";
    if (chunk !== undefined) {
      const tree = this.names.tree(chunk.xml, "dataValidations");
      const tag = chunk.xml.slice(0, tree.tagEnd);
      start = tree.selfClosing ? `${tag.slice(0, -2)}>` : tag;
      if (!tree.selfClosing) close = chunk.xml.slice(tree.innerEnd);
      for (const item of tree.children) {
        const xml = chunk.xml.slice(item.start, item.end);
        if (item.local !== "dataValidation") {
          kept.push(xml);
          continue;
        }
        const rects = parseSqref(item.attributes["sqref"] ?? "", "dataValidation sqref");
        if (!rects.some((rect) => overlaps(rect, range))) {
          kept.push(xml);
          continue;
        }
        const left = rects.flatMap((rect) => subtract(rect, range));
        if (left.length === 0) continue;
        const itemTag = chunk.xml.slice(item.start, item.tagEnd);
        kept.push(
          setAttr(itemTag, "sqref", left.map(rangeAddress).join(" ")) +
            chunk.xml.slice(item.tagEnd, item.end),
        );
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
    const count = kept.length;
    const xml = `${setAttr(start, "count", String(count))}${kept.join("")}${close}`;
    if (chunk === undefined) this.newChunk("dataValidations", xml);
    else this.replaceChunk(chunk, xml);
  }

  /**
   * Excel keeps some validations in an x14 extension (lists drawn from another sheet, in files from
   * Excel 2010 on). They give up the range's cells as the sheet's own do, so each cell has one
   * validation: a validation left with no cells goes, and an extension left with none goes too.
   */
  private takeRangeOutOfExtValidations(range: GridRange): void {
    const ext = this.chunk("extLst");
    if (ext === undefined || !ext.xml.includes("dataValidation")) return;
    const local = (name: string): string => name.slice(name.indexOf(":") + 1);
    const tree = this.names.tree(ext.xml, "extLst");
    const edits: Array<{ start: number; end: number; text: string }> = [];
    let extensionsLeft = tree.children.length;
    for (const extension of tree.children) {
      let emptied = 0;
      const lists = extension.children.filter((c) => local(c.name) === "dataValidations");
      for (const list of lists) {
        const items = list.children.filter((c) => local(c.name) === "dataValidation");
        let count = items.length;
        const listEdits: Array<{ start: number; end: number; text: string }> = [];
        for (const item of items) {
          const sqref = item.children.find((c) => local(c.name) === "sqref");
          const rects = sqref === undefined ? [] : parseSqref(sqref.text, "x14 dataValidation sqref");
          if (sqref === undefined || !rects.some((rect) => overlaps(rect, range))) continue;
          const left = rects.flatMap((rect) => subtract(rect, range));
          if (left.length === 0) {
            count--;
            listEdits.push({ start: item.start, end: item.end, text: "" });
          } else {
            listEdits.push({
              start: sqref.tagEnd,
              end: sqref.innerEnd,
              text: left.map(rangeAddress).join(" "),
            });
          }
        }
        if (listEdits.length === 0) continue;
        if (count === 0) {
          emptied++;
          edits.push({ start: list.start, end: list.end, text: "" });
          continue;
        }
        edits.push(...listEdits);
        const tag = ext.xml.slice(list.start, list.tagEnd);
        edits.push({ start: list.start, end: list.tagEnd, text: setAttr(tag, "count", String(count)) });
      }
      // An extension that held only the validations emptied goes; any other stays as it was.
      if (lists.length > 0 && emptied === extension.children.length) {
        const inside = (e: { start: number; end: number }): boolean =>
          e.start >= extension.start && e.end <= extension.end;
        for (let i = edits.length - 1; i >= 0; i--) if (inside(edits[i]!)) edits.splice(i, 1);
        edits.push({ start: extension.start, end: extension.end, text: "" });
        extensionsLeft--;
      }
    }
    if (edits.length === 0) return;
    if (extensionsLeft === 0) this.removeChunk(ext);
    else this.replaceChunk(ext, spliced(ext.xml, edits));
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
      // cfRule in any namespace: x14 rules in the extension share the sheet's priorities.
      for (const element of descendantsOf(this.names.tree(chunk.xml, chunk.name))) {
        const value =
          element.name.slice(element.name.indexOf(":") + 1) === "cfRule"
            ? element.attributes["priority"]
            : undefined;
        if (value !== undefined && /^\d+$/.test(value)) priority = Math.max(priority, Number(value));
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

  /** Sets column widths in <cols> (and hides a column marked hidden), splitting a span that covers
   *  the column (the rest keeps its attributes). Columns are 0-based here, 1-based in the file. */
  setColumnWidths(
    widths: ReadonlyArray<{ readonly column: number; readonly width: number; readonly hidden?: boolean }>,
  ): void {
    if (widths.length === 0) return;
    let spans = this.readCols();
    for (const { column, width, hidden } of widths) {
      if (!Number.isFinite(width) || width < 0) throw new RangeError(`Bad column width ${width}`);
      const n = column + 1;
      const covering = spans.find((c) => c.min <= n && n <= c.max);
      const single = (raw: string): ColSpan => {
        let tag = setAttr(setAttr(raw, "min", String(n)), "max", String(n));
        tag = setAttr(setAttr(tag, "width", String(width)), "customWidth", "1");
        if (hidden !== undefined) tag = setAttr(tag, "hidden", hidden ? "1" : "0");
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
    this.columnStyles = [];
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
      const tree = this.names.tree(sheetPr.xml, "sheetPr");
      const existing = tree.children.find((c) => c.local === "pageSetUpPr");
      let xml: string;
      if (existing !== undefined) {
        const tag = sheetPr.xml.slice(existing.start, existing.tagEnd);
        xml = spliced(sheetPr.xml, [
          { start: existing.start, end: existing.tagEnd, text: setAttr(tag, "fitToPage", "1") },
        ]);
      } else if (tree.selfClosing) {
        // pageSetUpPr is CT_SheetPr's last child (after tabColor, outlinePr).
        xml = `${sheetPr.xml.slice(0, -2)}><pageSetUpPr fitToPage="1"/></${tree.name}>`;
      } else {
        const added = '<pageSetUpPr fitToPage="1"/>';
        xml = spliced(sheetPr.xml, [{ start: tree.innerEnd, end: tree.innerEnd, text: added }]);
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
      const tagEnd = startTagEnd(pageSetup.xml);
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
    // Unprefixed, as the table part it goes to declares SpreadsheetML as its default namespace.
    const xml = this.names.prefixed ? this.names.unprefixed(chunk.xml) : chunk.xml;
    const tree = this.names.tree(xml, "autoFilter");
    const inner = xml.slice(tree.tagEnd, tree.innerEnd);
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
    const tagEnd = startTagEnd(pageSetup.xml);
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
    const tree = this.names.tree(chunk.xml, "headerFooter");
    if (tree.selfClosing) {
      this.replaceChunk(chunk, `${chunk.xml.slice(0, -2)}>${footer}</${tree.name}>`);
      return;
    }
    // oddFooter follows oddHeader, the first child of CT_HeaderFooter.
    const header = tree.children.find((c) => c.local === "oddHeader");
    const at = header !== undefined ? header.end : tree.tagEnd;
    const edits = tree.children
      .filter((c) => c.local === "oddFooter")
      .map((c) => ({ start: c.start, end: c.end, text: "" }));
    edits.push({ start: at, end: at, text: footer });
    this.replaceChunk(chunk, spliced(chunk.xml, edits));
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

  /** Hides rows (0-based): hidden="1" on each row's element, made when the row has none yet. */
  hideRows(rows: readonly number[]): void {
    for (const row of rows) {
      const entry = this.rowFor(row);
      this.touchRow(entry);
      const parsed = parseRow(entry);
      const kept = parsed.attrs.includes("hidden") ? removeAttr(parsed.attrs, "hidden") : parsed.attrs;
      parsed.attrs = `${kept} hidden="1"`;
    }
  }

  /** Sets rows' heights in points (customHeight="1", so readers keep them). */
  setRowHeights(heights: ReadonlyArray<{ readonly row: number; readonly height: number }>): void {
    for (const { row, height } of heights) {
      if (!Number.isFinite(height) || height < 0 || height > 409)
        throw new RangeError(`Bad row height ${height}`);
      const entry = this.rowFor(row);
      this.touchRow(entry);
      const parsed = parseRow(entry);
      // A row with no "ht" in its attributes has neither to remove (a summary's new rows): no lexing.
      const kept = parsed.attrs.includes("ht")
        ? removeAttr(removeAttr(parsed.attrs, "ht"), "customHeight")
        : parsed.attrs;
      parsed.attrs = `${kept} ht="${height}" customHeight="1"`;
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
    this.declareRelationships();
    this.newChunk("drawing", `<drawing r:id="${escapeXmlAttribute(relationshipId)}"/>`);
  }

  /** Declares xmlns:r on the root when missing (the r:id of an element added refers to it). */
  private declareRelationships(): void {
    const root = this.head.slice(this.rootStart);
    const declared = attr(root, "xmlns:r");
    if (declared === null) {
      this.head = this.head.slice(0, this.rootStart) + setAttr(root, "xmlns:r", REL_NS);
      this.isChanged = true;
    } else if (declared !== REL_NS) {
      throw new PackageUnsupported("Worksheet part: the r prefix names another namespace");
    }
  }

  /** Adds <tablePart r:id="…"/> in <tableParts count> (creating it), declaring xmlns:r if missing. */
  addTablePart(relationshipId: string): void {
    this.declareRelationships();
    const part = `<tablePart r:id="${escapeXmlAttribute(relationshipId)}"/>`;
    const chunk = this.chunk("tableParts");
    if (chunk === undefined) {
      this.newChunk("tableParts", `<tableParts count="1">${part}</tableParts>`);
      return;
    }
    const parts: string[] = [...childElements(chunk.xml, this.names, "tablePart", "tableParts"), part];
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
    const edits = this.names
      .tree(chunk.xml, "sheetViews")
      .children.filter((view) => view.local === "sheetView")
      .map((view) => {
        const tag = chunk.xml.slice(view.start, view.tagEnd);
        const text = selected ? setAttr(tag, "tabSelected", "1") : removeAttr(tag, "tabSelected");
        return { start: view.start, end: view.tagEnd, text };
      });
    this.replaceChunk(chunk, spliced(chunk.xml, edits));
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
      for (const cell of parseRow(entry).cells) {
        left = Math.min(left, cell.column);
        right = Math.max(right, cell.column);
      }
    }
    return { top, left, bottom, right };
  }

  /** The worksheet XML: identical to the input when unchanged; <dimension ref> covering all cells. */
  toXml(): string {
    if (!this.isChanged) return this.original;
    if (this.rowsDirty) {
      const parts: string[] = [];
      this.writeRows((text) => parts.push(text));
      const inner = parts.join("") + this.rowsTail;
      this.sheetDataChunk.xml =
        inner === ""
          ? `${this.sheetDataOpen.slice(0, -1)}/>`
          : `${this.sheetDataOpen}${inner}${this.sheetDataClose}`;
      this.rowsDirty = false;
      this.setDimension();
    }
    const xml = this.head + this.children.map((c) => c.xml).join("") + this.foot;
    return this.names.prefixed ? this.names.unprefixed(xml) : xml;
  }

  /**
   * The worksheet XML as toXml makes it, given to `out` in order, piece by piece: the rows one by one
   * where they changed, so that a large sheet is encoded and deflated as it is made
   * (XlsxPackage.finishPart), never joined into one string first.
   */
  writeXml(out: (text: string) => void): void {
    // A sheet with no row, or whose elements carry a prefix to take off, is made whole.
    if (!this.isChanged || !this.rowsDirty || this.names.prefixed || this.rows.length === 0) {
      out(this.toXml());
      return;
    }
    this.setDimension();
    out(this.head);
    for (const chunk of this.children) {
      if (chunk !== this.sheetDataChunk) {
        out(chunk.xml);
        continue;
      }
      out(this.sheetDataOpen);
      this.writeRows(out);
      out(this.rowsTail);
      out(this.sheetDataClose);
    }
    out(this.foot);
    // The rows are made (each row's text kept), but <sheetData>'s own text is not: toXml joins them.
  }

  /** Every row's text (made again where it changed) with what comes before it, in order. */
  private writeRows(out: (text: string) => void): void {
    for (const entry of this.rows) {
      if (entry.dirty) {
        entry.raw = rowXml(entry);
        entry.dirty = false;
      }
      out(entry.lead);
      out(entry.raw);
    }
  }

  /** <dimension ref> made to cover every cell (added where the part has none). */
  private setDimension(): void {
    const ref = this.dimensionRef();
    if (ref === null) return;
    const dimension = this.chunk("dimension");
    if (dimension === undefined) this.newChunk("dimension", `<dimension ref="${ref}"/>`);
    else dimension.xml = setAttr(dimension.xml, "ref", ref);
  }
}
