/** A lead's own update of one action (the task pane's "My actions"), written back to that row only. */
import { cellAddress } from "../basics/cell-address";
import { isoToUkDate } from "../basics/excel-dates";
import { STATUSES, type Action, type ActionTable, type PlanModel, type Status } from "../basics/plan-model";
import { problem, type Problem } from "../basics/problem";
import type { WorkbookSnapshot } from "../basics/snapshot";
import { MAX_CELL_TEXT_LENGTH, type CellWrite, type WriteOp, type WritePlan } from "../basics/write-plan";

/** What a lead typed for one action. `ref` and `action` identify the row; they are not written. */
export interface LeadEdit {
  readonly sheet: string;
  /** The action's ref as shown when the lead opened it, or null when its table has no ref. */
  readonly ref: string | null;
  /** The action text as shown (finds the row when there is no ref). */
  readonly action: string;
  readonly update: string;
  readonly status: Status;
  /**
   * Keep the previous update: the new one goes on top, dated ("30/11/2026: Met in May"), with the
   * previous text below it: My actions' policy, which operations/lead-update.ts gives every caller (the
   * pane and the CLI's `update`). Without it the update replaces the cell's text.
   */
  readonly stackOn?: { readonly todayIso: string };
  /** A new target date (yyyy-mm-dd) and why it moved; the reason is written into the update. */
  readonly newDue?: { readonly iso: string; readonly reason: string };
}

export type LeadUpdatePlan =
  | { readonly plan: WritePlan; readonly problems: readonly [] }
  | { readonly plan: null; readonly problems: readonly Problem[] };

function refused(problems: Problem[]): LeadUpdatePlan {
  return { plan: null, problems };
}

function rowLabel(edit: LeadEdit): string {
  return edit.ref !== null ? `action ${edit.ref}` : `the action '${shorten(edit.action)}'`;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}

function findRow(model: PlanModel, edit: LeadEdit): Action | Problem {
  const onSheet = model.actions.filter((a) => a.sheet === edit.sheet);
  const matches =
    edit.ref !== null
      ? onSheet.filter((a) => a.ref === edit.ref)
      : onSheet.filter((a) => a.ref === null && a.action === edit.action);
  const [first, second] = matches;
  if (first === undefined) {
    return problem(edit.sheet, "", "write/row-not-found", { action: rowLabel(edit), sheet: edit.sheet });
  }
  if (second !== undefined) {
    const cells = matches.map((a) => a.cell).join(", ");
    return problem(edit.sheet, first.cell, "edit/row-ambiguous", {
      action: rowLabel(edit),
      sheet: edit.sheet,
      cells,
    });
  }
  return first;
}

function columnOf(table: ActionTable, role: "update" | "status" | "due"): number | null {
  return table.columns.find((c) => c.role === role)?.column ?? null;
}

function textOrBlank(text: string): CellWrite {
  return text === "" ? { kind: "blank" } : { kind: "text", text };
}

/**
 * The text the Update cell will hold: the lead's words, with the reason for a moved target date, on
 * top of the previous update when the edit keeps it. A status change with no new words keeps the
 * previous update as it is.
 *   updateText({ update: "Met in May", stackOn: { todayIso: "2026-11-30" }, … }, "Slipped")
 *   → "30/11/2026: Met in May\n\nSlipped"
 */
export function updateText(edit: LeadEdit, previous: string, previousDue: string | null): string {
  const moved =
    edit.newDue === undefined
      ? ""
      : `Target date moved${previousDue !== null && /^\d{4}-\d{2}-\d{2}$/.test(previousDue) ? ` from ${isoToUkDate(previousDue)}` : ""} to ${isoToUkDate(edit.newDue.iso)}: ${edit.newDue.reason.trim()}`;
  const words = [edit.update.trim() === "" ? "" : edit.update, moved].filter((w) => w !== "").join("\n");
  if (edit.stackOn === undefined) return words;
  if (words === "") return previous;
  const dated = `${isoToUkDate(edit.stackOn.todayIso)}: ${words}`;
  return previous.trim() === "" ? dated : `${dated}\n\n${previous}`;
}

/**
 * Whether a status must carry an update (the partnership's rule, as Check's update/missing holds it:
 * Red and Amber say why, Complete says how). The pane's form uses it to mark Update required; the
 * CLI's update command and planLeadUpdate refuse a write that breaks it.
 *   statusNeedsUpdate("Amber") === true; statusNeedsUpdate("Complete") === true; statusNeedsUpdate("Green") === false
 */
export function statusNeedsUpdate(status: Status | null): boolean {
  return status === "Red" || status === "Amber" || status === "Complete";
}

/**
 * The write plan for a lead's update: the Update and Status cells of that action's row, and nothing
 * else. `snapshot` and `model` must be read fresh at write time: the row is found again by its ref
 * (or, in a table without refs, by its exact action text), so a row a co-author inserted above since
 * the pane loaded cannot misdirect the write. A missing or duplicated row, a status not in the list,
 * Red, Amber or Complete without an update, an update over Excel's 32,767 characters, or a protected sheet
 * give problems and no plan.
 *
 * @example planLeadUpdate(snapshot, readPlan(snapshot),
 *   { sheet: "2011-12", ref: "3.10", action: "…", update: "Met in May", status: "Green" })
 *   → { plan: { ops: [writeCells E14 "Met in May", writeCells F14 "Green"] }, problems: [] }
 */
export function planLeadUpdate(snapshot: WorkbookSnapshot, model: PlanModel, edit: LeadEdit): LeadUpdatePlan {
  const sheet = snapshot.sheets.find((s) => s.name === edit.sheet);
  if (sheet === undefined) {
    return refused([problem(edit.sheet, "", "write/sheet-gone", { sheet: edit.sheet })]);
  }
  const found = findRow(model, edit);
  if (!("tableId" in found)) return refused([found]);
  const action = found;
  const table = model.tables.find((t) => t.id === action.tableId);
  const updateColumn = table ? columnOf(table, "update") : null;
  const statusColumn = table ? columnOf(table, "status") : null;
  const problems: Problem[] = [];
  if (updateColumn === null || statusColumn === null) {
    const missing = [updateColumn === null ? "Update" : null, statusColumn === null ? "Status" : null]
      .filter((m) => m !== null)
      .join(" and ");
    problems.push(
      problem(edit.sheet, action.cell, "write/no-column", {
        action: rowLabel(edit),
        sheet: edit.sheet,
        missing,
      }),
    );
  }
  const statusCell = statusColumn === null ? action.cell : cellAddress(action.row, statusColumn);
  const updateCell = updateColumn === null ? action.cell : cellAddress(action.row, updateColumn);
  if (!(STATUSES as readonly string[]).includes(edit.status)) {
    problems.push(
      problem(edit.sheet, statusCell, "edit/not-a-status", {
        typed: String(edit.status),
        statuses: STATUSES.join(", "),
      }),
    );
  }
  // Red and Amber need words of this period: a kept previous update does not explain today's status.
  if (statusNeedsUpdate(edit.status) && edit.update.trim() === "") {
    problems.push(problem(edit.sheet, updateCell, "edit/update-needed", { status: edit.status }));
  }
  const dueColumn = table ? columnOf(table, "due") : null;
  if (edit.newDue !== undefined) {
    const dueCell = dueColumn === null ? action.cell : cellAddress(action.row, dueColumn);
    if (dueColumn === null) {
      problems.push(problem(edit.sheet, action.cell, "edit/no-due-column", { action: rowLabel(edit) }));
    } else if (!/^\d{4}-\d{2}-\d{2}$/.test(edit.newDue.iso)) {
      problems.push(problem(edit.sheet, dueCell, "edit/not-a-date", { typed: edit.newDue.iso }));
    }
    if (edit.newDue.reason.trim() === "") {
      problems.push(problem(edit.sheet, dueCell, "edit/due-without-reason"));
    }
  }
  const written = updateText(edit, action.update, action.due);
  if (written.length > MAX_CELL_TEXT_LENGTH) {
    problems.push(
      problem(edit.sheet, updateCell, "write/too-long", {
        length: written.length,
        max: MAX_CELL_TEXT_LENGTH,
        stacked: edit.stackOn !== undefined,
      }),
    );
  }
  if (sheet.isProtected) {
    problems.push(
      problem(edit.sheet, updateCell, "write/protected-sheet", {
        sheet: edit.sheet,
        operation: "your update",
      }),
    );
  }
  if (problems.length > 0 || updateColumn === null || statusColumn === null) return refused(problems);
  const ops: WriteOp[] = [
    {
      kind: "writeCells",
      sheet: edit.sheet,
      row: action.row,
      column: updateColumn,
      cells: [[textOrBlank(written)]],
    },
    {
      kind: "writeCells",
      sheet: edit.sheet,
      row: action.row,
      column: statusColumn,
      cells: [[{ kind: "text", text: edit.status }]],
    },
  ];
  if (edit.newDue !== undefined && dueColumn !== null) {
    ops.push({
      kind: "writeCells",
      sheet: edit.sheet,
      row: action.row,
      column: dueColumn,
      cells: [[{ kind: "date", iso: edit.newDue.iso }]],
    });
  }
  return {
    plan: { title: `Update ${rowLabel(edit)} on '${edit.sheet}' (${updateCell}, ${statusCell})`, ops },
    problems: [],
  };
}
