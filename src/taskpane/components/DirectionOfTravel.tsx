import { Caption1 } from "@fluentui/react-components";
import type { Action } from "../../core/basics/plan-model";
import { directionWords } from "../../core/reading/status-history";

export interface DirectionOfTravelProps {
  readonly action: Pick<Action, "status" | "direction" | "history">;
}

/** "↓ worse than Q1": an action's direction of travel in words as well as an arrow; nothing when it has none. */
export function DirectionOfTravel({ action }: DirectionOfTravelProps) {
  const shown = directionWords(action);
  if (shown === null) return null;
  return (
    <Caption1 data-direction={action.direction ?? undefined}>
      <span aria-hidden="true">{shown.arrow}</span> {shown.words}
    </Caption1>
  );
}
