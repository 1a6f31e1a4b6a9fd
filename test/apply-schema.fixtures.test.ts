import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { planApplySchema } from "../src/core/planning/apply-schema";
import { readPlan } from "../src/core/reading/read-plan";
import { snapshotFromPackage } from "../src/xlsx/package-snapshot";
import { readWorkbookFile } from "./support/exceljs/xlsx-file";
import { snapshotFromWorkbook } from "./support/exceljs/xlsx-snapshot";
import { bytesAfter, withSchemaApplied } from "./support/package-pipeline";
import type { PlanModel } from "../src/core/basics/plan-model";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");
const names = readdirSync(FIXTURES).filter((f) => f.endsWith(".xlsx"));

const essentials = (model: PlanModel): unknown[] =>
  model.actions.map((a) => ({
    sheet: a.sheet,
    ref: a.ref,
    action: a.action,
    lead: a.lead,
    update: a.update,
    status: a.status,
    due: a.due,
    theme: a.theme,
  }));

function everyCell(wb: ExcelJS.Workbook): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        out[`${ws.name}!${cell.address}`] = cell.value;
      });
    });
  });
  return out;
}

/** Applies the schema with the package writer, as the CLI does; the tests read the file back with ExcelJS. */
async function applySchemaToFile(input: string, output: string): Promise<PlanModel> {
  const { bytes, model } = await withSchemaApplied(readFileSync(input));
  writeFileSync(output, bytes);
  return model;
}

describe.each(names)("apply schema to %s", (name) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "apply-schema-"));
  const output = path.join(dir, name);
  let before: PlanModel;

  beforeAll(async () => {
    before = await applySchemaToFile(path.join(FIXTURES, name), output);
  });

  it("reads back the same actions with the same refs, text, leads, updates, statuses, dates and themes", async () => {
    const after = readPlan(snapshotFromWorkbook(await readWorkbookFile(output)));
    expect(essentials(after)).toEqual(essentials(before));
    expect(after.themes).toEqual(before.themes);
  });

  it("makes every action table an Excel table with validation and conditional formats", async () => {
    const wb = await readWorkbookFile(output);
    const after = readPlan(snapshotFromWorkbook(wb));
    expect(after.tables.length).toBe(before.tables.length);
    for (const table of after.tables) {
      expect(table.listObjectName).toMatch(/^Actions_/);
      const roles = table.columns.map((c) => c.role);
      expect(roles).toEqual(expect.arrayContaining(["action", "lead", "update", "status"]));
      const ws = wb.getWorksheet(table.sheet) as unknown as {
        dataValidations: { model: Record<string, { formulae: string[] } | undefined> };
        conditionalFormattings: Array<{ ref: string }>;
      };
      const formulae = new Set(Object.values(ws.dataValidations.model).map((v) => v?.formulae[0]));
      expect(formulae).toEqual(new Set(["StatusList", "LeadCodes"]));
      expect(ws.conditionalFormattings.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("adds a visible Lists sheet with the Leads, Statuses and Themes tables and their names", async () => {
    const wb = await readWorkbookFile(output);
    const lists = wb.getWorksheet("Lists");
    expect(lists?.state).toBe("visible");
    expect((lists?.getTables() ?? []).map((t) => (t as unknown as { name: string }).name).sort()).toEqual([
      "Leads",
      "Statuses",
      "Themes",
    ]);
    // Written as Excel writes them, so Excel grows each name with its table as rows are typed below it.
    const workbookXml = await (
      await JSZip.loadAsync(readFileSync(output))
    )
      .file("xl/workbook.xml")
      ?.async("string");
    expect(workbookXml).toContain('<definedName name="LeadCodes" comment=');
    expect(
      workbookXml
        ?.match(/<definedName [^>]*>[^<]*<\/definedName>/g)
        ?.map((e) => e.replace(/ comment="[^"]*"/, "")),
    ).toEqual([
      '<definedName name="LeadCodes">Leads[Code]</definedName>',
      '<definedName name="StatusList">Statuses[Status]</definedName>',
      '<definedName name="ThemeList">Themes[Theme]</definedName>',
    ]);
    expect(snapshotFromWorkbook(wb).names).toEqual([
      { name: "LeadCodes", formula: "=Leads[Code]" },
      { name: "StatusList", formula: "=Statuses[Status]" },
      { name: "ThemeList", formula: "=Themes[Theme]" },
    ]);
    const statuses = [5, 6, 7, 8, 9].map((r) => lists?.getCell(r, 5).value);
    expect(statuses).toEqual(["Red", "Amber", "Green", "Complete", "Not started"]);
  });

  it("changes no cell when applied a second time", async () => {
    const cells = everyCell(await readWorkbookFile(output));
    const snapshot = snapshotFromPackage(readFileSync(output));
    const again = planApplySchema(snapshot, readPlan(snapshot));
    expect(again.alreadyApplied).toBe(true);
    expect(again.plan.ops).toEqual([]);
    const second = path.join(dir, `again-${name}`);
    writeFileSync(second, await bytesAfter(readFileSync(output), again.plan));
    expect(everyCell(await readWorkbookFile(second))).toEqual(cells);
  });
});

describe("apply schema to the 2009 plan, where statuses were fill colours", () => {
  it("writes each fill as its word, and closes the blank and repeated header rows", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "apply-schema-"));
    const output = path.join(dir, "out.xlsx");
    await applySchemaToFile(path.join(FIXTURES, "strategic-assessment-action-plan-2009.xlsx"), output);
    const ws = (await readWorkbookFile(output)).getWorksheet("Action Plan 2009");
    expect(ws?.getCell("E8").value).toBe("Complete");
    expect(ws?.getCell("E14").value).toBe("Red");
    expect(["A7", "B7"].map((a) => ws?.getCell(a).value)).toEqual(["Ref", "Action"]);
    expect(ws?.getCell("A16").value).toBe("9");
    expect(ws?.getCell("A24").value).toBe("11.6");
    expect(ws?.getCell("A25").value).toBeNull();
    expect(ws?.getCell("B31").value).toBe("Complete");
  });
});
