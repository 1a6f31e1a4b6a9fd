/** Merging partner returns in Excel: the same operation over the Excel host (a fake of the API). */
import { createExcelHost } from "../../src/excel/excel-host";
import { applyOperation } from "../../src/operations/run-operation";
import { mergeReturnsOperation } from "../../src/operations/returns";
import { readPlan } from "../../src/core/reading/read-plan";
import { returnedFileFromBytes } from "../../src/xlsx/return-files";
import { FakeExcel, installFakeOffice, uninstallFakeOffice } from "../fakes/fake-excel";
import { fillReturn, fixtureBytes, sendReturns, snapshotOfBytes } from "../support/return-workbooks";
import { cellAddress } from "../../src/core/basics/cell-address";
import { sheet, workbook } from "../support/snapshot-builder";

afterEach(() => uninstallFakeOffice());

describe("merging partner returns in Excel", () => {
  it("writes the lead's words as text (never a formula) with the Updated stamp, and a second merge writes nothing", async () => {
    const sent = await sendReturns(await fixtureBytes("psa-progress-report-2010"));
    const master = await snapshotOfBytes(sent.master);
    const model = readPlan(master);
    const hostile = "=cmd|' /C calc'!A0";
    const filled = await fillReturn(sent.files.get("Police")!, {
      11: { status: "Green", update: { formula: hostile } },
      12: { status: "Amber", update: "-5 on last quarter" },
    });
    const returned = [await returnedFileFromBytes(filled, "Police return.xlsx")];
    const fake = FakeExcel.fromSnapshot(master);
    installFakeOffice(fake);
    const host = createExcelHost();
    const operation = mergeReturnsOperation(returned, { receivedIso: "2026-12-04", choices: {} });
    const outcome = await applyOperation(host, operation);
    expect(outcome.preview.problems).toEqual([]);
    expect(outcome.report).not.toBeNull();
    expect(outcome.preview.lines).toEqual([
      expect.stringMatching(/^3\.2\.1 on '.*': Red → Green, new update \(from Police's return\)$/),
      expect.stringMatching(/^Head [A-Z]+\d+ on '.*' 'Updated', for the record of each answer merged$/),
      expect.stringMatching(/^3\.2\.3 on '.*': Green → Amber, new update \(from Police's return\)$/),
    ]);
    for (const [ref, update] of [
      ["3.2.1", hostile],
      ["3.2.3", "-5 on last quarter"],
    ] as const) {
      const action = model.actions.find((a) => a.ref === ref)!;
      const table = model.tables.find((t) => t.id === action.tableId)!;
      const column = table.columns.find((c) => c.role === "update")!.column;
      const address = cellAddress(action.row, column);
      expect(fake.value(action.sheet, address)).toBe(update);
      expect(fake.formula(action.sheet, address)).toBeNull();
      expect(fake.numberFormat(action.sheet, address)).toBe("@");
      expect(fake.value(action.sheet, cellAddress(action.row, table.range.right + 1))).toBe(
        "Police, return received 04/12/2026",
      );
    }
    const again = await applyOperation(host, operation);
    expect(again.report).toBeNull();
    expect(again.preview.detail.alreadyMerged.map((a) => a.ref)).toEqual(["3.2.1", "3.2.3"]);
  });
});

describe("protecting and hiding sheets in Excel", () => {
  it("hides a sheet, and reports protection as skipped rather than clear the user's undo history", async () => {
    const fake = FakeExcel.fromSnapshot(workbook(sheet("Plan", [["Ref"]]), sheet("Other", [["x"]])));
    installFakeOffice(fake);
    const report = await createExcelHost().applyWritePlan({
      title: "Hide and protect",
      ops: [
        { kind: "setSheetVisibility", sheet: "Other", visibility: "veryHidden" },
        { kind: "protectSheet", sheet: "Plan", unlocked: [] },
      ],
    });
    expect(fake.sheet("Other").visibility).toBe("VeryHidden");
    expect(fake.sheet("Plan").protected).toBe(false);
    expect(report.skipped).toEqual([expect.stringMatching(/^Protecting 'Plan': .*undo history/)]);
  });
});
