import type { WorkbookHost } from "../../src/core/basics/workbook-host";
import type { WorkbookSnapshot } from "../../src/core/basics/snapshot";
import type { WritePlan } from "../../src/core/basics/write-plan";
import {
  applyOperation,
  applyPreview,
  canApply,
  planChanges,
  previewOperation,
  type PlanState,
} from "../../src/operations/run-operation";
import { carryOverOperation } from "../../src/operations/carry-over";
import { actionIdentity } from "../../src/core/planning/carry-over";
import { problem } from "../../src/core/basics/problem";
import { describeFailure } from "../../src/operations/failure-messages";
import { HostBusyError, ProtectedSheetError } from "../../src/excel/host-errors";
import { sheet, workbook } from "../support/snapshot-builder";

function planSheet(status: string): WorkbookSnapshot {
  return workbook(
    sheet("Plan 2011-12", [
      ["Ref", "Action", "Lead", "Update", "Status"],
      ["1", "Develop a risk register", "CS", "Drafted", status],
    ]),
  );
}

/** A host whose workbook the test changes between calls, as a co-author would. */
function fakeHost(snapshots: WorkbookSnapshot[]) {
  const applied: WritePlan[] = [];
  let reads = 0;
  const host: WorkbookHost = {
    readSnapshot: () => Promise.resolve(snapshots[Math.min(reads++, snapshots.length - 1)]!),
    applyWritePlan: (plan) => {
      applied.push(plan);
      return Promise.resolve({ skipped: [] });
    },
    selectCell: () => Promise.resolve(),
  };
  return { host, applied, reads: () => reads };
}

/** An operation that writes the status it read, so the test can see which read it used. */
function echoStatus(state: PlanState) {
  const action = state.model.actions[0];
  const plan: WritePlan = {
    title: `Echo ${action?.statusText ?? "nothing"}`,
    ops: [
      {
        kind: "writeCells",
        sheet: "Plan 2011-12",
        row: 1,
        column: 3,
        cells: [[{ kind: "text", text: "x" }]],
      },
    ],
  };
  return { plan, problems: [], detail: action?.statusText ?? null };
}

describe("running an operation", () => {
  it("previews without writing anything", async () => {
    const { host, applied } = fakeHost([planSheet("Red")]);
    const preview = await previewOperation(host, echoStatus);
    expect(preview.detail).toBe("Red");
    expect(preview.lines.length).toBeGreaterThan(0);
    expect(applied).toEqual([]);
  });

  it("reads the workbook again at apply time, so a co-author's change since the preview is used", async () => {
    const { host, applied, reads } = fakeHost([planSheet("Red"), planSheet("Amber")]);
    await previewOperation(host, echoStatus);
    const outcome = await applyOperation(host, echoStatus);
    expect(reads()).toBe(2);
    expect(outcome.preview.detail).toBe("Amber");
    expect(applied.map((p) => p.title)).toEqual(["Echo Amber"]);
  });

  it("writes nothing when a write problem stops the operation", async () => {
    const { host, applied } = fakeHost([planSheet("Red")]);
    const blocked = (state: PlanState) => ({
      ...echoStatus(state),
      problems: [
        problem("Plan 2011-12", "", "write/protected-sheet", { sheet: "Plan 2011-12", operation: "Echo" }),
      ],
    });
    const outcome = await applyOperation(host, blocked);
    expect(canApply(outcome.preview)).toBe(false);
    expect(outcome.report).toBeNull();
    expect(applied).toEqual([]);
  });
});

/** An operation whose plan writes the status it read into the update column. */
function writeStatus(state: PlanState) {
  const status = state.model.actions[0]?.statusText ?? "";
  const plan: WritePlan = {
    title: "Copy the status",
    ops: [
      {
        kind: "writeCells",
        sheet: "Plan 2011-12",
        row: 1,
        column: 3,
        cells: [[{ kind: "text", text: status }]],
        note: `D2: '${status}'`,
      },
    ],
  };
  return { plan, problems: [], detail: null };
}

describe("applying what was previewed", () => {
  it("writes when the workbook read at apply time gives the plan previewed", async () => {
    const { host, applied } = fakeHost([planSheet("Red"), planSheet("Red")]);
    const preview = await previewOperation(host, writeStatus);
    const outcome = await applyOperation(host, writeStatus, { previewed: preview.state });
    expect(outcome.report).not.toBeNull();
    expect(applied).toHaveLength(1);
  });

  it("writes nothing, and says what changed, when a co-author's edit changed the plan", async () => {
    const { host, applied } = fakeHost([planSheet("Red"), planSheet("Amber")]);
    const preview = await previewOperation(host, writeStatus);
    const outcome = await applyOperation(host, writeStatus, { previewed: preview.state });
    expect(outcome.report).toBeNull();
    expect(applied).toEqual([]);
    expect(outcome.preview.problems[0]).toMatchObject({
      rule: "operation/changed-since-preview",
      severity: "error",
    });
    expect(outcome.preview.problems[0]?.message).toContain("No longer: On 'Plan 2011-12', D2: 'Red'");
    expect(outcome.preview.problems[0]?.message).toContain("Now: On 'Plan 2011-12', D2: 'Amber'");
  });

  it("finds no change between a plan and itself, and names a change of values alone", () => {
    const plan = writeStatus({ snapshot: planSheet("Red"), model: { actions: [] } } as never).plan;
    expect(planChanges(plan, plan)).toEqual([]);
    const sameWords = { ...plan, ops: plan.ops.map((op) => ({ ...op, row: 2 })) };
    expect(planChanges(plan, sameWords)).toEqual(["The same changes, with different values to write."]);
  });

  it("writes a preview as it is, without reading again, for a caller that holds the workbook alone", async () => {
    const { host, applied, reads } = fakeHost([planSheet("Red"), planSheet("Amber")]);
    const preview = await previewOperation(host, writeStatus);
    const outcome = await applyPreview(host, preview);
    expect(reads()).toBe(1);
    expect(outcome.report).toEqual({ skipped: [] });
    expect(applied[0]?.ops[0]).toMatchObject({ cells: [[{ kind: "text", text: "Red" }]] });
  });
});

describe("carrying over with actions unticked", () => {
  const twoActions = (rows: string[][]) =>
    workbook(sheet("2011-12", [["Ref", "Action", "Lead", "Update", "Status"], ...rows]));

  it("leaves out the unticked action even when a co-author inserted a row above it meanwhile", async () => {
    const before = twoActions([
      ["1", "Develop a risk register", "CS", "Drafted", "Red"],
      ["2", "Train the wardens", "CS", "Booked", "Amber"],
    ]);
    const after = twoActions([
      ["0", "A new first action", "CS", "Just added", "Green"],
      ["1", "Develop a risk register", "CS", "Drafted", "Red"],
      ["2", "Train the wardens", "CS", "Booked", "Amber"],
    ]);
    const { host } = fakeHost([before, after]);
    const shown = await previewOperation(host, carryOverOperation({ fromSheet: "2011-12", renumber: false }));
    const train = shown.detail.carried.find((a) => a.action === "Train the wardens");
    expect(train).toBeDefined();
    const options = { fromSheet: "2011-12", renumber: false, exclude: [actionIdentity(train!)] };
    const outcome = await applyOperation(host, carryOverOperation(options));
    expect(outcome.preview.detail.carried.map((a) => a.action)).toEqual([
      "A new first action",
      "Develop a risk register",
    ]);
  });

  it("names an action without a ref by its text, whatever its case and spacing", () => {
    expect(actionIdentity({ ref: null, action: "Develop  a Risk register" })).toBe(
      actionIdentity({ ref: "  ", action: "develop a risk register" }),
    );
    expect(actionIdentity({ ref: "4.2", action: "x" })).toBe("ref:4.2");
  });
});

describe("describeFailure", () => {
  it("asks the user to finish editing the cell and retry when Excel is busy", () => {
    const failure = describeFailure(new HostBusyError(), "applying the schema");
    expect(failure.title).toBe("Excel is busy, so applying the schema did not happen.");
    expect(failure.whatToDo).toContain("Finish editing the cell");
    expect(failure.retryable).toBe(true);
  });

  it("names the protected sheet and how to unprotect it", () => {
    const failure = describeFailure(new ProtectedSheetError("Plan 2011-12", false), "saving your update");
    expect(failure.title).toBe("Saving your update stopped: a sheet is protected.");
    expect(failure.whatToDo).toContain("'Plan 2011-12'");
    expect(failure.whatToDo).toContain("Unprotect");
  });

  it("says what failed for any other error and offers a retry", () => {
    const failure = describeFailure(new Error("The network went away"), "reading the workbook");
    expect(failure.title).toBe("Reading the workbook failed: The network went away");
    expect(failure.retryable).toBe(true);
  });
});
