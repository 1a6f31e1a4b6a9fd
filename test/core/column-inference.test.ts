import { headerRole, roleScores } from "../../src/core/reading/header-roles";
import { standardStatusOfFill, statusOfFill } from "../../src/core/reading/fill-colours";
import { statusFromText, statusWordsOfKeyText } from "../../src/core/reading/status-vocabulary";
import { LeadNames } from "../../src/core/reading/lead-register";
import { parseColumnOverride } from "../../src/core/reading/column-mapping";
import { readPlan } from "../../src/core/reading/read-plan";
import type { Lead } from "../../src/core/basics/plan-model";
import { sheet, workbook } from "../support/snapshot-builder";

describe("header words, read by tokens", () => {
  it.each([
    ["Action Owner", "lead"],
    ["Lead officer / agency", "lead"],
    ["Lead\u00a0Partner", "lead"],
    ["Who?", "lead"],
    ["Timescale", "due"],
    ["Target date for completion", "due"],
    ["By when?", "due"],
    ["Deadline", "due"],
    ["Commentary", "update"],
    ["Progress update\n(Q2)", "update"],
    ["How are we doing?", "update"],
    ["R/A/G", "status"],
    ["RAG\nrating", "status"],
    ["BRAG", "status"],
    ["What we will do", "action"],
    ["Actions to be\ntaken", "action"],
    ["Strategic priority", "theme"],
  ])("reads %j as the %s column", (header, role) => {
    expect(headerRole(header)).toBe(role);
  });

  it("names no role for columns that are none of them", () => {
    expect(
      ["Key partners", "Success measure", "Outcome / Measure", "Resources", "Notes"].map(headerRole),
    ).toEqual([null, null, null, null, null]);
  });

  it("scores a weak header word below a sure one, so contents and other columns can decide", () => {
    expect(roleScores("Notes").update).toBeLessThan(roleScores("Progress").update);
    expect(roleScores("Objective").action).toBeLessThan(roleScores("Action").action);
  });
});

describe("status words", () => {
  it("reads the words plans use for a RAG status", () => {
    expect(
      [
        "On track",
        "At risk",
        "Off track",
        "Delayed",
        "Achieved",
        "Closed",
        "Not due yet",
        "Green - on track",
      ].map(statusFromText),
    ).toEqual(["Green", "Amber", "Red", "Amber", "Complete", "Complete", "Not started", "Green"]);
  });

  it("does not guess at words that say nothing about delivery, or that name two statuses", () => {
    expect(
      ["Ongoing", "In progress", "TBC", "N/A", "Amber/Green", "not on track"].map(statusFromText),
    ).toEqual([null, null, null, null, null, "Red"]);
  });

  it("reads a key written as text, a meaning holding a comma", () => {
    expect(
      statusWordsOfKeyText("R – off track, A – at risk; P = progressing, on track").map((w) => [
        w.token,
        w.status,
      ]),
    ).toEqual([
      ["R", "Red"],
      ["A", "Amber"],
      ["P", "Green"],
    ]);
  });

  it("lets the sheet's key say what its letters mean", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Ref", "Action", "Status"],
          ["1", "Run the patrols at weekends", "P"],
          ["2", "Publish the guide", "X"],
          [],
          ["Status key: P = progressing well, on track; X = off track"],
        ]),
      ),
    );
    expect(model.actions.map((a) => a.status)).toEqual(["Green", "Red"]);
  });
});

describe("fill colours as a person sees them", () => {
  it.each([
    ["#FF0000", "Red"],
    ["#FFC7CE", "Red"],
    ["#FFEB9C", "Amber"],
    ["#ED7D31", "Amber"],
    ["#FFFF00", "Amber"],
    ["#C6EFCE", "Green"],
    ["#A9D08E", "Green"],
    ["#9BC2E6", "Complete"],
    ["#7030A0", "Complete"],
    ["#BFBFBF", "Not started"],
  ])("reads %s as %s", (fill, status) => {
    expect(standardStatusOfFill(fill)).toBe(status);
  });

  it("reads near-white and faint neutral bands as no fill", () => {
    expect(["#FFFFFF", "#F2F2F2", "#EEECE1"].map(standardStatusOfFill)).toEqual([null, null, null]);
  });

  it("lets the workbook's key win, for its own colours and their tints", () => {
    const key = [{ fill: "#00B0F0", status: "Not started" as const }];
    const fromKey = { fromKey: true, guessed: false, schemeMayConfirm: false };
    expect(statusOfFill("#00B0F0", key)).toEqual({ status: "Not started", ...fromKey });
    expect(statusOfFill("#10B4F2", key)).toEqual({ status: "Not started", ...fromKey });
    expect(statusOfFill("#FF0000", key)).toEqual({
      status: "Red",
      fromKey: false,
      guessed: false,
      schemeMayConfirm: false,
    });
  });
});

describe("lead names", () => {
  const register: Lead[] = [
    { code: "A&E", name: "Accident and Emergency", organisation: null, sheet: "L", cell: "A2" },
  ];

  it("folds case and spacing, splits lines and commas, and splits & only into leads known on their own", () => {
    const names = new LeadNames(register, [
      "Police",
      "POLICE\nSBC",
      "SBC",
      "police ",
      "Police & SBC",
      "Scanning & Challenge Group",
      "A&E",
    ]);
    expect(names.leadsOf("POLICE\nSBC")).toEqual(["Police", "SBC"]);
    expect(names.leadsOf("police , sbc")).toEqual(["Police", "SBC"]);
    expect(names.leadsOf("Police & SBC")).toEqual(["Police", "SBC"]);
    expect(names.leadsOf("Scanning & Challenge Group")).toEqual(["Scanning & Challenge Group"]);
    expect(names.leadsOf("A&E")).toEqual(["A&E"]);
    expect(names.leadsOf("Accident and Emergency")).toEqual(["A&E"]);
  });
});

describe("column roles decided by contents and reported when unsure", () => {
  it("takes the action from the Action column, not a parent Objective or an Outcome column", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Objective", "Action", "Outcome / Measure", "Lead", "Status"],
          [
            "Safer streets",
            "Run a joint patrol in the town centre at weekends",
            "Fewer calls",
            "Police",
            "Green",
          ],
          [
            "Safer streets",
            "Review the CCTV coverage map with the parish councils",
            "A map",
            "Council",
            "Amber",
          ],
        ]),
      ),
    );
    expect(model.tables[0]?.columns.map((c) => c.role)).toEqual([null, "action", null, "lead", "status"]);
    expect(model.actions[0]?.extra).toEqual({
      Objective: "Safer streets",
      "Outcome / Measure": "Fewer calls",
    });
  });

  it("finds a status column by its values when its header names no role, and asks to confirm it", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Ref", "Action", "Lead", "Q3"],
          ["1", "Run a joint patrol", "Police", "G"],
          ["2", "Publish the guide", "Council", "R"],
        ]),
      ),
    );
    expect(model.actions.map((a) => a.status)).toEqual(["Green", "Red"]);
    expect(model.problems).toEqual([expect.objectContaining({ rule: "column/uncertain", cell: "D1" })]);
  });

  it("names the alternatives when two columns could be the action", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Ref", "Task", "Action", "Lead"],
          ["1", "Run a joint patrol in the town centre", "Agree the rota with the inspector", "Police"],
        ]),
      ),
    );
    const problem = model.problems.find((p) => p.rule === "column/ambiguous");
    expect(problem?.cell).toBe("B1");
    expect(problem?.message).toContain("'Action' could be it too; confirm it in Columns");
  });

  it("warns on the status column taken when another column headed Status is left out, naming both cells", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Ref", "Action", "Lead", "Status", "Update", "RAG"],
          ["1", "Run a joint patrol", "Police", "In progress", "Rota agreed", "A"],
          ["2", "Publish the guide", "Council", "Closed", "Printed", "G"],
          ["3", "Light the underpass", "Council", "In progress", "Quotes in", "R"],
        ]),
      ),
    );
    expect(model.actions.map((a) => a.status)).toEqual(["Amber", "Green", "Red"]);
    const doubts = model.problems.filter((p) => p.rule === "column/ambiguous");
    expect(doubts).toEqual([expect.objectContaining({ cell: "F1", severity: "warning" })]);
    expect(doubts[0]?.message).toContain("'Status' (Plan!D1)");
    expect(doubts[0]?.message).toContain('--column "Status=status"');
  });

  it("raises no doubt over a status column beside a column of prose headed Current status", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Ref", "Action", "Lead", "Current status", "R/A/G"],
          ["1", "Run a joint patrol", "Police", "The rota was agreed with the inspector in May", "A"],
          ["2", "Publish the guide", "Council", "Printed and sent to every school in the town", "G"],
        ]),
      ),
    );
    expect(model.problems.filter((p) => p.rule.startsWith("column/"))).toEqual([]);
  });

  it("reads a group header merged over Progress | Rating per quarter as the action's history", () => {
    const model = readPlan(
      workbook(
        sheet(
          "Plan",
          [
            ["Ref", "Action", "Jul–Sep 2013", null, "Oct–Dec 2013", null],
            [null, null, "Progress", "Rating", "Progress", "Rating"],
            ["1", "Run a joint patrol", "Rota agreed", "A", "Patrols running", "G"],
            ["2", "Publish the guide", "Quotes in", "G", null, null],
          ],
          {
            merges: [
              { top: 0, left: 2, bottom: 0, right: 3 },
              { top: 0, left: 4, bottom: 0, right: 5 },
            ],
          },
        ),
      ),
    );
    expect(model.actions.map((a) => [a.update, a.status, a.history])).toEqual([
      ["Patrols running", "Green", [{ period: "Jul–Sep 2013", status: "Amber", update: "Rota agreed" }]],
      ["Quotes in", "Green", []],
    ]);
  });

  describe("a header of two rows: a group row of merged cells above the column names", () => {
    /** Each table's columns: header, then role, or a period column's label and part. */
    const columnsOf = (model: ReturnType<typeof readPlan>) =>
      model.tables.map((t) =>
        t.columns.map((c) => [c.header, c.period ? `${c.period.label} ${c.period.role ?? ""}` : c.role]),
      );

    it("takes the names from the row under a group row that is a header row itself (Progress over Q1 | Q2 | Q3)", () => {
      const model = readPlan(
        workbook(
          sheet(
            "Plan 2024-25",
            [
              ["Youth Justice Plan"],
              [],
              ["Action", null, "Lead", "Progress", null, null, "Status"],
              ["Ref", "Description", null, "Q1", "Q2", "Q3", null],
              ["YJ1", "Out-of-court disposal panel", "YOS", "Panel set up", "Running", "Reviewed", "Green"],
              [
                "YJ2",
                "Education, training and employment",
                "Education",
                "Data gathered",
                "Slipping",
                null,
                "Amber",
              ],
              ["YJ3", "Reduce first-time entrants", "Police", "Started", null, null, "Red"],
            ],
            {
              merges: [
                { top: 2, left: 0, bottom: 2, right: 1 },
                { top: 2, left: 2, bottom: 3, right: 2 },
                { top: 2, left: 3, bottom: 2, right: 5 },
                { top: 2, left: 6, bottom: 3, right: 6 },
              ],
            },
          ),
        ),
      );
      expect(columnsOf(model)).toEqual([
        [
          ["Ref", "ref"],
          ["Description", "action"],
          ["Lead", "lead"],
          ["Progress", "Q1 update"],
          ["Progress", "Q2 update"],
          ["Progress", "Q3 update"],
          ["Status", "status"],
        ],
      ]);
      expect(model.actions.map((a) => [a.ref, a.lead, a.update, a.status])).toEqual([
        ["YJ1", "YOS", "Reviewed", "Green"],
        ["YJ2", "Education", "Slipping", "Amber"],
        ["YJ3", "Police", "Started", "Red"],
      ]);
      expect(model.actions[0]?.history).toEqual([
        { period: "Q1", status: null, update: "Panel set up" },
        { period: "Q2", status: null, update: "Running" },
      ]);
      expect(model.problems).toEqual([]);
    });

    it("reads quarters merged over Progress | RAG beside a group cell that is no period (ACTION over No | Action)", () => {
      const model = readPlan(
        workbook(
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
        ),
      );
      expect(model.actions.map((a) => [a.ref, a.action, a.update, a.status, a.history])).toEqual([
        [
          "1",
          "Run a joint patrol",
          "Patrols running",
          "Green",
          [{ period: "Q1 2024-25", status: "Amber", update: "Rota agreed" }],
        ],
        ["2", "Publish the guide", "Quotes in", "Green", []],
      ]);
      expect(model.problems.filter((p) => p.rule.startsWith("column/"))).toEqual([]);
    });

    it("reads a role word merged over period names, in any columns, as that role per period", () => {
      const model = readPlan(
        workbook(
          sheet(
            "Plan",
            [
              [null, null, null, "Update", null, null, null],
              ["Ref", "Action", "Lead", "Apr–Jun", "Jul–Sep", "Oct–Dec", "Status"],
              ["1", "Run a joint patrol", "Police", "Rota agreed", "Patrols running", null, "Green"],
            ],
            { merges: [{ top: 0, left: 3, bottom: 0, right: 5 }] },
          ),
        ),
      );
      expect(columnsOf(model)[0]?.slice(3, 6)).toEqual([
        ["Update", "Apr–Jun update"],
        ["Update", "Jul–Sep update"],
        ["Update", "Oct–Dec update"],
      ]);
      expect(model.actions.map((a) => [a.update, a.status, a.history])).toEqual([
        ["Patrols running", "Green", [{ period: "Apr–Jun", status: null, update: "Rota agreed" }]],
      ]);
    });

    it("reads the group row over an Excel table's header as it reads it over a header row", () => {
      // As Apply schema leaves the plan above: the table's own header row holds the names, the cells
      // merged down over both rows ("Lead", "Status") unmerged, the group cells merged across as they were.
      const model = readPlan(
        workbook(
          sheet(
            "Plan 2024-25",
            [
              ["Youth Justice Plan"],
              [],
              ["Action", null, "Lead", "Progress", null, null, "Status"],
              ["Ref", "Description", "Lead", "Q1", "Q2", "Q3", "Status"],
              ["YJ1", "Out-of-court disposal panel", "YOS", "Panel set up", "Running", "Reviewed", "Green"],
              [
                "YJ2",
                "Education, training and employment",
                "Education",
                "Data gathered",
                "Slipping",
                null,
                "Amber",
              ],
            ],
            {
              merges: [
                { top: 2, left: 0, bottom: 2, right: 1 },
                { top: 2, left: 3, bottom: 2, right: 5 },
              ],
              tables: [
                {
                  name: "Actions_Plan_2024_25",
                  range: { top: 3, left: 0, bottom: 5, right: 6 },
                  columnNames: ["Ref", "Description", "Lead", "Q1", "Q2", "Q3", "Status"],
                },
              ],
            },
          ),
        ),
      );
      expect(columnsOf(model)).toEqual([
        [
          ["Ref", "ref"],
          ["Description", "action"],
          ["Lead", "lead"],
          ["Progress", "Q1 update"],
          ["Progress", "Q2 update"],
          ["Progress", "Q3 update"],
          ["Status", "status"],
        ],
      ]);
      expect(model.actions.map((a) => [a.ref, a.update, a.status])).toEqual([
        ["YJ1", "Reviewed", "Green"],
        ["YJ2", "Slipping", "Amber"],
      ]);
      expect(model.problems).toEqual([]);
    });

    it("says so when a header row sits on another it cannot read as its group row, naming the row it used", () => {
      const model = readPlan(
        workbook(
          sheet("Plan", [
            ["Action", "Lead", "Progress", "Status"],
            ["Ref", "Description", "Owner", "RAG"],
            ["1", "Run a joint patrol", "Police", "G"],
          ]),
        ),
      );
      expect(model.actions.map((a) => a.ref)).toEqual(["1"]);
      expect(model.problems.filter((p) => p.rule === "table/header-over-header")).toEqual([
        expect.objectContaining({ cell: "A1", severity: "warning" }),
      ]);
      expect(model.problems[0]?.message).toContain("row 2");
    });
  });

  it("honours a stored or given role over what it infers", () => {
    const snapshot = workbook(
      sheet("Plan", [
        ["Ref", "Action", "Lead", "Notes", "Progress"],
        ["1", "Run a joint patrol", "Police", "Started", "Patrols running"],
      ]),
    );
    expect(readPlan(snapshot).actions[0]?.update).toBe("Patrols running");
    const given = readPlan(snapshot, {
      columnOverrides: [parseColumnOverride("NOTES=update"), parseColumnOverride("progress=ignore")].flatMap(
        (o) => (o ? [o] : []),
      ),
    });
    expect(given.actions[0]?.update).toBe("Started");
    expect(given.actions[0]?.extra).toEqual({ Progress: "Patrols running" });
  });
});
