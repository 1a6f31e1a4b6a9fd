/**
 * Apply schema: turn each detected action table into an Excel table with validation and conditional
 * formats, add the Lists sheet, and tidy what the user typed only where the schema needs it (canonical
 * status words, headers for blank or merged header cells, blank and repeated header rows closed up).
 */
import { cellAddress, quoteSheetName, rangeAddress } from "../basics/cell-address";
import { cellText } from "../basics/cell-text";
import { formulaReferences } from "../basics/formula-references";
import { listsSheetOps } from "./lists-sheet";
import type { ColumnOverride } from "../reading/column-mapping";
import { type MergeIndex, mergeIndexOf } from "../reading/detect-tables";
import type { Action, ActionTable, PlanModel } from "../basics/plan-model";
import { problem, type Problem } from "../basics/problem";
import type { CellSnapshot, GridRange, SheetSnapshot, WorkbookSnapshot } from "../basics/snapshot";
import { actionTableName, takenNames } from "../basics/table-names";
import { CANONICAL_HEADERS, SCHEMA_ROLES, tableSchemaOps, type TableSchemaColumn } from "./table-schema";
import type { CellWrite, WriteOp, WritePlan } from "../basics/write-plan";

export interface SchemaPlan {
  readonly plan: WritePlan;
  readonly problems: Problem[];
  /** True when the workbook already has the schema: the plan then has no ops. */
  readonly alreadyApplied: boolean;
}

/** A formula's reference to a sheet's cells, with where the formula is ("Dashboard!B4", or a name). */
interface ReferenceInto {
  readonly from: string;
  /** Rows and columns referred to (0-based); null for a whole-row or whole-column end. */
  readonly top: number | null;
  readonly bottom: number | null;
  readonly left: number | null;
  readonly right: number | null;
}

/** The two ends in order, or null when either is open (a whole row's columns, a whole column's rows). */
function span(a: number | null, b: number | null): readonly [number, number] | null {
  return a === null || b === null ? null : a <= b ? [a, b] : [b, a];
}

/**
 * Every reference the workbook's cell formulas and defined names make to each sheet, by sheet name.
 * A defined name's reference without a sheet is left out: it reads from whichever sheet uses it.
 */
function referencesBySheet(snapshot: WorkbookSnapshot): Map<string, ReferenceInto[]> {
  const out = new Map<string, ReferenceInto[]>();
  const add = (formula: string, own: string | null, from: string): void => {
    for (const ref of formulaReferences(formula.replace(/^=/, ""))) {
      const sheet = ref.sheet ?? own;
      if (sheet === null) continue;
      const to = ref.to ?? ref.from;
      const rows = span(ref.from.row, to.row);
      const columns = span(ref.from.column, to.column);
      let list = out.get(sheet);
      if (list === undefined) out.set(sheet, (list = []));
      list.push({
        from,
        top: rows?.[0] ?? null,
        bottom: rows?.[1] ?? null,
        left: columns?.[0] ?? null,
        right: columns?.[1] ?? null,
      });
    }
  };
  for (const sheet of snapshot.sheets) {
    sheet.cells.forEach((line, r) =>
      line.forEach((cell, c) => {
        if (cell?.formula)
          add(cell.formula, sheet.name, `${quoteSheetName(sheet.name)}!${cellAddress(r, c)}`);
      }),
    );
  }
  for (const name of snapshot.names) add(name.formula, null, name.name);
  return out;
}

/**
 * The formulas (and names) that would read other cells once rows `first`…`bottom` of columns
 * `left`…`right` change places: those referring to cells there, unless whole columns, or a range
 * over every row of the table's body (`bodyTop`…`bottom`), which holds the same cells after the move.
 */
function referencesBroken(
  refs: readonly ReferenceInto[],
  block: { first: number; bodyTop: number; bottom: number; left: number; right: number },
): string[] {
  const out = new Set<string>();
  for (const ref of refs) {
    if (ref.top === null || ref.bottom === null) continue;
    if (ref.top > block.bottom || ref.bottom < block.first) continue;
    if (ref.left !== null && ref.right !== null && (ref.left > block.right || ref.right < block.left))
      continue;
    if (ref.top <= block.bodyTop && ref.bottom >= block.bottom) continue;
    out.add(ref.from);
  }
  return [...out];
}

interface TablePlan {
  readonly ops: WriteOp[];
  readonly problems: Problem[];
}

const at = (sheet: SheetSnapshot, row: number, column: number): CellSnapshot | null =>
  sheet.cells[row]?.[column] ?? null;
const isEmpty = (cell: CellSnapshot | null): boolean => cellText(cell).trim() === "";

/**
 * The cell an action's status is read from in `column`: the cell itself, or the first cell of a merge
 * over it (a status merged down over two actions is both actions' status).
 */
function statusCellOf(
  sheet: SheetSnapshot,
  merges: MergeIndex,
  row: number,
  column: number,
): CellSnapshot | null {
  const merge = merges.at(row, column);
  return merge === null ? at(sheet, row, column) : at(sheet, merge.top, merge.left);
}
const single = (row: number, column: number): GridRange => ({
  top: row,
  left: column,
  bottom: row,
  right: column,
});
const intersects = (a: GridRange, b: GridRange): boolean =>
  a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

function listRows(rows: readonly number[]): string {
  const shown = rows.map((r) => String(r + 1));
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1] ?? ""}`;
}

function listCells(cells: readonly string[]): string {
  return cells.length > 6 ? `${cells.slice(0, 6).join(", ")} and ${cells.length - 6} more` : cells.join(", ");
}

/** A blank cell's write: one for every blank cell a move keeps (writes are read, never changed). */
const BLANK: CellWrite = { kind: "blank" };

/** The cell as a write that keeps it as it is: text stays text, a formula keeps its formula. */
function keepCell(cell: CellSnapshot | null): CellWrite {
  if (cell === null) return BLANK;
  if (cell.formula !== null) {
    const cached = typeof cell.value === "boolean" ? String(cell.value) : cell.value;
    return { kind: "formula", formula: cell.formula, cached };
  }
  if (cell.value === null || cell.value === "") return BLANK;
  if (typeof cell.value === "string") return { kind: "text", text: cell.value };
  if (typeof cell.value === "boolean") return { kind: "boolean", value: cell.value };
  return { kind: "number", value: cell.value, numberFormat: cell.numberFormat };
}

/** "row 4" or "rows 4–9", for 0-based first and last rows. */
function rowSpan(first: number, last: number): string {
  return first === last ? `row ${first + 1}` : `rows ${first + 1}–${last + 1}`;
}

const NO_MERGES = { mergedAway: (): boolean => false };

/**
 * Merges on the sheet within `area`, and whether a cell of it is hidden under a merge (not its top-left
 * cell). Asked of every cell of the rows a table moves (tens of thousands): a plain loop over the few
 * merges that reach the area, with no function made per cell.
 */
function mergeInfo(
  sheet: SheetSnapshot,
  area: GridRange,
): { mergedAway(row: number, column: number): boolean } {
  const near = sheet.merges.filter((m) => intersects(m, area));
  if (near.length === 0) return NO_MERGES;
  return {
    mergedAway: (row, column) => {
      for (let i = 0; i < near.length; i++) {
        const m = near[i]!;
        if (
          row >= m.top &&
          row <= m.bottom &&
          column >= m.left &&
          column <= m.right &&
          !(row === m.top && column === m.left)
        )
          return true;
      }
      return false;
    },
  };
}

/** Named at the table's first header cell, so the Check pane can take the user there. */
function protectedSheetProblem(sheet: string, table: ActionTable): Problem {
  return problem(sheet, cellAddress(table.range.top, table.range.left), "write/protected-sheet", {
    sheet,
    operation: "Apply schema",
  });
}

/**
 * The status word to write for an action in its Status column's cell `cell`, with its note, or null
 * when the cell stays as it is. A status guessed from a fill is not written: writing it would make the
 * guess the cell's word and clear the colour the user chose, so the cell keeps its fill and the guess
 * stays a reported problem until a person types the status. Nor is a status the cell does not hold: in
 * a quarterly table whose latest rating is blank it was read from an earlier quarter's column, and
 * writing it here would make up a rating for the latest quarter.
 */
function statusChange(action: Action, cell: CellSnapshot | null): { word: string; note: string } | null {
  if (action.status === null || action.statusGuessed) return null;
  const typed = cellText(cell);
  if (action.statusFromFill ? typed.trim() !== "" || !cell?.fill : typed !== action.statusText) return null;
  if (action.statusFromFill) return { word: action.status, note: `fill colour → '${action.status}'` };
  if (action.statusText !== null && action.statusText !== action.status) {
    return { word: action.status, note: `'${action.statusText}' → '${action.status}'` };
  }
  return null;
}

/** Headers for the table's own columns: the user's words, canonical names where blank or merged, unique. */
function headerNames(sheet: SheetSnapshot, table: ActionTable, used: Set<string>): string[] {
  const names: string[] = [];
  table.columns.forEach((col, i) => {
    const cell = at(sheet, table.headerRow, col.column);
    const underMerge = sheet.merges.some(
      (m) =>
        m.left !== m.right &&
        table.headerRow >= m.top &&
        table.headerRow <= m.bottom &&
        col.column >= m.left &&
        col.column <= m.right,
    );
    const own = cellText(cell);
    const base =
      own.trim() === "" || underMerge ? (col.role ? CANONICAL_HEADERS[col.role] : `Column${i + 1}`) : own;
    names.push(uniqueHeader(base, used));
  });
  return names;
}

function uniqueHeader(base: string, used: Set<string>): string {
  let name = base;
  for (let n = 2; used.has(name.trim().toLowerCase()); n++) name = `${base} ${n}`;
  used.add(name.trim().toLowerCase());
  return name;
}

function planExistingListObject(
  sheet: SheetSnapshot,
  table: ActionTable,
  actions: readonly Action[],
): TablePlan {
  const ops: WriteOp[] = [];
  const problems: Problem[] = [];
  const listObject = sheet.tables.find((t) => t.name === table.listObjectName);
  const range = listObject?.range ?? table.range;
  const statusColumn = table.columns.find((c) => c.role === "status")?.column ?? null;
  if (statusColumn === null) {
    problems.push(
      problem(sheet.name, cellAddress(range.top, range.right), "schema/missing-column", {
        table: table.listObjectName ?? "",
        sheet: sheet.name,
        nextCell: cellAddress(range.top, range.right + 1),
      }),
    );
  } else {
    ops.push(...statusOps(sheet, actions, statusColumn, (row) => row));
  }
  if (range.bottom > range.top) {
    ops.push(...tableSchemaOps({ sheet: sheet.name, range, columns: table.columns, tableName: null }));
  }
  return { ops, problems };
}

function statusOps(
  source: SheetSnapshot,
  actions: readonly Action[],
  statusColumn: number,
  newRow: (row: number) => number,
): WriteOp[] {
  const ops: WriteOp[] = [];
  const sheet = source.name;
  const merges = mergeIndexOf(source.merges);
  for (const action of actions) {
    const change = statusChange(action, statusCellOf(source, merges, action.row, statusColumn));
    if (!change) continue;
    const row = newRow(action.row);
    ops.push({
      kind: "writeCells",
      sheet,
      row,
      column: statusColumn,
      cells: [[{ kind: "text", text: change.word }]],
      note: `${cellAddress(row, statusColumn)}: ${change.note}`,
    });
    if (action.statusFromFill) {
      ops.push({
        kind: "styleRange",
        sheet,
        range: single(row, statusColumn),
        style: { fill: null },
        note: "",
      });
    }
  }
  return ops;
}

function planTable(
  sheet: SheetSnapshot,
  table: ActionTable,
  actions: readonly Action[],
  taken: Set<string>,
  referencesInto: (sheet: string) => readonly ReferenceInto[],
): TablePlan {
  if (table.listObjectName !== null) return planExistingListObject(sheet, table, actions);
  const ops: WriteOp[] = [];
  const problems: Problem[] = [];
  const { top, left, bottom, right } = table.range;
  const merges = mergeInfo(sheet, table.range);

  // Columns the schema needs that the table lacks go to its right, only onto empty cells.
  const roles = new Set(table.columns.map((c) => c.role));
  const added = SCHEMA_ROLES.filter((r) => !roles.has(r)).map((role, i) => ({ role, column: right + 1 + i }));
  if (added.length > 0) {
    const area: GridRange = { top, left: right + 1, bottom, right: right + added.length };
    const inTheWay: string[] = [];
    for (let r = top; r <= bottom; r++) {
      for (let c = area.left; c <= area.right; c++)
        if (!isEmpty(at(sheet, r, c))) inTheWay.push(cellAddress(r, c));
    }
    const mergedInTheWay = sheet.merges.filter((m) => intersects(m, area)).map(rangeAddress);
    if (inTheWay.length > 0 || mergedInTheWay.length > 0) {
      const cells = [...inTheWay, ...mergedInTheWay];
      return {
        ops: [],
        problems: [
          problem(sheet.name, cells[0] ?? "", "schema/columns-in-the-way", {
            range: rangeAddress(table.range),
            sheet: sheet.name,
            columns: added.map((a) => CANONICAL_HEADERS[a.role]).join(", "),
            cells: listCells(cells),
            count: cells.length,
          }),
        ],
      };
    }
  }
  const lastColumn = right + added.length;

  // Blank and repeated header rows close up, unless a cell beside a row that would move is in use.
  const removed = [...new Set([...table.repeatedHeaderRows, ...table.blankRows])]
    .filter((r) => r > top && r <= bottom)
    .sort((a, b) => a - b);
  const closing = new Set(removed);
  const kept: number[] = [];
  for (let r = top + 1; r <= bottom; r++) if (!closing.has(r)) kept.push(r);
  const moving = kept.filter((r, i) => r !== top + 1 + i);
  let compact = removed.length > 0;
  if (moving.length > 0) {
    const beside: string[] = [];
    for (const r of moving) {
      // The row's cells left of the table and right of its new columns, then its error values.
      const cells = sheet.cells[r] ?? [];
      for (let c = 0; c < Math.max(cells.length, lastColumn + 1); c++) {
        if (c === left) c = lastColumn;
        else if (!isEmpty(cells[c] ?? null)) beside.push(cellAddress(r, c));
      }
      for (let c = left; c <= right; c++) {
        const cell = cells[c];
        if (cell?.isError && !cell.formula) beside.push(cellAddress(r, c));
      }
    }
    if (beside.length > 0) {
      compact = false;
      problems.push(
        problem(sheet.name, beside[0] ?? "", "schema/rows-not-moved", {
          rows: listRows(removed),
          sheet: sheet.name,
          cells: listCells(beside),
        }),
      );
    }
  }
  if (compact) {
    // A formula that reads a cell the closing up moves would read another cell after it (the moved
    // cells' formulas keep their text, and nothing rewrites the formulas that point at them), so the
    // rows stay where they are; deleting the rows in Excel updates every formula.
    const broken = referencesBroken(referencesInto(sheet.name), {
      first: removed[0] ?? bottom + 1,
      bodyTop: top + 1,
      bottom,
      left,
      right,
    });
    if (broken.length > 0) {
      compact = false;
      problems.push(
        problem(sheet.name, cellAddress(removed[0] ?? top, left), "schema/rows-referenced", {
          rows: listRows(removed),
          sheet: sheet.name,
          formulas: listCells(broken),
        }),
      );
    }
  }
  const newRowOf = new Map<number, number>();
  kept.forEach((r, i) => newRowOf.set(r, compact ? top + 1 + i : r));
  const newBottom = compact ? top + kept.length : bottom;
  if (newBottom <= top) {
    return {
      ops: [],
      problems: [
        problem(sheet.name, cellAddress(top, left), "schema/no-rows", {
          cell: cellAddress(top, left),
          sheet: sheet.name,
        }),
      ],
    };
  }

  // Merges inside the footprint are undone first; the value stays in the top-left cell. Excel below
  // ExcelApi 1.13 reads no merges, so the snapshot may show none where there are some, and tables.add
  // over a merged cell fails (MergedRangeConflict) half-way through: the whole footprint is unmerged
  // too, on every host (a no-op where nothing is merged, and left out of the preview).
  const footprint: GridRange = { top, left, bottom, right: lastColumn };
  for (const m of sheet.merges) {
    if (intersects(m, footprint)) {
      ops.push({ kind: "unmerge", sheet: sheet.name, range: m, note: `Unmerge ${rangeAddress(m)}` });
    }
  }
  ops.push({ kind: "unmerge", sheet: sheet.name, range: footprint, note: "" });

  if (compact) {
    const firstMoved = moving[0] ?? bottom + 1;
    const blockTop = newRowOf.get(firstMoved) ?? newBottom + 1;
    const rowsMoved = kept.filter((r) => r >= firstMoved);
    const repeated = removed.filter((r) => table.repeatedHeaderRows.includes(r));
    const blanks = removed.filter((r) => !table.repeatedHeaderRows.includes(r));
    const closed = [
      blanks.length > 0 ? `blank row${blanks.length > 1 ? "s" : ""} ${listRows(blanks)}` : "",
      repeated.length > 0 ? `repeated header${repeated.length > 1 ? "s" : ""} ${listRows(repeated)}` : "",
    ]
      .filter(Boolean)
      .join(" and ");
    if (rowsMoved.length > 0) {
      // The actions move with their formats; the rows they leave (a repeated header's grey fill) are cleared.
      ops.push({
        kind: "moveRows",
        sheet: sheet.name,
        range: { top: blockTop, left, bottom, right },
        rows: rowsMoved,
        cells: rowsMoved.map((r) => {
          const line: CellWrite[] = [];
          const cells = sheet.cells[r];
          for (let c = left; c <= right; c++)
            line.push(merges.mergedAway(r, c) ? BLANK : keepCell(cells?.[c] ?? null));
          return line;
        }),
        note: `Move ${rowsMoved.length} action row${rowsMoved.length > 1 ? "s" : ""} up on '${sheet.name}' to close ${closed} (${rowSpan(blockTop, newBottom)} now; ${rowSpan(newBottom + 1, bottom)} cleared)`,
      });
    } else {
      ops.push({
        kind: "clearRange",
        sheet: sheet.name,
        range: { top: blockTop, left, bottom, right },
        note: `Clear ${closed} at the bottom of the table on '${sheet.name}'`,
      });
    }
  }

  // Headers: the user's words kept; blank or merged header cells and added columns get canonical names.
  const used = new Set<string>();
  const names = headerNames(sheet, table, used);
  const headerWrites: Array<{ column: number; text: string }> = [];
  table.columns.forEach((col, i) => {
    const name = names[i] ?? "";
    const cell = at(sheet, top, col.column);
    if (merges.mergedAway(top, col.column) || cell?.value !== name || cell.formula !== null) {
      headerWrites.push({ column: col.column, text: name });
    }
  });
  for (const a of added)
    headerWrites.push({ column: a.column, text: uniqueHeader(CANONICAL_HEADERS[a.role], used) });
  for (const w of headerWrites) {
    const was = cellText(at(sheet, top, w.column));
    const isAdded = added.some((a) => a.column === w.column);
    ops.push({
      kind: "writeCells",
      sheet: sheet.name,
      row: top,
      column: w.column,
      cells: [[{ kind: "text", text: w.text }]],
      note: isAdded
        ? `Add the column '${w.text}' at ${cellAddress(top, w.column)} on '${sheet.name}'`
        : `Header ${cellAddress(top, w.column)} on '${sheet.name}': ${was.trim() === "" ? "blank" : `'${was}'`} → '${w.text}'`,
    });
  }

  // Statuses: fill-only and typed variants become the canonical word; unreadable ones stay as typed.
  const statusColumn =
    table.columns.find((c) => c.role === "status")?.column ??
    added.find((a) => a.role === "status")?.column ??
    null;
  if (statusColumn !== null) {
    ops.push(...statusOps(sheet, actions, statusColumn, (row) => newRowOf.get(row) ?? row));
  }

  const columns: TableSchemaColumn[] = [
    ...table.columns.map((c) => ({ column: c.column, role: c.role })),
    ...added.map((a) => ({ column: a.column, role: a.role })),
  ];
  ops.push(
    ...tableSchemaOps({
      sheet: sheet.name,
      range: { top, left, bottom: newBottom, right: lastColumn },
      columns,
      tableName: actionTableName(sheet.name, taken),
    }),
  );
  return { ops, problems };
}

/** True when a table needs nothing: already a ListObject, with the columns and status words the schema wants. */
function tableIsApplied(
  sheet: SheetSnapshot | undefined,
  table: ActionTable,
  actions: readonly Action[],
): boolean {
  if (table.listObjectName === null || sheet === undefined) return false;
  const roles = new Set(table.columns.map((c) => c.role));
  if (!SCHEMA_ROLES.every((r) => roles.has(r))) return false;
  const statusColumn = table.columns.find((c) => c.role === "status")?.column ?? -1;
  const merges = mergeIndexOf(sheet.merges);
  return actions.every((a) => statusChange(a, statusCellOf(sheet, merges, a.row, statusColumn)) === null);
}

/**
 * Whether the workbook already has the schema: every action table is an Excel table with Lead,
 * Update and Status columns and canonical status words, and the Lists sheet has every row and name.
 * The pane uses it to show "Schema applied" instead of the button.
 *
 * @example
 * isSchemaApplied(snapshot, readPlan(snapshot)) // false for a workbook as the partnership keeps it
 */
export function isSchemaApplied(
  snapshot: WorkbookSnapshot,
  model: PlanModel,
  columnOverrides: readonly ColumnOverride[] = [],
): boolean {
  if (model.tables.length === 0) return false;
  const byTable = actionsByTable(model);
  const applied = model.tables.every((t) =>
    tableIsApplied(
      snapshot.sheets.find((s) => s.name === t.sheet),
      t,
      byTable.get(t.id) ?? [],
    ),
  );
  return applied && listsSheetOps(snapshot, model, columnOverrides).ops.length === 0;
}

/** Each table's actions in the model's order, in one pass over the actions (not one per table). */
function actionsByTable(model: PlanModel): Map<string, Action[]> {
  const byTable = new Map<string, Action[]>();
  for (const action of model.actions) {
    const actions = byTable.get(action.tableId);
    if (actions === undefined) byTable.set(action.tableId, [action]);
    else actions.push(action);
  }
  return byTable;
}

/**
 * The write plan that applies the schema (see the module comment), with the problems that kept parts
 * of it from being made. Sheets that are protected get no op and a "write/protected-sheet" problem.
 * A workbook that already has the schema gives alreadyApplied: true and a plan with no ops.
 *
 * @example
 * const { plan, problems } = planApplySchema(snapshot, readPlan(snapshot));
 * describeWritePlan(plan) // ["Make A7:E24 on 'Action Plan 2009' an Excel table named …", …]
 */
export function planApplySchema(
  snapshot: WorkbookSnapshot,
  model: PlanModel,
  columnOverrides: readonly ColumnOverride[] = [],
): SchemaPlan {
  const title = "Apply schema";
  if (isSchemaApplied(snapshot, model, columnOverrides))
    return { plan: { title, ops: [] }, problems: [], alreadyApplied: true };
  const problems: Problem[] = [];
  if (model.tables.length === 0) {
    problems.push(problem("", "", "schema/no-table"));
    return { plan: { title, ops: [] }, problems, alreadyApplied: false };
  }
  // The Lists sheet and its names come first: a list validation's source (=StatusList, =LeadCodes)
  // must name something when Excel sets it (issue 18 item 7).
  const lists = listsSheetOps(snapshot, model, columnOverrides);
  const ops: WriteOp[] = [...lists.ops];
  const taken = takenNames(snapshot);
  for (const op of lists.ops) if (op.kind === "addTable") taken.add(op.name.toLowerCase());
  const reportedProtected = new Set<string>();
  const byTable = actionsByTable(model);
  let references: Map<string, ReferenceInto[]> | null = null;
  const referencesInto = (name: string): readonly ReferenceInto[] =>
    (references ??= referencesBySheet(snapshot)).get(name) ?? [];
  let tablesDone = 0;
  for (const table of model.tables) {
    const sheet = snapshot.sheets.find((s) => s.name === table.sheet);
    if (!sheet) continue;
    if (sheet.isProtected) {
      if (!reportedProtected.has(sheet.name)) problems.push(protectedSheetProblem(sheet.name, table));
      reportedProtected.add(sheet.name);
      continue;
    }
    const result = planTable(sheet, table, byTable.get(table.id) ?? [], taken, referencesInto);
    if (result.ops.length > 0) tablesDone++;
    ops.push(...result.ops);
    problems.push(...result.problems);
  }
  problems.push(...lists.problems);
  const planTitle = `Apply schema to ${tablesDone} table${tablesDone === 1 ? "" : "s"}`;
  return { plan: { title: planTitle, ops }, problems, alreadyApplied: false };
}
