/** Dates in the pane are shown the UK way. */
import { isoToUkDate } from "../core/basics/excel-dates";

/** formatDate("2012-03-31") === "31/03/2012"; text that is not an ISO date is returned as it is. */
export function formatDate(value: string | null): string {
  return value === null ? "" : isoToUkDate(value);
}
