/**
 * A writing command's problems on stderr, a few of each rule: kept out of cli-io.ts, which main.js
 * loads for `--help` too, because it needs the problem catalogue.
 */
import { countWords } from "../core/basics/count-words";
import { RULES, type Problem, type RuleId } from "../core/basics/problem";
import { CliError, problemLine } from "./cli-io";

/** How many problems of one rule a writing command prints before it says how many more there are. */
export const PROBLEMS_SHOWN_PER_RULE = 10;

/**
 * A writing command's problems as lines on stderr, in the order found, with no more than
 * PROBLEMS_SHOWN_PER_RULE of one rule: then one line says how many more there are (carrying over a
 * 6,000-action plan found 4,400 past due dates, a line each), and `whereAll`, when the command has
 * one, where to see them all ("--json lists every one").
 */
export function problemLines(problems: readonly Problem[], whereAll: string | null = null): string {
  const seen = new Map<RuleId, number>();
  let text = "";
  for (const p of problems) {
    const count = (seen.get(p.rule) ?? 0) + 1;
    seen.set(p.rule, count);
    if (count <= PROBLEMS_SHOWN_PER_RULE) text += problemLine(p);
  }
  for (const [rule, count] of seen) {
    if (count <= PROBLEMS_SHOWN_PER_RULE) continue;
    const more = count - PROBLEMS_SHOWN_PER_RULE;
    const where = whereAll === null ? "" : `; ${whereAll}`;
    text += `${RULES[rule].severity}: …and ${countWords(more, "more", "more")} like these (${RULES[rule].title})${where}.\n`;
  }
  return text;
}

/**
 * The one line a command refuses with when text it would copy is more than a cell holds
 * (write/copied-too-long): the input file, then the cell the text comes from and where it would go;
 * null when no such problem stops the command.
 */
export function textLimitRefusal(input: string, problems: readonly Problem[]): CliError | null {
  const tooLong = problems.filter((p) => p.rule === "write/copied-too-long");
  const first = tooLong[0];
  if (first === undefined) return null;
  const more = tooLong.length - 1;
  return new CliError(
    `${input}, ${first.message}${more > 0 ? ` ${countWords(more, "more cell holds", "more cells hold")} too much text to copy.` : ""}`,
  );
}
