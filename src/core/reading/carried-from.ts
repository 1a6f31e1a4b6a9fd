/**
 * A carried action's lineage: the "Carried from" column carry-over writes ("2011-12 / 4"), which status
 * history follows back to give the carried action the history of the one it came from, so its direction
 * of travel continues into the new year.
 */
import type { Action } from "../basics/plan-model";

export const CARRIED_FROM_HEADER = "Carried from";

/** "2011-12 / 4": the source sheet and the action's ref, or its cell address when it has no ref. */
export function carriedFromLabel(action: Action): string {
  return `${action.sheet} / ${action.ref ?? action.cell}`;
}

/** The words of the parent row carry-over writes over renumbered actions ("1 | Carried over from 2011-12"). */
export function carriedOverParentText(source: string): string {
  return `Carried over from ${source}`;
}

/**
 * Whether a parent or section row's text is carry-over's lineage row ("Carried over from 2011-12"): it
 * groups the carried actions under one ref but names no priority, so it gives them no theme.
 */
export function isCarriedOverParentText(text: string): boolean {
  return /^\s*carried over from\s+\S/i.test(text);
}

/**
 * The sheet and ref (or cell) a Carried from label names, the inverse of carriedFromLabel (a sheet name
 * cannot hold "/", so the first " / " splits it), or null for anything else.
 *   parseCarriedFrom("2011-12 / 4.1") → { sheet: "2011-12", ref: "4.1" }
 */
export function parseCarriedFrom(label: string): { readonly sheet: string; readonly ref: string } | null {
  const at = label.indexOf(" / ");
  if (at <= 0) return null;
  const sheet = label.slice(0, at).trim();
  const ref = label.slice(at + 3).trim();
  return sheet === "" || ref === "" ? null : { sheet, ref };
}
