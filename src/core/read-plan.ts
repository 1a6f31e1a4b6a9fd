/** Reading a partnership's action-plan workbook, as it is, into a plan model. */
import type { Action, ActionTable, ColumnRole, PlanModel, Status, StatusKeyEntry } from "./plan-model";
import type { CellSnapshot, SheetSnapshot, WorkbookSnapshot } from "./snapshot";
import { problem, type Problem } from "./problem";
import { cellAddress, columnLetters } from "./cell-address";
import { cellText, firstNonBlank } from "./cell-text";
import { blockMarker } from "./block-markers";
import {
  type DetectedTable,
  MergeIndex,
  type SheetContext,
  detectTables,
  headerRowCells,
} from "./detect-tables";
import { excelSerialToIso, isDateFormat } from "./excel-dates";
import { STANDARD_STATUS_FILLS, isNoFill, normaliseFill } from "./fill-colours";
import { type LeadEntry, buildLeadRegister, readLeadsTable, readLegend, splitLeads } from "./lead-register";
import { LISTS_SHEET, RESERVED_SHEETS } from "./reserved-names";
import { readStatusKey } from "./status-key";
import { statusFromText } from "./status-vocabulary";
import { withStatusHistory } from "./status-history";
import { withTablePeriods } from "./table-periods";

const LEADS_SHEET_NAMES = ["leads", "lead register", "leads register", "lead codes"];

function isReserved(name: string): boolean {
  return RESERVED_SHEETS.some((r) => r.toLowerCase() === name.trim().toLowerCase());
}

interface SheetBlocks {
  readonly blockRows: Set<number>;
  readonly legendEntries: LeadEntry[];
  readonly keyEntries: StatusKeyEntry[];
  readonly problems: Problem[];
}

/** Legends, colour keys and thematic-lead lines of a sheet, and the rows they take up. */
function readBlocks(sheet: SheetSnapshot): SheetBlocks {
  const blocks: SheetBlocks = { blockRows: new Set(), legendEntries: [], keyEntries: [], problems: [] };
  const isHeaderRow = (r: number): boolean => headerRowCells(sheet.cells[r]) !== null;
  for (let r = 0; r < sheet.cells.length; r++) {
    const first = firstNonBlank(sheet.cells[r]);
    if (!first || first.text.length > 2000) continue;
    const marker = blockMarker(first.text);
    if (!marker || isHeaderRow(r)) continue;
    blocks.blockRows.add(r);
    if (marker.kind === "lead-legend") {
      const legend = readLegend(sheet, r, first.column, marker.rest, isHeaderRow);
      blocks.legendEntries.push(...legend.entries);
      for (let x = r + 1; x <= legend.lastRow; x++) blocks.blockRows.add(x);
      r = legend.lastRow;
    } else if (marker.kind === "status-key") {
      const key = readStatusKey(sheet, r);
      blocks.keyEntries.push(...key.entries);
      blocks.problems.push(...key.problems);
      for (let x = r + 1; x <= key.lastRow; x++) blocks.blockRows.add(x);
      r = key.lastRow;
    }
  }
  return blocks;
}

interface ActionContext {
  readonly sheet: SheetSnapshot;
  readonly merges: MergeIndex;
  readonly detected: DetectedTable;
  readonly roles: ReadonlyMap<ColumnRole, number>;
  /** The table's columns without a role, each with its key in Action.extra. */
  readonly extraColumns: ReadonlyArray<readonly [number, string]>;
  readonly codes: ReadonlyMap<string, string>;
  /** splitLeads by lead text: a plan names the same few leads on row after row. */
  readonly leadsByText: Map<string, readonly string[]>;
  /** The sheet's own key first, then other sheets' keys. */
  readonly fillStatus: (fill: string) => { status: Status; fromKey: boolean } | null;
  readonly problems: Problem[];
}

/** A cell of an action row; a blank cell under a vertical merge reads as the merge's top cell. */
function actionCell(ctx: ActionContext, row: number, column: number): CellSnapshot | null {
  const own = ctx.sheet.cells[row]?.[column] ?? null;
  if (cellText(own) !== "") return own;
  const merge = ctx.merges.at(row, column);
  if (merge && merge.top < row && merge.left === column && merge.right === column) {
    return ctx.sheet.cells[merge.top]?.[column] ?? null;
  }
  return own;
}

function dueOf(cell: CellSnapshot | null): string | null {
  if (!cell) return null;
  if (typeof cell.value === "number" && !cell.isError && isDateFormat(cell.numberFormat)) {
    const iso = excelSerialToIso(cell.value);
    if (iso) return iso;
  }
  const text = cellText(cell).trim();
  return text === "" ? null : text;
}

/** The first column of each role: read once per table, not once per row and role. */
function roleColumns(table: ActionTable): ReadonlyMap<ColumnRole, number> {
  const out = new Map<ColumnRole, number>();
  for (const c of table.columns) if (c.role !== null && !out.has(c.role)) out.set(c.role, c.column);
  return out;
}

/** Action.extra's key for each column without a role ("Notes", "Notes (2)", "Column F"): once per table. */
function extraColumns(table: ActionTable): Array<readonly [number, string]> {
  // The keys are taken as a plain object takes them, as Action.extra will.
  const taken: Record<string, string> = {};
  const out: Array<readonly [number, string]> = [];
  for (const column of table.columns) {
    if (column.role !== null) continue;
    const header = column.header.trim() || `Column ${columnLetters(column.column)}`;
    let key = header;
    for (let n = 2; key in taken; n++) key = `${header} (${n})`;
    taken[key] = "";
    out.push([column.column, key]);
  }
  return out;
}

function leadsOf(ctx: ActionContext, lead: string | null): string[] {
  if (lead === null) return splitLeads(lead, ctx.codes);
  let leads = ctx.leadsByText.get(lead);
  if (leads === undefined) {
    leads = splitLeads(lead, ctx.codes);
    ctx.leadsByText.set(lead, leads);
  }
  // Each action gets its own array: a caller may change one action's leads.
  return [...leads];
}

function roleCell(
  ctx: ActionContext,
  row: number,
  role: ColumnRole,
): { cell: CellSnapshot | null; column: number } | null {
  const column = ctx.roles.get(role);
  return column === undefined ? null : { cell: actionCell(ctx, row, column), column };
}

function roleText(ctx: ActionContext, row: number, role: ColumnRole): string | null {
  const column = ctx.roles.get(role);
  if (column === undefined) return null;
  const t = cellText(actionCell(ctx, row, column));
  return t.trim() === "" ? null : t;
}

function readAction(ctx: ActionContext, row: number): Action {
  const { sheet, detected } = ctx;
  const table = detected.table;
  for (const column of table.columns) {
    const cell = sheet.cells[row]?.[column.column];
    if (cell?.isError) {
      ctx.problems.push(
        problem(sheet.name, cellAddress(row, column.column), "cell/error-value", {
          shown: cellText(cell),
          formula: cell.formula ?? null,
        }),
      );
    }
  }

  const refText = roleText(ctx, row, "ref");
  const lead = roleText(ctx, row, "lead");
  const status = readStatus(ctx, row, roleCell(ctx, row, "status"));
  const extra: Record<string, string> = {};
  for (const [column, key] of ctx.extraColumns) extra[key] = cellText(actionCell(ctx, row, column));
  const themeText = roleText(ctx, row, "theme");
  return {
    tableId: table.id,
    sheet: sheet.name,
    row,
    cell: cellAddress(row, table.range.left),
    ref: refText === null ? null : refText.trim(),
    action: roleText(ctx, row, "action") ?? "",
    lead,
    leads: leadsOf(ctx, lead),
    update: roleText(ctx, row, "update") ?? "",
    status: status.status,
    statusText: status.text,
    statusFromFill: status.fromFill,
    due: dueOf(roleCell(ctx, row, "due")?.cell ?? null),
    theme: themeText === null ? null : themeText.trim(),
    extra,
    history: [],
    direction: null,
  };
}

function readStatus(
  ctx: ActionContext,
  row: number,
  found: { cell: CellSnapshot | null; column: number } | null,
): { status: Status | null; text: string | null; fromFill: boolean } {
  if (!found) return { status: null, text: null, fromFill: false };
  const sheet = ctx.sheet.name;
  const typed = cellText(found.cell);
  if (typed.trim() !== "") {
    const status = found.cell?.isError ? null : statusFromText(typed);
    if (status === null) {
      ctx.problems.push(problem(sheet, cellAddress(row, found.column), "status/invalid", { typed }));
    }
    return { status, text: typed, fromFill: false };
  }
  const fill = normaliseFill(found.cell?.fill);
  if (isNoFill(fill) || fill === null) return { status: null, text: null, fromFill: false };
  const byFill = ctx.fillStatus(fill);
  if (byFill === null) {
    ctx.problems.push(problem(sheet, cellAddress(row, found.column), "status/unknown-fill", { fill }));
    return { status: null, text: null, fromFill: false };
  }
  return { status: byFill.status, text: null, fromFill: true };
}

/**
 * Reads a workbook snapshot into a plan model: the action tables (header rows found by their words,
 * repeated headers and blank rows passed over), their actions, the lead register (legends, a Leads or
 * Lists sheet), the colour key, themes, and problems for what could not be read. Never throws on a
 * grid it cannot make sense of: it reports a problem instead.
 *
 *   readPlan(workbook(sheet("Plan", [["Ref", "Action", "Status"], ["1", "Do it", "R"]])))
 *     .actions[0] → { ref: "1", action: "Do it", status: "Red", cell: "A2", … }
 */
export function readPlan(snapshot: WorkbookSnapshot): PlanModel {
  const problems: Problem[] = [];
  const actionSheets = snapshot.sheets.filter((s) => !isReserved(s.name));
  const blocksBySheet = new Map<SheetSnapshot, SheetBlocks>();
  for (const sheet of actionSheets) blocksBySheet.set(sheet, readBlocks(sheet));

  const leadEntries: LeadEntry[] = [];
  for (const sheet of snapshot.sheets) {
    const name = sheet.name.trim().toLowerCase();
    if (name === LISTS_SHEET.toLowerCase() || LEADS_SHEET_NAMES.includes(name)) {
      leadEntries.push(...readLeadsTable(sheet));
    }
  }
  const statusKey: StatusKeyEntry[] = [];
  for (const [, blocks] of blocksBySheet) {
    leadEntries.push(...blocks.legendEntries);
    statusKey.push(...blocks.keyEntries);
    problems.push(...blocks.problems);
  }
  const register = buildLeadRegister(leadEntries);
  problems.push(...register.problems);
  const codes = new Map(register.leads.map((l) => [l.code.toUpperCase(), l.code]));

  const tables: ActionTable[] = [];
  const actions: Action[] = [];
  const leadsByText = new Map<string, readonly string[]>();
  for (const sheet of actionSheets) {
    const blocks = blocksBySheet.get(sheet);
    if (!blocks) continue;
    const merges = new MergeIndex(sheet.merges);
    const context: SheetContext = { sheet, merges, blockRows: blocks.blockRows };
    const ownKey = new Map(blocks.keyEntries.map((e) => [e.fill, e.status]));
    const anyKey = new Map(statusKey.map((e) => [e.fill, e.status]));
    const fillStatus = (fill: string): { status: Status; fromKey: boolean } | null => {
      const keyed = ownKey.get(fill) ?? anyKey.get(fill);
      if (keyed) return { status: keyed, fromKey: true };
      const standard = STANDARD_STATUS_FILLS.get(fill);
      return standard ? { status: standard, fromKey: false } : null;
    };
    for (const detected of detectTables(context)) {
      tables.push(detected.table);
      const ctx: ActionContext = {
        sheet,
        merges,
        detected,
        roles: roleColumns(detected.table),
        extraColumns: extraColumns(detected.table),
        codes,
        leadsByText,
        fillStatus,
        problems,
      };
      for (const row of detected.actionRows) actions.push(readAction(ctx, row));
      for (const row of detected.skippedRows) {
        problems.push(problem(sheet.name, cellAddress(row, detected.table.range.left), "row/not-an-action"));
      }
    }
  }

  if (tables.length === 0) {
    problems.push(
      problem(snapshot.sheets[0]?.name ?? "", "", "table/none-found", {
        noSheets: snapshot.sheets.length === 0,
      }),
    );
  }

  // Post-passes over the model: each table's period, then each action's status history and direction.
  return withStatusHistory(
    snapshot,
    withTablePeriods(snapshot, {
      tables,
      actions,
      leadRegister: register.leads,
      statusKey,
      themes: themesOf(tables, actions),
      problems,
    }),
  );
}

function themesOf(tables: readonly ActionTable[], actions: readonly Action[]): string[] {
  const fromColumn = [...new Set(actions.map((a) => a.theme).filter((t): t is string => t !== null))];
  if (fromColumn.length > 0) return fromColumn;
  return [...new Set(tables.map((t) => t.title ?? t.sheet))];
}
