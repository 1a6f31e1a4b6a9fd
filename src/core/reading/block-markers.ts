/**
 * Labels that open a block which is not part of an action table: a legend of lead codes
 * ("ACTION POINT LEADS:"), a colour key ("Key:"), a "THEMATIC LEAD:" line. An action table ends at one.
 */
import { foldText } from "../basics/cell-text";

export type BlockKind = "lead-legend" | "status-key" | "thematic-lead";

const LEAD_LEGEND_LABELS: ReadonlySet<string> = new Set([
  "action point leads",
  "action leads",
  "leads",
  "key to leads",
  "lead key",
  "leads key",
  "key to lead codes",
  "lead codes",
]);
const STATUS_KEY_LABELS: ReadonlySet<string> = new Set([
  "key",
  "colour key",
  "color key",
  "status key",
  "rag key",
  "brag key",
  "key to status",
  "key to statuses",
  "key to rag",
  "key to rag status",
]);

export interface BlockMarker {
  readonly kind: BlockKind;
  /** Text after the label's colon in the same cell ("MW – Mick Williams, CS – …"), trimmed. */
  readonly rest: string;
}

/**
 * What block a row's first cell opens, or null. blockMarker("ACTION POINT LEADS:") →
 * { kind: "lead-legend", rest: "" }; blockMarker("Key") → { kind: "status-key", rest: "" }.
 */
export function blockMarker(firstCellText: string): BlockMarker | null {
  if (firstCellText.length > 2000) return null;
  // No label starts with a digit; the refs that open most rows do.
  const first = firstCellText.charCodeAt(0);
  if (first >= 48 && first <= 57) return null;
  const colon = firstCellText.indexOf(":");
  const label = foldText(colon >= 0 ? firstCellText.slice(0, colon) : firstCellText);
  const rest = colon >= 0 ? firstCellText.slice(colon + 1).trim() : "";
  if (label.startsWith("thematic lead")) return { kind: "thematic-lead", rest };
  // A bare "Leads" is also a lead column's header: only "Leads:" opens a legend.
  if (LEAD_LEGEND_LABELS.has(label) && (colon >= 0 || label.includes(" "))) {
    return { kind: "lead-legend", rest };
  }
  if (STATUS_KEY_LABELS.has(label) && rest === "") return { kind: "status-key", rest };
  return null;
}
