/**
 * Finding action tables in a sheet: header rows named by role words, the columns under them, and
 * the rows that are actions — past repeated headers and blank separator rows, up to a legend, key,
 * a different header or the sheet's end.
 */
import type { ActionTable, ColumnRole, TableColumn } from "../basics/plan-model";
import type { CellSnapshot, GridRange, SheetSnapshot, TableSnapshot } from "../basics/snapshot";
import { problem, type Problem } from "../basics/problem";
import { cellAddress, columnLetters } from "../basics/cell-address";
import { cellText, foldText, nonBlankCells } from "../basics/cell-text";
import { headerRole, isOtherHeader } from "./header-roles";
import {
  type ColumnCandidate,
  type ContentClues,
  DEFAULT_CLUES,
  assignColumnRoles,
  looksLikePeriod,
  periodColumnRole,
  periodOfHeader,
} from "./column-roles";
import {
  type DataView,
  dataColumnsOf,
  isWholeHeaderWord,
  numberColumnsOf,
  readHeaderLikeRow,
  totalsRowOf,
} from "./table-rows";

export { looksLikeRef } from "./column-roles";

/** A table as detected, with the rows the reader turns into actions and rows it passed over. */
export interface DetectedTable {
  readonly table: ActionTable;
  readonly actionRows: readonly number[];
  /** Rows inside the table with text but neither action text nor a ref. */
  readonly skippedRows: readonly number[];
  /**
   * Section rows inside the table, in row order: a row with one text cell naming the priority or theme
   * of the actions under it ("Priority 1: Reducing violence"), merged across the table or worded so.
   */
  readonly sections: ReadonlyArray<{ readonly row: number; readonly text: string }>;
  /** Column roles the reader is unsure of, or missing, on the header cells. */
  readonly problems: readonly Problem[];
}

interface HeaderCell {
  readonly column: number;
  readonly text: string;
  readonly role: ColumnRole | null;
}

const ROLE_BITS: Readonly<Record<ColumnRole, number>> = {
  ref: 1,
  action: 2,
  lead: 4,
  update: 8,
  status: 16,
  due: 32,
  theme: 64,
};

/** A cell this long is never a header, so its row is not a header row. */
const MAX_HEADER_CELL = 80;

/**
 * The header cells of a row when it is a header row, else null: short cells naming at least two
 * roles, one of them the action, or three roles (the action column then found by its contents).
 * `roleOf` lets a user's stored column roles count as header words.
 */
export function headerRowCells(
  row: ReadonlyArray<CellSnapshot | null> | undefined,
  roleOf: (text: string) => ColumnRole | null = headerRole,
): HeaderCell[] | null {
  if (!row) return null;
  // Asked of nearly every row, which is nearly never a header: decide first, collect the cells after.
  let hasAction = false;
  let roles = 0;
  let seen = 0;
  for (let c = 0; c < row.length; c++) {
    const raw = cellText(row[c]);
    if (raw === "") continue;
    if (raw.length > MAX_HEADER_CELL) return null;
    const role = roleOf(raw.trim());
    if (role === null) continue;
    const bit = ROLE_BITS[role];
    if ((seen & bit) !== 0) continue;
    seen |= bit;
    roles++;
    if (role === "action") hasAction = true;
  }
  if (roles < 2 || (!hasAction && roles < 3)) return null;
  const cells: HeaderCell[] = [];
  for (let c = 0; c < row.length; c++) {
    const text = cellText(row[c]).trim();
    if (text !== "") cells.push({ column: c, text, role: roleOf(text) });
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

/**
 * The index of a sheet without merges, shared. It is also what keeps MergeIndex's object shape alive
 * between reads: V8 throws optimised code away when an object shape it was built for dies in a full
 * collection (a "weak objects" deoptimisation, node --trace-deopt), and every index a read makes dies
 * with the read, so without one long-lived index each read after a collection ran unoptimised.
 */
export const NO_MERGES = new MergeIndex([]);

/** The merge index of a sheet: NO_MERGES when it has none. */
export function mergeIndexOf(merges: readonly GridRange[]): MergeIndex {
  return merges.length === 0 ? NO_MERGES : new MergeIndex(merges);
}

function rowText(sheet: SheetSnapshot, row: number, column: number): string {
  return cellText(sheet.cells[row]?.[column]);
}

/** A header cell's text, or the text of the merged cell over it; `inherited` when it comes from the merge. */
function headerText(
  sheet: SheetSnapshot,
  row: number,
  column: number,
  merges: MergeIndex,
): { text: string; inherited: boolean } {
  const own = rowText(sheet, row, column).trim();
  if (own !== "") return { text: own, inherited: false };
  const merge = merges.at(row, column);
  if (merge && (merge.left !== column || merge.top !== row)) {
    return { text: rowText(sheet, merge.top, merge.left).trim(), inherited: true };
  }
  return { text: "", inherited: false };
}

/** Whether (row, column) lies under a group cell of `row`: a cell of that row merged across columns. */
function underGroupCell(merges: MergeIndex, row: number, column: number): boolean {
  const m = merges.at(row, column);
  return m !== null && m.top === row && m.right > m.left;
}

/**
 * Whether the row under a header row is a second header row (sub-headers under group headers, such
 * as "Progress | Rating" under "Jul–Sep 2013", or "Q1 | Q2 | Q3" under "Progress" merged over them):
 * short cells, at least two naming a role (a period under a group cell names one: its period), and no
 * cell that reads as an action's text.
 */
function isSubHeaderRow(
  sheet: SheetSnapshot,
  row: number,
  left: number,
  right: number,
  merges: MergeIndex,
  headerRow: number,
): boolean {
  const cells = nonBlankCells(sheet.cells[row]).filter((c) => c.column >= left && c.column <= right + 8);
  if (cells.length < 2 || cells.some((c) => c.text.length > 40)) return false;
  const named = cells.filter(
    (c) =>
      headerRole(c.text) !== null ||
      isOtherHeader(c.text) ||
      (looksLikePeriod(c.text) && underGroupCell(merges, headerRow, c.column)),
  ).length;
  if (named < 2 || named * 2 < cells.length) return false;
  // A header merged over two rows, or a group header merged over columns, marks a two-row header.
  for (let c = left; c <= right; c++) {
    const m = merges.at(headerRow, c);
    if (m && m.top === headerRow && (m.bottom > headerRow || m.right > m.left)) return true;
  }
  return cells.some(
    (c) =>
      rowText(sheet, headerRow, c.column).trim() === "" ||
      looksLikePeriod(rowText(sheet, headerRow, c.column)),
  );
}

/**
 * Whether the row above a header is a group row over its columns: each of its cells, all within the
 * table's columns, a period label ("Q1 2012-13", merged over two or not), a short group cell merged
 * across some of the columns and not all of them ("ACTION" over No | Action, "Progress" over Q1 | Q2 |
 * Q3), or a header naming the same role as the name under it (a header once merged down over both
 * rows, as Apply schema leaves "Lead" over "Lead"); at least one of them a period or a group cell. A
 * cell merged across every column is the table's title, not a group.
 */
function isGroupRowAbove(
  sheet: SheetSnapshot,
  row: number,
  left: number,
  right: number,
  merges: MergeIndex,
  nameAt: (column: number) => string,
): boolean {
  if (row < 0) return false;
  const cells = nonBlankCells(sheet.cells[row]);
  if (cells.length === 0 || cells.some((c) => c.column < left || c.column > right)) return false;
  let grouping = false;
  for (const c of cells) {
    if (c.text.length > 40) return false;
    const m = merges.at(row, c.column);
    if (looksLikePeriod(c.text) && headerRole(c.text) === null) grouping = true;
    else if (
      m !== null &&
      m.top === row &&
      m.left === c.column &&
      m.right > m.left &&
      (m.left > left || m.right < right)
    )
      grouping = true;
    else {
      const role = headerRole(c.text);
      if (role === null || role !== headerRole(nameAt(c.column))) return false;
    }
  }
  return grouping;
}

/**
 * What a group cell above a header says of the column under it: a period ("Q1 2012-13" over Progress |
 * RAG), or, over a period name that names no role ("Q1" under "Progress"), the column's header, the
 * name then being its period. A group cell over names that name their own roles ("ACTION" over
 * No | Action) says nothing of them.
 */
function groupReading(group: string, name: string): { header: string; period: string } | null {
  if (group === "") return null;
  if (looksLikePeriod(group) && headerRole(group) === null) return { header: name, period: group };
  if (headerRole(group) !== null && looksLikePeriod(name) && headerRole(name) === null) {
    return { header: group, period: name };
  }
  return null;
}

interface HeaderLayout {
  readonly left: number;
  readonly right: number;
  /** The last header row (the sub-header row of a two-row header). */
  readonly lastHeaderRow: number;
  readonly columns: ReadonlyArray<{ column: number; header: string; inherited: boolean; period: string }>;
}

function headerLayout(
  sheet: SheetSnapshot,
  headerRow: number,
  cells: readonly HeaderCell[],
  merges: MergeIndex,
): HeaderLayout {
  const first = cells[0];
  const last = cells[cells.length - 1];
  if (!first || !last) return { left: 0, right: -1, lastHeaderRow: headerRow, columns: [] };
  let left = first.column;
  let right = last.column;
  const firstMerge = merges.at(headerRow, first.column);
  if (firstMerge) left = Math.min(left, firstMerge.left);
  const lastMerge = merges.at(headerRow, last.column);
  if (lastMerge && lastMerge.top <= headerRow) right = Math.max(right, lastMerge.right);
  const sub = isSubHeaderRow(sheet, headerRow + 1, left, right, merges, headerRow) ? headerRow + 1 : null;
  if (sub !== null) {
    const subCells = nonBlankCells(sheet.cells[sub]);
    right = Math.max(right, subCells[subCells.length - 1]?.column ?? right);
  }
  const nameAt = (c: number): string => headerText(sheet, headerRow, c, merges).text;
  const groupAbove =
    sub === null && isGroupRowAbove(sheet, headerRow - 1, left, right, merges, nameAt) ? headerRow - 1 : null;
  const columns: Array<{ column: number; header: string; inherited: boolean; period: string }> = [];
  for (let c = left; c <= right; c++) {
    const top = headerText(sheet, headerRow, c, merges);
    let header = top.text;
    // A header merged across columns names them together; its words need not fit each one.
    const across = merges.at(headerRow, c);
    let inherited = top.inherited || (across !== null && across.right > across.left);
    let period = "";
    if (sub !== null) {
      const below = rowText(sheet, sub, c).trim();
      // A header merged down over both rows reads as the top row's text.
      if (below !== "" && !(top.text !== "" && !top.inherited && merges.at(headerRow, c)?.bottom === sub)) {
        const topRole = headerRole(top.text);
        if (headerRole(below) !== null || topRole === null) {
          header = below;
          inherited = false;
          if (top.text !== "" && topRole === null) period = top.text;
        } else if (looksLikePeriod(below)) {
          period = below;
        }
      }
    } else if (groupAbove !== null) {
      const group = groupReading(headerText(sheet, groupAbove, c, merges).text, header);
      if (group !== null) {
        // The group's word over several period columns names them together, as a merged header does.
        if (group.header !== header) inherited = true;
        header = group.header;
        period = group.period;
      }
    }
    columns.push({ column: c, header, inherited, period });
  }
  return { left, right, lastHeaderRow: sub ?? headerRow, columns };
}

/** What detectTables needs to decide a table's columns, beyond the sheet. */
export interface ColumnDecision {
  readonly clues: ContentClues;
  /** The role the user stored for a header of this table, or "ignore"; undefined when none is stored. */
  readonly storedRole: (
    tableId: string,
    listObjectName: string | null,
    header: string,
  ) => ColumnRole | "ignore" | undefined;
}

const NO_DECISION: ColumnDecision = { clues: DEFAULT_CLUES, storedRole: () => undefined };

/** Rows enough to tell a column's kind of value; a table's first rows are as good as any. */
const CONTENT_SAMPLE = 20;

/**
 * The rows below a header to read the columns' contents from: up to `toRow`, or else up to a block, a
 * totals row or the header of another table, told from the table's data by the roles its header words
 * name (the columns are not decided yet).
 */
function contentRows(
  ctx: SheetContext,
  fromRow: number,
  toRow: number | null,
  layout: HeaderLayout | null = null,
): number[] {
  const rows: number[] = [];
  const roleOf = ctx.headerWord ?? headerRole;
  const { sheet } = ctx;
  const left = layout?.left ?? 0;
  const right = layout?.right ?? -1;
  const byWords = (role: ColumnRole): number | null =>
    layout?.columns.find((l) => !l.inherited && headerRole(l.header) === role)?.column ?? null;
  let afterAction = true;
  for (let r = fromRow; r < sheet.cells.length && rows.length < CONTENT_SAMPLE; r++) {
    if (toRow !== null && r > toRow) break;
    if (ctx.blockRows.has(r)) break;
    if (toRow === null) {
      if (totalsRowOf(sheet, r, fromRow - 1, left, right)) break;
      const cells = headerRowCells(sheet.cells[r], roleOf);
      if (cells) {
        const view: DataView = {
          left,
          right,
          refColumn: byWords("ref"),
          statusColumn: byWords("status"),
          dueColumn: byWords("due"),
          numberColumns: numberColumnsOf(sheet, rows, left, right),
          statusOf: (ctx.decision ?? NO_DECISION).clues.statusOf,
        };
        if (readHeaderLikeRow(sheet, r, view, cells, afterAction) === "header") break;
      }
      if (!isBlankWithin(sheet, r, left, right)) afterAction = loneCell(ctx, r, left, right) === null;
    }
    rows.push(r);
  }
  return rows;
}

/**
 * A table's columns with their roles: header words and contents scored together (column-roles.ts),
 * repeated period groups found (the latest is current; earlier ones are the actions' history), and a
 * Problem on each header cell whose role the reader is unsure of.
 */
function decideColumns(
  ctx: SheetContext,
  tableId: string,
  listObjectName: string | null,
  headerRow: number,
  layout: ReadonlyArray<{ column: number; header: string; inherited: boolean; period: string }>,
  sampleRows: readonly number[],
): { columns: TableColumn[]; problems: Problem[] } {
  const decision = ctx.decision ?? NO_DECISION;
  const values = (column: number): Array<CellSnapshot | null> =>
    sampleRows.map((r) => ctx.sheet.cells[r]?.[column] ?? null);

  // Periods: a header's own period words ("Q1 update") or a group header over it.
  const withPeriod = layout.map((l) => {
    if (l.period !== "") return { ...l, period: l.period.trim() };
    const role = headerRole(l.header);
    if (role === "update" || role === "status") {
      const p = periodOfHeader(l.header, role);
      if (p !== "" && looksLikePeriod(p)) return { ...l, period: p };
    }
    if (role === null && l.header !== "" && looksLikePeriod(l.header)) return { ...l, period: l.header };
    return l;
  });
  const periods = [...new Set(withPeriod.filter((l) => l.period !== "").map((l) => l.period))];
  const grouped = periods.length >= 2;
  const latest = periods[periods.length - 1] ?? "";
  const earlier = new Set(grouped ? periods.slice(0, -1) : []);

  const candidates: ColumnCandidate[] = withPeriod
    .filter((l) => !earlier.has(l.period))
    .map((l) => {
      const fixed = decision.storedRole(tableId, listObjectName, l.header);
      const periodOnly = grouped && l.period !== "" && headerRole(l.header) === null && l.header === l.period;
      return {
        column: l.column,
        header: l.header,
        inherited: l.inherited || periodOnly,
        values: values(l.column),
        ...(fixed !== undefined ? { fixed } : {}),
      };
    });
  const readings = new Map(assignColumnRoles(candidates, decision.clues).map((r) => [r.column, r]));

  const problems: Problem[] = [];
  const columns: TableColumn[] = withPeriod.map((l) => {
    const reading = readings.get(l.column);
    const role = reading?.role ?? null;
    if (
      grouped &&
      l.period !== "" &&
      (earlier.has(l.period) ||
        (l.period === latest && (role === "update" || role === "status" || role === null)))
    ) {
      const periodRole =
        role === "update" || role === "status"
          ? role
          : periodColumnRole(l.header, values(l.column), decision.clues);
      return { column: l.column, header: l.header, role, period: { label: l.period, role: periodRole } };
    }
    return { column: l.column, header: l.header, role };
  });
  for (const reading of readings.values()) {
    if (!reading.unsure || reading.role === null) continue;
    const header = layout.find((l) => l.column === reading.column)?.header ?? "";
    const cell = cellAddress(headerRow, reading.column);
    const { role, alternatives: others, byContents } = reading;
    const otherCells = reading.alternativeColumns.map((c) => cellAddress(headerRow, c));
    problems.push(
      others.length > 0
        ? problem(ctx.sheet.name, cell, "column/ambiguous", { header, role, others, otherCells })
        : problem(ctx.sheet.name, cell, "column/uncertain", { header, role, byContents }),
    );
  }
  const has = new Set(columns.map((c) => c.role));
  const missing = (["lead", "update", "status"] as const).filter((r) => !has.has(r));
  const unnamed = columns
    .filter((c) => c.role === null && c.period === undefined)
    .map((c) => c.header || `Column ${columnLetters(c.column)}`);
  if (missing.length > 0 && unnamed.length > 0) {
    const cell = cellAddress(headerRow, columns[0]?.column ?? 0);
    problems.push(problem(ctx.sheet.name, cell, "column/missing-role", { missing, unnamed }));
  }
  return { columns, problems };
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

/**
 * Words that open a section row when it is not merged: "Priority 1: …", "Theme 2 - …", "Strategic
 * objective A – …", "Outcome 3. …". The word, an optional number or letter, then a separator.
 */
const SECTION_WORDS =
  /^\s*(?:strategic\s+|key\s+)?(?:priority|priorities|theme|objective|outcome|aim|section|workstream|work\s+stream|strand|goal|area|commitment|pillar)\s*(?:\d+[a-z]?|[a-z]|one|two|three|four|five|six|seven|eight|nine|ten)?\s*[:.\-–—]\s*\S/i;

/** Longer than this, a lone cell is an action or a note, not a section's name. */
const MAX_SECTION_TEXT = 120;

/** The one cell with text in a row's table columns, or null when there are none or several. */
function loneCell(
  ctx: SheetContext,
  row: number,
  left: number,
  right: number,
): { at: number; text: string } | null {
  const cells = ctx.sheet.cells[row];
  if (!cells) return null;
  const end = Math.min(right, cells.length - 1);
  let at = -1;
  for (let c = left; c <= end; c++) {
    if (cellText(cells[c]).trim() === "") continue;
    if (at >= 0) return null;
    at = c;
  }
  return at < 0 ? null : { at, text: cellText(cells[at]).trim() };
}

/**
 * The text of a section row inside a table, or null: the row's only text in the table's columns, in
 * its first column or merged across at least half the table, and either merged so or worded as a
 * section ("Priority 1: …"). A lone action with nothing else filled in yet stays an action.
 */
function sectionText(ctx: SheetContext, row: number, left: number, right: number): string | null {
  const lone = loneCell(ctx, row, left, right);
  if (lone === null || lone.text.length > MAX_SECTION_TEXT) return null;
  const merge = ctx.merges.at(row, lone.at);
  const wide =
    merge !== null &&
    merge.top === row &&
    merge.left === lone.at &&
    (merge.right - merge.left + 1) * 2 >= right - left + 1;
  if (wide) return lone.text;
  return lone.at === left && SECTION_WORDS.test(lone.text) ? lone.text : null;
}

/**
 * The text of a section row inside an Excel table, or null: as sectionText reads one, or, since an
 * Excel table holds no merged cell (Apply schema unmerges a section row merged across the table), a
 * row whose only text names one of the themes the workbook lists (the Themes table Apply schema
 * writes from the sections it read), outside the table's theme column.
 */
function listObjectSectionText(
  ctx: SheetContext,
  row: number,
  left: number,
  right: number,
  shape: TableShape,
): string | null {
  const worded = sectionText(ctx, row, left, right);
  if (worded !== null || ctx.listedThemes === undefined || ctx.listedThemes.size === 0) return worded;
  const lone = loneCell(ctx, row, left, right);
  if (lone === null || lone.text.length > MAX_SECTION_TEXT) return null;
  if (shape.headers.get(lone.at)?.role === "theme") return null;
  return ctx.listedThemes.has(foldText(lone.text)) ? lone.text : null;
}

/**
 * How a note under a table opens: "Note:", "NB", "*", "Source:", "Prepared by", "Next review",
 * "Last updated", "Version", "Please", "Contact". Such a line alone in its row ends the table, even
 * when it sits in the action column of a table without refs.
 */
const NOTE_OPENING =
  /^(?:notes?\b|n\.?b\.?\b|\*|†|source\b|sources\b|prepared by\b|next review\b|last (?:updated|reviewed)\b|version\b|please\b|contact\b|for (?:questions|more information|further information)\b)/i;

/** Whether a row is a note under the table: its only text, in the table's first columns, opens as a note. */
function isNoteRow(ctx: SheetContext, row: number, left: number, right: number): boolean {
  const lone = loneCell(ctx, row, left, right);
  return lone !== null && NOTE_OPENING.test(lone.text);
}

/**
 * The text of a parent row in a numbered plan, or null: a ref and a title and nothing else ("1" |
 * "Reducing violence"), with the next row's ref numbered under it ("1.1", "1a"). It names the
 * priority of the actions under it, as a section row does.
 */
function parentRowText(
  ctx: SheetContext,
  row: number,
  left: number,
  right: number,
  shape: TableShape,
  last = Number.MAX_SAFE_INTEGER,
): string | null {
  if (shape.refColumn === null || shape.actionColumn === null) return null;
  const ref = rowText(ctx.sheet, row, shape.refColumn).trim();
  const title = rowText(ctx.sheet, row, shape.actionColumn).trim();
  if (ref === "" || ref.length > 12 || title === "" || title.length > MAX_SECTION_TEXT) return null;
  const cells = ctx.sheet.cells[row] ?? [];
  const end = Math.min(right, cells.length - 1);
  for (let c = left; c <= end; c++) {
    if (c !== shape.refColumn && c !== shape.actionColumn && cellText(cells[c]).trim() !== "") return null;
  }
  const next = nextFilledRow(ctx, row, left, right, last);
  if (next < 0) return null;
  const childRef = rowText(ctx.sheet, next, shape.refColumn).trim();
  const parent = ref.replace(/[.)]$/, "");
  if (childRef.length <= parent.length || !childRef.startsWith(parent)) return null;
  const joint = childRef.charAt(parent.length);
  return joint === "." || /[a-z]/i.test(joint) ? title : null;
}

/** The next row after `from`, up to `last`, with text in the table's columns, or -1. */
function nextFilledRow(
  ctx: SheetContext,
  from: number,
  left: number,
  right: number,
  last = Number.MAX_SAFE_INTEGER,
): number {
  for (let r = from + 1; r < ctx.sheet.cells.length && r <= from + 5 && r <= last; r++) {
    if (ctx.blockRows.has(r)) return -1;
    if (!isBlankWithin(ctx.sheet, r, left, right)) return r;
  }
  return -1;
}

/**
 * How many cells of a row's table columns hold text, counted up to `limit`: a section row has one, a
 * parent row two, so most action rows need not be read as either.
 */
function filledWithin(sheet: SheetSnapshot, row: number, left: number, right: number, limit: number): number {
  const cells = sheet.cells[row];
  if (!cells) return 0;
  const end = Math.min(right, cells.length - 1);
  let filled = 0;
  for (let c = left; c <= end && filled < limit; c++) {
    if (cellText(cells[c]).trim() !== "") filled++;
  }
  return filled;
}

function isBlankWithin(sheet: SheetSnapshot, row: number, left: number, right: number): boolean {
  return filledWithin(sheet, row, left, right, 1) === 0;
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
 * at least two cells, each equal to its column's header or wholly a header word for its column's role.
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
    if (foldsTo(text, header.folded)) {
      matched++;
      continue;
    }
    // Another whole header word for the column's role ("Recommendation" over "Action"), never an
    // action's text that holds one ("Action plan agreed").
    const role = headerRole(text);
    if (role === null || role !== header.role || !isWholeHeaderWord(text, role)) return false;
    matched++;
  }
  return matched >= 2;
}

export interface SheetContext {
  readonly sheet: SheetSnapshot;
  readonly merges: MergeIndex;
  /** Rows that open or belong to a legend, key or thematic-lead block: a table ends there. */
  readonly blockRows: ReadonlySet<number>;
  /** Content clues and the user's stored column roles; the reader's defaults when absent. */
  readonly decision?: ColumnDecision;
  /** Header words, the user's stored headers included; headerRole when absent. */
  readonly headerWord?: (text: string) => ColumnRole | null;
  /**
   * The workbook's themes as its Themes list names them (the Lists sheet Apply schema writes), folded:
   * inside an Excel table, where no cell can be merged, a row naming one alone is a section row.
   */
  readonly listedThemes?: ReadonlySet<string>;
}

function statusSourceOf(
  sheet: SheetSnapshot,
  columns: readonly TableColumn[],
  actionRows: readonly number[],
): ActionTable["statusSource"] {
  const statusColumn = columnOf(columns, "status");
  if (statusColumn === null) return "none";
  let anyFill = false;
  for (let i = 0; i < actionRows.length; i++) {
    const cell = sheet.cells[actionRows[i]!]?.[statusColumn] ?? null;
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

/** A ListObject's header name at a sheet column. */
function listObjectName(sheet: SheetSnapshot, t: TableSnapshot, column: number): string {
  return t.columnNames[column - t.range.left] ?? rowText(sheet, t.range.top, column);
}

/** The row above a ListObject when it is a group row over the table's names (isGroupRowAbove), or null. */
function listObjectGroupRow(ctx: SheetContext, t: TableSnapshot): number | null {
  const row = t.range.top - 1;
  const { left, right } = t.range;
  const nameAt = (c: number): string => listObjectName(ctx.sheet, t, c);
  return isGroupRowAbove(ctx.sheet, row, left, right, ctx.merges, nameAt) ? row : null;
}

/**
 * Tables the user (or the add-in) already made as ListObjects: used as they are when they hold actions,
 * a group row above the table's header read with its names (Apply schema keeps a two-row header so).
 */
function listObjectTable(ctx: SheetContext, t: TableSnapshot): DetectedTable | null {
  const { sheet } = ctx;
  const id = tableId(sheet.name, t.range.top, t.range.left);
  const groupRow = listObjectGroupRow(ctx, t);
  const layout = [];
  for (let i = 0; i <= t.range.right - t.range.left; i++) {
    const column = t.range.left + i;
    const name = listObjectName(sheet, t, column);
    const group =
      groupRow === null ? null : groupReading(headerText(sheet, groupRow, column, ctx.merges).text, name);
    layout.push(
      group === null
        ? { column, header: name, inherited: false, period: "" }
        : { column, header: group.header, inherited: group.header !== name, period: group.period },
    );
  }
  const sample = contentRows(ctx, t.range.top + 1, t.range.bottom);
  const { columns, problems } = decideColumns(ctx, id, t.name, t.range.top, layout, sample);
  // Like a header row, a ListObject is an action table when it has an action and another role.
  const roles = new Set(columns.map((c) => c.role).filter((r) => r !== null));
  if (!roles.has("action") || roles.size < 2) return null;
  const shape = tableShape(columns);
  const { left, right, bottom } = t.range;
  const actionRows: number[] = [];
  const blankRows: number[] = [];
  const skippedRows: number[] = [];
  const sections: Array<{ row: number; text: string }> = [];
  const isAction = (r: number): boolean =>
    isActionRowOf(sheet, r, columns, shape.actionColumn, shape.refColumn);
  const sectionOf = (r: number): string | null => listObjectSectionText(ctx, r, left, right, shape);
  for (let r = t.range.top + 1; r <= bottom; r++) {
    const filled = filledWithin(sheet, r, left, right, 3);
    if (filled === 0) {
      blankRows.push(r);
      continue;
    }
    // Section and parent rows are read as in a table found by its header (detectTables), so the plan
    // reads the same once Apply schema has made the table an Excel table, and after rows are added.
    const section = filled === 1 ? sectionOf(r) : null;
    if (section !== null) {
      const next = nextFilledRow(ctx, r, left, right, bottom);
      if (next >= 0 && sectionOf(next) === null && isAction(next)) {
        sections.push({ row: r, text: section });
        continue;
      }
    }
    const parent = filled <= 2 ? parentRowText(ctx, r, left, right, shape, bottom) : null;
    if (parent !== null) sections.push({ row: r, text: parent });
    else if (isAction(r)) actionRows.push(r);
    else skippedRows.push(r);
  }
  return {
    table: {
      id,
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
    sections,
    problems,
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
    // A group row over an action table's header is part of its header, never a table of its own.
    const groupRow = table ? listObjectGroupRow(ctx, t) : null;
    listObjectRows.push(groupRow === null ? t.range : { ...t.range, top: groupRow });
  }
  const inListObject = (r: number): boolean => {
    // Indexed: asked of every row, and a for…of makes an iterator result each time until optimised.
    for (let i = 0; i < listObjectRows.length; i++) {
      const g = listObjectRows[i]!;
      if (r >= g.top && r <= g.bottom) return true;
    }
    return false;
  };

  const roleOf = ctx.headerWord ?? headerRole;
  let titleFrom = 0;
  let r = 0;
  while (r < sheet.cells.length) {
    if (ctx.blockRows.has(r) || inListObject(r)) {
      r++;
      continue;
    }
    const headerCells = headerRowCells(sheet.cells[r], roleOf);
    if (!headerCells) {
      r++;
      continue;
    }
    const firstHeaderRow = r;
    const layout = headerLayout(sheet, firstHeaderRow, headerCells, ctx.merges);
    const headerRow = layout.lastHeaderRow;
    const left = layout.left;
    const right = layout.right;
    const id = tableId(sheet.name, firstHeaderRow, left);
    const sample = contentRows(ctx, headerRow + 1, null, layout);
    const decided = decideColumns(ctx, id, null, headerRow, layout.columns, sample);
    const columns = decided.columns;
    const shape = tableShape(columns);
    const actionRows: number[] = [];
    const skippedRows: number[] = [];
    const repeated: number[] = [];
    const blankRows: number[] = [];
    const sections: Array<{ row: number; text: string }> = [];
    let pendingBlanks: number[] = [];
    let lastRow = headerRow;
    const rowProblems: Problem[] = [];
    const view: DataView = {
      left,
      right,
      refColumn: shape.refColumn,
      statusColumn: columnOf(columns, "status"),
      dueColumn: columnOf(columns, "due"),
      numberColumns: numberColumnsOf(sheet, sample, left, right),
      statusOf: (ctx.decision ?? NO_DECISION).clues.statusOf,
    };
    // Whether the last row with text was an action (or the header): a header-like row right under one
    // reads as the table's next action more than as another table's header.
    let afterAction = true;
    /** How a row with header words reads here, or null when it has none. */
    const headerLike = (row: number, after: boolean): ReturnType<typeof readHeaderLikeRow> | null => {
      const cells = headerRowCells(sheet.cells[row], roleOf);
      return cells ? readHeaderLikeRow(sheet, row, view, cells, after) : null;
    };
    // The row under the header when it is another table's header: this header then heads nothing.
    let headerUnder = -1;
    r = headerRow + 1;
    for (; r < sheet.cells.length; r++) {
      if (ctx.blockRows.has(r) || inListObject(r)) break;
      const filled = filledWithin(sheet, r, left, right, 3);
      if (filled === 0) {
        pendingBlanks.push(r);
        continue;
      }
      // Totals under the actions ("Total actions | … | =COUNTA(E4:E10)") end the table and stay as they are.
      const totals = totalsRowOf(sheet, r, headerRow, left, right);
      if (totals !== null) {
        rowProblems.push(problem(sheet.name, cellAddress(r, left), "table/totals-row", totals));
        break;
      }
      if (isRepeatedHeader(sheet, r, shape) && dataColumnsOf(sheet, r, view).size === 0) {
        repeated.push(r);
        blankRows.push(...pendingBlanks);
        pendingBlanks = [];
        afterAction = true;
        continue;
      }
      const reading = headerLike(r, afterAction);
      if (reading === "header") {
        if (r === headerRow + 1) headerUnder = r;
        break;
      }
      if (reading === "unsure" && isActionRowOf(sheet, r, columns, shape.actionColumn, shape.refColumn)) {
        const words = (headerRowCells(sheet.cells[r], roleOf) ?? []).filter((c) => c.role !== null);
        rowProblems.push(
          problem(sheet.name, cellAddress(r, left), "row/header-like", { words: words.map((c) => c.text) }),
        );
        actionRows.push(r);
        blankRows.push(...pendingBlanks);
        pendingBlanks = [];
        lastRow = r;
        afterAction = true;
        continue;
      }
      afterAction = false;
      // A section row names the priority of the actions under it; after a blank row it goes on the
      // table only when an action follows it (else it is the title of what comes next).
      const section = filled === 1 ? sectionText(ctx, r, left, right) : null;
      if (section !== null) {
        const next = nextFilledRow(ctx, r, left, right);
        const actionNext =
          next >= 0 &&
          headerLike(next, false) !== "header" &&
          sectionText(ctx, next, left, right) === null &&
          isActionRowOf(sheet, next, columns, shape.actionColumn, shape.refColumn);
        if (actionNext) {
          sections.push({ row: r, text: section });
          blankRows.push(...pendingBlanks);
          pendingBlanks = [];
          continue;
        }
        if (pendingBlanks.length > 0) break;
      }
      const parent = filled <= 2 ? parentRowText(ctx, r, left, right, shape) : null;
      if (parent !== null) {
        sections.push({ row: r, text: parent });
        blankRows.push(...pendingBlanks);
        pendingBlanks = [];
        continue;
      }
      if (isActionRowOf(sheet, r, columns, shape.actionColumn, shape.refColumn)) {
        // A note typed under a table alone in its row ("Note: …") lands in the action column of a
        // table without refs: it ends the table rather than becoming an action.
        if (filled === 1 && isNoteRow(ctx, r, left, right)) break;
        actionRows.push(r);
        blankRows.push(...pendingBlanks);
        pendingBlanks = [];
        lastRow = r;
        afterAction = true;
        continue;
      }
      // Text after a blank row that is not an action is the title of what follows: the table ended.
      if (pendingBlanks.length > 0) break;
      skippedRows.push(r);
    }
    found.push({
      table: {
        id,
        sheet: sheet.name,
        headerRow,
        repeatedHeaderRows: repeated.filter((x) => x < lastRow),
        blankRows: blankRows.filter((x) => x < lastRow),
        range: { top: headerRow, left, bottom: lastRow, right },
        columns,
        statusSource: statusSourceOf(sheet, columns, actionRows),
        listObjectName: null,
        title: titleAbove(ctx, titleFrom, firstHeaderRow),
        period: null,
      },
      actionRows,
      skippedRows: skippedRows.filter((x) => x < lastRow),
      sections: sections.filter((x) => x.row < lastRow),
      problems:
        actionRows.length > 0
          ? [...decided.problems, ...rowProblems]
          : headerUnder >= 0
            ? // Two header rows read one under the other, not as a group row over names: the reader
              // took the lower one's names, and says so rather than choose in silence.
              [
                problem(sheet.name, cellAddress(firstHeaderRow, left), "table/header-over-header", {
                  words: headerCells.map((c) => c.text),
                  row: headerUnder + 1,
                }),
              ]
            : [],
    });
    titleFrom = lastRow + 1;
  }
  return found.sort(
    (a, b) => a.table.headerRow - b.table.headerRow || a.table.range.left - b.table.range.left,
  );
}
