/**
 * "About this Excel": what the pane's diagnostics view shows and copies for a support email — the
 * host, the platform, the ExcelApi requirement sets present, and what the last write's verify round
 * trip found. Nothing leaves the machine unless the user pastes it somewhere.
 */
import { excelApiSupported, excelPlatform, type ExcelPlatform } from "./api-support";

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

export interface LastVerification {
  /** The plan's title ("Apply schema to 2 tables"). */
  readonly operation: string;
  /** What the verify round trip found, in words; empty when everything was as asked. */
  readonly findings: readonly string[];
}

export interface HostDiagnostics {
  readonly host: string;
  readonly platform: ExcelPlatform;
  /** Office's own version string where it gives one ("16.0.17928.20114"), else null. */
  readonly version: string | null;
  /** The ExcelApi requirement sets this Excel supports, e.g. ["1.1", …, "1.20"]. */
  readonly requirementSets: readonly string[];
  /** Null until a write has run in this session. */
  readonly lastVerification: LastVerification | null;
}

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

const PLATFORM_WORDS: Readonly<Record<ExcelPlatform, string>> = {
  web: "Excel on the web",
  windows: "Excel on Windows",
  mac: "Excel on Mac",
  other: "another Office platform",
};

/** The diagnostics as plain text for a support email (the pane's Copy button). */
export function diagnosticsText(info: HostDiagnostics): string {
  const sets = info.requirementSets;
  const lines = [
    "About this Excel (action plan add-in)",
    `Host: ${info.host}`,
    `Platform: ${PLATFORM_WORDS[info.platform]}`,
    `Version: ${info.version ?? "not reported"}`,
    `ExcelApi requirement sets: ${sets.length === 0 ? "none" : `${sets[0]}–${sets[sets.length - 1]} (${sets.join(", ")})`}`,
  ];
  if (info.lastVerification === null) lines.push("Last change: none in this session");
  else {
    const { operation, findings } = info.lastVerification;
    lines.push(`Last change: ${operation}`);
    if (findings.length === 0) lines.push("Checked afterwards: everything was as asked");
    else lines.push("Checked afterwards:", ...findings.map((f) => `- ${f}`));
  }
  return lines.join("\n");
}

export { PLATFORM_WORDS };
