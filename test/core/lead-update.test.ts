import { planLeadUpdate, statusNeedsUpdate, type LeadEdit } from "../../src/core/planning/lead-update";
import { STATUSES, type Status } from "../../src/core/basics/plan-model";
import { readPlan } from "../../src/core/reading/read-plan";
import type { WorkbookSnapshot } from "../../src/core/basics/snapshot";
import type { WriteOp } from "../../src/core/basics/write-plan";
import { sheet, workbook, type CellSpec } from "../support/snapshot-builder";

const HEADER: CellSpec[] = ["Ref", "Action", "Lead", "Update", "Status"];
const ROWS: CellSpec[][] = [
  ["3.1", "Map youth provision", "YOS", "", "Green"],
  ["3.10", "Review CCTV coverage", "CS", "Old words", "Amber"],
];

function plan(
  rows: CellSpec[][] = ROWS,
  options: { isProtected?: boolean; above?: CellSpec[][] } = {},
): WorkbookSnapshot {
  const above = options.above ?? [["Community Safety Plan 2011-12"], []];
  return workbook(
    sheet("2011-12", [...above, HEADER, ...rows], options.isProtected ? { isProtected: true } : {}),
  );
}

function edit(overrides: Partial<LeadEdit> = {}): LeadEdit {
  return {
    sheet: "2011-12",
    ref: "3.10",
    action: "Review CCTV coverage",
    update: "Cameras ordered",
    status: "Green",
    ...overrides,
  };
}

function update(snapshot: WorkbookSnapshot, e: LeadEdit) {
  return planLeadUpdate(snapshot, readPlan(snapshot), e);
}

function writes(ops: readonly WriteOp[] | undefined) {
  return (ops ?? []).map((op) =>
    op.kind === "writeCells" ? { row: op.row, column: op.column, cells: op.cells } : { kind: op.kind },
  );
}

describe("planLeadUpdate", () => {
  it("writes the Update and Status cells of that row only, as text", () => {
    const result = update(plan(), edit());
    expect(result.problems).toEqual([]);
    expect(writes(result.plan?.ops)).toEqual([
      { row: 4, column: 3, cells: [[{ kind: "text", text: "Cameras ordered" }]] },
      { row: 4, column: 4, cells: [[{ kind: "text", text: "Green" }]] },
    ]);
  });

  it("tells 3.10 from 3.1", () => {
    const result = update(plan(), edit({ ref: "3.1", action: "Map youth provision" }));
    expect(result.plan?.ops.map((op) => (op.kind === "writeCells" ? op.row : -1))).toEqual([3, 3]);
  });

  it("still writes to the right row when a co-author has inserted a row above since the pane loaded", () => {
    const fresh = plan(ROWS, {
      above: [["Community Safety Plan 2011-12"], ["Updated by the board, June"], []],
    });
    const result = update(fresh, edit());
    expect(result.plan?.ops.map((op) => (op.kind === "writeCells" ? op.row : -1))).toEqual([5, 5]);
  });

  it("finds the row by its exact action text when the table has no ref column", () => {
    const snapshot = workbook(
      sheet("Recommendations", [
        ["Recommendation", "Update", "Status"],
        ["Improve data sharing", "", ""],
        ["Improve data", "", ""],
      ]),
    );
    const result = update(snapshot, {
      sheet: "Recommendations",
      ref: null,
      action: "Improve data",
      update: "",
      status: "Green",
    });
    expect(writes(result.plan?.ops)).toEqual([
      { row: 2, column: 1, cells: [[{ kind: "blank" }]] },
      { row: 2, column: 2, cells: [[{ kind: "text", text: "Green" }]] },
    ]);
  });

  it("keeps text that looks like a formula as text, at full length", () => {
    const long = "=" + "x".repeat(32766);
    const result = update(plan(), edit({ update: long, status: "Red" }));
    expect(result.problems).toEqual([]);
    expect(result.plan?.ops[0]).toMatchObject({ cells: [[{ kind: "text", text: long }]] });
  });

  it("refuses an update longer than Excel's 32,767 characters rather than cut it", () => {
    const result = update(plan(), edit({ update: "x".repeat(32768) }));
    expect(result.plan).toBeNull();
    expect(result.problems).toMatchObject([{ rule: "write/too-long", sheet: "2011-12", cell: "D5" }]);
  });

  it.each<Status>(["Red", "Amber", "Complete"])("asks for an update with %s", (status) => {
    const result = update(plan(), edit({ status, update: "   " }));
    expect(result.plan).toBeNull();
    expect(result.problems).toMatchObject([{ rule: "edit/update-needed", cell: "D5" }]);
  });

  it("accepts Green and Not started without an update", () => {
    expect(update(plan(), edit({ status: "Green", update: "" })).problems).toEqual([]);
    expect(update(plan(), edit({ status: "Not started", update: "" })).problems).toEqual([]);
  });

  it("refuses a status that is not in the list", () => {
    const result = update(plan(), edit({ status: "TBC" as Status }));
    expect(result.plan).toBeNull();
    expect(result.problems).toMatchObject([{ rule: "edit/not-a-status", cell: "E5" }]);
  });

  it("says the row is gone when its ref is no longer on the sheet", () => {
    const result = update(plan(), edit({ ref: "9" }));
    expect(result.plan).toBeNull();
    expect(result.problems[0]?.rule).toBe("write/row-not-found");
  });

  it("refuses to guess between two rows with the same ref", () => {
    const result = update(plan([...ROWS, ["3.10", "Another", "CS", "", "Red"]]), edit());
    expect(result.plan).toBeNull();
    expect(result.problems[0]).toMatchObject({ rule: "edit/row-ambiguous" });
    expect(result.problems[0]?.message).toMatch(/A5, A6/);
  });

  it("refuses a protected sheet, naming it", () => {
    const result = update(plan(ROWS, { isProtected: true }), edit());
    expect(result.plan).toBeNull();
    expect(result.problems).toMatchObject([{ rule: "write/protected-sheet", sheet: "2011-12" }]);
    expect(result.problems[0]?.message).toMatch(/'2011-12' is protected/);
  });

  it("asks for the schema when the table has no Status column", () => {
    const snapshot = workbook(
      sheet("2011-12", [
        ["Ref", "Action", "Update"],
        ["1", "Do it", ""],
      ]),
    );
    const result = update(snapshot, edit({ ref: "1" }));
    expect(result.plan).toBeNull();
    expect(result.problems[0]).toMatchObject({ rule: "write/no-column" });
  });
});

describe("statusNeedsUpdate, the predicate the pane's form uses", () => {
  it("says exactly which statuses planLeadUpdate refuses without an update", () => {
    for (const status of STATUSES) {
      const refused = update(plan(), edit({ status, update: "" })).problems.some(
        (p) => p.rule === "edit/update-needed",
      );
      expect([status, statusNeedsUpdate(status)]).toEqual([status, refused]);
    }
    expect(statusNeedsUpdate(null)).toBe(false);
  });
});

describe("a lead's update that keeps the previous one", () => {
  const DUE_HEADER: CellSpec[] = ["Ref", "Action", "Lead", "Target date", "Update", "Status"];
  const withDue = (): WorkbookSnapshot =>
    workbook(
      sheet("2011-12", [
        DUE_HEADER,
        [
          "3.10",
          "Review CCTV coverage",
          "CS",
          { value: 40999, numberFormat: "dd/mm/yyyy" },
          "Old words",
          "Amber",
        ],
      ]),
    );

  it("puts the new update on top, dated, with the previous one below it", () => {
    const result = update(plan(), edit({ stackOn: { todayIso: "2026-11-30" } }));
    expect(writes(result.plan?.ops)[0]).toEqual({
      row: 4,
      column: 3,
      cells: [[{ kind: "text", text: "30/11/2026: Cameras ordered\n\nOld words" }]],
    });
  });

  it("keeps the previous update as it is when only the status changes", () => {
    const result = update(plan(), edit({ update: "", status: "Green", stackOn: { todayIso: "2026-11-30" } }));
    expect(writes(result.plan?.ops)[0]).toEqual({
      row: 4,
      column: 3,
      cells: [[{ kind: "text", text: "Old words" }]],
    });
  });

  it("moves the target date with a reason, which goes into the update", () => {
    const result = update(
      withDue(),
      edit({
        stackOn: { todayIso: "2026-11-30" },
        newDue: { iso: "2027-03-31", reason: "Supplier delay" },
      }),
    );
    expect(result.problems).toEqual([]);
    const ops = writes(result.plan?.ops);
    expect(ops).toContainEqual({ row: 1, column: 3, cells: [[{ kind: "date", iso: "2027-03-31" }]] });
    expect(ops[0]).toEqual({
      row: 1,
      column: 4,
      cells: [
        [
          {
            kind: "text",
            text: "30/11/2026: Cameras ordered\nTarget date moved from 31/03/2012 to 31/03/2027: Supplier delay\n\nOld words",
          },
        ],
      ],
    });
  });

  it("refuses a moved target date without a reason, or in a table without a date column", () => {
    const noReason = update(withDue(), edit({ newDue: { iso: "2027-03-31", reason: " " } }));
    expect(noReason.plan).toBeNull();
    expect(noReason.problems.map((p) => [p.rule, p.cell])).toEqual([["edit/due-without-reason", "D2"]]);
    const noColumn = update(plan(), edit({ newDue: { iso: "2027-03-31", reason: "Delay" } }));
    expect(noColumn.problems.map((p) => p.rule)).toEqual(["edit/no-due-column"]);
  });

  it("refuses an update that would pass Excel's cell limit with the previous one below it", () => {
    const long = "x".repeat(32760);
    const result = update(plan(), edit({ update: long, stackOn: { todayIso: "2026-11-30" } }));
    expect(result.plan).toBeNull();
    expect(result.problems[0]?.message).toMatch(/would have 32,783 characters.*trim the older updates/);
  });
});
