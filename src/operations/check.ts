/**
 * Check: every problem in the plan (invalid status, missing update, unknown lead, duplicate or
 * missing ref, overdue), each with its sheet and cell. It writes nothing.
 */
import type { Problem } from "../core/basics/problem";
import { checkPlan } from "../core/checking/check-plan";
import type { PlanOperation, PlanState } from "./run-operation";

export interface CheckDetail {
  readonly errors: number;
  readonly warnings: number;
}

/** The problems of the plan as read, overdue as of `todayIso`. */
export function checkProblems(state: PlanState, todayIso: string): Problem[] {
  return checkPlan(state.model, todayIso);
}

export function checkOperation(todayIso: string): PlanOperation<CheckDetail> {
  return (state) => {
    const problems = checkProblems(state, todayIso);
    return {
      plan: null,
      problems,
      detail: {
        errors: problems.filter((p) => p.severity === "error").length,
        warnings: problems.filter((p) => p.severity === "warning").length,
      },
    };
  };
}
