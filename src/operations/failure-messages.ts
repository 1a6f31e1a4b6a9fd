/**
 * Turns what went wrong in an operation into words for the pane and the ribbon: what happened, and
 * what to do about it. Hosts throw errors with stable codes (src/excel/host-errors.ts); only the
 * code is read here, so no entry point needs the adapter to describe its failures.
 */

export interface Failure {
  /** What happened, in one line. */
  readonly title: string;
  /** What to do next. */
  readonly whatToDo: string;
  /** Whether trying the same thing again may work (the pane then offers Retry). */
  readonly retryable: boolean;
}

function errorCode(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : null;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : "an unexpected error occurred.";
}

function capitalise(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The message for a failed operation. Host errors (src/excel/host-errors.ts) carry stable codes;
 * codes rather than class names are compared, since minified builds rename classes. Excel refuses
 * calls while a cell is being edited (InvalidOperationInCellEditMode → host/busy): the user only has
 * to finish the edit and retry.
 */
export function describeFailure(error: unknown, doing: string): Failure {
  const code = errorCode(error);
  if (code === "host/busy" || code === "InvalidOperationInCellEditMode") {
    return {
      title: `Excel is busy, so ${doing} did not happen.`,
      whatToDo: "Finish editing the cell (press Enter or Esc), then choose Retry.",
      retryable: true,
    };
  }
  if (code === "host/protected-sheet") {
    return {
      title: `${capitalise(doing)} stopped: a sheet is protected.`,
      whatToDo: errorText(error),
      retryable: true,
    };
  }
  if (code === "host/payload-too-large") {
    return {
      title: `${capitalise(doing)} was too large for Excel.`,
      whatToDo: errorText(error),
      retryable: false,
    };
  }
  if (code === "host/unsupported-version") {
    return { title: "This version of Excel is too old.", whatToDo: errorText(error), retryable: false };
  }
  return {
    title: `${capitalise(doing)} failed: ${errorText(error)}`,
    whatToDo:
      "Choose Retry. If it keeps failing, close and reopen the pane, and check the workbook before trying again.",
    retryable: true,
  };
}
