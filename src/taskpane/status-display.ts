/** How a status is shown: always a word and a letter as well as a colour. */
import type { Status } from "../core/plan-model";

export type StatusTone = "danger" | "warning" | "success" | "brand" | "informative";

export interface StatusDisplay {
  readonly word: string;
  readonly letter: string;
  readonly tone: StatusTone;
}

const DISPLAYS: Record<Status, StatusDisplay> = {
  Red: { word: "Red", letter: "R", tone: "danger" },
  Amber: { word: "Amber", letter: "A", tone: "warning" },
  Green: { word: "Green", letter: "G", tone: "success" },
  Complete: { word: "Complete", letter: "C", tone: "brand" },
  "Not started": { word: "Not started", letter: "N", tone: "informative" },
};

// No letter: a dash beside the word would read as a status of its own.
const NO_STATUS: StatusDisplay = { word: "No status", letter: "", tone: "informative" };

export function statusDisplay(status: Status | null): StatusDisplay {
  return status === null ? NO_STATUS : DISPLAYS[status];
}

/** Red and Amber must say why (the partnership's rule); the form and the core both hold to it. */
export function statusNeedsUpdate(status: Status | null): boolean {
  return status === "Red" || status === "Amber";
}
