import { RULES, problem, stopsWrite, type RuleId } from "../../src/core/basics/problem";

describe("the problem rule catalogue", () => {
  it("names every rule as area/what", () => {
    const ids = Object.keys(RULES);
    expect(ids.filter((id) => !/^[a-z]+\/[a-z-]+$/.test(id))).toEqual([]);
  });

  it("gives a problem its severity and message from its rule, with the place first where the rule says", () => {
    expect(problem("Plan", "E7", "status/invalid", { typed: "Redd" })).toEqual({
      sheet: "Plan",
      cell: "E7",
      rule: "status/invalid",
      severity: "error",
      message:
        "Plan!E7: status 'Redd' is not a status the add-in can read; use Red, Amber, Green, Complete or Not started, or say what it means in a status key.",
    });
    expect(problem("Plan", "", "write/sheet-gone", { sheet: "Plan" }).message).toBe(
      "The sheet 'Plan' is no longer in the workbook: nothing was written.",
    );
    expect(problem("Plan", "B4", "ref/missing").severity).toBe("warning");
  });

  it("says which problems stop a write by their rule, not their id's wording", () => {
    const protectedSheet = problem("Plan", "", "write/protected-sheet", {
      sheet: "Plan",
      operation: "Apply schema",
    });
    const changed = problem("", "", "operation/changed-since-preview", { changes: ["Now: A1"] });
    const invalid = problem("Plan", "E7", "status/invalid", { typed: "x" });
    expect([protectedSheet, changed, invalid].map(stopsWrite)).toEqual([true, true, false]);
    const stopping = (Object.keys(RULES) as RuleId[]).filter((id) => RULES[id].stopsWrite);
    expect(stopping.every((id) => RULES[id].severity === "error")).toBe(true);
  });

  it("clips a long typed status in the message, keeping the whole text out of it", () => {
    const typed = "x".repeat(200);
    expect(problem("Plan", "E7", "status/invalid", { typed }).message).toContain(`'${"x".repeat(60)}…'`);
  });
});
