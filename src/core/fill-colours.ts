/** Status fill colours: Excel's standard palette, and the colours cells carry. */
import { memoise } from "./memo";
import type { Status } from "./plan-model";

/**
 * Excel's standard and theme fills people use for RAG statuses. Yellow (FFFF00) is commonly used as
 * amber. Greys are "Not started"; white counts as no fill (see isNoFill).
 */
export const STANDARD_STATUS_FILLS: ReadonlyMap<string, Status> = new Map<string, Status>([
  ["#FF0000", "Red"],
  ["#C00000", "Red"],
  ["#FFC000", "Amber"],
  ["#FFFF00", "Amber"],
  ["#00B050", "Green"],
  ["#92D050", "Green"],
  ["#0070C0", "Complete"],
  ["#00B0F0", "Complete"],
  ["#BFBFBF", "Not started"],
  ["#A6A6A6", "Not started"],
  ["#808080", "Not started"],
  ["#7F7F7F", "Not started"],
  ["#C0C0C0", "Not started"],
  ["#D9D9D9", "Not started"],
  ["#D8D8D8", "Not started"],
]);

/** "#ff0000", "FF0000", "FFFF0000" (ARGB) → "#FF0000"; anything else → null. */
export function normaliseFill(fill: string | null | undefined): string | null {
  if (!fill) return null;
  // A workbook has a handful of fills, asked about on every status cell.
  return hexOfOnce(fill);
}

function hexOf(fill: string): string | null {
  const hex = fill.trim().replace(/^#/, "").toUpperCase();
  if (/^[0-9A-F]{8}$/.test(hex)) return `#${hex.slice(2)}`;
  if (/^[0-9A-F]{6}$/.test(hex)) return `#${hex}`;
  return null;
}

const hexOfOnce = memoise(1000, hexOf);

/** A white fill looks like no fill to the reader of the sheet. */
export function isNoFill(fill: string | null): boolean {
  return fill === null || fill === "#FFFFFF";
}
