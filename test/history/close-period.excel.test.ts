/** Closing a period through the Excel shell (src/excel over the fake Excel API), at 60 and 6,000 actions. */
import { createExcelHost } from "../../src/excel/excel-host";
import { applyOperation, readPlanState } from "../../src/operations/run-operation";
import { closePeriodOperation } from "../../src/operations/close-period";
import { carryOverOperation } from "../../src/operations/carry-over";
import { readStatusHistory } from "../../src/core/reading/status-history";
import type { WorkbookSnapshot } from "../../src/core/basics/snapshot";
import { sheet, workbook, type CellSpec } from "../support/snapshot-builder";
import { FakeExcel, installFakeOffice, uninstallFakeOffice } from "../fakes/fake-excel";

afterEach(() => uninstallFakeOffice());

const STATUSES = ["Red", "Amber", "Green", "Complete"];

function planWorkbook(n: number, sheetName = "2012-13"): WorkbookSnapshot {
  const rows: CellSpec[][] = Array.from({ length: n }, (_, i) => [
    `${i + 1}`,
    `Action ${i + 1}: work with partners on repeat incidents`,
    "POL",
    `Update ${i + 1}`,
    STATUSES[i % STATUSES.length] ?? "Green",
  ]);
  return workbook(sheet(sheetName, [["Ref", "Action", "Lead", "Update", "Status"], ...rows]));
}

function hostOn(fake: FakeExcel) {
  installFakeOffice(fake);
  return createExcelHost();
}

/** Closes `label` and returns the syncs of the run that wrote it. */
async function closeAndCountSyncs(fake: FakeExcel, label: string): Promise<number> {
  const host = hostOn(fake);
  const before = fake.runs.length;
  const outcome = await applyOperation(host, closePeriodOperation({ label, todayIso: "2012-10-01" }));
  expect(outcome.preview.problems).toEqual([]);
  expect(outcome.report).not.toBeNull();
  const runs = fake.runs.slice(before);
  // The last run is the write; the ones before it read the workbook.
  return runs.at(-1)?.syncs ?? Number.NaN;
}

describe("closing a period in Excel", () => {
  it.each([60, 6000])(
    "records %i actions, appends the next period and replaces a re-closed one, each write in at most 2 syncs",
    async (n) => {
      const fake = FakeExcel.fromSnapshot(planWorkbook(n));
      expect(await closeAndCountSyncs(fake, "Q1 2012-13")).toBeLessThanOrEqual(2);
      expect(await closeAndCountSyncs(fake, "Q2 2012-13")).toBeLessThanOrEqual(2);
      expect(await closeAndCountSyncs(fake, "Q2 2012-13")).toBeLessThanOrEqual(2);

      const snapshot = await hostOn(fake).readSnapshot();
      const history = readStatusHistory(snapshot);
      expect(history.problems).toEqual([]);
      expect(history.table?.rows).toHaveLength(2 * n);
      expect(history.table?.listObject?.range).toEqual({ top: 0, left: 0, bottom: 2 * n, right: 7 });
      const labels = history.table?.rows.map((r) => r.period) ?? [];
      expect(labels.filter((l) => l === "Q1 2012-13")).toHaveLength(n);
      expect(labels.filter((l) => l === "Q2 2012-13")).toHaveLength(n);
    },
  );

  it("gives every action its direction once a status changes after the period is closed", async () => {
    const fake = FakeExcel.fromSnapshot(planWorkbook(4));
    await closeAndCountSyncs(fake, "Q1");
    const host = hostOn(fake);
    await host.applyWritePlan({
      title: "lead updates",
      ops: [
        {
          kind: "writeCells",
          sheet: "2012-13",
          row: 1,
          column: 4,
          cells: [[{ kind: "text", text: "Green" }]],
        },
        { kind: "writeCells", sheet: "2012-13", row: 3, column: 4, cells: [[{ kind: "text", text: "Red" }]] },
      ],
    });
    const { model } = await readPlanState(host);
    expect(model.actions.map((a) => [a.ref, a.status, a.direction])).toEqual([
      ["1", "Green", "improved"],
      ["2", "Amber", "unchanged"],
      ["3", "Red", "worsened"],
      ["4", "Complete", "unchanged"],
    ]);
  });

  it("keeps a carried action's history, so its direction continues into the new year", async () => {
    const fake = FakeExcel.fromSnapshot(planWorkbook(4, "2011-12"));
    await closeAndCountSyncs(fake, "Q4 2011-12");
    const host = hostOn(fake);
    const carried = await applyOperation(
      host,
      carryOverOperation({ fromSheet: "2011-12", toSheet: "2012-13", renumber: true }),
    );
    expect(carried.report).not.toBeNull();
    const { model } = await readPlanState(host);
    const newYear = model.actions.filter((a) => a.sheet === "2012-13" && a.history.length > 0);
    expect(newYear.map((a) => [a.ref, a.status, a.history.map((h) => h.period), a.direction])).toEqual([
      ["1.1", "Red", ["Q4 2011-12"], "unchanged"],
      ["1.2", "Amber", ["Q4 2011-12"], "unchanged"],
      ["1.3", "Green", ["Q4 2011-12"], "unchanged"],
    ]);
  });
});
