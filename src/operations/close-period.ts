/** Close the period: record every action's status and update under a label in the Status history sheet. */
import { planClosePeriod, type ClosePeriodOptions } from "../core/planning/close-period";
import type { OperationResult, PlanState } from "./run-operation";

export interface ClosePeriodDetail {
  /** The label as recorded (trimmed). */
  readonly label: string;
  readonly recorded: number;
  /** Rows of an earlier close of the same label that are replaced. */
  readonly replaced: number;
}

export function closePeriodOperation(options: ClosePeriodOptions) {
  return (state: PlanState): OperationResult<ClosePeriodDetail> => {
    const close = planClosePeriod(state.snapshot, state.model, options);
    return {
      plan: close.plan,
      problems: close.problems,
      detail: { label: close.label, recorded: close.recorded, replaced: close.replaced },
    };
  };
}
