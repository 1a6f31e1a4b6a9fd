/**
 * What only the host can cause, as typed errors with stable codes and the words the pane shows.
 * (What the user's workbook can cause is a Problem value, never one of these.)
 */

export type HostErrorCode =
  | "host/busy"
  | "host/protected-sheet"
  | "host/payload-too-large"
  | "host/unsupported-version"
  | "host/undo-not-supported"
  | "host/structure-protected";

export abstract class HostError extends Error {
  abstract readonly code: HostErrorCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export const BUSY_MESSAGE =
  "Excel is busy while a cell is being edited: press Enter or Esc to finish the edit, then try again.";

/**
 * The base of a host error whose words never vary: its code and message, given once. The subclass
 * keeps its own name (HostError takes it from `new.target`), so `instanceof` and logs read as before.
 */
function fixedHostError<C extends HostErrorCode>(code: C, message: string) {
  return class extends HostError {
    readonly code: C = code;
    constructor(options?: { cause?: unknown }) {
      super(message, options);
    }
  };
}

/** Excel refused the request because the user is editing a cell (InvalidOperationInCellEditMode). */
export class HostBusyError extends fixedHostError("host/busy", BUSY_MESSAGE) {}

/**
 * A write reached a protected sheet. `sheet` is null when Excel rejected the write without saying
 * which sheet (it was protected after the add-in last read the workbook); `partial` is true then,
 * because Excel keeps the writes it made earlier in the same request.
 */
export class ProtectedSheetError extends HostError {
  readonly code = "host/protected-sheet";
  constructor(
    readonly sheet: string | null,
    readonly partial: boolean,
    options?: { cause?: unknown },
  ) {
    super(
      sheet !== null
        ? `The sheet '${sheet}' is protected, so nothing was changed. Unprotect it (Review › Unprotect Sheet) or ask its owner to, then try again.`
        : "A sheet this change writes to is protected, so Excel stopped part-way: some changes may have been made. Unprotect the sheet (Review › Unprotect Sheet), then run the command again.",
      options,
    );
  }
}

/** Even a single row was more than Excel on the web accepts in one request or response (5 MB). */
export class PayloadTooLargeError extends fixedHostError(
  "host/payload-too-large",
  "Part of this workbook is too large for Excel on the web to send in one request (5 MB), even a row at a time. Open the workbook in Excel desktop and try again.",
) {}

/**
 * Excel refused a call inside the command's undo group: "If an API within the group doesn't offer
 * undo support, the UndoNotSupported error is thrown ... Your add-in should gracefully handle this
 * error and present a reasonable message to the user" (learn.microsoft.com, "Undo capabilities with
 * the Excel JavaScript API"). The add-in keeps such calls out of the group; this is the safety net.
 */
export class UndoNotSupportedError extends fixedHostError(
  "host/undo-not-supported",
  "Excel could not make this change as one undo step, so it stopped part-way: some changes may have been made. Check the workbook (Undo removes what was written), then run the command again.",
) {}

/** The workbook's structure is protected, so the sheets the change adds cannot be made. */
export class StructureProtectedError extends HostError {
  readonly code = "host/structure-protected";
  constructor(readonly sheets: readonly string[]) {
    super(
      `This change adds ${sheets.map((s) => `'${s}'`).join(", ")}, but the workbook's structure is protected, so nothing was changed. Unprotect it (Review › Protect Workbook) or ask its owner to, then try again.`,
    );
  }
}

export class UnsupportedHostError extends fixedHostError(
  "host/unsupported-version",
  "This version of Excel is too old for the add-in (it needs ExcelApi 1.8: Excel 2019 or later, Microsoft 365 or Excel on the web).",
) {}

/** The Office error code ("InvalidOperationInCellEditMode", "AccessDenied"…) of a thrown value, or null. */
export function officeErrorCode(error: unknown): string | null {
  if (typeof error !== "object" || error === null || !("code" in error)) return null;
  const code = error.code;
  return typeof code === "string" ? code : null;
}

const PAYLOAD_CODES = new Set(["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded"]);

/** Whether Excel refused a request or response for passing its payload limit. */
export function isPayloadLimitError(error: unknown): boolean {
  const code = officeErrorCode(error);
  return code !== null && PAYLOAD_CODES.has(code);
}

/**
 * Some Excel builds refuse a request during cell edit with the plain code "InvalidOperation" (issue
 * 18 item 13); the message still speaks of the edit, which tells it from other invalid operations.
 */
function isCellEditInvalidOperation(error: unknown): boolean {
  if (officeErrorCode(error) !== "InvalidOperation") return false;
  const message = error instanceof Error ? error.message : "";
  return /cell[- ]?edit|editing mode|edit mode/i.test(message);
}

/** Maps an Office error to the typed HostError it stands for; anything else is returned unchanged. */
export function toHostError(error: unknown): unknown {
  if (error instanceof HostError) return error;
  const code = officeErrorCode(error);
  if (code === "InvalidOperationInCellEditMode" || isCellEditInvalidOperation(error))
    return new HostBusyError({ cause: error });
  if (code === "UndoNotSupported") return new UndoNotSupportedError({ cause: error });
  if (code === "AccessDenied") return new ProtectedSheetError(null, true, { cause: error });
  if (code !== null && PAYLOAD_CODES.has(code)) return new PayloadTooLargeError({ cause: error });
  return error;
}

/**
 * Runs `run`; while it fails because the user is editing a cell, asks `waitForUser` (the pane shows
 * BUSY_MESSAGE with Retry and Cancel) and runs it again when that resolves true. Other errors, and
 * the busy error once the user cancels, are thrown as they are.
 *   await withCellEditRetry(() => host.applyWritePlan(plan), (e) => askToFinishEdit(e.message));
 */
export async function withCellEditRetry<T>(
  run: () => Promise<T>,
  waitForUser: (error: HostBusyError) => Promise<boolean>,
): Promise<T> {
  for (;;) {
    try {
      return await run();
    } catch (error) {
      const mapped = toHostError(error);
      if (!(mapped instanceof HostBusyError)) throw error;
      if (!(await waitForUser(mapped))) throw mapped;
    }
  }
}
