/** Lead update: a lead's new status and update written to their action's row only (My actions). */
import { planLeadUpdate, type LeadEdit } from "../core/planning/lead-update";
import type { OperationResult, PlanState } from "./run-operation";

/** What a lead gives for one action; how it is written (on top of the previous update) is the operation's. */
export type LeadUpdateRequest = Omit<LeadEdit, "stackOn">;

/**
 * A lead's update as My actions writes it, wherever it is asked for (the pane, the CLI's `update`): the
 * new words go on top of the previous update, dated `todayIso` ("30/11/2026: Met in May"), which is
 * kept below them; a status changed without new words keeps the update as it is. planLeadUpdate's rules
 * hold (the status from the list; Red, Amber and Complete need words; only that row is written).
 *   leadUpdateOperation({ sheet: "2012-13", ref: "1.2", action: "…", update: "Slipped", status: "Red" }, "2026-11-30")
 */
export function leadUpdateOperation(request: LeadUpdateRequest, todayIso: string) {
  return (state: PlanState): OperationResult<null> => {
    const update = planLeadUpdate(state.snapshot, state.model, { ...request, stackOn: { todayIso } });
    return { plan: update.plan, problems: update.problems, detail: null };
  };
}
