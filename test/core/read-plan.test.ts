import { readPlan } from "../../src/core/reading/read-plan";
import { sheet, workbook, workbookWithNames, type CellSpec } from "../support/snapshot-builder";

const LONG = "Work with partners to reduce repeat anti-social behaviour in the town centre";

function actionsOf(...rows: CellSpec[][]) {
  return readPlan(workbook(sheet("Plan", rows))).actions;
}

describe("readPlan: finding the header row", () => {
  it("finds a header below title and intro rows and reads the rows under it as actions", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Community Safety Action Plan"],
          ["Agreed by the partnership board"],
          [],
          ["Ref No.", "Action", "Lead Officer", "Progress", "RAG"],
          ["1", LONG, "Police", "Going well", "G"],
        ]),
      ),
    );
    expect(model.tables).toHaveLength(1);
    expect(model.tables[0]?.headerRow).toBe(3);
    expect(model.tables[0]?.title).toBe("Community Safety Action Plan");
    expect(model.actions).toEqual([
      expect.objectContaining({
        ref: "1",
        action: LONG,
        lead: "Police",
        update: "Going well",
        status: "Green",
        cell: "A5",
      }),
    ]);
  });

  it("needs an action column and one other role to call a row a header", () => {
    const model = readPlan(workbook(sheet("Notes", [["Action"], ["Do something"], ["Status", "Owner"]])));
    expect(model.tables).toEqual([]);
    expect(model.problems).toEqual([expect.objectContaining({ rule: "table/none-found", cell: "" })]);
  });

  it("matches header words whatever their case, spacing and punctuation", () => {
    const [action] = actionsOf(
      ["  ref no. ", "DATA GAP", "lead agency:", "Latest Update", "RAG Status", "By when?"],
      ["3.1", "Gap", "Council", "Done", "complete", "March"],
    );
    expect(action).toEqual(
      expect.objectContaining({
        ref: "3.1",
        action: "Gap",
        lead: "Council",
        update: "Done",
        status: "Complete",
        due: "March",
      }),
    );
  });

  it("takes the first of several action-role columns as the action and keeps the rest by header", () => {
    const [action] = actionsOf(
      ["Ref", "Data gap", "Lead", "Action", "Update"],
      ["1", "The gap", "SBC", "What to do", ""],
    );
    expect(action?.action).toBe("The gap");
    expect(action?.extra).toEqual({ Action: "What to do" });
  });

  it("gives ref null when the table has no ref column", () => {
    const [action] = actionsOf(["Recommendation", "Update"], [LONG, "Agreed"]);
    expect(action).toEqual(
      expect.objectContaining({ ref: null, action: LONG, update: "Agreed", lead: null, status: null }),
    );
  });
});

describe("readPlan: ACTION over the number and the text column", () => {
  const rows: CellSpec[][] = [
    ["ACTION", null, "AGENCY", "UPDATE"],
    ["1", LONG, "Police", "Meeting held"],
    ["11.1", LONG + " again", "Council", ""],
  ];

  it("splits a merged ACTION header into ref and action when the first column holds refs", () => {
    const model = readPlan(
      workbook(sheet("Plan", rows, { merges: [{ top: 0, left: 0, bottom: 0, right: 1 }] })),
    );
    expect(model.tables[0]?.columns.map((c) => [c.header, c.role])).toEqual([
      ["ACTION", "ref"],
      ["ACTION", "action"],
      ["AGENCY", "lead"],
      ["UPDATE", "update"],
    ]);
    expect(model.actions.map((a) => [a.ref, a.action])).toEqual([
      ["1", LONG],
      ["11.1", LONG + " again"],
    ]);
  });

  it("splits the same way when the merge cannot be read and the header beside ACTION is blank", () => {
    const model = readPlan(workbook(sheet("Plan", rows)));
    expect(model.actions.map((a) => a.ref)).toEqual(["1", "11.1"]);
    expect(model.actions[0]?.action).toBe(LONG);
  });

  it("does not split when the first column holds prose", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["ACTION", null, "AGENCY"],
          [LONG, "note", "Police"],
        ]),
      ),
    );
    expect(model.actions[0]).toEqual(expect.objectContaining({ ref: null, action: LONG }));
  });
});

describe("readPlan: rows that are not actions", () => {
  it("passes over repeated header rows, even with another action word, and blank separator rows", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Ref", "Action", "Lead", "Status"],
          ["1", "First", "A", "R"],
          [],
          ["Ref", "Action", "Lead", "Status"],
          ["2", "Second", "B", "A"],
          [],
          ["Ref", "RECOMMENDATION", "Lead", "Status"],
          ["3", "Third", "C", "G"],
          [],
        ]),
      ),
    );
    expect(model.actions.map((a) => a.ref)).toEqual(["1", "2", "3"]);
    expect(model.tables).toHaveLength(1);
    expect(model.tables[0]?.repeatedHeaderRows).toEqual([3, 6]);
    expect(model.tables[0]?.blankRows).toEqual([2, 5]);
    expect(model.tables[0]?.range).toEqual({ top: 0, left: 0, bottom: 7, right: 3 });
  });

  it("ends the table at a colour key and never reads the key's rows as actions", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["No", "Action", "Status"],
          ["1", "First", { value: "", fill: "#0070C0" }],
          [],
          ["Key:"],
          ["2", { value: "", fill: "#0070C0" }, "Complete"],
          [{ value: "", fill: "#00B050" }, "On track"],
          [{ value: "", fill: "#FFC000" }, "Some slippage"],
          [{ value: "", fill: "#FF0000" }, "Significant problems / not started"],
        ]),
      ),
    );
    expect(model.actions.map((a) => a.ref)).toEqual(["1"]);
    expect(model.statusKey.map((k) => [k.fill, k.status, k.meaning, k.cell])).toEqual([
      ["#0070C0", "Complete", "Complete", "B5"],
      ["#00B050", "Green", "On track", "A6"],
      ["#FFC000", "Amber", "Some slippage", "A7"],
      ["#FF0000", "Red", "Significant problems / not started", "A8"],
    ]);
  });

  it("ends a table at a legend and starts the next one at its own header", () => {
    const model = readPlan(
      workbook(
        sheet("Themes", [
          ["1. ASB"],
          ["No", "LEAD", "ACTION"],
          ["1", "MW", "First"],
          [],
          ["2. ALCOHOL"],
          ["THEMATIC LEAD:", null, "DAAT manager"],
          ["ACTION POINT LEADS:"],
          [null, "EC", "Emma Champley"],
          [],
          ["No", "LEAD", "ACTION"],
          ["1", "EC", "Second"],
        ]),
      ),
    );
    expect(model.tables.map((t) => t.title)).toEqual(["1. ASB", "2. ALCOHOL"]);
    expect(model.actions.map((a) => [a.row, a.lead, a.action])).toEqual([
      [2, "MW", "First"],
      [10, "EC", "Second"],
    ]);
    expect(model.themes).toEqual(["1. ASB", "2. ALCOHOL"]);
  });

  it("reads a row with a ref and any text as an action, with empty action text", () => {
    const [action] = actionsOf(["Ref", "Action", "Update"], ["4", null, "Update only"]);
    expect(action).toEqual(expect.objectContaining({ ref: "4", action: "", update: "Update only" }));
  });

  it("reports a row with text but no action or ref inside a table instead of reading it", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Ref", "Action", "Update"],
          ["1", "First", ""],
          [null, null, "stray note"],
          ["2", "Second", ""],
        ]),
      ),
    );
    expect(model.actions.map((a) => a.ref)).toEqual(["1", "2"]);
    expect(model.problems).toEqual([
      expect.objectContaining({ rule: "row/not-an-action", cell: "A3", sheet: "Plan" }),
    ]);
  });
});

describe("readPlan: statuses", () => {
  it.each([
    ["Red", "Red"],
    ["red", "Red"],
    ["R", "Red"],
    ["Red ", "Red"],
    ["AMBER", "Amber"],
    ["A", "Amber"],
    ["G", "Green"],
    ["Completed", "Complete"],
    ["C", "Complete"],
    ["Blue", "Complete"],
    ["Not started", "Not started"],
    ["NS", "Not started"],
    ["Grey", "Not started"],
  ])("reads a typed status %j as %s", (typed, status) => {
    const [action] = actionsOf(["Ref", "Action", "Status"], ["1", "Do it", typed]);
    expect(action?.status).toBe(status);
    expect(action?.statusText).toBe(typed);
  });

  it("does not guess a status it cannot read, and names the cell", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Ref", "Action", "Status"],
          ["1", "Do it", "TBC"],
        ]),
      ),
    );
    expect(model.actions[0]?.status).toBeNull();
    expect(model.problems).toEqual([
      expect.objectContaining({ sheet: "Plan", cell: "C2", rule: "status/invalid", severity: "error" }),
    ]);
    expect(model.problems[0]?.message).toContain("Plan!C2");
  });

  it("reads Excel's standard fills when there is no key", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Ref", "Action", "Status"],
          ["1", "a", { value: "", fill: "#C00000" }],
          ["2", "b", { value: null, fill: "#92D050" }],
          ["3", "c", { value: "", fill: "#00B0F0" }],
          ["4", "d", { value: "", fill: "#FFC000" }],
        ]),
      ),
    );
    expect(model.actions.map((a) => [a.status, a.statusFromFill])).toEqual([
      ["Red", true],
      ["Green", true],
      ["Complete", true],
      ["Amber", true],
    ]);
    expect(model.tables[0]?.statusSource).toBe("fill");
  });

  it("lets the workbook's own key win over the standard colours", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Ref", "Action", "Status"],
          ["1", "a", { value: "", fill: "#FF0000" }],
          ["2", "b", { value: "", fill: "#7030A0" }],
          [],
          ["Key"],
          [{ value: "", fill: "#FF0000" }, "Not started"],
          [{ value: "", fill: "#7030A0" }, "Complete"],
        ]),
      ),
    );
    expect(model.actions.map((a) => a.status)).toEqual(["Not started", "Complete"]);
  });

  it("reports a fill that is near no status colour and not in the key", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Ref", "Action", "Status"],
          ["1", "a", { value: "", fill: "#FF00FF" }],
        ]),
      ),
    );
    expect(model.actions[0]?.status).toBeNull();
    expect(model.problems).toEqual([expect.objectContaining({ rule: "status/unknown-fill", cell: "C2" })]);
  });

  it("prefers the typed status over the cell's fill", () => {
    const [action] = actionsOf(["Ref", "Action", "Status"], ["1", "a", { value: "Amber", fill: "#FF0000" }]);
    expect(action).toEqual(expect.objectContaining({ status: "Amber", statusFromFill: false }));
  });
});

describe("readPlan: a status read from a fill it is not sure of", () => {
  const filled = (...fills: string[]): CellSpec[][] => [
    ["Ref", "Action", "Status"],
    ...fills.map((fill, i): CellSpec[] => [String(i + 1), `Action ${i + 1}`, { value: "", fill }]),
  ];
  const guesses = (rows: CellSpec[][]) =>
    readPlan(workbook(sheet("Plan", rows)))
      .problems.filter((p) => p.rule === "status/fill-guessed")
      .map((p) => [p.cell, p.message.includes("#") ? p.message.match(/#[0-9A-F]{6}/)?.[0] : null]);

  it("reads a purple fill as Complete only as a guess that names the cell and the colour", () => {
    const model = readPlan(workbook(sheet("Plan", filled("#FF0000", "#7030A0"))));
    expect(model.actions.map((a) => [a.status, a.statusGuessed])).toEqual([
      ["Red", false],
      ["Complete", true],
    ]);
    expect(model.problems).toEqual([
      expect.objectContaining({ rule: "status/fill-guessed", cell: "C3", severity: "warning" }),
    ]);
    expect(model.problems[0]?.message).toContain("#7030A0");
    expect(model.problems[0]?.message).toContain("Complete");
  });

  it("reads clear reds, ambers, greens and blues without a word of doubt", () => {
    expect(
      guesses(filled("#FF0000", "#C00000", "#FFC000", "#FFFF00", "#00B050", "#92D050", "#0070C0", "#00B0F0")),
    ).toEqual([]);
  });

  it("guesses at a pale theme blue and a grey that nothing on the sheet confirms", () => {
    expect(guesses(filled("#8FAADC", "#BFBFBF"))).toEqual([
      ["C2", "#8FAADC"],
      ["C3", "#BFBFBF"],
    ]);
  });

  it("takes a pale blue and a grey beside clear reds, ambers and greens as that scheme's Complete and Not started", () => {
    expect(guesses(filled("#FF7C80", "#FFD966", "#A9D08E", "#9BC2E6", "#A6A6A6"))).toEqual([]);
  });

  it("still guesses when two colours would both be Complete", () => {
    expect(guesses(filled("#FF0000", "#FFC000", "#00B050", "#8FAADC", "#7030A0"))).toEqual([
      ["C5", "#8FAADC"],
      ["C6", "#7030A0"],
    ]);
  });

  it("does not guess at a colour the sheet's key defines", () => {
    const rows = [
      ...filled("#7030A0", "#FF0000"),
      [],
      ["Key:"],
      [{ value: "", fill: "#7030A0" }, "Complete"],
    ];
    const model = readPlan(workbook(sheet("Plan", rows)));
    expect(model.actions.map((a) => [a.status, a.statusGuessed])).toEqual([
      ["Complete", false],
      ["Red", false],
    ]);
    expect(model.problems.filter((p) => p.rule === "status/fill-guessed")).toEqual([]);
  });

  it("does not read as a status a colour the key gives a meaning that is none", () => {
    const rows = [...filled("#7030A0", "#FF0000"), [], ["Key:"], [{ value: "", fill: "#7030A0" }, "On hold"]];
    const model = readPlan(workbook(sheet("Plan", rows)));
    expect(model.actions.map((a) => a.status)).toEqual([null, "Red"]);
    expect(model.problems.map((p) => [p.rule, p.cell])).toEqual(
      expect.arrayContaining([
        ["status/key-unreadable", "B6"],
        ["status/unknown-fill", "C2"],
      ]),
    );
  });
});

describe("readPlan: a typed status whose fill says another", () => {
  const typedOn = (...cells: Array<[string, string | null]>): CellSpec[][] => [
    ["Ref", "Action", "Status"],
    ...cells.map(([value, fill], i): CellSpec[] => [String(i + 1), `Action ${i + 1}`, { value, fill }]),
  ];
  const conflicts = (rows: CellSpec[][]) =>
    readPlan(workbook(sheet("Plan", rows)))
      .problems.filter((p) => p.rule === "status/typed-differs-from-fill")
      .map((p) => p.cell);

  it("keeps the typed word and warns, naming the cell, the word and the colour", () => {
    const model = readPlan(workbook(sheet("Plan", typedOn(["Green", "#FF0000"], ["Amber", "#FFC000"]))));
    expect(model.actions.map((a) => a.status)).toEqual(["Green", "Amber"]);
    expect(model.problems).toEqual([
      expect.objectContaining({ rule: "status/typed-differs-from-fill", cell: "C2", severity: "warning" }),
    ]);
    expect(model.problems[0]?.message).toMatch(/'Green'.*#FF0000.*Red/);
  });

  it("says nothing where every status cell has the same input colour", () => {
    expect(conflicts(typedOn(["Green", "#FFFF99"], ["Red", "#FFFF99"], ["Amber", "#FFFF99"]))).toEqual([]);
  });

  it("says nothing where one colour sits under several statuses it disagrees with", () => {
    expect(
      conflicts(typedOn(["Green", "#FF0000"], ["Amber", "#FF0000"], ["Red", null], ["Green", null])),
    ).toEqual([]);
  });

  it("says nothing where the fill is itself only a guess", () => {
    expect(conflicts(typedOn(["Green", "#7030A0"], ["Red", "#FF0000"]))).toEqual([]);
  });
});

describe("readPlan: the lead register and leads", () => {
  const legendSheet = (name: string, rows: CellSpec[][]) =>
    sheet(name, [
      ["ACTION POINT LEADS:"],
      ...rows,
      [],
      ["No", "LEAD", "ACTION"],
      ["1", "TA & CS", "Joint work"],
    ]);

  it("builds the register from legends, splits leads on line breaks, and on & or / only into known leads", () => {
    const model = readPlan(
      workbook(
        legendSheet("1 ASB", [
          [null, "TA", "Ted Allen"],
          [null, "CS", "Community Safety Manager"],
        ]),
        sheet("2009", [
          ["Ref", "Action", "Lead"],
          ["1", "a", "Scanning & Challenge Group"],
          ["2", "b", "ASB TEAM\nPOLICE"],
          ["3", "c", "TA / CS"],
          ["4", "d", "cs and ta"],
          ["5", "e", null],
        ]),
      ),
    );
    expect(model.leadRegister.map((l) => [l.code, l.name, l.sheet, l.cell])).toEqual([
      ["TA", "Ted Allen", "1 ASB", "B2"],
      ["CS", "Community Safety Manager", "1 ASB", "B3"],
    ]);
    expect(model.actions.map((a) => a.leads)).toEqual([
      ["TA", "CS"],
      ["Scanning & Challenge Group"],
      ["ASB TEAM", "POLICE"],
      ["TA", "CS"],
      ["CS", "TA"],
      [],
    ]);
  });

  it("keeps the first name for a code spelt two ways and says where both are", () => {
    const model = readPlan(
      workbook(
        legendSheet("4 Drugs", [[null, "RD", "Rob Donoghy"]]),
        legendSheet("6 Emerging", [[null, "RD", "Rob Donaghy"]]),
      ),
    );
    expect(model.leadRegister).toEqual([expect.objectContaining({ code: "RD", name: "Rob Donoghy" })]);
    const conflict = model.problems.find((p) => p.rule === "lead/conflicting-name");
    expect(conflict).toEqual(expect.objectContaining({ sheet: "6 Emerging", cell: "B2", severity: "info" }));
    expect(conflict?.message).toContain("4 Drugs!B2");
  });

  it("reads inline legends: 'LEADS: MW – Mick Williams, CS – Community Safety'", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["LEADS: MW – Mick Williams, CS - Community Safety"],
          ["Ref", "Action", "Lead"],
          ["1", "a", "MW"],
        ]),
      ),
    );
    expect(model.leadRegister.map((l) => [l.code, l.name])).toEqual([
      ["MW", "Mick Williams"],
      ["CS", "Community Safety"],
    ]);
  });

  it("reads a Lists sheet's Leads table for the register but never reads actions from Lists or Summary", () => {
    const model = readPlan(
      workbook(
        sheet("Lists", [
          ["Code", "Name", "Organisation", "Status"],
          ["MW", "Mick Williams", "Police", "Red"],
          ["EC", "Emma Champley", "DAAT", "Amber"],
        ]),
        sheet("Summary", [
          ["Ref", "Action", "Lead"],
          ["9", "Not an action", "MW"],
        ]),
        sheet("Plan", [
          ["Ref", "Action", "Lead"],
          ["1", "a", "MW & EC"],
        ]),
      ),
    );
    expect(model.leadRegister.map((l) => [l.code, l.name, l.organisation])).toEqual([
      ["MW", "Mick Williams", "Police"],
      ["EC", "Emma Champley", "DAAT"],
    ]);
    expect(model.actions.map((a) => [a.sheet, a.leads])).toEqual([["Plan", ["MW", "EC"]]]);
  });
});

describe("readPlan: refs, dates and themes", () => {
  it("keeps refs as their displayed text: 3.10 and 3.1 differ, a number shows as 1", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Ref", "Action"],
          [{ value: "3.10", numberFormat: "@" }, "a"],
          [{ value: 3.1, text: "3.1" }, "b"],
          [{ value: 1, text: "1" }, "c"],
          ["IV", "d"],
        ]),
      ),
    );
    expect(model.actions.map((a) => a.ref)).toEqual(["3.10", "3.1", "1", "IV"]);
  });

  it("gives due dates as ISO when the cell is a date, else the text", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Ref", "Action", "Target date"],
          ["1", "a", { value: 45382, text: "31/03/2024", numberFormat: "dd/mm/yyyy" }],
          ["2", "b", "Q3 2024"],
          ["3", "c", { value: 42, text: "42" }],
          ["4", "d", null],
        ]),
      ),
    );
    expect(model.actions.map((a) => a.due)).toEqual(["2024-03-31", "Q3 2024", "42", null]);
  });

  it("takes themes from the theme column, else the table titles or sheet names", () => {
    const withColumn = readPlan(
      workbook(
        sheet("Plan", [
          ["Theme", "Action", "Lead"],
          ["ASB", "a", "x"],
          ["Drugs", "b", "y"],
          ["ASB", "c", "z"],
        ]),
      ),
    );
    expect(withColumn.actions.map((a) => a.theme)).toEqual(["ASB", "Drugs", "ASB"]);
    expect(withColumn.themes).toEqual(["ASB", "Drugs"]);
    const bySheet = readPlan(
      workbook(
        sheet("Violence", [
          ["No", "Action"],
          ["1", "a"],
        ]),
      ),
    );
    expect(bySheet.themes).toEqual(["Violence"]);
    expect(bySheet.actions[0]?.theme).toBeNull();
  });
});

describe("readPlan: existing tables and awkward grids", () => {
  it("uses a ListObject the user made as the table", () => {
    const model = readPlan(
      workbook(
        sheet(
          "Plan",
          [
            ["Ref", "Action", "Owner"],
            ["1", "a", "Police"],
            ["2", "b", "Council"],
            ["3", "outside", "x"],
          ],
          {
            tables: [
              {
                name: "Plan2024",
                range: { top: 0, left: 0, bottom: 2, right: 2 },
                columnNames: ["Ref", "Action", "Owner"],
              },
            ],
          },
        ),
      ),
    );
    expect(model.tables).toEqual([
      expect.objectContaining({
        listObjectName: "Plan2024",
        range: { top: 0, left: 0, bottom: 2, right: 2 },
      }),
    ]);
    expect(model.actions.map((a) => a.ref)).toEqual(["1", "2"]);
  });

  it("keeps an error value's text and reports the cell", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Ref", "Action", "Lead"],
          ["1", "a", { value: "#REF!", text: "#REF!", isError: true, formula: "=Leads!Z9" }],
        ]),
      ),
    );
    expect(model.actions[0]?.lead).toBe("#REF!");
    expect(model.problems).toEqual([
      expect.objectContaining({ rule: "cell/error-value", cell: "C2", sheet: "Plan" }),
    ]);
  });

  it("reads the displayed value of formulas in ref and lead cells", () => {
    const [action] = actionsOf(
      ["Ref", "Action", "Lead"],
      [{ value: 2, text: "2", formula: "=A1+1" }, "a", { value: "MW", text: "MW", formula: "=Leads!A2" }],
    );
    expect(action).toEqual(expect.objectContaining({ ref: "2", lead: "MW" }));
  });

  it("reads a status merged down over two actions for both", () => {
    const model = readPlan(
      workbook(
        sheet(
          "Plan",
          [
            ["Ref", "Action", "Status"],
            ["1", "a", "Green"],
            ["2", "b", null],
          ],
          {
            merges: [{ top: 1, left: 2, bottom: 2, right: 2 }],
          },
        ),
      ),
    );
    expect(model.actions.map((a) => a.status)).toEqual(["Green", "Green"]);
  });

  it("still reads hidden rows and columns", () => {
    const model = readPlan(
      workbook(
        sheet(
          "Plan",
          [
            ["Ref", "Action", "Lead"],
            ["1", "a", "x"],
            ["2", "b", "y"],
          ],
          { hiddenRows: [2], hiddenColumns: [2] },
        ),
      ),
    );
    expect(model.actions.map((a) => [a.ref, a.lead])).toEqual([
      ["1", "x"],
      ["2", "y"],
    ]);
  });

  it("keeps 32,767-character text and emoji whole", () => {
    const long = "é".repeat(32_766) + "🚓";
    const [action] = actionsOf(["Ref", "Action", "Lead"], ["1", long, "警察 🚓"]);
    expect(action?.action).toBe(long);
    expect(action?.lead).toBe("警察 🚓");
  });

  it("reports table/none-found for an empty workbook and a workbook with an empty sheet", () => {
    expect(readPlan(workbook()).problems).toEqual([
      expect.objectContaining({ rule: "table/none-found", sheet: "", cell: "" }),
    ]);
    expect(readPlan(workbook(sheet("Sheet1", []))).problems).toEqual([
      expect.objectContaining({ rule: "table/none-found", sheet: "Sheet1", cell: "" }),
    ]);
  });

  it("reads ten actions from a sheet with 50,000 used rows", () => {
    const rows: CellSpec[][] = [["Ref", "Action", "Status"]];
    for (let i = 1; i <= 10; i++) rows.push([String(i), `Action ${i}`, "G"]);
    for (let i = 0; i < 50_000 - 11; i++) rows.push([null, null, { value: null, fill: "#FFFFFF" }]);
    rows.push([null, null, null, "footnote"]);
    const model = readPlan(workbook(sheet("Big", rows)));
    expect(model.actions).toHaveLength(10);
    expect(model.tables[0]?.range.bottom).toBe(10);
  });
});

describe("readPlan: priority rows inside an Excel table, where no cell can be merged", () => {
  const HEADERS = ["Action", "Lead", "Progress", "RAG"];
  const ROWS: CellSpec[][] = [
    HEADERS,
    ["Reducing violence"],
    ["Train door staff in every late-night venue", "Police", "Ten venues trained", "Green"],
    ["Tackling anti-social behaviour"],
    ["Review the public spaces protection order", "Council", "Consultation open", "Amber"],
  ];
  const plan = (rows: CellSpec[][]) =>
    sheet("Plan", rows, {
      tables: [
        {
          name: "Actions_Plan",
          range: { top: 0, left: 0, bottom: rows.length - 1, right: 3 },
          columnNames: HEADERS,
        },
      ],
    });
  const lists = (tableName: string, themes: string[]) =>
    sheet("Lists", [["Theme"], ...themes.map((t) => [t])], {
      tables: [
        {
          name: tableName,
          range: { top: 0, left: 0, bottom: themes.length, right: 0 },
          columnNames: ["Theme"],
        },
      ],
    });
  const themed = (model: ReturnType<typeof readPlan>) => model.actions.map((a) => [a.action, a.theme]);
  const THEMED = [
    ["Train door staff in every late-night venue", "Reducing violence"],
    ["Review the public spaces protection order", "Tackling anti-social behaviour"],
  ];

  it("reads a row naming alone one of the themes on the Lists sheet's Themes table as the theme of the actions under it", () => {
    const model = readPlan(
      workbook(plan(ROWS), lists("Themes", ["reducing violence", "Tackling anti-social behaviour"])),
    );
    expect(themed(model)).toEqual(THEMED);
    expect(model.problems.filter((p) => p.rule.startsWith("row/"))).toEqual([]);
  });

  it("finds the Themes table by the ThemeList name when an earlier apply had to name it otherwise", () => {
    const model = readPlan(
      workbookWithNames(
        [{ name: "ThemeList", formula: "=Themes_2[Theme]" }],
        plan(ROWS),
        lists("Themes_2", ["Reducing violence", "Tackling anti-social behaviour"]),
      ),
    );
    expect(themed(model)).toEqual(THEMED);
  });

  it("reads such a row as an action when the workbook lists no such theme, as a new action typed so far", () => {
    const model = readPlan(workbook(plan(ROWS), lists("Themes", ["Reducing reoffending"])));
    expect(model.actions.map((a) => a.action)).toEqual([
      "Reducing violence",
      "Train door staff in every late-night venue",
      "Tackling anti-social behaviour",
      "Review the public spaces protection order",
    ]);
    expect(model.actions.every((a) => a.theme === null)).toBe(true);
  });

  it("never reads a theme picked alone in the table's own Theme column as the theme of the rows under it", () => {
    const headers = ["Ref", "Action", "Theme", "RAG"];
    const rows: CellSpec[][] = [
      headers,
      ["1", "Train door staff in every late-night venue", "Reducing violence", "Green"],
      [null, null, "Reducing violence"],
      ["2", "Review the public spaces protection order", null, "Amber"],
    ];
    const model = readPlan(
      workbook(
        sheet("Plan", rows, {
          tables: [
            { name: "Actions_Plan", range: { top: 0, left: 0, bottom: 3, right: 3 }, columnNames: headers },
          ],
        }),
        lists("Themes", ["Reducing violence"]),
      ),
    );
    expect(model.actions.map((a) => [a.ref, a.theme])).toEqual([
      ["1", "Reducing violence"],
      ["2", null],
    ]);
  });
});
