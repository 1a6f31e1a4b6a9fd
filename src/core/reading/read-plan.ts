/** Reading a partnership's action-plan workbook, as it is, into a plan model. */
import type {
  Action,
  ActionTable,
  ColumnRole,
  PlanModel,
  Status,
  StatusKeyEntry,
  StatusRecord,
} from "../basics/plan-model";
import type { CellSnapshot, SheetSnapshot, WorkbookSnapshot } from "../basics/snapshot";
import { problem, type Problem } from "../basics/problem";
import { cellAddress, columnLetters } from "../basics/cell-address";
import { cellText, firstNonBlank, foldText, nonBlankCells } from "../basics/cell-text";
import { blockMarker } from "./block-markers";
import { isCarriedOverParentText } from "./carried-from";
import {
  type DetectedTable,
  type MergeIndex,
  type SheetContext,
  detectTables,
  headerRowCells,
  mergeIndexOf,
} from "./detect-tables";
import { excelSerialToIso, isDateFormat } from "../basics/excel-dates";
import { dueDateOfText } from "./due-dates";
import { type FillReading, type KeyFill, isNoFill, normaliseFill, statusOfFill } from "./fill-colours";
import {
  type LeadEntry,
  LeadNames,
  NO_LEAD_NAMES,
  buildLeadRegister,
  readLeadsTable,
  readLegend,
} from "./lead-register";
import { LISTS_SHEET, RESERVED_SHEETS, THEME_LIST_NAME, THEMES_TABLE } from "../basics/reserved-names";
import { listTableOf } from "../basics/table-names";
import { isUnlabelledKeyRow, keyLineWords, readStatusKey, readUnlabelledKey } from "./status-key";
import { type StatusWord, statusFromTextWithKey } from "./status-vocabulary";
import { type ColumnOverride, readStoredColumns, storedRoleLookup } from "./column-mapping";
import type { ContentClues } from "./column-roles";
import { headerRole } from "./header-roles";
import { withStatusHistory } from "./status-history";
import { withTablePeriods } from "./table-periods";

/** What a caller may tell the reader beyond the workbook. */
export interface ReadPlanOptions {
  /**
   * Column roles to use instead of inferring them (the CLI's --column, the pane's Columns view before
   * it is applied); they win over the workbook's stored Columns table, which wins over inference.
   */
  readonly columnOverrides?: readonly ColumnOverride[];
}

const LEADS_SHEET_NAMES = ["leads", "lead register", "leads register", "lead codes"];

function isReserved(name: string): boolean {
  return RESERVED_SHEETS.some((r) => r.toLowerCase() === name.trim().toLowerCase());
}

interface SheetBlocks {
  readonly blockRows: Set<number>;
  readonly legendEntries: LeadEntry[];
  readonly keyEntries: StatusKeyEntry[];
  /** Fills the sheet's key gives a meaning that is no status ("Purple – on hold"). */
  readonly keyUnreadFills: string[];
  /** Status words and letters a written key defines ("R – off track"). */
  readonly keyWords: StatusWord[];
  readonly problems: Problem[];
}

/** Legends, colour keys and thematic-lead lines of a sheet, and the rows they take up. */
function readBlocks(sheet: SheetSnapshot): SheetBlocks {
  const blocks: SheetBlocks = {
    blockRows: new Set(),
    legendEntries: [],
    keyEntries: [],
    keyUnreadFills: [],
    keyWords: [],
    problems: [],
  };
  const isHeaderRow = (r: number): boolean => headerRowCells(sheet.cells[r]) !== null;
  for (let r = 0; r < sheet.cells.length; r++) {
    const first = firstNonBlank(sheet.cells[r]);
    if (!first || first.text.length > 2000) continue;
    // A colour key without a "Key:" label: two rows or more of a swatch beside the status it means.
    if (isUnlabelledKeyRow(sheet, r, first) && isUnlabelledKeyRow(sheet, r + 1)) {
      const key = readUnlabelledKey(sheet, r);
      blocks.keyEntries.push(...key.entries);
      blocks.keyUnreadFills.push(...key.unreadFills);
      blocks.keyWords.push(...key.words);
      blocks.problems.push(...key.problems);
      for (let x = r; x <= key.lastRow; x++) blocks.blockRows.add(x);
      r = key.lastRow;
      continue;
    }
    const marker = blockMarker(first.text) ?? keyMarker(first.text);
    if (!marker || isHeaderRow(r)) {
      // A key written on one line without a label: "R = off track, A = at risk, G = on track".
      const line =
        first.text.length <= 300 && KEY_LINE_PIECES.test(first.text) && !isHeaderRow(r)
          ? keyLineWords(first.text)
          : [];
      if (line.length > 0 && nonBlankCells(sheet.cells[r]).length === 1) {
        blocks.blockRows.add(r);
        blocks.keyWords.push(...line);
      }
      continue;
    }
    blocks.blockRows.add(r);
    if (marker.kind === "lead-legend") {
      const legend = readLegend(sheet, r, first.column, marker.rest, isHeaderRow);
      blocks.legendEntries.push(...legend.entries);
      for (let x = r + 1; x <= legend.lastRow; x++) blocks.blockRows.add(x);
      r = legend.lastRow;
    } else if (marker.kind === "status-key") {
      const key = readStatusKey(sheet, r, marker.rest);
      blocks.keyEntries.push(...key.entries);
      blocks.keyUnreadFills.push(...key.unreadFills);
      blocks.keyWords.push(...key.words);
      blocks.problems.push(...key.problems);
      for (let x = r + 1; x <= key.lastRow; x++) blocks.blockRows.add(x);
      r = key.lastRow;
    }
  }
  return blocks;
}

/** Two "token – meaning" pieces, the least a key line has; most rows' first cells fail this at once. */
const KEY_LINE_PIECES = /[-–—=:][^,;|\n]*[,;|\n][^-–—=:]*[-–—=:]/;

/** "Status key: R – off track, A – at risk …": a key label with its entries after the colon. */
function keyMarker(text: string): ReturnType<typeof blockMarker> {
  const colon = text.indexOf(":");
  if (colon < 0 || colon > 30) return null;
  const label = blockMarker(text.slice(0, colon).trim());
  const rest = text.slice(colon + 1).trim();
  if (label?.kind !== "status-key" || keyLineWords(rest).length === 0) return null;
  return { kind: "status-key", rest };
}

interface ActionContext {
  readonly sheet: SheetSnapshot;
  readonly merges: MergeIndex;
  readonly detected: DetectedTable;
  readonly roles: RoleColumns;
  /** The table's columns without a role, each with its key in Action.extra. */
  readonly extraColumns: ReadonlyArray<readonly [number, string]>;
  readonly leadNames: LeadNames;
  /** The sheet's own key first, then other sheets' keys. */
  readonly fillStatus: (fill: string) => FillReading | null;
  /** Status words a written key defines, the sheet's own first. */
  readonly statusWords: ReadonlyMap<string, Status | null>;
  /** Typed statuses already read on this sheet. */
  readonly typedStatuses: Map<string, Status | null>;
  /** The table's typed statuses in filled cells, and how many typed statuses each column has. */
  readonly typedOnFills: TypedOnFill[];
  /** Guessed fills the workbook's scheme confirms (see confirmedByScheme). */
  readonly confirmed: ReadonlySet<string>;
  readonly typedCount: Map<number, number>;
  /** Repeated period groups, oldest first, with their update and status columns. */
  readonly periods: ReadonlyArray<{ label: string; update: number | null; status: number | null }>;
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

/** The due cell as shown (an ISO date for a date, else its text) and the day it names, if any. */
function dueOf(cell: CellSnapshot | null): { readonly due: string | null; readonly dueDate: string | null } {
  if (!cell) return NO_DUE;
  if (typeof cell.value === "number" && !cell.isError && isDateFormat(cell.numberFormat)) {
    const iso = excelSerialToIso(cell.value);
    if (iso) return { due: iso, dueDate: iso };
  }
  const text = cellText(cell).trim();
  if (text === "") return NO_DUE;
  // A date typed as text ("31/03/2025") is kept as typed, and is due all the same.
  return { due: text, dueDate: cell.isError ? null : dueDateOfText(text) };
}

const NO_DUE = { due: null, dueDate: null } as const;

/** The first column of each role, or null: every table's in an object of one shape, read row after row. */
type RoleColumns = Readonly<Record<ColumnRole, number | null>>;

/** The first column of each role: read once per table, not once per row and role. */
function roleColumns(table: ActionTable): RoleColumns {
  const out: Record<ColumnRole, number | null> = {
    ref: null,
    action: null,
    lead: null,
    update: null,
    status: null,
    due: null,
    theme: null,
  };
  for (const c of table.columns) if (c.role !== null && out[c.role] === null) out[c.role] = c.column;
  return out;
}

/** The table's status column and its period groups' status columns. */
function statusColumns(table: ActionTable): number[] {
  return table.columns.filter((c) => c.role === "status" || c.period?.role === "status").map((c) => c.column);
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

/** The text of an action's cell in `column` (a role's), or null when there is no column or it is blank. */
function roleText(ctx: ActionContext, row: number, column: number | null): string | null {
  if (column === null) return null;
  const t = cellText(actionCell(ctx, row, column));
  return t.trim() === "" ? null : t;
}

function readAction(ctx: ActionContext, row: number): Action {
  const { sheet, detected } = ctx;
  const table = detected.table;
  const cells = sheet.cells[row];
  // Indexed loops in what runs once per action: a for…of makes an iterator result per step until
  // the code is optimised, and a one-run process reads most rows before it is.
  for (let i = 0; i < table.columns.length; i++) {
    const column = table.columns[i]!;
    const cell = cells?.[column.column];
    if (cell?.isError) {
      ctx.problems.push(
        problem(sheet.name, cellAddress(row, column.column), "cell/error-value", {
          shown: cellText(cell),
          formula: cell.formula ?? null,
        }),
      );
    }
  }

  const roles = ctx.roles;
  const refText = roleText(ctx, row, roles.ref);
  const lead = roleText(ctx, row, roles.lead);
  let status =
    roles.status === null
      ? NO_STATUS
      : readStatus(ctx, row, actionCell(ctx, row, roles.status), roles.status);
  let update = roleText(ctx, row, roles.update) ?? "";
  const history: StatusRecord[] = [];
  if (ctx.periods.length > 0) {
    // Each period's reading; the current one is the latest that has an update or a status.
    const readings = ctx.periods.map((p) => {
      const s =
        p.status === null ? NO_STATUS : readStatus(ctx, row, actionCell(ctx, row, p.status), p.status);
      const u = p.update === null ? "" : cellText(actionCell(ctx, row, p.update));
      return { period: p.label, status: s, update: u.trim() === "" ? "" : u };
    });
    const has = (r: (typeof readings)[number]): boolean =>
      r.update !== "" || r.status.text !== null || r.status.fromFill;
    let current = -1;
    readings.forEach((r, i) => {
      if (has(r)) current = i;
    });
    if (current >= 0) {
      const now = readings[current];
      const group = ctx.periods[current];
      // A group with only a rating (or only progress) leaves the other from the table's own column.
      if (now && group?.status !== null) status = now.status;
      if (now && group?.update !== null) update = now.update;
      for (const r of readings.slice(0, current)) {
        if (has(r)) history.push({ period: r.period, status: r.status.status, update: r.update });
      }
    }
  }
  const extra: Record<string, string> = {};
  for (let i = 0; i < ctx.extraColumns.length; i++) {
    const [column, key] = ctx.extraColumns[i]!;
    extra[key] = cellText(actionCell(ctx, row, column));
  }
  const themeText = roleText(ctx, row, roles.theme) ?? sectionAbove(detected.sections, row);
  const due = roles.due === null ? NO_DUE : dueOf(actionCell(ctx, row, roles.due));
  // Every field written out (no spread): V8 makes an object literal with a spread in it by a
  // slower copy, and this one is made for every action of the plan.
  return {
    tableId: table.id,
    sheet: sheet.name,
    row,
    cell: cellAddress(row, table.range.left),
    ref: refText === null ? null : refText.trim(),
    action: roleText(ctx, row, roles.action) ?? "",
    lead,
    leads: ctx.leadNames.leadsOf(lead),
    update,
    status: status.status,
    statusText: status.text,
    statusFromFill: status.fromFill,
    statusGuessed: status.guessed,
    due: due.due,
    dueDate: due.dueDate,
    theme: themeText === null ? null : themeText.trim(),
    extra,
    history,
    direction: null,
  };
}

/**
 * The section row nearest above an action, for a table with no theme column: the priority its rows
 * are grouped under ("Priority 1: Reducing violence"), or null. Carry-over's parent row ("1 | Carried
 * over from 2011-12") groups carried actions but names no priority: under it an action has no theme
 * but its own Theme cell's, never "Carried over from …".
 */
function sectionAbove(sections: DetectedTable["sections"], row: number): string | null {
  let found: string | null = null;
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!;
    if (s.row > row) break;
    found = isCarriedOverParentText(s.text) ? null : s.text;
  }
  return found;
}

/** A typed status as the sheet's key and the vocabulary read it: a plan types the same few, row after row. */
function typedStatus(ctx: ActionContext, typed: string): Status | null {
  const known = ctx.typedStatuses.get(typed);
  if (known !== undefined) return known;
  const status = statusFromTextWithKey(typed, ctx.statusWords);
  if (ctx.typedStatuses.size < 5000) ctx.typedStatuses.set(typed, status);
  return status;
}

/**
 * A status as read from a cell: its word, what was typed, whether it came from the fill, and whether
 * that fill was a guess (see FillReading).
 */
interface StatusReading {
  readonly status: Status | null;
  readonly text: string | null;
  readonly fromFill: boolean;
  readonly guessed: boolean;
}

/** No status read (no column, a blank cell, no fill): one for every such cell, as readings are only read. */
const NO_STATUS: StatusReading = { status: null, text: null, fromFill: false, guessed: false };

/** A typed status in a filled cell, kept until the table is read to see whether the fill disagrees. */
interface TypedOnFill {
  readonly row: number;
  readonly column: number;
  readonly typed: string;
  readonly status: Status;
  readonly fill: string;
}

function readStatus(
  ctx: ActionContext,
  row: number,
  cell: CellSnapshot | null,
  column: number,
): StatusReading {
  const sheet = ctx.sheet.name;
  const typed = cellText(cell);
  if (typed.trim() !== "") {
    const status = cell?.isError ? null : typedStatus(ctx, typed);
    if (status === null) {
      ctx.problems.push(problem(sheet, cellAddress(row, column), "status/invalid", { typed }));
    } else {
      ctx.typedCount.set(column, (ctx.typedCount.get(column) ?? 0) + 1);
      const fill = normaliseFill(cell?.fill);
      if (fill !== null && !isNoFill(fill)) ctx.typedOnFills.push({ row, column, typed, status, fill });
    }
    return { status, text: typed, fromFill: false, guessed: false };
  }
  const fill = normaliseFill(cell?.fill);
  if (isNoFill(fill) || fill === null) return NO_STATUS;
  const byFill = ctx.fillStatus(fill);
  if (byFill === null) {
    ctx.problems.push(problem(sheet, cellAddress(row, column), "status/unknown-fill", { fill }));
    return NO_STATUS;
  }
  const guessed = byFill.guessed && !ctx.confirmed.has(fill);
  if (guessed) {
    ctx.problems.push(
      problem(sheet, cellAddress(row, column), "status/fill-guessed", { fill, status: byFill.status }),
    );
  }
  return { status: byFill.status, text: null, fromFill: true, guessed };
}

/**
 * The guessed fills the workbook's own scheme confirms: a pale blue (Complete) or a grey (Not started)
 * in a workbook whose other status fills clearly show two or more of Red, Amber and Green, where it is
 * the only colour read as its status. A BRAG scheme of clear reds, ambers and greens gives its fifth
 * colour that meaning; a workbook with two colours for one status (a purple and a blue both read as
 * Complete) or no clear statuses confirms nothing.
 */
function confirmedByScheme(
  found: ReadonlyArray<{
    readonly sheet: SheetSnapshot;
    readonly detected: readonly DetectedTable[];
    readonly fillStatus: (fill: string) => FillReading | null;
  }>,
): Set<string> {
  const readings = new Map<string, FillReading>();
  for (const { sheet, detected, fillStatus } of found) {
    for (const d of detected) {
      for (const column of statusColumns(d.table)) {
        for (let i = 0; i < d.actionRows.length; i++) {
          const cell = sheet.cells[d.actionRows[i]!]?.[column];
          if (!cell || cellText(cell).trim() !== "") continue;
          const fill = normaliseFill(cell.fill);
          if (fill === null || isNoFill(fill) || readings.has(fill)) continue;
          const reading = fillStatus(fill);
          if (reading !== null) readings.set(fill, reading);
        }
      }
    }
  }
  const confirmed = new Set<string>();
  const clear = new Set<Status>();
  const colours = new Map<Status, number>();
  for (const r of readings.values()) {
    colours.set(r.status, (colours.get(r.status) ?? 0) + 1);
    if (!r.guessed) clear.add(r.status);
  }
  if (RAG.filter((s) => clear.has(s)).length < 2) return confirmed;
  for (const [fill, r] of readings) {
    if (r.guessed && r.schemeMayConfirm && colours.get(r.status) === 1) confirmed.add(fill);
  }
  return confirmed;
}

const RAG: readonly Status[] = ["Red", "Amber", "Green"];

/**
 * A typed status in a cell whose fill clearly says another (typed "Green" on red): the typed word is
 * the status, and a warning names the cell, unless the column's fills are decoration rather than
 * statuses: one fill on every typed status of the column (an input colour), or one fill on cells
 * typed with two or more statuses it disagrees with.
 */
function reportFillConflicts(ctx: ActionContext): void {
  if (ctx.typedOnFills.length === 0) return;
  const disagreeing = new Map<string, TypedOnFill[]>();
  const onFill = new Map<string, number>();
  for (const t of ctx.typedOnFills) {
    const at = `${t.column} ${t.fill}`;
    onFill.set(at, (onFill.get(at) ?? 0) + 1);
    const byFill = ctx.fillStatus(t.fill);
    if (byFill === null || byFill.guessed || byFill.status === t.status) continue;
    disagreeing.set(at, [...(disagreeing.get(at) ?? []), t]);
  }
  for (const [at, cells] of disagreeing) {
    const first = cells[0];
    if (!first) continue;
    const typedInColumn = ctx.typedCount.get(first.column) ?? 0;
    if (typedInColumn >= 3 && onFill.get(at) === typedInColumn) continue;
    if (cells.some((c) => c.status !== first.status)) continue;
    const fillStatus = ctx.fillStatus(first.fill)?.status;
    if (fillStatus === undefined) continue;
    for (const c of cells) {
      ctx.problems.push(
        problem(ctx.sheet.name, cellAddress(c.row, c.column), "status/typed-differs-from-fill", {
          typed: c.typed,
          status: c.status,
          fill: c.fill,
          fillStatus,
        }),
      );
    }
  }
}

/**
 * The themes the Lists sheet's Themes table names (wherever Apply schema put it), folded: the sections
 * and theme cells Apply schema read when it wrote the list. Empty when the workbook has no such list.
 */
function themesListed(snapshot: WorkbookSnapshot): Set<string> {
  const themes = new Set<string>();
  const found = listTableOf(snapshot, THEMES_TABLE, THEME_LIST_NAME);
  if (found === null) return themes;
  const { sheet, table } = found;
  const at = table.columnNames.findIndex((n) => foldText(n) === "theme");
  const column = table.range.left + Math.max(at, 0);
  for (let r = table.range.top + 1; r <= table.range.bottom; r++) {
    const text = cellText(sheet.cells[r]?.[column]).trim();
    if (text !== "") themes.add(foldText(text));
  }
  return themes;
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
export function readPlan(snapshot: WorkbookSnapshot, options: ReadPlanOptions = {}): PlanModel {
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
  const listedThemes = themesListed(snapshot);
  const statusKey: StatusKeyEntry[] = [];
  const workbookWords = new Map<string, Status | null>();
  for (const [, blocks] of blocksBySheet) {
    leadEntries.push(...blocks.legendEntries);
    statusKey.push(...blocks.keyEntries);
    problems.push(...blocks.problems);
    for (const w of blocks.keyWords)
      if (!workbookWords.has(foldText(w.token))) workbookWords.set(foldText(w.token), w.status);
  }
  const register = buildLeadRegister(leadEntries);
  problems.push(...register.problems);
  const registerNames = register.leads.length === 0 ? NO_LEAD_NAMES : new LeadNames(register.leads, []);

  // The user's confirmed roles: the Columns table, then overrides given now (later entries win).
  const storedColumns = [...readStoredColumns(snapshot), ...(options.columnOverrides ?? [])];
  const stored = storedRoleLookup(storedColumns);
  const hasStored = storedColumns.length > 0;

  // First every sheet's tables, then the lead names across them, then the actions.
  interface SheetTables {
    readonly sheet: SheetSnapshot;
    readonly merges: MergeIndex;
    readonly detected: DetectedTable[];
    readonly fillStatus: ActionContext["fillStatus"];
    readonly statusWords: ReadonlyMap<string, Status | null>;
  }
  const found: SheetTables[] = [];
  for (const sheet of actionSheets) {
    const blocks = blocksBySheet.get(sheet);
    if (!blocks) continue;
    const merges = mergeIndexOf(sheet.merges);
    const ownKey: KeyFill[] = [
      ...blocks.keyEntries,
      ...blocks.keyUnreadFills.map((fill) => ({ fill, status: null })),
    ];
    const otherKeys: KeyFill[] = [];
    for (const [other, b] of blocksBySheet) {
      if (other === sheet) continue;
      otherKeys.push(...b.keyEntries, ...b.keyUnreadFills.map((fill) => ({ fill, status: null })));
    }
    const sheetKey = ownKey.length > 0 ? ownKey : otherKeys;
    const fillStatus = (fill: string): FillReading | null => statusOfFill(fill, sheetKey);
    const statusWords = new Map(workbookWords);
    for (const w of blocks.keyWords) statusWords.set(foldText(w.token), w.status);
    const sampledStatuses = new Map<string, Status | null>();
    const clues: ContentClues = {
      statusOf: (cell) => {
        const text = cellText(cell);
        if (text.trim() !== "") {
          let status = sampledStatuses.get(text);
          if (status === undefined) {
            status = statusFromTextWithKey(text, statusWords);
            sampledStatuses.set(text, status);
          }
          return status;
        }
        const fill = normaliseFill(cell.fill);
        return fill === null || isNoFill(fill) ? null : (fillStatus(fill)?.status ?? null);
      },
      isKnownLead: (text) => registerNames.isKnown(text),
    };
    const storedHeaders = hasStored
      ? (text: string): ColumnRole | null => {
          const role = stored(sheet.name, null, null, text);
          return role === "ignore" ? null : (role ?? headerRole(text));
        }
      : headerRole;
    const context: SheetContext = {
      sheet,
      merges,
      blockRows: blocks.blockRows,
      decision: {
        clues,
        storedRole: (tableId, listObjectName, header) => stored(sheet.name, tableId, listObjectName, header),
      },
      headerWord: storedHeaders,
      listedThemes,
    };
    found.push({ sheet, merges, detected: detectTables(context), fillStatus, statusWords });
  }

  // Only the leads' texts are needed, once each with how often; a plan repeats a few leads.
  const leadTexts = new Map<string, number>();
  for (const f of found) {
    for (const d of f.detected) {
      const column = d.table.columns.find((c) => c.role === "lead")?.column;
      if (column === undefined) continue;
      for (let i = 0; i < d.actionRows.length; i++) {
        const text = cellText(f.sheet.cells[d.actionRows[i]!]?.[column]);
        if (text !== "") leadTexts.set(text, (leadTexts.get(text) ?? 0) + 1);
      }
    }
  }
  const leadNames = new LeadNames(register.leads, leadTexts);

  const confirmed = confirmedByScheme(found);
  const tables: ActionTable[] = [];
  const actions: Action[] = [];
  for (const { sheet, merges, detected: sheetTables, fillStatus, statusWords } of found) {
    const typedStatuses = new Map<string, Status | null>();
    for (const detected of sheetTables) {
      tables.push(detected.table);
      problems.push(...detected.problems);
      const ctx: ActionContext = {
        sheet,
        merges,
        detected,
        roles: roleColumns(detected.table),
        extraColumns: extraColumns(detected.table),
        leadNames,
        fillStatus,
        statusWords,
        typedStatuses,
        typedOnFills: [],
        confirmed,
        typedCount: new Map(),
        periods: periodGroups(detected.table),
        problems,
      };
      for (let i = 0; i < detected.actionRows.length; i++)
        actions.push(readAction(ctx, detected.actionRows[i]!));
      reportFillConflicts(ctx);
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

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * Where a period label falls in time, as a sortable key and the kind of label it is ("q" quarters, "m"
 * months, "y" years only), or null when it names no time the reader can order ("Latest", "Phase A").
 * periodOrder("Q3 2024/25") → { key: 202409, kind: "q", year: true }.
 */
function periodOrder(label: string): { key: number; kind: string; year: boolean } | null {
  const folded = label.toLowerCase();
  const year = /(?:19|20)\d\d/.exec(folded);
  const quarter = /(?:^|[^a-z])(?:q|quarter\s*)([1-4])(?![0-9])/.exec(folded);
  const month = /(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/.exec(folded);
  const within = quarter ? Number(quarter[1]) * 3 : month ? MONTHS.indexOf(month[1] ?? "") + 1 : 0;
  if (within === 0 && !year) return null;
  const kind = quarter ? "q" : month ? "m" : "y";
  return { key: (year ? Number(year[0]) : 0) * 100 + within, kind, year: year !== null };
}

/**
 * A table's repeated period groups, oldest first: in time order when every label names a time of the
 * same kind ("Q2 update" left of "Q1 update" is still the later), else left to right; [] when none.
 */
function periodGroups(
  table: ActionTable,
): Array<{ label: string; update: number | null; status: number | null }> {
  const groups: Array<{ label: string; update: number | null; status: number | null }> = [];
  for (const c of table.columns) {
    if (!c.period) continue;
    let group = groups.find((g) => g.label === c.period?.label);
    if (!group) {
      group = { label: c.period.label, update: null, status: null };
      groups.push(group);
    }
    if (group[c.period.role] === null) group[c.period.role] = c.column;
  }
  if (groups.length < 2) return groups;
  const orders = groups.map((g) => periodOrder(g.label));
  const first = orders[0];
  const comparable =
    first != null && orders.every((o) => o !== null && o.kind === first.kind && o.year === first.year);
  if (!comparable) return groups;
  // Array.prototype.sort is stable: equal keys keep their left-to-right order.
  return groups
    .map((g, i) => ({ g, key: orders[i]?.key ?? 0 }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.g);
}

function themesOf(tables: readonly ActionTable[], actions: readonly Action[]): string[] {
  const fromColumn = [...new Set(actions.map((a) => a.theme).filter((t): t is string => t !== null))];
  if (fromColumn.length > 0) return fromColumn;
  return [...new Set(tables.map((t) => t.title ?? t.sheet))];
}
