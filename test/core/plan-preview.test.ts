import path from "node:path";
import { planApplySchema } from "../../src/core/planning/apply-schema";
import { planHeadline, previewOfPlan } from "../../src/core/basics/describe-write-plan";
import { readPlan } from "../../src/core/reading/read-plan";
import type { WritePlan } from "../../src/core/basics/write-plan";
import { undoNote } from "../../src/core/basics/workbook-host";
import { readWorkbookFile } from "../support/exceljs/xlsx-file";
import { snapshotFromWorkbook } from "../support/exceljs/xlsx-snapshot";
import { sheet, workbook } from "../support/snapshot-builder";
import { buildSummary } from "../support/summary-workbook";

const FIXTURES = path.resolve(__dirname, "../../../shared/fixtures");

describe("a preview a person reads", () => {
  it("opens apply schema with one sentence of what will happen, then the changes sheet by sheet", async () => {
    const snapshot = snapshotFromWorkbook(
      await readWorkbookFile(path.join(FIXTURES, "community-safety-plan-2011-12.xlsx")),
    );
    const preview = previewOfPlan(planApplySchema(snapshot, readPlan(snapshot)).plan);
    expect(preview.headline).toBe(
      "Turns 6 tables into Excel tables with status and lead dropdowns and colours, adds the sheet 'Lists'",
    );
    expect(preview.sections.map((s) => s.sheet)).toEqual([
      "Lists",
      "1 ASB",
      "2 Alcohol",
      "3 Violence",
      "4 Drugs",
      "5 Criminal Damage",
      "6 Emerging Issues",
      null,
    ]);
    expect(preview.sections[1]?.lines).toContain(
      "Make A10:E18 on '1 ASB' an Excel table named Actions_1_ASB",
    );
  });

  it("counts statuses that were only fill colours in the headline", () => {
    const snapshot = workbook(
      sheet("Plan", [
        ["Ref", "Action", "Lead", "Update", "Status"],
        ["1", "a", "Police", "ok", { value: null, fill: "#FF0000" }],
        ["2", "b", "Police", "ok", { value: null, fill: "#00B050" }],
        ["3", "c", "Police", "ok", "r"],
      ]),
    );
    const headline = planHeadline(planApplySchema(snapshot, readPlan(snapshot)).plan);
    expect(headline).toContain("writes 2 statuses that were only colours as words");
    expect(headline).toContain("tidies 1 typed status");
  });

  it("says what the summary builds instead of listing each formatted cell", async () => {
    const book = await readWorkbookFile(path.join(FIXTURES, "strategic-assessment-action-plan-2009.xlsx"));
    const { plan }: { plan: WritePlan } = await buildSummary(book, "2026-11-30");
    const preview = previewOfPlan(plan);
    expect(preview.headline).toMatch(/^Adds the sheet 'Summary'.*sets it up for printing/);
    const summaryLines = preview.sections.find((s) => s.sheet === "Summary")?.lines ?? [];
    const formatLines = summaryLines.filter((l) => l.startsWith("Format "));
    expect(formatLines).toHaveLength(1);
    expect(formatLines[0]).toMatch(/^Format \d+ ranges on 'Summary'/);
  });
});

describe("what undo covers", () => {
  it("says one Undo takes back a grouped change, and to keep a version where Excel cannot group it", () => {
    expect(undoNote("grouped")).toMatch(/^One Undo \(Ctrl\+Z\) takes back the whole change/);
    expect(undoNote("none")).toMatch(/keep a version first/);
    expect(undoNote("copy")).toMatch(/your file is unchanged until you download it/);
  });
});
