/** Reading an ExcelJS workbook into the core's WorkbookSnapshot. */
import ExcelJS from "exceljs";
import type {
  CellSnapshot,
  GridRange,
  NamedRangeSnapshot,
  RawValue,
  SheetSnapshot,
  TableSnapshot,
  WorkbookSnapshot,
} from "../../../src/core/basics/snapshot";
import { parseRangeAddress } from "../../../src/core/basics/cell-address";
import { displayText } from "../../../src/xlsx/cell-display";
import { DEFAULT_INDEXED_COLOURS, OFFICE_THEME_COLOURS, tintColour } from "../../../src/xlsx/part-theme";
import { keptNames } from "./workbook-names";

export { formatGeneral, formatNumber } from "../../../src/xlsx/cell-display";
export { tintColour } from "../../../src/xlsx/part-theme";

const DAY_MS = 86_400_000;
/** Days from Excel's day 0 (1899-12-30 once the 1900 leap-year bug is counted) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;

/**
 * A JS Date (as ExcelJS gives it, UTC) as an Excel serial in the 1900 date system. ExcelJS turns
 * serials into dates with the same offset, so serials before 1 March 1900 (the phantom 29 February
 * 1900) come back as the serial they were stored as. A 1904-system workbook's dates are given as
 * 1900-system serials, which is what the core assumes.
 */
export function dateToSerial(date: Date): number {
  return UNIX_EPOCH_SERIAL + date.getTime() / DAY_MS;
}

/** A colour as ExcelJS gives it (argb, theme + tint, or indexed) → "#RRGGBB", or null. */
export function colourToHex(colour: Partial<ExcelJS.Color> | undefined): string | null {
  if (!colour) return null;
  const c = colour as { argb?: string; theme?: number; tint?: number; indexed?: number };
  if (typeof c.argb === "string") {
    const hex = c.argb.toUpperCase();
    if (/^[0-9A-F]{8}$/.test(hex)) return `#${hex.slice(2)}`;
    if (/^[0-9A-F]{6}$/.test(hex)) return `#${hex}`;
    return null;
  }
  if (typeof c.theme === "number") {
    const base = OFFICE_THEME_COLOURS[c.theme];
    return base ? `#${tintColour(base, c.tint ?? 0)}` : null;
  }
  if (typeof c.indexed === "number") {
    const base = DEFAULT_INDEXED_COLOURS[c.indexed];
    return base ? `#${base}` : null;
  }
  return null;
}

/**
 * ExcelJS shares one fill object among the cells of a style, so a sheet of thousands of cells has a
 * handful of fills: each is resolved once per snapshot.
 */
type FillCache = Map<ExcelJS.Fill, string | null>;

function fillOf(cell: ExcelJS.Cell, cache: FillCache): string | null {
  const fill = cell.fill as ExcelJS.Fill | undefined;
  if (!fill) return null;
  let hex = cache.get(fill);
  if (hex === undefined) {
    hex = fill.type !== "pattern" || fill.pattern === "none" ? null : colourToHex(fill.fgColor);
    cache.set(fill, hex);
  }
  return hex;
}

function richText(value: unknown): string | null {
  if (value && typeof value === "object" && "richText" in value) {
    const parts = (value as { richText: Array<{ text?: string }> }).richText;
    return parts.map((p) => p.text ?? "").join("");
  }
  return null;
}

/** An error value (#REF!, #N/A) as its text. */
class ErrorValue {
  constructor(readonly text: string) {}
}

/**
 * A plain value (a cell's value or a formula's cached result) as the snapshot holds it. Only an error
 * makes an object: tens of thousands of cells pass here.
 */
function plainValue(v: unknown): RawValue | ErrorValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return dateToSerial(v);
  if (typeof v === "object") {
    if ("error" in v) return new ErrorValue(String(v.error));
    const rich = richText(v);
    if (rich !== null) return rich;
    if ("text" in v) {
      const t = v.text;
      return typeof t === "string" ? t : (richText(t) ?? "");
    }
  }
  return null;
}

function snapshotCell(cell: ExcelJS.Cell, fills: FillCache): CellSnapshot | null {
  const numberFormat = cell.numFmt || "General";
  const fill = fillOf(cell, fills);
  const type = cell.type;
  // A merged area's other cells are empty to Excel; ExcelJS repeats the top-left value in them.
  if (type === ExcelJS.ValueType.Merge) {
    return fill ? { value: null, text: "", numberFormat, fill, formula: null } : null;
  }
  let read: RawValue | ErrorValue;
  let formula: string | null = null;
  if (type === ExcelJS.ValueType.Formula) {
    const f = cell.formula;
    formula = f ? `=${f}` : null;
    read = plainValue(cell.result);
  } else {
    read = plainValue(cell.value);
  }
  if (read instanceof ErrorValue) {
    return { value: read.text, text: read.text, numberFormat, fill, formula, isError: true };
  }
  if (read === null && fill === null && formula === null && numberFormat === "General") return null;
  return { value: read, text: displayText(read, numberFormat), numberFormat, fill, formula };
}

function tablesOf(ws: ExcelJS.Worksheet): TableSnapshot[] {
  const out: TableSnapshot[] = [];
  for (const entry of ws.getTables() as unknown[]) {
    // ExcelJS's typings say [Table, void]; at run time each entry is the Table itself.
    const table = (Array.isArray(entry) ? entry[0] : entry) as {
      table?: {
        name?: string;
        tableRef?: string;
        ref?: string;
        totalsRow?: boolean;
        columns?: Array<{ name?: string }>;
      };
    };
    const model = table.table;
    const ref = model?.tableRef ?? model?.ref;
    if (!model?.name || !ref || !ref.includes(":")) continue;
    const range = parseRangeAddress(ref);
    // ExcelJS reads a missing headerRowCount as "no header"; Excel's default is one header row.
    const bottom = model.totalsRow ? range.bottom - 1 : range.bottom;
    out.push({
      name: model.name,
      range: { ...range, bottom: Math.max(bottom, range.top) },
      columnNames: (model.columns ?? []).map((c) => c.name ?? ""),
    });
  }
  return out;
}

/** A merge as ExcelJS holds it: a Range with 1-based edges. */
interface MergeRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/**
 * The sheet's merges, in the order ExcelJS keeps them. ExcelJS quirk (4.4): only `worksheet.model`
 * lists them publicly, and that getter serialises every row of the sheet (most of a snapshot's time),
 * so they are read from the private index it builds the list from.
 */
function mergesOf(ws: ExcelJS.Worksheet): GridRange[] {
  const index = (ws as unknown as { _merges?: Record<string, MergeRange | undefined> })._merges;
  if (!index) return ((ws.model as { merges?: string[] }).merges ?? []).map((m) => parseRangeAddress(m));
  const out: GridRange[] = [];
  for (const m of Object.values(index)) {
    if (m) out.push({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 });
  }
  return out;
}

function sheetSnapshot(ws: ExcelJS.Worksheet, fills: FillCache): SheetSnapshot {
  const cells: Array<Array<CellSnapshot | null>> = [];
  const hiddenRows: number[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    if (!row) {
      cells.push([]);
      continue;
    }
    if (row.hidden) hiddenRows.push(r - 1);
    const out: Array<CellSnapshot | null> = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.findCell(c);
      out.push(cell ? snapshotCell(cell, fills) : null);
    }
    while (out.length > 0 && out[out.length - 1] === null) out.pop();
    cells.push(out);
  }
  while (cells.length > 0 && (cells[cells.length - 1]?.length ?? 0) === 0) cells.pop();

  const hiddenColumns: number[] = [];
  (ws.columns ?? []).forEach((column, i) => {
    if (column.hidden) hiddenColumns.push(i);
  });
  const merges = mergesOf(ws);
  // Not in ExcelJS's typings: the <sheetProtection> element as read from the file.
  const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection;
  return {
    name: ws.name,
    visibility: ws.state === "hidden" || ws.state === "veryHidden" ? ws.state : "visible",
    isProtected: protection?.sheet === true,
    cells,
    merges,
    hiddenRows,
    hiddenColumns,
    tables: tablesOf(ws),
    ...headerFooterOf(ws),
  };
}

/** The sheet's stored page headers and footers, blank ones left out; nothing when it has none. */
function headerFooterOf(ws: ExcelJS.Worksheet): { headerFooter?: string[] } {
  // ExcelJS gives null, not an empty object, for a sheet with no <headerFooter>.
  const hf = (ws.headerFooter as Partial<ExcelJS.HeaderFooter> | null) ?? {};
  const all = [hf.oddHeader, hf.oddFooter, hf.evenHeader, hf.evenFooter, hf.firstHeader, hf.firstFooter];
  const texts = all.filter((t): t is string => typeof t === "string" && t.trim() !== "");
  return texts.length === 0 ? {} : { headerFooter: texts };
}

/**
 * Reads every sheet of an ExcelJS workbook, in tab order, into a snapshot: values (formulas as their
 * cached results), the text Excel would display, number formats, fills, merges, hidden rows and
 * columns, ListObjects, protection and visibility; and the workbook's defined names.
 *   snapshotFromWorkbook(await readWorkbookFile("plan.xlsx")).sheets[0].cells[6][0].text === "ACTION"
 */
export function snapshotFromWorkbook(workbook: ExcelJS.Workbook): WorkbookSnapshot {
  // ExcelJS's `worksheets` is already in tab order.
  const fills: FillCache = new Map();
  const sheets = workbook.worksheets.map((ws) => sheetSnapshot(ws, fills));
  const names: NamedRangeSnapshot[] = [
    ...(workbook.definedNames.model ?? []).map((n) => ({ name: n.name, formula: `=${n.ranges.join(",")}` })),
    ...keptNames(workbook).map((n) => ({ name: n.name, formula: `=${n.formula}` })),
  ];
  return { sheets, names };
}
