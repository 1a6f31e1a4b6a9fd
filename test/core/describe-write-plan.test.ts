import { planApplySchema } from "../../src/core/planning/apply-schema";
import { describeWritePlan } from "../../src/core/basics/describe-write-plan";
import { readPlan } from "../../src/core/reading/read-plan";
import { sheet, workbook } from "../support/snapshot-builder";

describe("describeWritePlan", () => {
  it("says in words which rows move, which statuses change and which table is made", () => {
    const snapshot = workbook(
      sheet("Plan 2010", [
        ["Ref", "Action", "Lead", "Update", "Status"],
        ["3.1", "First", "Police", "Late", "R"],
        [null, null, null, null, null],
        ["4.1", "Second", "SBC", "Fine", "Green"],
      ]),
    );
    const lines = describeWritePlan(planApplySchema(snapshot, readPlan(snapshot)).plan);
    expect(lines).toContain(
      "Move 1 action row up on 'Plan 2010' to close blank row 3 (row 3 now; row 4 cleared)",
    );
    expect(lines).toContain("On 'Plan 2010', E2: 'R' → 'Red'");
    expect(lines).toContain("Make A1:E3 on 'Plan 2010' an Excel table named Actions_Plan_2010");
    expect(lines).toContain("Name StatusList → Statuses[Status]");
  });

  it("groups statuses that were fill colours into one line per sheet", () => {
    const snapshot = workbook(
      sheet("2009", [
        ["Ref", "Action", "Lead", "Update", "Status"],
        ["1", "First", "Police", "Done", { value: "", fill: "#0070C0" }],
        ["2", "Second", "SBC", "Fine", { value: "", fill: "#00B050" }],
      ]),
    );
    const lines = describeWritePlan(planApplySchema(snapshot, readPlan(snapshot)).plan);
    expect(lines).toContain(
      "On '2009', 2 statuses that were only a fill colour are written as words and the fill cleared (E2, E3)",
    );
  });

  it("groups a typed variant written as its word into one line per sheet and change", () => {
    const snapshot = workbook(
      sheet("Plan 2010", [
        ["Ref", "Action", "Lead", "Update", "Status"],
        ["1", "First", "Police", "Late", "r"],
        ["2", "Second", "SBC", "Fine", "G"],
        ["3", "Third", "SBC", "Late", "r"],
        ["4", "Fourth", "Police", "Late", "r"],
      ]),
      sheet("Plan 2011", [
        ["Ref", "Action", "Lead", "Update", "Status"],
        ["1", "Fifth", "Police", "Late", "r"],
      ]),
    );
    const lines = describeWritePlan(planApplySchema(snapshot, readPlan(snapshot)).plan);
    const statusLines = lines.filter((line) => line.includes("→ '"));
    expect(statusLines).toEqual([
      "On 'Plan 2010', 'r' → 'Red' in 3 cells (E2, E4, E5)",
      "On 'Plan 2010', E3: 'G' → 'Green'",
      "On 'Plan 2011', E2: 'r' → 'Red'",
    ]);
  });

  it("shows the first eight cells of a large group and says how many there are", () => {
    const rows = Array.from({ length: 12 }, (_, i) => [String(i + 1), `Action ${i + 1}`, "SBC", "", "g"]);
    const snapshot = workbook(sheet("Plan", [["Ref", "Action", "Lead", "Update", "Status"], ...rows]));
    const lines = describeWritePlan(planApplySchema(snapshot, readPlan(snapshot)).plan);
    expect(lines).toContain("On 'Plan', 'g' → 'Green' in 12 cells (E2, E3, E4, E5, E6, E7, E8, E9, …)");
  });

  it("describes ops from other commands too", () => {
    expect(
      describeWritePlan({
        title: "Summary",
        ops: [
          { kind: "addSheet", sheet: "Summary", after: "Lists" },
          {
            kind: "setPageLayout",
            sheet: "Summary",
            orientation: "landscape",
            fitToPagesWide: 1,
            printTitleRows: { first: 0, last: 2 },
          },
          { kind: "activateSheet", sheet: "Summary" },
          {
            kind: "moveRows",
            sheet: "Plan",
            range: { top: 4, left: 0, bottom: 9, right: 4 },
            rows: [6, 8],
            cells: [[], []],
          },
        ],
      }),
    ).toEqual([
      "Add a sheet 'Summary' after 'Lists'",
      "Print 'Summary' landscape, 1 page wide, rows 1–3 repeated on every page",
      "Show 'Summary'",
      "Move 2 rows up to A5:E6 on 'Plan' and clear the rest of A5:E10",
    ]);
  });
});

describe("describeWritePlan on the Summary's print setup", () => {
  it("names the paper, the page breaks, the footer and the row heights in words", () => {
    const lines = describeWritePlan({
      title: "Print",
      ops: [
        {
          kind: "setPageLayout",
          sheet: "Summary",
          orientation: "landscape",
          fitToPagesWide: 1,
          printTitleRows: { first: 0, last: 1 },
          paperSize: "A4",
          rowBreaks: [30, 61],
          footer: { center: "OFFICIAL", pageNumbers: true },
        },
        {
          kind: "setRowHeights",
          sheet: "Summary",
          heights: [
            { row: 0, height: 19 },
            { row: 1, height: 15 },
          ],
        },
      ],
    });
    expect(lines).toEqual([
      "Print 'Summary' landscape on A4, 1 page wide, rows 1–2 repeated on every page, new pages at rows 31, 62, footer 'OFFICIAL'",
      "Set 2 row heights on 'Summary' to fit their text",
    ]);
  });
});

describe("describeWritePlan on hidden rows", () => {
  it("names the rows it hides, 1-based, or says the planner's own words", () => {
    const lines = describeWritePlan({
      title: "Hide",
      ops: [
        { kind: "hideRows", sheet: "2012-13", rows: [5] },
        { kind: "hideRows", sheet: "2012-13", rows: [5, 8, 9] },
        { kind: "hideRows", sheet: "2012-13", rows: [5], note: "Keep row 6 hidden" },
      ],
    });
    expect(lines).toEqual([
      "Hide row 6 on '2012-13'",
      "Hide rows 6, 9, 10 on '2012-13'",
      "Keep row 6 hidden",
    ]);
  });
});
