/**
 * @jest-environment jsdom
 */
import { STATUSES, type PlanModel } from "../../../src/core/basics/plan-model";
import type { Problem } from "../../../src/core/basics/problem";
import type { LeadEdit } from "../../../src/core/planning/lead-update";
import { StatusBadge } from "../../../src/taskpane/components/StatusBadge";
import { ProblemList } from "../../../src/taskpane/components/ProblemList";
import { CheckPane } from "../../../src/taskpane/components/CheckPane";
import { MyActions, type SaveOutcome } from "../../../src/taskpane/components/MyActions";
import { act } from "react";
import { byLabel, byText, changeValue, cleanup, click, render, settle } from "../render";
import { action, model } from "../plan-model-fixture";

afterEach(cleanup);

const overdueProblem: Problem = {
  sheet: "Plan 2011-12",
  cell: "F6",
  rule: "due/overdue",
  severity: "warning",
  message: "Action 2 on 'Plan 2011-12' was due on 30/09/2011 and is not Complete.",
};

describe("StatusBadge", () => {
  it.each(STATUSES)("shows %s as a word and a letter, not colour alone", (status) => {
    const { container } = render(<StatusBadge status={status} />);
    expect(container.textContent).toContain(status);
    expect(container.textContent).toContain(`${status === "Not started" ? "N" : status[0]}\u00a0·`);
  });

  it("says No status when an action has none", () => {
    const { container } = render(<StatusBadge status={null} />);
    expect(container.textContent).toContain("No status");
  });

  it("shows a status guessed from a colour as a question, with no letter to read as certain", () => {
    const { container } = render(<StatusBadge status="Complete" guessed />);
    expect(container.textContent).toBe("Complete?");
    expect(container.querySelector("[title]")?.getAttribute("title")).toBe(
      "Only the cell's colour suggests Complete: the status is not known for certain.",
    );
  });
});

describe("ProblemList", () => {
  it("names each problem's sheet and cell and selects it when chosen", () => {
    const chosen: Problem[] = [];
    const { container } = render(
      <ProblemList problems={[overdueProblem]} onSelect={(p) => chosen.push(p)} label="Problems" />,
    );
    const button = container.querySelector('button[data-rule="due/overdue"]');
    expect(button?.textContent).toContain("Plan 2011-12!F6");
    expect(button?.textContent).toContain("was due on 30/09/2011");
    click(button);
    expect(chosen).toEqual([overdueProblem]);
  });

  it("shows a problem about the whole workbook without a cell to go to", () => {
    const whole: Problem = {
      sheet: "",
      cell: "",
      rule: "table/none-found",
      severity: "error",
      message: "No table.",
    };
    const { container } = render(
      <ProblemList problems={[whole]} onSelect={() => undefined} label="Problems" />,
    );
    expect(container.querySelector("button")).toBeNull();
    expect(container.textContent).toContain("Workbook");
  });
});

describe("CheckPane", () => {
  it("says so when the plan has no problems", () => {
    const { container } = render(
      <CheckPane
        problems={[]}
        busy={false}
        selected={null}
        onSelectProblem={() => undefined}
        onRecheck={() => undefined}
      />,
    );
    expect(container.textContent).toContain("No problems found");
  });

  it("filters the list to errors", () => {
    const error: Problem = {
      ...overdueProblem,
      rule: "status/invalid",
      severity: "error",
      cell: "E9",
      message: "TBC",
    };
    const { container } = render(
      <CheckPane
        problems={[overdueProblem, error]}
        busy={false}
        selected={null}
        onSelectProblem={() => undefined}
        onRecheck={() => undefined}
      />,
    );
    expect(container.querySelectorAll("button[data-rule]")).toHaveLength(2);
    expect(container.textContent).toContain("2 problems: 1 error, 1 warning");
    changeValue(byLabel(container, "Show"), "error");
    expect(
      Array.from(container.querySelectorAll("button[data-rule]")).map((b) => b.getAttribute("data-rule")),
    ).toEqual(["status/invalid"]);
  });
});

describe("CheckPane's groups", () => {
  it("shows a large group as one heading with its count, and its problems when opened", () => {
    const many: Problem[] = Array.from({ length: 1200 }, (_, i) => ({
      sheet: "Plan",
      cell: `E${i + 2}`,
      rule: "status/missing",
      severity: "warning",
      message: `Plan!E${i + 2}: no status`,
    }));
    const { container } = render(
      <CheckPane
        problems={many}
        busy={false}
        selected={null}
        onSelectProblem={() => undefined}
        onRecheck={() => undefined}
      />,
    );
    expect(container.textContent).toContain("No status: 1,200");
    expect(container.querySelectorAll("button[data-rule]")).toHaveLength(0);
    const heading = Array.from(container.querySelectorAll("button")).find((b) =>
      (b.textContent ?? "").includes("No status"),
    );
    expect(heading).toBeDefined();
    click(heading!);
    expect(container.querySelectorAll("button[data-rule='status/missing']")).toHaveLength(1200);
  });
});

describe("MyActions", () => {
  const plan = model(
    [
      action({ ref: "1", action: "Maintain the tactical meeting", lead: "TA", status: "Green" }),
      action({ ref: "2", action: "Develop a risk register", lead: "CS", status: "Red" }),
      action({
        ref: "3",
        action: "Licensed premises work",
        lead: "TA & CS",
        leads: ["TA", "CS"],
        status: "Amber",
      }),
    ],
    [
      ["TA", "Ted Allen"],
      ["CS", "Community Safety Manager"],
    ],
  );

  function renderMine(
    leadCode: string | null,
    onSave: (edit: LeadEdit) => Promise<SaveOutcome | null>,
    shown: PlanModel = plan,
  ) {
    const chosen: Array<string | null> = [];
    const rendered = render(
      <MyActions
        model={shown}
        todayIso="2012-05-01"
        leadCode={leadCode}
        busy={false}
        onLeadCodeChange={(code) => chosen.push(code)}
        onSave={onSave}
      />,
    );
    return { ...rendered, chosen };
  }

  it("shows a lead the actions that name their code, including shared ones like TA & CS", () => {
    const { container } = renderMine("CS", () => Promise.resolve({ saved: true }));
    const items = Array.from(container.querySelectorAll('ul[aria-label="My actions"] > li'));
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining("Develop a risk register"),
      expect.stringContaining("Licensed premises work"),
    ]);
  });

  it("passes the chosen lead code up to be remembered", () => {
    const { container, chosen } = renderMine(null, () => Promise.resolve({ saved: true }));
    changeValue(byLabel(container, "I am"), "TA");
    expect(chosen).toEqual(["TA"]);
  });

  it("refuses Amber without an update and saves it once an update is given", async () => {
    const edits: LeadEdit[] = [];
    const { container } = renderMine("CS", (edit) => {
      edits.push(edit);
      return Promise.resolve({ saved: true });
    });
    click(byText(container, "button", "Update"));
    changeValue(byLabel(container, /^Status/), "Amber");
    click(byText(container, "button", "Save update"));
    await settle();
    expect(container.textContent).toContain("Amber needs an update saying why and what will be done.");
    expect(edits).toEqual([]);

    changeValue(byLabel(container, /^New update/), "Draft register out for comment.");
    click(byText(container, "button", "Save update"));
    await settle();
    expect(edits).toEqual([
      {
        sheet: "Plan 2011-12",
        ref: "2",
        action: "Develop a risk register",
        update: "Draft register out for comment.",
        status: "Amber",
      },
    ]);
    expect(container.textContent).toContain("Saved to Plan 2011-12!A6.");
  });

  it("starts the new update empty, keeps the last one on show, and returns focus to the action after saving", async () => {
    const withUpdate = model([
      action({
        ref: "2",
        action: "Develop a risk register",
        lead: "CS",
        status: "Amber",
        update: "Consulted in March",
      }),
    ]);
    const { container } = renderMine("CS", () => Promise.resolve({ saved: true }), withUpdate);
    expect(container.textContent).toContain("Last update: Consulted in March");
    click(byText(container, "button", "Update"));
    expect((byLabel(container, /^New update/) as HTMLTextAreaElement).value).toBe("");
    expect(document.activeElement?.tagName).toBe("SELECT");
    changeValue(byLabel(container, /^New update/), "Register drafted.");
    click(byText(container, "button", "Save update"));
    await settle();
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Update action 2 on Plan 2011-12");
  });

  it("shows a status guessed from a colour as a guess and asks the lead to choose one", async () => {
    const guessed = model([
      action({
        ref: "2",
        action: "Develop a risk register",
        lead: "CS",
        status: "Complete",
        statusGuessed: true,
      }),
    ]);
    const edits: LeadEdit[] = [];
    const { container } = renderMine(
      "CS",
      (edit) => {
        edits.push(edit);
        return Promise.resolve({ saved: true });
      },
      guessed,
    );
    expect(container.textContent).toContain("Complete?");
    click(byText(container, "button", "Update"));
    expect((byLabel(container, /^Status/) as HTMLSelectElement).value).toBe("");
    changeValue(byLabel(container, /^New update/), "Still going.");
    click(byText(container, "button", "Save update"));
    await settle();
    expect(container.textContent).toContain("Choose a status from the list.");
    expect(edits).toEqual([]);
  });

  it("closes the form with Escape and puts focus back on the action", () => {
    const { container } = renderMine("CS", () => Promise.resolve({ saved: true }));
    click(byText(container, "button", "Update"));
    const form = container.querySelector("form");
    expect(form).not.toBeNull();
    act(() => {
      form!.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    });
    expect(container.querySelector("form")).toBeNull();
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Update action 2 on Plan 2011-12");
  });

  it("asks for a lead code again when the one remembered is not in this workbook", () => {
    const { container } = renderMine("MW", () => Promise.resolve({ saved: true }));
    expect(container.textContent).toContain("MW, remembered on this device, is not a lead in this workbook");
    expect(container.textContent).not.toContain("No actions name MW");
    expect((byLabel(container, "I am") as HTMLSelectElement).value).toBe("");
  });

  it("says why there is no one to choose when no action names a lead", () => {
    const leaderless = model([action({ ref: "1", action: "Commission a problem profile", lead: null })]);
    const { container } = renderMine("MW", () => Promise.resolve({ saved: true }), leaderless);
    expect(container.textContent).toContain("No action in this workbook names a lead yet");
    expect(container.textContent).not.toContain("remembered on this device");
  });

  it("shows what the lead must do, with a data gap beside it as context", () => {
    const gap = model([
      action({
        ref: "1",
        action: "Commission a problem profile",
        lead: "CS",
        extra: { "Data gap": "No data on repeat victims" },
      }),
    ]);
    const { container } = renderMine("CS", () => Promise.resolve({ saved: true }), gap);
    expect(container.textContent).toContain("Commission a problem profile");
    expect(container.textContent).toContain("Data gap:No data on repeat victims");
  });

  it("lists the problems when the workbook refuses the update", async () => {
    const refusal: Problem = {
      sheet: "Plan 2011-12",
      cell: "",
      rule: "write/row-not-found",
      severity: "error",
      message: "action 2 is no longer on 'Plan 2011-12'",
    };
    const { container } = renderMine("CS", () => Promise.resolve({ saved: false, problems: [refusal] }));
    click(byText(container, "button", "Update"));
    changeValue(byLabel(container, /^Status/), "Green");
    click(byText(container, "button", "Save update"));
    await settle();
    expect(container.textContent).toContain("action 2 is no longer on 'Plan 2011-12'");
    expect(container.textContent).not.toContain("Saved to");
  });

  it("renders cell text as text, never as markup", () => {
    const hostile = '<img src=x onerror="alert(1)"><b>bold</b>';
    const { container } = render(
      <MyActions
        model={model([action({ ref: "1", action: hostile, lead: "CS", update: hostile })])}
        todayIso="2012-05-01"
        leadCode="CS"
        busy={false}
        onLeadCodeChange={() => undefined}
        onSave={() => Promise.resolve(null)}
      />,
    );
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
    expect(container.textContent).toContain(hostile);
  });
});
