/**
 * Carry-over: every action on a sheet that is not Complete goes to the new year's sheet, with where it
 * came from ("Carried from") and its last update ("Previous update"); the old sheet stays as the record.
 */
import { cellAddress, rangeAddress } from "../basics/cell-address";
import { cellAt, cellText, foldText } from "../basics/cell-text";
import {
  MAX_SHEET_NAME_LENGTH,
  defaultSourceSheet,
  lastPeriod,
  nextPeriodSheetName,
  nextPeriodText,
  sheetNameFault,
} from "../basics/period-names";
import { isoToUkDate } from "../basics/excel-dates";
import { memoise } from "../basics/memo";
import {
  isKnownComplete,
  type Action,
  type ActionTable,
  type ColumnRole,
  type PlanModel,
} from "../basics/plan-model";
import { problem, type Problem } from "../basics/problem";
import type { GridRange, SheetSnapshot, WorkbookSnapshot } from "../basics/snapshot";
import type { CellWrite, WriteOp, WritePlan } from "../basics/write-plan";
import { CANONICAL_HEADERS, SCHEMA_ROLES, tableSchemaOps } from "./table-schema";
import { actionTableName, takenNames } from "../basics/table-names";
import { listsSheetOps } from "./lists-sheet";
import { CARRIED_FROM_HEADER, carriedFromLabel, carriedOverParentText } from "../reading/carried-from";

// The lineage label's format has its own module, which status history reads without the rest of carry-over.
export { CARRIED_FROM_HEADER, carriedFromLabel, parseCarriedFrom } from "../reading/carried-from";
export const PREVIOUS_UPDATE_HEADER = "Previous update";

/** What to do with a status outside the status list ("TBC"): carry it as typed (and flag it) or leave it blank. */
export type UnlistedStatusChoice = "keep" | "clear";
/** What to do with a due date already past: keep it, move it on a year, or leave it blank. */
export type PastDueChoice = "keep" | "roll" | "clear";

export interface CarryOverOptions {
  /** The sheet, or the sheets (a period kept as one sheet per theme), whose outstanding actions are carried. */
  readonly fromSheet: string | readonly string[];
  /**
   * The new year's sheet when one sheet is carried; by default the period after the source's
   * (nextPeriodSheetName, or the sheet's name with the next period added when only its title names one).
   * Several sheets always take their default names.
   */
  readonly toSheet?: string;
  /**
   * The period the source sheets cover ("2011-12") when neither their names nor their titles say
   * (the new sheets are then named "<sheet> <next period>").
   */
  readonly period?: string;
  /** Renumber as N.1, N.2 … under a parent row "Carried over from <source>" (N: the next whole ref). */
  readonly renumber: boolean;
  /**
   * The actions the user unticked in the preview, as actionIdentity gives them, qualified by their sheet
   * when a whole period carries ("1 ASB!ref:4"); never cell addresses, so a co-author inserting a row
   * between preview and apply cannot change which action is left out.
   */
  readonly exclude?: readonly string[];
  /** A status outside the list: kept as typed and flagged (the default), or cleared. */
  readonly unlistedStatus?: UnlistedStatusChoice;
  /** A due date before `todayIso`: kept (the default), rolled forward a year, or cleared. */
  readonly pastDue?: PastDueChoice;
  /** Today as yyyy-mm-dd, which tells past due dates; without it no due date counts as past. */
  readonly todayIso?: string;
}

/** One source sheet of a carry-over and where its actions go. */
export interface CarriedSheet {
  readonly source: string;
  readonly target: string;
  readonly carried: Action[];
  readonly alreadyThere: Action[];
}

export interface CarryOverPlan {
  readonly plan: WritePlan;
  /** The (first) target sheet; `sheets` has every source and target. */
  readonly targetSheet: string;
  readonly sheets: CarriedSheet[];
  /** The actions this plan carries (none when a problem stops it). */
  readonly carried: Action[];
  /** Outstanding actions the target already holds (matched by Carried from): not carried again. */
  readonly alreadyThere: Action[];
  readonly problems: Problem[];
  /** Carried actions whose status is outside the status list ("TBC"): the preview offers keep or clear. */
  readonly unlistedStatus: Action[];
  /** Carried actions whose due date is past: the preview offers keep, roll forward a year, or clear. */
  readonly pastDue: Action[];
}

/** The analyst's choices for what is carried, and what is shared between the sheets of one carry-over. */
interface CarryContext {
  readonly unlistedStatus: UnlistedStatusChoice;
  readonly pastDue: PastDueChoice;
  readonly todayIso: string | null;
  /** Table and defined names taken so far (the workbook's, then each new table's). */
  readonly taken: Set<string>;
  /** Extra themes (the new sheets' titles) the Lists sheet should hold. */
  readonly themes: readonly string[];
  /** True once one sheet's plan holds the Lists sheet ops (they are made once per carry-over). */
  listsDone: boolean;
  /** Where a new sheet goes in the tab order: null for right after its source. */
  after: string | null;
}

const LINEAGE_HEADERS = [foldText(CARRIED_FROM_HEADER), foldText(PREVIOUS_UPDATE_HEADER)];

const COLUMN_WIDTHS: Readonly<Record<ColumnRole | "extra" | "carriedFrom" | "previousUpdate", number>> = {
  ref: 9,
  action: 60,
  lead: 18,
  update: 50,
  status: 13,
  due: 13,
  theme: 20,
  extra: 30,
  carriedFrom: 20,
  previousUpdate: 40,
};

/** One column of the carried table. */
interface CarryColumn {
  readonly key: string;
  readonly header: string;
  readonly kind: ColumnRole | "extra" | "carriedFrom" | "previousUpdate";
  /** For an extra column: the source header its values are kept under in Action.extra. */
  readonly sourceHeader: string | null;
  /** Hidden on a source sheet ("Internal notes"): hidden on the new sheet too, never shown by carrying it. */
  readonly hidden: boolean;
}

/** One row to write: a carried action, or the renumbering parent row. */
type CarryRow =
  | { readonly kind: "action"; readonly action: Action; readonly ref: string | null }
  | { readonly kind: "parent"; readonly ref: string; readonly text: string };

/**
 * The actions on `sheet` that are not Complete, in row order: a blank or unreadable status counts
 * as outstanding (nobody has said it is done), and so does a Complete the reader only guessed from a
 * fill colour (isKnownComplete).
 *
 * @example outstandingActions(model, "2011-12") → the Red, Amber, Green, Not started and unset actions
 */
export function outstandingActions(model: PlanModel, sheet: string): Action[] {
  return model.actions.filter((a) => a.sheet === sheet && !isKnownComplete(a));
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
 * When `themed` (a carried action has a theme) and no source has a Theme column, the themes came from
 * section or parent rows: a Theme column goes first, so each action keeps its priority on the new sheet.
 * Headers are made unique as Excel requires. A column hidden on any source sheet is hidden.
 */
function carryColumns(
  tables: readonly ActionTable[],
  renumber: boolean,
  themed: boolean,
  isHidden: (sheet: string, column: number) => boolean,
): CarryColumn[] {
  const columns: CarryColumn[] = [];
  for (const table of tables) {
    let insertAt = 0;
    table.columns.forEach((c, i) => {
      // A sheet that was itself carried over: its lineage is superseded by this carry's (and stays on it).
      if (c.role === null && LINEAGE_HEADERS.includes(foldText(c.header))) return;
      const header = sourceHeader(table, i);
      const key = keyOf(c.role, header);
      const hidden = isHidden(table.sheet, c.column);
      const existing = columns.findIndex((x) => x.key === key);
      if (existing >= 0) {
        const found = columns[existing];
        if (hidden && found !== undefined && !found.hidden) columns[existing] = { ...found, hidden };
        insertAt = existing + 1;
        return;
      }
      columns.splice(insertAt, 0, {
        key,
        header,
        kind: c.role ?? "extra",
        sourceHeader: c.role === null ? c.header : null,
        hidden,
      });
      insertAt += 1;
    });
  }
  if (renumber && !columns.some((c) => c.kind === "ref")) {
    columns.unshift({
      key: "role:ref",
      header: CANONICAL_HEADERS.ref,
      kind: "ref",
      sourceHeader: null,
      hidden: false,
    });
  }
  // A column, not section rows: an Excel table is sorted and filtered, which scatters section rows
  // from their actions, and a cell of its own reads back the same whatever rows a co-author adds.
  if (themed && !columns.some((c) => c.kind === "theme")) {
    columns.unshift({
      key: "role:theme",
      header: CANONICAL_HEADERS.theme,
      kind: "theme",
      sourceHeader: null,
      hidden: false,
    });
  }
  for (const role of SCHEMA_ROLES) {
    if (!columns.some((c) => c.kind === role)) {
      columns.push({
        key: `role:${role}`,
        header: CANONICAL_HEADERS[role],
        kind: role,
        sourceHeader: null,
        hidden: false,
      });
    }
  }
  columns.push(
    {
      key: "carriedFrom",
      header: CARRIED_FROM_HEADER,
      kind: "carriedFrom",
      sourceHeader: null,
      hidden: false,
    },
    {
      key: "previousUpdate",
      header: PREVIOUS_UPDATE_HEADER,
      kind: "previousUpdate",
      sourceHeader: null,
      hidden: false,
    },
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

function isUnlisted(action: Action): boolean {
  return action.status === null && action.statusText !== null && action.statusText.trim() !== "";
}

function isPastDue(action: Action, todayIso: string | null): boolean {
  return todayIso !== null && action.dueDate !== null && action.dueDate < todayIso;
}

/** The same day a year on (29 February becomes 28 February). */
function yearLater(iso: string): string {
  const [y = "0", m = "01", d = "01"] = iso.split("-");
  const day = m === "02" && d === "29" ? "28" : d;
  return `${String(Number(y) + 1).padStart(4, "0")}-${m}-${day}`;
}

function dueCell(action: Action, ctx: CarryContext): CellWrite {
  const { due, dueDate } = action;
  // A date stays a date; a due date typed as text stays as typed ("31/03/2025", "Ongoing").
  const asTyped: CellWrite = due === null || due !== dueDate ? text(due) : { kind: "date", iso: due };
  if (dueDate === null || !isPastDue(action, ctx.todayIso)) return asTyped;
  switch (ctx.pastDue) {
    case "keep":
      return asTyped;
    case "roll":
      // Moved on a year at the analyst's choice: the day it named, a year on, as a date.
      return { kind: "date", iso: yearLater(dueDate) };
    case "clear":
      return { kind: "blank" };
  }
}

function cellFor(column: CarryColumn, row: CarryRow, ctx: CarryContext): CellWrite {
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
      // A status outside the list ("TBC") is the analyst's call: kept as typed and flagged, or cleared.
      if (isUnlisted(a)) return ctx.unlistedStatus === "keep" ? text(a.statusText) : { kind: "blank" };
      // A status guessed from a fill colour is no word on the new sheet: a lead chooses it (carry/status-guessed).
      if (a.statusGuessed) return { kind: "blank" };
      return text(a.status ?? a.statusText);
    case "due":
      return dueCell(a, ctx);
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

/**
 * The hideRows op that keeps each carried action's row hidden where it goes on `target` (its rows
 * from `firstRow`, in the order written) when its row was hidden on the source sheet, or none.
 */
function hiddenRowsOp(
  rows: readonly CarryRow[],
  firstRow: number,
  hiddenOnSource: ReadonlySet<number>,
  source: string,
  target: string,
): WriteOp[] {
  const hidden: number[] = [];
  rows.forEach((r, i) => {
    if (r.kind === "action" && hiddenOnSource.has(r.action.row)) hidden.push(firstRow + i);
  });
  if (hidden.length === 0) return [];
  const shown =
    hidden.length > 8
      ? `${hidden
          .slice(0, 8)
          .map((r) => r + 1)
          .join(", ")}, …`
      : hidden.map((r) => r + 1).join(", ");
  const note = `Keep row${hidden.length === 1 ? "" : "s"} ${shown} hidden on '${target}', as ${hidden.length === 1 ? "its action's row was" : "their actions' rows were"} on '${source}'`;
  return [{ kind: "hideRows", sheet: target, rows: hidden, note }];
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
    { kind: "parent", ref: String(parentRef), text: carriedOverParentText(source) },
    ...actions.map((action, i): CarryRow => ({ kind: "action", action, ref: `${parentRef}.${i + 1}` })),
  ];
}

/**
 * How the carried rows are laid out, in words for the plan's title: the priority each action keeps in
 * the Theme column (when it came from section or parent rows), and the renumbering parent row.
 *
 * @example layoutWords(rows, true) → ", each action's priority in a Theme column; numbered 1.1–1.3 under '1 Carried over from 2011-12'"
 */
function layoutWords(rows: readonly CarryRow[], themeColumn: boolean): string {
  const parts: string[] = [];
  if (themeColumn) parts.push("each action's priority in a Theme column");
  const parent = rows[0];
  const last = rows.at(-1);
  if (parent?.kind === "parent" && last?.kind === "action") {
    const first = rows[1]?.kind === "action" ? rows[1].ref : null;
    const span = first === last.ref ? (first ?? "") : `${first ?? ""}–${last.ref ?? ""}`;
    parts.push(`numbered ${span} under '${parent.ref} ${parent.text}'`);
  }
  return parts.length === 0 ? "" : `, ${parts.join("; ")}`;
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

/** One source sheet's part of a carry-over. */
type SheetCarry = Omit<CarryOverPlan, "sheets" | "unlistedStatus" | "pastDue">;

function refused(targetSheet: string, alreadyThere: Action[], problems: Problem[]): SheetCarry {
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
  const sources = typeof options.fromSheet === "string" ? [options.fromSheet] : [...options.fromSheet];
  const several = sources.length > 1;
  const given =
    several || options.toSheet === undefined || options.toSheet.trim() === ""
      ? undefined
      : options.toSheet.trim();
  const targets = sources.map(() => given);
  const titles = sources.flatMap((source, i) => {
    const given = targets[i];
    const target = given !== undefined ? { name: given } : defaultTargetName(model, source, options.period);
    return "name" in target
      ? [newSheetTitle(model, findSheet(snapshot, source)?.name ?? source, target.name)]
      : [];
  });
  const ctx: CarryContext = {
    unlistedStatus: options.unlistedStatus ?? "keep",
    pastDue: options.pastDue ?? "keep",
    todayIso: options.todayIso ?? null,
    taken: takenNames(snapshot),
    themes: titles,
    listsDone: false,
    after: several ? lastInTabOrder(snapshot, sources) : null,
  };
  const parts = sources.map((source, i) => {
    const target = targets[i];
    return {
      source: findSheet(snapshot, source)?.name ?? source,
      part: planOneSheet(snapshot, model, { ...options, fromSheet: source, toSheet: target }, ctx),
    };
  });
  const problems = parts.flatMap((p) => p.part.problems);
  const targetNames = parts.map((p) => p.part.targetSheet.toLowerCase()).filter((t) => t !== "");
  const clash = targetNames.find((t, i) => targetNames.indexOf(t) !== i);
  if (clash !== undefined) {
    problems.push(problem(sources.join(", "), "", "carry/target-name", { why: "clash", target: clash }));
  }
  const first = parts[0]?.part;
  const sheets: CarriedSheet[] = parts.map(({ source, part }) => ({
    source,
    target: part.targetSheet,
    carried: part.carried,
    alreadyThere: part.alreadyThere,
  }));
  const alreadyThere = parts.flatMap((p) => p.part.alreadyThere);
  if (first === undefined || problems.some((p) => p.severity === "error")) {
    return {
      ...refused(first?.targetSheet ?? "", alreadyThere, problems),
      sheets: sheets.map((s) => ({ ...s, carried: [] })),
      unlistedStatus: [],
      pastDue: [],
    };
  }
  const carried = parts.flatMap((p) => p.part.carried);
  const flagged = carryFlags(snapshot, model, carried, ctx);
  const plan: WritePlan = several
    ? {
        title: carriedTitle(sheets),
        ops: [
          ...parts.flatMap((p) => p.part.plan.ops.filter((op) => op.kind !== "activateSheet")),
          // One sheet is shown at the end: the first new one.
          ...sheets
            .filter((s) => s.carried.length > 0)
            .slice(0, 1)
            .map((s): WriteOp => ({ kind: "activateSheet", sheet: s.target })),
        ],
      }
    : first.plan;
  return {
    plan,
    targetSheet: first.targetSheet,
    sheets,
    carried,
    alreadyThere,
    problems: [...problems, ...flagged.problems],
    unlistedStatus: flagged.unlisted,
    pastDue: flagged.pastDue,
  };
}

function carriedTitle(sheets: readonly CarriedSheet[]): string {
  const count = sheets.reduce((n, s) => n + s.carried.length, 0);
  const into = sheets.filter((s) => s.carried.length > 0).length;
  return `Carry ${count} outstanding action${count === 1 ? "" : "s"} from ${sheets.length} sheets to ${into} sheet${into === 1 ? "" : "s"} of the new period (${sheets
    .filter((s) => s.carried.length > 0)
    .map((s) => `'${s.target}'`)
    .join(", ")})`;
}

/** The sheet of `names` that comes last in the tab order (new sheets go after it, keeping the old year together). */
function lastInTabOrder(snapshot: WorkbookSnapshot, names: readonly string[]): string | null {
  const lower = names.map((n) => n.toLowerCase());
  const found = snapshot.sheets.filter((s) => lower.includes(s.name.toLowerCase()));
  return found.at(-1)?.name ?? null;
}

/**
 * The problems that flag a carried status outside the list, a status only guessed from a fill colour
 * (carried with none), and a past due date, saying what the choice does.
 */
function carryFlags(
  snapshot: WorkbookSnapshot,
  model: PlanModel,
  carried: readonly Action[],
  ctx: CarryContext,
): { problems: Problem[]; unlisted: Action[]; pastDue: Action[] } {
  const unlisted = carried.filter(isUnlisted);
  const pastDue = carried.filter((a) => isPastDue(a, ctx.todayIso));
  // A plan's past due dates fall on a few hundred days, thousands of actions apart: each day's words once.
  const wordsOf = memoise(10_000, (iso: string) => ({
    due: isoToUkDate(iso),
    rolledTo: isoToUkDate(yearLater(iso)),
  }));
  const columnOf = roleColumns(model);
  const problems: Problem[] = [
    ...unlisted.map((a) =>
      problem(a.sheet, roleCell(columnOf, a, "status"), "carry/status-not-in-list", {
        action: carriedFromLabel(a),
        typed: a.statusText ?? "",
        kept: ctx.unlistedStatus === "keep",
      }),
    ),
    ...carried
      .filter((a) => a.statusGuessed && a.status !== null)
      .map((a) => {
        const column = columnOf(a.tableId, "status");
        const sheet = findSheet(snapshot, a.sheet);
        const fill = column === undefined || sheet === undefined ? null : cellAt(sheet, a.row, column)?.fill;
        return problem(a.sheet, roleCell(columnOf, a, "status"), "carry/status-guessed", {
          action: carriedFromLabel(a),
          status: a.status ?? "",
          fill: fill ?? null,
        });
      }),
    ...pastDue.map((a) => {
      const words = wordsOf(a.dueDate ?? "");
      return problem(a.sheet, roleCell(columnOf, a, "due"), "carry/past-due", {
        action: carriedFromLabel(a),
        due: words.due,
        typed: a.due === a.dueDate ? null : a.due,
        choice: ctx.pastDue,
        rolledTo: words.rolledTo,
      });
    }),
  ];
  return { problems, unlisted, pastDue };
}

/** Each table's first column of each role (by table id, the first table of an id), looked up once per table. */
function roleColumns(model: PlanModel): (tableId: string, role: ColumnRole) => number | undefined {
  const columnsOf = memoise(model.tables.length, (tableId: string) => {
    const columns = new Map<ColumnRole, number>();
    for (const c of model.tables.find((t) => t.id === tableId)?.columns ?? [])
      if (c.role !== null && !columns.has(c.role)) columns.set(c.role, c.column);
    return columns;
  });
  return (tableId, role) => columnsOf(tableId).get(role);
}

/** The address of an action's cell in the column of `role` (its row's first cell when there is none). */
function roleCell(
  columnOf: (tableId: string, role: ColumnRole) => number | undefined,
  action: Action,
  role: ColumnRole,
): string {
  const column = columnOf(action.tableId, role);
  return column === undefined ? action.cell : cellAddress(action.row, column);
}

/**
 * The new sheet's name for a source sheet: the period after the one in its name, else (a sheet per
 * theme, its period in the title: "1 ASB" under "… ACTION PLAN 2011-12") its name with the next period
 * added ("1 ASB 2012-13"), shortened to fit Excel's 31 characters.
 */
export function defaultTargetName(
  model: PlanModel,
  sourceSheet: string,
  period?: string,
): { name: string } | { problem: Problem } {
  const next = nextPeriodSheetName(sourceSheet);
  if ("name" in next) return next;
  const lower = sourceSheet.toLowerCase();
  const found =
    model.tables
      .filter((t) => t.sheet.toLowerCase() === lower)
      .map((t) => tablePeriod(t))
      .find((p) => p !== null) ?? (period === undefined ? null : lastPeriod(period));
  // A sheet name cannot hold "/": "2011/12" in a title names the sheet "… 2012-13".
  const following = found === null ? null : nextPeriodText(found.text.replace(/\//g, "-"));
  if (following === null) return next;
  const name = `${sourceSheet.slice(0, MAX_SHEET_NAME_LENGTH - following.length - 1).trimEnd()} ${following}`;
  const fault = sheetNameFault(name);
  if (fault === null) return { name };
  return {
    problem: problem(sourceSheet, "", "carry/target-name", {
      why: "bad-name",
      name,
      fault,
      from: sourceSheet,
    }),
  };
}

/** The period a table covers: the reader's, else the one named in its sheet's name, else in its title. */
function tablePeriod(table: ActionTable): { readonly text: string; readonly key: string } | null {
  if (table.period !== null) return lastPeriod(table.period);
  return lastPeriod(table.sheet) ?? (table.title === null ? null : lastPeriod(table.title));
}

/** The periods the plan's tables cover, latest first, each with its sheets in the reader's (tab) order. */
export function carryPeriods(
  model: PlanModel,
): Array<{ readonly period: string; readonly sheets: string[] }> {
  const byKey = new Map<string, { period: string; sheets: string[] }>();
  for (const table of model.tables) {
    const period = tablePeriod(table);
    if (period === null) continue;
    const entry = byKey.get(period.key) ?? { period: period.text, sheets: [] };
    if (!entry.sheets.includes(table.sheet)) entry.sheets.push(table.sheet);
    byKey.set(period.key, entry);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0)).map(([, entry]) => entry);
}

/**
 * The sheets `from` names: every sheet of a period when it is one ("2011-12", "2011/12"), else the
 * sheet of that name (found or not: planCarryOver says when there is none). A period no table names is
 * every sheet holding actions whose names and titles name no period (pass it on as `period` so the new
 * sheets can be named).
 *
 * @example carrySources(snapshot, model, "2011-12") → ["1 ASB", "2 Alcohol", …, "6 Emerging Issues"]
 */
export function carrySources(snapshot: WorkbookSnapshot, model: PlanModel, from: string): string[] {
  const period = lastPeriod(from);
  if (period !== null && from.trim() === period.text) {
    const periods = carryPeriods(model);
    const match = periods.find((p) => lastPeriod(p.period)?.key === period.key);
    if (match !== undefined) return match.sheets;
    // No table names this period: it is the period of the sheets whose names and titles name none (a
    // plan kept as one sheet per theme, "1 ASB" under "ANTI SOCIAL BEHAVIOUR ACTION PLAN"), as the analyst says.
    if (findSheet(snapshot, from) === undefined) {
      const unnamed = snapshot.sheets.filter(
        (s) =>
          model.actions.some((a) => a.sheet === s.name) &&
          model.tables.every((t) => t.sheet !== s.name || tablePeriod(t) === null),
      );
      if (unnamed.length > 0) return unnamed.map((s) => s.name);
    }
  }
  return [from];
}

/**
 * The sheets a carry-over starts from by default: every sheet of the latest period the tables name,
 * else the latest year's sheet (defaultSourceSheet); empty when no sheet holds actions.
 */
export function defaultCarrySources(model: PlanModel): string[] {
  const latest = carryPeriods(model)[0];
  if (latest !== undefined) return latest.sheets.filter((s) => model.actions.some((a) => a.sheet === s));
  const sheet = defaultSourceSheet(model);
  return sheet === null ? [] : [sheet];
}

function newSheetTitle(model: PlanModel, source: string, target: string): string {
  // The new sheet takes the source table's title moved on a year ("… PLAN 2011-12" → "… PLAN 2012-13"; a
  // title without a year stays the theme it was).
  const sourceTitle = model.tables.find((t) => t.sheet === source && t.title !== null)?.title ?? null;
  return sourceTitle === null ? target : (nextPeriodText(sourceTitle) ?? sourceTitle);
}

function planOneSheet(
  snapshot: WorkbookSnapshot,
  model: PlanModel,
  options: CarryOverOptions & { readonly fromSheet: string },
  ctx: CarryContext,
): SheetCarry {
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
    const fault = existing === undefined ? sheetNameFault(targetName) : null;
    if (fault !== null) {
      return refused(
        targetName,
        [],
        [
          problem(source.name, "", "carry/target-name", {
            why: "bad-name",
            name: targetName,
            fault,
            from: null,
          }),
        ],
      );
    }
  } else {
    const next = defaultTargetName(model, source.name, options.period);
    if ("problem" in next) return refused("", [], [next.problem]);
    targetName = next.name;
  }
  const target = findSheet(snapshot, targetName);
  if (target !== undefined) targetName = target.name;
  if (target === source) {
    return refused(
      targetName,
      [],
      [problem(source.name, "", "carry/target-name", { why: "itself", source: source.name })],
    );
  }

  const excluded = new Set(options.exclude ?? []);
  const outstanding = outstandingActions(model, source.name).filter(
    (a) => !excluded.has(actionIdentity(a)) && !excluded.has(`${a.sheet}!${actionIdentity(a)}`),
  );
  const hiddenColumns = new Set(source.hiddenColumns);
  const hiddenRows: ReadonlySet<number> = new Set(source.hiddenRows);
  // Themes read from section or parent rows ("Priority 1: …" above its actions) go in a Theme column.
  const themeFromRows =
    outstanding.some((a) => a.theme !== null) &&
    !sourceTables.some((t) => t.columns.some((c) => c.role === "theme"));
  const columns = carryColumns(sourceTables, options.renumber, themeFromRows, (_sheet, column) =>
    hiddenColumns.has(column),
  );

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
      ctx,
      hiddenRows,
      themeFromRows,
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
    ctx,
    hiddenRows,
    themeFromRows,
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
  ctx: CarryContext,
  hiddenRows: ReadonlySet<number>,
  themeFromRows: boolean,
): SheetCarry {
  if (actions.length === 0) {
    return {
      plan: emptyPlan("Carry over: nothing to carry"),
      targetSheet: target,
      carried: [],
      alreadyThere: [],
      problems: [problem(source, "", "carry/nothing-outstanding", { sheet: source })],
    };
  }
  // The lineage goes on the line below the title.
  const title = newSheetTitle(model, source, target);
  const lists = listsOnce(snapshot, model, [title], ctx);
  if (lists.problems.some((p) => p.severity === "error")) return refused(target, [], lists.problems);
  const tableName = actionTableName(target, ctx.taken);
  ctx.taken.add(tableName.toLowerCase());
  const after = ctx.after ?? source;
  if (ctx.after !== null && addSheet) ctx.after = target;
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
    ...rows.map((r) => columns.map((c) => cellFor(c, r, ctx))),
  ];
  const ops: WriteOp[] = [
    ...(addSheet ? [{ kind: "addSheet", sheet: target, after } as const] : []),
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
    {
      kind: "writeCells",
      sheet: target,
      row: headerRow,
      column: 0,
      cells: grid,
      ...(themeFromRows
        ? {
            note: `Write the carried table at ${rangeAddress(tableRange)} on '${target}', with a Theme column naming the priority each action stood under on '${source}'`,
          }
        : {}),
    },
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
      tableName,
    }),
    {
      kind: "setColumnWidths",
      sheet: target,
      // A column hidden on the source stays hidden: carrying it never shows it.
      widths: columns.map((c, i) =>
        c.hidden
          ? { column: i, width: COLUMN_WIDTHS[c.kind], hidden: true }
          : { column: i, width: COLUMN_WIDTHS[c.kind] },
      ),
    },
    // A row hidden on the source stays hidden where its action goes, as a hidden column does.
    ...hiddenRowsOp(rows, headerRow + 1, hiddenRows, source, target),
    { kind: "activateSheet", sheet: target },
  ];
  return {
    plan: {
      title: `Carry ${actions.length} outstanding action${actions.length === 1 ? "" : "s"} from '${source}' to a new sheet '${target}' (${rangeAddress(tableRange)})${layoutWords(rows, themeFromRows)}`,
      ops,
    },
    targetSheet: target,
    carried: actions,
    alreadyThere: [],
    problems: lists.problems,
  };
}

/**
 * The Lists sheet ops (listsSheetOps, with the new sheets' titles among the themes), made once per
 * carry-over however many sheets it carries: none after the first sheet's plan took them.
 */
function listsOnce(
  snapshot: WorkbookSnapshot,
  model: PlanModel,
  titles: readonly string[],
  ctx: CarryContext,
): { ops: WriteOp[]; problems: Problem[] } {
  if (ctx.listsDone) return { ops: [], problems: [] };
  ctx.listsDone = true;
  const extra = [...titles, ...ctx.themes].filter(
    (t, i, all) => !model.themes.includes(t) && all.indexOf(t) === i,
  );
  return listsSheetOps(
    snapshot,
    extra.length === 0 ? model : { ...model, themes: [...model.themes, ...extra] },
  );
}

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
  ctx: CarryContext,
  hiddenRows: ReadonlySet<number>,
  themeFromRows: boolean,
): SheetCarry {
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
  const lists = listsOnce(snapshot, model, [], ctx);
  if (lists.problems.some((p) => p.severity === "error"))
    return refused(sheet.name, alreadyThere, lists.problems);
  problems.push(...lists.problems);
  const grid: CellWrite[][] = rows.map((row) => {
    const cells: CellWrite[] = [];
    for (let c = range.left; c <= range.right; c++) {
      const match = targetColumns.find((t) => t.column === c)?.match ?? null;
      cells.push(match === null ? { kind: "blank" } : cellFor(match, row, ctx));
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
    ...hiddenRowsOp(rows, firstRow, hiddenRows, source, sheet.name),
  );
  return {
    plan: {
      title: `Carry ${actions.length} more outstanding action${actions.length === 1 ? "" : "s"} from '${source}' to '${sheet.name}' (rows ${firstRow + 1}–${firstRow + rows.length})${layoutWords(
        rows,
        themeFromRows && targetColumns.some((t) => t.match?.kind === "theme"),
      )}`,
      ops,
    },
    targetSheet: sheet.name,
    carried: actions,
    alreadyThere,
    problems,
  };
}
