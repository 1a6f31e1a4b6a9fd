import path from "node:path";
import { planApplySchema } from "../../src/core/apply-schema";
import { readPlan } from "../../src/core/read-plan";
import { applyWritePlanToWorkbook } from "../../src/xlsx/apply-write-plan";
import { readWorkbookFile } from "../../src/xlsx/xlsx-file";
import { snapshotFromWorkbook } from "../../src/xlsx/xlsx-snapshot";
import { summaryOperation } from "../../src/operations/operations";

const FIXTURE = path.resolve(__dirname, "../../../shared/fixtures/psa-progress-report-2010.xlsx");

async function appliedWorkbook() {
  const workbook = await readWorkbookFile(FIXTURE);
  const snapshot = snapshotFromWorkbook(workbook);
  applyWritePlanToWorkbook(workbook, planApplySchema(snapshot, readPlan(snapshot)).plan);
  return workbook;
}

function stateOf(workbook: Awaited<ReturnType<typeof appliedWorkbook>>) {
  const snapshot = snapshotFromWorkbook(workbook);
  return { snapshot, model: readPlan(snapshot) };
}

describe("the Summary pane's operation", () => {
  it("asks for the schema first on a workbook as the partnership keeps it", async () => {
    const workbook = await readWorkbookFile(FIXTURE);
    const result = summaryOperation("2012-05-01", "Plan")(stateOf(workbook));
    expect(result.plan).toBeNull();
    expect(result.detail.schemaApplied).toBe(false);
  });

  it("plans the Summary sheet once the schema is applied", async () => {
    const result = summaryOperation("2012-05-01", "Plan")(stateOf(await appliedWorkbook()));
    expect(result.problems).toEqual([]);
    expect(result.plan?.ops.some((op) => op.kind === "addSheet" && op.sheet === "Summary")).toBe(true);
  });

  it("says why, instead of throwing, when the Summary sheet is protected", async () => {
    const workbook = await appliedWorkbook();
    await workbook.addWorksheet("Summary").protect("secret", {});
    const result = summaryOperation("2012-05-01", "Plan")(stateOf(workbook));
    expect(result.plan).toBeNull();
    expect(result.problems).toEqual([
      expect.objectContaining({ sheet: "Summary", rule: "summary/not-possible", severity: "error" }),
    ]);
    expect(result.problems[0]?.message).toMatch(/protected/);
  });
});
