import { isSchemaApplied, planApplySchema } from "../../src/core/planning/apply-schema";
import { readPlan } from "../../src/core/reading/read-plan";
import type { WorkbookSnapshot } from "../../src/core/basics/snapshot";
import type { WriteOp } from "../../src/core/basics/write-plan";
import { sheet, workbook, workbookWithNames, type CellSpec } from "../support/snapshot-builder";

const plan = (snapshot: WorkbookSnapshot) => planApplySchema(snapshot, readPlan(snapshot));
const ofKind = <K extends WriteOp["kind"]>(ops: readonly WriteOp[], kind: K) =>
  ops.filter((op): op is Extract<WriteOp, { kind: K }> => op.kind === kind);

const HEADER: CellSpec[] = ["Ref", "Action", "Lead", "Update", "Status"];

describe("planApplySchema", () => {
  it("writes typed status variants as the canonical word and leaves an unreadable status as typed", () => {
    const snapshot = workbook(
      sheet("Plan", [
        HEADER,
        ["1", "Do one thing", "Police", "Going well", "R"],
        ["2", "Do another", "Police", "Slipping", "amber "],
        ["3", "Do a third", "SBC", "", "TBC"],
        ["4", "Do a fourth", "SBC", "Done", "Complete"],
      ]),
    );
    const writes = ofKind(plan(snapshot).plan.ops, "writeCells").filter(
      (w) => w.sheet === "Plan" && w.row > 0 && w.column === 4,
    );
    expect(writes.map((w) => [w.row, w.cells[0]?.[0]])).toEqual([
      [1, { kind: "text", text: "Red" }],
      [2, { kind: "text", text: "Amber" }],
    ]);
  });

  it("writes a clear fill's status as its word but leaves a guessed fill's cell and colour as they are", () => {
    const snapshot = workbook(
      sheet("Plan", [
        HEADER,
        ["1", "Do one thing", "Police", "Going well", { value: "", fill: "#FF0000" }],
        ["2", "Do another", "Police", "Done, we think", { value: "", fill: "#7030A0" }],
      ]),
    );
    const ops = plan(snapshot).plan.ops;
    const writes = ofKind(ops, "writeCells").filter((w) => w.sheet === "Plan" && w.row > 0 && w.column === 4);
    expect(writes.map((w) => [w.row, w.cells[0]?.[0]])).toEqual([[1, { kind: "text", text: "Red" }]]);
    const cleared = ofKind(ops, "styleRange").filter((s) => s.style.fill === null && s.range.left === 4);
    expect(cleared.map((s) => s.range.top)).toEqual([1]);
  });

  it("tidies a status read from an earlier quarter in its own cell, never writing it into a later quarter's", () => {
    const snapshot = workbook(
      sheet(
        "Plan",
        [
          ["ACTION", null, null, "Q1 2024-25", null, "Q2 2024-25", null],
          ["No", "Action", "Lead", "Progress", "RAG", "Progress", "RAG"],
          ["1", "Run a joint patrol", "Police", "Rota agreed", "A", "Patrols running", "G"],
          ["2", "Publish the guide", "Council", "Quotes in", "G", null, null],
        ],
        {
          merges: [
            { top: 0, left: 0, bottom: 0, right: 1 },
            { top: 0, left: 3, bottom: 0, right: 4 },
            { top: 0, left: 5, bottom: 0, right: 6 },
          ],
        },
      ),
    );
    const writes = ofKind(plan(snapshot).plan.ops, "writeCells").filter(
      (w) => w.sheet === "Plan" && w.row > 1,
    );
    // Row 3's Q2 rating 'G' is tidied; row 4 has no Q2 rating, and its Q1 'G' is history, left as typed.
    expect(writes.map((w) => [w.row, w.column, w.cells[0]?.[0]])).toEqual([
      [2, 6, { kind: "text", text: "Green" }],
    ]);
  });

  it("makes the table a ListObject named after its sheet, with Status and Lead validation", () => {
    const snapshot = workbook(sheet("Action Plan 2009", [HEADER, ["1", "Act", "Police", "Fine", "Green"]]));
    const ops = plan(snapshot).plan.ops;
    expect(ofKind(ops, "addTable").map((t) => [t.name, t.range])).toContainEqual([
      "Actions_Action_Plan_2009",
      { top: 0, left: 0, bottom: 1, right: 4 },
    ]);
    const validations = ofKind(ops, "setValidation").map((v) => [
      v.range.left,
      v.rule.source,
      v.rule.errorStyle,
    ]);
    expect(validations).toEqual([
      [4, "=StatusList", "stop"],
      [2, "=LeadCodes", "warning"],
    ]);
  });

  it("adds Lead, Update and Status headers to the right of a table that lacks them", () => {
    const snapshot = workbook(
      sheet("Recs", [
        ["No", "Recommendation"],
        ["1", "Look again"],
        ["2", "Count it"],
      ]),
    );
    const headers = ofKind(plan(snapshot).plan.ops, "writeCells").filter(
      (w) => w.sheet === "Recs" && w.row === 0,
    );
    expect(headers.map((w) => [w.column, w.cells[0]?.[0]])).toEqual([
      [2, { kind: "text", text: "Lead" }],
      [3, { kind: "text", text: "Update" }],
      [4, { kind: "text", text: "Status" }],
    ]);
  });

  it("leaves a table alone and names the cells when the columns it needs are not empty", () => {
    const snapshot = workbook(
      sheet("Recs", [
        ["No", "Recommendation", "", "", "", ""],
        ["1", "Look again", "", "a note", "", ""],
        ["2", "Count it", "", "", "", ""],
      ]),
    );
    const result = plan(snapshot);
    expect(ofKind(result.plan.ops, "addTable").filter((t) => t.sheet === "Recs")).toEqual([]);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ sheet: "Recs", cell: "D2", rule: "schema/columns-in-the-way" }),
    );
  });

  it("moves actions up over blank rows, keeping hostile text as text, and clears the freed rows", () => {
    const snapshot = workbook(
      sheet("Plan", [
        HEADER,
        ["3.1", "=SUM(1)", "Police", "+44 1642", "Red"],
        [null, null, null, null, null],
        ["3.10", "@mention", "SBC", "-", "Green"],
      ]),
    );
    const ops = plan(snapshot).plan.ops;
    const [move, ...more] = ofKind(ops, "moveRows");
    expect(more).toEqual([]);
    // Row 4 moves to row 3; row 4 is left to be cleared.
    expect(move).toMatchObject({ sheet: "Plan", range: { top: 2, left: 0, bottom: 3, right: 4 }, rows: [3] });
    expect(move?.cells).toEqual([
      [
        { kind: "text", text: "3.10" },
        { kind: "text", text: "@mention" },
        { kind: "text", text: "SBC" },
        { kind: "text", text: "-" },
        { kind: "text", text: "Green" },
      ],
    ]);
    expect(ofKind(ops, "addTable").find((t) => t.sheet === "Plan")?.range).toEqual({
      top: 0,
      left: 0,
      bottom: 2,
      right: 4,
    });
  });

  it("moves a row with a merged update as a blank under the merge, whatever the merged-away cell holds", () => {
    const snapshot = workbook(
      sheet(
        "Plan",
        [
          HEADER,
          ["1", "First", "Police", "Fine", "Green"],
          [null, null, null, null, null],
          ["2", "Second", "SBC", "Late", "stale"],
          ["3", "Third", "SBC", "Done", "Complete"],
        ],
        // D4:E4 merged (the status cell is hidden under the update), and a merge far from the table.
        {
          merges: [
            { top: 3, left: 3, bottom: 3, right: 4 },
            { top: 20, left: 8, bottom: 21, right: 9 },
          ],
        },
      ),
    );
    const [move] = ofKind(planApplySchema(snapshot, readPlan(snapshot)).plan.ops, "moveRows");
    expect(move?.rows).toEqual([3, 4]);
    expect(move?.cells.map((line) => line.map((c) => (c.kind === "text" ? c.text : c.kind)))).toEqual([
      ["2", "Second", "SBC", "Late", "blank"],
      ["3", "Third", "SBC", "Done", "Complete"],
    ]);
  });

  it("does not move rows that have a note beside the table, and says which cells", () => {
    const snapshot = workbook(
      sheet("Plan", [
        [...HEADER, null, null],
        ["1", "First", "Police", "Fine", "Green", null, null],
        [null, null, null, null, null, null, null],
        ["2", "Second", "SBC", "Late", "Amber", null, "see minutes"],
      ]),
    );
    const result = plan(snapshot);
    expect(ofKind(result.plan.ops, "clearRange")).toEqual([]);
    expect(ofKind(result.plan.ops, "moveRows")).toEqual([]);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ sheet: "Plan", cell: "G4", rule: "schema/rows-not-moved" }),
    );
    expect(ofKind(result.plan.ops, "addTable").find((t) => t.sheet === "Plan")?.range).toEqual({
      top: 0,
      left: 0,
      bottom: 3,
      right: 4,
    });
  });

  describe("closing up rows that formulas read", () => {
    /** A plan with a blank row 3 inside its table: closing it up moves rows 4 and 5 up one. */
    const planSheet = (extra: CellSpec[][] = []) =>
      sheet("Plan 2024", [
        HEADER,
        ["1", "First", "Police", "Fine", "Green"],
        [null, null, null, null, null],
        ["2", "Second", "SBC", "Late", "Amber"],
        ["3", "Third", "SBC", "Done", "Complete"],
        ...extra,
      ]);
    const dashboard = (formula: string) =>
      sheet("Dashboard", [["Third action's status", { value: "Complete", formula }]]);

    it("leaves the rows where they are when another sheet's formula reads a cell that would move, and says which", () => {
      const result = plan(workbook(planSheet(), dashboard("='Plan 2024'!E5")));
      expect(ofKind(result.plan.ops, "moveRows")).toEqual([]);
      expect(result.problems).toContainEqual(
        expect.objectContaining({ sheet: "Plan 2024", cell: "A3", rule: "schema/rows-referenced" }),
      );
      expect(result.problems.find((p) => p.rule === "schema/rows-referenced")?.message).toContain(
        "Dashboard!B1",
      );
    });

    it("leaves them too when a defined name or the sheet's own formula reads part of the table", () => {
      const named = workbookWithNames([{ name: "LastTwo", formula: "='Plan 2024'!$E$4:$E$5" }], planSheet());
      expect(plan(named).problems.map((p) => p.rule)).toContain("schema/rows-referenced");
      const own = workbook(
        planSheet([[null, "Late ones", null, null, { value: 1, formula: '=COUNTIF(E4,"Amber")' }]]),
      );
      expect(ofKind(plan(own).plan.ops, "moveRows")).toEqual([]);
    });

    it("still closes them up when formulas read whole columns, the whole table, rows above the gap or other sheets", () => {
      const result = plan(
        workbookWithNames(
          [{ name: "Statuses", formula: "='Plan 2024'!$E$2:$E$5" }],
          planSheet(),
          dashboard("=COUNTIF('Plan 2024'!E:E,\"Red\")+'Plan 2024'!E2+Other!E5+E5"),
          sheet("Other", [["x"]]),
        ),
      );
      expect(ofKind(result.plan.ops, "moveRows").map((m) => m.rows)).toEqual([[3, 4]]);
      expect(result.problems.map((p) => p.rule)).not.toContain("schema/rows-referenced");
    });
  });

  it("writes nothing to a protected sheet and reports it by name", () => {
    const snapshot = workbook(
      sheet("Locked plan", [HEADER, ["1", "Act", "Police", "", "R"]], { isProtected: true }),
      sheet("Open plan", [HEADER, ["1", "Act", "Police", "", "Green"]]),
    );
    const result = plan(snapshot);
    expect(result.plan.ops.filter((op) => "sheet" in op && op.sheet === "Locked plan")).toEqual([]);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ sheet: "Locked plan", cell: "A1", rule: "write/protected-sheet" }),
    );
    expect(ofKind(result.plan.ops, "addTable").map((t) => t.sheet)).toContain("Open plan");
  });

  it("builds the Lists sheet with the lead register and the agencies typed in tables without codes", () => {
    const snapshot = workbook(
      sheet("Plan", [HEADER, ["1", "Act", "Police", "", "Green"], ["2", "Act", "SBC", "", "Green"]]),
    );
    const ops = plan(snapshot).plan.ops;
    expect(ofKind(ops, "addSheet")).toEqual([{ kind: "addSheet", sheet: "Lists", after: null }]);
    const leads = ofKind(ops, "writeCells").find((w) => w.sheet === "Lists" && w.column === 0 && w.row === 3);
    expect(leads?.cells.map((r) => r.map((c) => (c.kind === "text" ? c.text : "")))).toEqual([
      ["Code", "Name", "Organisation"],
      ["Police", "Police", ""],
      ["SBC", "SBC", ""],
    ]);
    expect(ofKind(ops, "defineName").map((d) => [d.name, d.formula])).toEqual([
      ["LeadCodes", "=Leads[Code]"],
      ["StatusList", "=Statuses[Status]"],
      ["ThemeList", "=Themes[Theme]"],
    ]);
  });

  it("on a workbook that has the schema, appends only the missing list rows and defines no existing name", () => {
    const lists = sheet(
      "Lists",
      [
        ["Lists used by the action plan"],
        [],
        [],
        ["Code", "Name", "Organisation", null, "Status", "Letter", "Colour", "Meaning", null, "Theme"],
        ["Police", "Police", null, null, "Red", "R", "Red", "x", null, "Plan"],
        [null, null, null, null, "Amber", "A", "Amber", "x"],
        [null, null, null, null, "Green", "G", "Green", "x"],
        [null, null, null, null, "Complete", "C", "Blue", "x"],
        [null, null, null, null, "Not started", "N", "Grey", "x"],
      ],
      {
        tables: [
          {
            name: "Leads",
            range: { top: 3, left: 0, bottom: 4, right: 2 },
            columnNames: ["Code", "Name", "Organisation"],
          },
          {
            name: "Statuses",
            range: { top: 3, left: 4, bottom: 8, right: 7 },
            columnNames: ["Status", "Letter", "Colour", "Meaning"],
          },
          { name: "Themes", range: { top: 3, left: 9, bottom: 4, right: 9 }, columnNames: ["Theme"] },
        ],
      },
    );
    const planSheet = sheet(
      "Plan",
      [HEADER, ["1", "Act", "Police", "", "Green"], ["2", "Act", "Fire", "", "Green"]],
      {
        tables: [
          {
            name: "Actions_Plan",
            range: { top: 0, left: 0, bottom: 2, right: 4 },
            columnNames: ["Ref", "Action", "Lead", "Update", "Status"],
          },
        ],
      },
    );
    const snapshot = workbookWithNames(
      [
        { name: "LeadCodes", formula: "=Lists!$A$5" },
        { name: "StatusList", formula: "=Lists!$E$5:$E$9" },
        { name: "ThemeList", formula: "=Lists!$J$5" },
      ],
      planSheet,
      lists,
    );
    const result = plan(snapshot);
    expect(result.alreadyApplied).toBe(false);
    expect(ofKind(result.plan.ops, "defineName")).toEqual([]);
    expect(ofKind(result.plan.ops, "addTable")).toEqual([]);
    expect(ofKind(result.plan.ops, "appendTableRows")).toEqual([
      {
        kind: "appendTableRows",
        sheet: "Lists",
        table: "Leads",
        row: 5,
        column: 0,
        cells: [[{ kind: "text", text: "Fire" }, { kind: "text", text: "Fire" }, { kind: "blank" }]],
      },
    ]);
    expect(isSchemaApplied(snapshot, readPlan(snapshot))).toBe(false);
  });

  it("reports that there is nothing to do when no action table is found", () => {
    const result = plan(workbook(sheet("Notes", [["Just some notes"]])));
    expect(result.plan.ops).toEqual([]);
    expect(result.problems.map((p) => p.rule)).toContain("schema/no-table");
  });
});
