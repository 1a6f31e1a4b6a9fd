import { readFileSync } from "node:fs";
import path from "node:path";
import { readPlan } from "../../src/core/reading/read-plan";
import { SCHEMA_FIRST_LINE, summaryCountsOperation, summaryOperation } from "../../src/operations/summary";
import { applyOperation, previewOperation } from "../../src/operations/run-operation";
import { nodeCodec } from "../../src/xlsx/node-files";
import { createPackageHost } from "../../src/xlsx/package-host";
import { snapshotFromPackage } from "../../src/xlsx/package-snapshot";
import { readWorkbookBuffer, workbookBytes } from "../support/exceljs/xlsx-file";
import { withSchemaApplied } from "../support/package-pipeline";

const FIXTURE = path.resolve(__dirname, "../../../shared/fixtures/psa-progress-report-2010.xlsx");

async function appliedBytes(): Promise<Uint8Array> {
  return (await withSchemaApplied(readFileSync(FIXTURE))).bytes;
}

function stateOf(bytes: Uint8Array) {
  const snapshot = snapshotFromPackage(bytes);
  return { snapshot, model: readPlan(snapshot) };
}

const sheetNames = (bytes: Uint8Array): string[] => snapshotFromPackage(bytes).sheets.map((s) => s.name);

describe("the summary operation", () => {
  it("plans the schema first on a workbook as the partnership keeps it, and says the summary follows", () => {
    const result = summaryOperation("2012-05-01", "Plan")(stateOf(readFileSync(FIXTURE)));
    expect(result.detail.schemaApplied).toBe(false);
    expect(result.plan?.ops.some((op) => op.kind === "addTable")).toBe(true);
    expect(result.plan?.ops.some((op) => op.kind === "addSheet" && op.sheet === "Summary")).toBe(false);
    expect(result.then?.description).toBe(SCHEMA_FIRST_LINE);
  });

  it("previews the schema's changes ending with the summary line, then applies both in one apply", async () => {
    const host = createPackageHost(readFileSync(FIXTURE), nodeCodec);
    const operation = summaryOperation("2012-05-01", "Plan");
    const preview = await previewOperation(host, operation);
    expect(preview.lines.at(-1)).toBe(SCHEMA_FIRST_LINE);
    expect(sheetNames(host.bytes())).not.toContain("Summary");

    const outcome = await applyOperation(host, operation, { previewed: preview.state });
    expect(outcome.report).not.toBeNull();
    expect(sheetNames(host.bytes())).toEqual(expect.arrayContaining(["Summary", "Lists"]));
    expect(outcome.preview.lines).not.toContain(SCHEMA_FIRST_LINE);
    expect(outcome.preview.lines.some((line) => /Summary/.test(line))).toBe(true);
    // The outcome says the schema came first, and holds the counts of the sheet written after it.
    expect(outcome.preview.detail.schemaApplied).toBe(false);
    const counted = summaryCountsOperation("2012-05-01")(outcome.preview.state).detail;
    expect(outcome.preview.detail.counts?.totals).toEqual(counted.totals);
    expect(outcome.preview.detail.counts?.period).toBe(counted.period);
  });

  it("gives with the Summary sheet's plan the counts the sheet shows, which are the counts' own", async () => {
    const state = stateOf(await appliedBytes());
    const result = summaryOperation("2012-05-01", "Plan")(state);
    const counted = summaryCountsOperation("2012-05-01")(state).detail;
    expect(result.detail.schemaApplied).toBe(true);
    expect(result.detail.counts?.totals).toEqual(counted.totals);
    expect(result.detail.counts?.totals.Total).toBeGreaterThan(0);
    expect(result.plan?.title).toContain(`${counted.totals.Total} actions`);
  });

  it("plans the Summary sheet once the schema is applied", async () => {
    const result = summaryOperation("2012-05-01", "Plan")(stateOf(await appliedBytes()));
    expect(result.problems).toEqual([]);
    expect(result.plan?.ops.some((op) => op.kind === "addSheet" && op.sheet === "Summary")).toBe(true);
  });

  it("says why, instead of throwing, when the Summary sheet is protected", async () => {
    const workbook = await readWorkbookBuffer(await appliedBytes());
    await workbook.addWorksheet("Summary").protect("secret", {});
    const result = summaryOperation("2012-05-01", "Plan")(stateOf(await workbookBytes(workbook)));
    expect(result.plan).toBeNull();
    expect(result.problems).toEqual([
      expect.objectContaining({ sheet: "Summary", rule: "summary/not-possible", severity: "error" }),
    ]);
    expect(result.problems[0]?.message).toMatch(/protected/);
  });

  it("stops before writing anything, schema included, when no table covers the period asked for", async () => {
    const host = createPackageHost(readFileSync(FIXTURE), nodeCodec);
    const before = host.bytes();
    const outcome = await applyOperation(host, summaryOperation("2012-05-01", "Plan", "1999-00"));
    expect(outcome.report).toBeNull();
    expect(outcome.preview.plan).toBeNull();
    expect(outcome.preview.problems).toEqual([
      expect.objectContaining({ rule: "summary/unknown-period", severity: "error" }),
    ]);
    expect(host.bytes()).toBe(before);
  });

  it("gives the counts the same problem for a period no table covers, and none for 'all'", async () => {
    const state = stateOf(await appliedBytes());
    expect(summaryCountsOperation("2012-05-01", "1999-00")(state).problems.map((p) => p.rule)).toEqual([
      "summary/unknown-period",
    ]);
    expect(summaryCountsOperation("2012-05-01", "all")(state).problems).toEqual([]);
  });
});
