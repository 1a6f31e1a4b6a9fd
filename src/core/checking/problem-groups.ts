/**
 * Problems grouped by rule, for a list a person can take in: 1,200 missing statuses are one line to
 * open, not 1,200 lines. Groups come errors first, then warnings, then notes; larger groups first.
 */
import { RULES, type Problem, type RuleId, type Severity } from "../basics/problem";
import { countWords } from "../basics/count-words";

export interface ProblemGroup {
  readonly rule: RuleId;
  /** What the rule is about, in a few words ("No status"). */
  readonly title: string;
  readonly severity: Severity;
  readonly problems: readonly Problem[];
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** The heading for a rule's group: the catalogue's title for the rule. */
export function ruleTitle(rule: RuleId): string {
  return RULES[rule].title;
}

/**
 * The problems grouped by rule, each group in the order the checks gave its problems.
 *   groupProblems([missing E4, missing E5, invalid E6]) → [{ rule: "status/invalid", … }, { rule: "status/missing", problems: [E4, E5] }]
 */
export function groupProblems(problems: readonly Problem[]): ProblemGroup[] {
  const byRule = new Map<RuleId, Problem[]>();
  for (const p of problems) {
    const list = byRule.get(p.rule);
    if (list) list.push(p);
    else byRule.set(p.rule, [p]);
  }
  const groups: ProblemGroup[] = [];
  for (const [rule, list] of byRule) {
    const severity = list.reduce<Severity>(
      (worst, p) => (SEVERITY_ORDER[p.severity] < SEVERITY_ORDER[worst] ? p.severity : worst),
      "info",
    );
    groups.push({ rule, title: ruleTitle(rule), severity, problems: list });
  }
  return groups.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.problems.length - a.problems.length,
  );
}

/** "3 problems: 1 error, 2 warnings" — every severity present, none that is not. */
export function problemCountLine(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.filter((p) => p.severity === "warning").length;
  const notes = problems.length - errors - warnings;
  const parts = [
    errors > 0 ? countWords(errors, "error") : null,
    warnings > 0 ? countWords(warnings, "warning") : null,
    notes > 0 ? countWords(notes, "note") : null,
  ].filter((p): p is string => p !== null);
  return `${countWords(problems.length, "problem")}: ${parts.join(", ")}`;
}
