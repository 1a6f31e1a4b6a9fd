/** The quality checks an analyst runs each quarter, over a plan model. */
import {
  knownStatus,
  type Action,
  type ActionTable,
  type ColumnRole,
  type PlanModel,
} from "../basics/plan-model";
import { problem, type Problem } from "../basics/problem";
import { cellAddress } from "../basics/cell-address";
import { leadParts } from "../reading/lead-register";
import { isoToUkDate } from "../basics/excel-dates";
import { foldText } from "../basics/cell-text";
import { PREVIOUS_UPDATE_HEADER } from "../planning/carry-over";
import { directionProblem } from "./direction-checks";

/** A lead part that looks like a register code rather than a name: "XY", "YOS", "DAAT2". */
const CODE_LIKE = /^[A-Z][A-Z0-9]{0,5}$/;

function columnCell(table: ActionTable | undefined, action: Action, role: ColumnRole): string {
  const column = table?.columns.find((c) => c.role === role)?.column;
  return column === undefined ? action.cell : cellAddress(action.row, column);
}

function label(action: Action): string {
  return action.ref !== null ? `action ${action.ref}` : "this action";
}

/**
 * The plan's problems: what the reader found (model.problems) plus the checks: status/missing and
 * lead/missing (a blank cell in the table's column; status/no-column and lead/no-column once per
 * table without one), status/invalid, update/missing (Red, Amber or Complete with no update; a
 * carried action whose only update is last period's counts once per sheet as update/awaiting-first),
 * lead/unknown (a code-like lead not in the
 * register, in a table that uses codes), ref/duplicate (same ref twice on a sheet), ref/missing (blank
 * ref in a table with a ref column), due/overdue (due before today and not Complete; a due date typed
 * as text counts when it names a day for certain) and due/not-a-date (a due text naming no day), and the direction
 * of travel's direction/worsened-twice and direction/red-unchanged (direction-checks.ts).
 *   checkPlan(readPlan(snapshot), "2024-04-01") → [{ rule: "update/missing", cell: "D12", … }, …]
 */
export function checkPlan(model: PlanModel, todayIso: string): Problem[] {
  const problems: Problem[] = [...model.problems];
  const seen = new Set(problems.map((p) => `${p.sheet}\u0000${p.cell}\u0000${p.rule}`));
  const add = (p: Problem): void => {
    const key = `${p.sheet}\u0000${p.cell}\u0000${p.rule}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push(p);
  };
  const tables = new Map(model.tables.map((t) => [t.id, t]));
  const codes = new Set(model.leadRegister.map((l) => l.code.toUpperCase()));
  const tablesUsingCodes = new Set(
    model.actions
      .filter((a) => a.leads.length > 0 && a.leads.every((l) => codes.has(l.toUpperCase())))
      .map((a) => a.tableId),
  );
  const firstRefOnSheet = new Map<string, Action>();

  // Carried actions whose only explanation is last year's update, per sheet: one line, not one each.
  const awaitingFirstUpdate = new Map<string, Action[]>();
  // A table without a status or lead column gets one problem at its header, not one per action.
  for (const table of model.tables) {
    for (const role of ["status", "lead"] as const) {
      if (table.columns.some((c) => c.role === role)) continue;
      // Statuses kept only as fill colours have no status column, but they are statuses all the same.
      if (role === "status" && table.statusSource !== "none") continue;
      if (!model.actions.some((a) => a.tableId === table.id)) continue;
      const cell = cellAddress(table.headerRow, table.range.left);
      add(problem(table.sheet, cell, role === "status" ? "status/no-column" : "lead/no-column"));
    }
  }

  for (const action of model.actions) {
    const table = tables.get(action.tableId);
    const hasColumn = (role: ColumnRole): boolean => table?.columns.some((c) => c.role === role) ?? false;

    if (action.statusText === null && action.status === null && hasColumn("status")) {
      add(
        problem(action.sheet, columnCell(table, action, "status"), "status/missing", {
          action: label(action),
        }),
      );
    }

    if (action.lead === null && hasColumn("lead")) {
      add(
        problem(action.sheet, columnCell(table, action, "lead"), "lead/missing", { action: label(action) }),
      );
    }

    if (action.statusText !== null && action.status === null) {
      add(
        problem(action.sheet, columnCell(table, action, "status"), "status/invalid", {
          typed: action.statusText,
        }),
      );
    }

    // A status only guessed from a fill colour asks for nothing a status asks for (status/fill-guessed
    // says it is a guess); an action not known to be Complete can be overdue.
    const status = knownStatus(action);
    const needsUpdate =
      (status === "Red" || status === "Amber" || status === "Complete") && action.update.trim() === "";
    if (needsUpdate && previousUpdateOf(action) !== "") {
      const list = awaitingFirstUpdate.get(action.sheet) ?? [];
      list.push(action);
      awaitingFirstUpdate.set(action.sheet, list);
    } else if (needsUpdate) {
      const hasUpdateColumn = table?.columns.some((c) => c.role === "update") ?? false;
      add(
        problem(action.sheet, columnCell(table, action, "update"), "update/missing", {
          action: label(action),
          status,
          hasUpdateColumn,
        }),
      );
    }

    // A lead the register holds as it stands ("A&E", put there by Apply schema) is known, whatever
    // separators it has; only otherwise is it taken apart to find the code that is not.
    const registered = action.leads.length > 0 && action.leads.every((l) => codes.has(l.toUpperCase()));
    if (codes.size > 0 && action.lead !== null && !registered && tablesUsingCodes.has(action.tableId)) {
      const parts = leadParts(action.lead);
      const unknown = parts.filter((p) => !codes.has(p.toUpperCase()));
      if (unknown.length > 0 && parts.every((p) => CODE_LIKE.test(p))) {
        const cell = columnCell(table, action, "lead");
        add(problem(action.sheet, cell, "lead/unknown", { leads: unknown.map((u) => `'${u}'`) }));
      }
    }

    if (action.ref !== null) {
      const key = `${action.sheet}\u0000${action.ref}`;
      const first = firstRefOnSheet.get(key);
      if (first) {
        add(
          problem(action.sheet, columnCell(table, action, "ref"), "ref/duplicate", {
            ref: action.ref,
            firstCell: columnCell(tables.get(first.tableId), first, "ref"),
          }),
        );
      } else {
        firstRefOnSheet.set(key, action);
      }
    } else if (table?.columns.some((c) => c.role === "ref")) {
      add(problem(action.sheet, columnCell(table, action, "ref"), "ref/missing"));
    }

    const direction = directionProblem(action, columnCell(table, action, "status"));
    if (direction !== null) add(direction);

    // A due date typed as text counts when it names a day for certain (Action.dueDate); one that
    // does not ("Ongoing", "Q4") is said once, on its cell, for an action still to be done.
    if (status !== "Complete" && action.dueDate !== null && action.dueDate < todayIso) {
      add(
        problem(action.sheet, columnCell(table, action, "due"), "due/overdue", {
          action: label(action),
          due: isoToUkDate(action.dueDate),
          typed: action.due === action.dueDate ? null : action.due,
        }),
      );
    } else if (status !== "Complete" && action.due !== null && action.dueDate === null) {
      add(problem(action.sheet, columnCell(table, action, "due"), "due/not-a-date", { typed: action.due }));
    }
  }
  for (const [sheet, carried] of awaitingFirstUpdate) {
    const first = carried[0]!;
    const cell = columnCell(tables.get(first.tableId), first, "update");
    add(
      problem(sheet, cell, "update/awaiting-first", {
        count: carried.length,
        refs: carried.map((a) => a.ref ?? a.cell),
      }),
    );
  }
  return problems;
}

/** The "Previous update" a carry-over wrote beside a carried action, or "" when it has none. */
function previousUpdateOf(action: Action): string {
  const key = Object.keys(action.extra).find((h) => foldText(h) === foldText(PREVIOUS_UPDATE_HEADER));
  return key === undefined ? "" : (action.extra[key] ?? "").trim();
}
