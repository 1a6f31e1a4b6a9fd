/**
 * @jest-environment jsdom
 */
import { actionIdentity, type CarryOverOptions } from "../../../src/core/planning/carry-over";
import { CarryOverWizard } from "../../../src/taskpane/components/CarryOverWizard";
import { Overview } from "../../../src/taskpane/components/Overview";
import type { CarryOverPreviewData } from "../../../src/taskpane/pane-types";
import { byLabel, byText, changeValue, cleanup, click, render, settle } from "../render";
import { action, model } from "../plan-model-fixture";

afterEach(cleanup);

const plan = model([
  action({ ref: "1", action: "Maintain the tactical meeting", lead: "TA", status: "Green" }),
  action({ ref: "2", action: "Develop a risk register", lead: "CS", status: "Red" }),
  action({ ref: "3", action: "Raise awareness of DV", lead: "CS", status: "Complete" }),
]);

describe("CarryOverWizard", () => {
  function renderWizard(previews: CarryOverOptions[], applies: CarryOverOptions[]) {
    const outstanding = plan.actions.filter((a) => a.status !== "Complete");
    const preview: CarryOverPreviewData = {
      title: "Carry 2 actions to 'Plan 2012-13'",
      lines: ["Add the sheet 'Plan 2012-13'"],
      preview: {
        headline: "Adds the sheet 'Plan 2012-13'",
        sections: [{ sheet: "Plan 2012-13", lines: ["Add the sheet 'Plan 2012-13'"] }],
      },
      undoNote: "One Undo (Ctrl+Z) takes back the whole change.",
      problems: [],
      canApply: true,
      targetSheet: "Plan 2012-13",
      carried: outstanding,
      alreadyThere: [],
      sheets: [{ source: "Plan 2011-12", target: "Plan 2012-13", carried: outstanding, alreadyThere: [] }],
      unlistedStatus: [],
      pastDue: [],
    };
    return render(
      <CarryOverWizard
        model={plan}
        defaultSource="Plan 2011-12"
        busy={false}
        onPreview={(options) => {
          previews.push(options);
          return Promise.resolve(preview);
        }}
        onApply={(options) => {
          applies.push(options);
          return Promise.resolve({ written: true, lines: preview.lines, skipped: [], problems: [] });
        }}
      />,
    );
  }

  it("suggests the next year's sheet and refuses a name Excel would not allow", () => {
    const { container } = renderWizard([], []);
    const target = byLabel(container, /^New sheet/) as HTMLInputElement;
    expect(target.value).toBe("Plan 2012-13");
    changeValue(target, "Plan: 2012");
    expect(container.textContent).toContain("contains ':', which Excel does not allow in a sheet name.");
    expect((byText(container, "button", "Next: preview") as HTMLButtonElement).disabled).toBe(true);
  });

  it("carries the outstanding actions the user leaves ticked", async () => {
    const previews: CarryOverOptions[] = [];
    const applies: CarryOverOptions[] = [];
    const { container } = renderWizard(previews, applies);
    click(byText(container, "button", "Next: preview"));
    await settle();
    expect(previews).toEqual([
      {
        fromSheet: "Plan 2011-12",
        toSheet: "Plan 2012-13",
        renumber: false,
        exclude: [],
        unlistedStatus: "keep",
        pastDue: "keep",
      },
    ]);
    const boxes = Array.from(container.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'));
    expect(boxes).toHaveLength(2);
    click(boxes[0]!);
    click(byText(container, "button", "Carry over 1 action"));
    await settle();
    expect(applies).toEqual([
      {
        fromSheet: "Plan 2011-12",
        toSheet: "Plan 2012-13",
        renumber: false,
        exclude: [`Plan 2011-12!${actionIdentity(plan.actions[0]!)}`],
        unlistedStatus: "keep",
        pastDue: "keep",
      },
    ]);
    expect(container.textContent).toContain(
      "Carried 1 action to 'Plan 2012-13'. 'Plan 2011-12' is unchanged.",
    );
  });
});

describe("Overview", () => {
  it("shows the schema's changes in words before anything is applied", async () => {
    let applied = 0;
    const { container } = render(
      <Overview
        model={plan}
        schemaApplied={false}
        busy={false}
        onPreviewSchema={() =>
          Promise.resolve({
            title: "Apply schema to 1 table",
            lines: ["Make A4:F7 on 'Plan 2011-12' an Excel table"],
            preview: {
              headline: "Turns 1 table into an Excel table",
              sections: [{ sheet: "Plan 2011-12", lines: ["Make A4:F7 on 'Plan 2011-12' an Excel table"] }],
            },
            undoNote: "Excel here cannot undo this change in one step: keep a version first.",
            problems: [],
            canApply: true,
          })
        }
        onApplySchema={() => {
          applied += 1;
          return Promise.resolve({ written: true, lines: ["x"], skipped: [], problems: [] });
        }}
      />,
    );
    expect(container.textContent).toContain("3 actions by status");
    click(byText(container, "button", "Apply schema…"));
    await settle();
    expect(container.textContent).toContain("Turns 1 table into an Excel table.");
    expect(container.textContent).toContain("cannot undo this change in one step: keep a version first");
    expect(container.textContent).toContain("Sheet 'Plan 2011-12'");
    expect(container.textContent).toContain("Make A4:F7 on 'Plan 2011-12' an Excel table");
    expect(applied).toBe(0);
    click(byText(container, "button", "Apply schema"));
    await settle();
    expect(applied).toBe(1);
    expect(container.textContent).toContain("Schema applied (1 change): action tables");
  });
});
