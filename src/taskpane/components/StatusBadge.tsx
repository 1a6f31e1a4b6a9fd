import { Badge } from "@fluentui/react-components";
import type { Status } from "../../core/basics/plan-model";
import { statusDisplay } from "../status-display";

export interface StatusBadgeProps {
  readonly status: Status | null;
}

/** A status as colour, letter and word together, so colour is never the only signal. */
export function StatusBadge({ status }: StatusBadgeProps) {
  const display = statusDisplay(status);
  return (
    <Badge appearance="tint" color={display.tone} shape="rounded" data-status={display.word}>
      {display.letter !== "" ? <span aria-hidden="true">{display.letter}&nbsp;·&nbsp;</span> : null}
      {display.word}
    </Badge>
  );
}
