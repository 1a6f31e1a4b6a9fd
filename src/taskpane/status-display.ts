/** How a status is shown: always a word and a letter as well as a colour. */
import type { Status } from "../core/basics/plan-model";
import { statusColour } from "../core/basics/status-colours";

export type StatusTone = "danger" | "warning" | "success" | "brand" | "informative";

export interface StatusDisplay {
  readonly word: string;
  readonly letter: string;
  readonly tone: StatusTone;
}

/** Fluent's badge colours for each status; the word and letter come from the core's palette. */
const TONES: Record<Status, StatusTone> = {
  Red: "danger",
  Amber: "warning",
  Green: "success",
  Complete: "brand",
  "Not started": "informative",
};

// No letter: a dash beside the word would read as a status of its own.
const NO_STATUS: StatusDisplay = { word: "No status", letter: "", tone: "informative" };

export function statusDisplay(status: Status | null): StatusDisplay {
  return status === null
    ? NO_STATUS
    : { word: status, letter: statusColour(status).letter, tone: TONES[status] };
}
