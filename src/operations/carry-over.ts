/**
 * Carry over: the source sheet's outstanding actions copied to the new year's sheet. Actions the user
 * unticked are named by identity (core/carry-over.ts actionIdentity: ref, else action text), so a row
 * inserted between preview and apply cannot change which action is left out.
 */
import type { Action } from "../core/plan-model";
import { planCarryOver, type CarryOverOptions } from "../core/carry-over";
import type { OperationResult, PlanState } from "./run-operation";

export interface CarryOverDetail {
  readonly targetSheet: string;
  readonly carried: readonly Action[];
  readonly alreadyThere: readonly Action[];
}

export function carryOverOperation(options: CarryOverOptions) {
  return (state: PlanState): OperationResult<CarryOverDetail> => {
    const carry = planCarryOver(state.snapshot, state.model, options);
    return {
      plan: carry.carried.length > 0 ? carry.plan : null,
      problems: carry.problems,
      detail: { targetSheet: carry.targetSheet, carried: carry.carried, alreadyThere: carry.alreadyThere },
    };
  };
}
