/**
 * Making partner returns: for each lead, one small workbook holding only that lead's open actions to
 * read (ref, action, due, status now, latest update) and two columns to type in (new status from a
 * dropdown, new update), with instructions at the top and a very hidden identity for the merge
 * (returns-identity.ts). Each return is a write plan over a blank workbook whose one sheet is
 * RETURN_SHEET (src/xlsx/blank-package.ts).
 */
import { isoToUkDate } from "../basics/excel-dates";
import { cellAddress, sheetRangeReference } from "../basics/cell-address";
import { STATUSES, isKnownComplete, knownStatus, type Action, type PlanModel } from "../basics/plan-model";
import { problem, type Problem } from "../basics/problem";
import type { WorkbookSnapshot } from "../basics/snapshot";
import type { CellWrite, WriteOp, WritePlan } from "../basics/write-plan";
import {
  IDENTITY_ACTION_HEADERS,
  IDENTITY_ACTIONS_HEADER_ROW,
  IDENTITY_FIELDS,
  IDENTITY_STATUS_COLUMN,
  PLAN_ID_NAME,
  RETURN_FORMAT,
  RETURN_IDENTITY_SHEET,
  RETURN_SHEET,
  RETURN_STATUSES_NAME,
  planIdOf,
  statusWord,
  textDigest,
} from "./returns-identity";
import { textLimitProblems } from "./text-limit";

/** Row of the return's column headers (0-based); the actions start on the next row. */
export const RETURN_HEADER_ROW = 9;
export const RETURN_COLUMNS = [
  "Ref",
  "Action",
  "Due",
  "Status now",
  "Latest update",
  "New status",
  "New update",
] as const;
/** 0-based columns of the two the lead types in. */
export const NEW_STATUS_COLUMN = 5;
export const NEW_UPDATE_COLUMN = 6;

export interface ReturnOptions {
  /** The plan's id: its PLAN_ID_NAME when it has one, else this new one (a GUID the shell makes). */
  readonly newPlanId: string;
  readonly planName: string;
  /** The partnership's name for the heading, or "" to leave it out. */
  readonly partnership: string;
  readonly todayIso: string;
  /** Lead codes to make returns for; null for every lead with an open action. */
  readonly leads: readonly string[] | null;
}

/** One lead's return: the file to write and the plan that makes it from a blank workbook. */
export interface LeadReturn {
  readonly lead: string;
  readonly leadName: string;
  readonly period: string;
  /** "TA return 2012-13.xlsx": the lead and the period, safe as a file name everywhere. */
  readonly fileName: string;
  readonly actions: readonly Action[];
  readonly plan: WritePlan;
}

export interface ReturnsMade {
  readonly planId: string;
  /** The defineName that records a new plan id in the plan itself; null when it has one already. */
  readonly planIdPlan: WritePlan | null;
  /**
   * The returns to write; none (and no planIdPlan) when a text a return would copy is more than a cell
   * holds (write/copied-too-long, naming the plan's cell): none is made rather than some.
   */
  readonly returns: readonly LeadReturn[];
  readonly problems: readonly Problem[];
}

/** A lead that has actions a return could hold, for the pane's choice. */
export interface ReturnLead {
  readonly code: string;
  readonly name: string;
  readonly openActions: number;
}

function columnOf(model: PlanModel, action: Action, role: "status" | "update"): number | null {
  const table = model.tables.find((t) => t.id === action.tableId);
  return table?.columns.find((c) => c.role === role)?.column ?? null;
}

/**
 * Whether the action can come back through a return: open (a Complete only guessed from a fill colour
 * is asked about), with Status and Update columns to write.
 */
function returnable(model: PlanModel, action: Action): boolean {
  return (
    !isKnownComplete(action) &&
    columnOf(model, action, "status") !== null &&
    columnOf(model, action, "update") !== null
  );
}

const fold = (lead: string): string => lead.trim().toLowerCase();

function ledBy(action: Action, lead: string): boolean {
  return action.leads.some((l) => fold(l) === fold(lead));
}

/**
 * Every lead with at least one open action, in the register's order, then as met in the plan; leads
 * typed differently only in case or spaces ("Police", "POLICE ") are one lead, as their files would
 * be one file on Windows.
 */
export function returnLeads(model: PlanModel): ReturnLead[] {
  const counts = new Map<string, { code: string; count: number }>();
  for (const code of model.leadRegister.map((l) => l.code)) counts.set(fold(code), { code, count: 0 });
  for (const action of model.actions) {
    if (!returnable(model, action)) continue;
    for (const lead of new Set(action.leads.map(fold))) {
      const entry = counts.get(lead);
      if (entry) entry.count++;
      else counts.set(lead, { code: action.leads.find((l) => fold(l) === lead)?.trim() ?? lead, count: 1 });
    }
  }
  return [...counts.values()]
    .filter((e) => e.count > 0)
    .map(({ code, count }) => ({
      code,
      name: model.leadRegister.find((l) => fold(l.code) === fold(code))?.name ?? code,
      openActions: count,
    }));
}

function text(value: string): CellWrite {
  return value === "" ? { kind: "blank" } : { kind: "text", text: value };
}

/** Letters Windows, macOS and SharePoint refuse in a file name become "-". */
function safeFileName(name: string): string {
  return name
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

function periodOf(model: PlanModel, actions: readonly Action[]): string | null {
  const periods = [
    ...new Set(
      actions.flatMap((a) => {
        const period = model.tables.find((t) => t.id === a.tableId)?.period ?? null;
        return period === null ? [] : [period];
      }),
    ),
  ];
  return periods.length === 0 ? null : periods.join(" and ");
}

/** Where an action can be told apart from the others on its sheet: its ref, else its exact text. */
/** How many times the action's ref (or, without one, its text) appears on its sheet, when more than once. */
function ambiguity(model: PlanModel, action: Action): number | null {
  const same = model.actions.filter(
    (a) =>
      a.sheet === action.sheet &&
      (action.ref !== null ? a.ref === action.ref : a.ref === null && a.action === action.action),
  );
  return same.length < 2 ? null : same.length;
}

/**
 * The status the lead reads in the Status column: the word, or for a status only guessed from a fill
 * colour the guess with a question mark, so the lead is not told it is certain.
 */
function statusNow(action: Action): string {
  if (action.statusGuessed && action.status !== null) return `${action.status}? (only its colour says so)`;
  return statusWord(action.status);
}

function returnPlan(
  lead: { code: string; name: string },
  actions: readonly Action[],
  period: string,
  planId: string,
  options: ReturnOptions,
): WritePlan {
  const who = lead.name === lead.code ? lead.code : `${lead.name} (${lead.code})`;
  const first = RETURN_HEADER_ROW + 1;
  const last = first + actions.length - 1;
  const heading: CellWrite[][] = [
    [{ kind: "text", text: `Action plan return for ${who}` }],
    [text(options.partnership === "" ? "" : `Partnership: ${options.partnership}`)],
    [{ kind: "text", text: `Plan: ${options.planName}` }],
    [{ kind: "text", text: `Period: ${period}. Sent on ${isoToUkDate(options.todayIso)}.` }],
    [
      {
        kind: "text",
        text: `What to do: for each of your actions below, choose a New status from the list in column F and type in column G what has happened since the latest update.`,
      },
    ],
    [
      {
        kind: "text",
        text: "Red, Amber and Complete need a new update saying why. If nothing has changed for an action, leave both columns blank.",
      },
    ],
    [
      {
        kind: "text",
        text: "Columns A to E show what the plan holds today and cannot be changed here. Please keep the file as it is (an .xlsx workbook) and do not add or move rows.",
      },
    ],
    [
      {
        kind: "text",
        text: "When you have finished, save the file and send it back to whoever sent it to you.",
      },
    ],
  ];
  const rows: CellWrite[][] = actions.map((a) => [
    text(a.ref ?? ""),
    text(a.action),
    a.due === null
      ? { kind: "blank" }
      : /^\d{4}-\d{2}-\d{2}$/.test(a.due)
        ? { kind: "date", iso: a.due }
        : text(a.due),
    text(statusNow(a)),
    text(a.update),
    { kind: "blank" },
    { kind: "blank" },
  ]);
  const fieldRows: Array<[string, string]> = [
    [IDENTITY_FIELDS.format, RETURN_FORMAT],
    [IDENTITY_FIELDS.planId, planId],
    [IDENTITY_FIELDS.planName, options.planName],
    [IDENTITY_FIELDS.partnership, options.partnership],
    [IDENTITY_FIELDS.lead, lead.code],
    [IDENTITY_FIELDS.leadName, lead.name],
    [IDENTITY_FIELDS.period, period],
    [IDENTITY_FIELDS.made, options.todayIso],
  ];
  const identityRows: CellWrite[][] = actions.map((a, i) => [
    { kind: "number", value: first + i + 1 },
    text(a.sheet),
    text(a.ref ?? ""),
    text(textDigest(a.action)),
    // What the merge compares the plan with: a guessed status is sent as none (knownStatus).
    text(statusWord(knownStatus(a))),
    text(a.update),
  ]);
  const readOnly = { top: first, left: 0, bottom: last, right: NEW_STATUS_COLUMN - 1 };
  const typed = { top: first, left: NEW_STATUS_COLUMN, bottom: last, right: NEW_UPDATE_COLUMN };
  const ops: WriteOp[] = [
    { kind: "writeCells", sheet: RETURN_SHEET, row: 0, column: 0, cells: heading },
    {
      kind: "writeCells",
      sheet: RETURN_SHEET,
      row: RETURN_HEADER_ROW,
      column: 0,
      cells: [RETURN_COLUMNS.map((h): CellWrite => ({ kind: "text", text: h })), ...rows],
    },
    { kind: "addSheet", sheet: RETURN_IDENTITY_SHEET, after: RETURN_SHEET },
    {
      kind: "writeCells",
      sheet: RETURN_IDENTITY_SHEET,
      row: 0,
      column: 0,
      cells: fieldRows.map(([label, value]) => [{ kind: "text", text: label }, text(value)]),
    },
    {
      kind: "writeCells",
      sheet: RETURN_IDENTITY_SHEET,
      row: IDENTITY_ACTIONS_HEADER_ROW,
      column: 0,
      cells: [IDENTITY_ACTION_HEADERS.map((h): CellWrite => ({ kind: "text", text: h })), ...identityRows],
    },
    {
      kind: "writeCells",
      sheet: RETURN_IDENTITY_SHEET,
      row: 0,
      column: IDENTITY_STATUS_COLUMN,
      cells: [["Statuses"], ...STATUSES.map((s) => [s])].map((r) =>
        r.map((s): CellWrite => ({ kind: "text", text: s })),
      ),
    },
    {
      kind: "defineName",
      name: RETURN_STATUSES_NAME,
      formula: `=${sheetRangeReference(RETURN_IDENTITY_SHEET, {
        top: 1,
        left: IDENTITY_STATUS_COLUMN,
        bottom: STATUSES.length,
        right: IDENTITY_STATUS_COLUMN,
      })}`,
      comment: "The statuses a return's New status may take",
    },
    {
      kind: "setValidation",
      sheet: RETURN_SHEET,
      range: { top: first, left: NEW_STATUS_COLUMN, bottom: last, right: NEW_STATUS_COLUMN },
      rule: {
        source: `=${RETURN_STATUSES_NAME}`,
        inCellDropdown: true,
        errorStyle: "stop",
        errorTitle: "Not a status",
        errorMessage: `Choose one of ${STATUSES.join(", ")} from the list.`,
        prompt: "Choose the status from the list; Red, Amber and Complete need a new update.",
      },
    },
    {
      kind: "styleRange",
      sheet: RETURN_SHEET,
      range: { top: 0, left: 0, bottom: 0, right: 0 },
      style: { bold: true, fontSize: 14 },
    },
    {
      kind: "styleRange",
      sheet: RETURN_SHEET,
      range: { top: RETURN_HEADER_ROW, left: 0, bottom: RETURN_HEADER_ROW, right: NEW_UPDATE_COLUMN },
      style: { bold: true, fill: "#D9D9D9", wrap: true, vertical: "top" },
    },
    {
      kind: "styleRange",
      sheet: RETURN_SHEET,
      range: readOnly,
      style: { fill: "#F2F2F2", wrap: true, vertical: "top" },
    },
    {
      kind: "styleRange",
      sheet: RETURN_SHEET,
      range: typed,
      style: { fill: "#FFF2CC", wrap: true, vertical: "top" },
    },
    {
      kind: "setColumnWidths",
      sheet: RETURN_SHEET,
      widths: [8, 50, 12, 12, 45, 14, 50].map((width, column) => ({ column, width })),
    },
    { kind: "setSheetVisibility", sheet: RETURN_IDENTITY_SHEET, visibility: "veryHidden" },
    { kind: "protectSheet", sheet: RETURN_SHEET, unlocked: [typed] },
  ];
  return { title: `Return for ${who}: ${actions.length} action${actions.length === 1 ? "" : "s"}`, ops };
}

/**
 * The returns to send: one per lead chosen (or every lead with an open action), each holding the
 * lead's actions that are not Complete and have Status and Update columns to write back to. Actions
 * a return could not identify again (a ref or, without one, an action text repeated on its sheet)
 * are left out with a warning. When the plan has no id yet, `planIdPlan` records options.newPlanId.
 *   planReturns(snapshot, model, { newPlanId: "3f2a…", planName: "Plan", partnership: "", todayIso: "2026-11-30", leads: ["TA"] })
 *   → { returns: [{ lead: "TA", fileName: "TA return 2012-13.xlsx", plan: {…} }], … }
 */
export function planReturns(
  snapshot: WorkbookSnapshot,
  model: PlanModel,
  options: ReturnOptions,
): ReturnsMade {
  const existing = planIdOf(snapshot.names);
  const planId = existing ?? options.newPlanId;
  const problems: Problem[] = [];
  const everyLead = returnLeads(model);
  const chosen = options.leads ?? everyLead.map((l) => l.code);
  const returns: LeadReturn[] = [];
  const unwritable = new Set<string>();
  for (const code of chosen) {
    const lead = everyLead.find((l) => fold(l.code) === fold(code));
    if (lead === undefined) {
      const known = model.actions.some((a) => ledBy(a, code));
      problems.push(problem("", "", "returns/no-actions", { lead: code, known }));
      continue;
    }
    const actions: Action[] = [];
    for (const action of model.actions) {
      if (!ledBy(action, lead.code)) continue;
      if (!returnable(model, action)) continue;
      const times = ambiguity(model, action);
      if (times !== null) {
        problems.push(
          problem(action.sheet, action.cell, "returns/ambiguous-action", {
            lead: lead.code,
            ref: action.ref,
            times,
          }),
        );
        continue;
      }
      actions.push(action);
    }
    if (actions.length === 0) continue;
    const period = periodOf(model, actions) ?? `as at ${isoToUkDate(options.todayIso)}`;
    const filePeriod = periodOf(model, actions) ?? options.todayIso;
    returns.push({
      lead: lead.code,
      leadName: lead.name,
      period,
      fileName: `${safeFileName(`${lead.code} return ${filePeriod}`)}.xlsx`,
      actions,
      plan: returnPlan(lead, actions, period, planId, options),
    });
  }
  for (const action of model.actions) {
    const asked = options.leads === null || options.leads.some((code) => ledBy(action, code));
    if (asked && !isKnownComplete(action) && !returnable(model, action)) unwritable.add(action.tableId);
  }
  for (const table of model.tables.filter((t) => unwritable.has(t.id))) {
    problems.push(
      problem(table.sheet, cellAddress(table.headerRow, table.range.left), "returns/no-status-column"),
    );
  }
  // A return copies the plan's texts into a new workbook: one longer than a cell holds stops them all.
  const tooLong = returns.flatMap((r) => textLimitProblems(snapshot, r.plan, r.fileName));
  if (tooLong.length > 0)
    return { planId, planIdPlan: null, returns: [], problems: [...problems, ...tooLong] };
  const planIdPlan: WritePlan | null =
    existing !== null
      ? null
      : {
          title: "Give the plan an id, so the returns made from it can be merged back",
          ops: [
            {
              kind: "defineName",
              name: PLAN_ID_NAME,
              formula: `="${planId.replace(/"/g, '""')}"`,
              comment: "Identifies this plan in the partner returns made from it",
            },
          ],
        };
  return { planId, planIdPlan, returns, problems };
}
