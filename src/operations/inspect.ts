/**
 * Inspect: what the reader finds in the workbook (tables, actions, lead register) and every problem
 * the checks find. It writes nothing: its preview is the whole use case.
 */
import type { PlanModel } from "../core/plan-model";
import { checkPlan } from "../core/check-plan";
import type { PlanOperation } from "./run-operation";

export interface InspectDetail {
  readonly model: PlanModel;
}

/** The plan as read, with the reader's and the checks' problems (overdue as of `todayIso`). */
export function inspectOperation(todayIso: string): PlanOperation<InspectDetail> {
  return (state) => ({
    plan: null,
    problems: checkPlan(state.model, todayIso),
    detail: { model: state.model },
  });
}
