import type { CliIo } from "../../src/cli/cli-io";

/** A CliIo that keeps what a command writes, for a test to read back. */
export function capture(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: "",
    stderr: "",
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
  };
  return io;
}
