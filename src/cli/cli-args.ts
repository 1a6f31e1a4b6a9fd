/** Small pieces every command's argument parser uses. */
import { CliError } from "./cli-io";

/** The value after the flag at `args[i]`; a missing one (or another flag in its place) exits with 2. */
export function valueAfter(args: readonly string[], i: number, flag: string, usage: string): string {
  const value = args[i + 1];
  if (value === undefined || value.startsWith("--")) throw new CliError(`${flag} needs a value. ${usage}`, 2);
  return value;
}

/** Today's date on this machine as yyyy-mm-dd (the core never reads a clock). */
export function localTodayIso(now: Date = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
