/** What a writing command prints with --json: the change as data, one JSON object on stdout. */
import type { Problem } from "../core/basics/problem";
import { problemJson } from "./cli-io";

export interface WriteReport {
  /** The plan's title ("Apply schema to 4 tables"), or null when nothing was written. */
  readonly title: string | null;
  /** The changes in words, as the pane previews them. */
  readonly changes: readonly string[];
  readonly problems: readonly Problem[];
  /** What the file shell left out by design (a chart), in words. */
  readonly skipped: readonly string[];
  /** The file saved, or null when nothing was saved. */
  readonly output: string | null;
  /** The copy of the input kept by --in-place, or null. */
  readonly backup: string | null;
}

/** The report as one line of JSON, its keys in this order. */
export function writeReportJson(report: WriteReport): string {
  return `${JSON.stringify({
    title: report.title,
    changes: report.changes,
    problems: report.problems.map(problemJson),
    skipped: report.skipped,
    output: report.output,
    backup: report.backup,
  })}\n`;
}
