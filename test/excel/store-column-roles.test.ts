/** Storing column roles in Excel: the same operation over the Excel host (a fake of the API). */
import { createExcelHost } from "../../src/excel/excel-host";
import { readStoredColumns } from "../../src/core/reading/column-mapping";
import { columnReview } from "../../src/core/planning/column-review";
import { readPlan } from "../../src/core/reading/read-plan";
import { applyOperation, previewOperation } from "../../src/operations/run-operation";
import { storeColumnRolesOperation } from "../../src/operations/store-column-roles";
import { FakeExcel, installFakeOffice, uninstallFakeOffice } from "../fakes/fake-excel";
import { sheet, workbook } from "../support/snapshot-builder";

afterEach(() => uninstallFakeOffice());

const plan = workbook(
  sheet("Plan 2024-25", [
    ["Ref", "Action", "Owner", "Notes", "Status"],
    ["1", "Run a joint patrol in the town centre at weekends", "Police", "Patrols started in May", "Green"],
    ["2", "Publish a hate crime reporting guide in five languages", "Council", "Budget not agreed", "Red"],
  ]),
);

async function store(role: "ignore" | "update") {
  const host = createExcelHost();
  const operation = storeColumnRolesOperation([
    { tableId: "Plan 2024-25!A1", column: 3, header: "Notes", role },
  ]);
  const preview = await previewOperation(host, operation);
  return applyOperation(host, operation, { previewed: preview.state });
}

describe("storing column roles in Excel", () => {
  it("makes the Columns table on a new Lists sheet, then rewrites the role in place, and each read honours it", async () => {
    installFakeOffice(FakeExcel.fromSnapshot(plan));
    expect((await store("ignore")).report).not.toBeNull();
    let snapshot = await createExcelHost().readSnapshot();
    expect(readStoredColumns(snapshot)).toEqual([
      { sheet: "Plan 2024-25", table: "", header: "Notes", role: "ignore" },
    ]);
    expect(readPlan(snapshot).actions.map((a) => a.update)).toEqual(["", ""]);

    expect((await store("update")).report).not.toBeNull();
    snapshot = await createExcelHost().readSnapshot();
    expect(readStoredColumns(snapshot)).toEqual([
      { sheet: "Plan 2024-25", table: "", header: "Notes", role: "update" },
    ]);
    const model = readPlan(snapshot);
    expect(model.actions.map((a) => a.update)).toEqual(["Patrols started in May", "Budget not agreed"]);
    const notes = columnReview(snapshot, model)[0]?.columns.find((c) => c.header === "Notes");
    expect([notes?.role, notes?.certainty]).toEqual(["update", "confirmed"]);
  });
});
