import type { Problem } from "../core/basics/problem";

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

/** `--help` was asked for: main prints `usage` on stdout and exits 0. */
export class CliHelp extends Error {
  constructor(readonly usage: string) {
    super(usage);
    this.name = "CliHelp";
  }
}

/** The exit codes every command keeps (README, "Command line"). */
export const EXIT = {
  /** The workbook was read (and written), even with problems in it. */
  ok: 0,
  /** A file could not be read or written, or a problem in the workbook stopped the command. */
  failed: 1,
  /** Bad usage: an unknown command or option, a missing argument. */
  usage: 2,
  /** A bug: an unexpected error (its stack is printed). */
  internal: 70,
} as const;

/** A problem as --json prints it: exactly these keys, in this order. */
export function problemJson(p: Problem): Record<keyof Problem, string> {
  return { sheet: p.sheet, cell: p.cell, rule: p.rule, severity: p.severity, message: p.message };
}

/**
 * One problem as a line: `error: Sheet!C7: message` (the sheet alone with no cell; no place for the
 * workbook). A rule that places its message (core/basics/problem.ts) has written the place already.
 */
export function problemLine(p: Problem): string {
  const place = p.sheet === "" ? "" : `${p.cell === "" ? p.sheet : `${p.sheet}!${p.cell}`}: `;
  return `${p.severity}: ${place !== "" && p.message.startsWith(place) ? "" : place}${p.message}\n`;
}
