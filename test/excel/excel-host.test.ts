import { createExcelHost } from "../../src/excel/excel-host";
import {
  BUSY_MESSAGE,
  HostBusyError,
  ProtectedSheetError,
  UnsupportedHostError,
  withCellEditRetry,
} from "../../src/excel/host-errors";
import type { WritePlan } from "../../src/core/basics/write-plan";
import { type SheetOptions, sheet, workbook } from "../support/snapshot-builder";
import { FakeExcel, installFakeOffice, uninstallFakeOffice } from "../fakes/fake-excel";

afterEach(() => uninstallFakeOffice());

const plan: WritePlan = {
  title: "Update",
  ops: [{ kind: "writeCells", sheet: "Plan", row: 1, column: 1, cells: [[{ kind: "text", text: "-done" }]] }],
};

/** The sheet `plan` writes to: a Ref and an Update column, one action whose update is `update` (B2). */
function planSheet(update: string, options: SheetOptions = {}) {
  return sheet(
    "Plan",
    [
      ["Ref", "Update"],
      ["1", update],
    ],
    options,
  );
}

function hostOn(fake: FakeExcel) {
  installFakeOffice(fake);
  return createExcelHost();
}

describe("the Excel host", () => {
  it("reads, applies and reads again, each in its own Excel.run, with one undo group on a 1.20 host", async () => {
    const fake = FakeExcel.fromSnapshot(workbook(planSheet("")));
    const host = hostOn(fake);
    await host.readSnapshot();
    await host.applyWritePlan(plan);
    const after = await host.readSnapshot();
    expect(after.sheets[0]?.cells[1]?.[1]).toMatchObject({ value: "-done", formula: null });
    expect(fake.runs.map((r) => r.syncs)).toEqual([2, 1, 1]);
    expect(fake.runs[1]?.options).toEqual({ delayForCellEdit: true, mergeUndoGroup: true });
  });

  it("asks for no undo grouping on a 1.8 host", async () => {
    const fake = FakeExcel.fromSnapshot(workbook(planSheet("")), { apiVersion: "1.8" });
    const host = hostOn(fake);
    await host.applyWritePlan(plan);
    expect(fake.runs[0]?.options).toEqual({ delayForCellEdit: true }); // no undo group below 1.20
    expect(fake.value("Plan", "B2")).toBe("-done");
  });

  it("refuses to run on a host below ExcelApi 1.8", async () => {
    const host = hostOn(FakeExcel.fromSnapshot(workbook(sheet("Plan", [["a"]])), { apiVersion: "1.7" }));
    await expect(host.readSnapshot()).rejects.toBeInstanceOf(UnsupportedHostError);
  });

  it("reports a cell being edited as HostBusyError, and a retry after the edit ends succeeds", async () => {
    const fake = FakeExcel.fromSnapshot(workbook(planSheet("")));
    const host = hostOn(fake);
    fake.cellEditMode = true;
    await expect(host.applyWritePlan(plan)).rejects.toMatchObject({
      code: "host/busy",
      message: BUSY_MESSAGE,
    });
    const asked: string[] = [];
    await withCellEditRetry(
      () => host.applyWritePlan(plan),
      (error) => {
        asked.push(error.message);
        fake.cellEditMode = false;
        return Promise.resolve(true);
      },
    );
    expect(asked).toEqual([BUSY_MESSAGE]);
    expect(fake.value("Plan", "B2")).toBe("-done");
  });

  it("gives up with HostBusyError when the user cancels", async () => {
    const fake = FakeExcel.fromSnapshot(workbook(sheet("Plan", [["a"]])));
    const host = hostOn(fake);
    fake.cellEditMode = true;
    await expect(
      withCellEditRetry(
        () => host.readSnapshot(),
        () => Promise.resolve(false),
      ),
    ).rejects.toBeInstanceOf(HostBusyError);
  });

  it("refuses to write to a protected sheet with ProtectedSheetError naming it, writing nothing", async () => {
    const fake = FakeExcel.fromSnapshot(workbook(planSheet("old", { isProtected: true })));
    const host = hostOn(fake);
    await host.readSnapshot();
    const error: unknown = await host.applyWritePlan(plan).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtectedSheetError);
    expect(error).toMatchObject({ sheet: "Plan", partial: false });
    expect((error as Error).message).toContain("'Plan' is protected");
    expect(fake.value("Plan", "B2")).toBe("old");
  });

  it("surfaces Excel's own refusal when a sheet was protected after the last read", async () => {
    const fake = FakeExcel.fromSnapshot(workbook(planSheet("old")));
    const host = hostOn(fake);
    await host.readSnapshot();
    fake.sheet("Plan").protected = true;
    await expect(host.applyWritePlan(plan)).rejects.toMatchObject({
      code: "host/protected-sheet",
      partial: true,
    });
    expect(fake.value("Plan", "B2")).toBe("old");
  });

  it("selects a cell on its sheet", async () => {
    const fake = FakeExcel.fromSnapshot(workbook(sheet("A", [["a"]]), sheet("It's 2011", [["b"]])));
    await hostOn(fake).selectCell("It's 2011", "C7");
    expect(fake.selection).toEqual({ sheet: "It's 2011", address: "C7" });
    expect(fake.activeSheet).toBe("It's 2011");
  });
});
