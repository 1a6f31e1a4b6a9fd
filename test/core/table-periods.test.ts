import { readPlan } from "../../src/core/reading/read-plan";
import { summarisePlan } from "../../src/core/planning/summary";
import {
  ALL_PERIODS,
  periodChoiceProblem,
  periodOf,
  planPeriods,
  sameTheme,
  selectPeriod,
  themeWithoutPeriod,
} from "../../src/core/reading/table-periods";
import { sheet, workbook } from "../support/snapshot-builder";

const HEADER = ["Ref", "Action", "Lead", "Status"];

describe("periodOf", () => {
  it.each([
    ["Action Plan 2009", "2009"],
    ["2010-11", "2010-11"],
    ["Recommendations 2012/13", "2012-13"],
    ["Plan 2019–2020", "2019-20"],
    ["Q2 2012-13", "Q2 2012-13"],
    ["q4 2013/14 return", "Q4 2013-14"],
    ["Progress 2011-05", "2011"],
    ["From 2009 to 2011-12", "2011-12"],
    ["Plan 1999-00", "1999-00"],
  ])("reads %s as %s", (text, period) => {
    expect(periodOf(text)).toBe(period);
  });

  it.each(["1 ASB", "Recommendations", "Room 101", "Code 12345", "AB2012"])(
    "finds no period in %s",
    (text) => {
      expect(periodOf(text)).toBeNull();
    },
  );
});

describe("themeWithoutPeriod", () => {
  it("leaves the year out so one theme is recognised across periods", () => {
    expect(themeWithoutPeriod("ASB 2011-12")).toBe("ASB");
    expect(themeWithoutPeriod("Q2 2012/13 - Night-time economy")).toBe("Night-time economy");
    expect(themeWithoutPeriod("Violence (2012-13)")).toBe("Violence");
    expect(sameTheme("ASB 2011-12", "asb 2012-13")).toBe(true);
    expect(sameTheme("ASB 2011-12", "Drugs 2011-12")).toBe(false);
  });

  it("keeps a theme that is only a period as it is", () => {
    expect(themeWithoutPeriod("2012-13")).toBe("2012-13");
  });
});

describe("the periods readPlan gives each table", () => {
  const model = readPlan(
    workbook(
      sheet("Plan 2011/12", [HEADER, ["1", "Patrols", "TA", "Red"]]),
      sheet("Themes", [
        ["COMMUNITY SAFETY ACTION PLAN 2012-13"],
        HEADER,
        ["1", "Lighting", "TA", "Green"],
        ["2", "Cameras", "CS", "Amber"],
      ]),
      sheet("Returns", [
        ["Quarterly return"],
        ["Period: Q2 2012-13"],
        [],
        HEADER,
        ["1", "Visits", "TA", "Red"],
      ]),
      sheet("Standing", [HEADER, ["1", "Hotline", "CS", "Complete"]]),
    ),
  );

  it("come from the sheet name, else the title, else the rows the workbook records above the header", () => {
    expect(model.tables.map((t) => [t.sheet, t.period])).toEqual([
      ["Plan 2011/12", "2011-12"],
      ["Themes", "2012-13"],
      ["Returns", "Q2 2012-13"],
      ["Standing", null],
    ]);
  });

  it("are listed newest first, a quarter after its whole year", () => {
    expect(planPeriods(model)).toEqual(["Q2 2012-13", "2012-13", "2011-12"]);
  });

  it("choose the latest period by default, counting tables with no period in every period", () => {
    const latest = selectPeriod(model);
    expect(latest.period).toBe("Q2 2012-13");
    expect(latest.sheets).toEqual(["Returns", "Standing"]);
    expect(latest.model.actions.map((a) => a.action)).toEqual(["Visits", "Hotline"]);
  });

  it("choose a period in any spelling of it, and every period with 'all'", () => {
    expect(selectPeriod(model, "2012/13").sheets).toEqual(["Themes", "Standing"]);
    expect(summarisePlan(model, "2012-04-01", "2011–2012").totals.Total).toBe(2);
    const all = selectPeriod(model, ALL_PERIODS);
    expect(all.period).toBeNull();
    expect(all.model.actions).toHaveLength(5);
  });

  it("say in words when a period asked for is not there", () => {
    expect(periodChoiceProblem(model, "2012-13")).toBeNull();
    expect(periodChoiceProblem(model, "all")).toBeNull();
    expect(periodChoiceProblem(model, "2015")).toMatchObject({
      rule: "summary/unknown-period",
      severity: "error",
      message: "No table covers the period '2015'; the periods found are Q2 2012-13, 2012-13, 2011-12.",
    });
  });

  it("leave a workbook with no period summarised whole", () => {
    const plain = readPlan(workbook(sheet("1 ASB", [HEADER, ["1", "Patrols", "TA", "Red"]])));
    const summary = summarisePlan(plain, "2012-04-01");
    expect(summary.period).toBeNull();
    expect(summary.sheets).toEqual(["1 ASB"]);
    expect(summary.totals.Total).toBe(1);
    expect(periodChoiceProblem(plain, "2012")?.message).toMatch(/No table names a period/);
  });
});
