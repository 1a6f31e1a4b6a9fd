import type { Problem } from "../core/problem";

/** What a CLI command writes to, so tests can run commands in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** A failure the user can act on (unreadable file, bad arguments): printed as one line. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** One problem as a line on stderr: `error: Sheet!C7: message` (or just the sheet when no cell). */
export function problemLine(p: Problem): string {
  return `${p.severity}: ${p.cell === "" ? p.sheet : `${p.sheet}!${p.cell}`}: ${p.message}\n`;
}
