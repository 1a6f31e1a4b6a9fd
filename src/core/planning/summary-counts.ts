/** Counts of actions by status, theme and lead, and the exception list: the summary as data. */
import type { Action, ActionAsListed, ActionTable, Direction, PlanModel, Status } from "../basics/plan-model";
import { STATUSES, isKnownComplete, knownStatus } from "../basics/plan-model";
import { type PeriodSelection, periodOf, selectPeriod, themeWithoutPeriod } from "../reading/table-periods";

/**
 * A count column of the summary: the five statuses, then blank or unreadable statuses and those only
 * guessed from a fill colour (knownStatus), as the Summary sheet's formulas count them too: Apply
 * schema leaves a guessed cell without a word.
 */
export type SummaryColumn = Status | "No status";
export const SUMMARY_COLUMNS: readonly SummaryColumn[] = [...STATUSES, "No status"];

/** The label byLead uses for actions whose lead cell is blank. */
export const NO_LEAD = "(no lead)";

export type StatusCounts = Readonly<Record<SummaryColumn | "Total", number>>;

/** How many of a theme's actions moved up or down since the previous period (from Action.direction). */
export interface TravelCounts {
  readonly improved: number;
  readonly worsened: number;
}

export type ThemeCounts = { readonly theme: string } & StatusCounts & TravelCounts;
export type LeadCounts = { readonly lead: string } & StatusCounts;

export interface SummaryException extends ActionAsListed {
  readonly due: string | null;
  /** Why it is listed, in words: "Red", "Amber, overdue by 43 days", "Red, no update". */
  readonly reason: string;
  /** Days past its due date, or null when not overdue. */
  readonly overdueDays: number | null;
  /** The theme it is counted under (see themeOfAction; across periods without its period, themeLabeller). */
  readonly theme: string;
  /** Direction of travel since the previous period, or null when unknown. */
  readonly direction: Direction | null;
}

/** The CLI's `summary --json` object. */
export interface PlanSummary {
  /** The period counted ("2012-13"), or null when the whole workbook is (it names no period). */
  readonly period: string | null;
  /** The sheets whose actions are counted. */
  readonly sheets: readonly string[];
  readonly totals: StatusCounts;
  readonly byTheme: readonly ThemeCounts[];
  readonly byLead: readonly LeadCounts[];
  readonly exceptions: readonly SummaryException[];
}

type MutableCounts = Record<SummaryColumn | "Total", number>;

function emptyCounts(): MutableCounts {
  return { Red: 0, Amber: 0, Green: 0, Complete: 0, "Not started": 0, "No status": 0, Total: 0 };
}

function addAction(counts: MutableCounts, action: Action): void {
  counts[knownStatus(action) ?? "No status"] += 1;
  counts.Total += 1;
}

/**
 * Groups keys as Excel's COUNTIFS and "=" compare text, ignoring case, so the sheet's live formulas
 * and these counts agree; the first spelling seen names the group ("POLICE" then "Police" → "POLICE").
 */
export class CaseInsensitiveGroups<T> {
  private readonly byKey = new Map<string, { label: string; value: T }>();
  /** Each spelling met, to its group: a plan repeats a few spellings thousands of times. */
  private readonly bySpelling = new Map<string, { label: string; value: T }>();

  constructor(private readonly make: (label: string) => T) {}

  private entry(label: string): { label: string; value: T } {
    let entry = this.bySpelling.get(label);
    if (entry) return entry;
    const key = label.toLowerCase();
    entry = this.byKey.get(key);
    if (!entry) {
      entry = { label, value: this.make(label) };
      this.byKey.set(key, entry);
    }
    this.bySpelling.set(label, entry);
    return entry;
  }

  get(label: string): T {
    return this.entry(label).value;
  }

  /** The label of the group `label` falls in (its first spelling), or `label` itself when there is none yet. */
  labelOf(label: string): string {
    return (this.bySpelling.get(label) ?? this.byKey.get(label.toLowerCase()))?.label ?? label;
  }

  entries(): Array<{ label: string; value: T }> {
    return [...this.byKey.values()];
  }
}

/**
 * The theme an action is counted under: its theme cell when it has one, else the title above its
 * table ("1. ANTI SOCIAL BEHAVIOUR ACTION PLAN"), else its sheet's name.
 */
export function themeOfAction(action: Action, table: ActionTable | undefined): string {
  const theme = action.theme?.trim();
  if (theme) return theme;
  return tableTheme(table) ?? action.sheet;
}

/** The theme of a table's actions that have no theme cell: its title, else its sheet; null without a table. */
export function tableTheme(table: ActionTable | undefined): string | null {
  if (!table) return null;
  const title = table.title?.trim();
  return title ? title : table.sheet;
}

/**
 * Whether a summary of this selection compares themes across periods: it counts the whole workbook
 * (every period, or a workbook whose tables name none) and its tables, or its themes' own words,
 * name more than one period ("ASB 2011-12" beside "ASB 2012-13"). A summary of one period never does.
 */
export function themesAcrossPeriods(selection: PeriodSelection): boolean {
  if (selection.period !== null) return false;
  const { tables, actions } = selection.model;
  const byId = new Map(tables.map((t) => [t.id, t]));
  const periods = new Set<string>();
  for (const t of tables) if (t.period !== null) periods.add(t.period);
  if (periods.size > 1) return true;
  // Each theme's words are read for a period once, however many actions share it.
  const read = new Set<string>();
  for (const a of actions) {
    const theme = themeOfAction(a, byId.get(a.tableId));
    if (read.has(theme)) continue;
    read.add(theme);
    const named = periodOf(theme);
    if (named !== null) periods.add(named);
    if (periods.size > 1) return true;
  }
  return false;
}

/**
 * The label a theme is counted under in a summary of this selection: across periods, its words
 * without the period ("ASB 2011-12" and "ASB 2012-13" are both "ASB", see themeWithoutPeriod);
 * within one period, the theme as it is. Labels are grouped ignoring case.
 *
 *   themeLabeller(selectPeriod(model, ALL_PERIODS))("ASB 2011-12") // → "ASB" when the plan spans two years
 */
export function themeLabeller(
  selection: PeriodSelection,
  across: boolean = themesAcrossPeriods(selection),
): (theme: string) => string {
  return across ? themeWithoutPeriod : (theme) => theme;
}

/**
 * The leads an action counts for: each register code of a split lead ("TA & CS" → TA and CS), the
 * whole lead otherwise, or "(no lead)" when blank.
 */
export function leadsOfAction(action: Action): string[] {
  const leads: string[] = [];
  for (const l of action.leads) {
    const lead = l.trim();
    if (lead !== "" && !leads.includes(lead)) leads.push(lead);
  }
  if (leads.length > 0) return leads;
  const whole = action.lead?.trim();
  return whole ? [whole] : [NO_LEAD];
}

/**
 * Whether an action is past its due date (Action.dueDate, a date or a date typed as text) and not
 * Complete for certain (a Complete only guessed from a fill colour does not make it done).
 */
export function isOverdue(action: Action, todayIso: string): boolean {
  if (isKnownComplete(action) || action.dueDate === null) return false;
  return action.dueDate < (todayIso.length > 10 ? todayIso.slice(0, 10) : todayIso);
}

/** The day an ISO date (yyyy-mm-dd…) falls on, as milliseconds since 1970 (UTC). */
function dayOf(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}

/** Whole days from an ISO due date to today (positive when past due; summariseSelection does the same by date). */
function daysPast(dueIso: string, todayIso: string): number {
  return Math.round((dayOf(todayIso) - dayOf(dueIso)) / 86_400_000);
}

/** Days an action is past its due date, or null when it is not overdue. */
export function overdueDays(action: Action, todayIso: string): number | null {
  return isOverdue(action, todayIso) && action.dueDate !== null ? daysPast(action.dueDate, todayIso) : null;
}

/**
 * Why an action is on the exception list, in words the board reads: its status when Red or Amber,
 * how long it is overdue, and "no update" when its update is blank.
 *
 *   exceptionReason(action, "2012-04-01") // → "Red, overdue by 43 days" or "Amber, no update"
 */
export function exceptionReason(action: Action, todayIso: string): string {
  return reasonWithDays(action, overdueDays(action, todayIso));
}

/** exceptionReason with the days overdue already worked out (null when not overdue). */
function reasonWithDays(action: Action, days: number | null): string {
  const status = knownStatus(action);
  let reason = status === "Red" || status === "Amber" ? status : "";
  if (days !== null) {
    reason += `${reason === "" ? "" : ", "}overdue by ${days} day${days === 1 ? "" : "s"}`;
  }
  if (action.statusGuessed && action.status !== null) {
    reason += `${reason === "" ? "" : ", "}status only guessed as ${action.status} from its colour`;
  }
  if (action.update.trim() === "") reason += reason === "" ? "no update" : ", no update";
  return reason;
}

/** 0 for Red, 1 for Amber, 2 for overdue only: the order the board reads exceptions in. */
function exceptionRank(action: Action): 0 | 1 | 2 {
  const status = knownStatus(action);
  return status === "Red" ? 0 : status === "Amber" ? 1 : 2;
}

/** The exceptions of some actions, Red first, then Amber, then overdue, each in plan order. */
export function exceptionActions(actions: readonly Action[], todayIso: string): Action[] {
  return exceptionIndexes(actions, todayIso).map((i) => actions[i]!);
}

/** The indexes in `actions` of exceptionActions' list, in its order: one bucket per rank, each in plan order. */
function exceptionIndexes(actions: readonly Action[], todayIso: string): number[] {
  const ranked: [number[], number[], number[]] = [[], [], []];
  actions.forEach((a, i) => {
    if (isException(a, todayIso)) ranked[exceptionRank(a)].push(i);
  });
  return [...ranked[0], ...ranked[1], ...ranked[2]];
}

/** Whether an action belongs on the exception list: Red, Amber, or overdue. */
export function isException(action: Action, todayIso: string): boolean {
  const status = knownStatus(action);
  return status === "Red" || status === "Amber" || isOverdue(action, todayIso);
}

/**
 * The summary of one period (see selectPeriod: by default the latest, tables with no period in every
 * period, the whole plan when no table names one): counts by status overall, by theme (see
 * themeOfAction, with how many actions improved or worsened since the previous period) and by lead
 * (an action with two lead codes counts for each; blank → "(no lead)"), and the exceptions: every Red
 * and Amber action and every overdue one (due before todayIso, not Complete), Red first, then Amber,
 * then overdue, each with why it is listed. "No status" counts blank and unreadable statuses and
 * those only guessed from a fill colour (an overdue one guessed Complete is listed, saying so). Themes
 * and leads are grouped ignoring case, in order of first appearance, "(no lead)" last; a summary of
 * every period matches themes by their words without the year ("ASB 2011-12" and "ASB 2012-13" are
 * one theme, "ASB").
 *
 *   summarisePlan(model, "2012-04-01").totals
 *   // → { Red: 4, Amber: 8, Green: 3, Complete: 1, "Not started": 0, "No status": 1, Total: 17 }
 */
export function summarisePlan(model: PlanModel, todayIso: string, period?: string | null): PlanSummary {
  return summariseSelection(selectPeriod(model, period), todayIso);
}

/**
 * The summary of a period already chosen (see summarisePlan); across periods its themes are matched
 * by their words without the period (themeLabeller, worked out here unless the caller has it).
 */
export function summariseSelection(
  selection: PeriodSelection,
  todayIso: string,
  label: (theme: string) => string = themeLabeller(selection),
): PlanSummary {
  const { tables: chosen, actions } = selection.model;
  const tables = new Map(chosen.map((t) => [t.id, t]));
  const totals = emptyCounts();
  const themes = new CaseInsensitiveGroups(() => ({ ...emptyCounts(), improved: 0, worsened: 0 }));
  const leads = new CaseInsensitiveGroups(() => emptyCounts());
  // Each action's theme label, worked out once for its counts and again read for its exception row.
  const themeLabels: string[] = [];
  for (const action of actions) {
    addAction(totals, action);
    const themeLabel = label(themeOfAction(action, tables.get(action.tableId)));
    themeLabels.push(themeLabel);
    const theme = themes.get(themeLabel);
    addAction(theme, action);
    if (action.direction === "improved") theme.improved += 1;
    if (action.direction === "worsened") theme.worsened += 1;
    for (const lead of leadsOfAction(action)) addAction(leads.get(lead), action);
  }
  // Days overdue by due date: exceptions share a few dates (overdueDays, each date worked out once).
  const today = dayOf(todayIso);
  const daysByDue = new Map<string, number>();
  const daysOverdue = (action: Action): number | null => {
    if (action.dueDate === null || !isOverdue(action, todayIso)) return null;
    let days = daysByDue.get(action.dueDate);
    if (days === undefined) {
      days = Math.round((today - dayOf(action.dueDate)) / 86_400_000);
      daysByDue.set(action.dueDate, days);
    }
    return days;
  };
  const exceptions = exceptionIndexes(actions, todayIso).map((i): SummaryException => {
    const action = actions[i]!;
    const days = daysOverdue(action);
    return {
      sheet: action.sheet,
      ref: action.ref,
      action: action.action,
      lead: action.lead,
      // A guessed status is shown as none, as it is counted; the reason says what was guessed.
      status: knownStatus(action),
      update: action.update,
      due: action.due,
      reason: reasonWithDays(action, days),
      overdueDays: days,
      theme: themes.labelOf(themeLabels[i]!),
      direction: action.direction,
    };
  });
  const leadEntries = leads.entries();
  const ordered = [
    ...leadEntries.filter((e) => e.label !== NO_LEAD),
    ...leadEntries.filter((e) => e.label === NO_LEAD),
  ];
  return {
    period: selection.period,
    sheets: selection.sheets,
    totals,
    byTheme: themes.entries().map((e) => ({ theme: e.label, ...e.value })),
    byLead: ordered.map((e) => ({ lead: e.label, ...e.value })),
    exceptions,
  };
}
