import { RULES, problem, type Problem, type RuleArgs, type RuleId } from "../../src/core/basics/problem";

/**
 * Sample arguments for every rule (every variant of a rule whose arguments are a union). The type
 * makes a rule added to the catalogue without samples a compile error.
 */
type Samples = { readonly [R in RuleId]: readonly RuleArgs<R>[] };

const SAMPLES: Samples = {
  "table/none-found": [{ noSheets: true }, { noSheets: false }],
  "cell/error-value": [
    { shown: "#REF!", formula: "=Sheet2!A1" },
    { shown: "#N/A", formula: null },
  ],
  "status/invalid": [{ typed: "Redd" }],
  "status/unknown-fill": [{ fill: "#7030A0" }],
  "status/fill-guessed": [
    { fill: "#7030A0", status: "Complete" },
    { fill: "#BFBFBF", status: "Not started" },
  ],
  "status/typed-differs-from-fill": [{ typed: "Green", status: "Green", fill: "#FF0000", fillStatus: "Red" }],
  "status/key-unreadable": [{ words: "On hold", fill: "#7030A0" }],
  "row/not-an-action": [{}],
  "row/header-like": [{ words: ["Action plan", "Update"] }],
  "table/totals-row": [
    { label: "Total actions", formula: "=COUNTA(E4:E10)" },
    { label: "Total", formula: null },
    { label: null, formula: '=COUNTIF(E4:E10,"Green")' },
  ],
  "table/header-over-header": [{ words: ["Action", "Lead", "Progress", "Status"], row: 4 }],
  "lead/conflicting-name": [
    { code: "TA", name: "Trading Stds", seenName: "Trading Standards", seenAt: "Plan!D4" },
  ],
  "update/missing": [
    { action: "action 1.2", status: "Red", hasUpdateColumn: true },
    { action: "action 1.2", status: "Complete", hasUpdateColumn: true },
    { action: "this action", status: "Amber", hasUpdateColumn: false },
  ],
  "lead/unknown": [{ leads: ["XY"] }, { leads: ["XY", "ZZ"] }],
  "ref/duplicate": [{ ref: "1.2", firstCell: "A4" }],
  "status/missing": [{ action: "action 1.2" }],
  "status/no-column": [{}],
  "lead/missing": [{ action: "action 1.2" }],
  "lead/no-column": [{}],
  "update/awaiting-first": [
    { count: 1, refs: ["1.2"] },
    { count: 2, refs: ["1.2", "1.3"] },
  ],
  "ref/missing": [{}],
  "due/overdue": [
    { action: "action 1.2", due: "31/03/2013", typed: null },
    { action: "action 1.2", due: "31/03/2013", typed: "March 2013" },
  ],
  "due/not-a-date": [{ typed: "Ongoing" }],
  "schema/no-table": [{}],
  "schema/missing-column": [{ table: "Actions", sheet: "Plan", nextCell: "H3" }],
  "schema/columns-in-the-way": [{ range: "A3:F20", sheet: "Plan", columns: "2", cells: "G4, H4", count: 2 }],
  "schema/rows-not-moved": [{ rows: "9–10", sheet: "Plan", cells: "J9" }],
  "schema/rows-referenced": [{ rows: "9–10", sheet: "Plan", formulas: "Dashboard!B4, ActionCount" }],
  "schema/no-rows": [{ cell: "A3", sheet: "Plan" }],
  "lists/table-unexpected": [
    { table: "Leads", sheet: "Lists", range: "A1:B5", header: "Code", list: "lead" },
  ],
  "lists/cells-in-the-way": [{ table: "Leads", sheet: "Lists", rows: 3, cells: "A7" }],
  "carry/no-source": [
    { sheet: "2010-11", sheets: "'2011-12', 'Lists'" },
    { sheet: "2010-11", sheets: "" },
  ],
  "carry/no-actions": [{ sheet: "Notes" }],
  "carry/target-name": [
    { why: "clash", target: "2012-13" },
    { why: "itself", source: "2011-12" },
    { why: "no-year", source: "1 ASB" },
    { why: "bad-name", name: "Plan: 2012", fault: { why: "character", character: ":" }, from: null },
    { why: "bad-name", name: "", fault: { why: "blank" }, from: null },
    {
      why: "bad-name",
      name: "Plan 2012-13",
      fault: { why: "too-long", length: 41, max: 31 },
      from: "Plan 2011-12",
    },
    { why: "bad-name", name: "'Plan", fault: { why: "apostrophe" }, from: null },
    { why: "bad-name", name: "History", fault: { why: "excel-reserved", reserved: "History" }, from: null },
    { why: "bad-name", name: "lists", fault: { why: "add-in-sheet", reserved: "Lists" }, from: null },
  ],
  "carry/target-exists": [{ sheet: "2012-13", header: "Carried from" }],
  "carry/nothing-outstanding": [{ sheet: "2011-12" }],
  "carry/column-missing": [{ sheet: "2012-13", header: "Theme", source: "2011-12" }],
  "carry/no-ref-column": [{ sheet: "2012-13", header: "Carried from" }],
  "carry/in-the-way": [{ sheet: "2012-13", cells: "A30, B30" }],
  "summary/not-possible": [
    { why: "no-tables" },
    { why: "not-a-table", sheet: "2012-13", cell: "A3" },
    { why: "no-column", table: "Actions", sheet: "2012-13", column: "Status" },
    { why: "protected", sheet: "Summary" },
  ],
  "summary/unknown-period": [
    { asked: "2015", periods: ["2012-13", "2011-12"] },
    { asked: "2012", periods: [] },
  ],
  "edit/not-a-status": [{ typed: "Redd", statuses: "Red, Amber, Green, Complete or Not started" }],
  "edit/update-needed": [{ status: "Complete" }, { status: "Red" }],
  "edit/no-due-column": [{ action: "action 1.2" }],
  "edit/not-a-date": [{ typed: "next week" }],
  "edit/due-without-reason": [{}],
  "edit/row-ambiguous": [{ action: "action 1.2", sheet: "Plan", cells: "A4, A9" }],
  "write/protected-sheet": [{ sheet: "Plan", operation: "Apply schema" }],
  "write/row-not-found": [{ action: "action 1.2", sheet: "Plan" }],
  "write/sheet-gone": [{ sheet: "Plan" }],
  "write/no-column": [{ action: "action 1.2", sheet: "Plan", missing: "Update" }],
  "write/too-long": [
    { length: 40000, max: 32767 },
    { length: 40000, max: 32767, stacked: true },
  ],
  "write/copied-too-long": [
    { length: 40000, max: 32767, to: { sheet: "ASB 2012-13", cell: "G5", file: null } },
    { length: 40000, max: 32767, to: { sheet: "Return", cell: "E11", file: "TA return 2012-13.xlsx" } },
    { length: 32800, max: 32767, to: null },
  ],
  "history/no-table": [{}],
  "history/column-missing": [{ headers: ["Status"] }, { headers: ["Period", "Status"] }],
  "history/period-missing": [{}],
  "history/status-invalid": [{ typed: "Redd" }],
  "history/date-invalid": [{ typed: "last Tuesday" }],
  "history/duplicate": [
    { actionSheet: "2012-13", ref: "1.2", period: "Q1 2012-13", alsoRow: 4 },
    { actionSheet: "2012-13", ref: null, period: "Q1 2012-13", alsoRow: 4 },
  ],
  "history/label-invalid": [
    { length: 0, max: 40 },
    { length: 55, max: 40 },
  ],
  "history/no-actions": [{}],
  "history/close-no-table": [{}],
  "history/close-column-missing": [{ headers: ["Recorded on"] }, { headers: ["Period", "Status"] }],
  "history/in-the-way": [
    { rows: 1, cells: ["C4"] },
    { rows: 3, cells: ["C4", "D5"] },
  ],
  "direction/worsened-twice": [
    {
      action: "action 1.2",
      before: { status: "Green", period: "Q1" },
      last: { status: "Amber", period: "Q2" },
      now: "Red",
    },
    {
      action: "this action",
      before: { status: "Green", period: null },
      last: { status: "Amber", period: null },
      now: "Red",
    },
  ],
  "direction/red-unchanged": [
    { action: "action 1.2", before: "Q1", last: "Q2" },
    { action: "this action", before: null, last: null },
  ],
  "returns/no-actions": [
    { lead: "TA", known: true },
    { lead: "Nobody", known: false },
  ],
  "returns/ambiguous-action": [
    { lead: "TA", ref: "1.2", times: 2 },
    { lead: "TA", ref: null, times: 3 },
  ],
  "returns/no-status-column": [{}],
  "returns/not-a-return": [
    { file: "TA return.xlsx", why: "no-sheets", returnSheet: "Return", identitySheet: "Return identity" },
    { file: "TA return.xlsx", why: "format", found: "2", expected: "1" },
    { file: "TA return.xlsx", why: "actions-changed" },
  ],
  "returns/foreign": [
    { file: "TA return.xlsx", madeFrom: "Other plan", planHasReturns: true },
    { file: "TA return.xlsx", madeFrom: "Other plan", planHasReturns: false },
  ],
  "returns/tampered": [
    { file: "TA return.xlsx", row: 11, ref: "1.2", planSheet: "2012-13", edited: "ref" },
    { file: "TA return.xlsx", row: 11, ref: "", planSheet: "2012-13", edited: "words" },
  ],
  "returns/status-invalid": [
    {
      file: "TA return.xlsx",
      row: 11,
      typed: "Redd",
      statuses: ["Red", "Amber", "Green", "Complete", "Not started"],
    },
  ],
  "returns/too-long": [{ file: "TA return.xlsx", row: 11, length: 40000, max: 32767 }],
  "returns/update-missing": [{ file: "TA return.xlsx", row: 11, status: "Red" }],
  "returns/status-missing": [{ file: "TA return.xlsx", row: 11 }],
  "returns/action-gone": [
    { file: "TA return.xlsx", row: 11, ref: "1.2", planSheet: "2012-13", why: "gone" },
    { file: "TA return.xlsx", row: 11, ref: "", planSheet: "2012-13", why: "reworded" },
    { file: "TA return.xlsx", row: 11, ref: "1.2", planSheet: "2012-13", why: "repeated", times: 2 },
  ],
  "returns/empty": [{ file: "TA return.xlsx" }],
  "returns/answered-twice": [
    { file: "TA return.xlsx", ref: "1.2", planSheet: "2012-13", mergedFrom: "TA return (2).xlsx" },
    { file: "TA return.xlsx", ref: null, planSheet: "2012-13", mergedFrom: "TA return (2).xlsx" },
  ],
  "returns/no-stamp-column": [
    { header: "Updated", ref: "1.2" },
    { header: "Updated", ref: null },
  ],
  "column/ambiguous": [
    { header: "Notes", role: "update", others: ["Action"], otherCells: ["B3"] },
    { header: "RAG", role: "status", others: ["Status", "Rating"], otherCells: ["D1", "G1"] },
  ],
  "column/uncertain": [
    { header: "Notes", role: "update", byContents: true },
    { header: "Owner", role: "lead", byContents: false },
  ],
  "column/missing-role": [{ missing: ["lead", "status"], unnamed: ["Column F", "Who"] }],
  "write/structure-protected": [{ sheets: ["Summary"] }, { sheets: ["2012-13", "Lists"] }],
  "carry/status-not-in-list": [
    { action: "action 1.2", typed: "On hold", kept: true },
    { action: "action 1.2", typed: "On hold", kept: false },
  ],
  "carry/status-guessed": [
    { action: "2011-12 / 4", status: "Complete", fill: "#7030A0" },
    { action: "2011-12 / 4", status: "Not started", fill: null },
  ],
  "carry/past-due": [
    { action: "action 1.2", due: "31/03/2012", typed: null, choice: "keep", rolledTo: "" },
    { action: "action 1.2", due: "31/03/2012", typed: null, choice: "roll", rolledTo: "31/03/2013" },
    { action: "action 1.2", due: "31/03/2012", typed: null, choice: "clear", rolledTo: "" },
    { action: "action 1.2", due: "31/03/2012", typed: "March 2012", choice: "keep", rolledTo: "" },
  ],
  "operation/changed-since-preview": [{ changes: ["Now: Write A1", "No longer: Write A2"] }],
};

/** problem() over any rule and its sample, as the samples are checked by Samples' type. */
const render = problem as unknown as (sheet: string, cell: string, rule: RuleId, args: object) => Problem;

const ruleIds = Object.keys(RULES) as RuleId[];

const cases: Array<[RuleId, number, object]> = ruleIds.flatMap((rule) =>
  SAMPLES[rule].map((args, i): [RuleId, number, object] => [rule, i + 1, args]),
);

/** Every string an argument holds (in arrays and nested objects too). */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

/**
 * The words a message has of its own: what is left once the place and every string the arguments
 * hold are taken out. A template that only passes a sentence through has none.
 */
function templateWords(message: string, args: object, sheet: string, cell: string): string[] {
  let rest = message;
  const taken = [...stringsIn(args), `${sheet}!${cell}`, sheet, cell]
    .filter((s) => s !== "")
    .sort((a, b) => b.length - a.length);
  for (const s of taken) rest = rest.split(s).join(" ");
  return rest.match(/[A-Za-z]{3,}/g) ?? [];
}

describe("every rule of the problem catalogue", () => {
  it("has sample arguments for the test, for each rule in the catalogue", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...ruleIds].sort());
    expect(ruleIds.filter((rule) => SAMPLES[rule].length === 0)).toEqual([]);
  });

  it.each(cases)(
    "renders %s (sample %i) as a whole sentence with every placeholder filled",
    (rule, _i, args) => {
      const made = render("Plan 2012-13", "E7", rule, args);
      expect(made).toMatchObject({ sheet: "Plan 2012-13", cell: "E7", rule, severity: RULES[rule].severity });
      expect(made.message).not.toMatch(/undefined|null|NaN|\[object Object\]|\$\{|\{[a-zA-Z]+\}|  |\.\./);
      expect(made.message).toMatch(/[.)]$/);
      expect(made.message.startsWith("Plan 2012-13!E7: ")).toBe(RULES[rule].placed);
    },
  );

  it.each(cases)(
    "words %s (sample %i) in the catalogue's own template, not a sentence passed through",
    (rule, _i, args) => {
      const made = render("Plan 2012-13", "E7", rule, args);
      expect(templateWords(made.message, args, "Plan 2012-13", "E7").length).toBeGreaterThanOrEqual(3);
    },
  );

  it("gives each rule a title of its own for its group in Check", () => {
    const titles = ruleIds.map((rule) => RULES[rule].title);
    expect(titles.filter((title) => !/^[A-Z][^.]*[a-z]$/.test(title))).toEqual([]);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it("would catch a template that passes a composed sentence through", () => {
    const passthrough = ({ detail }: { detail: string }): string => detail;
    const args = { detail: "The sheet 'Plan' is protected, so nothing was written to it." };
    expect(templateWords(passthrough(args), args, "Plan", "")).toEqual([]);
  });

  it("words the same rule differently for each variant of its arguments", () => {
    const variants = ruleIds.filter((rule) => SAMPLES[rule].length > 1);
    const alike = variants.filter((rule) => {
      const messages = SAMPLES[rule].map((args) => render("Plan", "E7", rule, args).message);
      return new Set(messages).size !== messages.length;
    });
    expect(alike).toEqual([]);
  });
});

describe("the messages of rules that once composed their words where they were found", () => {
  it("say a returned file's problem with the file, sheet and cell first, and what was not merged", () => {
    expect(
      problem("Return", "F11", "returns/status-invalid", {
        file: "TA return.xlsx",
        row: 11,
        typed: "Redd",
        statuses: ["Red", "Amber", "Green", "Complete", "Not started"],
      }).message,
    ).toBe(
      "TA return.xlsx, sheet 'Return', cell F11: 'Redd' is not a status: it must be one of Red, Amber, Green, Complete, Not started. This answer (row 11) was not merged.",
    );
    expect(problem("", "", "returns/empty", { file: "TA return.xlsx" }).message).toBe(
      "TA return.xlsx: the return came back with nothing changed: no new status or update in any row.",
    );
    expect(
      problem("Return identity", "B2", "returns/foreign", {
        file: "TA return.xlsx",
        madeFrom: "Other plan",
        planHasReturns: true,
      }).message,
    ).toBe(
      "TA return.xlsx, sheet 'Return identity', cell B2: this return was made from another plan ('Other plan'), not this one. Nothing from this file was merged.",
    );
  });

  it("say a status history problem at its cell, as the reader found it", () => {
    expect(
      problem("Status history", "A5", "history/duplicate", {
        actionSheet: "2012-13",
        ref: "1.2",
        period: "Q1 2012-13",
        alsoRow: 4,
      }).message,
    ).toBe(
      "Status history!A5: this row records 2012-13 1.2 for 'Q1 2012-13' again (also row 4); this lower row is the one used. Delete the row that is wrong, or close 'Q1 2012-13' again to rewrite that period.",
    );
    expect(
      problem("Status history", "A1", "history/column-missing", { headers: ["Period", "Status"] }).message,
    ).toBe(
      "Status history!A1: the status history table has no 'Period', 'Status' columns; put them back so periods can be closed (the rows already recorded are kept).",
    );
  });

  it("say what a workbook's protected structure stops and how to unprotect it", () => {
    expect(
      problem("2012-13", "", "write/structure-protected", { sheets: ["2012-13", "Lists"] }).message,
    ).toBe(
      "This needs to add the sheets '2012-13', 'Lists', but the workbook's structure is protected, so nothing was changed. Unprotect it (Review › Protect Workbook, then enter the password if asked) or ask its owner to, then try again.",
    );
  });

  it("say which column the reader is unsure of and where to confirm it", () => {
    expect(
      problem("Plan", "D1", "column/ambiguous", {
        header: "Notes",
        role: "update",
        others: ["Action"],
        otherCells: ["B1"],
      }).message,
    ).toBe(
      "Plan!D1: 'Notes' was read as the update column, but 'Action' could be it too; confirm it in Columns. To read 'Action' (Plan!B1) as the update column instead, choose it there, or give the command line --column \"Action=update\".",
    );
  });
});
