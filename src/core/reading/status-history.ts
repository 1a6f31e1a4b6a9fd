/**
 * Status history and direction of travel. The `Status history` sheet keeps one row per action per
 * closed period (period, sheet, ref, action, lead, status, update, recorded on); this module reads it,
 * gives each action its history (merged with any the reader found in quarterly columns, and followed
 * back through a carried action's "Carried from" lineage) and works out how its status moved.
 *
 * Direction of travel (README): the current status is compared with the latest earlier reading, the
 * status the action had in the latest period that recorded one (a period with no status is passed
 * over). Complete > Green > Amber > Red; the same status is unchanged; Not started → Green or Complete
 * is improved, Not started → Amber or Red is worsened, and any started status → Not started is
 * worsened. No status now gives no direction (null). No earlier reading gives "new" when the workbook
 * has recorded any period (the action, or its status, is new since), else null.
 */
import { CARRIED_FROM_HEADER, parseCarriedFrom } from "./carried-from";
import { cellAddress } from "../basics/cell-address";
import { cellAt, cellText, foldText } from "../basics/cell-text";
import { excelSerialToIso, isDateFormat, isIsoDate } from "../basics/excel-dates";
import { memoise } from "../basics/memo";
import {
  knownStatus,
  type Action,
  type ActionAsListed,
  type Direction,
  type PlanModel,
  type Status,
  type StatusRecord,
} from "../basics/plan-model";
import { problem, type Problem } from "../basics/problem";
import { STATUS_HISTORY_SHEET } from "../basics/reserved-names";
import type { CellSnapshot, SheetSnapshot, TableSnapshot, WorkbookSnapshot } from "../basics/snapshot";
import { statusFromText } from "./status-vocabulary";

export { STATUS_HISTORY_SHEET };
/** The ListObject the add-in makes on the Status history sheet. */
export const STATUS_HISTORY_TABLE = "StatusHistory";
/** The header of a carried action's lineage column (carry-over.ts writes "2011-12 / 4" under it). */
const CARRIED_FROM_FOLDED = foldText(CARRIED_FROM_HEADER);

export type HistoryField =
  "period" | "sheet" | "ref" | "action" | "lead" | "status" | "update" | "recordedOn";

/** The table's columns, in the order the add-in writes them, with the header each gets. */
export const HISTORY_COLUMNS: ReadonlyArray<{ readonly field: HistoryField; readonly header: string }> = [
  { field: "period", header: "Period" },
  { field: "sheet", header: "Sheet" },
  { field: "ref", header: "Ref" },
  { field: "action", header: "Action" },
  { field: "lead", header: "Lead" },
  { field: "status", header: "Status" },
  { field: "update", header: "Update" },
  { field: "recordedOn", header: "Recorded on" },
];

/** Other header words a person may have typed for a column (folded). */
const HEADER_WORDS: Readonly<Record<HistoryField, readonly string[]>> = {
  period: ["period", "period label", "quarter"],
  sheet: ["sheet"],
  ref: ["ref", "ref no", "no"],
  action: ["action"],
  lead: ["lead"],
  status: ["status", "rag", "rag status"],
  update: ["update", "progress"],
  recordedOn: ["recorded on", "recorded", "date recorded"],
};

/** One readable row of the Status history table. */
export interface HistoryRow extends ActionAsListed {
  /** 0-based sheet row. */
  readonly row: number;
  readonly period: string;
  /** ISO date, or null when blank or unreadable (then a Problem names the cell). */
  readonly recordedOn: string | null;
}

/** The Status history table as read. */
export interface HistoryTable {
  readonly sheet: SheetSnapshot;
  readonly headerRow: number;
  readonly left: number;
  readonly right: number;
  /** The last row the table takes up (its ListObject's last row, else its last non-blank row). */
  readonly bottom: number;
  /** The last row holding anything in the table's columns (headerRow when the body is empty). */
  readonly lastUsedRow: number;
  readonly listObject: TableSnapshot | null;
  /** Sheet column of each field found. */
  readonly columns: ReadonlyMap<HistoryField, number>;
  /** Readable rows, in sheet order. */
  readonly rows: readonly HistoryRow[];
}

export interface StatusHistoryRead {
  /** Null when the workbook has no Status history sheet, or it has no table the add-in can find. */
  readonly table: HistoryTable | null;
  readonly problems: readonly Problem[];
}

/** The workbook's Status history sheet (matched whatever its case), or undefined. */
export function statusHistorySheet(snapshot: WorkbookSnapshot): SheetSnapshot | undefined {
  const wanted = foldText(STATUS_HISTORY_SHEET);
  return snapshot.sheets.find((s) => foldText(s.name) === wanted);
}

function fieldOfHeader(text: string): HistoryField | null {
  const folded = foldText(text);
  if (folded === "") return null;
  for (const { field } of HISTORY_COLUMNS) if (HEADER_WORDS[field].includes(folded)) return field;
  return null;
}

/** Header row and columns: the ListObject's when there is one, else the first row naming Period and Status. */
function locateTable(
  sheet: SheetSnapshot,
): { headerRow: number; left: number; right: number; listObject: TableSnapshot | null } | null {
  const listObject =
    sheet.tables.find((t) => t.name.toLowerCase() === STATUS_HISTORY_TABLE.toLowerCase()) ??
    sheet.tables.find((t) => t.columnNames.some((n) => fieldOfHeader(n) === "period")) ??
    null;
  if (listObject !== null) {
    return {
      headerRow: listObject.range.top,
      left: listObject.range.left,
      right: listObject.range.right,
      listObject,
    };
  }
  for (let r = 0; r < sheet.cells.length; r++) {
    const row = sheet.cells[r] ?? [];
    const fields = row.map((c) => fieldOfHeader(cellText(c)));
    if (fields.includes("period") && fields.includes("status")) {
      let left = fields.findIndex((f) => f !== null);
      let right = fields.length - 1;
      while (right > left && fields[right] === null && cellText(row[right]).trim() === "") right--;
      left = Math.max(0, left);
      return { headerRow: r, left, right, listObject: null };
    }
  }
  return null;
}

/** A recorded-on cell as an ISO date: a date serial, or text typed as dd/mm/yyyy or yyyy-mm-dd. */
function dateOfCell(
  cell: CellSnapshot | null,
): { readonly iso: string | null } | { readonly invalid: string } {
  if (cell === null) return { iso: null };
  const text = cellText(cell).trim();
  if (typeof cell.value === "number") {
    const iso =
      isDateFormat(cell.numberFormat) || cell.numberFormat === "General"
        ? excelSerialToIso(cell.value)
        : null;
    return iso === null ? { invalid: text } : { iso };
  }
  if (text === "") return { iso: null };
  if (isIsoDate(text)) return { iso: text };
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (uk) return { iso: `${uk[3]}-${(uk[2] ?? "").padStart(2, "0")}-${(uk[1] ?? "").padStart(2, "0")}` };
  return { invalid: text };
}

/** A workbook has a few sheet names, each on thousands of history rows: folded once each. */
const sheetKey = memoise(1000, foldText);

/** The key a history row and an action share: sheet and ref, else sheet and action text. */
function refKey(sheet: string, ref: string): string {
  return `r\u0000${sheetKey(sheet)}\u0000${ref.trim().toLowerCase()}`;
}

function textKey(sheet: string, action: string): string {
  return `t\u0000${sheetKey(sheet)}\u0000${action.replace(/\s+/g, " ").trim().toLowerCase()}`;
}

/** A period label compared as the workbook means it: case and spacing do not matter. */
export function periodKey(label: string): string {
  return label.replace(/\s+/g, " ").trim().toLowerCase();
}

/**
 * Reads the Status history sheet's table. A missing column, a row without a period, a status that is
 * not a status, text where the recorded-on date belongs and a row recorded twice for the same period
 * are problems naming the cell; every readable row is kept (of duplicates, the lower one counts).
 *
 * @example readStatusHistory(snapshot).table?.rows[0]
 *   → { row: 1, period: "Q1 2012-13", sheet: "2012-13", ref: "1.1", status: "Amber", … }
 */
export function readStatusHistory(snapshot: WorkbookSnapshot): StatusHistoryRead {
  const sheet = statusHistorySheet(snapshot);
  if (sheet === undefined) return { table: null, problems: [] };
  const problems: Problem[] = [];
  const located = locateTable(sheet);
  if (located === null) {
    const empty = sheet.cells.every((row) => row.every((c) => cellText(c).trim() === ""));
    return {
      table: null,
      problems: empty ? [] : [problem(sheet.name, "A1", "history/no-table")],
    };
  }
  const { headerRow, left, right, listObject } = located;
  const columns = new Map<HistoryField, number>();
  for (let c = left; c <= right; c++) {
    const field = fieldOfHeader(
      cellText(cellAt(sheet, headerRow, c)) || (listObject?.columnNames[c - left] ?? ""),
    );
    if (field !== null && !columns.has(field)) columns.set(field, c);
  }
  const missing = HISTORY_COLUMNS.filter((h) => !columns.has(h.field));
  if (missing.length > 0) {
    problems.push(
      problem(sheet.name, cellAddress(headerRow, left), "history/column-missing", {
        headers: missing.map((m) => m.header),
      }),
    );
  }
  let lastUsedRow = headerRow;
  const tableBottom = listObject?.range.bottom ?? sheet.cells.length - 1;
  const scanBottom = listObject === null ? tableBottom : Math.max(tableBottom, headerRow);
  for (let r = headerRow + 1; r <= scanBottom; r++) {
    for (let c = left; c <= right; c++) {
      if (cellText(cellAt(sheet, r, c)).trim() !== "") {
        lastUsedRow = r;
        break;
      }
    }
  }
  const bottom = listObject === null ? lastUsedRow : tableBottom;
  const rows: HistoryRow[] = [];
  const text = (r: number, field: HistoryField): string => {
    const c = columns.get(field);
    return c === undefined ? "" : cellText(cellAt(sheet, r, c));
  };
  const seen = new Map<string, number>();
  const periodColumn = columns.get("period");
  const statusColumn = columns.get("status");
  for (let r = headerRow + 1; r <= lastUsedRow; r++) {
    let blank = true;
    for (let c = left; c <= right && blank; c++)
      if (cellText(cellAt(sheet, r, c)).trim() !== "") blank = false;
    if (blank) continue;
    if (periodColumn === undefined || statusColumn === undefined) continue;
    const period = text(r, "period").trim();
    if (period === "") {
      problems.push(problem(sheet.name, cellAddress(r, periodColumn), "history/period-missing"));
      continue;
    }
    const statusText = text(r, "status").trim();
    const status = statusText === "" ? null : statusFromText(statusText);
    if (statusText !== "" && status === null) {
      problems.push(
        problem(sheet.name, cellAddress(r, statusColumn), "history/status-invalid", { typed: statusText }),
      );
    }
    const recordedColumn = columns.get("recordedOn");
    let recordedOn: string | null = null;
    if (recordedColumn !== undefined) {
      const date = dateOfCell(cellAt(sheet, r, recordedColumn));
      if ("invalid" in date) {
        problems.push(
          problem(sheet.name, cellAddress(r, recordedColumn), "history/date-invalid", {
            typed: date.invalid,
          }),
        );
      } else {
        recordedOn = date.iso;
      }
    }
    const ref = text(r, "ref").trim();
    const lead = text(r, "lead").trim();
    const record: HistoryRow = {
      row: r,
      period,
      sheet: text(r, "sheet").trim(),
      ref: ref === "" ? null : ref,
      action: text(r, "action"),
      lead: lead === "" ? null : lead,
      status,
      update: text(r, "update"),
      recordedOn,
    };
    const identity = `${periodKey(period)}\u0001${record.ref !== null ? refKey(record.sheet, record.ref) : textKey(record.sheet, record.action)}`;
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      problems.push(
        problem(sheet.name, cellAddress(r, periodColumn), "history/duplicate", {
          actionSheet: record.sheet,
          ref: record.ref,
          period,
          alsoRow: earlier + 1,
        }),
      );
    }
    seen.set(identity, r);
    rows.push(record);
  }
  return {
    table: { sheet, headerRow, left, right, bottom, lastUsedRow, listObject, columns, rows },
    problems,
  };
}

// --- direction of travel ---------------------------------------------------------------------

const RANK: Readonly<Partial<Record<Status, number>>> = { Red: 1, Amber: 2, Green: 3, Complete: 4 };

/**
 * How a status moved from one reading to the next (see the rules at the top of this module).
 *   statusMove("Amber", "Green") === "improved"; statusMove("Not started", "Red") === "worsened"
 */
export function statusMove(previous: Status, current: Status): "improved" | "worsened" | "unchanged" {
  if (previous === current) return "unchanged";
  if (previous === "Not started")
    return current === "Green" || current === "Complete" ? "improved" : "worsened";
  if (current === "Not started") return "worsened";
  return (RANK[current] ?? 0) > (RANK[previous] ?? 0) ? "improved" : "worsened";
}

/** An action's direction of travel and the period it is measured against. */
export interface DirectionOfTravel {
  readonly direction: Direction | null;
  /** The label of the earlier reading compared with, or null when there is none. */
  readonly since: string | null;
}

/** The records of `history` that hold a status, oldest first. */
function readings(history: readonly StatusRecord[]): StatusRecord[] {
  return history.filter((h) => h.status !== null);
}

/**
 * The direction of travel of a status with its history. `anyHistory`: whether the workbook has recorded
 * any period (an action with no earlier reading is then "new").
 *   directionOfTravel("Red", [{ period: "Q1", status: "Amber", update: "" }], true)
 *   → { direction: "worsened", since: "Q1" }
 */
export function directionOfTravel(
  status: Status | null,
  history: readonly StatusRecord[],
  anyHistory: boolean,
): DirectionOfTravel {
  if (status === null) return { direction: null, since: null };
  const previous = readings(history).at(-1);
  if (previous === undefined || previous.status === null) {
    return { direction: anyHistory ? "new" : null, since: null };
  }
  return { direction: statusMove(previous.status, status), since: previous.period };
}

/**
 * The last readings of an action, newest first: its status now, then each earlier period's that holds
 * one. Check uses it for "worse two periods running" and "Red and unchanged for two periods".
 */
export function recentReadings(
  action: Action,
): Array<{ readonly period: string | null; readonly status: Status }> {
  // A status only guessed from a fill colour is no reading: nothing is compared with a guess.
  const now = knownStatus(action);
  if (now === null) return [];
  const earlier = readings(action.history)
    .reverse()
    .map((h) => ({ period: h.period, status: h.status as Status }));
  return [{ period: null, status: now }, ...earlier];
}

// --- the post-pass over the model ------------------------------------------------------------

function carriedFromOf(action: Action): string | null {
  for (const [header, value] of Object.entries(action.extra)) {
    if (foldText(header) === CARRIED_FROM_FOLDED && value.trim() !== "") return value.trim();
  }
  return null;
}

/**
 * Where each record of an oldest-first history sorts: a period the history sheet knows sorts by the
 * sheet's order; one it does not (a quarterly column's label) just after the record before it.
 */
function sortKeys(history: readonly StatusRecord[], order: ReadonlyMap<string, number>): number[] {
  let last = -1;
  let step = 0;
  return history.map((record) => {
    const at = order.get(periodKey(record.period));
    if (at !== undefined) {
      last = at;
      step = 0;
      return at;
    }
    step += 1;
    return last + step / (history.length + 1);
  });
}

/**
 * Two oldest-first histories as one: a period in both takes `preferred`'s record; otherwise records
 * sort by sortKeys, `other`'s first on a tie (it holds the older lineage or the plan's own columns).
 */
function mergeHistories(
  other: readonly StatusRecord[],
  preferred: readonly StatusRecord[],
  order: ReadonlyMap<string, number>,
): StatusRecord[] {
  if (other.length === 0) return [...preferred];
  const preferredKeys = new Set(preferred.map((p) => periodKey(p.period)));
  const otherKeys = sortKeys(other, order);
  const keyed = [
    ...other.map((record, i) => ({ record, key: otherKeys[i] ?? 0 })),
    ...sortKeys(preferred, order).map((key, i) => ({ record: preferred[i] as StatusRecord, key })),
  ].filter((k, i) => i >= other.length || !preferredKeys.has(periodKey(k.record.period)));
  // Array.prototype.sort is stable, so equal keys keep `other` before `preferred`.
  return keyed.sort((a, b) => a.key - b.key).map((k) => k.record);
}

/**
 * The model with every action's history and direction of travel: the Status history rows matched by
 * sheet and ref (else sheet and action text), merged with the history the reader found in quarterly
 * columns (the sheet's record wins for a period both hold), and, for a carried action, the history of
 * the action it was carried from ("Carried from" 2011-12 / 4), followed back year by year. Problems in
 * the Status history table are added to the model's. Pure; called once at the end of readPlan.
 */
export function withStatusHistory(snapshot: WorkbookSnapshot, model: PlanModel): PlanModel {
  const read = readStatusHistory(snapshot);
  const rows = read.table?.rows ?? [];
  if (rows.length === 0 && read.problems.length === 0 && !model.actions.some((a) => a.history.length > 0)) {
    return model;
  }
  const order = new Map<string, number>();
  for (const row of rows) if (!order.has(periodKey(row.period))) order.set(periodKey(row.period), order.size);
  const byRef = new Map<string, HistoryRow[]>();
  const byText = new Map<string, HistoryRow[]>();
  const add = (map: Map<string, HistoryRow[]>, key: string, row: HistoryRow): void => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [row]);
    else list.push(row);
  };
  for (const row of rows) if (row.ref !== null) add(byRef, refKey(row.sheet, row.ref), row);
  // Matching by action text is the fallback: its keys are made only when an action needs one.
  let textIndexed = false;
  const byTextKey = (key: string): HistoryRow[] | undefined => {
    if (!textIndexed) {
      for (const row of rows) add(byText, textKey(row.sheet, row.action), row);
      textIndexed = true;
    }
    return byText.get(key);
  };
  const actionsByRef = new Map<string, Action>();
  for (const a of model.actions) if (a.ref !== null) actionsByRef.set(refKey(a.sheet, a.ref), a);

  /** The sheet's records for one action, oldest first, one per period (the lower row of duplicates). */
  const sheetRecords = (sheet: string, ref: string | null, action: string | null): StatusRecord[] => {
    let found = ref !== null ? byRef.get(refKey(sheet, ref)) : undefined;
    if (found === undefined && action !== null) found = byTextKey(textKey(sheet, action));
    if (found === undefined) return [];
    const byPeriod = new Map<string, HistoryRow>();
    for (const row of found) byPeriod.set(periodKey(row.period), row);
    return [...byPeriod.values()]
      .sort((a, b) => (order.get(periodKey(a.period)) ?? 0) - (order.get(periodKey(b.period)) ?? 0))
      .map((row) => ({ period: row.period, status: row.status, update: row.update }));
  };

  const memo = new Map<Action, readonly StatusRecord[]>();
  const historyOf = (action: Action, visiting: Set<Action>): readonly StatusRecord[] => {
    const known = memo.get(action);
    if (known !== undefined) return known;
    visiting.add(action);
    let own = mergeHistories(action.history, sheetRecords(action.sheet, action.ref, action.action), order);
    const lineage = carriedFromOf(action);
    const source = lineage === null ? null : parseCarriedFrom(lineage);
    if (source !== null) {
      const sourceAction = actionsByRef.get(refKey(source.sheet, source.ref));
      const earlier =
        sourceAction !== undefined && !visiting.has(sourceAction)
          ? historyOf(sourceAction, visiting)
          : sheetRecords(source.sheet, source.ref, null);
      own = mergeHistories(earlier, own, order);
    }
    visiting.delete(action);
    memo.set(action, own);
    return own;
  };

  const histories = model.actions.map((a) => historyOf(a, new Set()));
  const anyHistory = rows.length > 0 || histories.some((h) => h.length > 0);
  const actions = model.actions.map((a, i): Action => {
    const history = histories[i] ?? [];
    return { ...a, history, direction: directionOfTravel(knownStatus(a), history, anyHistory).direction };
  });
  return { ...model, actions, problems: [...model.problems, ...read.problems] };
}

/** An action's direction of travel as the pane and the summary show it: an arrow and words. */
export interface DirectionWords {
  readonly arrow: "↑" | "↓" | "→" | "★";
  readonly words: string;
}

/**
 * The arrow and words for an action's direction (never the arrow alone: colour and symbols are not
 * the only signal), or null when it has none.
 *   directionWords({ status: "Red", direction: "worsened", history: [{ period: "Q1", status: "Amber", … }] })
 *   → { arrow: "↓", words: "worse than Q1" }
 */
export function directionWords(
  action: Pick<Action, "status" | "direction" | "history">,
): DirectionWords | null {
  const since = readings(action.history).at(-1)?.period ?? null;
  switch (action.direction) {
    case null:
      return null;
    case "new":
      return { arrow: "★", words: "new since the last period" };
    case "improved":
      return { arrow: "↑", words: `better than ${since ?? "the last period"}` };
    case "worsened":
      return { arrow: "↓", words: `worse than ${since ?? "the last period"}` };
    case "unchanged":
      return { arrow: "→", words: `same as ${since ?? "the last period"}` };
  }
}
