/**
 * `action-plan`: the command line over .xlsx files. Each command is `src/cli/<name>-command.ts`,
 * exporting `run<Name>(args, io)`, and is loaded only when it runs (so `--help` starts without
 * reading a workbook library). Exit codes: cli-io.ts EXIT (README, "Command line").
 */
import { CliError, CliHelp, EXIT, type CliIo } from "./cli-io";

const USAGE = `Usage: action-plan COMMAND [options]   (action-plan COMMAND --help for its options)
  action-plan inspect FILE.xlsx [--json]
  action-plan check FILE.xlsx [--json] [--today YYYY-MM-DD]
  action-plan apply-schema IN.xlsx (-o OUT.xlsx | --in-place) [--column "HEADER=ROLE"]… [--json]
  action-plan carry-over IN.xlsx [--from PERIOD|SHEET] [--to NAME] [--renumber] [--leave REF]… [--unlisted-status keep|clear] [--past-due keep|roll|clear] (-o OUT.xlsx | --in-place) [--json]
  action-plan summary IN.xlsx (-o OUT.xlsx | --pdf OUT.pdf | --json) [--period P] [--title PLAN] [--today YYYY-MM-DD]
  action-plan snapshot IN.xlsx --label "Q2 2012-13" (-o OUT.xlsx | --in-place)
  action-plan update IN.xlsx --sheet SHEET --ref REF [--status STATUS] [--update TEXT] [--today YYYY-MM-DD] (-o OUT.xlsx | --in-place)
  action-plan returns (make IN.xlsx --out DIR [--lead CODE]… | merge IN.xlsx FILE.xlsx… -o OUT.xlsx)
  action-plan help [COMMAND]`;

type Command = (args: string[], io: CliIo) => Promise<number>;

/** The commands with a --json option: asked for with it, a failure is a JSON object on stdout too. */
const JSON_COMMANDS = new Set(["inspect", "check", "apply-schema", "carry-over", "summary"]);

/** Whether a run asked for --json (before a "--" that ends the options). */
function asksForJson(name: string, args: readonly string[]): boolean {
  if (!JSON_COMMANDS.has(name)) return false;
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).includes("--json");
}

const COMMANDS: Record<string, Command> = {
  inspect: (args, io) => import("./inspect-command").then((m) => m.runInspect(args, io)),
  check: (args, io) => import("./check-command").then((m) => m.runCheck(args, io)),
  "apply-schema": (args, io) => import("./apply-schema-command").then((m) => m.runApplySchema(args, io)),
  "carry-over": (args, io) => import("./carry-over-command").then((m) => m.runCarryOver(args, io)),
  summary: (args, io) => import("./summary-command").then((m) => m.runSummary(args, io)),
  snapshot: (args, io) => import("./snapshot-command").then((m) => m.runSnapshot(args, io)),
  update: (args, io) => import("./update-command").then((m) => m.runUpdate(args, io)),
  returns: (args, io) => import("./returns-command").then((m) => m.runReturns(args, io)),
};

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.err(USAGE + "\n");
    return EXIT.usage;
  }
  if (first === "--help" || first === "-h" || (first === "help" && rest.length === 0)) {
    io.out(USAGE + "\n");
    return EXIT.ok;
  }
  // `help COMMAND` is `COMMAND --help`.
  const [name, args] = first === "help" ? [rest[0] ?? "", ["--help"]] : [first, rest];
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    io.err(`action-plan: unknown command '${name}'.\n${USAGE}\n`);
    return EXIT.usage;
  }
  try {
    return await command(args, io);
  } catch (e) {
    if (e instanceof CliHelp) {
      io.out(e.usage + "\n");
      return EXIT.ok;
    }
    // A file that cannot be read, a bad argument: one clear line, non-zero exit. Anything else is a bug.
    if (e instanceof CliError) {
      io.err(`action-plan: ${e.message}\n`);
      // A script reading --json's stdout gets an object there whatever happened: the error and the exit code.
      if (asksForJson(name, args)) {
        io.out(`${JSON.stringify({ error: { message: e.message, exitCode: e.exitCode } })}\n`);
      }
      return e.exitCode;
    }
    throw e;
  }
}

/** Whether an error is the reader of our output going away (`action-plan inspect x.xlsx | head`). */
function isClosedPipe(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "EPIPE";
}

/** A closed pipe ends the command quietly: what was asked for went as far as the reader wanted. */
function endQuietlyOnClosedPipe(e: Error): void {
  if (isClosedPipe(e)) process.exit(EXIT.ok);
  throw e;
}

/**
 * The process's streams, with each run of lines a command prints in one go written as one chunk: a
 * preview of thousands of lines written line by line cost a synchronous write each (about 50 ms on a
 * 6,000-action plan). Lines are held only until the current task yields, and the order between stdout
 * and stderr is kept: a write to one stream first sends what the other holds. A stream is opened
 * when something is first written to it (nothing is written for no text): node makes process.stderr
 * on first use, and for a pipe or a terminal that loads its network and stream modules, a few
 * milliseconds of a run that prints no warning.
 */
function coalescedIo(): CliIo {
  const opened = new Set<NodeJS.WriteStream>();
  const streamOf = (name: "stdout" | "stderr"): NodeJS.WriteStream => {
    const stream = process[name];
    if (!opened.has(stream)) {
      opened.add(stream);
      stream.on("error", endQuietlyOnClosedPipe);
    }
    return stream;
  };
  let held: { stream: NodeJS.WriteStream; text: string } | null = null;
  const flush = () => {
    if (held === null) return;
    const { stream, text } = held;
    held = null;
    stream.write(text);
  };
  const write = (name: "stdout" | "stderr", text: string) => {
    if (text === "") return;
    const stream = streamOf(name);
    if (held !== null && held.stream !== stream) flush();
    if (held === null) {
      held = { stream, text };
      queueMicrotask(flush);
    } else held.text += text;
  };
  return { out: (s) => write("stdout", s), err: (s) => write("stderr", s) };
}

/** Runs the CLI against this process's arguments and streams (bin/action-plan.js, `npm run action-plan`). */
export function runFromProcess(): void {
  main(process.argv.slice(2), coalescedIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      if (isClosedPipe(e)) process.exit(EXIT.ok);
      process.stderr.write(
        `action-plan: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exitCode = EXIT.internal;
    },
  );
}

if (require.main === module) runFromProcess();
