import path from "node:path";
import { planApplySchema } from "../../src/core/apply-schema";
import { readPlan } from "../../src/core/read-plan";
import { applyWritePlanToWorkbook } from "../support/exceljs/apply-write-plan";
import { readWorkbookFile } from "../support/exceljs/xlsx-file";
import { snapshotFromWorkbook } from "../support/exceljs/xlsx-snapshot";
import { SCHEMA_FIRST_LINE, summaryOperation } from "../../src/operations/summary";
import { applyOperation, previewOperation } from "../../src/operations/run-operation";
import { createXlsxHost } from "../support/exceljs/xlsx-host";

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

describe("the summary operation", () => {
  it("plans the schema first on a workbook as the partnership keeps it, and says the summary follows", async () => {
    const workbook = await readWorkbookFile(FIXTURE);
    const result = summaryOperation("2012-05-01", "Plan")(stateOf(workbook));
    expect(result.detail.schemaApplied).toBe(false);
    expect(result.plan?.ops.some((op) => op.kind === "addTable")).toBe(true);
    expect(result.plan?.ops.some((op) => op.kind === "addSheet" && op.sheet === "Summary")).toBe(false);
    expect(result.then?.description).toBe(SCHEMA_FIRST_LINE);
  });

  it("previews the schema's changes ending with the summary line, then applies both in one apply", async () => {
    const workbook = await readWorkbookFile(FIXTURE);
    const host = createXlsxHost(workbook);
    const operation = summaryOperation("2012-05-01", "Plan");
    const preview = await previewOperation(host, operation);
    expect(preview.lines.at(-1)).toBe(SCHEMA_FIRST_LINE);
    expect(workbook.getWorksheet("Summary")).toBeUndefined();

    const outcome = await applyOperation(host, operation, { previewed: preview.state });
    expect(outcome.report).not.toBeNull();
    expect(workbook.getWorksheet("Summary")).toBeDefined();
    expect(workbook.getWorksheet("Lists")).toBeDefined();
    expect(outcome.preview.lines).not.toContain(SCHEMA_FIRST_LINE);
    expect(outcome.preview.lines.some((line) => /Summary/.test(line))).toBe(true);
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
