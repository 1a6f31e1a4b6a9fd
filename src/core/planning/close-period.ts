/**
 * Closing a period: every action's status and update recorded under a label ("Q2 2012-13") in the
 * Status history sheet's table, so the next period's direction of travel has something to compare with.
 */
import { countWords } from "../basics/count-words";
import { cellAddress, rangeAddress } from "../basics/cell-address";
import { cellAt, cellText } from "../basics/cell-text";
import type { Action, PlanModel } from "../basics/plan-model";
import { problem, type Problem } from "../basics/problem";
import type { CellSnapshot, GridRange, WorkbookSnapshot } from "../basics/snapshot";
import {
  HISTORY_COLUMNS,
  type HistoryField,
  type HistoryTable,
  STATUS_HISTORY_SHEET,
  STATUS_HISTORY_TABLE,
  periodKey,
  readStatusHistory,
  statusHistorySheet,
} from "../reading/status-history";
import { takenNames, uniqueTableName } from "../basics/table-names";
import type { CellWrite, WriteOp, WritePlan } from "../basics/write-plan";

/** The longest period label the add-in records (the limit the issue sets; Excel's cell allows more). */
export const MAX_PERIOD_LABEL_LENGTH = 255;

const HISTORY_TABLE_STYLE = "TableStyleLight9";

const COLUMN_WIDTHS: Readonly<Record<HistoryField, number>> = {
  period: 14,
  sheet: 14,
  ref: 8,
  action: 50,
  lead: 14,
  status: 12,
  update: 50,
  recordedOn: 13,
};

export interface ClosePeriodOptions {
  /** The period's label as the user typed it ("Q2 2012-13"). */
  readonly label: string;
  /** Today as yyyy-mm-dd (the Recorded on date). */
  readonly todayIso: string;
}

export interface ClosePeriodPlan {
  /** Null when a problem stops it. */
  readonly plan: WritePlan | null;
  readonly label: string;
  /** Actions recorded under the label. */
  readonly recorded: number;
  /** Rows of an earlier close of the same label that this one replaces. */
  readonly replaced: number;
  readonly problems: readonly Problem[];
}

function refused(label: string, problems: Problem[]): ClosePeriodPlan {
  return { plan: null, label, recorded: 0, replaced: 0, problems };
}

function textOrBlank(text: string | null): CellWrite {
  return text === null || text === "" ? { kind: "blank" } : { kind: "text", text };
}

/**
 * A cell as read, written back as it was (a history row moved up a row keeps its value, its formula
 * and its number format).
 */
export function cellWriteOf(cell: CellSnapshot | null): CellWrite {
  if (cell === null) return { kind: "blank" };
  if (cell.formula !== null) {
    const cached = typeof cell.value === "boolean" ? String(cell.value) : cell.value;
    return { kind: "formula", formula: cell.formula, cached };
  }
  if (cell.isError === true) return { kind: "text", text: cellText(cell) };
  if (typeof cell.value === "number")
    return { kind: "number", value: cell.value, numberFormat: cell.numberFormat };
  if (typeof cell.value === "boolean") return { kind: "boolean", value: cell.value };
  if (cell.value === null || cell.value === "") return { kind: "blank" };
  return { kind: "text", text: cell.value };
}

function fieldWrite(field: HistoryField, action: Action, label: string, todayIso: string): CellWrite {
  switch (field) {
    case "period":
      return { kind: "text", text: label };
    case "sheet":
      return { kind: "text", text: action.sheet };
    case "ref":
      return textOrBlank(action.ref);
    case "action":
      return textOrBlank(action.action);
    case "lead":
      return textOrBlank(action.lead);
    case "status":
      // An unreadable status is recorded as typed: the history then says what the plan said. One only
      // guessed from a fill colour is recorded as none, never as a word the plan does not hold.
      if (action.statusGuessed) return { kind: "blank" };
      return textOrBlank(action.status ?? action.statusText);
    case "update":
      return textOrBlank(action.update);
    case "recordedOn":
      return { kind: "date", iso: todayIso };
  }
}

/** The problem with a period label (blank, or longer than MAX_PERIOD_LABEL_LENGTH once trimmed), or null. */
export function periodLabelProblem(label: string): Problem | null {
  const length = label.trim().length;
  if (length > 0 && length <= MAX_PERIOD_LABEL_LENGTH) return null;
  return problem(STATUS_HISTORY_SHEET, "", "history/label-invalid", { length, max: MAX_PERIOD_LABEL_LENGTH });
}

/**
 * The write plan that closes a period: every action's status and update under `label`, in the Status
 * history sheet's table (made, with the sheet, the first time). Closing a label already recorded
 * replaces that label's rows: the table's body is rewritten in place from the first row of that label
 * (the other labels' rows below it move up unchanged, the new rows follow), rows it no longer needs
 * are blanked, and rows past the table's end are appended so that the table grows over them. Rows
 * above the first of that label are never written. An empty or over-long label, a table missing a
 * column, a protected sheet or cells in the way give problems and no plan.
 *
 * @example planClosePeriod(snapshot, model, { label: "Q2 2012-13", todayIso: "2012-10-01" })
 *   → { plan: { ops: [addSheet "Status history", writeCells A1:H61, addTable …] }, recorded: 60, replaced: 0 }
 */
export function planClosePeriod(
  snapshot: WorkbookSnapshot,
  model: PlanModel,
  options: ClosePeriodOptions,
): ClosePeriodPlan {
  const label = options.label.trim();
  const labelProblem = periodLabelProblem(options.label);
  if (labelProblem !== null) return refused(label, [labelProblem]);
  if (model.actions.length === 0) {
    return refused(label, [problem(STATUS_HISTORY_SHEET, "", "history/no-actions")]);
  }
  const sheet = statusHistorySheet(snapshot);
  if (sheet?.isProtected === true) {
    return refused(label, [
      problem(sheet.name, "", "write/protected-sheet", { sheet: sheet.name, operation: "Close period" }),
    ]);
  }
  const read = readStatusHistory(snapshot);
  if (sheet === undefined || read.table === null) {
    const blocking = read.problems.find((p) => p.rule === "history/no-table");
    if (blocking !== undefined) {
      return refused(label, [problem(blocking.sheet, blocking.cell, "history/close-no-table")]);
    }
    return newTable(snapshot, model, label, options.todayIso, sheet === undefined);
  }
  return intoTable(snapshot, read.table, model, label, options.todayIso);
}

function newTable(
  snapshot: WorkbookSnapshot,
  model: PlanModel,
  label: string,
  todayIso: string,
  addSheet: boolean,
): ClosePeriodPlan {
  const sheet = statusHistorySheet(snapshot)?.name ?? STATUS_HISTORY_SHEET;
  const rows = model.actions.map((a) => HISTORY_COLUMNS.map((c) => fieldWrite(c.field, a, label, todayIso)));
  const range: GridRange = { top: 0, left: 0, bottom: rows.length, right: HISTORY_COLUMNS.length - 1 };
  const ops: WriteOp[] = [
    ...(addSheet ? [{ kind: "addSheet", sheet, after: null } as const] : []),
    {
      kind: "writeCells",
      sheet,
      row: 0,
      column: 0,
      cells: [HISTORY_COLUMNS.map((c): CellWrite => ({ kind: "text", text: c.header })), ...rows],
      note: `Record ${rows.length} action${rows.length === 1 ? "'s" : "s'"} status and update under '${label}' on '${sheet}' (${rangeAddress(range)})`,
    },
    {
      kind: "addTable",
      sheet,
      range,
      name: uniqueTableName(STATUS_HISTORY_TABLE, takenNames(snapshot)),
      style: HISTORY_TABLE_STYLE,
    },
    {
      kind: "styleRange",
      sheet,
      range: { ...range, top: 1 },
      style: { wrap: true, vertical: "top" },
      note: "",
    },
    {
      kind: "setColumnWidths",
      sheet,
      widths: HISTORY_COLUMNS.map((c, i) => ({ column: i, width: COLUMN_WIDTHS[c.field] })),
    },
  ];
  return {
    plan: {
      title: `Close the period '${label}': record ${countWords(rows.length, "action")} on '${sheet}'`,
      ops,
    },
    label,
    recorded: rows.length,
    replaced: 0,
    problems: [],
  };
}

function intoTable(
  snapshot: WorkbookSnapshot,
  table: HistoryTable,
  model: PlanModel,
  label: string,
  todayIso: string,
): ClosePeriodPlan {
  const { sheet, headerRow, left, right, columns } = table;
  const missing = HISTORY_COLUMNS.filter((c) => !columns.has(c.field));
  if (missing.length > 0) {
    return refused(label, [
      problem(sheet.name, cellAddress(headerRow, left), "history/close-column-missing", {
        headers: missing.map((m) => m.header),
      }),
    ]);
  }
  const key = periodKey(label);
  const periodColumn = columns.get("period") ?? left;
  const isThisLabel = (r: number): boolean => periodKey(cellText(cellAt(sheet, r, periodColumn))) === key;
  const isBlank = (r: number): boolean => {
    for (let c = left; c <= right; c++) if (cellText(cellAt(sheet, r, c)).trim() !== "") return false;
    return true;
  };
  let first = -1;
  let replaced = 0;
  for (let r = headerRow + 1; r <= table.lastUsedRow; r++) {
    if (!isThisLabel(r)) continue;
    if (first < 0) first = r;
    replaced++;
  }
  if (first < 0) first = table.lastUsedRow + 1;
  // The rows below the first of this label that belong to other labels move up, as they are.
  const kept: CellWrite[][] = [];
  for (let r = first; r <= table.lastUsedRow; r++) {
    if (isThisLabel(r) || isBlank(r)) continue;
    const row: CellWrite[] = [];
    for (let c = left; c <= right; c++) row.push(cellWriteOf(cellAt(sheet, r, c)));
    kept.push(row);
  }
  const fieldAt: Array<HistoryField | undefined> = [];
  for (let c = left; c <= right; c++)
    fieldAt.push(HISTORY_COLUMNS.find((h) => columns.get(h.field) === c)?.field);
  const fresh = model.actions.map((a) =>
    fieldAt.map((field): CellWrite =>
      field === undefined ? { kind: "blank" } : fieldWrite(field, a, label, todayIso),
    ),
  );
  const body = [...fresh, ...kept];
  const lastWritten = first + body.length - 1;
  const insideEnd = Math.min(lastWritten, table.bottom);
  const ops: WriteOp[] = [];
  const inside = body.slice(0, Math.max(0, insideEnd - first + 1));
  const outside = body.slice(inside.length);
  if (inside.length > 0) {
    ops.push({
      kind: "writeCells",
      sheet: sheet.name,
      row: first,
      column: left,
      cells: inside,
      note: `Record ${countWords(fresh.length, "action")} under '${label}' on '${sheet.name}' (${rangeAddress({ top: first, left, bottom: first + inside.length - 1, right })})${replaced > 0 ? `, replacing the ${countWords(replaced, "row")} recorded for it before` : ""}`,
    });
  }
  if (outside.length > 0) {
    const below: GridRange = { top: table.bottom + 1, left, bottom: table.bottom + outside.length, right };
    const inTheWay: string[] = [];
    for (let r = below.top; r <= below.bottom && inTheWay.length < 6; r++) {
      for (let c = left; c <= right; c++) {
        if (cellText(cellAt(sheet, r, c)).trim() !== "") inTheWay.push(cellAddress(r, c));
      }
    }
    if (inTheWay.length > 0 && table.listObject !== null) {
      return refused(label, [
        problem(sheet.name, inTheWay[0] ?? "", "history/in-the-way", {
          rows: outside.length,
          cells: inTheWay,
        }),
      ]);
    }
    if (table.listObject !== null) {
      ops.push({
        kind: "appendTableRows",
        sheet: sheet.name,
        table: table.listObject.name,
        row: below.top,
        column: left,
        cells: outside,
      });
    } else {
      ops.push({ kind: "writeCells", sheet: sheet.name, row: below.top, column: left, cells: outside });
    }
  }
  if (lastWritten < table.lastUsedRow) {
    const height = table.lastUsedRow - lastWritten;
    ops.push({
      kind: "writeCells",
      sheet: sheet.name,
      row: lastWritten + 1,
      column: left,
      cells: Array.from({ length: height }, () =>
        Array.from({ length: right - left + 1 }, (): CellWrite => ({ kind: "blank" })),
      ),
      note: `Empty the ${height} row${height === 1 ? "" : "s"} of '${sheet.name}' the history no longer uses (${rangeAddress({ top: lastWritten + 1, left, bottom: table.lastUsedRow, right })})`,
    });
  }
  const end = Math.max(lastWritten, table.bottom);
  if (table.listObject === null) {
    ops.push({
      kind: "addTable",
      sheet: sheet.name,
      range: { top: headerRow, left, bottom: end, right },
      name: uniqueTableName(STATUS_HISTORY_TABLE, takenNames(snapshot)),
      style: HISTORY_TABLE_STYLE,
    });
  }
  ops.push({
    kind: "styleRange",
    sheet: sheet.name,
    range: { top: first, left, bottom: Math.max(first, lastWritten), right },
    style: { wrap: true, vertical: "top" },
    note: "",
  });
  return {
    plan: {
      title: `Close the period '${label}': record ${countWords(fresh.length, "action")} on '${sheet.name}'${replaced > 0 ? ` (replacing the ${countWords(replaced, "row")} recorded for '${label}' before)` : ""}`,
      ops,
    },
    label,
    recorded: fresh.length,
    replaced,
    problems: [],
  };
}
