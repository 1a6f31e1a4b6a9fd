/**
 * What the in-Excel test pane posts to the local report server (report-server.ts): one message per
 * test as it finishes, then one when the run is over. JSON over POST /results.
 */
export const REPORT_PORT = 4201;

export interface TestResultMessage {
  readonly kind: "result";
  readonly name: string;
  readonly passed: boolean;
  /** Why it failed, in words; empty when it passed. */
  readonly detail: string;
  readonly ms: number;
}

export interface RunDoneMessage {
  readonly kind: "done";
  readonly passed: number;
  readonly failed: number;
  /** "Excel on Windows, ExcelApi 1.1–1.20", from the diagnostics. */
  readonly host: string;
}

export type HarnessMessage = TestResultMessage | RunDoneMessage;

/** The message, if `value` is one (the server trusts nothing it is sent). */
export function harnessMessage(value: unknown): HarnessMessage | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.kind === "result" && typeof v.name === "string" && typeof v.passed === "boolean") {
    return {
      kind: "result",
      name: v.name,
      passed: v.passed,
      detail: typeof v.detail === "string" ? v.detail : "",
      ms: typeof v.ms === "number" ? v.ms : 0,
    };
  }
  if (v.kind === "done" && typeof v.passed === "number" && typeof v.failed === "number") {
    return {
      kind: "done",
      passed: v.passed,
      failed: v.failed,
      host: typeof v.host === "string" ? v.host : "",
    };
  }
  return null;
}
