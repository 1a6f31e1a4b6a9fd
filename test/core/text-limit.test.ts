import { guardTextLimit, textLimitProblems } from "../../src/core/planning/text-limit";
import { MAX_CELL_TEXT_LENGTH, type WritePlan } from "../../src/core/basics/write-plan";
import { sheet, workbook } from "../support/snapshot-builder";

const LONG = "u".repeat(MAX_CELL_TEXT_LENGTH + 1);
const NEAR = "n".repeat(MAX_CELL_TEXT_LENGTH - 5);
const source = workbook(
  sheet("2023-24", [
    ["Ref", "Action", "Update"],
    ["1", "Patrol the park", LONG],
    ["2", "Light the underpass", NEAR],
  ]),
);

function writing(...texts: string[]): WritePlan {
  return {
    title: "Copy",
    ops: [
      { kind: "addSheet", sheet: "2024-25", after: null },
      {
        kind: "writeCells",
        sheet: "2024-25",
        row: 3,
        column: 1,
        cells: [texts.map((text) => ({ kind: "text" as const, text }))],
      },
    ],
  };
}

describe("text copied from a cell that holds more than Excel does", () => {
  it("is a problem at the cell it comes from, naming where it would go, and stops the write", () => {
    const [found, ...others] = textLimitProblems(source, writing("short", LONG));
    expect(others).toEqual([]);
    expect(found).toMatchObject({
      sheet: "2023-24",
      cell: "C2",
      rule: "write/copied-too-long",
      severity: "error",
    });
    expect(found?.message).toBe(
      "2023-24!C2: copied to sheet '2024-25', cell C4, this cell's text would have 32,768 characters, more than the 32,767 an Excel cell holds, so it cannot be written without cutting it. Shorten it here: nothing was written.",
    );
  });

  it("names the cell that gave most of a copy made longer than a cell by what is added to it", () => {
    const [found] = textLimitProblems(source, writing(`Carried from 2023-24 / 2: ${NEAR}`));
    expect(found).toMatchObject({ sheet: "2023-24", cell: "C3" });
    expect(found?.message).toContain("would have 32,788 characters");
  });

  it("is named where it would be written when no one cell gave most of it, and names the file of a new workbook", () => {
    const [found] = textLimitProblems(
      source,
      writing("x".repeat(MAX_CELL_TEXT_LENGTH + 2)),
      "TA return.xlsx",
    );
    expect(found).toMatchObject({ sheet: "2024-25", cell: "B4" });
    expect(found?.message).toBe(
      "2024-25!B4: the text for this cell would have 32,769 characters, more than the 32,767 an Excel cell holds. Nothing was written.",
    );
    const [named] = textLimitProblems(source, writing(LONG), "TA return.xlsx");
    expect(named?.message).toContain("copied to TA return.xlsx, sheet '2024-25', cell B4,");
  });

  it("adds nothing to a plan that copies no more than a cell holds", () => {
    const result = { plan: writing("u".repeat(MAX_CELL_TEXT_LENGTH), NEAR), problems: [] };
    expect(guardTextLimit(source, result)).toBe(result);
  });
});
