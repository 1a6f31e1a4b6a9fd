/**
 * @jest-environment jsdom
 */
import axe from "axe-core";
import { actionIdentity, type CarryOverOptions } from "../../../src/core/planning/carry-over";
import type { Action, ActionTable, PlanModel } from "../../../src/core/basics/plan-model";
import { CarryOverWizard } from "../../../src/taskpane/components/CarryOverWizard";
import type { CarryOverPreviewData } from "../../../src/taskpane/pane-types";
import { byLabel, byText, changeValue, cleanup, click, render, settle } from "../render";
import { action, model } from "../plan-model-fixture";

afterEach(cleanup);

function table(sheet: string, title: string | null): ActionTable {
  return {
    id: `${sheet}!A4`,
    sheet,
    headerRow: 3,
    repeatedHeaderRows: [],
    blankRows: [],
    range: { top: 3, left: 0, bottom: 6, right: 4 },
    columns: [],
    statusSource: "text",
    listObjectName: null,
    title,
    period: null,
  };
}

/** A plan kept as one sheet per theme: each sheet's title names the period, or none does. */
function themedPlan(titles: Record<string, string | null>): PlanModel {
  const actions: Action[] = Object.keys(titles).flatMap((sheet, i) => [
    action({ ref: `${i + 1}.1`, action: `Work on ${sheet}`, sheet, tableId: `${sheet}!A4`, status: "Red" }),
  ]);
  return { ...model(actions), tables: Object.entries(titles).map(([sheet, title]) => table(sheet, title)) };
}

function previewOf(plan: PlanModel, extra: Partial<CarryOverPreviewData> = {}): CarryOverPreviewData {
  const sheets = [...new Set(plan.actions.map((a) => a.sheet))];
  return {
    title: "Carry over",
    lines: [],
    preview: { headline: "", sections: [] },
    undoNote: "One Undo (Ctrl+Z) takes back the whole change.",
    problems: [],
    canApply: true,
    targetSheet: `${sheets[0] ?? ""} 2012-13`,
    carried: plan.actions,
    alreadyThere: [],
    sheets: sheets.map((s) => ({
      source: s,
      target: `${s} 2012-13`,
      carried: plan.actions.filter((a) => a.sheet === s),
      alreadyThere: [],
    })),
    unlistedStatus: [],
    pastDue: [],
    ...extra,
  };
}

function renderWizard(
  plan: PlanModel,
  previews: CarryOverOptions[],
  applies: CarryOverOptions[] = [],
  preview = previewOf(plan),
) {
  return render(
    <CarryOverWizard
      model={plan}
      defaultSource={null}
      todayIso="2012-05-01"
      busy={false}
      onPreview={(options) => {
        previews.push(options);
        return Promise.resolve(preview);
      }}
      onApply={(options) => {
        applies.push(options);
        return Promise.resolve({ written: true, lines: [], skipped: [], problems: [] });
      }}
    />,
  );
}

const checkboxesIn = (container: HTMLElement, label: string) =>
  Array.from(container.querySelectorAll<HTMLInputElement>(`[aria-label="${label}"] input[type="checkbox"]`));

describe("CarryOverWizard over a period kept as one sheet per theme", () => {
  const plan = themedPlan({
    "1 ASB": "1. ANTI SOCIAL BEHAVIOUR ACTION PLAN 2011-12",
    "2 Alcohol": "2. ALCOHOL ACTION PLAN 2011-12",
    "3 Violence 2010": "3. VIOLENCE ACTION PLAN 2010",
  });

  it("chooses the latest period with every sheet of it ticked, each shown with its new sheet", () => {
    const { container } = renderWizard(plan, []);
    const period = byLabel(container, /^Carry over the period/) as HTMLSelectElement;
    expect(period.value).toBe("2011-12");
    expect(Array.from(period.options).map((o) => o.textContent)).toEqual([
      "2011-12 (all 2 sheets)",
      "2010 (all 1 sheet)",
      "The sheets I tick below",
    ]);
    expect(checkboxesIn(container, "Sheets to carry over").map((b) => b.checked)).toEqual([
      true,
      true,
      false,
    ]);
    expect(container.textContent).toContain("1 ASB → 1 ASB 2012-13");
    expect(container.textContent).toContain("2 Alcohol → 2 Alcohol 2012-13");
    expect(byLabel(container, /^New sheet/)).toBeNull();
  });

  it("previews every sheet of the period in one step, with the analyst's choices for statuses and dates", async () => {
    const previews: CarryOverOptions[] = [];
    const { container } = renderWizard(plan, previews);
    click(byText(container, "label", "Leave it blank for the lead to choose"));
    click(byText(container, "label", "Move it on a year"));
    click(byText(container, "button", "Next: preview"));
    await settle();
    expect(previews).toEqual([
      {
        fromSheet: ["1 ASB", "2 Alcohol"],
        renumber: false,
        exclude: [],
        unlistedStatus: "clear",
        pastDue: "roll",
        todayIso: "2012-05-01",
      },
    ]);
    expect(container.textContent).toContain("1 ASB → 1 ASB 2012-13: 1 action");
  });

  it("lets the analyst tick several sheets of their own, or one with a name of its own", () => {
    const { container } = renderWizard(plan, []);
    const boxes = () => checkboxesIn(container, "Sheets to carry over");
    click(boxes()[1]!);
    expect((byLabel(container, /^Carry over the period/) as HTMLSelectElement).value).toBe("");
    expect((byLabel(container, /^New sheet/) as HTMLInputElement).value).toBe("1 ASB 2012-13");
    click(boxes()[2]!);
    expect(byLabel(container, /^New sheet/)).toBeNull();
    expect(container.textContent).toContain("3 Violence 2010 → 3 Violence 2011");
    expect((byText(container, "button", "Next: preview") as HTMLButtonElement).disabled).toBe(false);
  });

  it("unticks an action on one sheet without unticking the same cell on another", async () => {
    const previews: CarryOverOptions[] = [];
    const applies: CarryOverOptions[] = [];
    const same = themedPlan({ "1 ASB": "ASB 2011-12", "2 Alcohol": "ALCOHOL 2011-12" });
    const { container } = renderWizard(same, previews, applies);
    click(byText(container, "button", "Next: preview"));
    await settle();
    const boxes = checkboxesIn(container, "Outstanding actions");
    expect(boxes).toHaveLength(2);
    click(boxes[0]!);
    click(byText(container, "button", "Carry over 1 action"));
    await settle();
    expect(applies[0]?.exclude).toEqual([`1 ASB!${actionIdentity(same.actions[0]!)}`]);
    expect(container.textContent).toContain(
      "Carried 1 action to '2 Alcohol 2012-13'. The old sheets are unchanged.",
    );
  });

  it("says in the preview what happens to a status outside the list and to past due dates", async () => {
    const tbc = { ...plan.actions[0]!, status: null, statusText: "TBC" };
    const { container } = renderWizard(
      plan,
      [],
      [],
      previewOf(plan, { unlistedStatus: [tbc], pastDue: [tbc] }),
    );
    click(byText(container, "button", "Next: preview"));
    await settle();
    expect(container.textContent).toContain(
      "1 action with a status not in the list (TBC): kept as typed and marked on the new sheet.",
    );
    expect(container.textContent).toContain("1 action with a due date already past: the date is kept.");
  });
});

describe("CarryOverWizard when no sheet or title names a period", () => {
  const plan = themedPlan({
    "1 ASB": "1. ANTI SOCIAL BEHAVIOUR ACTION PLAN",
    "2 Alcohol": "2. ALCOHOL PLAN",
  });

  it("shows no error before the user has typed anything, only what to do", () => {
    const { container } = renderWizard(plan, []);
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(container.querySelector('[aria-invalid="true"]')).toBeNull();
    expect(container.textContent).toContain(
      "The sheet name '1 ASB' has no year in it, so the next year's name cannot be worked out: choose a name for the new sheet. Type the new sheet's name.",
    );
    expect((byText(container, "button", "Next: preview") as HTMLButtonElement).disabled).toBe(true);
  });

  it("names the new sheets for the period the analyst types, and says when it is not one", async () => {
    const previews: CarryOverOptions[] = [];
    const { container } = renderWizard(plan, previews);
    click(checkboxesIn(container, "Sheets to carry over")[1]!);
    const period = byLabel(container, /^The period these sheets cover/) as HTMLInputElement;
    changeValue(period, "next year");
    expect(container.textContent).toContain("'next year' is not a year or a period such as 2011-12.");
    changeValue(period, "2011-12");
    expect(container.textContent).toContain("1 ASB → 1 ASB 2012-13");
    expect(container.textContent).toContain("2 Alcohol → 2 Alcohol 2012-13");
    click(byText(container, "button", "Next: preview"));
    await settle();
    expect(previews[0]).toMatchObject({ fromSheet: ["1 ASB", "2 Alcohol"], period: "2011-12" });
  });
});

describe("CarryOverWizard's accessibility", () => {
  it("passes axe on the first step, for a period of several sheets and for one sheet without a year", async () => {
    for (const plan of [
      themedPlan({ "1 ASB": "ASB 2011-12", "2 Alcohol": "ALCOHOL 2011-12" }),
      themedPlan({ "1 ASB": "ASB" }),
    ]) {
      const { container } = renderWizard(plan, []);
      const results = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
      expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      cleanup();
    }
  });
});
