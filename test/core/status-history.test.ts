import type { Action, PlanModel, Status, StatusRecord } from "../../src/core/basics/plan-model";
import { STATUSES } from "../../src/core/basics/plan-model";
import { readPlan } from "../../src/core/reading/read-plan";
import type { SheetSnapshot } from "../../src/core/basics/snapshot";
import {
  directionOfTravel,
  readStatusHistory,
  recentReadings,
  statusMove,
  withStatusHistory,
} from "../../src/core/reading/status-history";
import { parseCarriedFrom } from "../../src/core/reading/carried-from";
import { sheet, workbook, type CellSpec } from "../support/snapshot-builder";

const PLAN_HEADER: CellSpec[] = ["Ref", "Action", "Lead", "Update", "Status"];
const HISTORY_HEADER: CellSpec[] = [
  "Period",
  "Sheet",
  "Ref",
  "Action",
  "Lead",
  "Status",
  "Update",
  "Recorded on",
];
const DATE = { value: 41183, text: "01/10/2012", numberFormat: "dd/mm/yyyy" };

function history(rows: CellSpec[][], header: CellSpec[] = HISTORY_HEADER): SheetSnapshot {
  return sheet("Status history", [header, ...rows]);
}

function plan(rows: CellSpec[][], name = "2012-13"): SheetSnapshot {
  return sheet(name, [PLAN_HEADER, ...rows]);
}

function byRef(model: PlanModel, ref: string): Action {
  const found = model.actions.find((a) => a.ref === ref);
  if (found === undefined) throw new Error(`no action ${ref}`);
  return found;
}

describe("statusMove: how a status moved between two readings", () => {
  const ranked: Status[] = ["Red", "Amber", "Green", "Complete"];
  it.each(ranked.flatMap((a, i) => ranked.slice(i + 1).map((b) => [a, b] as const)))(
    "calls %s → %s improved and the reverse worsened",
    (lower, higher) => {
      expect(statusMove(lower, higher)).toBe("improved");
      expect(statusMove(higher, lower)).toBe("worsened");
    },
  );

  it.each(STATUSES.map((s) => [s]))("calls %s → the same status unchanged", (s) => {
    expect(statusMove(s, s)).toBe("unchanged");
  });

  it("treats Not started as a case of its own", () => {
    expect(statusMove("Not started", "Green")).toBe("improved");
    expect(statusMove("Not started", "Complete")).toBe("improved");
    expect(statusMove("Not started", "Amber")).toBe("worsened");
    expect(statusMove("Not started", "Red")).toBe("worsened");
    expect(statusMove("Red", "Not started")).toBe("worsened");
    expect(statusMove("Complete", "Not started")).toBe("worsened");
  });
});

describe("directionOfTravel", () => {
  const q1: StatusRecord = { period: "Q1", status: "Amber", update: "slow" };
  const q2NoStatus: StatusRecord = { period: "Q2", status: null, update: "" };

  it("compares the status now with the latest period that recorded one, and names that period", () => {
    expect(directionOfTravel("Red", [q1, q2NoStatus], true)).toEqual({ direction: "worsened", since: "Q1" });
    expect(directionOfTravel("Green", [q1], true)).toEqual({ direction: "improved", since: "Q1" });
  });

  it("gives no direction without a status now", () => {
    expect(directionOfTravel(null, [q1], true)).toEqual({ direction: null, since: null });
  });

  it("calls an action without an earlier reading new once the workbook has a history, else gives none", () => {
    expect(directionOfTravel("Green", [], true).direction).toBe("new");
    expect(directionOfTravel("Green", [q2NoStatus], true).direction).toBe("new");
    expect(directionOfTravel("Green", [], false).direction).toBeNull();
  });
});

describe("reading the Status history sheet into each action's history", () => {
  it("matches rows by sheet and ref, oldest period first, and gives each action its direction", () => {
    const model = readPlan(
      workbook(
        plan([
          ["1.1", "Patrol the park", "POL", "Worse", "Red"],
          ["1.2", "Fund a youth club", "YOS", "Better", "Green"],
          ["1.3", "New this quarter", "CS", "", "Green"],
        ]),
        history([
          ["Q1 2012-13", "2012-13", "1.1", "Patrol the park", "POL", "Green", "Fine", DATE],
          ["Q1 2012-13", "2012-13", "1.2", "Fund a youth club", "YOS", "Amber", "Slow", DATE],
          ["Q2 2012-13", "2012-13", "1.1", "Patrol the park", "POL", "Amber", "Slipping", DATE],
          ["Q2 2012-13", "2012-13", "1.2", "Fund a youth club", "YOS", "Amber", "Slow", DATE],
        ]),
      ),
    );
    expect(model.actions).toHaveLength(3);
    expect(byRef(model, "1.1").history).toEqual([
      { period: "Q1 2012-13", status: "Green", update: "Fine" },
      { period: "Q2 2012-13", status: "Amber", update: "Slipping" },
    ]);
    expect(byRef(model, "1.1").direction).toBe("worsened");
    expect(byRef(model, "1.2").direction).toBe("improved");
    expect(byRef(model, "1.3").direction).toBe("new");
    expect(model.problems.filter((p) => p.rule.startsWith("history/"))).toEqual([]);
  });

  it("gives no direction to an action whose status now is only guessed from its fill colour", () => {
    const model = readPlan(
      workbook(
        // #7030A0 (purple) reads as Complete only as a guess: "improved" would rest on the guess.
        plan([["1.1", "Patrol the park", "POL", "Worse", { value: "", fill: "#7030A0" }]]),
        history([["Q1 2012-13", "2012-13", "1.1", "Patrol the park", "POL", "Amber", "Fine", DATE]]),
      ),
    );
    expect(byRef(model, "1.1").direction).toBeNull();
    expect(recentReadings(byRef(model, "1.1"))).toEqual([]);
  });

  it("matches an action without a ref by its text on the same sheet", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Action", "Update", "Status"],
          ["Run a  survey", "done", "Complete"],
        ]),
        history([["Q1", "Plan", "", "Run a survey", "", "Green", "", DATE]]),
      ),
    );
    expect(model.actions[0]?.history.map((h) => h.status)).toEqual(["Green"]);
    expect(model.actions[0]?.direction).toBe("improved");
  });

  it("follows a carried action back through its Carried from lineage into last year's history", () => {
    const model = readPlan(
      workbook(
        sheet("2011-12", [PLAN_HEADER, ["4", "Old action", "POL", "Stuck", "Amber"]]),
        sheet("2012-13", [
          [...PLAN_HEADER, "Carried from", "Previous update"],
          ["1", "Old action", "POL", "Off track", "Red", "2011-12 / 4", "Stuck"],
        ]),
        history([
          ["Q3 2011-12", "2011-12", "4", "Old action", "POL", "Green", "", DATE],
          ["Q4 2011-12", "2011-12", "4", "Old action", "POL", "Amber", "Stuck", DATE],
        ]),
      ),
    );
    const carried = model.actions.find((a) => a.sheet === "2012-13");
    expect(carried?.history.map((h) => h.period)).toEqual(["Q3 2011-12", "Q4 2011-12"]);
    expect(carried?.direction).toBe("worsened");
  });

  it("keeps the plan's own quarterly history and puts the history sheet's periods after it", () => {
    const base = readPlan(
      workbook(
        plan([["1", "Act", "POL", "", "Red"]]),
        history([["Q3", "2012-13", "1", "Act", "", "Amber", "", DATE]]),
      ),
    );
    const fromColumns: StatusRecord[] = [
      { period: "Q1", status: "Green", update: "" },
      { period: "Q3", status: "Red", update: "column says red" },
    ];
    const model: PlanModel = {
      ...base,
      actions: base.actions.map((a) => ({ ...a, history: fromColumns, direction: null })),
      problems: [],
    };
    const snapshot = workbook(
      plan([["1", "Act", "POL", "", "Red"]]),
      history([["Q3", "2012-13", "1", "Act", "", "Amber", "", DATE]]),
    );
    const merged = withStatusHistory(snapshot, model);
    expect(merged.actions[0]?.history).toEqual([
      { period: "Q1", status: "Green", update: "" },
      { period: "Q3", status: "Amber", update: "" },
    ]);
    expect(merged.actions[0]?.direction).toBe("worsened");
  });

  it("does not read the Status history sheet as an action table", () => {
    const model = readPlan(workbook(history([["Q1", "Plan", "1", "Act", "", "Green", "", DATE]])));
    expect(model.actions).toEqual([]);
  });
});

describe("a Status history table edited into an inconsistent shape", () => {
  it("names a missing column and still reads the rows it can", () => {
    const header: CellSpec[] = ["Period", "Sheet", "Ref", "Action", "Status"];
    const model = readPlan(
      workbook(
        plan([["1", "Act", "POL", "", "Green"]]),
        history([["Q1", "2012-13", "1", "Act", "Red"]], header),
      ),
    );
    expect(model.problems).toContainEqual(
      expect.objectContaining({ sheet: "Status history", cell: "A1", rule: "history/column-missing" }),
    );
    expect(model.problems.find((p) => p.rule === "history/column-missing")?.message).toMatch(
      /'Lead', 'Update', 'Recorded on'/,
    );
    expect(model.actions[0]?.direction).toBe("improved");
  });

  it("reports text where the date belongs and keeps the row's status", () => {
    const model = readPlan(
      workbook(
        plan([["1", "Act", "POL", "", "Green"]]),
        history([["Q1", "2012-13", "1", "Act", "", "Amber", "", "last Tuesday"]]),
      ),
    );
    expect(model.problems).toContainEqual(
      expect.objectContaining({ sheet: "Status history", cell: "H2", rule: "history/date-invalid" }),
    );
    expect(model.actions[0]?.history.map((h) => h.status)).toEqual(["Amber"]);
  });

  it("reports a row recorded twice for a period, and uses the lower one", () => {
    const model = readPlan(
      workbook(
        plan([["1", "Act", "POL", "", "Green"]]),
        history([
          ["Q1", "2012-13", "1", "Act", "", "Red", "first", DATE],
          ["Q1", "2012-13", "1", "Act", "", "Green", "second", DATE],
        ]),
      ),
    );
    expect(model.problems).toContainEqual(
      expect.objectContaining({ sheet: "Status history", cell: "A3", rule: "history/duplicate" }),
    );
    expect(model.actions[0]?.history).toEqual([{ period: "Q1", status: "Green", update: "second" }]);
    expect(model.actions[0]?.direction).toBe("unchanged");
  });

  it("reports a row without a period and a status that is not one", () => {
    const read = readStatusHistory(
      workbook(
        history([
          ["", "2012-13", "1", "Act", "", "Red", "", DATE],
          ["Q1", "2012-13", "1", "Act", "", "TBC", "", DATE],
        ]),
      ),
    );
    expect(read.problems.map((p) => [p.cell, p.rule])).toEqual([
      ["A2", "history/period-missing"],
      ["F3", "history/status-invalid"],
    ]);
    expect(read.table?.rows.map((r) => [r.period, r.status])).toEqual([["Q1", null]]);
  });

  it("reports a Status history sheet without a table it can read", () => {
    const read = readStatusHistory(workbook(sheet("Status history", [["notes kept here"]])));
    expect(read.table).toBeNull();
    expect(read.problems).toEqual([expect.objectContaining({ cell: "A1", rule: "history/no-table" })]);
  });
});

describe("recentReadings and the lineage label", () => {
  it("lists the status now, then earlier readings newest first", () => {
    const model = readPlan(
      workbook(
        plan([["1", "Act", "POL", "", "Red"]]),
        history([
          ["Q1", "2012-13", "1", "Act", "", "Amber", "", DATE],
          ["Q2", "2012-13", "1", "Act", "", "", "", DATE],
          ["Q3", "2012-13", "1", "Act", "", "Red", "", DATE],
        ]),
      ),
    );
    const action = model.actions[0];
    expect(action && recentReadings(action)).toEqual([
      { period: null, status: "Red" },
      { period: "Q3", status: "Red" },
      { period: "Q1", status: "Amber" },
    ]);
  });

  it("parses 'sheet / ref' and refuses anything else", () => {
    expect(parseCarriedFrom("2011-12 / 4.1")).toEqual({ sheet: "2011-12", ref: "4.1" });
    expect(parseCarriedFrom("2011-12 / a / b")).toEqual({ sheet: "2011-12", ref: "a / b" });
    expect(parseCarriedFrom("from last year")).toBeNull();
  });
});
