import { readPlan } from "../../src/core/reading/read-plan";
import {
  type StatusCounts,
  SummaryNotPossibleError,
  isSummaryPossible,
  planSummarySheet,
  summarisePlan,
  summaryBlocker,
} from "../../src/core/planning/summary";
import { statusColour } from "../../src/core/basics/status-colours";
import {
  MAX_FORMULA_LENGTH,
  MAX_FORMULA_NESTING,
  formulaNesting,
} from "../../src/core/planning/summary-formulas";
import { isIsoDate } from "../../src/core/basics/excel-dates";
import type { TableSnapshot, WorkbookSnapshot } from "../../src/core/basics/snapshot";
import type { CellWrite, WriteOp, WritePlan } from "../../src/core/basics/write-plan";
import { type CellSpec, sheet, workbook } from "../support/snapshot-builder";

const TODAY = "2012-04-01";

/** A sheet whose table (header at `headerRow`) is a ListObject named `name`, as after apply-schema. */
function tableSheet(
  sheetName: string,
  name: string | null,
  header: string[],
  rows: CellSpec[][],
  above: CellSpec[][] = [],
) {
  const headerRow = above.length;
  const tables: TableSnapshot[] =
    name === null
      ? []
      : [
          {
            name,
            range: { top: headerRow, left: 0, bottom: headerRow + rows.length, right: header.length - 1 },
            columnNames: header,
          },
        ];
  return sheet(sheetName, [...above, header, ...rows], { tables });
}

const leadsSheet = sheet("Leads", [
  ["Code", "Name"],
  ["TA", "Ted Allen"],
  ["CS", "Community Safety Manager"],
  ["MW", "Mick Williams"],
]);

const HEADER = ["Ref", "Action", "Lead", "Update", "Status"];

function plan(snapshot: WorkbookSnapshot): WritePlan {
  return planSummarySheet(snapshot, readPlan(snapshot), { todayIso: TODAY, planName: "Test plan" });
}

/** The Summary sheet's cells as a grid of what a reader would see (formulas by their cached value). */
function summaryGrid(p: WritePlan): CellWrite[][] {
  const op = p.ops.find((o): o is Extract<WriteOp, { kind: "writeCells" }> => o.kind === "writeCells");
  if (!op) throw new Error("no writeCells op");
  expect(op.row).toBe(0);
  expect(op.column).toBe(0);
  return op.cells.map((r) => [...r]);
}

function shown(c: CellWrite | undefined): string | number | null {
  if (!c) return null;
  switch (c.kind) {
    case "text":
      return c.text;
    case "number":
      return c.value;
    case "formula":
      return c.cached;
    case "blank":
      return null;
    case "boolean":
    case "date":
      return JSON.stringify(c);
  }
}

/** The rows of the section under `heading`: label → the eight count columns as the file would show them. */
function section(p: WritePlan, heading: string): Map<string, Array<string | number | null>> {
  const grid = summaryGrid(p);
  const start = grid.findIndex((r) => shown(r[0]) === heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const header = grid.findIndex((r, i) => i > start && shown(r[1]) === "Red");
  const out = new Map<string, Array<string | number | null>>();
  for (let i = header + 1; i < grid.length && shown(grid[i]?.[0]) !== null; i++) {
    const row = grid[i] ?? [];
    out.set(String(shown(row[0])), row.slice(1, 9).map(shown));
  }
  return out;
}

/** Actions that have started: what "% complete" divides by. */
/** The rows some styleRange ops cover, each once, top to bottom. */
function rowsCovered(ops: ReadonlyArray<Extract<WriteOp, { kind: "styleRange" }>>): number[] {
  const rows = new Set<number>();
  for (const o of ops) for (let r = o.range.top; r <= o.range.bottom; r++) rows.add(r);
  return [...rows].sort((a, b) => a - b);
}

function started(c: StatusCounts): number {
  return c.Red + c.Amber + c.Green + c.Complete;
}

function countsRow(c: StatusCounts): Array<number | string> {
  const total = c.Total ?? 0;
  return [
    c.Red ?? 0,
    c.Amber ?? 0,
    c.Green ?? 0,
    c.Complete ?? 0,
    c["Not started"] ?? 0,
    c["No status"] ?? 0,
    total,
    started(c) === 0 ? "" : Math.round((100 * (c.Complete ?? 0)) / started(c)),
  ];
}

function formulasOf(p: WritePlan): string[] {
  return summaryGrid(p)
    .flat()
    .filter((c): c is Extract<CellWrite, { kind: "formula" }> => c.kind === "formula")
    .map((c) => c.formula);
}

describe("summarisePlan", () => {
  const snapshot = workbook(
    tableSheet(
      "1 ASB",
      null,
      HEADER,
      [
        ["1", "Patrol hot spots", "TA & CS", "Slipping", "Red"],
        ["2", "Survey residents", "CS", "", "Green"],
        ["3", "Mediation training", "Police", "Delayed", "Amber"],
        ["4", "Focus groups", null, "", null],
        ["5", "Repeat callers", "POLICE", "", "TBC"],
        ["6", "Done already", "MW", "Signed off", "Complete"],
      ],
      [["1. ANTI SOCIAL BEHAVIOUR ACTION PLAN"], []],
    ),
    leadsSheet,
  );
  const summary = summarisePlan(readPlan(snapshot), TODAY);

  it("counts actions by status, with blank and unreadable statuses as No status", () => {
    expect(summary.totals).toEqual({
      Red: 1,
      Amber: 1,
      Green: 1,
      Complete: 1,
      "Not started": 0,
      "No status": 2,
      Total: 6,
    });
  });

  it("counts an action with two lead codes for each code, and blank leads under (no lead) last", () => {
    const byLead = new Map(summary.byLead.map((l) => [l.lead, l]));
    expect(byLead.get("TA")?.Red).toBe(1);
    expect(byLead.get("CS")).toMatchObject({ Red: 1, Green: 1, Total: 2 });
    expect(byLead.get("MW")?.Complete).toBe(1);
    expect(summary.byLead[summary.byLead.length - 1]).toMatchObject({ lead: "(no lead)", Total: 1 });
  });

  it("groups leads spelt in different cases under the first spelling, as Excel's comparisons do", () => {
    const police = summary.byLead.filter((l) => l.lead.toLowerCase() === "police");
    expect(police).toHaveLength(1);
    expect(police[0]).toMatchObject({ lead: "Police", Amber: 1, "No status": 1, Total: 2 });
  });

  it("uses the table's title as the theme when there is no theme column", () => {
    expect(summary.byTheme.map((t) => t.theme)).toEqual(["1. ANTI SOCIAL BEHAVIOUR ACTION PLAN"]);
  });

  it("takes the theme column first, then the table title, then the sheet name", () => {
    const model = readPlan(
      workbook(
        tableSheet(
          "Plan",
          null,
          ["Ref", "Action", "Theme", "Status"],
          [
            ["1", "Do a", "Drugs", "Red"],
            ["2", "Do b", "", "Green"],
          ],
        ),
      ),
    );
    expect(summarisePlan(model, TODAY).byTheme.map((t) => [t.theme, t.Total])).toEqual([
      ["Drugs", 1],
      ["Plan", 1],
    ]);
  });

  it("lists Red and Amber actions and overdue ones that are not complete as exceptions", () => {
    const model = readPlan(
      workbook(
        tableSheet(
          "Plan",
          null,
          ["Ref", "Action", "Status", "Due"],
          [
            ["1", "Red one", "Red", null],
            ["2", "Late green", "Green", { value: 40900, numberFormat: "dd/mm/yyyy" }],
            ["3", "Late but complete", "Complete", { value: 40900, numberFormat: "dd/mm/yyyy" }],
            ["4", "Due today", "Green", { value: 41000, numberFormat: "dd/mm/yyyy" }],
            ["5", "Amber one", "Amber", "Next year"],
          ],
        ),
      ),
    );
    const exceptions = summarisePlan(model, TODAY).exceptions;
    // Red first, then Amber, then overdue: the order the board reads them in.
    expect(exceptions.map((e) => e.ref)).toEqual(["1", "5", "2"]);
    expect(exceptions[2]).toMatchObject({ action: "Late green", status: "Green", due: "2011-12-23" });
    expect(exceptions.map((e) => e.reason)).toEqual([
      "Red, no update",
      "Amber, no update",
      "overdue by 100 days, no update",
    ]);
  });

  it("lists an action whose due date was typed as text as overdue, keeping the text as typed", () => {
    const model = readPlan(
      workbook(
        tableSheet(
          "Plan",
          null,
          ["Ref", "Action", "Status", "Due"],
          [
            ["1", "Typed date", "Green", "23/12/2011"],
            ["2", "Typed month", "Green", "December 2011"],
            ["3", "No date", "Green", "Ongoing"],
            ["4", "Not yet", "Green", "31/12/2013"],
          ],
        ),
      ),
    );
    const exceptions = summarisePlan(model, TODAY).exceptions;
    expect(exceptions.map((e) => [e.ref, e.due, e.overdueDays])).toEqual([
      ["1", "23/12/2011", 100],
      ["2", "December 2011", 92],
    ]);
  });
});

describe("summarisePlan and a status only guessed from a fill colour", () => {
  // #7030A0 (purple) reads as Complete only as a guess (the schema leaves such a cell as it is).
  const late = { value: 40900, numberFormat: "dd/mm/yyyy" };
  const guessed = () =>
    workbook(
      tableSheet(
        "Plan",
        "Actions_Plan",
        ["Ref", "Action", "Lead", "Status", "Due"],
        [
          ["1", "Typed", "CS", "Complete", late],
          ["2", "Purple", "CS", { value: "", fill: "#7030A0" }, late],
          ["3", "Also typed", "CS", "Green", null],
        ],
      ),
    );

  it("counts a status guessed from a fill under No status, with blank ones, never as certain", () => {
    const summary = summarisePlan(readPlan(guessed()), TODAY);
    expect(summary.totals).toMatchObject({ Complete: 1, Green: 1, "No status": 1, Total: 3 });
    expect(summary.byLead[0]).toMatchObject({ lead: "CS", Complete: 1, "No status": 1 });
  });

  it("lists an overdue action guessed Complete as overdue, with no status and why in words", () => {
    const exceptions = summarisePlan(readPlan(guessed()), TODAY).exceptions;
    expect(exceptions.map((e) => [e.ref, e.status, e.reason])).toEqual([
      ["2", null, "overdue by 100 days, status only guessed as Complete from its colour, no update"],
    ]);
  });

  it("keeps the Summary sheet's counts live formulas that agree with the reader's", () => {
    const p = plan(guessed());
    const grid = summaryGrid(p).flat().map(shown);
    expect(grid.some((t) => typeof t === "string" && t.includes("not live formulas"))).toBe(false);
    expect(section(p, "Status by theme").get("All actions")?.slice(0, 7)).toEqual([0, 0, 1, 1, 0, 1, 3]);
  });
});

describe("planSummarySheet", () => {
  const rows: CellSpec[][] = [
    ["1", "Patrol hot spots", "TA & CS", "Slipping", "Red"],
    ["2", "Survey residents", "CS", "", "Green"],
    ["3", "=SUM(1) stays words", "Police", "Delayed", "Amber"],
    ["4", "Focus groups", null, "", null],
    ["5", "Repeat callers", "Scanning & Challenge Group", "", "Not started"],
  ];
  const snapshot = workbook(
    tableSheet("1 ASB", "Actions_1_ASB", HEADER, rows, [["ANTI SOCIAL BEHAVIOUR"], []]),
    tableSheet(
      "2 Drugs",
      "Actions_2_Drugs",
      ["Ref", "Action", "Lead Officer", "Update", "Status"],
      [
        ["1", "Needle exchange", "MW", "", "Complete"],
        ["2", "Test purchases", "TA/MW", "Late", "Red"],
      ],
    ),
    leadsSheet,
  );
  const model = readPlan(snapshot);
  const summary = summarisePlan(model, TODAY);
  const p = plan(snapshot);

  it("adds a Summary sheet with a title naming the plan and the date", () => {
    expect(p.ops[0]).toEqual({ kind: "addSheet", sheet: "Summary", after: null });
    expect(shown(summaryGrid(p)[0]?.[0])).toBe("Test plan: action plan summary, as at 01/04/2012");
  });

  it("shows by theme exactly the counts summarisePlan gives, with an All actions row", () => {
    const themes = section(p, "Status by theme");
    for (const t of summary.byTheme) expect(themes.get(t.theme)).toEqual(countsRow(t));
    expect(themes.get("All actions")).toEqual(countsRow(summary.totals));
  });

  it("shows by lead exactly the counts summarisePlan gives, two-code leads counting for each", () => {
    const leads = section(p, "Status by lead");
    expect([...leads.keys()]).toEqual(summary.byLead.map((l) => l.lead));
    for (const l of summary.byLead) expect(leads.get(l.lead)).toEqual(countsRow(l));
    expect(leads.get("MW")?.slice(0, 7)).toEqual([1, 0, 0, 1, 0, 0, 2]);
  });

  it("counts with live formulas over the tables' columns by structured reference", () => {
    const formulas = formulasOf(p);
    expect(formulas).toContain('=COUNTIFS(Actions_1_ASB[Action],"<>",Actions_1_ASB[Status],"Red")');
    expect(formulas.some((f) => f.includes("Actions_2_Drugs[[Lead Officer]]"))).toBe(true);
    expect(formulas.some((f) => /^=SUMPRODUCT\(.*FIND\("\|TA\|"/.test(f))).toBe(true);
    for (const f of formulas) expect(f.length).toBeLessThanOrEqual(8192);
  });

  it("writes the exception list as values, user text as text", () => {
    const grid = summaryGrid(p);
    const isHeader = (r: CellWrite[]) => shown(r[0]) === "Action" && shown(r[1]) === "Ref";
    const header = grid.findIndex(isHeader);
    // The rows after the header, less the header's copies heading a page the list runs on to.
    const rows = grid.slice(header + 1).filter((r) => !isHeader(r));
    const listed = rows.map((r) => [shown(r[0]), shown(r[4]), shown(r[6])]);
    // Red first, then Amber; why each is listed in words.
    expect(listed).toEqual([
      ["Patrol hot spots", "Red", "Red"],
      ["Test purchases", "Red", "Red"],
      ["=SUM(1) stays words", "Amber", "Amber"],
    ]);
    expect(rows[2]?.[0]).toEqual({ kind: "text", text: "=SUM(1) stays words" });
    // No status history yet: the direction of travel is a dash, not a guess.
    expect(rows.map((r) => shown(r[7]))).toEqual(["—", "—", "—"]);
    const stamp = grid.find((r) => String(shown(r[0])).startsWith("Exceptions as at"));
    expect(shown(stamp?.[0])).toContain("01/04/2012");
  });

  it("colours status headers and exception statuses from the status palette, the word kept", () => {
    const styles = p.ops.filter(
      (o): o is Extract<WriteOp, { kind: "styleRange" }> => o.kind === "styleRange",
    );
    expect(styles.some((s) => s.style.fill === statusColour("Red").fill && s.range.left === 1)).toBe(true);
    const red = rowsCovered(
      styles.filter((s) => s.style.fill === statusColour("Red").fill && s.range.left === 4),
    );
    expect(red).toHaveLength(2);
    const grid = summaryGrid(p);
    expect(red.map((r) => shown(grid[r]?.[4]))).toEqual(["Red", "Red"]);
  });

  it("is print-ready: A4 landscape, one page wide, title rows repeated, page numbers in the footer", () => {
    expect(p.ops.find((o) => o.kind === "setPageLayout")).toEqual({
      kind: "setPageLayout",
      sheet: "Summary",
      orientation: "landscape",
      fitToPagesWide: 1,
      printTitleRows: { first: 0, last: 1 },
      paperSize: "A4",
      // Where pages break is the print layout's own test, below.
      rowBreaks: expect.any(Array),
      footer: { center: null, pageNumbers: true },
    });
  });

  it("stores a height for every row, taller where text wraps", () => {
    const heights = p.ops.find(
      (o): o is Extract<WriteOp, { kind: "setRowHeights" }> => o.kind === "setRowHeights",
    );
    const rows = summaryGrid(p).length;
    expect(heights?.heights.map((h) => h.row)).toEqual([...Array(rows).keys()]);
    const header = summaryGrid(p).findIndex((r) => shown(r[0]) === "Action" && shown(r[1]) === "Ref");
    const byRow = new Map(heights?.heights.map((h) => [h.row, h.height]));
    expect(byRow.get(header)).toBeGreaterThan(15);
    expect(byRow.get(0)).toBeGreaterThan(byRow.get(2) ?? 0);
  });

  it("adds a chart of status by theme beside the table", () => {
    const chart = p.ops.find((o) => o.kind === "addChart");
    expect(chart).toMatchObject({ kind: "addChart", sheet: "Summary", title: "Status by theme" });
  });

  it("rebuilds an existing Summary sheet in place, saying that hand edits are replaced", () => {
    const withSummary = workbook(
      ...snapshot.sheets,
      sheet("Summary", [["typed by hand"], [null, null, "more"]]),
    );
    const again = plan(withSummary);
    expect(again.ops.some((o) => o.kind === "addSheet")).toBe(false);
    expect(again.ops[0]).toEqual({
      kind: "clearRange",
      sheet: "Summary",
      range: { top: 0, left: 0, bottom: 1, right: 2 },
    });
    expect(again.title).toMatch(/replaced, including anything typed there by hand/);
  });

  it("escapes wildcard characters so a theme is matched exactly", () => {
    const themed = workbook(
      tableSheet(
        "Plan",
        "Actions_Plan",
        ["Ref", "Action", "Theme", "Status"],
        [
          ["1", "Do a", "Drugs * alcohol?", "Red"],
          ["2", "Do b", "Drugs and alcohol!", "Red"],
        ],
      ),
    );
    const themes = section(plan(themed), "Status by theme");
    expect(themes.get("Drugs * alcohol?")?.[0]).toBe(1);
    expect(formulasOf(plan(themed))).toContain(
      '=COUNTIFS(Actions_Plan[Action],"<>",Actions_Plan[Theme],"=Drugs ~* alcohol~?",Actions_Plan[Status],"Red")',
    );
  });

  it("writes by lead as a snapshot, and says why, when a lead cell holds an error value", () => {
    const broken = workbook(
      tableSheet("Plan", "Actions_Plan", HEADER, [
        ["1", "Do a", { value: "#REF!", isError: true }, "", "Red"],
        ["2", "Do b", "CS", "", "Green"],
      ]),
      leadsSheet,
    );
    const grid = summaryGrid(plan(broken));
    const note = grid.find((r) => String(shown(r[0])).startsWith("These counts are a snapshot"));
    expect(shown(note?.[0])).toContain("#REF!");
    const leadsAt = grid.findIndex((r) => shown(r[0]) === "Status by lead");
    const leadRows = grid.slice(leadsAt).filter((r) => shown(r[0]) === "CS");
    expect(leadRows[0]?.[3]).toEqual({ kind: "number", value: 1 });
  });
});

describe("isSummaryPossible", () => {
  const plain = workbook(tableSheet("Plan", null, HEADER, [["1", "Do a", "CS", "", "Red"]]));

  it("is false, naming the table, until the schema has made the action tables Excel tables", () => {
    expect(isSummaryPossible(plain, readPlan(plain))).toBe(false);
    expect(summaryBlocker(plain, readPlan(plain))).toMatch(
      /'Plan'!A1 is not an Excel table yet; apply the schema/,
    );
    expect(() => plan(plain)).toThrow(SummaryNotPossibleError);
  });

  it("is false when there are no action tables at all", () => {
    const empty = workbook(sheet("Notes", [["Nothing here"]]));
    expect(summaryBlocker(empty, readPlan(empty))).toMatch(/nothing to summarise/);
  });

  it("is false when the Summary sheet is protected", () => {
    const tabled = workbook(
      tableSheet("Plan", "Actions_Plan", HEADER, [["1", "Do a", "CS", "", "Red"]]),
      sheet("Summary", [["old"]], { isProtected: true }),
    );
    expect(summaryBlocker(tabled, readPlan(tabled))).toMatch(/'Summary' is protected/);
  });

  it("is true once every action table is an Excel table with a Status column", () => {
    const tabled = workbook(tableSheet("Plan", "Actions_Plan", HEADER, [["1", "Do a", "CS", "", "Red"]]));
    expect(isSummaryPossible(tabled, readPlan(tabled))).toBe(true);
  });
});

describe("the lead counts of a long lead register", () => {
  const codes = Array.from({ length: 80 }, (_, i) => `Q${String(i + 1).padStart(2, "0")}`);
  const snapshot = workbook(
    sheet("Leads", [["Code", "Name"], ...codes.map((c, i) => [c, `Officer ${i + 1}`])]),
    tableSheet("Plan", "Actions_Plan", HEADER, [
      ["1", "Patrols", `${codes[0]} & ${codes[79]}`, "", "Red"],
      ["2", "Lighting", codes[40] ?? "", "", "Green"],
      ["3", "Cameras", `${codes[0]}/Someone`, "", "Amber"],
    ]),
  );
  const p = plan(snapshot);
  const leads = section(p, "Status by lead");
  const formulas = summaryGrid(p)
    .flat()
    .filter(
      (c): c is Extract<CellWrite, { kind: "formula" }> =>
        c.kind === "formula" && c.formula.includes("MMULT"),
    );

  it("stays live formulas within Excel's 64 levels of nesting and 8,192 characters", () => {
    expect(formulas.length).toBeGreaterThan(0);
    for (const f of formulas) {
      expect(formulaNesting(f.formula)).toBeLessThanOrEqual(MAX_FORMULA_NESTING);
      expect(f.formula.length).toBeLessThanOrEqual(MAX_FORMULA_LENGTH);
    }
    expect(
      summaryGrid(p)
        .flat()
        .some((c) => c.kind === "text" && /snapshot as at/.test(c.text)),
    ).toBe(false);
  });

  it("counts a two-code lead for each code and a lead with a part not in the register whole", () => {
    expect(leads.get("Q01")?.slice(0, 7)).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(leads.get("Q80")?.slice(0, 7)).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(leads.get("Q41")?.slice(0, 7)).toEqual([0, 0, 1, 0, 0, 0, 1]);
    expect(leads.get("Q01/Someone")?.slice(0, 7)).toEqual([0, 1, 0, 0, 0, 0, 1]);
  });
});

describe("isIsoDate", () => {
  it("takes yyyy-mm-dd and nothing else, as the pattern /^\\d{4}-\\d{2}-\\d{2}$/ does", () => {
    const texts = [
      "2013-01-15",
      "2013-1-15",
      "15/01/2013",
      "2013-01-15 ",
      "2013-01-15\n",
      " 2013-01-15",
      "2013/01/15",
      "2013-01-1x",
      "20a3-01-15",
      "",
      "Q1 2012-13",
      "２０１３-01-15",
    ];
    expect(texts.map(isIsoDate)).toEqual(texts.map((t) => /^\d{4}-\d{2}-\d{2}$/.test(t)));
    expect(texts.filter(isIsoDate)).toEqual(["2013-01-15"]);
  });
});

describe("formulaNesting", () => {
  it("counts the deepest brackets outside quotes", () => {
    expect(formulaNesting('SUM(A1,MAX(B1,"(((x"))')).toBe(2);
    expect(formulaNesting("A1+1")).toBe(0);
  });
});

describe("the Summary's print layout", () => {
  const rows: CellSpec[][] = Array.from({ length: 60 }, (_, i) => [
    String(i + 1),
    `Action ${i + 1}: ${"a long description of what is to be done ".repeat(4)}`,
    "TA",
    `Update ${i + 1}: ${"what happened this quarter ".repeat(6)}`,
    i % 2 === 0 ? "Red" : "Amber",
  ]);
  const snapshot = workbook(
    leadsSheet,
    tableSheet("Plan 2012-13", "Actions_Plan", HEADER, rows),
    sheet("Notes", [["Nothing here"]], {}),
  );
  const marked: WorkbookSnapshot = {
    ...snapshot,
    sheets: snapshot.sheets.map((s) =>
      s.name === "Plan 2012-13"
        ? { ...s, headerFooter: ['&L&"Arial,Bold"&12OFFICIAL-SENSITIVE&RPage &P'] }
        : s,
    ),
  };
  const p = plan(marked);
  const layout = p.ops.find(
    (o): o is Extract<WriteOp, { kind: "setPageLayout" }> => o.kind === "setPageLayout",
  );
  const heights = new Map(
    p.ops
      .find((o): o is Extract<WriteOp, { kind: "setRowHeights" }> => o.kind === "setRowHeights")
      ?.heights.map((h) => [h.row, h.height]),
  );
  const grid = summaryGrid(p);
  const exceptionHeader = grid.findIndex((r) => shown(r[0]) === "Action" && shown(r[1]) === "Ref");

  it("prints the protective marking the plan's sheets print, in the footer", () => {
    expect(layout?.footer).toEqual({ center: "OFFICIAL-SENSITIVE", pageNumbers: true });
  });

  it("gives each exception row room for its wrapped action and update", () => {
    const first = heights.get(exceptionHeader + 1) ?? 0;
    // "Update 1: …" is about 170 characters in a 45-character column: at least four lines.
    expect(first).toBeGreaterThanOrEqual(4 * 15);
  });

  it("breaks pages between exceptions, never between a heading and its header row", () => {
    const breaks = layout?.rowBreaks ?? [];
    expect(breaks.length).toBeGreaterThan(1);
    for (const b of breaks) {
      expect(b).not.toBe(exceptionHeader);
      expect(b).not.toBe(exceptionHeader + 1);
    }
    // Every page's rows, with the repeated titles, fit an A4 landscape page (595 points less 108 of
    // margins) at the fit-to-width scale, which is above 0.75 for the Summary's columns.
    const all = [0, ...breaks, grid.length];
    for (let i = 1; i < all.length - 1; i++) {
      let used = (heights.get(0) ?? 15) + (heights.get(1) ?? 15);
      for (let r = all[i] ?? 0; r < (all[i + 1] ?? 0); r++) used += heights.get(r) ?? 15;
      expect(used).toBeLessThan((595 - 108) / 0.75);
    }
  });
});

describe("the exception list's headings on every page it runs on to", () => {
  const rows: CellSpec[][] = Array.from({ length: 40 }, (_, i) => [
    String(i + 1),
    `Action ${i + 1}: ${"work with partners on the licensing of late bars ".repeat(3)}`,
    "TA",
    `Update ${i + 1}: ${"patrols increased at weekends ".repeat(5)}`,
    i % 2 === 0 ? "Red" : "Amber",
  ]);
  const p = plan(workbook(leadsSheet, tableSheet("Plan 2012-13", "Actions_Plan", HEADER, rows)));
  const grid = summaryGrid(p);
  const isHeader = (r: CellWrite[] | undefined) => shown(r?.[0]) === "Action" && shown(r?.[1]) === "Ref";
  const header = grid.findIndex(isHeader);
  const copies = grid.map((r, i) => (i > header && isHeader(r) ? i : -1)).filter((i) => i >= 0);
  const layout = p.ops.find(
    (o): o is Extract<WriteOp, { kind: "setPageLayout" }> => o.kind === "setPageLayout",
  );
  const breaks = layout?.rowBreaks ?? [];

  it("writes the header row again where each page after the first with exceptions begins", () => {
    expect(copies.length).toBeGreaterThan(1);
    for (const c of copies) expect(grid[c]).toEqual(grid[header]);
    expect(breaks.filter((b) => b > header)).toEqual(copies);
  });

  it("keeps every exception once, in order, between the copies", () => {
    const listed = grid
      .slice(header + 1)
      .filter((r) => !isHeader(r))
      .map((r) => shown(r[0]));
    expect(listed).toEqual(
      summarisePlan(
        readPlan(workbook(leadsSheet, tableSheet("Plan 2012-13", "Actions_Plan", HEADER, rows))),
        TODAY,
      ).exceptions.map((e) => e.action),
    );
  });

  it("styles each copy as the header row and gives it the header's height", () => {
    const heights = new Map(
      p.ops
        .find((o): o is Extract<WriteOp, { kind: "setRowHeights" }> => o.kind === "setRowHeights")
        ?.heights.map((h) => [h.row, h.height]),
    );
    const styles = p.ops.filter(
      (o): o is Extract<WriteOp, { kind: "styleRange" }> => o.kind === "styleRange",
    );
    for (const c of copies) {
      expect(heights.get(c)).toBe(heights.get(header));
      const last = styles.filter((s) => s.range.top <= c && s.range.bottom >= c && s.range.left === 0).at(-1);
      expect(last?.style).toMatchObject({ bold: true, fill: "#D9D9D9" });
    }
    // Status colours stay on the exceptions' status cells, never on a copy.
    const red = statusColour("Red").fill;
    const coloured = rowsCovered(styles.filter((s) => s.style.fill === red && s.range.left === 4));
    for (const c of copies) expect(coloured).not.toContain(c);
    expect(coloured.every((r) => shown(grid[r]?.[4]) === "Red")).toBe(true);
  });

  it("colours each run of exception rows of one status with one style, a run ending at each copy", () => {
    const styles = p.ops.filter(
      (o): o is Extract<WriteOp, { kind: "styleRange" }> => o.kind === "styleRange" && o.range.left === 4,
    );
    const redOps = styles.filter((s) => s.style.fill === statusColour("Red").fill);
    const redRows = grid.map((r, i) => (i > header && shown(r[4]) === "Red" ? i : -1)).filter((i) => i >= 0);
    // Every Red row once, by fewer ops than rows: one per stretch of Red rows between copies.
    expect(rowsCovered(redOps)).toEqual(redRows);
    const stretches = redRows.filter((r, i) => i === 0 || redRows[i - 1] !== r - 1).length;
    expect(redOps).toHaveLength(stretches);
    expect(redOps.length).toBeLessThan(redRows.length);
    for (const c of copies) expect(styles.some((s) => s.range.top <= c && s.range.bottom >= c)).toBe(false);
  });

  it("puts the chart below the last exception, past the copies", () => {
    const chart = p.ops.find((o): o is Extract<WriteOp, { kind: "addChart" }> => o.kind === "addChart");
    expect(chart?.anchor.top).toBe(grid.length + 1);
  });
});

describe("the direction of travel on the Summary", () => {
  const snapshot = workbook(
    leadsSheet,
    tableSheet(
      "Plan",
      "Actions_Plan",
      ["Ref", "Action", "Theme", "Status"],
      [
        ["1", "Patrols", "ASB", "Red"],
        ["2", "Lighting", "ASB", "Amber"],
        ["3", "Cameras", "Drugs", "Green"],
        ["4", "Clinics", "Drugs", "Red"],
      ],
    ),
  );
  const read = readPlan(snapshot);
  // What the status-history reader will fill in; set by hand here.
  const directions = ["worsened", "improved", "improved", "new"] as const;
  const model = {
    ...read,
    actions: read.actions.map((a, i) => ({ ...a, direction: directions[i] ?? null })),
  };

  it("counts the actions that improved and worsened in each theme", () => {
    const byTheme = summarisePlan(model, TODAY).byTheme.map((t) => [t.theme, t.improved, t.worsened]);
    expect(byTheme).toEqual([
      ["ASB", 1, 1],
      ["Drugs", 1, 0],
    ]);
  });

  it("shows each exception's direction in words, and the counts by theme", () => {
    const p = planSummarySheet(snapshot, model, { todayIso: TODAY, planName: "Test plan" });
    const grid = summaryGrid(p);
    const header = grid.findIndex((r) => shown(r[0]) === "Action" && shown(r[1]) === "Ref");
    expect(grid.slice(header + 1).map((r) => [shown(r[0]), shown(r[7])])).toEqual([
      ["Patrols", "Worsened"],
      ["Clinics", "New"],
      ["Lighting", "Improved"],
    ]);
    const travel = grid.findIndex((r) => shown(r[0]) === "Direction of travel by theme");
    expect(grid.slice(travel + 1, travel + 4).map((r) => r.slice(0, 3).map(shown))).toEqual([
      ["Theme", "Improved", "Worsened"],
      ["ASB", 1, 1],
      ["Drugs", 1, 0],
    ]);
  });

  it("says no earlier period is recorded when no action has a direction", () => {
    const grid = summaryGrid(planSummarySheet(snapshot, read, { todayIso: TODAY, planName: "Test plan" }));
    const travel = grid.findIndex((r) => shown(r[0]) === "Direction of travel by theme");
    expect(shown(grid[travel + 1]?.[0])).toMatch(/No earlier period is recorded/);
  });
});
