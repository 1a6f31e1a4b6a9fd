import { Badge } from "@fluentui/react-components";
import type { Status } from "../../core/basics/plan-model";
import { statusDisplay } from "../status-display";

export interface StatusBadgeProps {
  readonly status: Status | null;
  /** The status was only guessed from the cell's fill colour (Action.statusGuessed). */
  readonly guessed?: boolean;
}

/**
 * A status as colour, letter and word together, so colour is never the only signal. A status only
 * guessed from a fill colour is a question ("Complete?") in the neutral colour, with no letter: it is
 * not known for certain, and the badge says so on hover.
 */
export function StatusBadge({ status, guessed = false }: StatusBadgeProps) {
  if (guessed && status !== null) {
    return (
      <Badge
        appearance="outline"
        color="informative"
        shape="rounded"
        data-status="guessed"
        title={`Only the cell's colour suggests ${status}: the status is not known for certain.`}
      >
        {status}?
      </Badge>
    );
  }
  const display = statusDisplay(status);
  return (
    <Badge appearance="tint" color={display.tone} shape="rounded" data-status={display.word}>
      {display.letter !== "" ? <span aria-hidden="true">{display.letter}&nbsp;·&nbsp;</span> : null}
      {display.word}
    </Badge>
  );
}
