/** Apply schema: each action table becomes an Excel table, with the Lists sheet, validation and formats. */
import { planApplySchema } from "../core/apply-schema";
import type { OperationResult, PlanState } from "./run-operation";

export interface SchemaDetail {
  readonly alreadyApplied: boolean;
}

export function schemaOperation(state: PlanState): OperationResult<SchemaDetail> {
  const schema = planApplySchema(state.snapshot, state.model);
  return {
    plan: schema.alreadyApplied ? null : schema.plan,
    problems: schema.problems,
    detail: { alreadyApplied: schema.alreadyApplied },
  };
}
