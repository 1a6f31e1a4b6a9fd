/** The quality checks an analyst runs each quarter, over a plan model. */
import type { Action, ActionTable, ColumnRole, PlanModel } from "./plan-model";
import { problem, type Problem } from "./problem";
import { cellAddress } from "./cell-address";
import { leadParts } from "./lead-register";
import { isoToUkDate } from "./excel-dates";

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
 * The plan's problems: what the reader found (model.problems) plus the checks: status/invalid,
 * update/missing (Red, Amber or Complete with no update), lead/unknown (a code-like lead not in the
 * register, in a table that uses codes), ref/duplicate (same ref twice on a sheet), ref/missing (blank
 * ref in a table with a ref column) and due/overdue (due before today and not Complete).
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

  for (const action of model.actions) {
    const table = tables.get(action.tableId);

    if (action.statusText !== null && action.status === null) {
      add(
        problem(action.sheet, columnCell(table, action, "status"), "status/invalid", {
          typed: action.statusText,
        }),
      );
    }

    if (
      (action.status === "Red" || action.status === "Amber" || action.status === "Complete") &&
      action.update.trim() === ""
    ) {
      const hasUpdateColumn = table?.columns.some((c) => c.role === "update") ?? false;
      add(
        problem(action.sheet, columnCell(table, action, "update"), "update/missing", {
          action: label(action),
          status: action.status,
          hasUpdateColumn,
        }),
      );
    }

    if (codes.size > 0 && action.lead !== null && tablesUsingCodes.has(action.tableId)) {
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

    if (action.due !== null && /^\d{4}-\d{2}-\d{2}$/.test(action.due) && action.due < todayIso) {
      if (action.status !== "Complete") {
        add(
          problem(action.sheet, columnCell(table, action, "due"), "due/overdue", {
            action: label(action),
            due: isoToUkDate(action.due),
          }),
        );
      }
    }
  }
  return problems;
}
