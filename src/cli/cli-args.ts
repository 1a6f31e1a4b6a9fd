/**
 * Every command's arguments go through Node's util.parseArgs with the same conventions: `--help`/`-h`
 * prints the command's help (exit 0); an unknown option or a missing value exits with 2 and the usage
 * line (the help's first line).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError, CliHelp } from "./cli-io";
import { type ColumnOverride, STORED_ROLES, parseColumnOverride } from "../core/reading/column-mapping";
import { calendarIso, isIsoDate, localIsoDate } from "../core/basics/excel-dates";

type Options = NonNullable<ParseArgsConfig["options"]>;

const HELP = { help: { type: "boolean", short: "h" } } as const;

/** The parsed options and positionals of `args` against `options`; throws CliHelp for --help. */
export function parseCommandArgs<T extends Options>(args: readonly string[], options: T, usage: string) {
  const config = {
    args: [...args],
    options: { ...options, ...HELP },
    allowPositionals: true,
    strict: true,
  } as const;
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (e) {
    // parseArgs's own errors (ERR_PARSE_ARGS_*) are the user's to fix: one line and the usage, exit 2.
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_")) {
      throw new CliError(`${(e as Error).message.split("\n")[0]}. ${usageLine(usage)}`, 2);
    }
    throw e;
  }
  if ((parsed.values as { help?: boolean }).help === true) throw new CliHelp(usage);
  return parsed;
}

/** A command's usage line: the first line of its help. */
export function usageLine(help: string): string {
  return help.split("\n")[0] ?? help;
}

/** The one positional argument (the input workbook), or a CliError with exit 2. */
export function onePositional(positionals: readonly string[], what: string, usage: string): string {
  const [first, ...rest] = positionals;
  if (first === undefined) throw new CliError(`no ${what} given. ${usageLine(usage)}`, 2);
  if (rest.length > 0) throw new CliError(`unexpected argument '${rest[0]}'. ${usageLine(usage)}`, 2);
  return first;
}

/** The --column option, repeatable: "HEADER=ROLE", the role a column plays (README: the reader). */
export const COLUMN_OPTION = { column: { type: "string", multiple: true } } as const;

/**
 * The column roles given with --column, each "HEADER=ROLE" (ROLE one of ref, action, lead, update,
 * status, due, theme, ignore); a bad one exits with 2.
 */
export function columnOverrides(values: readonly string[] | undefined, usage: string): ColumnOverride[] {
  return (values ?? []).map((value) => {
    const parsed = parseColumnOverride(value);
    if (!parsed) {
      throw new CliError(
        `--column '${value}': give HEADER=ROLE, ROLE one of ${STORED_ROLES.join(", ")}. ${usageLine(usage)}`,
        2,
      );
    }
    return parsed;
  });
}

/** Whether `text` is yyyy-mm-dd naming a day the calendar has (2025-02-30 and 2025-13-45 are not). */
function isCalendarDate(text: string): boolean {
  if (!isIsoDate(text)) return false;
  return calendarIso(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))) !== null;
}

/**
 * The --today option every command that reads a date shares: the day given, which must be a real one
 * as YYYY-MM-DD (else exit 2 with the usage line), or today's date on this computer's clock.
 *   todayOption("2013-01-15", usage) === "2013-01-15"; todayOption("2025-02-30", usage) → CliError (2)
 */
export function todayOption(value: string | undefined | null, usage: string): string {
  if (value === undefined || value === null) return localIsoDate(new Date());
  if (!isCalendarDate(value)) {
    throw new CliError(
      `--today needs a real date as YYYY-MM-DD (for example 2013-01-15), not '${value}'. ${usageLine(usage)}`,
      2,
    );
  }
  return value;
}
