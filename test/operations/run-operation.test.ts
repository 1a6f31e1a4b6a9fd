import type { WorkbookHost } from "../../src/core/workbook-host";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import type { WritePlan } from "../../src/core/write-plan";
import {
  applyOperation,
  canApply,
  previewOperation,
  type PlanState,
} from "../../src/operations/run-operation";
import { describeFailure } from "../../src/taskpane/failure-messages";
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
        {
          sheet: "Plan 2011-12",
          cell: "",
          rule: "write/protected-sheet",
          severity: "error" as const,
          message: "The sheet 'Plan 2011-12' is protected.",
        },
      ],
    });
    const outcome = await applyOperation(host, blocked);
    expect(canApply(outcome.preview)).toBe(false);
    expect(outcome.report).toBeNull();
    expect(applied).toEqual([]);
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
