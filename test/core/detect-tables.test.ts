import { type SheetContext, MergeIndex, detectTables } from "../../src/core/reading/detect-tables";
import { sheet, type CellSpec } from "../support/snapshot-builder";

function tablesOf(rows: CellSpec[][]) {
  const plan = sheet("Plan", rows);
  const context: SheetContext = { sheet: plan, merges: new MergeIndex(plan.merges), blockRows: new Set() };
  return detectTables(context);
}

describe("detectTables: repeated headers", () => {
  it("passes over a repeated header whose titles start with digits, and reads refs that do as actions", () => {
    const [table, ...others] = tablesOf([
      ["2012 Ref", "Action", "2012/13 update", "Status"],
      ["2012.1", "First", "Started", "R"],
      ["2012 ref", "Action", "2012/13 Update", "Status"],
      ["2012.2", "Second", "Done", "G"],
    ]);
    expect(others).toHaveLength(0);
    expect(table?.table.repeatedHeaderRows).toEqual([2]);
    expect(table?.actionRows).toEqual([1, 3]);
    expect(table?.skippedRows).toEqual([]);
  });

  it("reads a row as an action when its first cell is a ref that starts like the ref header does", () => {
    const [table] = tablesOf([
      ["No", "Action", "Lead"],
      ["1", "First", "A"],
      ["No.", "Action", "Lead"],
      ["No 2", "Second", "B"],
    ]);
    expect(table?.table.repeatedHeaderRows).toEqual([2]);
    expect(table?.actionRows).toEqual([1, 3]);
  });
});
