/**
 * Rows inside a table that may not be its actions: a row with header words that may be the header of
 * another table or only an action worded like one ("Action plan agreed | Licensing lead | Update"), and
 * a totals row under the actions. Both are told from the table's own data: what its ref, status and
 * due columns hold, and which of its columns hold numbers or dates.
 */
import type { ColumnRole, Status } from "../basics/plan-model";
import type { CellSnapshot, SheetSnapshot } from "../basics/snapshot";
import { cellText } from "../basics/cell-text";
import { columnIndex } from "../basics/cell-address";
import { isDateFormat } from "../basics/excel-dates";
import { bestRole, isOtherHeader, headerRole, roleScores } from "./header-roles";
import { isDueLike, looksLikeRef } from "./column-roles";
import { isStatusLike } from "./status-vocabulary";

/** What a table's rows hold, for telling its data from a header: the columns by role and by value kind. */
export interface DataView {
  readonly left: number;
  readonly right: number;
  readonly refColumn: number | null;
  readonly statusColumn: number | null;
  readonly dueColumn: number | null;
  /** Columns whose cells are mostly numbers: true when they are dates. */
  readonly numberColumns: ReadonlyMap<number, boolean>;
  /** The status a cell's text shows (the workbook's key words included), or null. */
  readonly statusOf: (cell: CellSnapshot) => Status | null;
}

/** Which of the columns `left`–`right` hold numbers in `rows`, mostly: true for dates, false for plain numbers. */
export function numberColumnsOf(
  sheet: SheetSnapshot,
  rows: readonly number[],
  left: number,
  right: number,
): Map<number, boolean> {
  const out = new Map<number, boolean>();
  for (let c = left; c <= right; c++) {
    let filled = 0;
    let numbers = 0;
    let dates = 0;
    for (const r of rows) {
      const cell = sheet.cells[r]?.[c];
      if (!cell || cellText(cell).trim() === "") continue;
      filled++;
      if (typeof cell.value !== "number") continue;
      numbers++;
      if (isDateFormat(cell.numberFormat)) dates++;
    }
    if (numbers > 0 && numbers * 2 >= filled) out.set(c, dates * 2 >= numbers);
  }
  return out;
}

/**
 * The columns of a row whose cells read as the table's data, never as a header: a ref in the ref column
 * ("3.2", or a number), a status or a status column's word ("Green", "TBC") in the status column, a date
 * or period word in the due column ("Q4"), a number or date where the table's column holds them.
 * Header words are text; a status fill is left out, since header rows are often filled.
 */
export function dataColumnsOf(sheet: SheetSnapshot, row: number, view: DataView): Set<number> {
  const cells = sheet.cells[row] ?? [];
  const out = new Set<number>();
  const textAt = (c: number | null): string => (c === null ? "" : cellText(cells[c]).trim());
  const notHeader = (text: string): boolean => headerRole(text) === null && !isOtherHeader(text);

  const ref = textAt(view.refColumn);
  if (view.refColumn !== null && ref !== "") {
    const isNumber = typeof cells[view.refColumn]?.value === "number";
    if (isNumber || (looksLikeRef(ref) && notHeader(ref))) out.add(view.refColumn);
  }
  const status = textAt(view.statusColumn);
  const statusCell = view.statusColumn === null ? null : cells[view.statusColumn];
  if (statusCell && status !== "" && notHeader(status)) {
    if (view.statusOf(statusCell) !== null || isStatusLike(status)) out.add(view.statusColumn as number);
  }
  const dueCell = view.dueColumn === null ? null : cells[view.dueColumn];
  if (dueCell && isDueLike(dueCell) && notHeader(textAt(view.dueColumn))) out.add(view.dueColumn as number);
  const end = Math.min(view.right, cells.length - 1);
  for (let c = Math.max(view.left, 0); c <= end; c++) {
    const cell = cells[c];
    if (!cell || typeof cell.value !== "number") continue;
    const dates = view.numberColumns.get(c);
    if (dates !== undefined && dates === isDateFormat(cell.numberFormat)) out.add(c);
  }
  return out;
}

/** A header cell's whole text names a role (or a column of no role) surely: "Lead officer", not "Update 1". */
export function isWholeHeaderWord(text: string, role: ColumnRole | null): boolean {
  if (isOtherHeader(text)) return true;
  if (role === null) return false;
  // A header word the user stored ("Notes" as the update) is a header word whatever its score.
  if (headerRole(text) === null) return true;
  return (bestRole(roleScores(text))?.score ?? 0) >= WHOLE_HEADER_SCORE;
}

/** A header scoring this for its role is the role's words and nearly nothing else ("Status (RAG)"). */
const WHOLE_HEADER_SCORE = 0.9;

/**
 * How a row with header words inside a table reads (see headerRowCells):
 * - "data": it reads as one of the table's rows (two of its cells do, or one and none of its header
 *   words is a whole header: "1 | Action 1 of 2023-24 | CS | Update 1 | Green");
 * - "header": nothing in it reads as the table's data ("No. | Recommendation | Owner | RAG"): another
 *   table starts there;
 * - "unsure": one cell reads as data beside whole header words, or nothing does but every header word
 *   is part of a longer text and it follows an action directly. The caller keeps it as an action and
 *   says so on the row.
 */
export function readHeaderLikeRow(
  sheet: SheetSnapshot,
  row: number,
  view: DataView,
  cells: ReadonlyArray<{ readonly text: string; readonly role: ColumnRole | null }>,
  afterAction: boolean,
): "data" | "header" | "unsure" {
  const data = dataColumnsOf(sheet, row, view).size;
  const whole = cells.filter((c) => isWholeHeaderWord(c.text, c.role)).length;
  if (data >= 2) return "data";
  if (data === 1) return whole === 0 ? "data" : "unsure";
  return whole === 0 && afterAction ? "unsure" : "header";
}

/** Functions that total a range: a cell using one over the table's own rows totals the table. */
const AGGREGATES: ReadonlySet<string> = new Set([
  "COUNT",
  "COUNTA",
  "COUNTIF",
  "COUNTIFS",
  "COUNTBLANK",
  "SUM",
  "SUMIF",
  "SUMIFS",
  "SUMPRODUCT",
  "SUBTOTAL",
  "AGGREGATE",
  "AVERAGE",
  "AVERAGEA",
  "AVERAGEIF",
  "AVERAGEIFS",
  "MIN",
  "MAX",
  "MEDIAN",
]);

/** A formula's text outside its string literals (a "B4:B9" in quotes is text, not a range). */
function outsideStrings(formula: string): string {
  let out = "";
  let quoted = false;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula.charAt(i);
    if (ch === '"') {
      // Inside a literal, "" is one quote: the literal goes on.
      if (quoted && formula.charAt(i + 1) === '"') i++;
      else quoted = !quoted;
      out += " ";
    } else out += quoted ? " " : ch;
  }
  return out;
}

const FUNCTION_CALL = /([A-Z][A-Z0-9._]*)\s*\(/g;
/** A range on the same sheet: E4:E10, $E$4:$E$10, E:E. One preceded by "!" is another sheet's. */
const RANGE = /(^|[^A-Z0-9_!$.'\]])\$?([A-Z]{1,3})(?:\$?(\d+))?:\$?([A-Z]{1,3})(?:\$?(\d+))?(?![A-Z0-9_(])/g;

/**
 * Whether a formula totals the table: an aggregate function (COUNTA, COUNTIF, SUM, SUBTOTAL…) over a
 * range of this sheet in the table's columns whose rows are the table's, above `row`.
 * aggregatesTable('=COUNTIF(E4:E10,"Green")', 11, 2, 0, 5) === true.
 */
export function aggregatesTable(
  formula: string,
  row: number,
  headerRow: number,
  left: number,
  right: number,
): boolean {
  const f = outsideStrings(formula.toUpperCase());
  let aggregate = false;
  for (const m of f.matchAll(FUNCTION_CALL)) {
    if (AGGREGATES.has((m[1] ?? "").replace(/^_XLFN\./, ""))) aggregate = true;
  }
  if (!aggregate) return false;
  for (const m of f.matchAll(RANGE)) {
    const [from, to] = [columnIndex(m[2] ?? ""), columnIndex(m[4] ?? "")];
    if (Math.max(from, to) < left || Math.min(from, to) > right) continue;
    if (m[3] === undefined || m[5] === undefined) {
      if (m[3] === undefined && m[5] === undefined) return true;
      continue;
    }
    const top = Math.min(Number(m[3]), Number(m[5])) - 1;
    const bottom = Math.max(Number(m[3]), Number(m[5])) - 1;
    if (bottom < row && bottom > headerRow && top < bottom) return true;
  }
  return false;
}

/** Labels of a totals row: "Total", "Totals", "Grand total", "Sub-total", "Total actions", "Count". */
const TOTAL_LABEL = /^(?:grand\s+|sub[\s-]?)?totals?\b|^count\b|^number of actions\b/i;

/**
 * The totals row a row is, or null: a cell in the table's columns that totals the table (see
 * aggregatesTable), or a label "Total…" beside nothing but numbers and formulas. Its label (the first
 * text that is no formula) and its first totalling formula say which.
 */
export function totalsRowOf(
  sheet: SheetSnapshot,
  row: number,
  headerRow: number,
  left: number,
  right: number,
): { label: string | null; formula: string | null } | null {
  const cells = sheet.cells[row];
  if (!cells) return null;
  const end = Math.min(right, cells.length - 1);
  let label: string | null = null;
  let formula: string | null = null;
  let figures = 0;
  let otherText = false;
  // Every row of every table comes through here: only a cell that is neither a formula nor a number
  // has its text read.
  for (let c = Math.max(left, 0); c <= end; c++) {
    const cell = cells[c];
    if (!cell) continue;
    if (cell.formula !== null) {
      figures++;
      if (formula === null && aggregatesTable(cell.formula, row, headerRow, left, right))
        formula = cell.formula;
    } else if (typeof cell.value === "number") figures++;
    else {
      const text = cellText(cell).trim();
      if (text === "") continue;
      if (label === null) label = text;
      else otherText = true;
    }
  }
  if (formula !== null) return { label, formula };
  if (label !== null && label.length <= 40 && TOTAL_LABEL.test(label) && figures > 0 && !otherText) {
    return { label, formula: null };
  }
  return null;
}
