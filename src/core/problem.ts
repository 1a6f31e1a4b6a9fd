/**
 * What the user's workbook can cause is a value, not an exception: a Problem names the sheet and
 * cell, the rule broken, and says in plain English what is wrong and what to do.
 *
 * Rule ids are "area/what", e.g. "status/invalid", "update/missing", "lead/unknown",
 * "ref/duplicate", "ref/missing", "due/overdue", "table/none-found", "cell/error-value",
 * "write/protected-sheet", "write/too-long".
 */
export type Severity = "error" | "warning" | "info";

export interface Problem {
  readonly sheet: string;
  /** A1 address ("E12"); "" only when the problem is about the whole workbook. */
  readonly cell: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
}
