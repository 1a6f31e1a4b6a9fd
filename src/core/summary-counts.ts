/** Counts of actions by status, theme and lead, and the exception list: the summary as data. */
import type { Action, ActionTable, PlanModel, Status } from "./plan-model";
import { STATUSES } from "./plan-model";

/** A count column of the summary: the five statuses, then blank or unreadable statuses. */
export type SummaryColumn = Status | "No status";
export const SUMMARY_COLUMNS: readonly SummaryColumn[] = [...STATUSES, "No status"];

/** The label byLead uses for actions whose lead cell is blank. */
export const NO_LEAD = "(no lead)";

export type StatusCounts = Readonly<Record<SummaryColumn | "Total", number>>;

export type ThemeCounts = { readonly theme: string } & StatusCounts;
export type LeadCounts = { readonly lead: string } & StatusCounts;

export interface SummaryException {
  readonly sheet: string;
  readonly ref: string | null;
  readonly action: string;
  readonly lead: string | null;
  readonly status: Status | null;
  readonly update: string;
  readonly due: string | null;
}

/** The CLI's `summary --json` object. */
export interface PlanSummary {
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
  counts[action.status ?? "No status"] += 1;
  counts.Total += 1;
}

/**
 * Groups keys as Excel's COUNTIFS and "=" compare text, ignoring case, so the sheet's live formulas
 * and these counts agree; the first spelling seen names the group ("POLICE" then "Police" → "POLICE").
 */
export class CaseInsensitiveGroups<T> {
  private readonly byKey = new Map<string, { label: string; value: T }>();

  constructor(private readonly make: (label: string) => T) {}

  get(label: string): T {
    const key = label.toLowerCase();
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { label, value: this.make(label) };
      this.byKey.set(key, entry);
    }
    return entry.value;
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
 * The leads an action counts for: each register code of a split lead ("TA & CS" → TA and CS), the
 * whole lead otherwise, or "(no lead)" when blank.
 */
export function leadsOfAction(action: Action): string[] {
  const leads = [...new Set(action.leads.map((l) => l.trim()).filter((l) => l !== ""))];
  if (leads.length > 0) return leads;
  const whole = action.lead?.trim();
  return whole ? [whole] : [NO_LEAD];
}

/** Whether an action is past its due date (an ISO date before today) and not Complete. */
export function isOverdue(action: Action, todayIso: string): boolean {
  if (action.status === "Complete" || action.due === null) return false;
  return /^\d{4}-\d{2}-\d{2}$/.test(action.due) && action.due < todayIso.slice(0, 10);
}

/** Whether an action belongs on the exception list: Red, Amber, or overdue. */
export function isException(action: Action, todayIso: string): boolean {
  return action.status === "Red" || action.status === "Amber" || isOverdue(action, todayIso);
}

/**
 * The plan's summary: counts by status overall, by theme (see themeOfAction) and by lead (an action
 * with two lead codes counts for each; blank → "(no lead)"), and the exceptions: every Red and Amber
 * action and every overdue one (due before todayIso, not Complete). "No status" counts blank and
 * unreadable statuses. Themes and leads are grouped ignoring case, in order of first appearance,
 * "(no lead)" last.
 *
 *   summarisePlan(model, "2012-04-01").totals
 *   // → { Red: 4, Amber: 8, Green: 3, Complete: 1, "Not started": 0, "No status": 1, Total: 17 }
 */
export function summarisePlan(model: PlanModel, todayIso: string): PlanSummary {
  const tables = new Map(model.tables.map((t) => [t.id, t]));
  const totals = emptyCounts();
  const themes = new CaseInsensitiveGroups(() => emptyCounts());
  const leads = new CaseInsensitiveGroups(() => emptyCounts());
  const exceptions: SummaryException[] = [];
  for (const action of model.actions) {
    addAction(totals, action);
    addAction(themes.get(themeOfAction(action, tables.get(action.tableId))), action);
    for (const lead of leadsOfAction(action)) addAction(leads.get(lead), action);
    if (isException(action, todayIso)) {
      exceptions.push({
        sheet: action.sheet,
        ref: action.ref,
        action: action.action,
        lead: action.lead,
        status: action.status,
        update: action.update,
        due: action.due,
      });
    }
  }
  const leadEntries = leads.entries();
  const ordered = [
    ...leadEntries.filter((e) => e.label !== NO_LEAD),
    ...leadEntries.filter((e) => e.label === NO_LEAD),
  ];
  return {
    totals,
    byTheme: themes.entries().map((e) => ({ theme: e.label, ...e.value })),
    byLead: ordered.map((e) => ({ lead: e.label, ...e.value })),
    exceptions,
  };
}
