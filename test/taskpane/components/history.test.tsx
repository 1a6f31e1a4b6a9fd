/**
 * @jest-environment jsdom
 */
import type { LeadEdit } from "../../../src/core/planning/lead-update";
import type { ChangePreviewData } from "../../../src/taskpane/pane-types";
import { ClosePeriod, recordedPeriods } from "../../../src/taskpane/components/ClosePeriod";
import { MyActions, type SaveOutcome } from "../../../src/taskpane/components/MyActions";
import { byLabel, byText, changeValue, cleanup, click, render, settle } from "../render";
import { action, model } from "../plan-model-fixture";

afterEach(cleanup);

const q1 = (status: "Red" | "Amber" | "Green") => [{ period: "Q1 2012-13", status, update: "" }];

describe("My actions: direction of travel", () => {
  const plan = model([
    action({
      ref: "1",
      action: "Slipped",
      lead: "CS",
      status: "Red",
      history: q1("Amber"),
      direction: "worsened",
    }),
    action({
      ref: "2",
      action: "Recovered",
      lead: "CS",
      status: "Green",
      history: q1("Amber"),
      direction: "improved",
    }),
    action({
      ref: "3",
      action: "Steady",
      lead: "CS",
      status: "Amber",
      history: q1("Amber"),
      direction: "unchanged",
    }),
    action({ ref: "4", action: "Added", lead: "CS", status: "Green", direction: "new" }),
    action({ ref: "5", action: "No history", lead: "CS", status: "Green" }),
  ]);

  it("shows each action's direction in words as well as an arrow", () => {
    const { container } = render(
      <MyActions
        model={plan}
        todayIso="2012-10-01"
        leadCode="CS"
        busy={false}
        onLeadCodeChange={() => undefined}
        onSave={(_: LeadEdit): Promise<SaveOutcome | null> => Promise.resolve({ saved: true })}
      />,
    );
    const items = Array.from(container.querySelectorAll('ul[aria-label="My actions"] > li'));
    const directions = items.map((li) => li.querySelector("[data-direction]")?.textContent ?? null);
    expect(directions).toEqual([
      "↓ worse than Q1 2012-13",
      "↑ better than Q1 2012-13",
      "→ same as Q1 2012-13",
      "★ new since the last period",
      null,
    ]);
    // The arrow is decoration: a screen reader reads the words.
    expect(items[0]?.querySelector('[data-direction] [aria-hidden="true"]')?.textContent).toBe("↓");
  });
});

describe("Close the period", () => {
  const plan = model([action({ ref: "1", action: "Act", status: "Red", history: q1("Amber") })]);
  const preview: ChangePreviewData = {
    title: "Close the period 'Q2 2012-13': record 1 action on 'Status history'",
    lines: ["Record 1 action under 'Q2 2012-13'"],
    preview: {
      headline: "Writes to 'Status history'",
      sections: [{ sheet: "Status history", lines: ["Record 1 action under 'Q2 2012-13'"] }],
    },
    undoNote: "One Undo (Ctrl+Z) takes back the whole change.",
    problems: [],
    canApply: true,
  };

  it("lists the periods already recorded, and says closing one again replaces it", () => {
    expect(recordedPeriods(plan)).toEqual(["Q1 2012-13"]);
    const { container } = render(
      <ClosePeriod
        model={plan}
        busy={false}
        onPreview={() => Promise.resolve(preview)}
        onApply={() => Promise.resolve(null)}
      />,
    );
    expect(container.textContent).toContain("Recorded so far: Q1 2012-13.");
    changeValue(byLabel(container, /Period/), "q1  2012-13");
    expect(container.textContent).toContain("already recorded: closing it again replaces its rows");
  });

  it("refuses an empty label in words beside the field, without asking the workbook", async () => {
    const asked: string[] = [];
    const { container } = render(
      <ClosePeriod
        model={plan}
        busy={false}
        onPreview={(label) => {
          asked.push(label);
          return Promise.resolve(preview);
        }}
        onApply={() => Promise.resolve(null)}
      />,
    );
    click(byText(container, "button", "Close the period…"));
    await settle();
    expect(asked).toEqual([]);
    expect(container.textContent).toContain("Give the period a label");
  });

  it("previews, then closes the period with the label typed", async () => {
    const applied: string[] = [];
    const { container } = render(
      <ClosePeriod
        model={plan}
        busy={false}
        onPreview={() => Promise.resolve(preview)}
        onApply={(label) => {
          applied.push(label);
          return Promise.resolve({ written: true, lines: preview.lines, skipped: [], problems: [] });
        }}
      />,
    );
    changeValue(byLabel(container, /Period/), "Q2 2012-13");
    click(byText(container, "button", "Close the period…"));
    await settle();
    expect(container.textContent).toContain("Record 1 action under 'Q2 2012-13'");
    click(byText(container, "button", "Close the period"));
    await settle();
    expect(applied).toEqual(["Q2 2012-13"]);
    expect(container.textContent).toContain("Period 'Q2 2012-13' closed.");
  });
});
