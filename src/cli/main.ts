/**
 * `action-plan`: the command line over .xlsx files.
 *   action-plan inspect FILE.xlsx [--json]
 *   action-plan apply-schema IN.xlsx -o OUT.xlsx | --in-place
 *   action-plan carry-over IN.xlsx --from SHEET [--to NAME] [--renumber] -o OUT.xlsx
 *   action-plan summary IN.xlsx -o OUT.xlsx | --json
 *   action-plan snapshot IN.xlsx --label LABEL -o OUT.xlsx | --in-place
 *   action-plan update IN.xlsx --sheet S --ref R [--status S] [--update TEXT] -o OUT.xlsx | --in-place
 *   action-plan returns make IN.xlsx --out DIR [--lead CODE]... | merge IN.xlsx FILE... -o OUT.xlsx
 */
import { runInspect } from "./inspect-command";
import { runApplySchema } from "./apply-schema-command";
import { runCarryOver } from "./carry-over-command";
import { runSummary } from "./summary-command";
import { runSnapshot } from "./snapshot-command";
import { runUpdate } from "./update-command";
import { runReturns } from "./returns-command";
import { CliError, type CliIo } from "./cli-io";

const USAGE = `Usage:
  action-plan inspect FILE.xlsx [--json]
  action-plan apply-schema IN.xlsx (-o OUT.xlsx | --in-place)
  action-plan carry-over IN.xlsx [--from PERIOD|SHEET] [--to NAME] [--renumber] [--unlisted-status keep|clear] [--past-due keep|roll|clear] (-o OUT.xlsx | --in-place)
  action-plan summary IN.xlsx (-o OUT.xlsx | --json)
  action-plan snapshot IN.xlsx --label "Q2 2012-13" (-o OUT.xlsx | --in-place)
  action-plan update IN.xlsx --sheet SHEET --ref REF [--status STATUS] [--update TEXT] (-o OUT.xlsx | --in-place)
  action-plan returns (make IN.xlsx --out DIR [--lead CODE]... | merge IN.xlsx FILE.xlsx... -o OUT.xlsx)`;

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  inspect: runInspect,
  "apply-schema": runApplySchema,
  "carry-over": runCarryOver,
  summary: runSummary,
  snapshot: runSnapshot,
  update: runUpdate,
  returns: runReturns,
};

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    io.out(USAGE + "\n");
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`action-plan: unknown command '${name}'.\n${USAGE}\n`);
    return 2;
  }
  try {
    return await command(args, io);
  } catch (e) {
    // A file that cannot be read, a bad argument: one clear line, non-zero exit. Anything else is a bug.
    if (e instanceof CliError) {
      io.err(`action-plan: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

/** Runs the CLI against this process's arguments and streams (the `action-plan` bin and `npm run action-plan`). */
export function runFromProcess(): void {
  main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(
        `action-plan: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exitCode = 70;
    },
  );
}

if (require.main === module) runFromProcess();
