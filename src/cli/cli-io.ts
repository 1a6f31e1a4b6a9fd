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
