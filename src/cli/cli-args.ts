/** Small pieces every command's argument parser uses. */
import { CliError } from "./cli-io";
import { type ColumnOverride, STORED_ROLES, parseColumnOverride } from "../core/column-mapping";

/** The value after the flag at `args[i]`; a missing one (or another flag in its place) exits with 2. */
export function valueAfter(args: readonly string[], i: number, flag: string, usage: string): string {
  const value = args[i + 1];
  if (value === undefined || value.startsWith("--")) throw new CliError(`${flag} needs a value. ${usage}`, 2);
  return value;
}

/**
 * The --column "HEADER=ROLE" flags (repeatable), and the arguments without them. A ROLE that is not
 * one of ref, action, lead, update, status, due, theme, ignore exits with 2.
 */
export function columnFlags(
  args: readonly string[],
  usage: string,
): { overrides: ColumnOverride[]; rest: string[] } {
  const overrides: ColumnOverride[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg !== "--column") {
      rest.push(arg);
      continue;
    }
    const value = valueAfter(args, i++, arg, usage);
    const parsed = parseColumnOverride(value);
    if (!parsed) {
      throw new CliError(
        `--column '${value}': give HEADER=ROLE, ROLE one of ${STORED_ROLES.join(", ")}. ${usage}`,
        2,
      );
    }
    overrides.push(parsed);
  }
  return { overrides, rest };
}
