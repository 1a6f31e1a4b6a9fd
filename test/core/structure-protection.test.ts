import {
  guardStructure,
  sheetsAdded,
  structureProtectionProblem,
} from "../../src/core/planning/structure-protection";
import type { Problem } from "../../src/core/basics/problem";
import type { WritePlan } from "../../src/core/basics/write-plan";
import { sheet, workbook } from "../support/snapshot-builder";

const addsTwo: WritePlan = {
  title: "Carry over",
  ops: [
    { kind: "addSheet", sheet: "2012-13", after: "2011-12" },
    { kind: "addSheet", sheet: "Lists", after: null },
  ],
};
const writesOnly: WritePlan = {
  title: "Update",
  ops: [{ kind: "writeCells", sheet: "Plan", row: 1, column: 1, cells: [[{ kind: "text", text: "x" }]] }],
};
const protectedBook = { ...workbook(sheet("Plan", [["Ref"]])), structureProtected: true };

describe("workbook structure protection", () => {
  it("lists the sheets a plan adds", () => {
    expect(sheetsAdded(addsTwo)).toEqual(["2012-13", "Lists"]);
    expect(sheetsAdded(null)).toEqual([]);
  });

  it("stops a plan that adds sheets to a protected workbook, naming them and saying what to do", () => {
    expect(structureProtectionProblem(protectedBook, addsTwo)).toEqual({
      sheet: "2012-13",
      cell: "",
      rule: "write/structure-protected",
      severity: "error",
      message: expect.stringMatching(
        /sheets '2012-13', 'Lists'.*structure is protected.*Review › Protect Workbook/,
      ),
    });
  });

  it("lets through a plan that adds no sheet, and any plan when protection is off or unknown", () => {
    expect(structureProtectionProblem(protectedBook, writesOnly)).toBeNull();
    expect(structureProtectionProblem({ ...protectedBook, structureProtected: false }, addsTwo)).toBeNull();
    expect(structureProtectionProblem(workbook(sheet("Plan", [["Ref"]])), addsTwo)).toBeNull();
  });

  it("adds the problem to an operation's result and leaves other results as they are", () => {
    const result = { plan: addsTwo, problems: [] as Problem[], detail: 1 };
    expect(guardStructure(protectedBook, result).problems.map((p) => p.rule)).toEqual([
      "write/structure-protected",
    ]);
    expect(guardStructure(protectedBook, { ...result, plan: writesOnly })).toEqual({
      ...result,
      plan: writesOnly,
    });
  });
});
