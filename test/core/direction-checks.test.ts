import { checkPlan } from "../../src/core/checking/check-plan";
import { readPlan } from "../../src/core/reading/read-plan";
import { sheet, workbook, type CellSpec } from "../support/snapshot-builder";

const DATE = { value: 41183, text: "01/10/2012", numberFormat: "dd/mm/yyyy" };

/** One action, Red/Amber… now, with `earlier` statuses recorded for Q1, Q2… */
function problemsFor(now: string, earlier: string[]) {
  const rows: CellSpec[][] = earlier.map((status, i) => [
    `Q${i + 1}`,
    "Plan",
    "7",
    "Act",
    "",
    status,
    "u",
    DATE,
  ]);
  const snapshot = workbook(
    sheet("Plan", [
      ["Ref", "Action", "Lead", "Update", "Status"],
      ["7", "Act", "POL", "said why", now],
    ]),
    sheet("Status history", [
      ["Period", "Sheet", "Ref", "Action", "Lead", "Status", "Update", "Recorded on"],
      ...rows,
    ]),
  );
  return checkPlan(readPlan(snapshot), "2012-10-01").filter((p) => p.rule.startsWith("direction/"));
}

describe("Check: direction of travel", () => {
  it("flags an action worse two periods running, at its status cell", () => {
    expect(problemsFor("Red", ["Green", "Amber"])).toEqual([
      expect.objectContaining({
        sheet: "Plan",
        cell: "E2",
        rule: "direction/worsened-twice",
        severity: "warning",
      }),
    ]);
    expect(problemsFor("Red", ["Green", "Amber"])[0]?.message).toMatch(/Green at Q1, Amber at Q2, Red now/);
  });

  it("flags an action Red and unchanged for two periods", () => {
    expect(problemsFor("Red", ["Amber", "Red", "Red"])).toEqual([
      expect.objectContaining({ cell: "E2", rule: "direction/red-unchanged" }),
    ]);
  });

  it("says nothing of one worse period, a recovery, or too little history", () => {
    expect(problemsFor("Red", ["Amber", "Amber"])).toEqual([]);
    expect(problemsFor("Green", ["Green", "Amber"])).toEqual([]);
    expect(problemsFor("Red", ["Amber"])).toEqual([]);
    expect(problemsFor("Red", ["Red"])).toEqual([]);
  });

  it("passes over a period with no status when counting periods", () => {
    expect(problemsFor("Red", ["Green", "", "Amber"])).toEqual([
      expect.objectContaining({ rule: "direction/worsened-twice" }),
    ]);
  });
});
