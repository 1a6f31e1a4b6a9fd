/** A lead's own update of one action (the task pane's "My actions"), written back to that row only. */
import { cellAddress } from "./cell-address";
import { STATUSES, type Action, type ActionTable, type PlanModel, type Status } from "./plan-model";
import { problem, type Problem } from "./problem";
import type { WorkbookSnapshot } from "./snapshot";
import type { CellWrite, WritePlan } from "./write-plan";

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_TEXT_LENGTH = 32767;

/** What a lead typed for one action. `ref` and `action` identify the row; they are not written. */
export interface LeadEdit {
  readonly sheet: string;
  /** The action's ref as shown when the lead opened it, or null when its table has no ref. */
  readonly ref: string | null;
  /** The action text as shown (finds the row when there is no ref). */
  readonly action: string;
  readonly update: string;
  readonly status: Status;
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

function columnOf(table: ActionTable, role: "update" | "status"): number | null {
  return table.columns.find((c) => c.role === role)?.column ?? null;
}

function textOrBlank(text: string): CellWrite {
  return text === "" ? { kind: "blank" } : { kind: "text", text };
}

/**
 * Whether a status must carry an update (the partnership's rule: Red and Amber say why). The pane's
 * form uses it to mark Update required; planLeadUpdate refuses a write that breaks it.
 *   statusNeedsUpdate("Amber") === true; statusNeedsUpdate("Green") === false
 */
export function statusNeedsUpdate(status: Status | null): boolean {
  return status === "Red" || status === "Amber";
}

/**
 * The write plan for a lead's update: the Update and Status cells of that action's row, and nothing
 * else. `snapshot` and `model` must be read fresh at write time: the row is found again by its ref
 * (or, in a table without refs, by its exact action text), so a row a co-author inserted above since
 * the pane loaded cannot misdirect the write. A missing or duplicated row, a status not in the list,
 * Red or Amber without an update, an update over Excel's 32,767 characters, or a protected sheet
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
  if (statusNeedsUpdate(edit.status) && edit.update.trim() === "") {
    problems.push(problem(edit.sheet, updateCell, "edit/update-needed", { status: edit.status }));
  }
  if (edit.update.length > MAX_CELL_TEXT_LENGTH) {
    problems.push(
      problem(edit.sheet, updateCell, "write/too-long", {
        length: edit.update.length,
        max: MAX_CELL_TEXT_LENGTH,
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
  return {
    plan: {
      title: `Update ${rowLabel(edit)} on '${edit.sheet}' (${updateCell}, ${statusCell})`,
      ops: [
        {
          kind: "writeCells",
          sheet: edit.sheet,
          row: action.row,
          column: updateColumn,
          cells: [[textOrBlank(edit.update)]],
        },
        {
          kind: "writeCells",
          sheet: edit.sheet,
          row: action.row,
          column: statusColumn,
          cells: [[{ kind: "text", text: edit.status }]],
        },
      ],
    },
    problems: [],
  };
}
