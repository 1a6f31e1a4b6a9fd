import { checkPlan } from "../../src/core/checking/check-plan";
import type { Problem } from "../../src/core/basics/problem";
import { readPlan } from "../../src/core/reading/read-plan";
import { sheet, workbook, type CellSpec } from "../support/snapshot-builder";

/** The coverage rules (a blank status or lead, a table without the column) have tests of their own below. */
const COVERAGE_RULES = new Set(["status/missing", "lead/missing", "status/no-column", "lead/no-column"]);

function withoutCoverage(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => !COVERAGE_RULES.has(p.rule));
}

function problemsOf(rows: CellSpec[][], today = "2024-06-01") {
  return withoutCoverage(checkPlan(readPlan(workbook(sheet("1 ASB", rows))), today));
}

function allProblemsOf(rows: CellSpec[][], today = "2024-06-01") {
  return checkPlan(readPlan(workbook(sheet("1 ASB", rows))), today);
}

describe("checkPlan", () => {
  it("asks for an update on Red, Amber and Complete actions, not on Green ones", () => {
    const problems = problemsOf([
      ["Ref", "Action", "Update", "Status"],
      ["1", "a", "", "Red"],
      ["2", "b", "  ", "A"],
      ["3", "c", "", "Complete"],
      ["4", "d", "", "Green"],
      ["5", "e", "Explained", "Red"],
    ]);
    expect(problems.map((p) => [p.rule, p.cell])).toEqual([
      ["update/missing", "C2"],
      ["update/missing", "C3"],
      ["update/missing", "C4"],
    ]);
    expect(problems[0]?.message).toMatch(/^1 ASB!C2: action 1 is Red but has no update/);
  });

  it("reports a code-like lead that is not in the register, when the table uses codes", () => {
    const problems = problemsOf([
      ["ACTION POINT LEADS:"],
      [null, "MW", "Mick Williams"],
      [null, "CS", "Community Safety Manager"],
      [],
      ["No", "LEAD", "ACTION"],
      ["1", "MW", "a"],
      ["2", "XY", "b"],
      ["3", "MW & ZZ", "c"],
      ["4", "Scanning & Challenge Group", "d"],
    ]);
    expect(problems.map((p) => [p.rule, p.cell])).toEqual([
      ["lead/unknown", "B7"],
      ["lead/unknown", "B8"],
    ]);
    expect(problems[0]?.message).toBe(
      "1 ASB!B7: lead 'XY' is not in the lead register (Lists sheet or ACTION POINT LEADS legend); correct the code or add it to the register.",
    );
    expect(problems[1]?.message).toContain("'ZZ'");
  });

  it("does not check leads against a register when the table does not use codes", () => {
    const model = readPlan(
      workbook(
        sheet("Legend", [["ACTION POINT LEADS:"], [null, "MW", "Mick Williams"]]),
        sheet("Plan", [
          ["Ref", "Action", "Lead"],
          ["1", "a", "POLICE"],
          ["2", "b", "SBC"],
        ]),
      ),
    );
    expect(withoutCoverage(checkPlan(model, "2024-01-01"))).toEqual([]);
  });

  it("reports a ref used twice on a sheet and a blank ref in a table with a ref column", () => {
    const problems = problemsOf([
      ["Ref", "Action"],
      ["3.1", "a"],
      ["3.10", "b"],
      ["3.1", "c"],
      [null, "d"],
    ]);
    expect(problems.map((p) => [p.rule, p.cell])).toEqual([
      ["ref/duplicate", "A4"],
      ["ref/missing", "A5"],
    ]);
    expect(problems[0]?.message).toContain("A2");
  });

  it("reports overdue actions that are not Complete, using the given today", () => {
    const date = (serial: number): CellSpec => ({ value: serial, numberFormat: "dd/mm/yyyy", text: "" });
    const rows: CellSpec[][] = [
      ["Ref", "Action", "Due", "Status", "Update"],
      ["1", "a", date(45382), "Green", ""],
      ["2", "b", date(45382), "Complete", "done"],
      ["3", "c", date(45473), "Amber", "slipping"],
      ["4", "d", "March", "Red", "late"],
    ];
    expect(problemsOf(rows, "2024-06-01").map((p) => [p.rule, p.cell])).toEqual([["due/overdue", "C2"]]);
    const later = problemsOf(rows, "2024-12-01");
    expect(later.map((p) => [p.rule, p.cell])).toEqual([
      ["due/overdue", "C2"],
      ["due/overdue", "C4"],
    ]);
    expect(later[0]?.message).toContain("31/03/2024");
  });

  it("includes the reader's problems once, without repeating status/invalid", () => {
    const problems = problemsOf([
      ["Ref", "Action", "Status"],
      ["1", "a", "TBC"],
    ]);
    expect(problems.map((p) => [p.rule, p.cell])).toEqual([["status/invalid", "C2"]]);
  });

  it("reports status/invalid for a model built without the reader's problem", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Ref", "Action", "Status"],
          ["1", "a", "TBC"],
        ]),
      ),
    );
    const problems = withoutCoverage(checkPlan({ ...model, problems: [] }, "2024-01-01"));
    expect(problems).toEqual([
      expect.objectContaining({ rule: "status/invalid", cell: "C2", severity: "error" }),
    ]);
  });

  it("reports a blank status and a blank lead on their cells, as warnings", () => {
    const problems = allProblemsOf([
      ["Ref", "Action", "Lead", "Update", "Status"],
      ["1", "a", "Police", "Going well", "Green"],
      ["2", "b", null, "Going well", "Green"],
      ["3", "c", "Police", "", null],
    ]);
    expect(problems.map((p) => [p.rule, p.cell, p.severity])).toEqual([
      ["lead/missing", "C3", "warning"],
      ["status/missing", "E4", "warning"],
    ]);
    expect(problems[1]?.message).toMatch(/^1 ASB!E4: action 3 has no status/);
  });

  it("names a table with no status and no lead column once, at its header, not once per action", () => {
    const rows: CellSpec[][] = [["Ref", "Action", "Update"]];
    for (let i = 1; i <= 19; i++) rows.push([String(i), `action ${i}`, ""]);
    const problems = allProblemsOf(rows);
    expect(problems.map((p) => [p.rule, p.cell])).toEqual([
      ["status/no-column", "A1"],
      ["lead/no-column", "A1"],
    ]);
  });

  it("says once per sheet that carried actions await their first update, instead of one problem each", () => {
    const problems = allProblemsOf([
      ["Ref", "Action", "Lead", "Update", "Status", "Carried from", "Previous update"],
      ["1", "a", "Police", "", "Red", "2011-12 / 1", "Slipped in Q4"],
      ["2", "b", "Police", "", "Amber", "2011-12 / 2", "Waiting for funding"],
      ["3", "c", "Police", "", "Red", "2011-12 / 3", ""],
      ["4", "d", "Police", "New words", "Red", "2011-12 / 4", "Old words"],
    ]);
    expect(problems.map((p) => [p.rule, p.cell, p.severity])).toEqual([
      ["update/missing", "D4", "warning"],
      ["update/awaiting-first", "D2", "info"],
    ]);
    expect(problems[1]?.message).toContain("2 carried actions are Red, Amber or Complete");
    expect(problems[1]?.message).toContain("(1, 2)");
  });
});
