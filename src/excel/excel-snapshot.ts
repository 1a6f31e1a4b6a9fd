/**
 * Reads a WorkbookSnapshot through the Excel JavaScript API.
 *
 * What each host gives: ExcelApi 1.9 adds fill colours and hidden rows and columns (getCellProperties,
 * getRowProperties, getColumnProperties, queued in the same batch); on a 1.8 host every cell's fill is
 * null and no row or column is hidden in the snapshot, so statuses kept only as a colour read as
 * blank (the reader reports them as missing statuses). Merged areas need 1.13; without them the
 * snapshot has no merges and the reader copes with a header word over a blank header cell.
 * Headers and footers (PageLayout.headersFooters) are ExcelApi 1.9 as well, read in the same batch as
 * the cells: the protective marking a plan sheet prints (core/reading/protective-marking.ts) is carried onto
 * the Summary's footer. On a 1.8 host the snapshot has no headerFooter, so the Summary prints no
 * marking there (and 1.8 cannot set a print layout anyway: apply-write-plan reports it as skipped).
 */
import type {
  CellSnapshot,
  GridRange,
  NamedRangeSnapshot,
  SheetSnapshot,
  TableSnapshot,
  WorkbookSnapshot,
} from "../core/basics/snapshot";
import { excelSerialToIso, isDateFormat } from "../core/basics/excel-dates";
import { excelApiSupported } from "./api-support";
import { PayloadTooLargeError, isPayloadLimitError, officeErrorCode } from "./host-errors";

/** What the shell remembers from a read to save round trips next time (verified on every use). */
export interface WorkbookLayout {
  /** In tab order. */
  readonly sheets: ReadonlyArray<{
    readonly name: string;
    readonly isProtected: boolean;
    readonly charts: readonly string[];
  }>;
  readonly tables: readonly string[];
  /** Workbook structure protection (ExcelApi 1.7): no sheet can be added. */
  readonly structureProtected: boolean;
  /** Whether the workbook counts dates from 1904 (its serials are 1,462 days lower). */
  readonly date1904: boolean;
}

/** Days between the 1900 and the 1904 date systems' serials for the same day. */
export const DATE_1904_OFFSET = 1462;

/**
 * Excel reads of more than 5,000,000 cells return null values on every platform (issue 18 item 9,
 * Microsoft's performance guidance for Excel add-ins): no single read asks for more.
 */
export const MAX_CELLS_PER_READ = 5_000_000;

export interface WorkbookRead {
  readonly snapshot: WorkbookSnapshot;
  readonly layout: WorkbookLayout;
}

/**
 * Cell properties loaded for every cell. Excel on the web answers at most 5 MB per response; a cell
 * costs its text about three times over (values, text, formulas) plus its format and fill.
 */
const CELL_PROPERTIES = "rowIndex,columnIndex,rowCount,columnCount,values,numberFormat";
const SHAPE_PROPERTIES = "rowIndex,columnIndex,rowCount,columnCount";
/** Bytes a chunk may use of the 5 MB response, leaving room for the JSON around it and a misjudged estimate. */
const CHUNK_RESPONSE_BUDGET = 4_000_000;
/** A first guess of a cell's share of the response (two copies of ~20 characters, format, fill). */
const ESTIMATED_BYTES_PER_CELL = 120;
/** Excel turns these typed into a cell into error values, so in a cell not formatted as text they are errors. */
const ERROR_VALUES = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
]);

interface CellQuery {
  readonly range: Excel.Range;
  /** The formula cells only (1.9), to keep formulas out of the response for every other cell. */
  readonly formulaAreas: Excel.RangeAreas | null;
  /** The number constants (1.9): their displayed text differs from their value, a string's does not. */
  readonly numberAreas: Excel.RangeAreas | null;
  readonly fills: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null;
  readonly rows: OfficeExtension.ClientResult<Excel.RowProperties[]> | null;
  readonly columns: OfficeExtension.ClientResult<Excel.ColumnProperties[]> | null;
}

interface SheetQuery {
  readonly name: string;
  readonly worksheet: Excel.Worksheet;
  readonly protection: Excel.WorksheetProtection;
  readonly charts: Excel.ChartCollection;
  readonly used: Excel.Range;
  /** Null when only the shape of the used range was asked for (the chunked path). */
  readonly cells: CellQuery | null;
  readonly merges: Excel.RangeAreas | null;
  /** The four header and footer groups of the sheet (1.9), or null on an older host. */
  readonly headersFooters: readonly Excel.HeaderFooter[] | null;
}

/**
 * Every header and footer a sheet may print: the one for all pages, and those of the first, odd and
 * even pages, which a sheet uses when its HeaderFooterGroup.state says so.
 */
const HEADER_FOOTER_GROUPS = ["defaultForAllPages", "firstPage", "oddPages", "evenPages"] as const;
const HEADER_FOOTER_SECTIONS = [
  "leftHeader",
  "centerHeader",
  "rightHeader",
  "leftFooter",
  "centerFooter",
  "rightFooter",
] as const;

/** Queues the load of a sheet's headers and footers (ExcelApi 1.9), or null below it. */
function queueHeadersFooters(worksheet: Excel.Worksheet): Excel.HeaderFooter[] | null {
  if (!excelApiSupported("1.9")) return null;
  const group = worksheet.pageLayout.headersFooters;
  return HEADER_FOOTER_GROUPS.map((g) => group[g].load(HEADER_FOOTER_SECTIONS.join(",")));
}

/** The sheet's header and footer texts that are not blank, in Excel's codes, as the file reader gives them. */
function headerFooterTexts(groups: readonly Excel.HeaderFooter[]): string[] {
  const texts: string[] = [];
  for (const hf of groups) {
    for (const section of HEADER_FOOTER_SECTIONS) {
      const text: unknown = hf[section];
      if (typeof text === "string" && text.trim() !== "") texts.push(text);
    }
  }
  return texts;
}

interface TableQuery {
  readonly table: Excel.Table;
  readonly range: Excel.Range;
  readonly header: Excel.Range;
}

interface WorkbookQuery {
  readonly sheets: SheetQuery[];
  readonly tables: TableQuery[];
  readonly names: Excel.NamedItemCollection;
  readonly protection: Excel.WorkbookProtection;
}

interface Listing {
  readonly sheets: Excel.WorksheetCollection;
  readonly tables: Excel.TableCollection;
}

interface ListedNames {
  readonly sheets: string[];
  readonly tables: string[];
}

/**
 * Reads the whole workbook. Round trips (context.sync):
 * - 2 without a layout: the sheet and table names, then everything else in one batch;
 * - 1 with the layout of the previous read when the workbook still has those sheets and tables
 *   (their names are checked in the same batch); 2 when sheets or tables were only added since;
 *   3 when one of them was deleted or renamed (the first batch fails and is repeated);
 * - when the cells would pass Excel on the web's 5 MB response limit, the batch fails without
 *   effect and the cells are read again in row chunks: 1 more sync for the used ranges' sizes, then
 *   1 per chunk of about 4 MB, packing bands of several sheets (a chunk that still fails is read
 *   again at half the size).
 */
export async function readWorkbook(
  context: Excel.RequestContext,
  hint?: WorkbookLayout,
): Promise<WorkbookRead> {
  let listed: ListedNames | null = null;
  let tooLarge = false;
  if (hint) {
    const listing = queueListing(context);
    const query = queueWorkbook(
      context,
      hint.sheets.map((s) => s.name),
      hint.tables,
      true,
    );
    const outcome = await syncOrNote(context);
    tooLarge = outcome === "too-large";
    if (outcome === "done") {
      listed = listedNames(listing);
      if (
        sameNames(
          listed.sheets,
          query.sheets.map((s) => s.name),
        ) &&
        sameNames(listed.tables, hint.tables)
      ) {
        if (!cellsCameBackNull(query)) return workbookRead(query, null);
        tooLarge = true;
      }
    }
  }
  if (!listed) {
    const listing = queueListing(context);
    await context.sync();
    listed = listedNames(listing);
  }
  if (!tooLarge) {
    const query = queueWorkbook(context, listed.sheets, listed.tables, true);
    if ((await syncOrNote(context)) === "done" && !cellsCameBackNull(query)) return workbookRead(query, null);
  }
  return readInChunks(context, listed);
}

/** Whether a sheet's cells came back null: its used range passed the 5,000,000 cells of one read. */
function cellsCameBackNull(query: WorkbookQuery): boolean {
  return query.sheets.some((s) => s.cells !== null && !Array.isArray(s.cells.range.values as unknown));
}

/** The snapshot alone: see readWorkbook for the round trips. */
export async function readWorkbookSnapshot(
  context: Excel.RequestContext,
  hint?: WorkbookLayout,
): Promise<WorkbookSnapshot> {
  return (await readWorkbook(context, hint)).snapshot;
}

/** Syncs; a payload-limit failure or a sheet or table that has gone is noted, anything else thrown. */
async function syncOrNote(context: Excel.RequestContext): Promise<"done" | "too-large" | "stale"> {
  try {
    await context.sync();
    return "done";
  } catch (error) {
    if (isPayloadLimitError(error)) return "too-large";
    if (officeErrorCode(error) === "ItemNotFound") return "stale";
    throw error;
  }
}

function queueListing(context: Excel.RequestContext): Listing {
  return {
    sheets: context.workbook.worksheets.load("items/name"),
    tables: context.workbook.tables.load("items/name"),
  };
}

function listedNames(listing: Listing): ListedNames {
  return {
    sheets: listing.sheets.items.map((s) => s.name),
    tables: listing.tables.items.map((t) => t.name),
  };
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

/**
 * Excel on the web answers at most 5 MB, so the batch asks for little per cell: formulas only of the
 * formula cells and the fill colour alone (white, Excel's answer for no fill, is read as no fill);
 * error values are told by their text rather than by a valueTypes array.
 */
function queueCells(range: Excel.Range): CellQuery {
  if (excelApiSupported("1.9")) {
    range.load(CELL_PROPERTIES);
    const formulaAreas = range.getSpecialCellsOrNullObject("Formulas");
    formulaAreas.load("areas/items/rowIndex,areas/items/columnIndex,areas/items/formulas,areas/items/text");
    const numberAreas = range.getSpecialCellsOrNullObject("Constants", "Numbers");
    numberAreas.load("areas/items/rowIndex,areas/items/columnIndex,areas/items/text");
    return {
      range,
      formulaAreas,
      numberAreas,
      fills: range.getCellProperties({ format: { fill: { color: true } } }),
      rows: range.getRowProperties({ rowHidden: true }),
      columns: range.getColumnProperties({ columnHidden: true }),
    };
  }
  range.load(`${CELL_PROPERTIES},formulas,text`);
  return { range, formulaAreas: null, numberAreas: null, fills: null, rows: null, columns: null };
}

function queueWorkbook(
  context: Excel.RequestContext,
  sheetNames: readonly string[],
  tableNames: readonly string[],
  withCells: boolean,
): WorkbookQuery {
  const sheets = sheetNames.map((name): SheetQuery => {
    const worksheet = context.workbook.worksheets.getItem(name);
    worksheet.load("name,visibility");
    const protection = worksheet.protection.load("protected");
    const charts = worksheet.charts.load("items/name");
    // getUsedRange (not …OrNullObject): a blank sheet gives A1, so the calls below never meet a null object.
    const used = worksheet.getUsedRange(false);
    let merges: Excel.RangeAreas | null = null;
    if (excelApiSupported("1.13")) {
      merges = used.getMergedAreasOrNullObject();
      merges.load(
        "areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount",
      );
    }
    if (!withCells) used.load(SHAPE_PROPERTIES);
    const headersFooters = queueHeadersFooters(worksheet);
    const cells = withCells ? queueCells(used) : null;
    return { name, worksheet, protection, charts, used, cells, merges, headersFooters };
  });
  const tables = tableNames.map((name): TableQuery => {
    const table = context.workbook.tables.getItem(name);
    table.load("name,showTotals");
    table.worksheet.load("name");
    return {
      table,
      range: table.getRange().load(SHAPE_PROPERTIES),
      header: table.getHeaderRowRange().load("values"),
    };
  });
  const names = context.workbook.names.load("items/name,items/formula,items/type,items/visible");
  // Workbook structure protection (ExcelApi 1.7, below the floor): an operation that adds a sheet is
  // refused before anything is written (core/planning/structure-protection.ts).
  const protection = context.workbook.protection.load("protected");
  return { sheets, tables, names, protection };
}

/** A band of one sheet's rows, queued in a chunk. */
interface Band {
  readonly sheet: SheetQuery;
  readonly top: number;
  readonly rowCount: number;
}

/**
 * Reads the cells in row bands after a light batch for the used ranges' shapes. A chunk packs bands
 * of as many sheets as fit its budget, so the round trips are 1 + the fewest chunks the bytes need,
 * not one or more per sheet. The bytes per cell are guessed at first, then measured on each answer.
 */
async function readInChunks(context: Excel.RequestContext, listed: ListedNames): Promise<WorkbookRead> {
  const query = queueWorkbook(context, listed.sheets, listed.tables, false);
  await context.sync();
  const chunks = new Map<string, CellQuery[]>(query.sheets.map((s) => [s.name, []]));
  // Next row to read of each sheet, in tab order.
  const next = query.sheets.map((s) => ({
    sheet: s,
    top: s.used.rowIndex,
    bottom: s.used.rowIndex + s.used.rowCount - 1,
  }));
  let bytesPerCell = ESTIMATED_BYTES_PER_CELL;
  let at = 0;
  while (at < next.length) {
    let budgetCells = Math.min(
      MAX_CELLS_PER_READ,
      Math.max(1, Math.floor(CHUNK_RESPONSE_BUDGET / bytesPerCell)),
    );
    const bands: Band[] = [];
    for (let i = at; i < next.length && budgetCells > 0; i++) {
      const n = next[i]!;
      const width = Math.max(1, n.sheet.used.columnCount);
      const left = n.bottom - n.top + 1;
      if (left <= 0) continue;
      const rowCount = Math.min(left, Math.max(1, Math.floor(budgetCells / width)));
      if (bands.length > 0 && rowCount * width > budgetCells) break;
      bands.push({ sheet: n.sheet, top: n.top, rowCount });
      budgetCells -= rowCount * width;
    }
    const parts = bands.map((band) =>
      queueCells(
        band.sheet.worksheet.getRangeByIndexes(
          band.top,
          band.sheet.used.columnIndex,
          band.rowCount,
          band.sheet.used.columnCount,
        ),
      ),
    );
    // One sync per chunk is the point of this loop: each stays under Excel on the web's 5 MB.
    const answered = await syncOrNote(context);
    // A band that still came back null (over Excel's cells per read) is read again at half the size.
    const outcome =
      answered === "done" && parts.some((p) => !Array.isArray(p.range.values as unknown))
        ? "too-large"
        : answered;
    if (outcome === "done") {
      let cells = 0;
      let bytes = 0;
      bands.forEach((band, i) => {
        const part = parts[i]!;
        chunks.get(band.sheet.name)!.push(part);
        const state = next.find((n) => n.sheet === band.sheet)!;
        state.top += band.rowCount;
        cells += band.rowCount * Math.max(1, band.sheet.used.columnCount);
        bytes += answeredBytes(part);
      });
      // Measured, with a margin for what the estimate leaves out (fills, row and column properties).
      if (cells > 0) bytesPerCell = Math.max(bytesPerCell / 4, (1.25 * bytes) / cells);
      while (at < next.length && next[at]!.top > next[at]!.bottom) at += 1;
    } else if (outcome === "too-large" && (bands.length > 1 || (bands[0]?.rowCount ?? 0) > 1)) {
      bytesPerCell *= 2;
    } else {
      throw new PayloadTooLargeError();
    }
  }
  return workbookRead(query, chunks);
}

/** About what a chunk's answer weighed: its values, formats and texts as JSON. */
function answeredBytes(part: CellQuery): number {
  const size = (v: unknown): number => JSON.stringify(v ?? null).length;
  let bytes = size(part.range.values) + size(part.range.numberFormat);
  if (part.fills) bytes += size(part.fills.value);
  if (part.formulaAreas === null) bytes += size(part.range.text) + size(part.range.formulas);
  return bytes;
}

function workbookRead(query: WorkbookQuery, chunks: Map<string, CellQuery[]> | null): WorkbookRead {
  const tablesBySheet = new Map<string, TableSnapshot[]>();
  for (const t of query.tables) {
    const sheet = t.table.worksheet.name;
    const bottom = t.range.rowIndex + t.range.rowCount - 1 - (t.table.showTotals ? 1 : 0);
    const header: unknown[] = t.header.values[0] ?? [];
    tablesBySheet.set(sheet, [
      ...(tablesBySheet.get(sheet) ?? []),
      {
        name: t.table.name,
        range: {
          top: t.range.rowIndex,
          left: t.range.columnIndex,
          bottom,
          right: t.range.columnIndex + t.range.columnCount - 1,
        },
        columnNames: header.map((v) =>
          typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : "",
        ),
      },
    ]);
  }
  const sheets = query.sheets.map((s): SheetSnapshot => {
    // Blank headers and footers are left out, as the file reader leaves them out.
    const headerFooter = s.headersFooters === null ? [] : headerFooterTexts(s.headersFooters);
    const parts = chunks ? (chunks.get(s.name) ?? []) : s.cells ? [s.cells] : [];
    const grid = gridOf(parts);
    return {
      name: s.worksheet.name,
      visibility: visibilityOf(s.worksheet.visibility),
      isProtected: s.protection.protected,
      cells: grid.cells,
      merges: mergedAreas(s.merges),
      hiddenRows: grid.hiddenRows,
      hiddenColumns: grid.hiddenColumns,
      tables: tablesBySheet.get(s.worksheet.name) ?? [],
      ...(headerFooter.length > 0 ? { headerFooter } : {}),
    };
  });
  const date1904 = usesDate1904(sheets);
  const dated = date1904 ? sheets.map(to1900Dates) : sheets;
  const names: NamedRangeSnapshot[] = query.names.items
    .filter((n) => n.visible)
    .map((n) => {
      const formula: unknown = n.formula;
      return { name: n.name, formula: typeof formula === "string" ? formula : "" };
    });
  const structureProtected = query.protection.protected;
  return {
    snapshot: { sheets: dated, names, structureProtected },
    layout: {
      sheets: query.sheets.map((s) => ({
        name: s.worksheet.name,
        isProtected: s.protection.protected,
        charts: s.charts.items.map((c) => c.name),
      })),
      tables: query.tables.map((t) => t.table.name),
      structureProtected,
      date1904,
    },
  };
}

/**
 * Whether the workbook counts dates from 1904. Range.values gives the workbook's own serials, while
 * the core (as the file path) works in the 1900 system. No requirement set up to this add-in's types
 * says which system a workbook uses, so the dates tell it: a date-formatted number whose displayed
 * year is 4 (5 on 1 January) more than its serial's year in the 1900 system is a 1904 serial.
 */
export function usesDate1904(sheets: readonly SheetSnapshot[]): boolean {
  let votes1904 = 0;
  let votes1900 = 0;
  for (const sheet of sheets) {
    for (const row of sheet.cells) {
      for (const cell of row) {
        if (!cell || typeof cell.value !== "number" || !isDateFormat(cell.numberFormat)) continue;
        const shown = /(?:^|\D)(\d{4})(?:\D|$)/.exec(cell.text)?.[1];
        const year1900 = excelSerialToIso(cell.value)?.slice(0, 4);
        if (shown === undefined || year1900 === undefined) continue;
        const gap = Number(shown) - Number(year1900);
        if (gap === 4 || gap === 5) votes1904++;
        else if (gap === 0) votes1900++;
      }
    }
  }
  return votes1904 > votes1900;
}

/** The sheet with its date-formatted numbers as 1900-system serials, as the file path gives them. */
function to1900Dates(sheet: SheetSnapshot): SheetSnapshot {
  return {
    ...sheet,
    cells: sheet.cells.map((row) =>
      row.map((cell) =>
        cell && typeof cell.value === "number" && isDateFormat(cell.numberFormat)
          ? { ...cell, value: cell.value + DATE_1904_OFFSET }
          : cell,
      ),
    ),
  };
}

function visibilityOf(
  v: Excel.SheetVisibility | "Visible" | "Hidden" | "VeryHidden",
): SheetSnapshot["visibility"] {
  return v === "Hidden" ? "hidden" : v === "VeryHidden" ? "veryHidden" : "visible";
}

function mergedAreas(merges: Excel.RangeAreas | null): GridRange[] {
  if (!excelApiSupported("1.13")) return [];
  return merges && !merges.isNullObject ? merges.areas.items.map(gridRangeOf) : [];
}

function gridRangeOf(range: Excel.Range): GridRange {
  return {
    top: range.rowIndex,
    left: range.columnIndex,
    bottom: range.rowIndex + range.rowCount - 1,
    right: range.columnIndex + range.columnCount - 1,
  };
}

interface Grid {
  cells: Array<Array<CellSnapshot | null>>;
  hiddenRows: number[];
  hiddenColumns: number[];
}

/** Places the used range's cells at their offset, so that cells[0][0] is A1. */
function gridOf(parts: readonly CellQuery[]): Grid {
  const cells: Array<Array<CellSnapshot | null>> = [];
  const hiddenRows: number[] = [];
  const hiddenColumns = new Set<number>();
  let anything = false;
  for (const part of parts) {
    const r0 = part.range.rowIndex;
    const c0 = part.range.columnIndex;
    const fills = part.fills?.value ?? null;
    const formulas = formulasOf(part);
    const texts = textsOf(part);
    part.range.values.forEach((row, i) => {
      const out: Array<CellSnapshot | null> = Array<CellSnapshot | null>(c0).fill(null);
      row.forEach((value, j) => {
        const cell = cellOf(
          value,
          texts(i, j, value),
          part.range.numberFormat[i]?.[j],
          formulas(i, j),
          fills?.[i]?.[j],
        );
        if (cell) anything = true;
        out.push(cell);
      });
      cells[r0 + i] = out;
    });
    part.rows?.value.forEach((p, i) => {
      if (p.rowHidden) hiddenRows.push(p.rowIndex ?? r0 + i);
    });
    part.columns?.value.forEach((p, j) => {
      if (p.columnHidden) hiddenColumns.add(p.columnIndex ?? c0 + j);
    });
  }
  if (!anything) return { cells: [], hiddenRows, hiddenColumns: [...hiddenColumns] };
  for (let r = 0; r < cells.length; r++) {
    // Trailing empty cells are dropped, as the file shell does, so both shells give equal snapshots.
    const row = (cells[r] ??= []);
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
  }
  return { cells, hiddenRows, hiddenColumns: [...hiddenColumns].sort((a, b) => a - b) };
}

/**
 * The displayed text of the part's cell (i, j): on 1.9 from the formula and number areas, a string
 * being shown as it is; on 1.8 from the whole text array.
 */
function textsOf(part: CellQuery): (i: number, j: number, value: unknown) => string {
  if (part.formulaAreas === null || part.numberAreas === null) {
    return (i, j) => part.range.text[i]?.[j] ?? "";
  }
  if (!excelApiSupported("1.9")) return () => "";
  const byCell = new Map<string, string>();
  for (const areas of [part.formulaAreas, part.numberAreas]) {
    if (areas.isNullObject) continue;
    for (const area of areas.areas.items) {
      area.text.forEach((row, i) =>
        row.forEach((t, j) => {
          byCell.set(
            `${area.rowIndex + i - part.range.rowIndex},${area.columnIndex + j - part.range.columnIndex}`,
            t,
          );
        }),
      );
    }
  }
  return (i, j, value) =>
    byCell.get(`${i},${j}`) ??
    (typeof value === "string" ? value : typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : "");
}

/** The formula of the part's cell (i, j), from the formula areas (1.9) or the whole formulas array. */
function formulasOf(part: CellQuery): (i: number, j: number) => unknown {
  if (part.formulaAreas === null) return (i, j): unknown => part.range.formulas[i]?.[j] as unknown;
  if (!excelApiSupported("1.9")) return () => null;
  if (part.formulaAreas.isNullObject) return () => null;
  const byCell = new Map<string, unknown>();
  for (const area of part.formulaAreas.areas.items) {
    area.formulas.forEach((row: unknown[], i) =>
      row.forEach((f, j) => {
        byCell.set(
          `${area.rowIndex + i - part.range.rowIndex},${area.columnIndex + j - part.range.columnIndex}`,
          f,
        );
      }),
    );
  }
  return (i, j) => byCell.get(`${i},${j}`);
}

function cellOf(
  value: unknown,
  text: string,
  numberFormat: unknown,
  formula: unknown,
  properties: Excel.CellProperties | undefined,
): CellSnapshot | null {
  const format = typeof numberFormat === "string" && numberFormat !== "" ? numberFormat : "General";
  const colour = properties?.format?.fill?.color?.toUpperCase();
  const fill = colour && colour !== "#FFFFFF" ? colour : null;
  // A text-formatted cell keeps "=…" as text, and Range.formulas returns it as it stands.
  const isFormula = typeof formula === "string" && formula.startsWith("=") && format !== "@";
  const isEmpty = value === "" || value === null || value === undefined;
  if (isEmpty && !isFormula && fill === null && format === "General") return null;
  const raw = isEmpty
    ? null
    : typeof value === "number" || typeof value === "boolean" || typeof value === "string"
      ? value
      : text;
  return {
    value: raw,
    text,
    numberFormat: format,
    fill,
    formula: isFormula ? formula : null,
    ...(typeof value === "string" && format !== "@" && ERROR_VALUES.has(value) ? { isError: true } : {}),
  };
}
