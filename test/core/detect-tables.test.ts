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

const HEADER = ["Ref", "Action", "Lead", "Update", "Status", "Due"];
const dated = (day: number): CellSpec => ({
  value: 45379 + day,
  text: `2${day}/03/2024`,
  numberFormat: "dd/mm/yyyy",
});

describe("detectTables: rows with header words inside a table", () => {
  it("reads rows worded like headers as the table's actions when their ref, status and date read as data", () => {
    const tables = tablesOf([
      ["Community Safety Plan 2023-24"],
      [],
      HEADER,
      ["1", "Action 1 of 2023-24", "CS", "Update 1", "Green", dated(1)],
      ["2", "Action 2 of 2023-24", "CS", "Update 2", "Complete", dated(2)],
      ["3", "Action 3 of 2023-24", "CS", "Update 3", "Red", dated(3)],
    ]);
    expect(tables).toHaveLength(1);
    expect(tables[0]?.actionRows).toEqual([3, 4, 5]);
    expect(tables[0]?.table.range.bottom).toBe(5);
    expect(tables[0]?.problems).toEqual([]);
  });

  it("reads a row with a ref and a word typed in status cells (TBC) as an action, not a second header", () => {
    const tables = tablesOf([
      ["Ref", "Action", "Lead", "Update", "Status"],
      ["3.1", "Patrols in park", "Police", "Weekly patrols", "Green"],
      ["3.2", "Action plan for NTE", "Licensing", "Update at next meeting", "TBC"],
      ["3.3", "Lights", "Council", "poor", "Red"],
    ]);
    expect(tables).toHaveLength(1);
    expect(tables[0]?.actionRows).toEqual([1, 2, 3]);
  });

  it("reads a row whose ref is a number typed as a number as an action", () => {
    const tables = tablesOf([
      ["Ref", "Action", "Lead", "Update", "Status"],
      [1, "Patrols in park", "Police", "Weekly patrols", "Green"],
      [2, "Action plan", "Licensing lead", "Update", "Amber"],
    ]);
    expect(tables).toHaveLength(1);
    expect(tables[0]?.actionRows).toEqual([1, 2]);
  });

  it("starts a new table at a header with other words under a heading, nothing in it reading as data", () => {
    const tables = tablesOf([
      ["Ref", "Action", "Lead", "Update", "Status"],
      ["1", "Patrols in park", "Police", "Weekly patrols", "Green"],
      [],
      ["Data gaps"],
      ["No.", "Recommendation", "Owner", "Progress", "RAG"],
      ["1", "Assault data from A&E", "Health", "Asked", "A"],
    ]);
    expect(tables.map((t) => [t.table.headerRow, t.actionRows])).toEqual([
      [0, [1]],
      [4, [5]],
    ]);
  });

  it("starts a new table at a header right under an action when its cells name columns and hold no data", () => {
    const tables = tablesOf([
      ["Ref", "Action", "Lead", "Update", "Status"],
      ["1", "Patrols in park", "Police", "Weekly patrols", "Green"],
      ["Data gap", "Agency", "Notes", "Progress", "Due date"],
      ["Assault data from A&E", "Health", "", "Asked", "March 2025"],
    ]);
    expect(tables.map((t) => t.table.headerRow)).toEqual([0, 2]);
  });

  it("keeps a row it cannot tell from a header as an action, and says so on the row", () => {
    const [table, ...others] = tablesOf([
      ["Action", "Lead", "Update", "Status"],
      ["Patrols in park", "Police", "Weekly patrols", "Green"],
      ["Action plan", "Licensing", "Update", "Amber"],
      ["Lights", "Council", "poor", "Red"],
    ]);
    expect(others).toEqual([]);
    expect(table?.actionRows).toEqual([1, 2, 3]);
    expect(table?.problems).toEqual([
      expect.objectContaining({ rule: "row/header-like", severity: "warning", cell: "A3" }),
    ]);
  });

  it("keeps a row whose header words are only parts of longer text, right under an action, and says so", () => {
    const [table, ...others] = tablesOf([
      ["Action", "Lead", "Update"],
      ["Patrols in park", "Police", "Weekly patrols"],
      ["Action plan agreed", "Licensing lead", "Progress report due"],
    ]);
    expect(others).toEqual([]);
    expect(table?.actionRows).toEqual([1, 2]);
    expect(table?.problems.map((p) => [p.rule, p.cell])).toEqual([["row/header-like", "A3"]]);
  });

  it("reads an action row worded like a header in a table with quarterly update columns", () => {
    const tables = tablesOf([
      ["Ref", "Action", "Lead", "Q1 update", "Q2 update", "Status"],
      ["1", "Patrols in park", "Police", "Started", "Weekly", "Green"],
      ["2", "Action plan for the NTE", "Licensing", "Q1 update to board", "Update 2", "Amber"],
      ["3", "Lights", "Council", "Asked", "poor", "Red"],
    ]);
    expect(tables).toHaveLength(1);
    expect(tables[0]?.actionRows).toEqual([1, 2, 3]);
  });

  it("reads a row naming each column's role in other whole header words as a repeated header", () => {
    const [table, ...others] = tablesOf([
      ["Ref", "Action", "Lead", "Update", "Status"],
      ["1", "Patrols in park", "Police", "Weekly patrols", "Green"],
      ["No.", "Recommendation", "Owner", "Progress", "RAG"],
      ["2", "Lights", "Council", "poor", "Red"],
    ]);
    expect(others).toEqual([]);
    expect(table?.table.repeatedHeaderRows).toEqual([2]);
    expect(table?.actionRows).toEqual([1, 3]);
  });

  it("reads a row repeating the header after a page break as a repeated header, not an action", () => {
    const [table, ...others] = tablesOf([
      HEADER,
      ["1", "Patrols in park", "Police", "Weekly patrols", "Green", dated(1)],
      HEADER,
      ["2", "Lights", "Council", "poor", "Red", dated(2)],
    ]);
    expect(others).toEqual([]);
    expect(table?.table.repeatedHeaderRows).toEqual([2]);
    expect(table?.actionRows).toEqual([1, 3]);
  });
});

describe("detectTables: totals rows", () => {
  const actions: CellSpec[][] = [
    ["Ref", "Action", "Lead", "Update", "Status"],
    ["1", "Third-party reporting centres", "CS", "Six centres live", "Green"],
    ["2", "Training for taxi drivers", "Licensing", "Delayed", "Amber"],
    [],
    ["3", "Schools hate-incident reporting", "Education", "Not started", "Red"],
  ];

  it("ends the table at a row counting its status column, and reports the row as info", () => {
    const tables = tablesOf([
      ...actions,
      [],
      ["", "Total actions", "", "", { value: 3, text: "3", formula: "=COUNTA(E2:E5)" }],
      ["", "Green", "", "", { value: 1, text: "1", formula: '=COUNTIF(E2:E5,"Green")' }],
    ]);
    expect(tables).toHaveLength(1);
    expect(tables[0]?.actionRows).toEqual([1, 2, 4]);
    expect(tables[0]?.table.range.bottom).toBe(4);
    expect(tables[0]?.problems).toEqual([
      expect.objectContaining({ rule: "table/totals-row", severity: "info", cell: "A7" }),
    ]);
  });

  it("ends the table at a row of figures labelled Total", () => {
    const tables = tablesOf([...actions, ["Total", "", "", "", 3]]);
    expect(tables[0]?.actionRows).toEqual([1, 2, 4]);
    expect(tables[0]?.problems.map((p) => [p.rule, p.cell])).toEqual([["table/totals-row", "A6"]]);
  });

  it("ends the table at a count without a label, even when a string in it reads like a range", () => {
    const tables = tablesOf([
      ...actions,
      ["", "", "", "", { value: 0, text: "0", formula: '=COUNTIF(E2:E5,"Z1:Z9")' }],
    ]);
    expect(tables[0]?.actionRows).toEqual([1, 2, 4]);
    expect(tables[0]?.problems.map((p) => p.rule)).toEqual(["table/totals-row"]);
  });

  it("reads an action that mentions a total, with a lead and a status, as an action", () => {
    const tables = tablesOf([...actions, ["4", "Total place review", "Council", "Begun", "Green"]]);
    expect(tables[0]?.actionRows).toEqual([1, 2, 4, 5]);
    expect(tables[0]?.problems).toEqual([]);
  });

  it("reads an action whose cells sum its own row, or count another sheet, as an action", () => {
    const tables = tablesOf([
      ["Ref", "Action", "Lead", "Q1", "Q2", "Year"],
      ["1", "Patrols", "Police", 3, 4, { value: 7, text: "7", formula: "=SUM(D2:E2)" }],
      ["2", "Lights", "Council", 1, 2, { value: 3, text: "3", formula: "=SUM(Data!D2:D9)" }],
    ]);
    expect(tables[0]?.actionRows).toEqual([1, 2]);
    expect(tables[0]?.problems.map((p) => p.rule)).not.toContain("table/totals-row");
  });
});
