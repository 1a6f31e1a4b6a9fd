import { MAX_PERIOD_LABEL_LENGTH, planClosePeriod } from "../../src/core/planning/close-period";
import { readPlan } from "../../src/core/reading/read-plan";
import type { SheetSnapshot, WorkbookSnapshot } from "../../src/core/basics/snapshot";
import type { CellWrite, WriteOp } from "../../src/core/basics/write-plan";
import { sheet, workbook, type CellSpec } from "../support/snapshot-builder";

const TODAY = "2012-10-01";
const PLAN = sheet("2012-13", [
  ["Ref", "Action", "Lead", "Update", "Status"],
  ["1", "Patrol the park", "POL", "On track", "Green"],
  ["2", "=SUM(1) stays text", "YOS", "+44 ring back", "R"],
]);
const HEADER: CellSpec[] = ["Period", "Sheet", "Ref", "Action", "Lead", "Status", "Update", "Recorded on"];
const DATE = { value: 41000, text: "01/04/2012", numberFormat: "dd/mm/yyyy" };

function historyRow(period: string, ref: string, status: string): CellSpec[] {
  return [period, "2012-13", ref, `Action ${ref}`, "", status, `said in ${period}`, DATE];
}

/** A Status history sheet whose ListObject covers the header and `rows`, plus `spare` empty table rows. */
function historySheet(rows: CellSpec[][], spare = 0, header: CellSpec[] = HEADER): SheetSnapshot {
  return sheet("Status history", [header, ...rows], {
    tables: [
      {
        name: "StatusHistory",
        range: { top: 0, left: 0, bottom: rows.length + spare, right: header.length - 1 },
        columnNames: header.map(String),
      },
    ],
  });
}

function close(snapshot: WorkbookSnapshot, label = "Q2 2012-13") {
  return planClosePeriod(snapshot, readPlan(snapshot), { label, todayIso: TODAY });
}

function texts(cells: ReadonlyArray<ReadonlyArray<CellWrite>>): string[][] {
  return cells.map((row) =>
    row.map((c) => {
      switch (c.kind) {
        case "text":
          return c.text;
        case "date":
          return `date:${c.iso}`;
        case "number":
          return `number:${c.value}`;
        case "blank":
          return "";
        case "boolean":
          return `boolean:${String(c.value)}`;
        case "formula":
          return `formula:${c.formula}`;
      }
    }),
  );
}

function opsOf(kind: WriteOp["kind"], ops: readonly WriteOp[] | undefined): WriteOp[] {
  return (ops ?? []).filter((o) => o.kind === kind);
}

describe("planClosePeriod: the first close", () => {
  it("adds the Status history sheet with a table of every action's status and update under the label", () => {
    const result = close(workbook(PLAN));
    expect(result.problems).toEqual([]);
    expect(result.recorded).toBe(2);
    const ops = result.plan?.ops ?? [];
    expect(ops[0]).toEqual({ kind: "addSheet", sheet: "Status history", after: null });
    const write = ops[1];
    expect(write?.kind === "writeCells" && texts(write.cells)).toEqual([
      ["Period", "Sheet", "Ref", "Action", "Lead", "Status", "Update", "Recorded on"],
      ["Q2 2012-13", "2012-13", "1", "Patrol the park", "POL", "Green", "On track", "date:2012-10-01"],
      ["Q2 2012-13", "2012-13", "2", "=SUM(1) stays text", "YOS", "Red", "+44 ring back", "date:2012-10-01"],
    ]);
    expect(opsOf("addTable", ops)).toEqual([
      expect.objectContaining({ name: "StatusHistory", range: { top: 0, left: 0, bottom: 2, right: 7 } }),
    ]);
    // Nothing on the plan's own sheet is written.
    expect(ops.filter((o) => "sheet" in o && o.sheet !== "Status history")).toEqual([]);
  });

  it("records no status for an action whose status is only guessed from its fill colour", () => {
    // #7030A0 (purple) reads as Complete only as a guess: the history must not make it a word.
    const plan = sheet("2012-13", [
      ["Ref", "Action", "Lead", "Update", "Status"],
      ["1", "Patrol the park", "POL", "On track", { value: "", fill: "#7030A0" }],
    ]);
    const write = close(workbook(plan)).plan?.ops[1];
    expect(write?.kind === "writeCells" && texts(write.cells)[1]).toEqual([
      "Q2 2012-13",
      "2012-13",
      "1",
      "Patrol the park",
      "POL",
      "",
      "On track",
      "date:2012-10-01",
    ]);
  });

  it("trims the label and refuses one that is empty or too long, with no plan", () => {
    expect(close(workbook(PLAN), "  Q2  ").label).toBe("Q2");
    for (const label of ["", "   ", "x".repeat(MAX_PERIOD_LABEL_LENGTH + 1)]) {
      const result = close(workbook(PLAN), label);
      expect(result.plan).toBeNull();
      expect(result.problems).toEqual([
        expect.objectContaining({
          sheet: "Status history",
          rule: "history/label-invalid",
          severity: "error",
        }),
      ]);
    }
    expect(close(workbook(PLAN), "x".repeat(MAX_PERIOD_LABEL_LENGTH)).plan).not.toBeNull();
  });

  it("builds the table on an empty Status history sheet without adding another", () => {
    const result = close(workbook(PLAN, sheet("Status history", [])));
    expect(opsOf("addSheet", result.plan?.ops)).toEqual([]);
    expect(opsOf("addTable", result.plan?.ops)).toHaveLength(1);
  });
});

describe("planClosePeriod: a table already there", () => {
  it("appends a new label below the rows already recorded, growing the table", () => {
    const result = close(workbook(PLAN, historySheet([historyRow("Q1 2012-13", "1", "Amber")])));
    expect(result.replaced).toBe(0);
    const ops = result.plan?.ops ?? [];
    expect(opsOf("writeCells", ops)).toEqual([]);
    const append = opsOf("appendTableRows", ops)[0];
    expect(append).toMatchObject({ sheet: "Status history", table: "StatusHistory", row: 2, column: 0 });
    expect(append?.kind === "appendTableRows" && texts(append.cells).map((r) => r[0])).toEqual([
      "Q2 2012-13",
      "Q2 2012-13",
    ]);
  });

  it("replaces the label's rows when it is closed again, never duplicating them", () => {
    const rows = [
      historyRow("Q1 2012-13", "1", "Amber"),
      historyRow("Q1 2012-13", "2", "Amber"),
      historyRow("q2  2012-13", "1", "Red"),
      historyRow("Q2 2012-13", "2", "Red"),
      historyRow("Q2 2012-13", "3", "Red"),
    ];
    const result = close(workbook(PLAN, historySheet(rows)));
    expect(result.replaced).toBe(3);
    const ops = result.plan?.ops ?? [];
    const writes = opsOf("writeCells", ops);
    expect(writes[0]).toMatchObject({ row: 3, column: 0 });
    expect(writes[0]?.kind === "writeCells" && texts(writes[0].cells).map((r) => [r[0], r[2], r[5]])).toEqual(
      [
        ["Q2 2012-13", "1", "Green"],
        ["Q2 2012-13", "2", "Red"],
      ],
    );
    // The third old Q2 row is emptied; the Q1 rows above are not written.
    expect(writes[1]).toMatchObject({ row: 5, cells: [Array(8).fill({ kind: "blank" })] });
    expect(opsOf("appendTableRows", ops)).toEqual([]);
  });

  it("re-closing an earlier label moves the later rows up as they were and keeps every other label", () => {
    const rows = [
      historyRow("Q1", "1", "Amber"),
      historyRow("Q1", "2", "Amber"),
      historyRow("Q1", "3", "Amber"),
      historyRow("Q2", "1", "Green"),
    ];
    const result = close(workbook(PLAN, historySheet(rows)), "Q1");
    const write = opsOf("writeCells", result.plan?.ops)[0];
    expect(write).toMatchObject({ row: 1 });
    expect(write?.kind === "writeCells" && texts(write.cells).map((r) => [r[0], r[2], r[7]])).toEqual([
      ["Q1", "1", "date:2012-10-01"],
      ["Q1", "2", "date:2012-10-01"],
      ["Q2", "1", "number:41000"],
    ]);
    expect(write?.kind === "writeCells" && write.cells[2]?.[7]).toEqual({
      kind: "number",
      value: 41000,
      numberFormat: "dd/mm/yyyy",
    });
    expect(opsOf("writeCells", result.plan?.ops)[1]).toMatchObject({ row: 4 });
  });

  it("fills the table's empty rows before growing it", () => {
    const result = close(workbook(PLAN, historySheet([historyRow("Q1", "1", "Amber")], 1)));
    const ops = result.plan?.ops ?? [];
    expect(opsOf("writeCells", ops)).toEqual([expect.objectContaining({ row: 2 })]);
    expect(opsOf("appendTableRows", ops)).toEqual([expect.objectContaining({ row: 3 })]);
    const write = opsOf("writeCells", ops)[0];
    expect(write?.kind === "writeCells" && write.cells).toHaveLength(1);
  });

  it("refuses a table missing a column, cells in the way, or a protected sheet, with no plan", () => {
    const missing = close(
      workbook(PLAN, historySheet([historyRow("Q1", "1", "Amber").slice(0, 7)], 0, HEADER.slice(0, 7))),
    );
    expect(missing.plan).toBeNull();
    expect(missing.problems).toEqual([
      expect.objectContaining({ cell: "A1", rule: "history/close-column-missing", severity: "error" }),
    ]);

    const blocked = historySheet([historyRow("Q1", "1", "Amber"), [], [null, null, "note"]]);
    const tight: SheetSnapshot = {
      ...blocked,
      tables: [{ ...blocked.tables[0]!, range: { top: 0, left: 0, bottom: 1, right: 7 } }],
    };
    const inTheWay = close(workbook(PLAN, tight));
    expect(inTheWay.plan).toBeNull();
    expect(inTheWay.problems).toEqual([expect.objectContaining({ cell: "C4", rule: "history/in-the-way" })]);

    const locked = close(workbook(PLAN, { ...historySheet([]), isProtected: true }));
    expect(locked.plan).toBeNull();
    expect(locked.problems).toEqual([expect.objectContaining({ rule: "write/protected-sheet" })]);
  });

  it("makes a table over a history kept without one, after writing below its last row", () => {
    const plain = sheet("Status history", [["Notes kept above"], HEADER, historyRow("Q1", "1", "Amber")]);
    const result = close(workbook(PLAN, plain));
    const ops = result.plan?.ops ?? [];
    expect(opsOf("writeCells", ops)).toEqual([expect.objectContaining({ row: 3, column: 0 })]);
    expect(opsOf("addTable", ops)).toEqual([
      expect.objectContaining({ name: "StatusHistory", range: { top: 1, left: 0, bottom: 4, right: 7 } }),
    ]);
  });

  it("keeps a column the user added: blank in the new rows, as it was in the rows moved up", () => {
    const header = [...HEADER, "Board comment"];
    const rows = [
      [...historyRow("Q1", "1", "Amber"), "asked for a plan"],
      [...historyRow("Q2", "1", "Red"), "escalate"],
    ];
    const result = close(workbook(PLAN, historySheet(rows, 0, header)), "Q1");
    // Two rows fit in the table as it is; the third grows it.
    const written = (result.plan?.ops ?? []).flatMap((o) =>
      o.kind === "writeCells" || o.kind === "appendTableRows" ? texts(o.cells) : [],
    );
    expect(written.map((r) => [r[0], r[8]])).toEqual([
      ["Q1", ""],
      ["Q1", ""],
      ["Q2", "escalate"],
    ]);
  });

  it("refuses a workbook without actions", () => {
    const result = close(workbook(sheet("Notes", [["nothing here"]])));
    expect(result.plan).toBeNull();
    expect(result.problems).toEqual([expect.objectContaining({ rule: "history/no-actions" })]);
  });
});
