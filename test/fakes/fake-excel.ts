/**
 * An in-memory fake of the Excel JavaScript API subset that src/excel uses, held to Excel's rules
 * where they matter (issue 6):
 * - a property read before load + context.sync() throws PropertyNotLoaded;
 * - queued writes happen only at the next sync, in queue order, and syncs are counted;
 * - Range.values turns a string beginning with =, +, - or @ into a formula and a number-looking
 *   string into a number ("3.10" → 3.1, "007" → 7), unless the cell's number format is "@";
 * - Worksheet.copy / delete, protection.protect / unprotect and TableRowCollection.add reject
 *   (they clear the undo stack or conflict under co-authoring);
 * - a request or a response over Excel on the web's 5 MB fails the whole sync;
 * - `cellEditMode` makes every sync fail with InvalidOperationInCellEditMode until it is cleared;
 * - a write to a protected sheet fails with AccessDenied (writes queued before it stay, as in Excel);
 * - a run that ends with commands still queued fails, so a forgotten sync shows up in tests.
 * Issue 18 (what real Excel does that a forgiving fake did not), each with the page it comes from
 * at the behaviour below: `platform` ("web" | "windows" | "mac") decides what an undo group rejects,
 * whether charts' "Auto" series run by rows, whether fit-to-width printing is kept and where the
 * 5 MB payload limit applies; a table grows over rows written below it only under conditions;
 * names over structured references come back as A1 ranges; tables.add refuses merged cells with
 * MergedRangeConflict; a list validation needs its named source to exist; workbook structure
 * protection refuses new sheets; reads of more than 5,000,000 cells give null.
 * It is built from a WorkbookSnapshot and exposes its state for assertions.
 */
import type { GridRange, RawValue, WorkbookSnapshot } from "../../src/core/basics/snapshot";
import { columnIndex, columnLetters, quoteSheetName, rangeAddress } from "../../src/core/basics/cell-address";

/** Excel on the web: 5 MB per request and per response. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string };
  constructor(code: string, message: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message };
  }
}

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

export interface FakeCellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontColor?: string;
  wrap?: boolean;
  horizontal?: string;
  vertical?: string;
}

export interface FakeCell {
  value: RawValue;
  formula: string | null;
  numberFormat: string;
  fill: string | null;
  /** The displayed text given by the snapshot the fake was built from; dropped when the cell is written. */
  text?: string;
  isError?: boolean;
  style?: FakeCellStyle;
}

export interface FakeValidation {
  range: GridRange;
  rule: unknown;
  errorAlert: unknown;
  prompt: unknown;
}

export interface FakeConditionalFormat {
  range: GridRange;
  type: string;
  formula: string | null;
  fill: string | null;
  fontColor: string | null;
  bold: boolean | null;
}

export interface FakeChart {
  name: string;
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  position: { start: string; end: string } | null;
}

export interface FakePageLayout {
  orientation: string | null;
  zoom: unknown;
  printTitleRows: string | null;
  paperSize: string | null;
  centerFooter: string | null;
  rightFooter: string | null;
  /**
   * Every other header and footer section, by group and section ("firstPage.centerHeader",
   * "defaultForAllPages.leftFooter"): what a workbook printed before the add-in came. Unset reads "".
   */
  sections?: Record<string, string>;
  /** Addresses given to horizontalPageBreaks.add, in order. */
  rowBreaks: string[];
}

export interface FakeSheet {
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  protected: boolean;
  cells: Map<number, FakeCell>;
  merges: GridRange[];
  hiddenRows: Set<number>;
  hiddenColumns: Set<number>;
  columnWidths: Map<number, number>;
  /** Row heights in points set through RangeFormat.rowHeight, by 0-based row. */
  rowHeights: Map<number, number>;
  validations: FakeValidation[];
  conditionalFormats: FakeConditionalFormat[];
  charts: FakeChart[];
  pageLayout: FakePageLayout;
}

export interface FakeTable {
  name: string;
  sheet: FakeSheet;
  range: GridRange;
  style: string;
  showTotals: boolean;
}

export interface FakeName {
  name: string;
  formula: string;
  comment: string;
}

export interface FakeRun {
  options: Record<string, unknown> | null;
  syncs: number;
}

export type FakePlatform = "web" | "windows" | "mac";

export interface FakeExcelOptions {
  /** The highest ExcelApi requirement set the host supports ("1.8", "1.9", "1.20"). Default "1.20". */
  apiVersion?: string;
  /** Which Excel the fake plays. Default "web" (Excel on the web). */
  platform?: FakePlatform;
}

/** What Office.context.platform answers for each platform (Office.PlatformType). */
export const OFFICE_PLATFORM: Readonly<Record<FakePlatform, string>> = {
  web: "OfficeOnline",
  windows: "PC",
  mac: "Mac",
};

/**
 * Reads of more than this many cells come back as null, on every platform: "Excel add-ins: reads of
 * more than 5,000,000 cells return null values" (issue 18 item 9, from Microsoft's performance
 * guidance for Excel add-ins).
 */
export const MAX_CELLS_PER_READ = 5_000_000;

const cellKey = (row: number, column: number): number => row * MAX_COLUMNS + column;

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const contains = (outer: GridRange, inner: GridRange): boolean =>
  inner.top >= outer.top &&
  inner.bottom <= outer.bottom &&
  inner.left >= outer.left &&
  inner.right <= outer.right;

const intersects = (a: GridRange, b: GridRange): boolean =>
  a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

function visibilityFromSnapshot(v: "visible" | "hidden" | "veryHidden"): FakeSheet["visibility"] {
  return v === "visible" ? "Visible" : v === "hidden" ? "Hidden" : "VeryHidden";
}

function serialToUkDate(serial: number): string {
  const day = Math.floor(serial);
  const base = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const iso = new Date(base + day * 86_400_000).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function displayText(cell: FakeCell | undefined): string {
  if (!cell) return "";
  if (cell.text !== undefined) return cell.text;
  const v = cell.value;
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") {
    if (/^d{1,2}[/-]m{1,2}[/-]y{2,4}$/i.test(cell.numberFormat)) return serialToUkDate(v);
    const fixed = /^0\.(0+)$/.exec(cell.numberFormat);
    if (fixed?.[1]) return v.toFixed(fixed[1].length);
    return String(v);
  }
  return v;
}

const NUMBER_LIKE = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** What Excel makes of a value written through Range.values (or a non-formula through Range.formulas). */
function parseTyped(
  raw: string | number | boolean,
  numberFormat: string,
): Pick<FakeCell, "value" | "formula"> {
  if (typeof raw !== "string") return { value: raw, formula: null };
  if (numberFormat === "@") return { value: raw, formula: null };
  if (NUMBER_LIKE.test(raw)) return { value: Number(raw), formula: null };
  if (/^(true|false)$/i.test(raw)) return { value: raw.toLowerCase() === "true", formula: null };
  if (raw.length > 1 && /^[=+\-@]/.test(raw)) {
    // Excel on the web stores such text as a formula; the fake does not evaluate it.
    return { value: null, formula: raw.startsWith("=") ? raw : `=${raw}` };
  }
  return { value: raw, formula: null };
}

// ---------------------------------------------------------------------------------------------
// The fake host
// ---------------------------------------------------------------------------------------------

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly names: FakeName[] = [];
  apiVersion: string;
  /** Every context.sync() across all runs. */
  syncCount = 0;
  /** The syncs that only read (loads, no writes): a write's verify round trip is one. */
  readOnlySyncCount = 0;
  readonly runs: FakeRun[] = [];
  readonly platform: FakePlatform;
  private editing = false;
  private editEnded: Array<() => void> = [];
  /**
   * While true, every sync fails with `cellEditErrorCode` (the user is editing a cell), unless the
   * run asked for delayForCellEdit on a host that honours it (`delaysForCellEdit`): then it waits.
   */
  get cellEditMode(): boolean {
    return this.editing;
  }
  set cellEditMode(value: boolean) {
    this.editing = value;
    if (!value) {
      const waiting = this.editEnded;
      this.editEnded = [];
      waiting.forEach((resume) => resume());
    }
  }
  /** A promise that settles when the user leaves cell edit mode. */
  cellEditEnds(): Promise<void> {
    if (!this.editing) return Promise.resolve();
    return new Promise((resolve) => this.editEnded.push(resolve));
  }
  /**
   * Excel.RunOptions.delayForCellEdit: "When true, ... if the user is in cell edit mode then the batch
   * request is delayed until the user exits cell edit mode" (learn.microsoft.com, Excel.RunOptions
   * interface). False plays a host that ignores the option and fails the batch instead.
   */
  delaysForCellEdit = false;
  /** The code a sync fails with during cell edit: Excel also answers plain "InvalidOperation" (issue 18 item 13). */
  cellEditErrorCode = "InvalidOperationInCellEditMode";
  /** Workbook structure protection (Review › Protect Workbook): no sheet can be added. */
  structureProtected = false;
  /** Cells one read may ask for before it comes back null (Excel: MAX_CELLS_PER_READ; tests scale it down). */
  maxCellsPerRead = MAX_CELLS_PER_READ;
  activeSheet: string | null = null;
  selection: { sheet: string; address: string } | null = null;
  /** Largest request and response seen, in bytes (JSON length). */
  maxRequestBytes = 0;
  maxResponseBytes = 0;

  constructor(options: FakeExcelOptions = {}) {
    this.apiVersion = options.apiVersion ?? "1.20";
    this.platform = options.platform ?? "web";
  }

  get isDesktop(): boolean {
    return this.platform !== "web";
  }

  /**
   * "If an API within the group doesn't offer undo support, the UndoNotSupported error is thrown"
   * ("Undo capabilities with the Excel JavaScript API", learn.microsoft.com/office/dev/add-ins/excel/
   * excel-add-ins-undo-capabilities). Its table of unsupported APIs lists Worksheet.position as
   * supported on the web but not on Windows or Mac, and NamedItem.comment as not supported on the web.
   */
  rejectInUndoGroup(record: FakeRun, api: string, unsupportedOn: readonly FakePlatform[]): void {
    if (record.options?.mergeUndoGroup !== true || !unsupportedOn.includes(this.platform)) return;
    throw new FakeOfficeError(
      "UndoNotSupported",
      `${api} does not support undo on this platform, so it cannot run in an undo group.`,
    );
  }

  static fromSnapshot(snapshot: WorkbookSnapshot, options: FakeExcelOptions = {}): FakeExcel {
    const fake = new FakeExcel(options);
    for (const s of snapshot.sheets) {
      const sheet = fake.addSheetState(s.name);
      sheet.visibility = visibilityFromSnapshot(s.visibility);
      sheet.protected = s.isProtected;
      s.cells.forEach((row, r) =>
        row.forEach((c, col) => {
          if (!c) return;
          sheet.cells.set(cellKey(r, col), {
            value: c.value === "" ? null : c.value,
            formula: c.formula,
            numberFormat: c.numberFormat || "General",
            fill: c.fill,
            text: c.text,
            ...(c.isError ? { isError: true } : {}),
          });
        }),
      );
      sheet.merges.push(...s.merges);
      s.hiddenRows.forEach((r) => sheet.hiddenRows.add(r));
      s.hiddenColumns.forEach((c) => sheet.hiddenColumns.add(c));
      for (const t of s.tables) {
        fake.tables.push({
          name: t.name,
          sheet,
          range: t.range,
          style: "TableStyleMedium2",
          showTotals: false,
        });
      }
    }
    for (const n of snapshot.names) fake.names.push({ name: n.name, formula: n.formula, comment: "" });
    fake.activeSheet = snapshot.sheets[0]?.name ?? null;
    return fake;
  }

  isSetSupported(name: string, version: string): boolean {
    return name === "ExcelApi" && compareVersions(version, this.apiVersion) <= 0;
  }

  /** Excel.run(batch) or Excel.run(options, batch). */
  async run<T>(
    optionsOrBatch: Record<string, unknown> | ((context: FakeRequestContext) => Promise<T>),
    maybeBatch?: (context: FakeRequestContext) => Promise<T>,
  ): Promise<T> {
    const batch = typeof optionsOrBatch === "function" ? optionsOrBatch : maybeBatch;
    if (!batch) throw new TypeError("Excel.run needs a batch function");
    const record: FakeRun = {
      options: typeof optionsOrBatch === "function" ? null : optionsOrBatch,
      syncs: 0,
    };
    this.runs.push(record);
    const context = new FakeRequestContext(this, record);
    const result = await batch(context);
    if (context.pending > 0) {
      throw new FakeOfficeError(
        "FakeUnsyncedCommands",
        `Excel.run ended with ${context.pending} queued command(s) never synced`,
      );
    }
    return result;
  }

  // --- state helpers -------------------------------------------------------------------------

  addSheetState(name: string): FakeSheet {
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
      throw new FakeOfficeError("ItemAlreadyExists", `A sheet named ${name} already exists.`);
    }
    const sheet: FakeSheet = {
      name,
      visibility: "Visible",
      protected: false,
      cells: new Map(),
      merges: [],
      hiddenRows: new Set(),
      hiddenColumns: new Set(),
      columnWidths: new Map(),
      validations: [],
      conditionalFormats: [],
      charts: [],
      pageLayout: {
        orientation: null,
        zoom: null,
        printTitleRows: null,
        paperSize: null,
        centerFooter: null,
        rightFooter: null,
        rowBreaks: [],
      },
      rowHeights: new Map(),
    };
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw new FakeOfficeError("ItemNotFound", `The sheet ${name} does not exist.`);
    return s;
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  cell(sheet: string, address: string): FakeCell | undefined {
    const { row, column } = parseA1(address);
    return this.sheet(sheet).cells.get(cellKey(row, column));
  }

  /** The value Excel would return for the cell ("" when empty). */
  value(sheet: string, address: string): RawValue {
    return this.cell(sheet, address)?.value ?? "";
  }

  formula(sheet: string, address: string): string | null {
    return this.cell(sheet, address)?.formula ?? null;
  }

  numberFormat(sheet: string, address: string): string {
    return this.cell(sheet, address)?.numberFormat ?? "General";
  }

  fill(sheet: string, address: string): string | null {
    return this.cell(sheet, address)?.fill ?? null;
  }

  text(sheet: string, address: string): string {
    return displayText(this.cell(sheet, address));
  }

  table(name: string): FakeTable | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  name(name: string): FakeName | undefined {
    return this.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
  }

  validationAt(sheet: string, address: string): FakeValidation | undefined {
    const { row, column } = parseA1(address);
    const point = { top: row, left: column, bottom: row, right: column };
    return [...this.sheet(sheet).validations].reverse().find((v) => contains(v.range, point));
  }

  /** Excel's used range of a sheet (cells with a value, a formula or any format), or null. */
  usedRange(sheet: FakeSheet, valuesOnly: boolean): GridRange | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [key, c] of sheet.cells) {
      const hasValue = (c.value !== null && c.value !== "") || c.formula !== null;
      const hasFormat = c.fill !== null || c.numberFormat !== "General" || c.style !== undefined;
      if (!hasValue && (valuesOnly || !hasFormat)) continue;
      const r = Math.floor(key / MAX_COLUMNS);
      const col = key % MAX_COLUMNS;
      top = Math.min(top, r);
      left = Math.min(left, col);
      bottom = Math.max(bottom, r);
      right = Math.max(right, col);
    }
    return bottom < 0 ? null : { top, left, bottom, right };
  }

  /** Records that a write reaches a sheet: fails as Excel does when the sheet is protected. */
  ensureWritable(sheet: FakeSheet): void {
    if (sheet.protected) {
      throw new FakeOfficeError(
        "AccessDenied",
        `The cell or chart you're trying to change is on a protected sheet (${sheet.name}).`,
      );
    }
  }

  writeCells(
    sheet: FakeSheet,
    range: GridRange,
    data: unknown,
    apply: (cell: FakeCell, input: unknown, row: number, column: number) => void,
    keepText = false,
  ): void {
    this.ensureWritable(sheet);
    const rows = range.bottom - range.top + 1;
    const cols = range.right - range.left + 1;
    const grid = broadcast(data, rows, cols);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const input = grid[r]?.[c];
        if (input === null || input === undefined) continue; // null leaves the cell unchanged
        const key = cellKey(range.top + r, range.left + c);
        const cell = sheet.cells.get(key) ?? {
          value: null,
          formula: null,
          numberFormat: "General",
          fill: null,
        };
        apply(cell, input, range.top + r, range.left + c);
        if (!keepText) delete cell.text;
        sheet.cells.set(key, cell);
      }
    }
  }

  /**
   * A table grows over rows written directly below it (Excel's auto-expansion), but only when the
   * data is real and nothing below it is validated: "Coauthoring in Excel add-ins" (Use Range.values
   * to add rows) gives those conditions, and office-js #2097 (closed, by design): "the code consider
   * the first value of array ... as blank and the length ==0, so will skip auto-expanded them as
   * table rows". A validation over the table's whole body column grows with it, as in Excel.
   */
  expandTablesBelow(sheet: FakeSheet, range: GridRange, data: unknown): void {
    const first: unknown = Array.isArray(data) ? (data[0] as unknown[] | undefined)?.[0] : data;
    if (first === "" || first === null || first === undefined) return;
    if (sheet.validations.some((v) => intersects(v.range, range))) return;
    for (const t of this.tables) {
      if (t.sheet !== sheet || t.showTotals) continue;
      if (range.top === t.range.bottom + 1 && range.left <= t.range.right && range.right >= t.range.left) {
        this.growTable(t, range.bottom);
      }
    }
  }

  /** "=Leads[Code]" as the absolute range of that column's data body ("=Lists!$A$5:$A$9"); anything else as it is. */
  structuredAsA1(formula: string): string {
    const m = /^=([A-Za-z_\\][\w.]*)\[([^[\]]+)\]$/.exec(formula);
    const table = m?.[1] ? this.table(m[1]) : undefined;
    if (!m?.[2] || !table) return formula;
    const header = table.range.top;
    let column = -1;
    for (let c = table.range.left; c <= table.range.right; c++) {
      const v = table.sheet.cells.get(cellKey(header, c))?.value;
      if (typeof v === "string" && v.toLowerCase() === m[2].replace(/'(.)/g, "$1").toLowerCase()) column = c;
    }
    if (column < 0) return formula;
    const col = columnLetters(column);
    return `=${quoteSheetName(table.sheet.name)}!$${col}$${header + 2}:$${col}$${table.range.bottom + 1}`;
  }

  /** Moves the table's last row to `bottom`, carrying the validations of its whole body columns. */
  growTable(table: FakeTable, bottom: number): void {
    for (const v of table.sheet.validations) {
      if (v.range.top === table.range.top + 1 && v.range.bottom === table.range.bottom) {
        v.range = { ...v.range, bottom };
      }
    }
    table.range = { ...table.range, bottom };
  }
}

function broadcast(data: unknown, rows: number, cols: number): unknown[][] {
  if (!Array.isArray(data)) return Array.from({ length: rows }, () => Array<unknown>(cols).fill(data));
  if (data.length !== rows || data.some((r) => !Array.isArray(r) || r.length !== cols)) {
    throw new FakeOfficeError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols}).`,
    );
  }
  return data as unknown[][];
}

export function parseA1(address: string): { row: number; column: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m?.[1] || !m[2]) throw new FakeOfficeError("InvalidArgument", `Bad address ${address}`);
  return { row: Number(m[2]) - 1, column: columnIndex(m[1]) };
}

/** "A1", "A1:C3", "C:E" (whole columns), "3:5" (whole rows), with or without a sheet prefix. */
export function parseRange(address: string): GridRange {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [a, b = a] = local.replace(/\$/g, "").split(":") as [string, string?];
  if (/^[A-Za-z]+$/.test(a) && /^[A-Za-z]+$/.test(b)) {
    return { top: 0, bottom: MAX_ROWS - 1, left: columnIndex(a), right: columnIndex(b) };
  }
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    return { top: Number(a) - 1, bottom: Number(b) - 1, left: 0, right: MAX_COLUMNS - 1 };
  }
  const s = parseA1(a);
  const e = parseA1(b);
  return {
    top: Math.min(s.row, e.row),
    bottom: Math.max(s.row, e.row),
    left: Math.min(s.column, e.column),
    right: Math.max(s.column, e.column),
  };
}

// ---------------------------------------------------------------------------------------------
// Request context and proxies
// ---------------------------------------------------------------------------------------------

type Step =
  | { kind: "write"; bytes: number; run: () => void }
  | { kind: "load"; run: () => () => void; size: () => number };

export class FakeRequestContext {
  readonly workbook: FakeWorkbookProxy;
  private queue: Step[] = [];

  constructor(
    readonly fake: FakeExcel,
    readonly record: FakeRun,
  ) {
    this.workbook = new FakeWorkbookProxy(this);
  }

  get pending(): number {
    return this.queue.length;
  }

  enqueueWrite(bytes: number, run: () => void): void {
    this.queue.push({ kind: "write", bytes: bytes + 40, run });
  }

  /** `capture` runs at sync time and returns how to deliver the data, and its size in bytes. */
  enqueueLoad(capture: () => { deliver: () => void; bytes: number }): void {
    let bytes = 0;
    this.queue.push({
      kind: "load",
      run: () => {
        const c = capture();
        bytes = c.bytes;
        return c.deliver;
      },
      size: () => bytes,
    });
  }

  async sync(): Promise<void> {
    await Promise.resolve();
    const steps = this.queue;
    this.queue = [];
    this.fake.syncCount++;
    this.record.syncs++;
    if (this.fake.cellEditMode) {
      if (this.record.options?.delayForCellEdit === true && this.fake.delaysForCellEdit) {
        await this.fake.cellEditEnds();
      } else {
        throw new FakeOfficeError(
          this.fake.cellEditErrorCode,
          "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
        );
      }
    }
    // The 5 MB limit is Excel on the web's; desktop Excel has none documented.
    const limited = this.fake.platform === "web";
    if (steps.length > 0 && steps.every((step) => step.kind === "load")) this.fake.readOnlySyncCount++;
    const requestBytes = steps.reduce((n, s) => n + (s.kind === "write" ? s.bytes : 60), 0);
    this.fake.maxRequestBytes = Math.max(this.fake.maxRequestBytes, requestBytes);
    if (limited && requestBytes > PAYLOAD_LIMIT_BYTES) {
      throw new FakeOfficeError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size has exceeded the limit (${requestBytes} bytes).`,
      );
    }
    const deliveries: Array<() => void> = [];
    let responseBytes = 0;
    for (const step of steps) {
      if (step.kind === "write") step.run();
      else {
        deliveries.push(step.run());
        responseBytes += step.size();
      }
    }
    this.fake.maxResponseBytes = Math.max(this.fake.maxResponseBytes, responseBytes);
    if (limited && responseBytes > PAYLOAD_LIMIT_BYTES) {
      throw new FakeOfficeError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size has exceeded the limit (${responseBytes} bytes).`,
      );
    }
    deliveries.forEach((d) => d());
  }
}

const jsonSize = (v: unknown): number => JSON.stringify(v ?? null).length;

/** Parses "a,b/c, d" into paths; "items/x" on a collection means x on each item. */
function parseLoad(spec: unknown): string[][] {
  if (spec === undefined) return [];
  const parts: string[] = [];
  if (typeof spec === "string") parts.push(...spec.split(","));
  else if (Array.isArray(spec)) parts.push(...(spec as string[]));
  else if (typeof spec === "object" && spec !== null) {
    const select = (spec as { select?: string | string[] }).select;
    if (select) return parseLoad(select);
    parts.push(...Object.keys(spec));
  }
  return parts
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map((p) => p.split("/"));
}

function notLoaded(prop: string, type: string): FakeOfficeError {
  return new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${prop}' of ${type} is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

/** Whether the binding still finds its object (a *OrNullObject proxy over a missing one is null). */
function resolves(binding: Binding<unknown>): boolean {
  try {
    binding.get();
    return true;
  } catch {
    return false;
  }
}

abstract class FakeProxy {
  protected readonly loaded = new Map<string, unknown>();
  private nullState: boolean | undefined;
  protected abstract readonly typeName: string;

  constructor(readonly context: FakeRequestContext) {}

  protected get fake(): FakeExcel {
    return this.context.fake;
  }

  /** Scalar properties Excel can return for this object, fetched at sync time. */
  protected abstract fetch(prop: string): unknown;

  /** Navigation properties (protection, format, fill…). */
  protected child(prop: string): FakeProxy | null {
    void prop;
    return null;
  }

  /** Whether the object exists at sync time (only *OrNullObject proxies can be null). */
  protected exists(): boolean {
    return true;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded("isNullObject", this.typeName);
    return this.nullState;
  }

  load(spec?: unknown): this {
    const paths = parseLoad(spec);
    this.context.enqueueLoad(() => {
      const delivers: Array<() => void> = [];
      const bytes = this.capture(paths, delivers);
      return { deliver: () => delivers.forEach((d) => d()), bytes };
    });
    return this;
  }

  /** Records null-ness at sync time for *OrNullObject proxies. */
  trackNull(): void {
    this.context.enqueueLoad(() => {
      const isNull = !this.exists();
      return { deliver: () => (this.nullState = isNull), bytes: 20 };
    });
  }

  capture(paths: string[][], delivers: Array<() => void>): number {
    const exists = this.exists();
    delivers.push(() => (this.nullState = !exists));
    if (!exists) return 20;
    let bytes = 0;
    const groups = new Map<string, string[][]>();
    for (const [head, ...rest] of paths) {
      if (head === undefined) continue;
      if (rest.length === 0) {
        const value = this.fetch(head);
        if (value === undefined) {
          const nav = this.child(head);
          if (nav) {
            bytes += nav.capture([], delivers);
            continue;
          }
          throw new FakeOfficeError("PropertyNotFound", `${this.typeName} has no property '${head}'`);
        }
        bytes += jsonSize(value) + head.length + 3;
        delivers.push(() => this.loaded.set(head, value));
      } else {
        groups.set(head, [...(groups.get(head) ?? []), rest]);
      }
    }
    for (const [head, rest] of groups) {
      const nav = this.child(head);
      if (!nav) throw new FakeOfficeError("PropertyNotFound", `${this.typeName} has no navigation '${head}'`);
      bytes += nav.capture(rest, delivers);
    }
    return bytes;
  }

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw notLoaded(prop, this.typeName);
    return this.loaded.get(prop) as T;
  }

  protected write(prop: string, value: unknown, run: () => void): void {
    this.context.enqueueWrite(jsonSize(value), run);
  }
}

class FakeClientResult<T> {
  private state: { value: T } | null = null;
  constructor(context: FakeRequestContext, compute: () => T) {
    context.enqueueLoad(() => {
      const value = compute();
      return { deliver: () => (this.state = { value }), bytes: jsonSize(value) };
    });
  }
  get value(): T {
    if (!this.state) throw notLoaded("value", "ClientResult");
    return this.state.value;
  }
}

/** A lazily bound target: resolved at sync time, in queue order, then cached. */
class Binding<T> {
  private target: T | undefined;
  constructor(private readonly resolve: () => T) {}
  get(): T {
    if (this.target === undefined) this.target = this.resolve();
    return this.target;
  }
  set(target: T): void {
    this.target = target;
  }
}

class FakeWorkbookProxy extends FakeProxy {
  protected readonly typeName = "Workbook";
  readonly worksheets: FakeWorksheetCollectionProxy;
  readonly tables: FakeTableCollectionProxy;
  readonly names: FakeNamedItemCollectionProxy;
  constructor(context: FakeRequestContext) {
    super(context);
    this.worksheets = new FakeWorksheetCollectionProxy(context);
    this.tables = new FakeTableCollectionProxy(context, null);
    this.names = new FakeNamedItemCollectionProxy(context);
  }
  protected fetch(): unknown {
    return undefined;
  }
  protected override child(prop: string): FakeProxy | null {
    return prop === "protection" ? this.protection : null;
  }
  private cachedProtection: FakeWorkbookProtectionProxy | undefined;
  /** Excel.WorkbookProtection (ExcelApi 1.7): `protected` is the structure protection. */
  get protection(): FakeWorkbookProtectionProxy {
    return (this.cachedProtection ??= new FakeWorkbookProtectionProxy(this.context));
  }
  getActiveWorksheet(): FakeWorksheetProxy {
    return new FakeWorksheetProxy(
      this.context,
      new Binding(() => this.fake.sheet(this.fake.activeSheet ?? this.fake.sheets[0]?.name ?? "")),
    );
  }
}

/** A workbook's or a sheet's protection: `protected` reads; protect and unprotect are forbidden. */
abstract class FakeProtectionBase extends FakeProxy {
  protected abstract isProtected(): boolean;
  protected fetch(prop: string): unknown {
    return prop === "protected" ? this.isProtected() : undefined;
  }
  get protected(): boolean {
    return this.read("protected");
  }
  protect(): never {
    throw new FakeOfficeError("FakeForbidden", "Protection calls clear the user's undo stack.");
  }
  unprotect(): never {
    throw new FakeOfficeError("FakeForbidden", "Protection calls clear the user's undo stack.");
  }
}

class FakeWorkbookProtectionProxy extends FakeProtectionBase {
  protected readonly typeName = "WorkbookProtection";
  protected isProtected(): boolean {
    return this.fake.structureProtected;
  }
}

abstract class FakeCollectionProxy<T extends FakeProxy> extends FakeProxy {
  protected abstract itemsNow(): T[];
  get items(): T[] {
    return this.read<T[]>("items");
  }
  override capture(paths: string[][], delivers: Array<() => void>): number {
    const itemPaths = paths.map((p) => (p[0] === "items" ? p.slice(1) : p)).filter((p) => p.length > 0);
    const items = this.itemsNow();
    let bytes = 2;
    for (const item of items) bytes += item.capture(itemPaths, delivers);
    delivers.push(() => this.loaded.set("items", items));
    return bytes;
  }
  protected fetch(): unknown {
    return undefined;
  }
}

class FakeWorksheetCollectionProxy extends FakeCollectionProxy<FakeWorksheetProxy> {
  protected readonly typeName = "WorksheetCollection";
  protected itemsNow(): FakeWorksheetProxy[] {
    return this.fake.sheets.map((s) => {
      const b = new Binding(() => s);
      return new FakeWorksheetProxy(this.context, b);
    });
  }
  getItem(name: string): FakeWorksheetProxy {
    return new FakeWorksheetProxy(this.context, new Binding(() => this.fake.sheet(name)));
  }
  getItemOrNullObject(name: string): FakeWorksheetProxy {
    const p = new FakeWorksheetProxy(this.context, new Binding(() => this.fake.sheet(name)), true);
    p.trackNull();
    return p;
  }
  add(name: string): FakeWorksheetProxy {
    const binding = new Binding<FakeSheet>(() => {
      throw new FakeOfficeError("GeneralException", "worksheet used before it was added");
    });
    this.write("add", name, () => {
      if (this.fake.structureProtected) {
        throw new FakeOfficeError(
          "InvalidOperation",
          "The workbook's structure is protected, so no sheet can be added.",
        );
      }
      binding.set(this.fake.addSheetState(name));
    });
    return new FakeWorksheetProxy(this.context, binding);
  }
}

class FakeWorksheetProxy extends FakeProxy {
  protected readonly typeName = "Worksheet";
  constructor(
    context: FakeRequestContext,
    readonly binding: Binding<FakeSheet>,
    private readonly orNull = false,
  ) {
    super(context);
  }
  protected override exists(): boolean {
    return !this.orNull || resolves(this.binding);
  }
  private get state(): FakeSheet {
    return this.binding.get();
  }
  protected fetch(prop: string): unknown {
    switch (prop) {
      case "name":
        return this.state.name;
      case "visibility":
        return this.state.visibility;
      case "position":
        return this.fake.sheets.indexOf(this.state);
      case "id":
        return `{${this.state.name}}`;
      default:
        return undefined;
    }
  }
  protected override child(prop: string): FakeProxy | null {
    if (prop === "protection") return this.protection;
    if (prop === "tables") return this.tables;
    if (prop === "charts") return this.charts;
    return null;
  }
  get name(): string {
    return this.read("name");
  }
  get visibility(): string {
    return this.read("visibility");
  }
  set visibility(value: string) {
    this.write("visibility", value, () => {
      if (value !== "Visible" && value !== "Hidden" && value !== "VeryHidden") {
        throw new FakeOfficeError("InvalidArgument", `'${value}' is not a sheet visibility.`);
      }
      this.state.visibility = value;
    });
  }
  get position(): number {
    return this.read("position");
  }
  set position(value: number) {
    this.write("position", value, () => {
      this.fake.rejectInUndoGroup(this.context.record, "Worksheet.position", ["windows", "mac"]);
      const s = this.state;
      const list = this.fake.sheets;
      list.splice(list.indexOf(s), 1);
      list.splice(Math.max(0, Math.min(value, list.length)), 0, s);
    });
  }
  private cached: {
    protection?: FakeProtectionProxy;
    tables?: FakeTableCollectionProxy;
    charts?: FakeChartCollectionProxy;
  } = {};
  get protection(): FakeProtectionProxy {
    return (this.cached.protection ??= new FakeProtectionProxy(this.context, this.binding));
  }
  get tables(): FakeTableCollectionProxy {
    return (this.cached.tables ??= new FakeTableCollectionProxy(this.context, this.binding));
  }
  get charts(): FakeChartCollectionProxy {
    return (this.cached.charts ??= new FakeChartCollectionProxy(this.context, this.binding));
  }
  get pageLayout(): FakePageLayoutProxy {
    if (!this.fake.isSetSupported("ExcelApi", "1.9")) throw apiNotFound("Worksheet.pageLayout");
    return new FakePageLayoutProxy(this.context, this.binding);
  }
  get horizontalPageBreaks(): FakePageBreakCollectionProxy {
    if (!this.fake.isSetSupported("ExcelApi", "1.9")) throw apiNotFound("Worksheet.horizontalPageBreaks");
    return new FakePageBreakCollectionProxy(this.context, this.binding);
  }
  getRange(address?: string): FakeRangeProxy {
    return new FakeRangeProxy(this.context, this.binding, () =>
      address === undefined
        ? { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLUMNS - 1 }
        : parseRange(address),
    );
  }
  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number): FakeRangeProxy {
    return new FakeRangeProxy(this.context, this.binding, () => ({
      top: row,
      left: column,
      bottom: row + rowCount - 1,
      right: column + columnCount - 1,
    }));
  }
  /** A blank sheet's used range is A1, as in Excel. */
  getUsedRange(valuesOnly = false): FakeRangeProxy {
    return new FakeRangeProxy(
      this.context,
      this.binding,
      () => this.fake.usedRange(this.state, valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 },
    );
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRangeProxy {
    const p = new FakeRangeProxy(
      this.context,
      this.binding,
      () => this.fake.usedRange(this.state, valuesOnly),
      true,
    );
    p.trackNull();
    return p;
  }
  activate(): void {
    this.write("activate", null, () => (this.fake.activeSheet = this.state.name));
  }
  copy(): never {
    throw new FakeOfficeError(
      "FakeForbidden",
      "Worksheet.copy clears the user's undo stack: build the sheet with worksheets.add and write values instead.",
    );
  }
  delete(): never {
    throw new FakeOfficeError("FakeForbidden", "Worksheet.delete clears the user's undo stack.");
  }
}

function apiNotFound(member: string): FakeOfficeError {
  return new FakeOfficeError("ApiNotFound", `${member} is not supported by this host's ExcelApi version.`);
}

class FakeProtectionProxy extends FakeProtectionBase {
  protected readonly typeName = "WorksheetProtection";
  constructor(
    context: FakeRequestContext,
    private readonly sheet: Binding<FakeSheet>,
  ) {
    super(context);
  }
  protected isProtected(): boolean {
    return this.sheet.get().protected;
  }
}

type Locate = () => GridRange | null;

class FakeRangeProxy extends FakeProxy {
  protected readonly typeName = "Range";
  private readonly grid: Binding<GridRange>;
  constructor(
    context: FakeRequestContext,
    readonly sheetBinding: Binding<FakeSheet>,
    locate: Locate,
    private readonly orNull = false,
  ) {
    super(context);
    this.grid = new Binding(() => locate() ?? { top: -1, left: -1, bottom: -1, right: -1 });
  }
  protected override exists(): boolean {
    return !this.orNull || this.grid.get().top >= 0;
  }
  get sheet(): FakeSheet {
    return this.sheetBinding.get();
  }
  get range(): GridRange {
    const g = this.grid.get();
    if (g.top < 0) throw new FakeOfficeError("InvalidObjectPath", "The range is a null object.");
    return g;
  }
  private matrix<T>(f: (cell: FakeCell | undefined, row: number, column: number) => T): T[][] {
    const g = this.range;
    const out: T[][] = [];
    for (let r = g.top; r <= g.bottom; r++) {
      const row: T[] = [];
      for (let c = g.left; c <= g.right; c++) row.push(f(this.sheet.cells.get(cellKey(r, c)), r, c));
      out.push(row);
    }
    return out;
  }
  /** Whether a read of this range passes Excel's 5,000,000 cells (it then returns null). */
  private get overReadLimit(): boolean {
    const g = this.range;
    return (g.bottom - g.top + 1) * (g.right - g.left + 1) > this.fake.maxCellsPerRead;
  }
  protected fetch(prop: string): unknown {
    const g = (): GridRange => this.range;
    if (["values", "text", "formulas", "numberFormat", "valueTypes"].includes(prop) && this.overReadLimit) {
      return null;
    }
    switch (prop) {
      case "address":
        return `${quoteSheetName(this.sheet.name)}!${rangeAddress(g())}`;
      case "rowIndex":
        return g().top;
      case "columnIndex":
        return g().left;
      case "rowCount":
        return g().bottom - g().top + 1;
      case "columnCount":
        return g().right - g().left + 1;
      case "values":
        return this.matrix((c) => (c?.isError ? displayText(c) : (c?.value ?? "")));
      case "text":
        return this.matrix((c) => displayText(c));
      case "formulas":
        return this.matrix((c) => c?.formula ?? c?.value ?? "");
      case "numberFormat":
        return this.matrix((c) => c?.numberFormat ?? "General");
      case "valueTypes":
        return this.matrix((c) =>
          c?.isError
            ? "Error"
            : c?.value === null || c?.value === undefined || c.value === ""
              ? "Empty"
              : typeof c.value === "number"
                ? "Double"
                : typeof c.value === "boolean"
                  ? "Boolean"
                  : "String",
        );
      default:
        return undefined;
    }
  }
  protected override child(prop: string): FakeProxy | null {
    return prop === "format" ? this.format : null;
  }
  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get text(): string[][] {
    return this.read("text");
  }
  get valueTypes(): string[][] {
    return this.read("valueTypes");
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  set values(data: unknown) {
    this.write("values", data, () => {
      this.fake.writeCells(this.sheet, this.range, data, (cell, input) => {
        if (input === "") Object.assign(cell, { value: null, formula: null, isError: undefined });
        else Object.assign(cell, parseTyped(input as string, cell.numberFormat), { isError: undefined });
      });
      this.fake.expandTablesBelow(this.sheet, this.range, data);
    });
  }
  get formulas(): unknown[][] {
    return this.read("formulas");
  }
  set formulas(data: unknown) {
    this.write("formulas", data, () => {
      this.fake.writeCells(this.sheet, this.range, data, (cell, input) => {
        if (input === "") Object.assign(cell, { value: null, formula: null });
        else if (typeof input === "string" && input.startsWith("=") && cell.numberFormat !== "@") {
          Object.assign(cell, { value: null, formula: input });
        } else Object.assign(cell, parseTyped(input as string, cell.numberFormat));
        delete cell.isError;
      });
      this.fake.expandTablesBelow(this.sheet, this.range, data);
    });
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat");
  }
  set rowHidden(v: boolean) {
    this.write("rowHidden", v, () => {
      this.fake.ensureWritable(this.sheet);
      for (let r = this.range.top; r <= this.range.bottom; r++) {
        if (v) this.sheet.hiddenRows.add(r);
        else this.sheet.hiddenRows.delete(r);
      }
    });
  }
  set columnHidden(v: boolean) {
    this.write("columnHidden", v, () => {
      this.fake.ensureWritable(this.sheet);
      for (let c = this.range.left; c <= this.range.right; c++) {
        if (v) this.sheet.hiddenColumns.add(c);
        else this.sheet.hiddenColumns.delete(c);
      }
    });
  }
  set numberFormat(data: unknown) {
    this.write("numberFormat", data, () => {
      this.fake.writeCells(
        this.sheet,
        this.range,
        data,
        (cell, input) => (cell.numberFormat = input === "" ? "General" : String(input)),
        true,
      );
    });
  }
  private cachedFormat: FakeRangeFormatProxy | undefined;
  get format(): FakeRangeFormatProxy {
    return (this.cachedFormat ??= new FakeRangeFormatProxy(this.context, this));
  }
  get dataValidation(): FakeDataValidationProxy {
    return new FakeDataValidationProxy(this.context, this);
  }
  get conditionalFormats(): FakeConditionalFormatCollectionProxy {
    return new FakeConditionalFormatCollectionProxy(this.context, this);
  }
  getCellProperties(spec: unknown): FakeClientResult<unknown[][] | null> {
    if (!this.fake.isSetSupported("ExcelApi", "1.9")) throw apiNotFound("Range.getCellProperties");
    const fill = (spec as { format?: { fill?: { color?: boolean; pattern?: boolean } } }).format?.fill ?? {};
    return new FakeClientResult(this.context, () =>
      this.overReadLimit
        ? null
        : this.matrix((c) => ({
            format: {
              fill: {
                ...(fill.color ? { color: c?.fill ?? "#FFFFFF" } : {}),
                ...(fill.pattern ? { pattern: c?.fill ? "Solid" : "None" } : {}),
              },
            },
          })),
    );
  }
  getRowProperties(_spec: unknown): FakeClientResult<unknown[]> {
    if (!this.fake.isSetSupported("ExcelApi", "1.9")) throw apiNotFound("Range.getRowProperties");
    return new FakeClientResult(this.context, () => {
      const g = this.range;
      return Array.from({ length: g.bottom - g.top + 1 }, (_, i) => ({
        rowIndex: g.top + i,
        rowHidden: this.sheet.hiddenRows.has(g.top + i),
      }));
    });
  }
  getColumnProperties(_spec: unknown): FakeClientResult<unknown[]> {
    if (!this.fake.isSetSupported("ExcelApi", "1.9")) throw apiNotFound("Range.getColumnProperties");
    return new FakeClientResult(this.context, () => {
      const g = this.range;
      return Array.from({ length: g.right - g.left + 1 }, (_, i) => ({
        columnIndex: g.left + i,
        columnHidden: this.sheet.hiddenColumns.has(g.left + i),
      }));
    });
  }
  getMergedAreasOrNullObject(): FakeRangeAreasProxy {
    if (!this.fake.isSetSupported("ExcelApi", "1.13")) throw apiNotFound("Range.getMergedAreasOrNullObject");
    const areas = new FakeRangeAreasProxy(this.context, this, () =>
      this.sheet.merges.filter((m) => intersects(m, this.range)),
    );
    areas.trackNull();
    return areas;
  }
  /**
   * "Formulas", and "Constants" with "Numbers" (or all constants). Areas are each row's runs of
   * matching cells, with identical runs on consecutive rows joined into one rectangle, as Excel does.
   */
  getSpecialCellsOrNullObject(cellType: string, cellValueType?: string): FakeRangeAreasProxy {
    if (!this.fake.isSetSupported("ExcelApi", "1.9")) throw apiNotFound("Range.getSpecialCellsOrNullObject");
    const matches = (c: FakeCell | undefined): boolean => {
      if (!c) return false;
      if (cellType === "Formulas") return c.formula !== null;
      if (cellType !== "Constants")
        throw new FakeOfficeError("NotImplemented", `The fake does not model ${cellType}`);
      if (c.formula !== null || c.value === null || c.value === "") return false;
      if (cellValueType === undefined || cellValueType === "All") return true;
      if (cellValueType === "Numbers") return typeof c.value === "number";
      throw new FakeOfficeError("NotImplemented", `The fake does not model ${cellValueType}`);
    };
    const areas = new FakeRangeAreasProxy(this.context, this, () => {
      const out: Array<{ top: number; left: number; bottom: number; right: number }> = [];
      const open = new Map<string, (typeof out)[number]>();
      const g = this.range;
      for (let r = g.top; r <= g.bottom; r++) {
        let start = -1;
        for (let c = g.left; c <= g.right + 1; c++) {
          const hit = c <= g.right && matches(this.sheet.cells.get(cellKey(r, c)));
          if (hit && start < 0) start = c;
          if (!hit && start >= 0) {
            const key = `${start},${c - 1}`;
            const above = open.get(key);
            if (above?.bottom === r - 1) above.bottom = r;
            else {
              const area = { top: r, bottom: r, left: start, right: c - 1 };
              out.push(area);
              open.set(key, area);
            }
            start = -1;
          }
        }
      }
      return out;
    });
    areas.trackNull();
    return areas;
  }
  clear(applyTo: string = "All"): void {
    this.write("clear", applyTo, () => {
      this.fake.ensureWritable(this.sheet);
      const g = this.range;
      for (let r = g.top; r <= g.bottom; r++) {
        for (let c = g.left; c <= g.right; c++) {
          const key = cellKey(r, c);
          const cell = this.sheet.cells.get(key);
          if (!cell) continue;
          if (applyTo === "All") this.sheet.cells.delete(key);
          else if (applyTo === "Contents")
            Object.assign(cell, { value: null, formula: null, text: undefined });
          else if (applyTo === "Formats")
            Object.assign(cell, { fill: null, numberFormat: "General", style: undefined });
        }
      }
    });
  }
  /**
   * ExcelApi 1.9, as Excel's cut and paste: the cells' values, formulas and formats go to the range
   * of the same shape from the destination's top-left, replacing what was there, and the source cells
   * outside it are emptied. (Excel also points formulas elsewhere at the moved cells; no test needs it.)
   */
  moveTo(destination: FakeRangeProxy | string): void {
    if (!this.fake.isSetSupported("ExcelApi", "1.11")) throw apiNotFound("Range.moveTo");
    if (typeof destination === "string") throw new Error("fake moveTo takes a Range");
    // The request carries the destination's address.
    this.write("moveTo", "'Sheet'!A1:Z999", () => {
      this.fake.ensureWritable(this.sheet);
      const from = this.range;
      const to = destination.range;
      const moved = new Map<number, FakeCell>();
      for (let r = from.top; r <= from.bottom; r++) {
        for (let c = from.left; c <= from.right; c++) {
          const cell = this.sheet.cells.get(cellKey(r, c));
          if (cell) moved.set(cellKey(r - from.top + to.top, c - from.left + to.left), cell);
          this.sheet.cells.delete(cellKey(r, c));
        }
      }
      for (let r = to.top; r <= to.top + from.bottom - from.top; r++) {
        for (let c = to.left; c <= to.left + from.right - from.left; c++) {
          const key = cellKey(r, c);
          const cell = moved.get(key);
          if (cell) this.sheet.cells.set(key, cell);
          else this.sheet.cells.delete(key);
        }
      }
    });
  }
  unmerge(): void {
    this.write("unmerge", null, () => {
      this.fake.ensureWritable(this.sheet);
      this.sheet.merges = this.sheet.merges.filter((m) => !intersects(m, this.range));
    });
  }
  merge(): void {
    this.write("merge", null, () => {
      this.fake.ensureWritable(this.sheet);
      this.sheet.merges.push(this.range);
    });
  }
  select(): void {
    this.write("select", null, () => {
      this.fake.selection = { sheet: this.sheet.name, address: rangeAddress(this.range) };
      this.fake.activeSheet = this.sheet.name;
    });
  }
  /** Applies a style change to every cell of the range. */
  styleCells(f: (cell: FakeCell) => void): void {
    this.fake.writeCells(this.sheet, this.range, true, (cell) => f(cell), true);
  }
}

class FakeRangeCollectionProxy extends FakeCollectionProxy<FakeRangeProxy> {
  protected readonly typeName = "RangeCollection";
  constructor(
    context: FakeRequestContext,
    private readonly list: () => FakeRangeProxy[],
  ) {
    super(context);
  }
  protected itemsNow(): FakeRangeProxy[] {
    return this.list();
  }
}

class FakeRangeAreasProxy extends FakeProxy {
  protected readonly typeName = "RangeAreas";
  constructor(
    context: FakeRequestContext,
    private readonly range: FakeRangeProxy,
    private readonly areasNow: () => GridRange[],
  ) {
    super(context);
  }
  private mergesNow(): GridRange[] {
    return this.areasNow();
  }
  protected override exists(): boolean {
    return this.mergesNow().length > 0;
  }
  protected fetch(prop: string): unknown {
    if (prop === "address") {
      return this.mergesNow()
        .map((m) => `${quoteSheetName(this.range.sheet.name)}!${rangeAddress(m)}`)
        .join(",");
    }
    if (prop === "areaCount") return this.mergesNow().length;
    return undefined;
  }
  protected override child(prop: string): FakeProxy | null {
    if (prop !== "areas") return null;
    return new FakeRangeCollectionProxy(this.context, () =>
      this.mergesNow().map((m) => new FakeRangeProxy(this.context, this.range.sheetBinding, () => m)),
    );
  }
  get address(): string {
    return this.read("address");
  }
  get areas(): FakeCollectionProxy<FakeRangeProxy> {
    const c = this.child("areas") as FakeCollectionProxy<FakeRangeProxy>;
    const loaded = this.loaded.get("areas") as FakeCollectionProxy<FakeRangeProxy> | undefined;
    return loaded ?? c;
  }
  override capture(paths: string[][], delivers: Array<() => void>): number {
    const areaPaths = paths.filter((p) => p[0] === "areas").map((p) => p.slice(1));
    const rest = paths.filter((p) => p[0] !== "areas");
    let bytes = super.capture(rest, delivers);
    if (areaPaths.length > 0 && this.exists()) {
      const areas = this.child("areas") as FakeCollectionProxy<FakeRangeProxy>;
      bytes += areas.capture(areaPaths, delivers);
      delivers.push(() => this.loaded.set("areas", areas));
    }
    return bytes;
  }
}

class FakeRangeFormatProxy extends FakeProxy {
  protected readonly typeName = "RangeFormat";
  constructor(
    context: FakeRequestContext,
    private readonly range: FakeRangeProxy,
  ) {
    super(context);
  }
  protected fetch(prop: string): unknown {
    if (prop === "columnWidth") {
      return this.range.sheet.columnWidths.get(this.range.range.left) ?? 48;
    }
    return undefined;
  }
  private style(prop: string, value: unknown, f: (cell: FakeCell) => void): void {
    this.write(prop, value, () => this.range.styleCells(f));
  }
  set wrapText(v: boolean) {
    this.style("wrapText", v, (c) => (c.style = { ...c.style, wrap: v }));
  }
  set horizontalAlignment(v: string) {
    this.style("horizontalAlignment", v, (c) => (c.style = { ...c.style, horizontal: v }));
  }
  set verticalAlignment(v: string) {
    this.style("verticalAlignment", v, (c) => (c.style = { ...c.style, vertical: v }));
  }
  get columnWidth(): number {
    return this.read("columnWidth");
  }
  set columnWidth(v: number) {
    this.write("columnWidth", v, () => {
      this.fake.ensureWritable(this.range.sheet);
      const g = this.range.range;
      for (let c = g.left; c <= g.right; c++) this.range.sheet.columnWidths.set(c, v);
    });
  }
  set rowHeight(v: number) {
    this.write("rowHeight", v, () => {
      this.fake.ensureWritable(this.range.sheet);
      const g = this.range.range;
      for (let r = g.top; r <= g.bottom; r++) this.range.sheet.rowHeights.set(r, v);
    });
  }
  get font(): { bold: boolean; italic: boolean; size: number; color: string } {
    const set = (prop: keyof FakeCellStyle) => (v: unknown) =>
      this.style(`font.${prop}`, v, (c) => (c.style = { ...c.style, [prop]: v }));
    const proxy = {} as { bold: boolean; italic: boolean; size: number; color: string };
    Object.defineProperty(proxy, "bold", { set: set("bold"), get: () => this.read("font.bold") });
    Object.defineProperty(proxy, "italic", { set: set("italic"), get: () => this.read("font.italic") });
    Object.defineProperty(proxy, "size", { set: set("fontSize"), get: () => this.read("font.size") });
    Object.defineProperty(proxy, "color", { set: set("fontColor"), get: () => this.read("font.color") });
    return proxy;
  }
  get fill(): { color: string; clear(): void } {
    const proxy = {
      clear: () => this.style("fill.clear", null, (c) => (c.fill = null)),
    } as { color: string; clear(): void };
    Object.defineProperty(proxy, "color", {
      set: (v: string) => this.style("fill.color", v, (c) => (c.fill = v.toUpperCase())),
      get: () => this.read("fill.color"),
    });
    return proxy;
  }
}

class FakeDataValidationProxy extends FakeProxy {
  protected readonly typeName = "DataValidation";
  constructor(
    context: FakeRequestContext,
    private readonly range: FakeRangeProxy,
  ) {
    super(context);
  }
  private entry(): FakeValidation {
    const sheet = this.range.sheet;
    const g = this.range.range;
    let v = sheet.validations.find(
      (x) =>
        x.range.top === g.top &&
        x.range.left === g.left &&
        x.range.bottom === g.bottom &&
        x.range.right === g.right,
    );
    if (!v) {
      v = { range: g, rule: null, errorAlert: null, prompt: null };
      sheet.validations.push(v);
    }
    return v;
  }
  clear(): void {
    this.write("clear", null, () => {
      this.fake.ensureWritable(this.range.sheet);
      const g = this.range.range;
      this.range.sheet.validations = this.range.sheet.validations.filter((v) => !contains(g, v.range));
    });
  }
  set rule(rule: unknown) {
    this.write("rule", rule, () => {
      this.fake.ensureWritable(this.range.sheet);
      // A list whose source is a name needs the name to exist when the rule is set (issue 18 item 7:
      // the Lists sheet and its names go before the validations that refer to them).
      const source = (rule as { list?: { source?: unknown } } | null)?.list?.source;
      const named = typeof source === "string" ? /^=([A-Za-z_\\][\w.]*)$/.exec(source) : null;
      if (named?.[1] && !this.fake.name(named[1]) && !this.fake.table(named[1])) {
        throw new FakeOfficeError("InvalidArgument", `The list source ${String(source)} names nothing.`);
      }
      this.entry().rule = rule;
    });
  }
  protected override fetch(prop: string): unknown {
    if (prop !== "type") return undefined;
    // "List" when one list validation covers every cell, "None" when none does, else "Inconsistent".
    const g = this.range.range;
    let covered = 0;
    for (let r = g.top; r <= g.bottom; r++) {
      for (let c = g.left; c <= g.right; c++) {
        const point = { top: r, left: c, bottom: r, right: c };
        if (this.range.sheet.validations.some((v) => v.rule !== null && contains(v.range, point))) covered++;
      }
    }
    const cells = (g.bottom - g.top + 1) * (g.right - g.left + 1);
    return covered === 0 ? "None" : covered === cells ? "List" : "Inconsistent";
  }
  get type(): string {
    return this.read("type");
  }
  set errorAlert(alert: unknown) {
    this.write("errorAlert", alert, () => {
      this.fake.ensureWritable(this.range.sheet);
      this.entry().errorAlert = alert;
    });
  }
  set prompt(prompt: unknown) {
    this.write("prompt", prompt, () => {
      this.fake.ensureWritable(this.range.sheet);
      this.entry().prompt = prompt;
    });
  }
}

class FakeConditionalFormatCollectionProxy extends FakeProxy {
  protected readonly typeName = "ConditionalFormatCollection";
  constructor(
    context: FakeRequestContext,
    private readonly range: FakeRangeProxy,
  ) {
    super(context);
  }
  protected fetch(): unknown {
    return undefined;
  }
  clearAll(): void {
    this.write("clearAll", null, () => {
      this.fake.ensureWritable(this.range.sheet);
      const g = this.range.range;
      this.range.sheet.conditionalFormats = this.range.sheet.conditionalFormats.filter(
        (f) => !contains(g, f.range),
      );
    });
  }
  add(type: string): {
    custom: {
      rule: { formula: string };
      format: { fill: { color: string }; font: { color: string; bold: boolean } };
    };
  } {
    const holder = new Binding<FakeConditionalFormat>(() => {
      throw new FakeOfficeError("GeneralException", "conditional format used before it was added");
    });
    this.write("add", type, () => {
      this.fake.ensureWritable(this.range.sheet);
      const f: FakeConditionalFormat = {
        range: this.range.range,
        type,
        formula: null,
        fill: null,
        fontColor: null,
        bold: null,
      };
      this.range.sheet.conditionalFormats.push(f);
      holder.set(f);
    });
    const setter = <K extends keyof FakeConditionalFormat>(key: K) => ({
      set: (v: FakeConditionalFormat[K]) => this.write(String(key), v, () => (holder.get()[key] = v)),
      get: (): never => {
        throw notLoaded(String(key), "ConditionalFormat");
      },
    });
    const rule = Object.defineProperty({}, "formula", setter("formula")) as { formula: string };
    const fill = Object.defineProperty({}, "color", setter("fill")) as { color: string };
    const font = Object.defineProperties({}, { color: setter("fontColor"), bold: setter("bold") }) as {
      color: string;
      bold: boolean;
    };
    return { custom: { rule, format: { fill, font } } };
  }
}

class FakeTableCollectionProxy extends FakeCollectionProxy<FakeTableProxy> {
  protected readonly typeName = "TableCollection";
  constructor(
    context: FakeRequestContext,
    private readonly sheet: Binding<FakeSheet> | null,
  ) {
    super(context);
  }
  protected itemsNow(): FakeTableProxy[] {
    const sheet = this.sheet?.get();
    return this.fake.tables
      .filter((t) => !sheet || t.sheet === sheet)
      .map((t) => new FakeTableProxy(this.context, new Binding(() => t)));
  }
  private lookup(name: string): FakeTable {
    const sheet = this.sheet?.get();
    const t = this.fake.tables.find(
      (x) => x.name.toLowerCase() === name.toLowerCase() && (!sheet || x.sheet === sheet),
    );
    if (!t) throw new FakeOfficeError("ItemNotFound", `The table ${name} does not exist.`);
    return t;
  }
  getItem(name: string): FakeTableProxy {
    return new FakeTableProxy(this.context, new Binding(() => this.lookup(name)));
  }
  add(address: string, hasHeaders: boolean): FakeTableProxy {
    const binding = new Binding<FakeTable>(() => {
      throw new FakeOfficeError("GeneralException", "table used before it was added");
    });
    this.write("add", { address, hasHeaders }, () => {
      const sheet = this.sheet
        ? this.sheet.get()
        : this.fake.sheet(
            address.slice(0, address.lastIndexOf("!")).replace(/^'|'$/g, "").replace(/''/g, "'"),
          );
      this.fake.ensureWritable(sheet);
      const range = parseRange(address);
      if (this.fake.tables.some((t) => t.sheet === sheet && intersects(t.range, range))) {
        throw new FakeOfficeError("InvalidOperation", "A table can't overlap another table.");
      }
      if (sheet.merges.some((m) => intersects(m, range))) {
        // Issue 18 item 5: Excel refuses a table over merged cells with MergedRangeConflict.
        throw new FakeOfficeError(
          "MergedRangeConflict",
          "A table can't overlap a range that contains merged cells.",
        );
      }
      let n = 1;
      while (this.fake.table(`Table${n}`)) n++;
      const table: FakeTable = {
        name: `Table${n}`,
        sheet,
        range,
        style: "TableStyleMedium2",
        showTotals: false,
      };
      this.fake.tables.push(table);
      binding.set(table);
    });
    return new FakeTableProxy(this.context, binding);
  }
}

class FakeTableProxy extends FakeProxy {
  protected readonly typeName = "Table";
  constructor(
    context: FakeRequestContext,
    private readonly binding: Binding<FakeTable>,
  ) {
    super(context);
  }
  private get state(): FakeTable {
    return this.binding.get();
  }
  protected fetch(prop: string): unknown {
    switch (prop) {
      case "name":
        return this.state.name;
      case "style":
        return this.state.style;
      case "showTotals":
        return this.state.showTotals;
      default:
        return undefined;
    }
  }
  protected override child(prop: string): FakeProxy | null {
    return prop === "worksheet" ? this.worksheet : null;
  }
  private cachedWorksheet: FakeWorksheetProxy | undefined;
  get worksheet(): FakeWorksheetProxy {
    return (this.cachedWorksheet ??= new FakeWorksheetProxy(
      this.context,
      new Binding(() => this.state.sheet),
    ));
  }
  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.write("name", v, () => {
      if (this.fake.tables.some((t) => t !== this.state && t.name.toLowerCase() === v.toLowerCase())) {
        throw new FakeOfficeError("InvalidArgument", `The name ${v} is already used by another table.`);
      }
      // Tables and defined names share one namespace (issue 18 item 6).
      if (this.fake.name(v)) {
        throw new FakeOfficeError("InvalidArgument", `The name ${v} is already used by a defined name.`);
      }
      this.state.name = v;
    });
  }
  get style(): string {
    return this.read("style");
  }
  set style(v: string) {
    this.write("style", v, () => (this.state.style = v));
  }
  get showTotals(): boolean {
    return this.read("showTotals");
  }
  getRange(): FakeRangeProxy {
    return new FakeRangeProxy(this.context, new Binding(() => this.state.sheet), () => this.state.range);
  }
  getHeaderRowRange(): FakeRangeProxy {
    return new FakeRangeProxy(this.context, new Binding(() => this.state.sheet), () => ({
      ...this.state.range,
      bottom: this.state.range.top,
    }));
  }
  /** Table.resize (ExcelApi 1.13): the header row stays where it is. */
  resize(newRange: FakeRangeProxy | string): void {
    if (!this.fake.isSetSupported("ExcelApi", "1.13")) throw apiNotFound("Table.resize");
    this.write("resize", typeof newRange === "string" ? newRange : "range", () => {
      const g = typeof newRange === "string" ? parseRange(newRange) : newRange.range;
      const t = this.state;
      this.fake.ensureWritable(t.sheet);
      if (g.top !== t.range.top) throw new FakeOfficeError("InvalidArgument", "The header row must stay.");
      this.fake.growTable(t, g.bottom);
      t.range = { ...t.range, left: g.left, right: g.right };
    });
  }
  get rows(): { add(): never } {
    return {
      add: () => {
        throw new FakeOfficeError(
          "FakeForbidden",
          "TableRowCollection.add conflicts under co-authoring: write the values below the table instead.",
        );
      },
    };
  }
}

class FakeNamedItemCollectionProxy extends FakeCollectionProxy<FakeNamedItemProxy> {
  protected readonly typeName = "NamedItemCollection";
  protected itemsNow(): FakeNamedItemProxy[] {
    return this.fake.names.map((n) => new FakeNamedItemProxy(this.context, n));
  }
  /**
   * office-js #740 ("Cannot add named item that refers to =MyTable[[#Headers],[MyColumn]]"): after
   * names.add over a structured reference, NamedItem.formula reads back as a fixed range
   * ("=Sheet1!$A$1"); "If you change previous example to use addFormulaLocal method ... then it
   * returns correct value". The fake stores the table column's current A1 range, as that report shows.
   */
  add(name: string, reference: string, comment?: string): FakeNamedItemProxy {
    return this.define("add", name, reference, comment, true);
  }
  addFormulaLocal(name: string, formula: string, comment?: string): FakeNamedItemProxy {
    return this.define("addFormulaLocal", name, formula, comment, false);
  }
  private define(
    method: string,
    name: string,
    reference: string,
    comment: string | undefined,
    resolveStructured: boolean,
  ): FakeNamedItemProxy {
    const item: FakeName = {
      name,
      formula: reference.startsWith("=") ? reference : `=${reference}`,
      comment: comment ?? "",
    };
    this.write(method, { name, reference, comment }, () => {
      if (comment !== undefined && comment !== "")
        this.fake.rejectInUndoGroup(this.context.record, "NamedItem.comment", ["web"]);
      if (this.fake.name(name) || this.fake.table(name))
        throw new FakeOfficeError("ItemAlreadyExists", `The name ${name} already exists.`);
      if (resolveStructured) item.formula = this.fake.structuredAsA1(item.formula);
      this.fake.names.push(item);
    });
    return new FakeNamedItemProxy(this.context, item);
  }
  getItemOrNullObject(name: string): FakeNamedItemProxy {
    const proxy = new FakeNamedItemProxy(this.context, null, () => this.fake.name(name) ?? null);
    proxy.trackNull();
    return proxy;
  }
}

class FakeNamedItemProxy extends FakeProxy {
  protected readonly typeName = "NamedItem";
  constructor(
    context: FakeRequestContext,
    private readonly known: FakeName | null,
    private readonly find: (() => FakeName | null) | null = null,
  ) {
    super(context);
  }
  private get item(): FakeName {
    const item = this.known ?? this.find?.() ?? null;
    if (!item) throw new FakeOfficeError("ItemNotFound", "The name does not exist.");
    return item;
  }
  protected override exists(): boolean {
    return this.known !== null || this.find?.() != null;
  }
  delete(): void {
    this.write("delete", null, () => {
      const item = this.item;
      const i = this.fake.names.indexOf(item);
      if (i >= 0) this.fake.names.splice(i, 1);
    });
  }
  protected fetch(prop: string): unknown {
    switch (prop) {
      case "name":
        return this.item.name;
      case "formula":
        return this.item.formula;
      case "type":
        return "Range";
      case "visible":
        return true;
      case "comment":
        return this.item.comment;
      default:
        return undefined;
    }
  }
  get name(): string {
    return this.read("name");
  }
  get formula(): string {
    return this.read("formula");
  }
  get type(): string {
    return this.read("type");
  }
  get visible(): boolean {
    return this.read("visible");
  }
}

class FakeChartCollectionProxy extends FakeCollectionProxy<FakeChartProxy> {
  protected readonly typeName = "ChartCollection";
  constructor(
    context: FakeRequestContext,
    private readonly sheet: Binding<FakeSheet>,
  ) {
    super(context);
  }
  protected itemsNow(): FakeChartProxy[] {
    const sheet = this.sheet.get();
    return sheet.charts.map((c) => new FakeChartProxy(this.context, this.sheet, new Binding(() => c)));
  }
  add(type: string, source: FakeRangeProxy, seriesBy = "Auto"): FakeChartProxy {
    const binding = new Binding<FakeChart>(() => {
      throw new FakeOfficeError("GeneralException", "chart used before it was added");
    });
    this.write("add", { type }, () => {
      const sheet = this.sheet.get();
      this.fake.ensureWritable(sheet);
      const g = source.range;
      // Excel.ChartSeriesBy: "In Excel on desktop, the "auto" option will inspect the source data
      // shape to automatically guess whether the data is by rows or columns. In Excel on the web,
      // "auto" will simply default to "columns"." Desktop runs series along the longer side.
      const wide = g.right - g.left > g.bottom - g.top;
      const resolved = seriesBy !== "Auto" ? seriesBy : this.fake.isDesktop && wide ? "Rows" : "Columns";
      const chart: FakeChart = {
        name: `Chart ${sheet.charts.length + 1}`,
        type,
        source: `${quoteSheetName(source.sheet.name)}!${rangeAddress(source.range)}`,
        seriesBy: resolved,
        title: "",
        position: null,
      };
      sheet.charts.push(chart);
      binding.set(chart);
    });
    return new FakeChartProxy(this.context, this.sheet, binding);
  }
  /** The sheet's chart of that name when the request runs (ItemNotFound when it has none). */
  private named(name: string): Binding<FakeChart> {
    return new Binding(() => {
      const c = this.sheet.get().charts.find((x) => x.name === name);
      if (!c) throw new FakeOfficeError("ItemNotFound", `No chart ${name}`);
      return c;
    });
  }
  getItem(name: string): FakeChartProxy {
    return new FakeChartProxy(this.context, this.sheet, this.named(name));
  }
  getItemOrNullObject(name: string): FakeChartProxy {
    const p = new FakeChartProxy(this.context, this.sheet, this.named(name), true);
    p.trackNull();
    return p;
  }
}

class FakeChartProxy extends FakeProxy {
  protected readonly typeName = "Chart";
  constructor(
    context: FakeRequestContext,
    private readonly sheet: Binding<FakeSheet>,
    private readonly binding: Binding<FakeChart>,
    private readonly orNull = false,
  ) {
    super(context);
  }
  protected override exists(): boolean {
    return !this.orNull || resolves(this.binding);
  }
  protected fetch(prop: string): unknown {
    return prop === "name" ? this.binding.get().name : undefined;
  }
  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.write("name", v, () => (this.binding.get().name = v));
  }
  get title(): { text: string } {
    return Object.defineProperty({}, "text", {
      set: (v: string) => this.write("title.text", v, () => (this.binding.get().title = v)),
      get: () => this.read("title.text"),
    }) as { text: string };
  }
  setPosition(start: string, end?: string): void {
    this.write(
      "setPosition",
      { start, end },
      () => (this.binding.get().position = { start, end: end ?? start }),
    );
  }
  delete(): void {
    this.write("delete", null, () => {
      const sheet = this.sheet.get();
      this.fake.ensureWritable(sheet);
      sheet.charts = sheet.charts.filter((c) => c !== this.binding.get());
    });
  }
}

class FakePageLayoutProxy extends FakeProxy {
  protected readonly typeName = "PageLayout";
  constructor(
    context: FakeRequestContext,
    private readonly sheet: Binding<FakeSheet>,
  ) {
    super(context);
  }
  protected fetch(prop: string): unknown {
    const layout = this.sheet.get().pageLayout;
    if (prop === "zoom") return layout.zoom ?? {};
    if (prop === "orientation") return layout.orientation ?? "Portrait";
    return undefined;
  }
  get zoom(): unknown {
    return this.read("zoom");
  }
  set orientation(v: string) {
    this.write("orientation", v, () => {
      this.fake.ensureWritable(this.sheet.get());
      this.sheet.get().pageLayout.orientation = v;
    });
  }
  /**
   * office-js #1860 ("horizontalFitToPages does not set if Page Layout tab is not selected"): on
   * desktop the fit-to-pages settings are dropped while zoom = { scale } is kept.
   */
  set zoom(v: unknown) {
    this.write("zoom", v, () => {
      const fit = v as { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
      if (
        this.fake.isDesktop &&
        (fit.horizontalFitToPages !== undefined || fit.verticalFitToPages !== undefined)
      ) {
        if (fit.scale === undefined) return;
        this.sheet.get().pageLayout.zoom = { scale: fit.scale };
        return;
      }
      this.sheet.get().pageLayout.zoom = v;
    });
  }
  setPrintTitleRows(rows: string): void {
    this.write("setPrintTitleRows", rows, () => (this.sheet.get().pageLayout.printTitleRows = rows));
  }
  set paperSize(v: string) {
    this.write("paperSize", v, () => (this.sheet.get().pageLayout.paperSize = v));
  }
  /** HeaderFooterGroup (ExcelApi 1.9): the header and footer for all pages, the first, odd and even. */
  get headersFooters(): Record<HeaderFooterGroupName, FakeHeaderFooterProxy> {
    const group = (name: HeaderFooterGroupName) => new FakeHeaderFooterProxy(this.context, this.sheet, name);
    return {
      defaultForAllPages: group("defaultForAllPages"),
      firstPage: group("firstPage"),
      oddPages: group("oddPages"),
      evenPages: group("evenPages"),
    };
  }
}

type HeaderFooterGroupName = "defaultForAllPages" | "firstPage" | "oddPages" | "evenPages";
const HEADER_FOOTER_SECTIONS = new Set([
  "leftHeader",
  "centerHeader",
  "rightHeader",
  "leftFooter",
  "centerFooter",
  "rightFooter",
]);

/** HeaderFooter (ExcelApi 1.9): its six sections read as "" when unset; the Summary sets two footer sections. */
class FakeHeaderFooterProxy extends FakeProxy {
  protected readonly typeName = "HeaderFooter";
  constructor(
    context: FakeRequestContext,
    private readonly sheet: Binding<FakeSheet>,
    private readonly group: HeaderFooterGroupName,
  ) {
    super(context);
  }
  protected fetch(prop: string): unknown {
    if (!HEADER_FOOTER_SECTIONS.has(prop)) return undefined;
    const layout = this.sheet.get().pageLayout;
    if (this.group === "defaultForAllPages" && prop === "centerFooter") return layout.centerFooter ?? "";
    if (this.group === "defaultForAllPages" && prop === "rightFooter") return layout.rightFooter ?? "";
    return layout.sections?.[`${this.group}.${prop}`] ?? "";
  }
  get centerFooter(): string {
    return this.read("centerFooter");
  }
  get rightFooter(): string {
    return this.read("rightFooter");
  }
  get leftFooter(): string {
    return this.read("leftFooter");
  }
  get leftHeader(): string {
    return this.read("leftHeader");
  }
  get centerHeader(): string {
    return this.read("centerHeader");
  }
  get rightHeader(): string {
    return this.read("rightHeader");
  }
  set centerFooter(v: string) {
    this.write("centerFooter", v, () => this.setSection("centerFooter", v));
  }
  set rightFooter(v: string) {
    this.write("rightFooter", v, () => this.setSection("rightFooter", v));
  }
  private setSection(section: "centerFooter" | "rightFooter", v: string): void {
    const layout = this.sheet.get().pageLayout;
    if (this.group === "defaultForAllPages") layout[section] = v;
    else layout.sections = { ...layout.sections, [`${this.group}.${section}`]: v };
  }
}

/** PageBreakCollection (ExcelApi 1.9): a break is added before the top-left cell of the range given. */
class FakePageBreakCollectionProxy extends FakeProxy {
  protected readonly typeName = "PageBreakCollection";
  constructor(
    context: FakeRequestContext,
    private readonly sheet: Binding<FakeSheet>,
  ) {
    super(context);
  }
  protected fetch(): unknown {
    return undefined;
  }
  add(address: string): void {
    this.write("add", address, () => {
      this.fake.ensureWritable(this.sheet.get());
      this.sheet.get().pageLayout.rowBreaks.push(address);
    });
  }
  removePageBreaks(): void {
    this.write("removePageBreaks", null, () => (this.sheet.get().pageLayout.rowBreaks = []));
  }
}

// ---------------------------------------------------------------------------------------------
// Installing the fake as the global Excel / Office
// ---------------------------------------------------------------------------------------------

interface OfficeGlobals {
  Excel?: unknown;
  Office?: unknown;
}

let saved: OfficeGlobals | null = null;

/** Makes `Excel.run` and `Office.context.requirements.isSetSupported` answer from the fake. */
export function installFakeOffice(fake: FakeExcel): void {
  const g = globalThis as OfficeGlobals;
  if (saved === null) saved = { Excel: g.Excel, Office: g.Office };
  g.Excel = {
    run: (
      a: Record<string, unknown> | ((c: FakeRequestContext) => Promise<unknown>),
      b?: (c: FakeRequestContext) => Promise<unknown>,
    ) => fake.run(a, b),
  };
  g.Office = {
    context: {
      platform: OFFICE_PLATFORM[fake.platform],
      diagnostics: { platform: OFFICE_PLATFORM[fake.platform], version: "16.0 (fake)", host: "Excel" },
      requirements: {
        isSetSupported: (name: string, version?: string) => fake.isSetSupported(name, version ?? "1.1"),
      },
    },
  };
}

export function uninstallFakeOffice(): void {
  if (saved === null) return;
  const g = globalThis as OfficeGlobals;
  g.Excel = saved.Excel;
  g.Office = saved.Office;
  saved = null;
}

/** A column's letters, for tests that build addresses. */
export const letters = columnLetters;
