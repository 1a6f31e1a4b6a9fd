/**
 * Carry-over: every action on a sheet that is not Complete goes to the new year's sheet, with where it
 * came from ("Carried from") and its last update ("Previous update"); the old sheet stays as the record.
 */
import { cellAddress, rangeAddress } from "./cell-address";
import { cellAt, cellText, foldText } from "./cell-text";
import { nextPeriodSheetName, nextPeriodText, sheetNameProblem } from "./period-names";
import type { Action, ActionTable, ColumnRole, PlanModel } from "./plan-model";
import { problem, type Problem } from "./problem";
import type { GridRange, SheetSnapshot, WorkbookSnapshot } from "./snapshot";
import type { CellWrite, WriteOp, WritePlan } from "./write-plan";
import { CANONICAL_HEADERS, SCHEMA_ROLES, tableSchemaOps } from "./table-schema";
import { actionTableName, takenNames } from "./table-names";
import { listsSheetOps } from "./lists-sheet";
import { CARRIED_FROM_HEADER, carriedFromLabel } from "./carried-from";

// The lineage label's format has its own module, which status history reads without the rest of carry-over.
export { CARRIED_FROM_HEADER, carriedFromLabel, parseCarriedFrom } from "./carried-from";
export const PREVIOUS_UPDATE_HEADER = "Previous update";

export interface CarryOverOptions {
  /** The sheet whose outstanding actions are carried. */
  readonly fromSheet: string;
  /** The new year's sheet; by default the period after the source's (nextPeriodSheetName). */
  readonly toSheet?: string;
  /** Renumber as N.1, N.2 … under a parent row "Carried over from <source>" (N: the next whole ref). */
  readonly renumber: boolean;
  /**
   * The actions the user unticked in the preview, as actionIdentity gives them (never cell addresses:
   * a co-author inserting a row between preview and apply must not change which action is left out).
   */
  readonly exclude?: readonly string[];
}

export interface CarryOverPlan {
  readonly plan: WritePlan;
  readonly targetSheet: string;
  /** The actions this plan carries (none when a problem stops it). */
  readonly carried: Action[];
  /** Outstanding actions the target already holds (matched by Carried from): not carried again. */
  readonly alreadyThere: Action[];
  readonly problems: Problem[];
}

const LINEAGE_HEADERS = [foldText(CARRIED_FROM_HEADER), foldText(PREVIOUS_UPDATE_HEADER)];

const COLUMN_WIDTHS: Readonly<Record<ColumnRole | "extra" | "carriedFrom" | "previousUpdate", number>> = {
  ref: 9,
  action: 60,
  lead: 18,
  update: 45,
  status: 13,
  due: 13,
  theme: 20,
  extra: 30,
  carriedFrom: 20,
  previousUpdate: 45,
};

/** One column of the carried table. */
interface CarryColumn {
  readonly key: string;
  readonly header: string;
  readonly kind: ColumnRole | "extra" | "carriedFrom" | "previousUpdate";
  /** For an extra column: the source header its values are kept under in Action.extra. */
  readonly sourceHeader: string | null;
}

/** One row to write: a carried action, or the renumbering parent row. */
type CarryRow =
  | { readonly kind: "action"; readonly action: Action; readonly ref: string | null }
  | { readonly kind: "parent"; readonly ref: string; readonly text: string };

/**
 * The actions on `sheet` that are not Complete, in row order: a blank or unreadable status counts
 * as outstanding (nobody has said it is done).
 *
 * @example outstandingActions(model, "2011-12") → the Red, Amber, Green, Not started and unset actions
 */
export function outstandingActions(model: PlanModel, sheet: string): Action[] {
  return model.actions.filter((a) => a.sheet === sheet && a.status !== "Complete");
}

/**
 * What names an action on its sheet across edits: its ref ("ref:4.2"), else its action text with case
 * and spacing folded ("text:develop a risk register"). Rows move; these do not.
 */
export function actionIdentity(action: Pick<Action, "ref" | "action">): string {
  const ref = action.ref?.trim() ?? "";
  return ref !== "" ? `ref:${ref}` : `text:${foldText(action.action.replace(/\s+/g, " ").trim())}`;
}

function keyOf(role: ColumnRole | null, header: string): string {
  return role !== null ? `role:${role}` : `extra:${foldText(header)}`;
}

/** The header a source column keeps on the new sheet: the user's words, unless blank or shared (merged). */
function sourceHeader(table: ActionTable, index: number): string {
  const column = table.columns[index];
  if (column === undefined) return "";
  const text = column.header.trim();
  const shared = table.columns.some((c, i) => i !== index && c.header.trim() === text);
  if (column.role !== null && (text === "" || shared)) return CANONICAL_HEADERS[column.role];
  return text === "" ? `Column ${index + 1}` : text;
}

/**
 * The carried table's columns: the source tables' columns as a union (the first table's order, each
 * further column placed after the column it follows in its own table), then Lead, Update and Status
 * when missing, then Carried from and Previous update (a source's own lineage columns are left out).
 * Headers are made unique as Excel requires.
 */
function carryColumns(tables: readonly ActionTable[], renumber: boolean): CarryColumn[] {
  const columns: CarryColumn[] = [];
  for (const table of tables) {
    let insertAt = 0;
    table.columns.forEach((c, i) => {
      // A sheet that was itself carried over: its lineage is superseded by this carry's (and stays on it).
      if (c.role === null && LINEAGE_HEADERS.includes(foldText(c.header))) return;
      const header = sourceHeader(table, i);
      const key = keyOf(c.role, header);
      const existing = columns.findIndex((x) => x.key === key);
      if (existing >= 0) {
        insertAt = existing + 1;
        return;
      }
      columns.splice(insertAt, 0, {
        key,
        header,
        kind: c.role ?? "extra",
        sourceHeader: c.role === null ? c.header : null,
      });
      insertAt += 1;
    });
  }
  if (renumber && !columns.some((c) => c.kind === "ref")) {
    columns.unshift({ key: "role:ref", header: CANONICAL_HEADERS.ref, kind: "ref", sourceHeader: null });
  }
  for (const role of SCHEMA_ROLES) {
    if (!columns.some((c) => c.kind === role)) {
      columns.push({ key: `role:${role}`, header: CANONICAL_HEADERS[role], kind: role, sourceHeader: null });
    }
  }
  columns.push(
    { key: "carriedFrom", header: CARRIED_FROM_HEADER, kind: "carriedFrom", sourceHeader: null },
    { key: "previousUpdate", header: PREVIOUS_UPDATE_HEADER, kind: "previousUpdate", sourceHeader: null },
  );
  const seen = new Set<string>();
  return columns.map((c) => {
    let header = c.header;
    for (let n = 2; seen.has(header.toLowerCase()); n++) header = `${c.header} (${n})`;
    seen.add(header.toLowerCase());
    return header === c.header ? c : { ...c, header };
  });
}

function text(value: string | null | undefined): CellWrite {
  return value === null || value === undefined || value === ""
    ? { kind: "blank" }
    : { kind: "text", text: value };
}

function cellFor(column: CarryColumn, row: CarryRow): CellWrite {
  if (row.kind === "parent") {
    if (column.kind === "ref") return { kind: "text", text: row.ref };
    if (column.kind === "action") return { kind: "text", text: row.text };
    return { kind: "blank" };
  }
  const a = row.action;
  switch (column.kind) {
    case "ref":
      return text(row.ref);
    case "action":
      return text(a.action);
    case "lead":
      return text(a.lead);
    case "update":
      return { kind: "blank" };
    case "status":
      // An unreadable status ("TBC") is kept as typed: validation and the check flag it on the new sheet.
      return text(a.status ?? a.statusText);
    case "due":
      return a.due !== null && /^\d{4}-\d{2}-\d{2}$/.test(a.due) ? { kind: "date", iso: a.due } : text(a.due);
    case "theme":
      return text(a.theme);
    case "extra":
      return text(column.sourceHeader === null ? null : a.extra[column.sourceHeader]);
    case "carriedFrom":
      return { kind: "text", text: carriedFromLabel(a) };
    case "previousUpdate":
      return text(a.update);
  }
}

function findSheet(snapshot: WorkbookSnapshot, name: string): SheetSnapshot | undefined {
  const lower = name.toLowerCase();
  return snapshot.sheets.find((s) => s.name.toLowerCase() === lower);
}

/** The rows to write, renumbered under a parent row when asked. */
function carryRows(
  actions: readonly Action[],
  renumber: boolean,
  parentRef: number,
  source: string,
): CarryRow[] {
  if (!renumber) return actions.map((action) => ({ kind: "action", action, ref: action.ref }));
  return [
    { kind: "parent", ref: String(parentRef), text: `Carried over from ${source}` },
    ...actions.map((action, i): CarryRow => ({ kind: "action", action, ref: `${parentRef}.${i + 1}` })),
  ];
}

/** A carry-over target's table: a table on the target sheet with a Carried from column. */
interface TargetTable {
  readonly table: ActionTable;
  /** The range to append below: the ListObject's when there is one. */
  readonly range: GridRange;
  readonly carriedFromColumn: number;
}

function targetTables(snapshot: WorkbookSnapshot, model: PlanModel, sheet: SheetSnapshot): TargetTable[] {
  const out: TargetTable[] = [];
  for (const table of model.tables) {
    if (table.sheet !== sheet.name) continue;
    const carried = table.columns.find((c) => foldText(c.header) === foldText(CARRIED_FROM_HEADER));
    if (carried === undefined) continue;
    const listObject = sheet.tables.find((t) => t.name === table.listObjectName);
    out.push({ table, range: listObject?.range ?? table.range, carriedFromColumn: carried.column });
  }
  return out;
}

/** The Carried from labels already on the target (read from the cells, so rows the reader skipped count too). */
function carriedLabels(sheet: SheetSnapshot, tables: readonly TargetTable[]): Set<string> {
  const labels = new Set<string>();
  for (const t of tables) {
    for (let r = t.table.headerRow + 1; r <= t.range.bottom; r++) {
      const label = cellText(cellAt(sheet, r, t.carriedFromColumn)).trim();
      if (label !== "") labels.add(label);
    }
  }
  return labels;
}

/** One more than the largest whole-number ref in the table's ref column (1 when there is none). */
function nextParentRef(sheet: SheetSnapshot, target: TargetTable): number {
  const refColumn = target.table.columns.find((c) => c.role === "ref");
  let max = 0;
  if (refColumn === undefined) return 1;
  for (let r = target.table.headerRow + 1; r <= target.range.bottom; r++) {
    const ref = cellText(cellAt(sheet, r, refColumn.column)).trim();
    if (/^\d+$/.test(ref)) max = Math.max(max, Number(ref));
  }
  return max + 1;
}

function isEmptySheet(sheet: SheetSnapshot): boolean {
  return sheet.tables.length === 0 && sheet.cells.every((row) => row.every((c) => cellText(c).trim() === ""));
}

function emptyPlan(title: string): WritePlan {
  return { title, ops: [] };
}

function refused(targetSheet: string, alreadyThere: Action[], problems: Problem[]): CarryOverPlan {
  return { plan: emptyPlan("Carry over: nothing written"), targetSheet, carried: [], alreadyThere, problems };
}

/**
 * The write plan that carries a sheet's outstanding actions to the new year's sheet. A new sheet is
 * built with addSheet and whole-range writes (never a copy, which clears Excel's undo stack): a title,
 * then a table with the source's columns plus Carried from ("2011-12 / 4") and Previous update, Update
 * left empty and status kept, with the same table, validation and formats apply-schema gives (and the
 * Lists sheet and names when the workbook lacks them). A blank sheet of the target's name is used as
 * it is. When the target already holds a carried table, only the actions it lacks (by Carried from)
 * are appended below it. The source sheet is never written. Problems (no such sheet, a name Excel refuses, a target
 * that is not a carry-over sheet, a protected target) come with an empty plan.
 *
 * @example planCarryOver(snapshot, model, { fromSheet: "2011-12", renumber: false })
 *   → { targetSheet: "2012-13", carried: [the 4 open actions], plan: { ops: [addSheet, writeCells, …] } }
 */
export function planCarryOver(
  snapshot: WorkbookSnapshot,
  model: PlanModel,
  options: CarryOverOptions,
): CarryOverPlan {
  const source = findSheet(snapshot, options.fromSheet);
  if (source === undefined) {
    const names = snapshot.sheets.map((s) => `'${s.name}'`).join(", ");
    return refused(
      options.toSheet ?? "",
      [],
      [problem(options.fromSheet, "", "carry/no-source", { sheet: options.fromSheet, sheets: names })],
    );
  }
  const sourceTables = model.tables.filter((t) => t.sheet === source.name);
  if (sourceTables.length === 0) {
    return refused(
      options.toSheet ?? "",
      [],
      [problem(source.name, "", "carry/no-actions", { sheet: source.name })],
    );
  }

  let targetName: string;
  if (options.toSheet !== undefined && options.toSheet.trim() !== "") {
    targetName = options.toSheet.trim();
    const existing = findSheet(snapshot, targetName);
    const nameProblem = existing === undefined ? sheetNameProblem(targetName) : null;
    if (nameProblem !== null) {
      return refused(
        targetName,
        [],
        [problem(source.name, "", "carry/target-name", { reason: nameProblem })],
      );
    }
  } else {
    const next = nextPeriodSheetName(source.name);
    if ("problem" in next)
      return refused("", [], [problem(source.name, "", "carry/target-name", { reason: next.problem })]);
    targetName = next.name;
  }
  const target = findSheet(snapshot, targetName);
  if (target !== undefined) targetName = target.name;
  if (target === source) {
    return refused(
      targetName,
      [],
      [
        problem(source.name, "", "carry/target-name", {
          reason: `Actions cannot be carried from '${source.name}' into itself: choose another sheet for the new year.`,
        }),
      ],
    );
  }

  const excluded = new Set(options.exclude ?? []);
  const outstanding = outstandingActions(model, source.name).filter((a) => !excluded.has(actionIdentity(a)));
  const columns = carryColumns(sourceTables, options.renumber);

  if (target?.isProtected === true) {
    return refused(
      targetName,
      [],
      [problem(targetName, "", "write/protected-sheet", { sheet: targetName, operation: "Carry over" })],
    );
  }
  if (target === undefined || isEmptySheet(target)) {
    // A blank sheet means the analyst made the new year's sheet already: build the carried table in it.
    return planNewSheet(
      snapshot,
      model,
      source.name,
      targetName,
      outstanding,
      columns,
      options.renumber,
      target === undefined,
    );
  }
  const tables = targetTables(snapshot, model, target);
  const first = tables[0];
  if (first === undefined) {
    return refused(
      targetName,
      [],
      [problem(targetName, "", "carry/target-exists", { sheet: targetName, header: CARRIED_FROM_HEADER })],
    );
  }
  const labels = carriedLabels(target, tables);
  const alreadyThere = outstanding.filter((a) => labels.has(carriedFromLabel(a)));
  const toCarry = outstanding.filter((a) => !labels.has(carriedFromLabel(a)));
  return planAppend(
    target,
    first,
    source.name,
    toCarry,
    alreadyThere,
    columns,
    options.renumber,
    snapshot,
    model,
  );
}

function planNewSheet(
  snapshot: WorkbookSnapshot,
  model: PlanModel,
  source: string,
  target: string,
  actions: Action[],
  columns: readonly CarryColumn[],
  renumber: boolean,
  addSheet: boolean,
): CarryOverPlan {
  if (actions.length === 0) {
    return {
      plan: emptyPlan("Carry over: nothing to carry"),
      targetSheet: target,
      carried: [],
      alreadyThere: [],
      problems: [problem(source, "", "carry/nothing-outstanding", { sheet: source })],
    };
  }
  // The new sheet takes the source table's title moved on a year ("… PLAN 2011-12" → "… PLAN 2012-13"; a
  // title without a year stays the theme it was); the lineage goes on the line below.
  const sourceTitle = model.tables.find((t) => t.sheet === source && t.title !== null)?.title ?? null;
  const title = sourceTitle === null ? target : (nextPeriodText(sourceTitle) ?? sourceTitle);
  const lists = listsSheetOps(
    snapshot,
    model.themes.includes(title) ? model : { ...model, themes: [...model.themes, title] },
  );
  if (lists.problems.some((p) => p.severity === "error")) return refused(target, [], lists.problems);
  const rows = carryRows(actions, renumber, 1, source);
  const titleRow = 0;
  const headerRow = 3;
  const width = columns.length;
  const tableRange: GridRange = {
    top: headerRow,
    left: 0,
    bottom: headerRow + rows.length,
    right: width - 1,
  };
  const grid: CellWrite[][] = [
    columns.map((c): CellWrite => ({ kind: "text", text: c.header })),
    ...rows.map((r) => columns.map((c) => cellFor(c, r))),
  ];
  const ops: WriteOp[] = [
    ...(addSheet ? [{ kind: "addSheet", sheet: target, after: source } as const] : []),
    {
      kind: "writeCells",
      sheet: target,
      row: titleRow,
      column: 0,
      cells: [
        [{ kind: "text", text: title }],
        [{ kind: "text", text: `Actions carried over from ${source}` }],
      ],
    },
    {
      kind: "styleRange",
      sheet: target,
      range: { top: titleRow, left: 0, bottom: titleRow, right: 0 },
      style: { bold: true, fontSize: 14 },
    },
    { kind: "writeCells", sheet: target, row: headerRow, column: 0, cells: grid },
    {
      kind: "styleRange",
      sheet: target,
      range: { ...tableRange, top: headerRow + 1 },
      style: { wrap: true, vertical: "top" },
    },
    ...lists.ops,
    ...tableSchemaOps({
      sheet: target,
      range: tableRange,
      columns: columns.map((c, i) => ({ column: i, role: roleOf(c) })),
      tableName: actionTableName(target, takenNames(snapshot)),
    }),
    {
      kind: "setColumnWidths",
      sheet: target,
      widths: columns.map((c, i) => ({ column: i, width: COLUMN_WIDTHS[c.kind] })),
    },
    { kind: "activateSheet", sheet: target },
  ];
  return {
    plan: {
      title: `Carry ${actions.length} outstanding action${actions.length === 1 ? "" : "s"} from '${source}' to a new sheet '${target}' (${rangeAddress(tableRange)})`,
      ops,
    },
    targetSheet: target,
    carried: actions,
    alreadyThere: [],
    problems: lists.problems,
  };
}

/**
 * The Lists sheet and its names, made as apply-schema makes them, only when the workbook lacks a name
 * the new table's validation reads (so a carry-over never tops up lists the analyst keeps by hand).
 */

function roleOf(column: CarryColumn): ColumnRole | null {
  return column.kind === "extra" || column.kind === "carriedFrom" || column.kind === "previousUpdate"
    ? null
    : column.kind;
}

function planAppend(
  sheet: SheetSnapshot,
  target: TargetTable,
  source: string,
  actions: Action[],
  alreadyThere: Action[],
  columns: readonly CarryColumn[],
  renumber: boolean,
  snapshot: WorkbookSnapshot,
  model: PlanModel,
): CarryOverPlan {
  const problems: Problem[] = [];
  if (actions.length === 0) {
    return {
      plan: emptyPlan(`Carry over: '${sheet.name}' already holds every outstanding action from '${source}'`),
      targetSheet: sheet.name,
      carried: [],
      alreadyThere,
      problems,
    };
  }
  const { table, range } = target;
  // Map the target's columns (by role, else by header) to the carried columns.
  const targetColumns = table.columns.map((c) => {
    const header = c.header.trim();
    const match =
      columns.find((x) => c.role !== null && x.kind === c.role) ??
      columns.find((x) => foldText(x.header) === foldText(header)) ??
      null;
    return { column: c.column, match };
  });
  const unmatched = columns.filter((x) => !targetColumns.some((t) => t.match === x));
  for (const x of unmatched) {
    if (x.kind === "ref" && renumber) continue;
    problems.push(
      problem(sheet.name, cellAddress(table.headerRow, range.left), "carry/column-missing", {
        sheet: sheet.name,
        header: x.header,
        source,
      }),
    );
  }
  const hasRef = targetColumns.some((t) => t.match?.kind === "ref");
  const doRenumber = renumber && hasRef;
  if (renumber && !hasRef) {
    problems.push(
      problem(sheet.name, cellAddress(table.headerRow, range.left), "carry/no-ref-column", {
        sheet: sheet.name,
        header: CARRIED_FROM_HEADER,
      }),
    );
  }
  const rows = carryRows(actions, doRenumber, doRenumber ? nextParentRef(sheet, target) : 0, source);
  const firstRow = range.bottom + 1;
  const blocked: string[] = [];
  for (let r = firstRow; r < firstRow + rows.length; r++) {
    for (let c = range.left; c <= range.right; c++) {
      if (cellText(cellAt(sheet, r, c)).trim() !== "") blocked.push(cellAddress(r, c));
    }
  }
  if (blocked.length > 0) {
    const shown = blocked.length > 6 ? `${blocked.slice(0, 6).join(", ")} …` : blocked.join(", ");
    return refused(sheet.name, alreadyThere, [
      problem(sheet.name, blocked[0] ?? "", "carry/in-the-way", { sheet: sheet.name, cells: shown }),
    ]);
  }
  const lists = listsSheetOps(snapshot, model);
  if (lists.problems.some((p) => p.severity === "error"))
    return refused(sheet.name, alreadyThere, lists.problems);
  problems.push(...lists.problems);
  const grid: CellWrite[][] = rows.map((row) => {
    const cells: CellWrite[] = [];
    for (let c = range.left; c <= range.right; c++) {
      const match = targetColumns.find((t) => t.column === c)?.match ?? null;
      cells.push(match === null ? { kind: "blank" } : cellFor(match, row));
    }
    return cells;
  });
  const grown: GridRange = { ...range, bottom: range.bottom + rows.length };
  const ops: WriteOp[] = [];
  if (table.listObjectName !== null) {
    ops.push({
      kind: "appendTableRows",
      sheet: sheet.name,
      table: table.listObjectName,
      row: firstRow,
      column: range.left,
      cells: grid,
    });
  } else {
    ops.push({ kind: "writeCells", sheet: sheet.name, row: firstRow, column: range.left, cells: grid });
  }
  ops.push(
    {
      kind: "styleRange",
      sheet: sheet.name,
      range: { ...grown, top: firstRow },
      style: { wrap: true, vertical: "top" },
    },
    ...lists.ops,
    // Validation and formats re-set over the grown body (replace semantics), so the new rows have them
    // in hosts that do not extend a table's rules when it grows.
    ...tableSchemaOps({ sheet: sheet.name, range: grown, columns: table.columns, tableName: null }),
  );
  return {
    plan: {
      title: `Carry ${actions.length} more outstanding action${actions.length === 1 ? "" : "s"} from '${source}' to '${sheet.name}' (rows ${firstRow + 1}–${firstRow + rows.length})`,
      ops,
    },
    targetSheet: sheet.name,
    carried: actions,
    alreadyThere,
    problems,
  };
}
