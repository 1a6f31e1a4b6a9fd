/**
 * "About this Excel": what the pane's diagnostics view shows and copies for a support email — the
 * host, the platform, the ExcelApi requirement sets present, and what the last write's verify round
 * trip found. Nothing leaves the machine unless the user pastes it somewhere.
 */
import type { HostDiagnostics, LastVerification } from "../core/basics/host-diagnostics";
import { excelApiSupported, excelPlatform } from "./api-support";

export type { HostDiagnostics, LastVerification } from "../core/basics/host-diagnostics";
export { PLATFORM_WORDS, diagnosticsText } from "../core/basics/host-diagnostics";

/** The ExcelApi sets the add-in asks about, oldest first (1.8 is its floor; the rest it uses when present). */
export const EXCEL_API_SETS = [
  "1.1",
  "1.2",
  "1.3",
  "1.4",
  "1.5",
  "1.6",
  "1.7",
  "1.8",
  "1.9",
  "1.10",
  "1.11",
  "1.12",
  "1.13",
  "1.14",
  "1.15",
  "1.16",
  "1.17",
  "1.18",
  "1.19",
  "1.20",
] as const;

let last: LastVerification | null = null;

/** Records what the last write's verify round trip found (the Excel host calls it after every write). */
export function noteVerification(operation: string, findings: readonly string[]): void {
  last = { operation, findings: [...findings] };
}

function officeVersion(): string | null {
  try {
    return typeof Office === "undefined" ? null : (Office.context.diagnostics?.version ?? null);
  } catch {
    // Office.context.diagnostics is missing on some hosts; the version is then unknown.
    return null;
  }
}

/** What this Excel is and can do, and the last verification, now. */
export function excelDiagnostics(): HostDiagnostics {
  return {
    host: "Excel",
    platform: excelPlatform(),
    version: officeVersion(),
    requirementSets: EXCEL_API_SETS.filter((set) => excelApiSupported(set)),
    lastVerification: last,
  };
}
