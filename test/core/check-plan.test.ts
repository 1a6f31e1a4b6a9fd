import { checkPlan } from "../../src/core/checking/check-plan";
import type { Problem } from "../../src/core/basics/problem";
import { readPlan } from "../../src/core/reading/read-plan";
import { isoToExcelSerial } from "../../src/core/basics/excel-dates";
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
    // "March" names no year, so no day: a note that it cannot be checked, whatever today is.
    expect(problemsOf(rows, "2024-06-01").map((p) => [p.rule, p.cell])).toEqual([
      ["due/overdue", "C2"],
      ["due/not-a-date", "C5"],
    ]);
    const later = problemsOf(rows, "2024-12-01");
    expect(later.map((p) => [p.rule, p.cell])).toEqual([
      ["due/overdue", "C2"],
      ["due/overdue", "C4"],
      ["due/not-a-date", "C5"],
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

describe("checkPlan and a status only guessed from a fill colour", () => {
  // #7030A0 (purple) reads as Complete only as a guess: the reader says so on the cell (status/fill-guessed).
  const rows: CellSpec[][] = [
    ["Ref", "Action", "Update", "Status", "Due"],
    [
      "1",
      "a",
      "",
      { value: "", fill: "#7030A0" },
      { value: isoToExcelSerial("2024-03-31"), numberFormat: "dd/mm/yyyy" },
    ],
  ];

  it("reports the action overdue, as one not known to be Complete, beside the reader's guess", () => {
    expect(problemsOf(rows).map((p) => [p.rule, p.cell])).toEqual([
      ["status/fill-guessed", "D2"],
      ["due/overdue", "E2"],
    ]);
  });

  it("does not ask for the update a Complete action needs, as it is not known to be Complete", () => {
    expect(problemsOf(rows).map((p) => p.rule)).not.toContain("update/missing");
  });
});

describe("checkPlan over due dates typed as text", () => {
  const date = (iso: string): CellSpec => ({
    value: isoToExcelSerial(iso),
    numberFormat: "dd/mm/yyyy",
    text: "",
  });
  const rows: CellSpec[][] = [
    ["Ref", "Action", "Due", "Status", "Update"],
    ["ASB1", "a", date("2025-03-31"), "Green", "on track"],
    ["ASB2", "b", "31/03/2025", "Amber", "slipping"],
    ["ASB3", "c", "Q4", "Red", "no funding"],
    ["ASB4", "d", "March 2025", "Red", "late"],
    ["ASB5", "e", "Ongoing", "Not started", ""],
    ["ASB6", "f", "03/04/2025", "Green", "fine"],
    ["ASB7", "g", "Ongoing", "Complete", "done"],
  ];
  const dueProblems = (today: string) =>
    problemsOf(rows, today).filter((p) => p.rule === "due/overdue" || p.rule === "due/not-a-date");

  it("flags a date typed as text overdue as it flags the same date kept as a date", () => {
    const overdue = dueProblems("2025-04-15").filter((p) => p.rule === "due/overdue");
    expect(overdue.map((p) => p.cell)).toEqual(["C2", "C3", "C5", "C7"]);
    expect(overdue[1]?.message).toBe(
      "1 ASB!C3: action ASB2 was due on 31/03/2025 (typed as '31/03/2025') and is not Complete.",
    );
  });

  it("reads 03/04/2025 as 3 April: not overdue on 2 April, overdue on 4 April", () => {
    const cellsOn = (today: string) =>
      dueProblems(today)
        .filter((p) => p.rule === "due/overdue")
        .map((p) => p.cell);
    expect(cellsOn("2025-03-20")).not.toContain("C7");
    expect(cellsOn("2025-04-02")).not.toContain("C7");
    expect(cellsOn("2025-04-04")).toContain("C7");
  });

  it("says once per cell, as a note, that a due text naming no day cannot be checked, and guesses nothing", () => {
    const notes = dueProblems("2026-06-01").filter((p) => p.rule === "due/not-a-date");
    expect(notes.map((p) => [p.cell, p.severity])).toEqual([
      ["C4", "info"],
      ["C6", "info"],
    ]);
    expect(notes[0]?.message).toBe(
      "1 ASB!C4: the due date 'Q4' is not a date, so it cannot be checked for overdue; type the date (dd/mm/yyyy) if the action has one.",
    );
    // Checked again, the same cells: nothing is said twice.
    const all = problemsOf(rows, "2026-06-01");
    expect(all.filter((p) => p.rule === "due/not-a-date")).toHaveLength(2);
  });

  it("flags a month typed as text overdue only once the month is over", () => {
    const cellsOn = (today: string) =>
      dueProblems(today)
        .filter((p) => p.rule === "due/overdue")
        .map((p) => p.cell);
    expect(cellsOn("2025-03-15")).not.toContain("C5");
    expect(cellsOn("2025-04-01")).toContain("C5");
  });

  it("keeps the typed text in the model and gives the day it names beside it", () => {
    const model = readPlan(workbook(sheet("1 ASB", rows)));
    expect(model.actions.map((a) => [a.due, a.dueDate])).toEqual([
      ["2025-03-31", "2025-03-31"],
      ["31/03/2025", "2025-03-31"],
      ["Q4", null],
      ["March 2025", "2025-03-31"],
      ["Ongoing", null],
      ["03/04/2025", "2025-04-03"],
      ["Ongoing", null],
    ]);
  });
});
