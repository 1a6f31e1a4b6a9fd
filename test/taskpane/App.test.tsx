/**
 * @jest-environment jsdom
 */
import type { WorkbookHost } from "../../src/core/basics/workbook-host";
import type { WritePlan } from "../../src/core/basics/write-plan";
import { HostBusyError } from "../../src/excel/host-errors";
import { App, type PaneTab } from "../../src/taskpane/App";
import { SCHEMA_FIRST_LINE } from "../../src/operations/summary";
import { createMemoryLeadCodeStore } from "../../src/taskpane/lead-code-store";
import { sheet, workbook } from "../support/snapshot-builder";
import { byText, cleanup, click, render, settle } from "./render";

afterEach(cleanup);

const plan = workbook(
  sheet("Plan 2011-12", [
    ["Ref", "Action", "Lead", "Update", "Status"],
    ["1", "Develop a risk register", "CS", "", "R"],
    ["2", "Publish the summary", "SBC", "Published", "TBC"],
  ]),
);

/** The plan after a co-author typed a status word over the fill-less "R". */
const edited = workbook(
  sheet("Plan 2011-12", [
    ["Ref", "Action", "Lead", "Update", "Status"],
    ["1", "Develop a risk register", "CS", "", "Amber"],
    ["0", "Inserted by a co-author", "CS", "", "Green"],
    ["2", "Publish the summary", "SBC", "Published", "TBC"],
  ]),
);

function hostFailingFirst(failures: Error[]) {
  const applied: WritePlan[] = [];
  const selected: string[] = [];
  const host: WorkbookHost = {
    readSnapshot: () => {
      const failure = failures.shift();
      return failure === undefined ? Promise.resolve(plan) : Promise.reject(failure);
    },
    applyWritePlan: (p) => {
      applied.push(p);
      return Promise.resolve({ skipped: [] });
    },
    selectCell: (sheetName, address) => {
      selected.push(`${sheetName}!${address}`);
      return Promise.resolve();
    },
  };
  return { host, applied, selected };
}

/** The pane over `host`, opened on `tab`, once it has read the workbook. */
async function paneOn(host: WorkbookHost, tab: PaneTab) {
  const { container } = render(
    <App host={host} todayIso="2012-05-01" leadCodeStore={createMemoryLeadCodeStore()} initialTab={tab} />,
  );
  await settle();
  return container;
}

describe("App", () => {
  it("asks the user to finish editing the cell when Excel is busy, and Retry then reads the plan", async () => {
    const { host } = hostFailingFirst([new HostBusyError()]);
    const { container } = render(
      <App host={host} todayIso="2012-05-01" leadCodeStore={createMemoryLeadCodeStore()} />,
    );
    await settle();
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain("Finish editing the cell");
    click(byText(container, "button", "Retry"));
    await settle();
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(container.textContent).toContain("2 actions by status");
  });

  it("lists the plan's problems on Check, and choosing one selects its cell", async () => {
    const { host, selected } = hostFailingFirst([]);
    const container = await paneOn(host, "check");
    const invalid = container.querySelector('button[data-rule="status/invalid"]');
    expect(invalid?.getAttribute("data-cell")).toBe("Plan 2011-12!E3");
    click(invalid);
    await settle();
    expect(selected).toEqual(["Plan 2011-12!E3"]);
    expect(container.textContent).toContain("Selected Plan 2011-12!E3 in the workbook.");
  });

  it("says the schema is missing on Summary, and its preview applies the schema first", async () => {
    const { host, applied } = hostFailingFirst([]);
    const container = await paneOn(host, "summary");
    expect(container.textContent).toContain("The schema is not applied to this workbook yet.");
    click(byText(container, "button", "Build summary sheet…"));
    await settle();
    expect(container.textContent).toContain(SCHEMA_FIRST_LINE);
    click(byText(container, "button", "Apply schema and build summary"));
    await settle();
    expect(applied[0]?.title).toMatch(/^Apply schema.*, then build the Summary sheet$/);
  });

  it("writes nothing when the workbook changed between preview and apply, and says what changed", async () => {
    const snapshots = [plan, plan, edited];
    const { host, applied } = hostFailingFirst([]);
    const host2 = { ...host, readSnapshot: () => Promise.resolve(snapshots.shift() ?? edited) };
    const container = await paneOn(host2, "overview");
    click(byText(container, "button", "Apply schema…"));
    await settle();
    click(byText(container, "button", "Apply schema"));
    await settle();
    expect(applied).toEqual([]);
    expect(container.textContent).toContain("The workbook changed since the preview");
  });

  it("tells the user what the read-back after writing found, until dismissed", async () => {
    const host: WorkbookHost = {
      readSnapshot: () => Promise.resolve(plan),
      applyWritePlan: () =>
        Promise.resolve({
          skipped: [],
          verification: [
            "Excel did not grow the Leads table on 'Lists' over the row 9 written below it, so the add-in resized the table to include them.",
          ],
        }),
      selectCell: () => Promise.resolve(),
    };
    const { container } = render(
      <App host={host} todayIso="2012-05-01" leadCodeStore={createMemoryLeadCodeStore()} />,
    );
    await settle();
    click(byText(container, "button", "Apply schema…"));
    await settle();
    click(byText(container, "button", "Apply schema"));
    await settle();
    const notice = byText(container, '[role="status"]', /Checked after writing/);
    expect(notice?.textContent).toContain("resized the table");
    click(byText(container, "button", "Dismiss"));
    await settle();
    expect(container.textContent).not.toContain("Checked after writing");
  });
});
