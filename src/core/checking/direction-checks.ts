/** Check's rules over an action's direction of travel (core/reading/status-history.ts). */
import type { Action } from "../basics/plan-model";
import { problem, type Problem } from "../basics/problem";
import { recentReadings, statusMove } from "../reading/status-history";

function label(action: Action): string {
  return action.ref !== null ? `action ${action.ref}` : "this action";
}

/**
 * The direction problem of one action, at `cell` (its status cell), or null:
 * - direction/worsened-twice: worse now than at the last period, which was worse than the one before;
 * - direction/red-unchanged: Red now and at each of the last two periods.
 *   directionProblem(action with Green → Amber → Red, "E5") → { rule: "direction/worsened-twice", … }
 */
export function directionProblem(action: Action, cell: string): Problem | null {
  const [now, last, before] = recentReadings(action);
  if (now === undefined || last === undefined || before === undefined) return null;
  if (now.status === "Red" && last.status === "Red" && before.status === "Red") {
    return problem(action.sheet, cell, "direction/red-unchanged", {
      action: label(action),
      before: before.period,
      last: last.period,
    });
  }
  if (
    statusMove(last.status, now.status) === "worsened" &&
    statusMove(before.status, last.status) === "worsened"
  ) {
    return problem(action.sheet, cell, "direction/worsened-twice", {
      action: label(action),
      before,
      last,
      now: now.status,
    });
  }
  return null;
}
