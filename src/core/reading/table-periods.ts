/**
 * Each action table's period ("2009", "2010-11", "Q2 2012-13"), found in its sheet name, else its
 * title, else the text the workbook records in the rows just above its header ("Period: 2012/13"),
 * and the choice of one period for the summary. Periods are written one way whatever the workbook's
 * spelling ("2012/13" and "2012–2013" are both "2012-13"), so tables of one period group together.
 */
import type { ActionTable, PlanModel } from "../basics/plan-model";
import type { WorkbookSnapshot } from "../basics/snapshot";
import { problem, type Problem } from "../basics/problem";

/** A quarter (Q1–Q4) before a year or year range, then the year (1900–2099) and its end year. */
const PERIOD_PATTERN =
  /(?<![A-Za-z0-9])(?:Q([1-4])\s*)?((?:19|20)\d{2})(?:\s*[-–/_]\s*(\d{4}|\d{2}))?(?!\d)/gi;

/** How many rows above a header are searched for a period the workbook records there. */
const ROWS_ABOVE_HEADER = 5;

/** A period as numbers, for ordering: start year, end year (= start for one year), quarter or 0. */
export interface PeriodKey {
  readonly start: number;
  readonly end: number;
  readonly quarter: number;
}

interface FoundPeriod {
  readonly label: string;
  readonly key: PeriodKey;
  readonly index: number;
  readonly length: number;
}

function fullEndYear(start: number, digits: string): number {
  if (digits.length === 4) return Number(digits);
  let end = start - (start % 100) + Number(digits);
  if (end <= start) end += 100;
  return end;
}

function labelOf(key: PeriodKey): string {
  const years =
    key.end === key.start ? String(key.start) : `${key.start}-${String(key.end % 100).padStart(2, "0")}`;
  return key.quarter === 0 ? years : `Q${key.quarter} ${years}`;
}

function periodsIn(text: string): FoundPeriod[] {
  const found: FoundPeriod[] = [];
  for (const m of text.matchAll(PERIOD_PATTERN)) {
    const [whole, quarterText, startText, endText] = m;
    if (startText === undefined || m.index === undefined) continue;
    const start = Number(startText);
    const end = endText === undefined ? start : fullEndYear(start, endText);
    const quarter = quarterText === undefined ? 0 : Number(quarterText);
    // "2011-05" is a year and a month, not a period: keep the year alone.
    const ranged = end > start && end - start <= 10;
    const key = { start, end: ranged ? end : start, quarter };
    const length = ranged ? whole.length : whole.indexOf(startText) + startText.length;
    found.push({ label: labelOf(key), key, index: m.index, length });
  }
  return found;
}

/** Orders periods oldest first: by start year, then end year, then quarter (a whole year before its quarters). */
export function comparePeriodKeys(a: PeriodKey, b: PeriodKey): number {
  return a.start - b.start || a.end - b.end || a.quarter - b.quarter;
}

/**
 * The latest period named in some text, written the add-in's one way, or null when it names none.
 *
 * @example periodOf("Recommendations 2012/13") === "2012-13"; periodOf("Q2 2012–2013") === "Q2 2012-13";
 *          periodOf("Progress 2011-05") === "2011"; periodOf("1 ASB") === null
 */
export function periodOf(text: string): string | null {
  let best: FoundPeriod | null = null;
  for (const p of periodsIn(text)) if (best === null || comparePeriodKeys(p.key, best.key) > 0) best = p;
  return best?.label ?? null;
}

/** The key of a period label (as periodOf writes it, or as a user types it), or null when it names none. */
export function periodKey(label: string): PeriodKey | null {
  const found = periodsIn(label);
  return found.length === 1 && found[0] ? found[0].key : null;
}

/**
 * A theme's words without its period, so one theme is recognised across years:
 * "ASB 2011-12" and "ASB 2012/13" are both "ASB"; a theme that is only a period stays as it is.
 */
export function themeWithoutPeriod(theme: string): string {
  let out = theme;
  for (const p of periodsIn(theme).reverse())
    out = out.slice(0, p.index) + " " + out.slice(p.index + p.length);
  const tidy = out
    .replace(/\s+/g, " ")
    .replace(/^[\s\-–:,(]+|[\s\-–:,(]+$/g, "")
    .replace(/\(\s*\)/g, "")
    .trim();
  return tidy === "" ? theme.trim() : tidy;
}

/** Whether two themes are the same once their periods are left out, ignoring case. */
export function sameTheme(a: string, b: string): boolean {
  return themeWithoutPeriod(a).toLowerCase() === themeWithoutPeriod(b).toLowerCase();
}

/** The period a table covers: in its sheet name, else its title, else the rows above its header. */
export function tablePeriod(
  table: ActionTable,
  snapshot: WorkbookSnapshot,
  tablesOnSheet: readonly ActionTable[],
): string | null {
  const named = periodOf(table.sheet) ?? (table.title === null ? null : periodOf(table.title));
  if (named !== null) return named;
  const sheet = snapshot.sheets.find((s) => s.name === table.sheet);
  if (!sheet) return null;
  // Rows above the header, but never inside the table above it on the same sheet.
  const above = tablesOnSheet
    .filter((t) => t.range.bottom < table.headerRow)
    .reduce((m, t) => Math.max(m, t.range.bottom), -1);
  const top = Math.max(above + 1, table.headerRow - ROWS_ABOVE_HEADER);
  for (let row = table.headerRow - 1; row >= top; row--) {
    for (const cell of sheet.cells[row] ?? []) {
      const text = cell === null ? "" : typeof cell.value === "string" ? cell.value : "";
      const period = text === "" ? null : periodOf(text);
      if (period !== null) return period;
    }
  }
  return null;
}

/**
 * The model with each table's period filled in (readPlan's post-pass).
 *
 *   withTablePeriods(snapshot, model).tables.map((t) => t.period) // → ["2009", "2010"]
 */
export function withTablePeriods(snapshot: WorkbookSnapshot, model: PlanModel): PlanModel {
  const tables = model.tables.map((table) => ({
    ...table,
    period: tablePeriod(
      table,
      snapshot,
      model.tables.filter((t) => t.sheet === table.sheet),
    ),
  }));
  return { ...model, tables };
}

/** The periods of a model's tables, newest first (empty when no table names one). */
export function planPeriods(model: PlanModel): string[] {
  const byLabel = new Map<string, PeriodKey>();
  for (const t of model.tables) {
    const key = t.period === null ? null : periodKey(t.period);
    if (t.period !== null && key !== null) byLabel.set(t.period, key);
  }
  return [...byLabel.entries()].sort((a, b) => comparePeriodKeys(b[1], a[1])).map(([label]) => label);
}

/** Ask for every period at once (the CLI's `--period all`). */
export const ALL_PERIODS = "all";

/** One period of a model: its tables (and those with no period) and their actions. */
export interface PeriodSelection {
  /** The period counted, or null when the whole workbook is (no period found, or ALL_PERIODS asked). */
  readonly period: string | null;
  /** The sheets whose tables are counted, in the model's order. */
  readonly sheets: readonly string[];
  readonly model: PlanModel;
}

/**
 * The problem with choosing the period `asked` (any spelling periodOf reads, or ALL_PERIODS): none
 * when a table covers it; otherwise one naming the periods there are, so a summary never quietly
 * counts nothing.
 */
export function periodChoiceProblem(model: PlanModel, asked: string): Problem | null {
  if (asked.toLowerCase() === ALL_PERIODS) return null;
  const periods = planPeriods(model);
  const key = periodKey(asked);
  const match = key === null ? undefined : periods.find((p) => labelOf(key) === p);
  if (match !== undefined) return null;
  return problem("", "", "summary/unknown-period", { asked, periods });
}

/**
 * The part of the model one summary counts: the period asked for (any spelling periodOf reads),
 * by default the latest; tables with no period are counted in every period. With no period in the
 * workbook, or ALL_PERIODS, the whole model. A period no table covers selects no table with a period
 * (check periodChoiceProblem first to tell the user).
 *
 *   selectPeriod(model).period // → "2010" after carrying "Action Plan 2009" over
 */
export function selectPeriod(model: PlanModel, asked?: string | null): PeriodSelection {
  const periods = planPeriods(model);
  const whole = (): PeriodSelection => ({ period: null, sheets: sheetsOf(model.tables), model });
  if (periods.length === 0 || asked?.toLowerCase() === ALL_PERIODS) return whole();
  const askedKey = asked === undefined || asked === null ? null : periodKey(asked);
  const period = askedKey === null ? (periods[0] ?? null) : labelOf(askedKey);
  const tables = model.tables.filter((t) => t.period === null || t.period === period);
  const ids = new Set(tables.map((t) => t.id));
  return {
    period,
    sheets: sheetsOf(tables),
    model: { ...model, tables, actions: model.actions.filter((a) => ids.has(a.tableId)) },
  };
}

function sheetsOf(tables: readonly ActionTable[]): string[] {
  return [...new Set(tables.map((t) => t.sheet))];
}
