/** Dates in the pane are shown the UK way. */
import { isoToUkDate } from "../core/excel-dates";

/** formatDate("2012-03-31") === "31/03/2012"; text that is not an ISO date is returned as it is. */
export function formatDate(value: string | null): string {
  return value === null ? "" : isoToUkDate(value);
}

/** The local calendar date as yyyy-mm-dd: the "today" the core is given. */
export function localIsoDate(date: Date): string {
  const y = String(date.getFullYear()).padStart(4, "0");
  const m = String(date.getMonth() + 1).padStart(2, "0");
  const d = String(date.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}
