/**
 * The status palette, in one place: the word, its letter, the fill and font colour the conditional
 * formats give it, and what it means (UK public-sector RAG, with Blue for Complete and Grey for Not
 * started). Used by the table's conditional formats, the Lists sheet's Statuses table and the summary.
 */
import { STATUSES, type Status } from "./plan-model";

export interface StatusColour {
  readonly status: Status;
  /** Shown beside the colour, so colour is never the only signal ("R", "A", "G", "C", "N"). */
  readonly letter: string;
  /** The colour's name as a person says it ("Red", "Blue"). */
  readonly colourName: string;
  /** Cell fill, "#RRGGBB". */
  readonly fill: string;
  /** Font colour readable on `fill` (contrast ≥ 4.5:1), "#RRGGBB". */
  readonly fontColor: string;
  /** What the status means, in the partnership's words. */
  readonly meaning: string;
}

export const STATUS_COLOURS: readonly StatusColour[] = [
  {
    status: "Red",
    letter: "R",
    colourName: "Red",
    fill: "#C00000",
    fontColor: "#FFFFFF",
    meaning: "Will not be delivered or significant problems: needs an explanation and a recovery action",
  },
  {
    status: "Amber",
    letter: "A",
    colourName: "Amber",
    fill: "#FFC000",
    fontColor: "#000000",
    meaning: "At risk or some slippage: needs attention and closer monitoring",
  },
  {
    status: "Green",
    letter: "G",
    colourName: "Green",
    fill: "#00B050",
    fontColor: "#000000",
    meaning: "On track",
  },
  {
    status: "Complete",
    letter: "C",
    colourName: "Blue",
    fill: "#0070C0",
    fontColor: "#FFFFFF",
    meaning: "Done and signed off",
  },
  {
    status: "Not started",
    letter: "N",
    colourName: "Grey",
    fill: "#D9D9D9",
    fontColor: "#000000",
    meaning: "Not started yet (usually left out of RAG percentages)",
  },
];

/** statusColour("Amber").fill === "#FFC000". Every Status has an entry. */
export function statusColour(status: Status): StatusColour {
  const found = STATUS_COLOURS.find((c) => c.status === status);
  if (!found) throw new Error(`No colour for status ${status}`);
  return found;
}

/** Statuses in the order the Lists sheet and the summary show them. */
export const STATUS_ORDER: readonly Status[] = STATUSES;

/** Highlight for an Update cell that should have words (Red, Amber or Complete with no update). */
export const MISSING_UPDATE_FILL = "#FFEB9C";
export const MISSING_UPDATE_FONT = "#9C5700";

/** Highlight for a Due date that has passed on an action not Complete. */
export const OVERDUE_FILL = "#FFC7CE";
export const OVERDUE_FONT = "#9C0006";
