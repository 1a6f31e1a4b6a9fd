/**
 * Carry over: the source sheet's outstanding actions copied to the new year's sheet. Actions the user
 * unticked are named by identity (core/planning/carry-over.ts actionIdentity: ref, else action text), so a row
 * inserted between preview and apply cannot change which action is left out.
 */
import type { Action } from "../core/basics/plan-model";
import { planCarryOver, type CarryOverOptions, type CarryOverPlan } from "../core/planning/carry-over";
import type { OperationResult, PlanState } from "./run-operation";

export interface CarryOverDetail {
  readonly targetSheet: string;
  readonly carried: readonly Action[];
  readonly alreadyThere: readonly Action[];
  /** Each source sheet and the new sheet its actions go to (a whole period carries in one step). */
  readonly sheets: CarryOverPlan["sheets"];
  /** Carried actions whose status is not in the list (TBC): kept and flagged, or cleared, as chosen. */
  readonly unlistedStatus: readonly Action[];
  /** Carried actions whose due date has passed: kept, rolled on a year, or cleared, as chosen. */
  readonly pastDue: readonly Action[];
}

export function carryOverOperation(options: CarryOverOptions) {
  return (state: PlanState): OperationResult<CarryOverDetail> => {
    const carry = planCarryOver(state.snapshot, state.model, options);
    return {
      plan: carry.carried.length > 0 ? carry.plan : null,
      problems: carry.problems,
      detail: {
        targetSheet: carry.targetSheet,
        carried: carry.carried,
        alreadyThere: carry.alreadyThere,
        sheets: carry.sheets,
        unlistedStatus: carry.unlistedStatus,
        pastDue: carry.pastDue,
      },
    };
  };
}
