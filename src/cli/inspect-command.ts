// PLACEHOLDER: replaced by the helper that builds this command.
import { CliError, type CliIo } from "./cli-io";

export function runInspect(_args: string[], _io: CliIo): Promise<number> {
  return Promise.reject(new CliError("inspect is not built yet"));
}
