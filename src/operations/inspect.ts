/**
 * Inspect: what the reader finds in the workbook (tables, actions, lead register) and every problem
 * the checks find. It writes nothing: its preview is the whole use case.
 */
import type { PlanModel } from "../core/basics/plan-model";
import { checkPlan } from "../core/checking/check-plan";
import type { ColumnOverride } from "../core/reading/column-mapping";
import { readPlan } from "../core/reading/read-plan";
import type { PlanOperation } from "./run-operation";

export interface InspectDetail {
  readonly model: PlanModel;
}

/** The plan as read, with the reader's and the checks' problems (overdue as of `todayIso`). */
export function inspectOperation(
  todayIso: string,
  overrides: readonly ColumnOverride[] = [],
): PlanOperation<InspectDetail> {
  return (state) => {
    // Column roles given for this read (--column) win over the stored ones and over inference.
    const model =
      overrides.length === 0 ? state.model : readPlan(state.snapshot, { columnOverrides: overrides });
    return { plan: null, problems: checkPlan(model, todayIso), detail: { model } };
  };
}
