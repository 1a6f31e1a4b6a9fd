import {
  CARRIED_FROM_HEADER,
  actionIdentity,
  PREVIOUS_UPDATE_HEADER,
  carriedFromLabel,
  carryPeriods,
  carrySources,
  defaultCarrySources,
  outstandingActions,
  planCarryOver,
  type CarryOverOptions,
} from "../../src/core/planning/carry-over";
import { readPlan } from "../../src/core/reading/read-plan";
import type { CellSnapshot, SheetSnapshot, WorkbookSnapshot } from "../../src/core/basics/snapshot";
import type { CellWrite, WriteOp, WritePlan } from "../../src/core/basics/write-plan";
import { isoToExcelSerial } from "../../src/core/basics/excel-dates";
import { describeWritePlan } from "../../src/core/basics/describe-write-plan";
import fc from "fast-check";
import { sheet, workbook, type CellSpec } from "../support/snapshot-builder";

const HEADER: CellSpec[] = ["Ref", "Action", "Lead", "Update", "Status"];

function plan2011(rows: CellSpec[][], name = "2011-12"): SheetSnapshot {
  return sheet(name, [["Community Safety Plan 2011-12"], [], HEADER, ...rows]);
}

const MIXED: CellSpec[][] = [
  ["1", "Publish the summary", "CS", "Published in May", "Complete"],
  ["2", "Reassurance work in Thornaby", "Police", "Meeting arranged", "Green"],
  ["3", "Reduce alcohol harm", "DAT", "Funding cut", "Red"],
  ["3.10", "Review CCTV", "CS", "", null],
  ["3.1", "Youth provision map", "YOS", "Waiting for data", "TBC"],
  ["5", "Shop watch data", "Police", "Done", "C"],
];

function carry(snapshot: WorkbookSnapshot, options: Partial<CarryOverOptions> = {}) {
  return planCarryOver(snapshot, readPlan(snapshot), { fromSheet: "2011-12", renumber: false, ...options });
}

function opsOf<K extends WriteOp["kind"]>(plan: WritePlan, kind: K): Array<Extract<WriteOp, { kind: K }>> {
  return plan.ops.filter((op): op is Extract<WriteOp, { kind: K }> => op.kind === kind);
}

function shown(c: CellWrite | undefined): string | null {
  if (c === undefined || c.kind === "blank") return null;
  if (c.kind === "text") return c.text;
  if (c.kind === "date") return c.iso;
  if (c.kind === "formula") return c.formula;
  return String(c.value);
}

/** The table the plan writes (header row first) as text, found by its header "Carried from". */
function writtenTable(plan: WritePlan): Array<Array<string | null>> {
  const op = opsOf(plan, "writeCells").find((w) => w.cells[0]?.some((c) => shown(c) === CARRIED_FROM_HEADER));
  if (!op) throw new Error("no table written");
  return op.cells.map((r) => r.map(shown));
}

function columnValues(table: Array<Array<string | null>>, header: string): Array<string | null> {
  const i = table[0]?.indexOf(header) ?? -1;
  if (i < 0) throw new Error(`no column ${header}`);
  return table.slice(1).map((r) => r[i] ?? null);
}

function toCell(c: CellWrite): CellSnapshot | null {
  const text = shown(c);
  return text === null ? null : { value: text, text, numberFormat: "@", fill: null, formula: null };
}

/** Applies the ops that carry-over emits to a snapshot, as a host would (for second-run tests). */
function applyToSnapshot(snapshot: WorkbookSnapshot, plan: WritePlan): WorkbookSnapshot {
  const sheets = snapshot.sheets.map((s) => ({
    ...s,
    cells: s.cells.map((r): Array<CellSnapshot | null> => [...r]),
    tables: [...s.tables],
  }));
  const write = (
    name: string,
    row: number,
    column: number,
    cells: ReadonlyArray<ReadonlyArray<CellWrite>>,
  ) => {
    const target = sheets.find((s) => s.name === name);
    if (!target) throw new Error(`no sheet ${name}`);
    cells.forEach((r, i) =>
      r.forEach((c, j) => {
        while (target.cells.length <= row + i) target.cells.push([]);
        const line = target.cells[row + i] ?? [];
        while (line.length <= column + j) line.push(null);
        line[column + j] = toCell(c);
      }),
    );
  };
  for (const op of plan.ops) {
    if (op.kind === "addSheet") sheets.push({ ...sheet(op.sheet, []), cells: [], tables: [] });
    else if (op.kind === "writeCells") write(op.sheet, op.row, op.column, op.cells);
    else if (op.kind === "appendTableRows") {
      write(op.sheet, op.row, op.column, op.cells);
      const s = sheets.find((x) => x.name === op.sheet);
      if (s) {
        s.tables = s.tables.map((t) =>
          t.name === op.table ? { ...t, range: { ...t.range, bottom: t.range.bottom + op.cells.length } } : t,
        );
      }
    } else if (op.kind === "addTable") {
      const s = sheets.find((x) => x.name === op.sheet);
      const header = s?.cells[op.range.top] ?? [];
      const columnNames: string[] = [];
      for (let c = op.range.left; c <= op.range.right; c++) columnNames.push(header[c]?.text ?? "");
      s?.tables.push({ name: op.name, range: op.range, columnNames });
    }
  }
  const names = [
    ...snapshot.names,
    ...plan.ops.flatMap((op) => (op.kind === "defineName" ? [{ name: op.name, formula: op.formula }] : [])),
  ];
  return { sheets, names };
}

describe("outstandingActions", () => {
  it("counts every action that is not Complete, including blank and unreadable statuses", () => {
    const model = readPlan(workbook(plan2011(MIXED)));
    expect(outstandingActions(model, "2011-12").map((a) => a.ref)).toEqual(["2", "3", "3.10", "3.1"]);
  });
});

describe("planCarryOver to a new sheet", () => {
  it("carries open actions to the new year and leaves complete ones behind", () => {
    const result = carry(workbook(plan2011(MIXED)));
    expect(result.problems.map((p) => p.rule)).toEqual(["carry/status-not-in-list"]);
    expect(result.targetSheet).toBe("2012-13");
    expect(result.carried.map((a) => a.ref)).toEqual(["2", "3", "3.10", "3.1"]);
    const table = writtenTable(result.plan);
    expect(columnValues(table, "Ref")).toEqual(["2", "3", "3.10", "3.1"]);
    expect(columnValues(table, "Action")).toEqual([
      "Reassurance work in Thornaby",
      "Reduce alcohol harm",
      "Review CCTV",
      "Youth provision map",
    ]);
  });

  it("keeps the source's headers and adds Carried from and Previous update, Update left empty and status kept", () => {
    const table = writtenTable(carry(workbook(plan2011(MIXED))).plan);
    expect(table[0]).toEqual([...HEADER, CARRIED_FROM_HEADER, PREVIOUS_UPDATE_HEADER]);
    expect(columnValues(table, "Update")).toEqual([null, null, null, null]);
    expect(columnValues(table, "Status")).toEqual(["Green", "Red", null, "TBC"]);
    expect(columnValues(table, CARRIED_FROM_HEADER)).toEqual([
      "2011-12 / 2",
      "2011-12 / 3",
      "2011-12 / 3.10",
      "2011-12 / 3.1",
    ]);
    expect(columnValues(table, PREVIOUS_UPDATE_HEADER)).toEqual([
      "Meeting arranged",
      "Funding cut",
      null,
      "Waiting for data",
    ]);
  });

  it("builds the sheet with addSheet and whole-range writes after the source, never writing the source", () => {
    const { plan } = carry(workbook(plan2011(MIXED)));
    expect(plan.ops[0]).toEqual({ kind: "addSheet", sheet: "2012-13", after: "2011-12" });
    const touched = plan.ops.flatMap((op) => ("sheet" in op ? [op.sheet] : []));
    expect(touched).not.toContain("2011-12");
    const title = opsOf(plan, "writeCells").find((w) => w.row === 0);
    expect(title?.cells.map((r) => shown(r[0]))).toEqual([
      "Community Safety Plan 2012-13",
      "Actions carried over from 2011-12",
    ]);
  });

  it("gives the new table the same schema as an applied table", () => {
    const { plan } = carry(workbook(plan2011(MIXED)));
    const table = opsOf(plan, "addTable").find((t) => t.sheet === "2012-13");
    expect(table).toMatchObject({ name: "Actions_2012_13", range: { top: 3, left: 0, bottom: 7, right: 6 } });
    const validations = opsOf(plan, "setValidation").filter((v) => v.sheet === "2012-13");
    expect(validations.map((v) => [v.range.left, v.rule.source])).toEqual(
      expect.arrayContaining([
        [4, "=StatusList"],
        [2, "=LeadCodes"],
      ]),
    );
    expect(validations.every((v) => v.range.top === 4 && v.range.bottom === 7)).toBe(true);
    expect(
      opsOf(plan, "setConditionalFormats").some((f) => f.sheet === "2012-13" && f.range.left === 4),
    ).toBe(true);
  });

  it("makes the Lists sheet and its names when the workbook has none, as apply-schema would", () => {
    const { plan } = carry(workbook(plan2011(MIXED)));
    expect(opsOf(plan, "addSheet").map((op) => op.sheet)).toEqual(["2012-13", "Lists"]);
    expect(opsOf(plan, "defineName").map((op) => op.name)).toEqual(["LeadCodes", "StatusList", "ThemeList"]);
  });

  it("renumbers under a parent row when asked, keeping the old refs in Carried from", () => {
    const table = writtenTable(carry(workbook(plan2011(MIXED)), { renumber: true }).plan);
    expect(columnValues(table, "Ref")).toEqual(["1", "1.1", "1.2", "1.3", "1.4"]);
    expect(columnValues(table, "Action")[0]).toBe("Carried over from 2011-12");
    expect(columnValues(table, CARRIED_FROM_HEADER)).toEqual([
      null,
      "2011-12 / 2",
      "2011-12 / 3",
      "2011-12 / 3.10",
      "2011-12 / 3.1",
    ]);
  });

  it("leaves out the actions the user unticked", () => {
    const snapshot = workbook(plan2011(MIXED));
    const model = readPlan(snapshot);
    const three = model.actions.find((a) => a.ref === "3");
    const result = planCarryOver(snapshot, model, {
      fromSheet: "2011-12",
      renumber: false,
      exclude: [three ? actionIdentity(three) : "?"],
    });
    expect(result.carried.map((a) => a.ref)).toEqual(["2", "3.10", "3.1"]);
  });

  it("writes text that looks like a formula or a number as text", () => {
    const hostile: CellSpec[][] = [
      ["3.10", "=SUM(A1:A3)", "+44 1642", "-minus", "Red"],
      ["007", "@mention", "Police", '=HYPERLINK("x")', "Amber"],
    ];
    const { plan } = carry(workbook(plan2011(hostile)));
    const op = opsOf(plan, "writeCells").find((w) => w.row === 2);
    const body = op?.cells.slice(1).flat() ?? [];
    expect(body.filter((c) => c.kind !== "blank").every((c) => c.kind === "text")).toBe(true);
    const table = writtenTable(plan);
    expect(columnValues(table, "Action")).toEqual(["=SUM(A1:A3)", "@mention"]);
    expect(columnValues(table, PREVIOUS_UPDATE_HEADER)).toEqual(["-minus", '=HYPERLINK("x")']);
  });

  it("names the cell in Carried from when the table has no ref column", () => {
    const snapshot = workbook(
      sheet("Recs 2010", [
        ["Recommendation", "Update"],
        ["Improve data", "Partly"],
      ]),
    );
    const result = planCarryOver(snapshot, readPlan(snapshot), { fromSheet: "Recs 2010", renumber: false });
    expect(result.targetSheet).toBe("Recs 2011");
    const action = result.carried[0];
    expect(action && carriedFromLabel(action)).toBe(`Recs 2010 / ${action?.cell}`);
    const table = writtenTable(result.plan);
    expect(table[0]).toEqual([
      "Recommendation",
      "Update",
      "Lead",
      "Status",
      CARRIED_FROM_HEADER,
      PREVIOUS_UPDATE_HEADER,
    ]);
  });

  it("carries the actions of every table on the sheet into one table whose columns are the union", () => {
    const snapshot = workbook(
      sheet("Plan 2010-11", [
        ["Ref", "Action", "Lead", "Status"],
        ["1", "First", "CS", "Red"],
        [],
        [],
        ["Ref", "Action", "Due", "Lead", "Progress", "Status"],
        [
          "2",
          "Second",
          { value: 40544, text: "01/01/2011", numberFormat: "dd/mm/yyyy" },
          "Police",
          "Begun",
          "Green",
        ],
      ]),
    );
    const model = readPlan(snapshot);
    expect(model.tables).toHaveLength(2);
    const result = planCarryOver(snapshot, model, { fromSheet: "Plan 2010-11", renumber: false });
    expect(result.targetSheet).toBe("Plan 2011-12");
    const table = writtenTable(result.plan);
    expect(table[0]).toEqual([
      "Ref",
      "Action",
      "Due",
      "Lead",
      "Progress",
      "Status",
      CARRIED_FROM_HEADER,
      PREVIOUS_UPDATE_HEADER,
    ]);
    expect(columnValues(table, "Action")).toEqual(["First", "Second"]);
    expect(columnValues(table, "Due")).toEqual([null, "2011-01-01"]);
    expect(columnValues(table, PREVIOUS_UPDATE_HEADER)).toEqual([null, "Begun"]);
  });

  it("says so, and writes nothing, when every action is complete", () => {
    const result = carry(workbook(plan2011([["1", "Done", "CS", "Old", "Complete"]])));
    expect(result.plan.ops).toEqual([]);
    expect(result.problems.map((p) => p.rule)).toEqual(["carry/nothing-outstanding"]);
  });
});

describe("planCarryOver problems", () => {
  it("names the sheets when the source does not exist", () => {
    const result = carry(workbook(plan2011(MIXED)), { fromSheet: "2010-11" });
    expect(result.plan.ops).toEqual([]);
    expect(result.problems[0]?.message).toMatch(/no sheet named '2010-11'.*'2011-12'/);
  });

  it("names the new sheet for the next period when only the sheet's title names one", () => {
    expect(carry(workbook(plan2011(MIXED, "1 ASB")), { fromSheet: "1 ASB" }).targetSheet).toBe(
      "1 ASB 2012-13",
    );
  });

  it("asks for a name when neither the source's name nor its title has a year", () => {
    const snapshot = workbook(sheet("1 ASB", [["Anti-social behaviour"], [], HEADER, ...MIXED]));
    const result = carry(snapshot, { fromSheet: "1 ASB" });
    expect(result.plan.ops).toEqual([]);
    expect(result.problems[0]).toMatchObject({ rule: "carry/target-name", sheet: "1 ASB" });
    expect(
      carry(workbook(plan2011(MIXED, "1 ASB")), { fromSheet: "1 ASB", toSheet: "1 ASB 2012" }).targetSheet,
    ).toBe("1 ASB 2012");
  });

  it("refuses a target name Excel would not accept", () => {
    const result = carry(workbook(plan2011(MIXED)), { toSheet: "2012/13" });
    expect(result.plan.ops).toEqual([]);
    expect(result.problems[0]?.message).toMatch(/'\/'/);
  });

  it("refuses to write into an existing sheet that is not a carry-over sheet", () => {
    const result = carry(workbook(plan2011(MIXED), plan2011([["1", "Other", "CS", "", "Red"]], "2012-13")));
    expect(result.plan.ops).toEqual([]);
    expect(result.problems[0]).toMatchObject({ rule: "carry/target-exists", sheet: "2012-13" });
  });

  it("builds the carried table in an existing blank sheet of that name, without adding a sheet", () => {
    const result = carry(workbook(plan2011(MIXED), sheet("2012-13", [[], [null, ""]])));
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(opsOf(result.plan, "addSheet").map((op) => op.sheet)).toEqual(["Lists"]);
    expect(columnValues(writtenTable(result.plan), "Ref")).toEqual(["2", "3", "3.10", "3.1"]);
  });

  it("refuses to carry a sheet into itself", () => {
    const result = carry(workbook(plan2011(MIXED)), { toSheet: "2011-12" });
    expect(result.plan.ops).toEqual([]);
    expect(result.problems[0]?.rule).toBe("carry/target-name");
  });
});

describe("planCarryOver into an existing carry-over sheet", () => {
  function afterFirstCarry(rows: CellSpec[][], renumber = false) {
    const before = workbook(plan2011(rows));
    const first = carry(before, { renumber });
    return { first, after: applyToSnapshot(before, first.plan) };
  }

  it("adds nothing on a second run", () => {
    const { first, after } = afterFirstCarry(MIXED);
    expect(first.carried).toHaveLength(4);
    const second = carry(after);
    expect(second.problems).toEqual([]);
    expect(second.carried).toEqual([]);
    expect(second.alreadyThere.map((a) => a.ref)).toEqual(["2", "3", "3.10", "3.1"]);
    expect(second.plan.ops).toEqual([]);
  });

  it("appends only the actions not already there, below the table", () => {
    const { after } = afterFirstCarry(MIXED.slice(0, 3));
    const source = after.sheets[0];
    const withMore = {
      ...after,
      sheets: after.sheets.map((s) =>
        s === source ? plan2011([...MIXED.slice(0, 3), ["6", "New late action", "CS", "", "Amber"]]) : s,
      ),
    };
    const result = carry(withMore);
    expect(result.carried.map((a) => a.ref)).toEqual(["6"]);
    expect(result.alreadyThere.map((a) => a.ref)).toEqual(["2", "3"]);
    const [append] = opsOf(result.plan, "appendTableRows");
    expect(append).toMatchObject({ sheet: "2012-13", table: "Actions_2012_13", row: 6, column: 0 });
    expect(append?.cells.map((r) => r.map(shown))).toEqual([
      ["6", "New late action", "CS", null, "Amber", "2011-12 / 6", null],
    ]);
    expect(opsOf(result.plan, "addSheet")).toEqual([]);
    expect(opsOf(result.plan, "addTable")).toEqual([]);
    const statusValidation = opsOf(result.plan, "setValidation").find((v) => v.rule.source === "=StatusList");
    expect(statusValidation?.range).toEqual({ top: 4, left: 4, bottom: 6, right: 4 });
  });

  it("renumbers appended actions under a new parent one above the largest whole ref", () => {
    const { after } = afterFirstCarry(MIXED.slice(0, 3), true);
    const withMore = {
      ...after,
      sheets: after.sheets.map((s) =>
        s.name === "2011-12" ? plan2011([...MIXED.slice(0, 3), ["6", "New", "CS", "", "Amber"]]) : s,
      ),
    };
    const result = carry(withMore, { renumber: true });
    const [append] = opsOf(result.plan, "appendTableRows");
    expect(append?.cells.map((r) => shown(r[0]))).toEqual(["2", "2.1"]);
    expect(append?.cells.map((r) => shown(r[1]))).toEqual(["Carried over from 2011-12", "New"]);
  });

  it("carries a carried-over sheet on again with one Carried from column naming the latest sheet", () => {
    const { after } = afterFirstCarry(MIXED);
    const next = carry(after, { fromSheet: "2012-13" });
    expect(next.targetSheet).toBe("2013-14");
    const table = writtenTable(next.plan);
    expect(table[0]).toEqual([...HEADER, CARRIED_FROM_HEADER, PREVIOUS_UPDATE_HEADER]);
    expect(columnValues(table, CARRIED_FROM_HEADER)).toEqual([
      "2012-13 / 2",
      "2012-13 / 3",
      "2012-13 / 3.10",
      "2012-13 / 3.1",
    ]);
  });

  it("refuses a protected target and writes nothing", () => {
    const { after } = afterFirstCarry(MIXED);
    const locked = {
      ...after,
      sheets: after.sheets.map((s) => (s.name === "2012-13" ? { ...s, isProtected: true } : s)),
    };
    const result = carry(locked);
    expect(result.plan.ops).toEqual([]);
    expect(result.problems[0]).toMatchObject({ rule: "write/protected-sheet", sheet: "2012-13" });
  });

  it("refuses to overwrite cells below the table", () => {
    const { after } = afterFirstCarry(MIXED.slice(0, 3));
    const target = after.sheets.find((s) => s.name === "2012-13");
    const cells = [...(target?.cells ?? [])];
    cells[6] = [
      null,
      null,
      { value: "a note", text: "a note", numberFormat: "General", fill: null, formula: null },
    ];
    const blocked = {
      ...after,
      sheets: after.sheets.map((s) =>
        s.name === "2012-13"
          ? { ...s, cells }
          : s.name === "2011-12"
            ? plan2011([
                ...MIXED.slice(0, 3),
                ["6", "New", "CS", "", "Amber"],
                ["7", "Newer", "CS", "", "Red"],
              ])
            : s,
      ),
    };
    const result = carry(blocked);
    expect(result.plan.ops).toEqual([]);
    expect(result.problems[0]).toMatchObject({ rule: "carry/in-the-way", cell: "C7" });
  });
});

/** A sheet per theme, its period only in the title (as the 2011-12 plan keeps them). */
function themeSheet(name: string, title: string, rows: CellSpec[][]): SheetSnapshot {
  return sheet(name, [[title], [], HEADER, ...rows]);
}

function themedPlan(): WorkbookSnapshot {
  return workbook(
    themeSheet("1 ASB", "1. ANTI SOCIAL BEHAVIOUR ACTION PLAN 2011-12", [
      ["1.1", "Patrol the parks", "Police", "Started", "Amber"],
      ["1.2", "Publish the leaflet", "CS", "Done", "Complete"],
    ]),
    themeSheet("2 Alcohol", "2. ALCOHOL ACTION PLAN 2011/12", [
      ["2.1", "Train bar staff", "DAT", "", "Red"],
      ["2.2", "Test purchases", "TS", "Two done", "Green"],
    ]),
    themeSheet("3 Violence 2010", "3. VIOLENCE ACTION PLAN 2010", [["3.1", "Old work", "Police", "", "Red"]]),
  );
}

describe("planCarryOver over a period kept as one sheet per theme", () => {
  it("finds the period in each table's title and lists the periods latest first", () => {
    const snapshot = themedPlan();
    expect(carryPeriods(readPlan(snapshot))).toEqual([
      { period: "2011-12", sheets: ["1 ASB", "2 Alcohol"] },
      { period: "2010", sheets: ["3 Violence 2010"] },
    ]);
  });

  it("takes a period, however its years are written, as every sheet of it, and anything else as a sheet name", () => {
    const snapshot = themedPlan();
    const model = readPlan(snapshot);
    expect(carrySources(snapshot, model, "2011-12")).toEqual(["1 ASB", "2 Alcohol"]);
    expect(carrySources(snapshot, model, "2011/2012")).toEqual(["1 ASB", "2 Alcohol"]);
    expect(carrySources(snapshot, model, "2 Alcohol")).toEqual(["2 Alcohol"]);
    expect(carrySources(snapshot, model, "1999-00")).toEqual(["1999-00"]);
    expect(defaultCarrySources(model)).toEqual(["1 ASB", "2 Alcohol"]);
  });

  it("takes a period no table names as the sheets that name none, and names their new sheets for the next", () => {
    const snapshot = workbook(
      themeSheet("1 ASB", "ANTI SOCIAL BEHAVIOUR ACTION PLAN", [["1.1", "Patrol", "Police", "", "Red"]]),
      themeSheet("2 Alcohol", "ALCOHOL ACTION PLAN", [["2.1", "Train", "DAT", "", "Amber"]]),
      themeSheet("Plan 2013-14", "PLAN", [["1", "Later", "CS", "", "Red"]]),
    );
    const model = readPlan(snapshot);
    expect(carrySources(snapshot, model, "2011-12")).toEqual(["1 ASB", "2 Alcohol"]);
    const result = carry(snapshot, { fromSheet: ["1 ASB", "2 Alcohol"], period: "2011-12" });
    expect(result.sheets.map((s) => s.target)).toEqual(["1 ASB 2012-13", "2 Alcohol 2012-13"]);
  });

  it("carries every sheet of the period in one plan, each to a new sheet named for the new period", () => {
    const snapshot = themedPlan();
    const result = carry(snapshot, { fromSheet: ["1 ASB", "2 Alcohol"] });
    expect(result.problems).toEqual([]);
    expect(result.sheets.map((s) => [s.source, s.target, s.carried.map((a) => a.ref)])).toEqual([
      ["1 ASB", "1 ASB 2012-13", ["1.1"]],
      ["2 Alcohol", "2 Alcohol 2012-13", ["2.1", "2.2"]],
    ]);
    expect(result.carried).toHaveLength(3);
    // The new year's sheets go together after the old year's, in the same order, and Lists once, at the end.
    expect(opsOf(result.plan, "addSheet")).toEqual([
      { kind: "addSheet", sheet: "1 ASB 2012-13", after: "2 Alcohol" },
      { kind: "addSheet", sheet: "Lists", after: null },
      { kind: "addSheet", sheet: "2 Alcohol 2012-13", after: "1 ASB 2012-13" },
    ]);
    expect(opsOf(result.plan, "defineName").map((op) => op.name)).toEqual([
      "LeadCodes",
      "StatusList",
      "ThemeList",
    ]);
    const tables = opsOf(result.plan, "addTable").filter((t) => t.sheet.endsWith("2012-13"));
    expect(new Set(tables.map((t) => t.name.toLowerCase())).size).toBe(2);
    expect(opsOf(result.plan, "activateSheet")).toEqual([{ kind: "activateSheet", sheet: "1 ASB 2012-13" }]);
    const titles = opsOf(result.plan, "writeCells")
      .filter((w) => w.row === 0)
      .map((w) => shown(w.cells[0]?.[0]));
    expect(titles).toEqual(
      expect.arrayContaining([
        "1. ANTI SOCIAL BEHAVIOUR ACTION PLAN 2012-13",
        "2. ALCOHOL ACTION PLAN 2012/13",
      ]),
    );
    const touched = result.plan.ops.flatMap((op) => ("sheet" in op ? [op.sheet] : []));
    expect(touched).not.toContain("1 ASB");
    expect(touched).not.toContain("2 Alcohol");
  });

  it("carries only what is new on a second run, the earlier run's sheets being there", () => {
    const first = themedPlan();
    const once = carry(first, { fromSheet: ["1 ASB", "2 Alcohol"] });
    const after = applyToSnapshot(first, once.plan);
    const again = carry(after, { fromSheet: ["1 ASB", "2 Alcohol"] });
    expect(again.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(again.carried).toEqual([]);
    expect(again.alreadyThere).toHaveLength(3);
  });

  it("refuses the whole period, writing nothing, when one sheet cannot be carried", () => {
    const snapshot = workbook(...themedPlan().sheets, sheet("2 Alcohol 2012-13", [["Someone else's notes"]]));
    const result = carry(snapshot, { fromSheet: ["1 ASB", "2 Alcohol"] });
    expect(result.plan.ops).toEqual([]);
    expect(result.problems.map((p) => p.rule)).toContain("carry/target-exists");
  });

  it("shortens a long theme's name to fit Excel's 31 characters with the new period", () => {
    const snapshot = workbook(
      themeSheet("6 Emerging Issues and Priorities", "EMERGING ISSUES 2011-12", [
        ["6.1", "Watch", "CS", "", "Red"],
      ]),
    );
    const result = carry(snapshot, { fromSheet: ["6 Emerging Issues and Priorities"] });
    expect(result.targetSheet).toBe("6 Emerging Issues and P 2012-13");
    expect(result.targetSheet.length).toBeLessThanOrEqual(31);
  });
});

describe("planCarryOver's choices over what is carried", () => {
  const DUE_HEADER: CellSpec[] = [...HEADER, "Due"];
  const date = (iso: string): CellSpec => ({ value: isoToExcelSerial(iso), numberFormat: "dd/mm/yyyy" });
  const dated = () =>
    workbook(
      sheet("2011-12", [
        ["Plan 2011-12"],
        [],
        DUE_HEADER,
        ["1", "Past due work", "CS", "Slow", "Red", date("2012-02-29")],
        ["2", "Future work", "CS", "Fine", "Green", date("2013-01-31")],
        ["3", "Unsure work", "CS", "Asked", "TBC", date("2012-06-30")],
      ]),
    );

  it("keeps a status outside the list as typed by default and flags it at its cell", () => {
    const result = carry(dated());
    expect(columnValues(writtenTable(result.plan), "Status")).toEqual(["Red", "Green", "TBC"]);
    expect(result.unlistedStatus.map((a) => a.ref)).toEqual(["3"]);
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        rule: "carry/status-not-in-list",
        sheet: "2011-12",
        cell: "E6",
        severity: "warning",
      }),
    );
  });

  it("clears a status outside the list when the analyst chooses, still saying so", () => {
    const result = carry(dated(), { unlistedStatus: "clear" });
    expect(columnValues(writtenTable(result.plan), "Status")).toEqual(["Red", "Green", null]);
    expect(result.problems.find((p) => p.rule === "carry/status-not-in-list")?.message).toMatch(/left blank/);
  });

  it("keeps past due dates by default and flags them, telling past from future by the given day", () => {
    const result = carry(dated(), { todayIso: "2012-07-01" });
    expect(columnValues(writtenTable(result.plan), "Due")).toEqual([
      "2012-02-29",
      "2013-01-31",
      "2012-06-30",
    ]);
    expect(result.pastDue.map((a) => a.ref)).toEqual(["1", "3"]);
    const flags = result.problems.filter((p) => p.rule === "carry/past-due");
    expect(flags.map((p) => p.cell)).toEqual(["F4", "F6"]);
    expect(flags[0]?.message).toContain("29/02/2012");
  });

  it("rolls past due dates forward a year, 29 February becoming 28 February, leaving future ones", () => {
    const result = carry(dated(), { todayIso: "2012-07-01", pastDue: "roll" });
    expect(columnValues(writtenTable(result.plan), "Due")).toEqual([
      "2013-02-28",
      "2013-01-31",
      "2013-06-30",
    ]);
  });

  it("clears past due dates when the analyst chooses", () => {
    const result = carry(dated(), { todayIso: "2012-07-01", pastDue: "clear" });
    expect(columnValues(writtenTable(result.plan), "Due")).toEqual([null, "2013-01-31", null]);
  });

  it("counts no date as past without today's date", () => {
    const result = carry(dated(), { pastDue: "clear" });
    expect(result.pastDue).toEqual([]);
    expect(columnValues(writtenTable(result.plan), "Due")).toEqual([
      "2012-02-29",
      "2013-01-31",
      "2012-06-30",
    ]);
  });

  it("tells a past due date typed as text by the day it names, keeps the text as typed, and rolls it on as a date", () => {
    const typed = () =>
      workbook(
        sheet("2011-12", [
          ["Plan 2011-12"],
          [],
          DUE_HEADER,
          ["1", "Typed past", "CS", "Slow", "Red", "29/02/2012"],
          ["2", "Typed month past", "CS", "Slow", "Amber", "June 2012"],
          ["3", "Typed future", "CS", "Fine", "Green", "31 January 2013"],
          ["4", "No date", "CS", "Fine", "Green", "Ongoing"],
        ]),
      );
    const kept = carry(typed(), { todayIso: "2012-07-01" });
    expect(kept.pastDue.map((a) => a.ref)).toEqual(["1", "2"]);
    expect(columnValues(writtenTable(kept.plan), "Due")).toEqual([
      "29/02/2012",
      "June 2012",
      "31 January 2013",
      "Ongoing",
    ]);
    expect(kept.problems.find((p) => p.rule === "carry/past-due")?.message).toContain(
      "was due on 29/02/2012 (typed as '29/02/2012'), which has passed",
    );
    const rolled = carry(typed(), { todayIso: "2012-07-01", pastDue: "roll" });
    expect(columnValues(writtenTable(rolled.plan), "Due")).toEqual([
      "2013-02-28",
      "2013-06-30",
      "31 January 2013",
      "Ongoing",
    ]);
  });

  it("keeps the previous update and makes the Update and Action columns the widest", () => {
    const { plan } = carry(dated());
    const table = writtenTable(plan);
    expect(columnValues(table, PREVIOUS_UPDATE_HEADER)).toEqual(["Slow", "Fine", "Asked"]);
    const widths = opsOf(plan, "setColumnWidths").find((op) => op.sheet === "2012-13")?.widths ?? [];
    const widthOf = (header: string) =>
      widths.find((w) => w.column === table[0]?.indexOf(header))?.width ?? 0;
    const others = (table[0] ?? [])
      .filter((h) => h !== "Update" && h !== "Action")
      .map((h) => widthOf(h ?? ""));
    expect(widths).toHaveLength(table[0]?.length ?? -1);
    expect(Math.min(widthOf("Update"), widthOf("Action"))).toBeGreaterThan(Math.max(...others));
  });
});

describe("planCarryOver and a column hidden on the source", () => {
  const hiddenNotes = () =>
    workbook(
      sheet(
        "2011-12",
        [
          ["Plan 2011-12"],
          [],
          ["Ref", "Action", "Internal notes", "Lead", "Update", "Status"],
          ["D1", "Naloxone in custody", "do not share", "Police", "Live in 2 of 3", "Amber"],
          ["D2", "Alcohol IBA", "ok", "Health", "Running", "Green"],
        ],
        { hiddenColumns: [2] },
      ),
    );

  it("keeps the column hidden on the new sheet, its words carried with it", () => {
    const { plan } = carry(hiddenNotes());
    const table = writtenTable(plan);
    expect(columnValues(table, "Internal notes")).toEqual(["do not share", "ok"]);
    const notes = table[0]?.indexOf("Internal notes") ?? -1;
    const widths = opsOf(plan, "setColumnWidths").find((op) => op.sheet === "2012-13")?.widths ?? [];
    expect(widths.filter((w) => w.hidden === true).map((w) => w.column)).toEqual([notes]);
  });

  it("says in the preview which column stays hidden", () => {
    const lines = describeWritePlan(carry(hiddenNotes()).plan);
    expect(lines).toContainEqual(expect.stringMatching(/column C hidden$/));
  });

  it("hides nothing on the new sheet when nothing was hidden on the source", () => {
    const { plan } = carry(workbook(plan2011(MIXED)));
    const widths = opsOf(plan, "setColumnWidths").flatMap((op) => op.widths);
    expect(widths.filter((w) => w.hidden === true)).toEqual([]);
  });
});

describe("planCarryOver and a row hidden on the source", () => {
  // Row 6 (D3) is hidden on the source sheet: its action is carried, and hidden on the new sheet too.
  const hiddenRow = (hiddenRows = [5]) =>
    workbook(
      sheet(
        "2011-12",
        [
          ["Plan 2011-12"],
          [],
          ["Ref", "Action", "Lead", "Update", "Status"],
          ["D1", "Naloxone in custody", "Police", "Live in 2 of 3", "Amber"],
          ["D2", "Alcohol IBA", "Health", "Running", "Green"],
          ["D3", "Drug-related death reviews", "Public Health", "Backlog", "Red"],
          ["D4", "Needle exchange", "Public Health", "Done", "Complete"],
        ],
        { hiddenRows },
      ),
    );
  const hiddenOn = (plan: WritePlan, sheetName: string): number[] =>
    opsOf(plan, "hideRows")
      .filter((op) => op.sheet === sheetName)
      .flatMap((op) => [...op.rows]);

  it("hides the carried row on the new sheet, where the action now sits", () => {
    const { plan } = carry(hiddenRow());
    const write = opsOf(plan, "writeCells").find((w) =>
      w.cells[0]?.some((c) => shown(c) === CARRIED_FROM_HEADER),
    );
    const at = write?.cells.findIndex((r) => r.some((c) => shown(c) === "Drug-related death reviews")) ?? -1;
    expect(at).toBeGreaterThan(0);
    expect(hiddenOn(plan, "2012-13")).toEqual([(write?.row ?? 0) + at]);
  });

  it("hides it below the parent row when renumbering", () => {
    const { plan } = carry(hiddenRow(), { renumber: true });
    const write = opsOf(plan, "writeCells").find((w) =>
      w.cells[0]?.some((c) => shown(c) === CARRIED_FROM_HEADER),
    );
    const at = write?.cells.findIndex((r) => r.some((c) => shown(c) === "Drug-related death reviews")) ?? -1;
    expect(hiddenOn(plan, "2012-13")).toEqual([(write?.row ?? 0) + at]);
  });

  it("says in the preview which row stays hidden", () => {
    expect(describeWritePlan(carry(hiddenRow()).plan)).toContainEqual(
      "Keep row 7 hidden on '2012-13', as its action's row was on '2011-12'",
    );
  });

  it("hides no row for a hidden row whose action is complete and stays behind, nor when none is hidden", () => {
    expect(opsOf(carry(hiddenRow([6])).plan, "hideRows")).toEqual([]);
    expect(opsOf(carry(hiddenRow([])).plan, "hideRows")).toEqual([]);
  });

  it("hides a row appended below a carried table already on the target", () => {
    const first = carry(hiddenRow([]));
    const target = applyToSnapshot(hiddenRow([]), first.plan);
    // The source's D3 row is hidden only now, and D3 is not yet on the target: carrying again adds it.
    const source = target.sheets.map((s) =>
      s.name === "2011-12"
        ? {
            ...s,
            hiddenRows: [5],
            cells: s.cells.map((r, i) =>
              i === 5 ? r.map((c, j) => (j === 0 && c ? { ...c, value: "D5", text: "D5" } : c)) : r,
            ),
          }
        : s,
    );
    const again = carry({ ...target, sheets: source });
    const append = opsOf(again.plan, "appendTableRows")[0];
    expect(append?.cells).toHaveLength(1);
    expect(hiddenOn(again.plan, "2012-13")).toEqual([append?.row]);
  });
});

describe("planCarryOver and a status only guessed from a fill colour", () => {
  // #7030A0 (purple) reads as Complete only as a guess (status/fill-guessed); #0070C0 is a clear blue.
  const guessed = () =>
    workbook(
      plan2011([
        ["1", "Publish the summary", "CS", "Published", { value: "", fill: "#0070C0" }],
        ["2", "Review the CCTV contract", "CS", "Out to tender", { value: "", fill: "#7030A0" }],
        ["3", "Youth provision map", "YOS", "Waiting", "Amber"],
        ["4", "Shop watch data", "Police", "Done", "Complete"],
      ]),
    );

  it("carries an action read as Complete only from a colour the reader guessed at, rather than drop it", () => {
    const result = carry(guessed());
    expect(result.carried.map((a) => a.ref)).toEqual(["2", "3"]);
    expect(columnValues(writtenTable(result.plan), "Action")).toEqual([
      "Review the CCTV contract",
      "Youth provision map",
    ]);
  });

  it("writes no status for the guessed action on the new sheet, so the guess never becomes a word", () => {
    const table = writtenTable(carry(guessed()).plan);
    expect(columnValues(table, "Status")).toEqual([null, "Amber"]);
  });

  it("says which action was carried for a guessed status, on its status cell, naming the colour", () => {
    const problems = carry(guessed()).problems.filter((p) => p.rule === "carry/status-guessed");
    expect(problems).toEqual([
      expect.objectContaining({ sheet: "2011-12", cell: "E5", severity: "warning" }),
    ]);
    expect(problems[0]?.message).toContain("2011-12 / 2");
    expect(problems[0]?.message).toContain("#7030A0");
    expect(problems[0]?.message).toContain("Complete");
  });

  it("still leaves behind actions whose Complete is typed or a clear blue, with no word about them", () => {
    const result = carry(guessed());
    expect(result.carried.map((a) => a.ref)).not.toContain("1");
    expect(result.carried.map((a) => a.ref)).not.toContain("4");
    expect(outstandingActions(readPlan(guessed()), "2011-12").map((a) => a.ref)).toEqual(["2", "3"]);
  });
});

describe("planCarryOver and actions grouped under priority rows", () => {
  const VIOLENCE = "Reducing violence";
  const ASB = "Tackling anti-social behaviour";
  const across = (row: number) => ({ top: row, left: 0, bottom: row, right: HEADER.length - 1 });
  const actions = {
    train: ["1.1", "Train door staff in every late-night venue", "Police", "Ten trained", "Green"],
    map: ["1.2", "Map violence hotspots", "CS", "Published", "Complete"],
    cctv: ["1.3", "Review CCTV in the town centre", "CS", "", "Amber"],
    pspo: ["2.1", "Review the public spaces protection order", "CS", "Consultation open", "Red"],
  } satisfies Record<string, CellSpec[]>;
  const worded = (): WorkbookSnapshot =>
    workbook(
      plan2011([
        [`Priority 1: ${VIOLENCE}`],
        actions.train,
        actions.map,
        actions.cctv,
        [`Priority 2: ${ASB}`],
        actions.pspo,
      ]),
    );
  // The title, a blank row and the header come first: the priority rows are sheet rows 3 and 7.
  const merged = (): WorkbookSnapshot =>
    workbook(
      sheet(
        "2011-12",
        [
          ["Community Safety Plan 2011-12"],
          [],
          HEADER,
          [VIOLENCE],
          actions.train,
          actions.map,
          actions.cctv,
          [ASB],
          actions.pspo,
        ],
        { merges: [across(3), across(7)] },
      ),
    );
  const numbered = (): WorkbookSnapshot =>
    workbook(plan2011([["1", VIOLENCE], actions.train, actions.map, actions.cctv, ["2", ASB], actions.pspo]));
  const layouts = [
    ["worded section rows", worded, `Priority 1: ${VIOLENCE}`, `Priority 2: ${ASB}`],
    ["section rows merged across the table", merged, VIOLENCE, ASB],
    ["numbered parent rows", numbered, VIOLENCE, ASB],
  ] as const;

  /** The carried actions read back from the new sheet: Carried from label and theme. */
  function readBack(after: WorkbookSnapshot, sheetName = "2012-13"): Array<[string, string | null]> {
    return readPlan(after)
      .actions.filter((a) => a.sheet === sheetName)
      .map((a) => [a.extra[CARRIED_FROM_HEADER] ?? "", a.theme]);
  }

  describe.each(layouts)("%s", (_name, build, first, second) => {
    it("reads each action's priority on the old sheet, as the new sheet must keep it", () => {
      expect(outstandingActions(readPlan(build()), "2011-12").map((a) => [a.ref, a.theme])).toEqual([
        ["1.1", first],
        ["1.3", first],
        ["2.1", second],
      ]);
    });

    it("writes a Theme column first, holding the priority each carried action stood under", () => {
      const table = writtenTable(carry(build()).plan);
      expect(table[0]).toEqual(["Theme", ...HEADER, CARRIED_FROM_HEADER, PREVIOUS_UPDATE_HEADER]);
      expect(columnValues(table, "Theme")).toEqual([first, first, second]);
      expect(columnValues(table, "Ref")).toEqual(["1.1", "1.3", "2.1"]);
    });

    it("leaves the Theme cell of the renumbering parent row blank, its actions keeping their priorities", () => {
      const table = writtenTable(carry(build(), { renumber: true }).plan);
      expect(columnValues(table, "Ref")).toEqual(["1", "1.1", "1.2", "1.3"]);
      expect(columnValues(table, "Action")[0]).toBe("Carried over from 2011-12");
      expect(columnValues(table, "Theme")).toEqual([null, first, first, second]);
    });

    it.each([false, true])("reads the new sheet back with the same themes (renumber: %s)", (renumber) => {
      const before = build();
      const result = carry(before, { renumber });
      const after = applyToSnapshot(before, result.plan);
      expect(readBack(after)).toEqual(result.carried.map((a) => [carriedFromLabel(a), a.theme]));
      expect(readPlan(after).themes).toEqual(expect.arrayContaining([first, second]));
    });
  });

  it("says in the preview that each action's priority goes in a Theme column, and how renumbering lays the rows out", () => {
    const plain = carry(worded()).plan;
    expect(plain.title).toContain("each action's priority in a Theme column");
    expect(plain.title).not.toContain("numbered");
    expect(describeWritePlan(plain)).toContain(
      "Write the carried table at A4:H7 on '2012-13', with a Theme column naming the priority each action stood under on '2011-12'",
    );
    const renumbered = carry(worded(), { renumber: true }).plan;
    expect(renumbered.title).toContain(
      "each action's priority in a Theme column; numbered 1.1–1.3 under '1 Carried over from 2011-12'",
    );
  });

  it("adds no Theme column, nor words about one, when no carried action has a theme", () => {
    const result = carry(workbook(plan2011(MIXED)));
    expect(writtenTable(result.plan)[0]).toEqual([...HEADER, CARRIED_FROM_HEADER, PREVIOUS_UPDATE_HEADER]);
    expect(result.plan.title).not.toContain("Theme");
  });

  it("keeps every theme when the new table is sorted, as a section row could not", () => {
    const before = worded();
    const result = carry(before);
    const after = applyToSnapshot(before, result.plan);
    // Sort the carried rows (sheet rows 4 to 6) the other way up, as Excel's sort on a column would.
    const sorted: WorkbookSnapshot = {
      ...after,
      sheets: after.sheets.map((s) =>
        s.name === "2012-13"
          ? { ...s, cells: [...s.cells.slice(0, 4), ...s.cells.slice(4, 7).reverse()] }
          : s,
      ),
    };
    expect(readBack(sorted)).toEqual(
      result.carried.map((a) => [carriedFromLabel(a), a.theme] as [string, string | null]).reverse(),
    );
  });

  it("fills the Theme column of rows appended to a carried sheet that has one", () => {
    const before = worded();
    const after = applyToSnapshot(before, carry(before).plan);
    const withMore: WorkbookSnapshot = {
      ...after,
      sheets: after.sheets.map((s) =>
        s.name === "2011-12"
          ? {
              ...s,
              cells: [...s.cells, ...sheet("x", [["2.2", "Fund street pastors", "CS", "", "Amber"]]).cells],
            }
          : s,
      ),
    };
    const result = carry(withMore);
    expect(result.carried.map((a) => [a.ref, a.theme])).toEqual([["2.2", `Priority 2: ${ASB}`]]);
    const [append] = opsOf(result.plan, "appendTableRows");
    expect(shown(append?.cells[0]?.[0])).toBe(`Priority 2: ${ASB}`);
    expect(result.plan.title).toContain("each action's priority in a Theme column");
  });

  it("reads no theme from a 'Carried over from' parent row: actions under it keep their own or none", () => {
    // A sheet carried with --renumber before carry-over wrote a Theme column, and one that has it.
    const old = workbook(
      sheet("2012-13", [
        ["Ref", "Action", "Lead", "Status", CARRIED_FROM_HEADER],
        ["1", "Carried over from 2011-12"],
        ["1.1", "Review CCTV", "CS", "Amber", "2011-12 / 3"],
        ["1.2", "Youth provision map", "YOS", "Red", "2011-12 / 4"],
      ]),
      sheet("2013-14", [
        ["Theme", "Ref", "Action", "Lead", "Status", CARRIED_FROM_HEADER],
        [null, "1", "Carried over from 2012-13"],
        [VIOLENCE, "1.1", "Review CCTV", "CS", "Amber", "2012-13 / 1.1"],
        [null, "1.2", "Youth provision map", "YOS", "Red", "2012-13 / 1.2"],
      ]),
    );
    expect(readPlan(old).actions.map((a) => [a.sheet, a.ref, a.theme])).toEqual([
      ["2012-13", "1.1", null],
      ["2012-13", "1.2", null],
      ["2013-14", "1.1", VIOLENCE],
      ["2013-14", "1.2", null],
    ]);
  });
});

describe("planCarryOver on random plans", () => {
  const awkward = fc
    .tuple(
      fc.constantFrom("", "=", "+", "-", "@", "'", "👮 "),
      fc.stringMatching(/^[A-Za-z0-9 .,&()%£安]{1,24}$/),
    )
    .map(([prefix, rest]) => prefix + rest);
  const status = fc.constantFrom<CellSpec>("Red", "Amber", "Green", "Complete", "C", "TBC", null, "red ");
  const row = fc.tuple(fc.stringMatching(/^\d{1,2}(\.\d{1,2})?$/), awkward, awkward, awkward, status);

  it("carries exactly the outstanding actions, every value as the same text, never writing the source", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), fc.boolean(), (rows, renumber) => {
        const snapshot = workbook(plan2011(rows.map((r) => [...r])));
        const model = readPlan(snapshot);
        const result = planCarryOver(snapshot, model, { fromSheet: "2011-12", renumber });
        const outstanding = outstandingActions(model, "2011-12");
        expect(result.carried).toEqual(outstanding);
        expect(result.plan.ops.some((op) => "sheet" in op && op.sheet === "2011-12")).toBe(false);
        if (outstanding.length === 0) return;
        const table = writtenTable(result.plan);
        expect(columnValues(table, "Action").slice(renumber ? 1 : 0)).toEqual(
          outstanding.map((a) => (a.action === "" ? null : a.action)),
        );
        expect(columnValues(table, PREVIOUS_UPDATE_HEADER).slice(renumber ? 1 : 0)).toEqual(
          outstanding.map((a) => (a.update === "" ? null : a.update)),
        );
        const body = opsOf(result.plan, "writeCells").flatMap((w) => w.cells.flat());
        expect(body.every((c) => c.kind === "text" || c.kind === "blank")).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
