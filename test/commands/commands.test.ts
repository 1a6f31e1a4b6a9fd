/**
 * The ribbon's Summary command, run against the fake Excel through the real Excel host: it builds the
 * Summary sheet in one read and one write, says when the schema is missing, shows every failure and
 * always completes the event.
 */
import type * as Commands from "../../src/commands/commands";
import type { Notice, NoticeAnswer, SummaryCommandDeps } from "../../src/commands/commands";
import { readPlan } from "../../src/core/reading/read-plan";
import { planApplySchema } from "../../src/core/planning/apply-schema";
import { createExcelHost } from "../../src/excel/excel-host";
import { FakeExcel, installFakeOffice, uninstallFakeOffice } from "../fakes/fake-excel";
import { sheet, workbook } from "../support/snapshot-builder";

let commands: typeof Commands;

beforeAll(() => {
  // commands.ts waits for Office.onReady when loaded; nothing here needs it to fire.
  (globalThis as { Office?: unknown }).Office = { onReady: () => Promise.resolve() };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the Office global exists
  commands = require("../../src/commands/commands") as typeof Commands;
});

afterEach(() => uninstallFakeOffice());

function planWorkbook() {
  return workbook(
    sheet("Plan 2012-13", [
      ["Community safety action plan 2012-13"],
      [],
      ["Ref", "Action", "Lead", "Update", "Status"],
      ["1", "Reduce repeat ASB calls", "MW", "Patrols in place", "Green"],
      ["2", "Review alcohol licensing", "CS", "", "Red"],
      ["3", "=Run the survey", "TA", "Survey out", "Amber"],
    ]),
  );
}

async function fakeWithSchema(): Promise<FakeExcel> {
  const fake = FakeExcel.fromSnapshot(planWorkbook());
  installFakeOffice(fake);
  const host = createExcelHost();
  const snapshot = await host.readSnapshot();
  await host.applyWritePlan(planApplySchema(snapshot, readPlan(snapshot)).plan);
  return fake;
}

function event() {
  return {
    completed: jest.fn(),
    source: { id: "ActionPlan.Summary" },
  } as unknown as Office.AddinCommands.Event & {
    completed: jest.Mock;
  };
}

function deps(answers: NoticeAnswer[] = []): SummaryCommandDeps & { notices: Notice[] } {
  const notices: Notice[] = [];
  return {
    notices,
    createHost: createExcelHost,
    showNotice: (notice) => {
      notices.push(notice);
      return Promise.resolve(answers.shift() ?? "close");
    },
    todayIso: () => "2013-01-15",
    planName: () => "Plan 2012-13",
  };
}

describe("the Summary ribbon command", () => {
  it("builds the Summary sheet in one read and one write, and completes the event", async () => {
    const fake = await fakeWithSchema();
    const runsBefore = fake.runs.length;
    const d = deps();
    const e = event();
    await commands.summaryCommand(d)(e);
    expect(fake.sheetNames()).toContain("Summary");
    expect(fake.runs.length - runsBefore).toBe(2);
    expect(d.notices).toEqual([]);
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  it("applies the schema first when it is missing, builds the summary, and says so", async () => {
    const fake = FakeExcel.fromSnapshot(planWorkbook());
    installFakeOffice(fake);
    const d = deps();
    const e = event();
    await commands.summaryCommand(d)(e);
    expect(d.notices).toEqual([commands.builtNotice(true, [])]);
    expect(d.notices[0]?.title).toMatch(/schema was not applied .* so it was applied first/);
    expect(fake.sheetNames()).toEqual(expect.arrayContaining(["Plan 2012-13", "Lists", "Summary"]));
    expect(fake.runs).toHaveLength(4);
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  it("tells the user Excel is busy while a cell is edited, and builds on Retry once the edit ends", async () => {
    const fake = await fakeWithSchema();
    fake.cellEditMode = true;
    const d = deps(["retry"]);
    const showNotice = d.showNotice;
    const e = event();
    await commands.summaryCommand({
      ...d,
      showNotice: async (notice) => {
        const answer = await showNotice(notice);
        fake.cellEditMode = false; // the user pressed Enter, then chose Retry
        return answer;
      },
    })(e);
    expect(d.notices).toHaveLength(1);
    expect(d.notices[0]!.title).toMatch(/Excel is busy/);
    expect(d.notices[0]!.retryable).toBe(true);
    expect(fake.sheetNames()).toContain("Summary");
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  it("shows a failure and rethrows it when the user closes the message", async () => {
    const fake = await fakeWithSchema();
    fake.cellEditMode = true;
    const d = deps(["close"]);
    const e = event();
    await expect(commands.summaryCommand(d)(e)).rejects.toMatchObject({ code: "host/busy" });
    expect(d.notices).toHaveLength(1);
    expect(fake.sheetNames()).not.toContain("Summary");
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  it("still rethrows the failure, and logs why, when the message cannot be shown", async () => {
    const fake = await fakeWithSchema();
    fake.cellEditMode = true;
    const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const e = event();
    const failure = commands.summaryCommand({
      ...deps(),
      showNotice: () => Promise.reject(new Error("12007: a dialog is already open")),
    })(e);
    await expect(failure).rejects.toMatchObject({ code: "host/busy" });
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/could not be shown/), expect.any(Error));
    expect(e.completed).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });
});

describe("the command's helpers", () => {
  it("names the plan after the workbook's file, without folder or extension", () => {
    expect(
      commands.planNameFromUrl(
        "https://council.sharepoint.com/sites/csp/Shared%20Documents/Action%20plan%202012-13.xlsx",
      ),
    ).toBe("Action plan 2012-13");
    expect(commands.planNameFromUrl("C:\\Plans\\CSP plan 100%.xlsx")).toBe("CSP plan 100%");
    expect(commands.planNameFromUrl("")).toBe("Action plan");
    expect(commands.planNameFromUrl(null)).toBe("Action plan");
  });

  it("carries a notice to the dialog page and back as the same text", () => {
    const notice: Notice = {
      title: "Building the summary failed: <b>A & B</b> = 100%?",
      whatToDo: "Choose Retry #2",
      retryable: true,
    };
    const url = commands.noticeDialogUrl("https://localhost:3000/commands.html?x=1#top", notice);
    expect(url.startsWith("https://localhost:3000/commands.html?")).toBe(true);
    expect(commands.noticeFromSearch(new URL(url).search)).toEqual(notice);
    expect(commands.noticeFromSearch("")).toBeNull();
  });
});
