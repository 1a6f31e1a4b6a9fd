import { problem } from "../../src/core/basics/problem";
import { PROBLEMS_SHOWN_PER_RULE, problemLines } from "../../src/cli/problem-lines";

const missing = (row: number) => problem("Plan", `E${row}`, "status/missing", { action: `action ${row}` });

describe("problemLines", () => {
  it("prints every problem, in order, when no rule has more than a few", () => {
    const problems = [missing(2), problem("Plan", "E3", "status/invalid", { typed: "Redd" }), missing(4)];
    expect(problemLines(problems).split("\n").filter(Boolean)).toEqual([
      expect.stringMatching(/^warning: Plan!E2: /),
      "error: Plan!E3: status 'Redd' is not a status the add-in can read; use Red, Amber, Green, Complete or Not started, or say what it means in a status key.",
      expect.stringMatching(/^warning: Plan!E4: /),
    ]);
  });

  it("prints the first of a rule's many problems and then how many more there are", () => {
    const problems = Array.from({ length: 4400 }, (_, i) => missing(i + 2));
    const lines = problemLines(problems, "--json lists every one").split("\n").filter(Boolean);
    expect(lines).toHaveLength(PROBLEMS_SHOWN_PER_RULE + 1);
    expect(lines[0]).toMatch(/^warning: Plan!E2: /);
    expect(lines.at(-1)).toBe(
      `warning: …and ${(4400 - PROBLEMS_SHOWN_PER_RULE).toLocaleString("en-GB")} more like these (No status); --json lists every one.`,
    );
  });

  it("names the place once, whether or not the rule's message names it", () => {
    const placed = problem("Plan", "E3", "status/invalid", { typed: "Redd" });
    expect(placed.message.startsWith("Plan!E3: ")).toBe(true);
    expect(problemLines([placed])).toMatch(/^error: Plan!E3: status 'Redd'/);
    const unplaced = problem("2011-12", "F18", "carry/nothing-outstanding", { sheet: "2011-12" });
    expect(unplaced.message.startsWith("2011-12!F18")).toBe(false);
    expect(problemLines([unplaced])).toBe(`info: 2011-12!F18: ${unplaced.message}\n`);
  });

  it("says where to see them all only where the command has such a place", () => {
    const problems = Array.from({ length: 12 }, (_, i) => missing(i + 2));
    expect(problemLines(problems).split("\n").filter(Boolean).at(-1)).toBe(
      "warning: …and 2 more like these (No status).",
    );
  });

  it("writes nothing when there is no problem", () => {
    expect(problemLines([])).toBe("");
  });
});
