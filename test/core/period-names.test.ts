import {
  defaultSourceSheet,
  nextPeriodSheetName,
  nextPeriodText,
  sheetNameProblem,
} from "../../src/core/basics/period-names";
import type { Action, PlanModel } from "../../src/core/basics/plan-model";
import { action } from "../taskpane/plan-model-fixture";

function actionOn(sheet: string, row: number): Action {
  return action({
    tableId: `${sheet}!A1`,
    sheet,
    row,
    cell: `A${row + 1}`,
    ref: String(row),
    action: "Do something",
  });
}

function modelWithActionsOn(...sheets: string[]): PlanModel {
  return {
    tables: [],
    actions: sheets.map((s, i) => actionOn(s, i + 1)),
    leadRegister: [],
    statusKey: [],
    themes: [],
    problems: [],
  };
}

describe("nextPeriodSheetName", () => {
  it.each([
    ["2011-12", "2012-13"],
    ["2009", "2010"],
    ["Plan 2010-11", "Plan 2011-12"],
    ["Action Plan 2009", "Action Plan 2010"],
    ["2019-2020", "2020-2021"],
    ["1999-00", "2000-01"],
    ["Recommendations 2012-13", "Recommendations 2013-14"],
    ["Progress on 2011 recs", "Progress on 2012 recs"],
    ["Plan 2011–12", "Plan 2012–13"],
    ["2011_12 actions", "2012_13 actions"],
    ["Plan 2011-14", "Plan 2014-17"],
  ])("moves '%s' on to '%s'", (from, to) => {
    expect(nextPeriodSheetName(from)).toEqual({ name: to });
  });

  it("moves the last year in the name on when there are several", () => {
    expect(nextPeriodSheetName("SA 2008 plan 2009")).toEqual({ name: "SA 2008 plan 2010" });
  });

  it("treats a year followed by a month as a single year", () => {
    expect(nextPeriodSheetName("Plan 2011-05")).toEqual({ name: "Plan 2012-05" });
  });

  it("says what to do when the name has no year in it", () => {
    const result = nextPeriodSheetName("1 ASB");
    expect(result).toEqual({
      problem: expect.objectContaining({
        sheet: "1 ASB",
        rule: "carry/target-name",
        message: expect.stringMatching(/'1 ASB' has no year/),
      }),
    });
  });

  it("does not take a long number for a year", () => {
    expect(nextPeriodSheetName("Ref 120112")).toHaveProperty("problem");
  });

  it("keeps a 31-character name within Excel's limit", () => {
    const name = "Community Safety Plan 2011-2012";
    expect(name).toHaveLength(31);
    expect(nextPeriodSheetName(name)).toEqual({ name: "Community Safety Plan 2012-2013" });
  });

  it("says so when the result would pass Excel's 31 characters", () => {
    const result = nextPeriodSheetName("Community Safety Partnership plan 2011-12");
    expect(result).toEqual({
      problem: expect.objectContaining({
        message: expect.stringMatching(
          /cannot be made from 'Community Safety Partnership plan 2011-12': .*at most 31/,
        ),
      }),
    });
  });

  it("keeps an apostrophe inside the name", () => {
    expect(nextPeriodSheetName("Partners' plan 2011-12")).toEqual({ name: "Partners' plan 2012-13" });
  });
});

describe("sheetNameProblem", () => {
  it("accepts an ordinary name", () => {
    expect(sheetNameProblem("Action Plan 2010")).toBeNull();
  });

  it.each([":", "\\", "/", "?", "*", "[", "]"])("refuses a name containing %s", (ch) => {
    expect(sheetNameProblem(`Plan ${ch} 2010`)).toContain(`'${ch}'`);
  });

  it("refuses a name longer than 31 characters and says how long it is", () => {
    expect(sheetNameProblem("A".repeat(32))).toMatch(/32 characters.*31/);
  });

  it("refuses apostrophes at either end, History, a blank name and the add-in's own sheets", () => {
    expect(sheetNameProblem("'2010")).not.toBeNull();
    expect(sheetNameProblem("2010'")).not.toBeNull();
    expect(sheetNameProblem("history")).toMatch(/History/);
    expect(sheetNameProblem("  ")).not.toBeNull();
    expect(sheetNameProblem("lists")).toMatch(/Lists/);
    expect(sheetNameProblem("Summary")).toMatch(/Summary/);
  });
});

describe("defaultSourceSheet", () => {
  it("chooses the sheet with the latest year in its name", () => {
    const model = modelWithActionsOn("Recommendations 2012-13", "Progress on 2011 recs");
    expect(defaultSourceSheet(model)).toBe("Recommendations 2012-13");
  });

  it("prefers the longer period's end when two start in the same year", () => {
    expect(defaultSourceSheet(modelWithActionsOn("2011-2013", "2011-12"))).toBe("2011-2013");
  });

  it("falls back to the last sheet holding actions when no name has a year", () => {
    expect(defaultSourceSheet(modelWithActionsOn("1 ASB", "2 Alcohol", "3 Violence"))).toBe("3 Violence");
  });

  it("returns null when no sheet holds actions", () => {
    expect(defaultSourceSheet(modelWithActionsOn())).toBeNull();
  });
});

describe("nextPeriodText", () => {
  it("moves the year in a title on, and gives null for a title without one", () => {
    expect(nextPeriodText("COMMUNITY SAFETY ACTION PLAN 2011-12")).toBe(
      "COMMUNITY SAFETY ACTION PLAN 2012-13",
    );
    expect(nextPeriodText("A title far longer than any sheet name may be, for the year 2009")).toBe(
      "A title far longer than any sheet name may be, for the year 2010",
    );
    expect(nextPeriodText("1. ANTI SOCIAL BEHAVIOUR ACTION PLAN")).toBeNull();
  });
});
