/**
 * Finding action tables in a sheet: header rows named by role words, the columns under them, and
 * the rows that are actions — past repeated headers and blank separator rows, up to a legend, key,
 * a different header or the sheet's end.
 */
import type { ActionTable, ColumnRole, TableColumn } from "./plan-model";
import type { CellSnapshot, GridRange, SheetSnapshot, TableSnapshot } from "./snapshot";
import { cellAddress } from "./cell-address";
import { cellText, foldText, nonBlankCells } from "./cell-text";
import { headerRole } from "./header-roles";

/** A table as detected, with the rows the reader turns into actions and rows it passed over. */
export interface DetectedTable {
  readonly table: ActionTable;
  readonly actionRows: readonly number[];
  /** Rows inside the table with text but neither action text nor a ref. */
  readonly skippedRows: readonly number[];
}

/** Refs are short labels: 1, 11.1, 3.2.1, IV, ASB1, 2a, b). */
const REF_PATTERN =
  /^(?:[A-Za-z]{0,5}\s?\d+(?:\.\d+)*[A-Za-z]?[.)]?|[IVXLCDM]+[.)]?|[ivxlcdm]+[.)]?|[A-Za-z][.)])$/;

/** Whether text looks like a ref rather than prose. looksLikeRef("11.1") === true. */
export function looksLikeRef(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 12 && REF_PATTERN.test(t);
}

interface HeaderCell {
  readonly column: number;
  readonly text: string;
  readonly role: ColumnRole | null;
}

/** The header cells of a row when it is a header row (an action column and one other role), else null. */
export function headerRowCells(row: ReadonlyArray<CellSnapshot | null> | undefined): HeaderCell[] | null {
  if (!row) return null;
  // Asked of nearly every row, which is nearly never a header: decide first, collect the cells after.
  let hasAction = false;
  let hasOther = false;
  for (let c = 0; c < row.length; c++) {
    const role = headerRole(cellText(row[c]).trim());
    if (role === "action") hasAction = true;
    else if (role !== null) hasOther = true;
  }
  if (!hasAction || !hasOther) return null;
  const cells: HeaderCell[] = [];
  for (let c = 0; c < row.length; c++) {
    const text = cellText(row[c]).trim();
    if (text !== "") cells.push({ column: c, text, role: headerRole(text) });
  }
  return cells;
}

/** Merges by their top-left cell, and a lookup from any covered cell to its merge. */
export class MergeIndex {
  private readonly byCell = new Map<number, GridRange>();

  constructor(merges: readonly GridRange[]) {
    for (const m of merges) {
      const area = (m.bottom - m.top + 1) * (m.right - m.left + 1);
      // A huge merge (whole rows) is formatting, not data; don't index every cell of it.
      if (area > 10_000 || area < 2) continue;
      for (let r = m.top; r <= m.bottom; r++) {
        for (let c = m.left; c <= m.right; c++) this.byCell.set(r * 20_000 + c, m);
      }
    }
  }

  /** The merge covering (row, column), or null. */
  at(row: number, column: number): GridRange | null {
    return this.byCell.get(row * 20_000 + column) ?? null;
  }
}

function rowText(sheet: SheetSnapshot, row: number, column: number): string {
  return cellText(sheet.cells[row]?.[column]);
}

/** Builds a table's columns from its header row, resolving merged header cells and the ref/action split. */
function headerColumns(
  sheet: SheetSnapshot,
  headerRow: number,
  cells: readonly HeaderCell[],
  merges: MergeIndex,
  sampleRows: readonly number[],
): TableColumn[] {
  const first = cells[0];
  const last = cells[cells.length - 1];
  if (!first || !last) return [];
  let right = last.column;
  const lastMerge = merges.at(headerRow, last.column);
  if (lastMerge && lastMerge.top === headerRow) right = Math.max(right, lastMerge.right);

  const byColumn = new Map(cells.map((c) => [c.column, c]));
  const taken = new Set<ColumnRole>();
  const columns: Array<{ column: number; header: string; role: ColumnRole | null; underMerge: boolean }> = [];
  for (let c = first.column; c <= right; c++) {
    const own = byColumn.get(c);
    if (own) {
      const role = own.role !== null && !taken.has(own.role) ? own.role : null;
      if (role) taken.add(role);
      columns.push({ column: c, header: own.text, role, underMerge: false });
      continue;
    }
    const merge = merges.at(headerRow, c);
    const master = merge && merge.top === headerRow ? byColumn.get(merge.left) : undefined;
    columns.push({ column: c, header: master?.text ?? "", role: null, underMerge: master !== undefined });
  }

  // "ACTION" merged over the number and the text column (or, where merges cannot be read, "ACTION"
  // beside a blank header): when the first column holds refs and the next longer text, split them.
  const actionIndex = columns.findIndex((c) => c.role === "action");
  const action = columns[actionIndex];
  const next = columns[actionIndex + 1];
  if (action && next && next.role === null && (next.underMerge || next.header === "")) {
    const leftTexts = sampleRows.map((r) => rowText(sheet, r, action.column).trim()).filter((t) => t !== "");
    const rightTexts = sampleRows.map((r) => rowText(sheet, r, next.column).trim()).filter((t) => t !== "");
    const mean = (ts: string[]): number => ts.reduce((n, t) => n + t.length, 0) / Math.max(ts.length, 1);
    if (rightTexts.length > 0 && leftTexts.length === 0) {
      action.role = null;
      next.role = "action";
      next.header = next.header || action.header;
    } else if (
      rightTexts.length > 0 &&
      leftTexts.every(looksLikeRef) &&
      mean(rightTexts) > mean(leftTexts) &&
      !taken.has("ref")
    ) {
      action.role = "ref";
      next.role = "action";
      next.header = next.header || action.header;
    }
  }
  return columns.map(({ column, header, role }) => ({ column, header, role }));
}

function columnOf(columns: readonly TableColumn[], role: ColumnRole): number | null {
  return columns.find((c) => c.role === role)?.column ?? null;
}

/** A table's columns with what the checks of each of its rows need, worked out once per table. */
interface TableShape {
  readonly columns: readonly TableColumn[];
  readonly left: number;
  readonly right: number;
  readonly actionColumn: number | null;
  readonly refColumn: number | null;
  /** The first column at each sheet column, with its header folded. */
  readonly headers: ReadonlyMap<number, { readonly role: ColumnRole | null; readonly folded: string }>;
}

function tableShape(columns: readonly TableColumn[]): TableShape {
  const headers = new Map<number, { role: ColumnRole | null; folded: string }>();
  for (const c of columns) {
    if (!headers.has(c.column)) headers.set(c.column, { role: c.role, folded: foldText(c.header) });
  }
  return {
    columns,
    left: columns[0]?.column ?? 0,
    right: columns[columns.length - 1]?.column ?? -1,
    actionColumn: columnOf(columns, "action"),
    refColumn: columnOf(columns, "ref"),
    headers,
  };
}

/** Whether a row is an action: it has action text, or a ref plus any other text in the table. */
export function isActionRow(sheet: SheetSnapshot, row: number, columns: readonly TableColumn[]): boolean {
  return isActionRowOf(sheet, row, columns, columnOf(columns, "action"), columnOf(columns, "ref"));
}

function isActionRowOf(
  sheet: SheetSnapshot,
  row: number,
  columns: readonly TableColumn[],
  actionColumn: number | null,
  refColumn: number | null,
): boolean {
  if (actionColumn !== null && rowText(sheet, row, actionColumn).trim() !== "") return true;
  if (refColumn === null) return false;
  const ref = rowText(sheet, row, refColumn).trim();
  if (ref === "" || ref.length > 20) return false;
  return columns.some((c) => c.column !== refColumn && rowText(sheet, row, c.column).trim() !== "");
}

function isBlankWithin(sheet: SheetSnapshot, row: number, left: number, right: number): boolean {
  const cells = sheet.cells[row];
  if (!cells) return true;
  const end = Math.min(right, cells.length - 1);
  for (let c = left; c <= end; c++) {
    if (cellText(cells[c]).trim() !== "") return false;
  }
  return true;
}

/** Whether foldText(text) === folded. */
function foldsTo(text: string, folded: string): boolean {
  // Most rows start with a ref or a date; a leading digit is kept as it is, so those are told apart
  // without folding them.
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57 && folded.charCodeAt(0) !== first) return false;
  return foldText(text) === folded;
}

/**
 * Whether a row repeats the table's header (after a page break), perhaps with another action word:
 * at least two cells, each equal to its column's header or naming its column's role.
 */
function isRepeatedHeader(sheet: SheetSnapshot, row: number, shape: TableShape): boolean {
  const cells = sheet.cells[row];
  if (!cells) return false;
  const end = Math.min(shape.right, cells.length - 1);
  let matched = 0;
  for (let c = Math.max(shape.left, 0); c <= end; c++) {
    const text = cellText(cells[c]).trim();
    if (text === "") continue;
    const header = shape.headers.get(c);
    if (!header || text.length > 40) return false;
    const role = headerRole(text);
    if ((role === null || role !== header.role) && !foldsTo(text, header.folded)) return false;
    matched++;
  }
  return matched >= 2;
}

export interface SheetContext {
  readonly sheet: SheetSnapshot;
  readonly merges: MergeIndex;
  /** Rows that open or belong to a legend, key or thematic-lead block: a table ends there. */
  readonly blockRows: ReadonlySet<number>;
}

/** Rows below a header worth sampling to decide the ref/action split: until a block, at most 30. */
function sampleBelow(ctx: SheetContext, headerRow: number): number[] {
  const rows: number[] = [];
  for (let r = headerRow + 1; r < ctx.sheet.cells.length && rows.length < 30; r++) {
    if (ctx.blockRows.has(r) || headerRowCells(ctx.sheet.cells[r])) break;
    rows.push(r);
  }
  return rows;
}

function statusSourceOf(
  sheet: SheetSnapshot,
  columns: readonly TableColumn[],
  actionRows: readonly number[],
): ActionTable["statusSource"] {
  const statusColumn = columnOf(columns, "status");
  if (statusColumn === null) return "none";
  let anyFill = false;
  for (const r of actionRows) {
    const cell = sheet.cells[r]?.[statusColumn] ?? null;
    if (cellText(cell).trim() !== "") return "text";
    if (cell?.fill && cell.fill.toUpperCase() !== "#FFFFFF") anyFill = true;
  }
  return anyFill ? "fill" : "text";
}

/** The topmost short single-cell line between `fromRow` and the header: the table's title. */
function titleAbove(ctx: SheetContext, fromRow: number, headerRow: number): string | null {
  for (let r = fromRow; r < headerRow; r++) {
    if (ctx.blockRows.has(r)) continue;
    const cells = nonBlankCells(ctx.sheet.cells[r]);
    const only = cells[0];
    if (cells.length !== 1 || !only) continue;
    if (only.text.length > 120 || /^[-•*]/.test(only.text)) continue;
    return only.text;
  }
  return null;
}

function tableId(sheet: string, headerRow: number, left: number): string {
  return `${sheet}!${cellAddress(headerRow, left)}`;
}

/** Tables the user (or the add-in) already made as ListObjects: used as they are when they hold actions. */
function listObjectTable(ctx: SheetContext, t: TableSnapshot): DetectedTable | null {
  const { sheet } = ctx;
  const taken = new Set<ColumnRole>();
  const columns: TableColumn[] = [];
  for (let i = 0; i <= t.range.right - t.range.left; i++) {
    const header = t.columnNames[i] ?? rowText(sheet, t.range.top, t.range.left + i);
    const found = headerRole(header);
    const role = found !== null && !taken.has(found) ? found : null;
    if (role) taken.add(role);
    columns.push({ column: t.range.left + i, header, role });
  }
  if (!taken.has("action")) return null;
  const shape = tableShape(columns);
  const actionRows: number[] = [];
  const blankRows: number[] = [];
  const skippedRows: number[] = [];
  for (let r = t.range.top + 1; r <= t.range.bottom; r++) {
    if (isBlankWithin(sheet, r, t.range.left, t.range.right)) blankRows.push(r);
    else if (isActionRowOf(sheet, r, columns, shape.actionColumn, shape.refColumn)) actionRows.push(r);
    else skippedRows.push(r);
  }
  return {
    table: {
      id: tableId(sheet.name, t.range.top, t.range.left),
      sheet: sheet.name,
      headerRow: t.range.top,
      repeatedHeaderRows: [],
      blankRows,
      range: t.range,
      columns,
      statusSource: statusSourceOf(sheet, columns, actionRows),
      listObjectName: t.name,
      title: titleAbove(ctx, 0, t.range.top),
      period: null,
    },
    actionRows,
    skippedRows,
  };
}

/**
 * The action tables of one sheet, top to bottom: its ListObjects that hold actions, then tables found
 * by their header rows in the rows outside those.
 */
export function detectTables(ctx: SheetContext): DetectedTable[] {
  const { sheet } = ctx;
  const found: DetectedTable[] = [];
  const listObjectRows: GridRange[] = [];
  for (const t of sheet.tables) {
    const table = listObjectTable(ctx, t);
    if (table) found.push(table);
    listObjectRows.push(t.range);
  }
  const inListObject = (r: number): boolean => {
    for (const g of listObjectRows) if (r >= g.top && r <= g.bottom) return true;
    return false;
  };

  let titleFrom = 0;
  let r = 0;
  while (r < sheet.cells.length) {
    if (ctx.blockRows.has(r) || inListObject(r)) {
      r++;
      continue;
    }
    const headerCells = headerRowCells(sheet.cells[r]);
    if (!headerCells) {
      r++;
      continue;
    }
    const headerRow = r;
    const columns = headerColumns(sheet, headerRow, headerCells, ctx.merges, sampleBelow(ctx, headerRow));
    const shape = tableShape(columns);
    const left = columns[0]?.column ?? 0;
    const right = columns[columns.length - 1]?.column ?? 0;
    const actionRows: number[] = [];
    const skippedRows: number[] = [];
    const repeated: number[] = [];
    const blankRows: number[] = [];
    let pendingBlanks: number[] = [];
    let lastRow = headerRow;
    r = headerRow + 1;
    for (; r < sheet.cells.length; r++) {
      if (ctx.blockRows.has(r) || inListObject(r)) break;
      if (isBlankWithin(sheet, r, left, right)) {
        pendingBlanks.push(r);
        continue;
      }
      if (isRepeatedHeader(sheet, r, shape)) {
        repeated.push(r);
        blankRows.push(...pendingBlanks);
        pendingBlanks = [];
        continue;
      }
      if (headerRowCells(sheet.cells[r])) break;
      if (isActionRowOf(sheet, r, columns, shape.actionColumn, shape.refColumn)) {
        actionRows.push(r);
        blankRows.push(...pendingBlanks);
        pendingBlanks = [];
        lastRow = r;
        continue;
      }
      // Text after a blank row that is not an action is the title of what follows: the table ended.
      if (pendingBlanks.length > 0) break;
      skippedRows.push(r);
    }
    found.push({
      table: {
        id: tableId(sheet.name, headerRow, left),
        sheet: sheet.name,
        headerRow,
        repeatedHeaderRows: repeated.filter((x) => x < lastRow),
        blankRows: blankRows.filter((x) => x < lastRow),
        range: { top: headerRow, left, bottom: lastRow, right },
        columns,
        statusSource: statusSourceOf(sheet, columns, actionRows),
        listObjectName: null,
        title: titleAbove(ctx, titleFrom, headerRow),
        period: null,
      },
      actionRows,
      skippedRows: skippedRows.filter((x) => x < lastRow),
    });
    titleFrom = lastRow + 1;
  }
  return found.sort(
    (a, b) => a.table.headerRow - b.table.headerRow || a.table.range.left - b.table.range.left,
  );
}
