/** Small pieces every command's argument parser uses. */
import { CliError } from "./cli-io";

/** The value after the flag at `args[i]`; a missing one (or another flag in its place) exits with 2. */
export function valueAfter(args: readonly string[], i: number, flag: string, usage: string): string {
  const value = args[i + 1];
  if (value === undefined || value.startsWith("--")) throw new CliError(`${flag} needs a value. ${usage}`, 2);
  return value;
}
