/**
 * "About this Excel": what the pane's diagnostics view shows and copies for a support email — the
 * host, the platform, the ExcelApi requirement sets present, and what the last write's verify round
 * trip found. Plain data, read by the Excel shell (src/excel/diagnostics.ts); nothing leaves the
 * machine unless the user pastes it somewhere.
 */

export type HostPlatform = "web" | "windows" | "mac" | "other";

export interface LastVerification {
  /** The plan's title ("Apply schema to 2 tables"). */
  readonly operation: string;
  /** What the verify round trip found, in words; empty when everything was as asked. */
  readonly findings: readonly string[];
}

export interface HostDiagnostics {
  readonly host: string;
  readonly platform: HostPlatform;
  /** Office's own version string where it gives one ("16.0.17928.20114"), else null. */
  readonly version: string | null;
  /** The ExcelApi requirement sets this Excel supports, e.g. ["1.1", …, "1.20"]. */
  readonly requirementSets: readonly string[];
  /** Null until a write has run in this session. */
  readonly lastVerification: LastVerification | null;
}

export const PLATFORM_WORDS: Readonly<Record<HostPlatform, string>> = {
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
