/**
 * The Summary sheet for the board's meeting pack: status by theme and by lead as live formulas over
 * the action tables (each with its cached value, so a file shows the right numbers before any
 * recalculation), and the exception list as a snapshot stamped "as at dd/mm/yyyy".
 */
import { memoise } from "../basics/memo";
import type { ActionTable, Direction, PlanModel, Status } from "../basics/plan-model";
import { STATUSES } from "../basics/plan-model";
import type { GridRange, SheetSnapshot, WorkbookSnapshot } from "../basics/snapshot";
import type { CellStyle, CellWrite, WriteOp, WritePlan } from "../basics/write-plan";
import { SUMMARY_SHEET } from "../basics/reserved-names";
import { problem, type RuleArgs } from "../basics/problem";
import { cellAddress, columnLetters } from "../basics/cell-address";
import { isIsoDate, isoToUkDate } from "../basics/excel-dates";
import { statusColour } from "../basics/status-colours";
import { leadParts } from "../reading/lead-register";
import { selectPeriod } from "../reading/table-periods";
import { protectiveMarking } from "../reading/protective-marking";
import {
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_ROW_POINTS,
  cellHeight,
  cellHeightBound,
  fitToWidthScale,
  pageStarts,
  printedRows,
  rowRuns,
  rowWithCopies,
} from "./print-layout";
import {
  NO_LEAD,
  SUMMARY_COLUMNS,
  summariseSelection,
  tableTheme,
  themeLabeller,
  themeOfAction,
  themesAcrossPeriods,
  type PlanSummary,
  type StatusCounts,
  type SummaryColumn,
  type SummaryException,
} from "./summary-counts";
import {
  UncountableError,
  countFormula,
  countValue,
  type SourceColumn,
  type SourceTable,
  type Term,
} from "./summary-formulas";

export interface SummarySheetOptions {
  /** Today, ISO yyyy-mm-dd: the date in the title, the exceptions' stamp, and what "overdue" means. */
  readonly todayIso: string;
  /** The plan's name for the title ("Community Safety Plan 2011-12"). */
  readonly planName: string;
  /** The period to summarise (see selectPeriod): by default the latest; ALL_PERIODS for every one. */
  readonly period?: string | null;
}

/** What follows the plan's name in the Summary's title cell (A1). */
const TITLE_SUFFIX = ": action plan summary";

/**
 * The plan's name as the workbook keeps it: the title cell (A1) of its Summary sheet, from the last
 * time the Summary was built ("Community Safety Plan: action plan summary, 2012-13, as at …"), or
 * null when there is none. The pane and the CLI offer it as the title until the user gives another.
 */
export function savedPlanName(snapshot: WorkbookSnapshot): string | null {
  const title = findSheet(snapshot, SUMMARY_SHEET)?.cells[0]?.[0]?.value;
  if (typeof title !== "string") return null;
  const end = title.lastIndexOf(TITLE_SUFFIX);
  const name = end > 0 ? title.slice(0, end).trim() : "";
  return name === "" ? null : name;
}

/** Thrown when planSummarySheet is called although summaryBlocker says it cannot be built (a bug). */
export class SummaryNotPossibleError extends Error {
  readonly code = "SUMMARY_NOT_POSSIBLE";
  constructor(message: string) {
    super(message);
    this.name = "SummaryNotPossibleError";
  }
}

const LABEL_COLUMN = 0;
const COUNT_HEADERS = [...SUMMARY_COLUMNS, "Total", "% complete"] as const;
const EXCEPTION_HEADERS = [
  "Action",
  "Ref",
  "Sheet",
  "Lead",
  "Status",
  "Due",
  "Why listed",
  "Direction of travel",
  "Theme",
  "Latest update",
];
/** The exception list is the widest block: Action … Latest update. */
const WIDTH = EXCEPTION_HEADERS.length;
const DIRECTION_HEADERS = ["Theme", "Improved", "Worsened"];
const DIRECTION_WORDS: Readonly<Record<Direction, string>> = {
  improved: "Improved",
  worsened: "Worsened",
  unchanged: "Unchanged",
  new: "New",
};
/** Shown where no earlier period is recorded to compare with. */
export const NO_DIRECTION = "—";
/** Column widths in characters: the label and action column, the narrow ones, the update column. */
const LABEL_WIDTH = 40;
const NARROW_WIDTH = 11;
const UPDATE_WIDTH = 45;
/** A note longer than this (in characters) would run off the printed page unwrapped. */
const NOTE_RUN = 150;
const PERCENT_NOTE = "% complete = Complete ÷ the actions that have started (Red, Amber, Green or Complete).";
const HEADER_FILL = "#D9D9D9";
export const SUMMARY_CHART_NAME = "SummaryStatusByTheme";

function findSheet(snapshot: WorkbookSnapshot, name: string): SheetSnapshot | undefined {
  return snapshot.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

function roleColumn(table: ActionTable, role: "action" | "status" | "lead" | "theme"): number | null {
  return table.columns.find((c) => c.role === role)?.column ?? null;
}

/** Why the Summary cannot be built (the words are the rule "summary/not-possible"'s). */
export type SummaryBlock = RuleArgs<"summary/not-possible">;

/** The table as the formulas see it, or why it cannot be counted by formulas. */
function sourceTable(snapshot: WorkbookSnapshot, table: ActionTable): SourceTable | SummaryBlock {
  const sheet = findSheet(snapshot, table.sheet);
  const listObject = sheet?.tables.find((t) => t.name === table.listObjectName);
  if (!sheet || !listObject) {
    return { why: "not-a-table", sheet: table.sheet, cell: cellAddress(table.headerRow, table.range.left) };
  }
  const column = (role: "action" | "status" | "lead" | "theme"): SourceColumn | null => {
    const c = roleColumn(table, role);
    if (c === null || c < listObject.range.left || c > listObject.range.right) return null;
    const name = listObject.columnNames[c - listObject.range.left];
    return name === undefined ? null : { name, column: c };
  };
  const action = column("action");
  const status = column("status");
  if (!action || !status) {
    return {
      why: "no-column",
      table: listObject.name,
      sheet: table.sheet,
      column: action ? "Status" : "Action",
    };
  }
  return { table, listObject, sheet, action, status, lead: column("lead"), theme: column("theme") };
}

/**
 * Why the Summary sheet cannot be built on this workbook, or null when it can. It needs every action
 * table to be an Excel table with Action and Status columns (the schema applied), and a Summary sheet,
 * if there is one, that is not protected.
 *
 *   summaryBlock(snapshot, readPlan(snapshot)) // → { why: "not-a-table", sheet: "2012-13", cell: "A3" }
 */
export function summaryBlock(snapshot: WorkbookSnapshot, model: PlanModel): SummaryBlock | null {
  if (model.tables.length === 0) return { why: "no-tables" };
  for (const table of model.tables) {
    const source = sourceTable(snapshot, table);
    if ("why" in source) return source;
  }
  const existing = findSheet(snapshot, SUMMARY_SHEET);
  if (existing?.isProtected) return { why: "protected", sheet: existing.name };
  return null;
}

/**
 * Why the Summary sheet cannot be built, in words for the pane, or null when it can.
 *   summaryBlocker(snapshot, readPlan(snapshot)) // → "… is not an Excel table yet; apply the schema first …"
 */
export function summaryBlocker(snapshot: WorkbookSnapshot, model: PlanModel): string | null {
  const block = summaryBlock(snapshot, model);
  return block === null ? null : problem(SUMMARY_SHEET, "", "summary/not-possible", block).message;
}

/** Whether the Summary can be built (the pane enables its button on this). */
export function isSummaryPossible(snapshot: WorkbookSnapshot, model: PlanModel): boolean {
  return summaryBlocker(snapshot, model) === null;
}

/** Throws SummaryNotPossibleError with summaryBlocker's words when the Summary cannot be built. */
export function ensureSummaryPossible(snapshot: WorkbookSnapshot, model: PlanModel): void {
  const blocker = summaryBlocker(snapshot, model);
  if (blocker !== null) throw new SummaryNotPossibleError(blocker);
}

interface CountRow {
  readonly label: string;
  readonly terms: readonly Term[];
  /** The reader's counts for this row (what summarisePlan says). */
  readonly expected: StatusCounts;
}

type Grid = Map<number, Map<number, CellWrite>>;

function put(grid: Grid, row: number, column: number, write: CellWrite): void {
  let r = grid.get(row);
  if (!r) grid.set(row, (r = new Map<number, CellWrite>()));
  r.set(column, write);
}

const text = (t: string): CellWrite => ({ kind: "text", text: t });
/** A blank cell: one value for the thousands the sheet's rows hold (a write plan is never changed). */
const BLANK: CellWrite = { kind: "blank" };

/** The rows of one count section as formulas, or null (with why) when they would not be exact. */
function liveCounts(
  rows: readonly CountRow[],
): { formulas: Array<Array<{ formula: string; value: number }>> } | { reason: string } {
  const out: Array<Array<{ formula: string; value: number }>> = [];
  try {
    for (const row of rows) {
      const statuses: Array<Status | null> = [...STATUSES, null];
      const cells = statuses.map((s) => ({
        formula: countFormula(row.terms, s),
        value: countValue(row.terms, s),
      }));
      const mismatch = statuses.find((s, i) => cells[i]?.value !== row.expected[s ?? "Total"]);
      if (mismatch !== undefined) {
        return {
          reason: `a formula could not count '${row.label}' exactly as the add-in reads it (${mismatch ?? "Total"})`,
        };
      }
      out.push(cells);
    }
  } catch (e) {
    if (e instanceof UncountableError) return { reason: e.message };
    throw e;
  }
  return { formulas: out };
}

/**
 * Writes one count section (heading, header, rows, optional total row) from `top`; returns the row
 * after it and the ranges to style.
 */
function writeCountSection(
  grid: Grid,
  top: number,
  heading: string,
  labelHeader: string,
  rows: readonly CountRow[],
  withTotal: boolean,
  todayUk: string,
  intro: readonly string[],
): { next: number; header: number; first: number; last: number; live: boolean } {
  const live = liveCounts(rows);
  put(grid, top, LABEL_COLUMN, text(heading));
  let row = top + 1;
  const notes = [
    ...intro,
    ...("reason" in live
      ? [
          `These counts are a snapshot as at ${todayUk}, not live formulas, because ${live.reason}. Use Summary again to refresh them.`,
        ]
      : []),
  ];
  for (const n of notes) {
    put(grid, row, LABEL_COLUMN, text(n));
    row += 1;
  }
  const header = row;
  COUNT_HEADERS.forEach((h, i) => put(grid, header, 1 + i, text(h)));
  put(grid, header, LABEL_COLUMN, text(labelHeader));
  const first = header + 1;
  rows.forEach((r, i) => {
    const at = first + i;
    put(grid, at, LABEL_COLUMN, text(r.label));
    STATUSES.forEach((s, j) => {
      const cell = "formulas" in live ? live.formulas[i]?.[j] : undefined;
      put(
        grid,
        at,
        1 + j,
        cell
          ? { kind: "formula", formula: `=${cell.formula}`, cached: cell.value }
          : { kind: "number", value: r.expected[s] },
      );
    });
    const total = "formulas" in live ? live.formulas[i]?.[STATUSES.length] : undefined;
    putRowTail(grid, at, r.expected, total ?? null);
  });
  let last = first + rows.length - 1;
  if (withTotal && rows.length > 0) {
    const at = last + 1;
    put(grid, at, LABEL_COLUMN, text("All actions"));
    for (const [j, key] of [...STATUSES, "Total" as const].entries()) {
      const column = key === "Total" ? 1 + SUMMARY_COLUMNS.length : 1 + j;
      const letters = columnLetters(column);
      const value = rows.reduce((sum, r) => sum + r.expected[key], 0);
      put(grid, at, column, {
        kind: "formula",
        formula: `=SUM(${letters}${first + 1}:${letters}${last + 1})`,
        cached: value,
      });
    }
    putRowTail(grid, at, sumCounts(rows), null, true);
    last = at;
  }
  return { next: last + 2, header, first, last, live: "formulas" in live };
}

function sumCounts(rows: readonly CountRow[]): StatusCounts {
  const out: Record<SummaryColumn | "Total", number> = {
    Red: 0,
    Amber: 0,
    Green: 0,
    Complete: 0,
    "Not started": 0,
    "No status": 0,
    Total: 0,
  };
  for (const r of rows)
    for (const k of Object.keys(out) as Array<SummaryColumn | "Total">) out[k] += r.expected[k];
  return out;
}

/** No status (Total less the five statuses), Total and % complete for one row. */
function putRowTail(
  grid: Grid,
  row: number,
  counts: StatusCounts,
  total: { formula: string; value: number } | null,
  totalWritten = false,
): void {
  const r = row + 1;
  const first = columnLetters(1);
  const lastStatus = columnLetters(STATUSES.length);
  const noStatusColumn = 1 + STATUSES.length;
  const totalColumn = noStatusColumn + 1;
  const totalCell = `${columnLetters(totalColumn)}${r}`;
  const completeCell = `${columnLetters(1 + STATUSES.indexOf("Complete"))}${r}`;
  const statusSum = STATUSES.reduce((sum, s) => sum + counts[s], 0);
  if (!totalWritten) {
    put(
      grid,
      row,
      totalColumn,
      total
        ? { kind: "formula", formula: `=${total.formula}`, cached: total.value }
        : { kind: "number", value: counts.Total },
    );
  }
  put(grid, row, noStatusColumn, {
    kind: "formula",
    formula: `=${totalCell}-SUM(${first}${r}:${lastStatus}${r})`,
    cached: counts.Total - statusSum,
  });
  // % complete: Complete over the actions that have started (Red, Amber, Green or Complete).
  const startedSum = `SUM(${first}${r}:${completeCell})`;
  const started = counts.Red + counts.Amber + counts.Green + counts.Complete;
  put(grid, row, totalColumn + 1, {
    kind: "formula",
    formula: `=IF(${startedSum}=0,"",ROUND(100*${completeCell}/${startedSum},0))`,
    cached: started === 0 ? "" : Math.round((100 * counts.Complete) / started),
  });
}

/**
 * Each table's theme cells by the theme they count under (its label, lower case), each spelling once
 * ignoring case as COUNTIFS compares: across periods "ASB 2011-12" and "ASB 2012-13" both count
 * under "asb", so that row's formula matches either spelling.
 */
function themeSpellings(
  model: PlanModel,
  label: (theme: string) => string,
): Map<string, Map<string, Map<string, string>>> {
  const byTable = new Map<string, Map<string, Map<string, string>>>();
  for (const action of model.actions) {
    const theme = action.theme;
    if (theme === null || theme === "") continue;
    let byLabel = byTable.get(action.tableId);
    if (!byLabel) byTable.set(action.tableId, (byLabel = new Map<string, Map<string, string>>()));
    const key = label(theme).toLowerCase();
    let spelt = byLabel.get(key);
    if (!spelt) byLabel.set(key, (spelt = new Map<string, string>()));
    if (!spelt.has(theme.toLowerCase())) spelt.set(theme.toLowerCase(), theme);
  }
  return byTable;
}

/**
 * What the by-theme rows count when the summary spans periods, with an example from the plan where
 * one theme is spelt with two periods: "… 'ASB 2011-12' and 'ASB 2012-13' are counted as 'ASB'."
 */
function acrossPeriodsNote(model: PlanModel, label: (theme: string) => string): string {
  const tables = new Map(model.tables.map((t) => [t.id, t]));
  const first = new Map<string, string>();
  for (const action of model.actions) {
    const theme = themeOfAction(action, tables.get(action.tableId));
    const key = label(theme).toLowerCase();
    const seen = first.get(key);
    if (seen === undefined) first.set(key, theme);
    else if (seen.toLowerCase() !== theme.toLowerCase()) {
      return `Themes are matched across periods by their words without the year: '${seen}' and '${theme}' are counted as '${label(theme)}'.`;
    }
  }
  return "Themes are matched across periods by their words without the year.";
}

function themeRows(
  sources: readonly SourceTable[],
  model: PlanModel,
  summary: PlanSummary,
  label: (theme: string) => string,
): CountRow[] {
  const spellings = themeSpellings(model, label);
  return summary.byTheme.map((t) => {
    const key = t.theme.toLowerCase();
    const terms: Term[] = [];
    for (const source of sources) {
      const owns = label(tableTheme(source.table) ?? "").toLowerCase() === key;
      if (source.theme) {
        for (const text of spellings.get(source.table.id)?.get(key)?.values() ?? []) {
          terms.push({ source, filter: { kind: "themeEquals", text } });
        }
        if (owns) terms.push({ source, filter: { kind: "themeBlank" } });
      } else if (owns) {
        terms.push({ source, filter: { kind: "all" } });
      }
    }
    // A table with no row of this theme today adds nothing but length to the formula.
    const kept = terms.filter((term) => isOwnedTable(term) || safeCount(term) > 0);
    return { label: t.theme, terms: kept, expected: t };
  });
}

/** Terms that count a whole table, or a table's blank themes, stay even when empty today. */
function isOwnedTable(term: Term): boolean {
  return term.filter.kind === "all" || term.filter.kind === "themeBlank";
}

function leadRows(sources: readonly SourceTable[], model: PlanModel, summary: PlanSummary): CountRow[] {
  // Only a code that is one part can be found among a cell's parts; a register entry with separators
  // in it ("A&E", "Police, DAT") is only ever a whole lead, and is matched whole.
  const codes = model.leadRegister.map((l) => l.code).filter((c) => leadParts(c).length === 1);
  const isCode = new Set(codes.map((c) => c.toUpperCase()));
  return summary.byLead.map((l) => {
    const terms: Term[] = [];
    for (const source of sources) {
      if (!source.lead) {
        if (l.lead === NO_LEAD) terms.push({ source, filter: { kind: "all" } });
      } else if (l.lead === NO_LEAD) {
        terms.push({ source, filter: { kind: "leadBlank" } });
      } else if (isCode.has(l.lead.toUpperCase())) {
        terms.push({ source, filter: { kind: "leadCode", code: l.lead, codes } });
      } else {
        terms.push({ source, filter: { kind: "leadWhole", text: l.lead } });
      }
    }
    // A table where no row has this lead today adds nothing but length to the formula.
    const kept = terms.filter((term) => term.filter.kind === "leadCode" || safeCount(term) > 0);
    return { label: l.lead, terms: kept, expected: l };
  });
}

function safeCount(term: Term): number {
  try {
    return countValue([term], null);
  } catch (e) {
    if (e instanceof UncountableError) return 1;
    throw e;
  }
}

function style(sheet: string, range: GridRange, s: CellStyle): WriteOp {
  return { kind: "styleRange", sheet, range, style: s };
}

/** The Summary's column widths, in characters, by column. */
function columnWidths(): Map<number, number> {
  const widths = new Map<number, number>([[0, LABEL_WIDTH]]);
  for (let c = 1; c < WIDTH - 1; c++) widths.set(c, NARROW_WIDTH);
  widths.set(WIDTH - 1, UPDATE_WIDTH);
  return widths;
}

/** A cell's text as printed, for the row-height estimate (a date as dd/mm/yyyy). */
function shownText(c: CellWrite): string {
  switch (c.kind) {
    case "text":
      return c.text;
    case "number":
      return String(c.value);
    case "boolean":
      return c.value ? "TRUE" : "FALSE";
    case "date":
      return "dd/mm/yyyy";
    case "formula":
      return c.cached === null ? "" : String(c.cached);
    case "blank":
      return "";
  }
}

/**
 * One exception's row: Action … Latest update (EXCEPTION_HEADERS), user text as text. `repeated`
 * gives the cell of a text that recurs down the list (a sheet, lead, status, reason, direction or
 * theme): one cell object for each such text, not one per row (the bench plan lists 4,199 rows).
 */
function exceptionCells(a: SummaryException, repeated: (text: string) => CellWrite): CellWrite[] {
  const dueIsDate = a.due !== null && isIsoDate(a.due);
  return [
    text(a.action),
    a.ref === null ? BLANK : text(a.ref),
    repeated(a.sheet),
    a.lead === null ? BLANK : repeated(a.lead),
    repeated(a.status === null ? "No status" : a.status),
    a.due === null ? BLANK : dueIsDate ? { kind: "date", iso: a.due } : repeated(a.due),
    repeated(a.reason),
    repeated(a.direction === null ? NO_DIRECTION : DIRECTION_WORDS[a.direction]),
    repeated(a.theme),
    a.update === "" ? repeated("(no update)") : text(a.update),
  ];
}

/**
 * "Direction of travel by theme": how many of each theme's actions improved or worsened since the
 * previous period (Action.direction), or one line saying no earlier period is recorded yet.
 */
function writeDirectionSection(
  grid: Grid,
  top: number,
  summary: PlanSummary,
): { top: number; header: number | null; last: number; next: number } {
  put(grid, top, LABEL_COLUMN, text("Direction of travel by theme"));
  const known = summary.byTheme.some((t) => t.improved > 0 || t.worsened > 0);
  if (!known) {
    put(
      grid,
      top + 1,
      LABEL_COLUMN,
      text("No earlier period is recorded, so no action is shown as improved or worsened yet."),
    );
    return { top, header: null, last: top + 1, next: top + 3 };
  }
  const header = top + 1;
  DIRECTION_HEADERS.forEach((h, i) => put(grid, header, i, text(h)));
  summary.byTheme.forEach((t, i) => {
    put(grid, header + 1 + i, 0, text(t.theme));
    put(grid, header + 1 + i, 1, { kind: "number", value: t.improved });
    put(grid, header + 1 + i, 2, { kind: "number", value: t.worsened });
  });
  const last = header + summary.byTheme.length;
  return { top, header, last, next: last + 2 };
}

/**
 * The write plan that builds, or rebuilds in place, the `Summary` sheet for one period (options.period,
 * by default the latest; see selectPeriod): a title with the plan's name, the period and "as at
 * dd/mm/yyyy"; "Status by theme" (each theme or plan sheet, see themeOfAction) and "Status by lead"
 * with columns Red, Amber, Green, Complete, Not started, No status, Total, % complete (Complete ÷ the
 * actions that have started, defined on the sheet) as live COUNTIFS/SUMPRODUCT formulas over the
 * action tables (each with its cached value); the direction of travel by theme; the exception list
 * (Red, then Amber, then overdue, each with why it is listed in words, its direction of travel and
 * its latest update in full) as values stamped "as at dd/mm/yyyy". For print: A4 landscape, one page
 * wide, title rows repeated, every row's height computed from its text and the column widths, page
 * breaks that keep each block with its heading, the exception list's header row written again at the
 * top of each page the list runs on to, and the protective marking the plan's sheets print in the
 * footer. A chart of status by theme below the exceptions. A summary of every period counts themes
 * by their words without the year (themeLabeller), each row's formulas over every spelling of it.
 * A section whose formulas could not count exactly as the reader does is written as values, with a
 * note saying why. An existing Summary sheet is cleared and rewritten, never duplicated.
 * Call only when isSummaryPossible (else SummaryNotPossibleError).
 *
 *   planSummarySheet(snapshot, model, { todayIso: "2012-04-01", planName: "Action plan 2011-12" })
 *   // → { title: "Add a Summary sheet …", ops: [addSheet, writeCells, styleRange…, setPageLayout, addChart, …] }
 */
export function planSummarySheet(
  snapshot: WorkbookSnapshot,
  whole: PlanModel,
  options: SummarySheetOptions,
): WritePlan {
  return summarySheet(snapshot, whole, options).plan;
}

/** The Summary sheet's write plan, and the counts it shows (summariseSelection, worked out once). */
export interface SummarySheet {
  readonly plan: WritePlan;
  readonly summary: PlanSummary;
}

/** planSummarySheet with the counts the sheet shows, for a caller that reports them too (the CLI). */
export function summarySheet(
  snapshot: WorkbookSnapshot,
  whole: PlanModel,
  options: SummarySheetOptions,
): SummarySheet {
  ensureSummaryPossible(snapshot, whole);
  const selection = selectPeriod(whole, options.period);
  const model = selection.model;
  const sources = model.tables.map((t) => sourceTable(snapshot, t) as SourceTable);
  const across = themesAcrossPeriods(selection);
  const label = themeLabeller(selection, across);
  const summary = summariseSelection(selection, options.todayIso, label);
  const todayUk = isoToUkDate(options.todayIso);
  const existing = findSheet(snapshot, SUMMARY_SHEET);
  const sheet = existing?.name ?? SUMMARY_SHEET;
  const ops: WriteOp[] = [];

  if (existing) {
    const bottom = existing.cells.length - 1;
    const right = existing.cells.reduce((m, r) => Math.max(m, r.length - 1), -1);
    if (bottom >= 0 && right >= 0)
      ops.push({ kind: "clearRange", sheet, range: { top: 0, left: 0, bottom, right } });
  } else {
    ops.push({ kind: "addSheet", sheet, after: null });
  }

  const grid: Grid = new Map();
  const period = selection.period === null ? "" : `, ${selection.period}`;
  put(grid, 0, 0, text(`${options.planName}${TITLE_SUFFIX}${period}, as at ${todayUk}`));
  put(
    grid,
    1,
    0,
    text(
      "Counts are live formulas over the action tables and change when a status changes; the exception list is a snapshot. Use Summary again to refresh it.",
    ),
  );
  const themes = writeCountSection(
    grid,
    3,
    "Status by theme",
    "Theme",
    themeRows(sources, model, summary, label),
    true,
    todayUk,
    across ? [PERCENT_NOTE, acrossPeriodsNote(model, label)] : [PERCENT_NOTE],
  );
  const leads = writeCountSection(
    grid,
    themes.next,
    "Status by lead",
    "Lead",
    leadRows(sources, model, summary),
    false,
    todayUk,
    ["An action with two leads counts for each, so these rows can add up to more than the total."],
  );

  const direction = writeDirectionSection(grid, leads.next, summary);

  const exceptionsTop = direction.next;
  put(
    grid,
    exceptionsTop,
    0,
    text(
      `Exceptions as at ${todayUk}: Red, then Amber, then actions past their due date that are not complete`,
    ),
  );
  const exceptionHeader = exceptionsTop + 1;
  EXCEPTION_HEADERS.forEach((h, i) => put(grid, exceptionHeader, i, text(h)));
  // The exceptions as the summary lists them: each theme named as its row by theme names it.
  const listed = summary.exceptions;
  if (listed.length === 0) {
    put(grid, exceptionHeader + 1, 0, text("No action is Red, Amber or overdue."));
  }
  const lastRow = exceptionHeader + Math.max(1, listed.length);
  // The exception rows go straight into the sheet's rows; the rows above them come from the grid.
  const firstListed = listed.length === 0 ? lastRow + 1 : exceptionHeader + 1;

  const rows: CellWrite[][] = [];
  for (let r = 0; r < firstListed; r++) {
    const cells = grid.get(r);
    const line: CellWrite[] = [];
    for (let c = 0; c < WIDTH; c++) line.push(cells?.get(c) ?? BLANK);
    rows.push(line);
  }
  const repeated = memoise(10_000, text);
  for (const a of listed) rows.push(exceptionCells(a, repeated));
  const headings = new Set([3, themes.next, direction.top, exceptionsTop]);
  const widths = columnWidths();
  const widthList = Array.from({ length: WIDTH }, (_, c) => widths.get(c) ?? DEFAULT_COLUMN_WIDTH);

  // Print: row heights for the wrapped text, and page breaks that keep each block with its heading.
  const wrapped = new Set<number>([
    themes.header,
    leads.header,
    exceptionHeader,
    ...(direction.header === null ? [] : [direction.header]),
  ]);
  const labelWrapped = new Set<number>();
  for (const section of [themes, leads])
    for (let r = section.first; r <= section.last; r++) labelWrapped.add(r);
  if (direction.header !== null)
    for (let r = direction.header + 1; r <= direction.last; r++) labelWrapped.add(r);
  /** Whether a row's first cell holds a note too long to print unwrapped (it wraps in the first column). */
  const isLongNote = (r: number): boolean => {
    if (r >= firstListed || wrapped.has(r) || labelWrapped.has(r)) return false;
    const c = rows[r]?.[0];
    return c !== undefined && shownText(c).length > NOTE_RUN;
  };
  const heights: number[] = [];
  for (let r = 0; r < firstListed; r++) {
    const fontSize = r === 0 ? 14 : headings.has(r) ? 12 : 11;
    const line = rows[r] ?? [];
    let height = DEFAULT_ROW_POINTS;
    for (let column = 0; column < line.length; column++) {
      const wrap = wrapped.has(r) || (column === 0 && (labelWrapped.has(r) || isLongNote(r)));
      height = Math.max(height, cellHeight(shownText(line[column]!), widthList[column]!, wrap, fontSize));
    }
    heights.push(height);
  }
  // Every cell of an exception row wraps, in 11-point text. A column's text is often the one above
  // it (the same sheet, status, theme or direction down a run of rows): its height is then known. A
  // text too short to need more than the row's height so far (an update beside a longer action) is
  // not measured: cellHeightBound says it cannot raise the row.
  const lastText = widthList.map(() => "");
  const lastHeight = widthList.map(() => DEFAULT_ROW_POINTS);
  for (let r = firstListed; r <= lastRow; r++) {
    const line = rows[r] ?? [];
    let height = DEFAULT_ROW_POINTS;
    for (let column = 0; column < line.length; column++) {
      const shown = shownText(line[column]!);
      let cell = lastHeight[column]!;
      if (shown !== lastText[column]) {
        if (cellHeightBound(shown, widthList[column]!, true, 11) <= height) continue;
        cell = cellHeight(shown, widthList[column]!, true, 11);
        lastText[column] = shown;
        lastHeight[column] = cell;
      }
      height = Math.max(height, cell);
    }
    heights.push(height);
  }
  const chartRows = 20;
  const starts = [
    3,
    themes.next,
    direction.top,
    exceptionsTop,
    ...[...Array(Math.max(0, listed.length - 1)).keys()].map((i) => exceptionHeader + 2 + i),
    lastRow + 1,
  ];
  // Sections keep heading, notes, header and first row together; later rows go one by one.
  for (const section of [themes, leads]) {
    for (let r = section.first + 1; r <= section.last; r++) starts.push(r);
  }
  if (direction.header !== null) for (let r = direction.header + 2; r <= direction.last; r++) starts.push(r);
  // Sorted as numbers by a typed array's own sort: a comparator, called for each pair the sort
  // compares among the exception list's thousands of rows, cost more than laying the pages out.
  const sorted = Int32Array.from(new Set(starts)).sort();
  const withChart = themes.last > themes.first;
  const lastPrinted = withChart ? lastRow + 2 + chartRows - 1 : lastRow;
  const blocks = Array.from(sorted, (first, i) => ({
    first,
    last: (sorted[i + 1] ?? lastPrinted + 1) - 1,
  }));
  const scale = fitToWidthScale(widths.values());
  // A page the exception list runs on to starts with its column headings again: a copy of the
  // header row written just before the page's first exception, where the page break goes.
  const pages = pageStarts(
    heights,
    blocks,
    { first: 0, last: 1 },
    scale,
    listed.length === 0 ? null : { row: exceptionHeader, first: exceptionHeader + 1, last: lastRow },
  );
  // Each row's place on the sheet, past the copies above it (a page break may fall below the last row).
  const printedAt = printedRows(lastPrinted + 1, pages.headerBefore);
  const at = (row: number): number => printedAt[row] ?? rowWithCopies(row, pages.headerBefore);
  const copyBefore = new Set(pages.headerBefore);
  const copies = pages.headerBefore.map((r) => at(r) - 1);
  const printed: CellWrite[][] = [];
  rows.forEach((line, r) => {
    if (copyBefore.has(r)) printed.push([...(rows[exceptionHeader] ?? [])]);
    printed.push(line);
  });
  ops.push({ kind: "writeCells", sheet, row: 0, column: 0, cells: printed });

  // Styles: title, headings, header rows, status colours with their words.
  const full = (row: number, right = WIDTH - 1): GridRange => ({ top: row, left: 0, bottom: row, right });
  ops.push(style(sheet, { top: 0, left: 0, bottom: 0, right: 0 }, { bold: true, fontSize: 14 }));
  ops.push(style(sheet, { top: 1, left: 0, bottom: 1, right: 0 }, { italic: true }));
  for (const top of headings) {
    ops.push(style(sheet, { top, left: 0, bottom: top, right: 0 }, { bold: true, fontSize: 12 }));
  }
  const countRight = COUNT_HEADERS.length;
  const headerRows: Array<[number, number]> = [
    [themes.header, countRight],
    [leads.header, countRight],
    ...(direction.header === null
      ? []
      : [[direction.header, DIRECTION_HEADERS.length - 1] as [number, number]]),
    [exceptionHeader, WIDTH - 1],
  ];
  for (const [header, right] of headerRows) {
    ops.push(
      style(sheet, full(header, right), { bold: true, fill: HEADER_FILL, wrap: true, vertical: "center" }),
    );
  }
  for (const header of [themes.header, leads.header]) {
    STATUSES.forEach((s, j) => {
      const c = statusColour(s);
      ops.push(
        style(
          sheet,
          { top: header, left: 1 + j, bottom: header, right: 1 + j },
          {
            bold: true,
            fill: c.fill,
            fontColor: c.fontColor,
            horizontal: "center",
          },
        ),
      );
    });
    // The count headings stand over their numbers: centred like them.
    ops.push(
      style(
        sheet,
        { top: header, left: 1 + STATUSES.length, bottom: header, right: countRight },
        { horizontal: "center" },
      ),
    );
  }
  for (const section of [themes, leads]) {
    if (section.last >= section.first) {
      ops.push(
        style(
          sheet,
          { top: section.first, left: 1, bottom: section.last, right: countRight },
          { horizontal: "center" },
        ),
      );
      ops.push(
        style(
          sheet,
          { top: section.first, left: 0, bottom: section.last, right: 0 },
          { wrap: true, vertical: "top" },
        ),
      );
    }
  }
  if (direction.header !== null && direction.last > direction.header) {
    ops.push(
      style(
        sheet,
        { top: direction.header + 1, left: 1, bottom: direction.last, right: DIRECTION_HEADERS.length - 1 },
        { horizontal: "center" },
      ),
    );
    ops.push(
      style(
        sheet,
        { top: direction.header + 1, left: 0, bottom: direction.last, right: 0 },
        { wrap: true, vertical: "top" },
      ),
    );
  }
  if (themes.last >= themes.first) {
    ops.push(style(sheet, full(themes.last, countRight), { bold: true }));
  }
  if (listed.length > 0) {
    ops.push(
      style(
        sheet,
        { top: exceptionHeader + 1, left: 0, bottom: at(lastRow), right: WIDTH - 1 },
        { wrap: true, vertical: "top" },
      ),
    );
  }
  // One op for each run of exception rows with the same status, in sheet rows: a header's copy
  // between two rows splits the run, so a copy never takes a status colour.
  const statusRows: Array<{ row: number; key: Status }> = [];
  listed.forEach((a, i) => {
    if (a.status) statusRows.push({ row: at(exceptionHeader + 1 + i), key: a.status });
  });
  for (const run of rowRuns(statusRows)) {
    const c = statusColour(run.key);
    ops.push(
      style(
        sheet,
        { top: run.top, left: 4, bottom: run.bottom, right: 4 },
        { fill: c.fill, fontColor: c.fontColor, bold: true },
      ),
    );
  }
  // The headings' copies are styled as the header row, after the exception rows' style around them.
  for (const copy of copies) {
    ops.push(style(sheet, full(copy), { bold: true, fill: HEADER_FILL, wrap: true, vertical: "center" }));
  }
  ops.push({
    kind: "setColumnWidths",
    sheet,
    widths: [...widths.entries()].map(([column, width]) => ({ column, width })),
  });
  for (let r = 0; r < firstListed; r++) {
    if (rows[r]?.[0]?.kind === "text" && isLongNote(r)) {
      ops.push(
        style(sheet, { top: at(r), left: 0, bottom: at(r), right: 0 }, { wrap: true, vertical: "top" }),
      );
    }
  }
  // Every row's height in sheet order, each copy with the header's.
  const headerHeight = heights[exceptionHeader] ?? DEFAULT_ROW_POINTS;
  const rowHeights: Array<{ row: number; height: number }> = [];
  heights.forEach((height, r) => {
    if (copyBefore.has(r)) rowHeights.push({ row: at(r) - 1, height: headerHeight });
    rowHeights.push({ row: at(r), height });
  });
  ops.push({ kind: "setRowHeights", sheet, heights: rowHeights });
  const chartTop = at(lastRow) + 2;
  ops.push({
    kind: "setPageLayout",
    sheet,
    orientation: "landscape",
    fitToPagesWide: 1,
    printTitleRows: { first: 0, last: 1 },
    paperSize: "A4",
    // A break before a page that starts with the headings' copy goes at the copy.
    rowBreaks: pages.breaks.map((b) => (pages.headerBefore.includes(b) ? at(b) - 1 : at(b))),
    footer: { center: protectiveMarking(snapshot), pageNumbers: true },
  });
  if (withChart) {
    ops.push({
      kind: "addChart",
      sheet,
      name: SUMMARY_CHART_NAME,
      chartType: "barStacked",
      source: { top: themes.header, left: 0, bottom: themes.last - 1, right: STATUSES.length - 1 },
      anchor: { top: chartTop, left: 0, bottom: chartTop + chartRows - 1, right: 6 },
      title: "Status by theme",
    });
  }
  ops.push({ kind: "activateSheet", sheet });

  const counts = `${summary.totals.Total} actions, ${summary.exceptions.length} exceptions`;
  const plan: WritePlan = {
    title: existing
      ? `Rebuild the ${sheet} sheet (${counts}): everything on it now is replaced, including anything typed there by hand`
      : `Add a ${sheet} sheet (${counts}) with status by theme and by lead and the exception list`,
    ops,
  };
  return { plan, summary };
}
