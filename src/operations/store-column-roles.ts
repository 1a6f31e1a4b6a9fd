/**
 * Store column roles: the roles a user chose in the pane's Columns view, written to the Columns table on
 * the Lists sheet (the table apply-schema's --column fills), which every later read honours.
 */
import { type ColumnChoice, columnRolesPlan, readingChanges } from "../core/planning/column-review";
import { readPlan } from "../core/reading/read-plan";
import type { PlanOperation } from "./run-operation";

export interface ColumnRolesDetail {
  /** How the plan will be read once the roles are stored, column by column, in words. */
  readonly changes: readonly string[];
}

/** The operation that stores `choices`; its preview says how the reading of each column changes. */
export function storeColumnRolesOperation(
  choices: readonly ColumnChoice[],
): PlanOperation<ColumnRolesDetail> {
  return (state) => {
    const result = columnRolesPlan(state.snapshot, state.model, choices);
    const after = readPlan(state.snapshot, { columnOverrides: result.overrides });
    return {
      plan: result.plan,
      problems: result.problems,
      detail: { changes: readingChanges(state.model, after) },
    };
  };
}
