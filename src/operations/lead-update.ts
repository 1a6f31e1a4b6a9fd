/** Lead update: a lead's new status and update written to their action's row only (My actions). */
import { planLeadUpdate, type LeadEdit } from "../core/planning/lead-update";
import type { OperationResult, PlanState } from "./run-operation";

export function leadUpdateOperation(edit: LeadEdit) {
  return (state: PlanState): OperationResult<null> => {
    const update = planLeadUpdate(state.snapshot, state.model, edit);
    return { plan: update.plan, problems: update.problems, detail: null };
  };
}
