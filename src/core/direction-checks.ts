/** Check's rules over an action's direction of travel (core/status-history.ts). */
import type { Action } from "./plan-model";
import type { Problem } from "./problem";
import { recentReadings, statusMove } from "./status-history";

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
  const place = (text: string): Omit<Problem, "rule"> => ({
    sheet: action.sheet,
    cell,
    severity: "warning",
    message: `${action.sheet}!${cell}: ${text}`,
  });
  if (now.status === "Red" && last.status === "Red" && before.status === "Red") {
    return {
      ...place(
        `${label(action)} has been Red since ${before.period ?? "the period before last"} (Red at ${before.period ?? ""}, at ${last.period ?? ""} and now): say what will change, or escalate it.`,
      ),
      rule: "direction/red-unchanged",
    };
  }
  if (
    statusMove(last.status, now.status) === "worsened" &&
    statusMove(before.status, last.status) === "worsened"
  ) {
    return {
      ...place(
        `${label(action)} is worse two periods running (${before.status} at ${before.period ?? ""}, ${last.status} at ${last.period ?? ""}, ${now.status} now): say what is being done to turn it round.`,
      ),
      rule: "direction/worsened-twice",
    };
  }
  return null;
}
