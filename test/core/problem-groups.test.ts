import { groupProblems, problemCountLine, ruleTitle } from "../../src/core/checking/problem-groups";
import { countWords } from "../../src/core/basics/count-words";
import type { Problem, RuleId } from "../../src/core/basics/problem";

function problemAt(cell: string, rule: RuleId, severity: Problem["severity"]): Problem {
  return { sheet: "Plan", cell, rule, severity, message: `Plan!${cell}: ${rule}` };
}

describe("grouping problems by rule", () => {
  it("puts 1,200 missing statuses in one group, after the errors", () => {
    const missing = Array.from({ length: 1200 }, (_, i) =>
      problemAt(`E${i + 2}`, "status/missing", "warning"),
    );
    const invalid = problemAt("E9000", "status/invalid", "error");
    const groups = groupProblems([...missing, invalid]);
    expect(groups.map((g) => [g.rule, g.title, g.problems.length])).toEqual([
      ["status/invalid", "Not a status", 1],
      ["status/missing", "No status", 1200],
    ]);
    expect(groups[1]?.problems[0]?.cell).toBe("E2");
  });

  it("orders groups of one severity by size, largest first", () => {
    const groups = groupProblems([
      problemAt("A1", "ref/missing", "warning"),
      problemAt("B1", "lead/missing", "warning"),
      problemAt("B2", "lead/missing", "warning"),
    ]);
    expect(groups.map((g) => g.rule)).toEqual(["lead/missing", "ref/missing"]);
  });

  it("titles each group with its rule's title from the catalogue, not words taken from the rule's id", () => {
    expect(ruleTitle("history/label-invalid")).toBe("Close period: label not usable");
    expect(groupProblems([problemAt("E4", "status/missing", "warning")])[0]?.title).toBe("No status");
  });
});

describe("the count line", () => {
  it("says a single note is one note, not 0 errors and 0 warnings", () => {
    expect(problemCountLine([problemAt("B6", "lead/conflicting-name", "info")])).toBe("1 problem: 1 note");
  });

  it("names every severity present with thousands separators", () => {
    const problems = [
      ...Array.from({ length: 1200 }, (_, i) => problemAt(`E${i + 2}`, "status/missing", "warning")),
      problemAt("E1", "status/invalid", "error"),
    ];
    expect(problemCountLine(problems)).toBe("1,201 problems: 1 error, 1,200 warnings");
  });
});

describe("counts in words", () => {
  it("uses the singular for one and separates thousands", () => {
    expect(countWords(1, "table")).toBe("1 table");
    expect(countWords(6000, "action")).toBe("6,000 actions");
    expect(countWords(2, "summary", "summaries")).toBe("2 summaries");
    expect(countWords(0, "exception")).toBe("0 exceptions");
  });
});
