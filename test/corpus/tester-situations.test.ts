/**
 * The situations a tester's workbooks found, varied by script: action rows worded like headers
 * ("Action 1 of 2023-24 | Update 1"), a totals row under the actions, two columns headed for the
 * status, statuses only guessed from a fill colour (never taken as certain by carry-over or the
 * summary), action rows hidden on the sheet (read, and carried hidden), and a header row over another
 * that is no group row of it (the lower one's names taken, and said). Each variation is read as a snapshot, and a few are written to .xlsx and read back as the
 * CLI reads a file.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { readPlan } from "../../src/core/reading/read-plan";
import { outstandingActions, planCarryOver } from "../../src/core/planning/carry-over";
import { summarisePlan } from "../../src/core/planning/summary";
import { snapshotFromPackage } from "../../src/xlsx/package-snapshot";
import { sheet, workbook, type CellSpec } from "../support/snapshot-builder";

const REFS = [(i: number) => String(i), (i: number) => `3.${i}`, (i: number) => `ASB${i}`, (i: number) => i];
const HEADERS = [
  ["Ref", "Action", "Lead", "Update", "Status", "Due"],
  ["No.", "Actions", "Lead officer", "Progress", "RAG", "Target date"],
  ["Ref No.", "Recommendation", "Owner", "Progress update", "RAG status", "Deadline"],
];
const WORDED = [
  ["Action 2 of 2023-24", "CS", "Update 2"],
  ["Action plan for NTE", "Licensing", "Update at next meeting"],
  ["Action plan agreed", "Licensing lead", "Progress report due"],
  ["Action plan", "Licensing", "Update"],
];
const STATUSES = ["Green", "Amber", "TBC", "A", "In progress", "Complete"];

interface Variation {
  readonly name: string;
  readonly rows: CellSpec[][];
  readonly refs: ReadonlyArray<string | null>;
}

/** Tables of three actions whose middle one is worded like a header, with and without refs and dates. */
function wordedVariations(): Variation[] {
  const out: Variation[] = [];
  HEADERS.forEach((header, h) =>
    WORDED.forEach((worded, w) =>
      STATUSES.forEach((status, s) => {
        const ref = REFS[(h + w + s) % REFS.length] as (i: number) => string | number;
        const withDue = (w + s) % 2 === 0;
        const cols = withDue ? 6 : 5;
        const row = (i: number, middle: string[], st: string): CellSpec[] => {
          const cells: CellSpec[] = [ref(i), ...middle, st];
          if (withDue) cells.push({ value: 45379 + i, text: `2${i}/03/2024`, numberFormat: "dd/mm/yyyy" });
          return cells;
        };
        out.push({
          name: `${header.slice(0, 2).join("/")} ${worded[0]} ${status}${withDue ? " dated" : ""}`,
          rows: [
            ["Community Safety Plan"],
            [],
            header.slice(0, cols),
            row(1, ["Patrols in the park", "Police", "Weekly patrols"], "Green"),
            row(2, worded, status),
            row(3, ["Lights in the underpass", "Council", "Quotes in"], "Red"),
          ],
          refs: [1, 2, 3].map((i) => String(ref(i))),
        });
      }),
    ),
  );
  return out;
}

describe("action rows worded like headers, varied", () => {
  const cases = wordedVariations();

  it.each(cases.map((c) => [c.name, c] as const))("%s: one table, every action read", (_n, c) => {
    const model = readPlan(workbook(sheet("Plan", c.rows)));
    expect(model.tables).toHaveLength(1);
    expect(model.actions.map((a) => a.ref)).toEqual(c.refs);
    expect(model.problems.filter((p) => p.rule.startsWith("column/"))).toEqual([]);
  });
});

describe("totals rows under the actions, varied", () => {
  const actions: CellSpec[][] = [
    ["Hate Crime Action Plan"],
    [],
    ["Ref", "Action", "Lead", "Update", "Status"],
    ["1", "Third-party reporting centres", "CS", "Six centres live", "Green"],
    ["2", "Training for taxi drivers", "Licensing", "Delayed", "Amber"],
    [],
    ["3", "Schools hate-incident reporting", "Education", "Not started", "Red"],
  ];
  const f = (formula: string, value: number): CellSpec => ({ value, text: String(value), formula });
  const totals: Array<[string, CellSpec[][]]> = [
    ["a count labelled Total actions", [["", "Total actions", "", "", f("=COUNTA(E4:E7)", 3)]]],
    ["a count by status", [["", "Green", "", "", f('=COUNTIF($E$4:$E$7,"Green")', 1)]]],
    ["a subtotal", [["", "", "", "", f("=SUBTOTAL(3,E4:E7)", 3)]]],
    ["figures labelled Grand total", [["Grand total", "", "", 3, 3]]],
    ["a count over the whole column", [["Count", "", "", "", f('=COUNTIF(E:E,"Red")', 1)]]],
    [
      "two rows of counts",
      [
        ["", "Total", "", "", f("=COUNTA(E4:E7)", 3)],
        ["", "Red", "", "", f('=COUNTIF(E4:E7,"Red")', 1)],
      ],
    ],
  ];

  it.each(totals)("%s ends the table above it and is reported as info", (_n, below) => {
    for (const gap of [[], [[]]] as CellSpec[][][]) {
      const model = readPlan(workbook(sheet("Plan", [...actions, ...gap, ...below])));
      expect(model.actions.map((a) => a.ref)).toEqual(["1", "2", "3"]);
      expect(model.tables[0]?.range.bottom).toBe(6);
      expect(model.problems.filter((p) => p.rule === "table/totals-row")).toEqual([
        expect.objectContaining({ severity: "info", cell: `A${8 + gap.length}` }),
      ]);
    }
  });
});

describe("two columns headed for the status, varied", () => {
  it.each([
    ["Status", "RAG", ["In progress", "Closed", "In progress"], ["A", "G", "R"]],
    ["Status", "RAG rating", ["Open", "Open", "Closed"], ["Amber", "Green", "Red"]],
    ["Current status", "BRAG", ["On hold", "Ongoing", "Done"], ["A", "G", "R"]],
  ])("warns on %j beside %j, naming both cells", (first, second, words, letters) => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Ref", "Action", "Lead", first, "Update", second],
          ...[0, 1, 2].map((i) => [
            String(i + 1),
            `Action ${i + 1}`,
            "Police",
            words[i] ?? "",
            "u",
            letters[i] ?? "",
          ]),
        ]),
      ),
    );
    const doubts = model.problems.filter((p) => p.rule === "column/ambiguous");
    expect(doubts.map((p) => p.cell)).toEqual(["F1"]);
    expect(doubts[0]?.message).toContain("(Plan!D1)");
  });
});

describe("statuses only guessed from a fill colour, varied", () => {
  // Purples and a pale purple read as Complete, a pale theme blue as Complete and a grey as Not started,
  // each only as a guess when nothing on the sheet confirms it (status/fill-guessed).
  const GUESSED: ReadonlyArray<readonly [string, string]> = [
    ["#7030A0", "Complete"],
    ["#8064A2", "Complete"],
    ["#CCCCFF", "Complete"],
    ["#8FAADC", "Complete"],
    ["#BFBFBF", "Not started"],
  ];
  const cases = HEADERS.flatMap((header) =>
    GUESSED.map(([fill, status]) => ({
      name: `${header[4] ?? ""} filled ${fill}`,
      fill,
      status,
      rows: [
        ["Youth Justice Plan"],
        [],
        header.slice(0, 5),
        ["1", "Out-of-court disposal panel", "YOS", "Running", "Green"],
        ["2", "Education, training and employment", "Education", "Data gathered", { value: "", fill }],
        ["3", "Reduce first-time entrants", "Police", "Started", "Complete"],
      ] as CellSpec[][],
    })),
  );

  it.each(cases.map((c) => [c.name, c] as const))(
    "%s: said to be a guess, carried, counted as no status",
    (_n, c) => {
      const model = readPlan(workbook(sheet("Plan 2024-25", c.rows)));
      expect(model.actions.map((a) => [a.ref, a.status, a.statusGuessed])).toEqual([
        ["1", "Green", false],
        ["2", c.status, true],
        ["3", "Complete", false],
      ]);
      expect(model.problems.filter((p) => p.rule === "status/fill-guessed").map((p) => p.cell)).toEqual([
        "E5",
      ]);
      expect(outstandingActions(model, "Plan 2024-25").map((a) => a.ref)).toEqual(["1", "2"]);
      expect(summarisePlan(model, "2024-06-01").totals).toMatchObject({
        Complete: 1,
        "No status": 1,
        Total: 3,
      });
    },
  );
});

describe("action rows hidden on the sheet, varied", () => {
  const rows: CellSpec[][] = [
    ["Drugs and Alcohol Partnership 2024-25"],
    [],
    ["Ref", "Action", "Internal notes", "Lead", "Progress", "Status"],
    ["D1", "Naloxone in custody suites", "do not share", "Police", "Live in 2 of 3 suites", "Amber"],
    ["D2", "Alcohol IBA in A&E", "ok", "Health", "Running", "Green"],
    ["D3", "Drug-related death reviews", "sensitive", "Public Health", "Backlog of 6 cases", "Red"],
    ["D4", "Needle exchange in pharmacies", "", "Public Health", "Complete", "Complete"],
  ];
  const hidings: ReadonlyArray<readonly number[]> = [[3], [4], [5], [6], [3, 5], [4, 5, 6]];

  it.each(hidings.map((h) => [h.map((r) => r + 1).join(", "), h] as const))(
    "rows %s hidden: every action read, and each open one's row hidden where it is carried",
    (_n, hidden) => {
      const snapshot = workbook(
        sheet("Actions 2024-25", rows, { hiddenRows: [...hidden], hiddenColumns: [2] }),
      );
      const model = readPlan(snapshot);
      expect(model.actions.map((a) => a.ref)).toEqual(["D1", "D2", "D3", "D4"]);
      const carry = planCarryOver(snapshot, model, { fromSheet: "Actions 2024-25", renumber: false });
      const table = carry.plan.ops.find((op) => op.kind === "writeCells" && op.row === 3);
      const rowOf = (ref: string): number =>
        table?.kind === "writeCells"
          ? table.row + table.cells.findIndex((r) => r[0]?.kind === "text" && r[0].text === ref)
          : -1;
      const wanted = model.actions
        .filter((a) => hidden.includes(a.row) && a.status !== "Complete")
        .map((a) => rowOf(a.ref ?? ""));
      const hiddenOps = carry.plan.ops.flatMap((op) => (op.kind === "hideRows" ? [...op.rows] : []));
      expect(hiddenOps).toEqual(wanted);
    },
  );
});

describe("a header row over another header row that it does not group, varied", () => {
  // The upper row names Action | Lead | Update | Status, the lower Ref | Action | Lead | Status: not one
  // header repeated, and no merged group cells to pair them by.
  const pairs = HEADERS.flatMap((u) =>
    HEADERS.map(
      (l) =>
        [
          [u[1], u[2], u[3], u[4]],
          [l[0], l[1], l[2], l[4]],
        ] as const,
    ),
  );

  it.each(pairs)("%j over %j: the lower row's names, and a warning on the upper row", (upper, lower) => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Community Safety Plan"],
          [],
          upper.map((h) => h ?? null),
          lower.map((h) => h ?? null),
          ["1", "Patrols in the park", "Police", "Green"],
          ["2", "Lights in the underpass", "Council", "Red"],
        ]),
      ),
    );
    expect(model.actions.map((a) => [a.ref, a.action, a.lead, a.status])).toEqual([
      ["1", "Patrols in the park", "Police", "Green"],
      ["2", "Lights in the underpass", "Council", "Red"],
    ]);
    expect(model.problems.filter((p) => p.rule === "table/header-over-header").map((p) => p.cell)).toEqual([
      "A3",
    ]);
  });
});

describe("the tester's situations written to .xlsx and read back", () => {
  let dir = "";
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tester-situations-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function readBack(fill: (ws: ExcelJS.Worksheet) => void) {
    const wb = new ExcelJS.Workbook();
    fill(wb.addWorksheet("Plan"));
    const file = path.join(dir, `case-${fs.readdirSync(dir).length}.xlsx`);
    await wb.xlsx.writeFile(file);
    return readPlan(snapshotFromPackage(fs.readFileSync(file)));
  }

  it("reads dated action rows worded like headers on two yearly sheets' layout", async () => {
    const model = await readBack((ws) => {
      ws.getRow(3).values = HEADERS[0] as string[];
      for (let i = 1; i <= 5; i++) {
        ws.getRow(3 + i).values = [String(i), `Action ${i} of 2024-25`, "CS", `Update ${i}`, "Green"];
        ws.getCell(3 + i, 6).value = new Date(Date.UTC(2025, i, 28));
      }
    });
    expect(model.actions.map((a) => a.ref)).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("ends the table at a row of formulas counting its statuses", async () => {
    const model = await readBack((ws) => {
      ws.getRow(1).values = ["Ref", "Action", "Lead", "Update", "Status"];
      ws.getRow(2).values = ["1", "Patrols", "Police", "Weekly", "Green"];
      ws.getRow(3).values = ["2", "Lights", "Council", "Quotes in", "Red"];
      ws.getCell("B5").value = "Total actions";
      ws.getCell("E5").value = { formula: "COUNTA(E2:E3)", result: 2 };
    });
    expect(model.actions.map((a) => a.ref)).toEqual(["1", "2"]);
    expect(model.tables[0]?.range.bottom).toBe(2);
    expect(model.problems.map((p) => [p.rule, p.cell])).toContainEqual(["table/totals-row", "A5"]);
  });

  it("reads a purple status fill as a guess, which carry-over takes as not done", async () => {
    const model = await readBack((ws) => {
      ws.getRow(1).values = ["Ref", "Action", "Lead", "Update", "Status"];
      ws.getRow(2).values = ["YJ1", "Panel", "YOS", "Running", "Green"];
      ws.getRow(3).values = ["YJ2", "Education", "Education", "Data gathered"];
      ws.getCell("E3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF7030A0" } };
    });
    expect(model.actions.map((a) => [a.status, a.statusGuessed])).toEqual([
      ["Green", false],
      ["Complete", true],
    ]);
    expect(outstandingActions(model, "Plan").map((a) => a.ref)).toEqual(["YJ1", "YJ2"]);
  });

  it("reads the action of a hidden row as it reads any other", async () => {
    const model = await readBack((ws) => {
      ws.getRow(1).values = ["Ref", "Action", "Lead", "Update", "Status"];
      ws.getRow(2).values = ["D1", "Naloxone", "Police", "Live", "Amber"];
      ws.getRow(3).values = ["D2", "Death reviews", "Public Health", "Backlog", "Red"];
      ws.getRow(3).hidden = true;
    });
    expect(model.actions.map((a) => a.ref)).toEqual(["D1", "D2"]);
  });
});
