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

/** One problem as a line on stderr: `error: Sheet!C7: message` (the sheet alone with no cell; no place for the workbook). */
export function problemLine(p: Problem): string {
  const place = p.sheet === "" ? "" : `${p.cell === "" ? p.sheet : `${p.sheet}!${p.cell}`}: `;
  return `${p.severity}: ${place}${p.message}\n`;
}
