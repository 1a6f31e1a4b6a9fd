/** Apply schema: each action table becomes an Excel table, with the Lists sheet, validation and formats. */
import { planApplySchema } from "../core/planning/apply-schema";
import type { ColumnOverride } from "../core/reading/column-mapping";
import { readPlan } from "../core/reading/read-plan";
import type { OperationResult, PlanOperation, PlanState } from "./run-operation";

export interface SchemaDetail {
  readonly alreadyApplied: boolean;
}

/**
 * Apply schema with column roles the user confirmed (the CLI's --column, the pane's Columns view):
 * the plan is read with them, and they are stored in the workbook's Columns table for every later read.
 */
export function schemaOperationWith(overrides: readonly ColumnOverride[]): PlanOperation<SchemaDetail> {
  return (state) => {
    const model =
      overrides.length === 0 ? state.model : readPlan(state.snapshot, { columnOverrides: overrides });
    const schema = planApplySchema(state.snapshot, model, overrides);
    return {
      plan: schema.alreadyApplied ? null : schema.plan,
      problems: schema.problems,
      detail: { alreadyApplied: schema.alreadyApplied },
    };
  };
}

export const schemaOperation: (state: PlanState) => OperationResult<SchemaDetail> = schemaOperationWith([]);
