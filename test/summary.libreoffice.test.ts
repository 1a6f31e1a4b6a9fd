/**
 * LibreOffice, recalculating the Summary sheet from scratch, gets the numbers we cached: so the live
 * formulas count what the add-in counts, and a file shows the right numbers before any recalculation.
 */
import { writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { readPlan } from "../src/core/reading/read-plan";
import { SUMMARY_SHEET } from "../src/core/basics/reserved-names";
import { readWorkbookFile, writeWorkbookFile } from "./support/exceljs/xlsx-file";
import { snapshotFromWorkbook } from "./support/exceljs/xlsx-snapshot";
import { snapshotFromPackage } from "../src/xlsx/package-snapshot";
import {
  recalculateWithLibreOffice,
  recalculatingProfile,
  requireLibreOffice,
} from "./support/libreoffice-recalc";
import {
  FIXTURES,
  type FormulaCell,
  buildSummary,
  formulaCells,
  readCountSection,
  shownValue,
} from "./support/summary-workbook";
import { type PlanSummary, summarisePlan } from "../src/core/planning/summary";
import { ALL_PERIODS } from "../src/core/reading/table-periods";

const FIXTURE_DIR = path.resolve(__dirname, "../../shared/fixtures");
const TODAY = "2012-04-01";
const CORRUPT = 999;

interface Built {
  readonly name: string;
  readonly file: string;
  readonly formulas: FormulaCell[];
}

async function summaryWorksheet(file: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const ws = workbook.getWorksheet(SUMMARY_SHEET);
  if (!ws) throw new Error(`${file} has no Summary sheet`);
  return ws;
}

/** The fixture with its summary built, and (refreshed) again after a lead changed two statuses. */
async function buildFile(dir: string, name: string, refreshed: boolean): Promise<Built> {
  let { workbook, bytes } = await buildSummary(
    await readWorkbookFile(path.join(FIXTURE_DIR, `${name}.xlsx`)),
    TODAY,
  );
  if (refreshed) {
    const model = readPlan(snapshotFromWorkbook(workbook));
    const [first, second] = model.actions;
    const table = model.tables.find((t) => t.id === first?.tableId);
    const statusColumn = table?.columns.find((c) => c.role === "status")?.column;
    const ws = table && workbook.getWorksheet(table.sheet);
    if (!first || !second || statusColumn === undefined || !ws)
      throw new Error(`${name}: no status to change`);
    ws.getCell(first.row + 1, statusColumn + 1).value = "Red";
    ws.getCell(second.row + 1, statusColumn + 1).value = "Complete";
    ({ workbook, bytes } = await buildSummary(workbook, TODAY));
  }
  const file = path.join(dir, `${name}${refreshed ? "-refreshed" : ""}.xlsx`);
  writeFileSync(file, bytes);
  return { name, file, formulas: formulaCells(await summaryWorksheet(file)) };
}

/** A copy whose first count formula caches a wrong number: only a real recalculation puts it right. */
async function corruptedCopy(
  dir: string,
  built: Built,
): Promise<{ file: string; address: string; right: unknown }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(built.file);
  const target = built.formulas.find((f) => /COUNTIFS|SUMPRODUCT/.test(f.formula));
  if (!target) throw new Error("no count formula");
  const cell = workbook.getWorksheet(SUMMARY_SHEET)?.getCell(target.address);
  if (!cell) throw new Error("no Summary sheet");
  cell.value = { formula: target.formula, result: CORRUPT };
  const file = path.join(dir, `${built.name}-corrupted.xlsx`);
  await writeWorkbookFile(workbook, file);
  return { file, address: target.address, right: target.result };
}

/** A plan whose lead register has 60 codes: more than Excel's 64 levels allowed a SUBSTITUTE per code. */
async function manyCodesFile(dir: string): Promise<Built> {
  const workbook = new ExcelJS.Workbook();
  const codes = Array.from({ length: 60 }, (_, i) => `K${String(i + 1).padStart(2, "0")}`);
  const leads = workbook.addWorksheet("Leads");
  leads.addRow(["Code", "Name"]);
  codes.forEach((c, i) => leads.addRow([c, `Officer ${i + 1}`]));
  const plan = workbook.addWorksheet("Plan 2012-13");
  plan.addRow(["Ref", "Action", "Lead", "Status"]);
  const statuses = ["Red", "Amber", "Green", "Complete", "Not started"];
  for (let i = 0; i < 40; i++) {
    const lead =
      i % 5 === 0 ? `${codes[i]} & ${codes[59 - i]}` : i % 7 === 0 ? "Someone else" : (codes[i] ?? "");
    plan.addRow([String(i + 1), `Action ${i + 1}`, lead, statuses[i % statuses.length]]);
  }
  const { bytes } = await buildSummary(workbook, TODAY);
  const file = path.join(dir, "sixty-codes.xlsx");
  writeFileSync(file, bytes);
  return { name: "sixty-codes", file, formulas: formulaCells(await summaryWorksheet(file)) };
}

/**
 * Two years' plans holding the same themes written with each year ("ASB 2011-12", "ASB 2012/13"), a
 * blank theme, and a theme kept as the sheet's name ("Alcohol 2011-12", "Alcohol 2012-13"): summarised
 * whole, each theme is one row counted by formulas over every spelling.
 */
async function twoYearsFile(dir: string): Promise<Built & { json: PlanSummary }> {
  const workbook = new ExcelJS.Workbook();
  const header = ["Ref", "Action", "Theme", "Lead", "Update", "Status"];
  const statuses = ["Red", "Amber", "Green", "Complete", "Not started", ""];
  const years: Array<[string, string[]]> = [
    ["2011-12", ["ASB 2011-12", "Drugs 2011-12", "asb 2011-12", "Violence (2011-12)", ""]],
    ["2012-13", ["ASB 2012/13", "Drugs 2012-13", "Violence (2012-13)", "Burglary", ""]],
  ];
  for (const [year, themes] of years) {
    const ws = workbook.addWorksheet(year);
    ws.addRow(header);
    for (let i = 0; i < 24; i++) {
      const theme = themes[i % themes.length] ?? "";
      ws.addRow([
        `${i + 1}`,
        `Action ${year} ${i + 1}`,
        theme,
        i % 3 ? "Police" : "Council",
        "",
        statuses[i % 6],
      ]);
    }
    const alcohol = workbook.addWorksheet(`Alcohol ${year}`);
    alcohol.addRow(["Ref", "Action", "Lead", "Update", "Status"]);
    for (let i = 0; i < 5; i++)
      alcohol.addRow([`${i + 1}`, `Pubwatch ${i + 1}`, "Police", "", statuses[(i + 2) % 6]]);
  }
  const { bytes } = await buildSummary(workbook, TODAY);
  const json = summarisePlan(readPlan(snapshotFromPackage(bytes)), TODAY, ALL_PERIODS);
  const file = path.join(dir, "two-years.xlsx");
  writeFileSync(file, bytes);
  return { name: "two-years", file, formulas: formulaCells(await summaryWorksheet(file)), json };
}

const soffice = requireLibreOffice();

(soffice ? describe : describe.skip)("the Summary sheet recalculated by LibreOffice", () => {
  let built: Built[] = [];
  let recalculated = new Map<string, string>();
  let corrupted: { file: string; address: string; right: unknown } | null = null;
  let twoYears: (Built & { json: PlanSummary }) | null = null;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "summary-lo-"));
    built = [
      ...(await Promise.all(FIXTURES.map((f) => buildFile(dir, f, false)))),
      await buildFile(dir, "strategic-assessment-action-plan-2009", true),
      await manyCodesFile(dir),
      (twoYears = await twoYearsFile(dir)),
    ];
    corrupted = await corruptedCopy(dir, built[built.length - 1] as Built);
    const inputs = [...built.map((b) => b.file), corrupted.file];
    const outputs = await recalculateWithLibreOffice(
      soffice as string,
      await recalculatingProfile(),
      inputs,
      path.join(dir, "recalculated"),
    );
    recalculated = new Map(inputs.map((f, i) => [f, outputs[i] as string]));
  }, 600_000);

  it("recalculates for real: a wrong cached number comes back right", async () => {
    if (!corrupted) throw new Error("no corrupted copy");
    const ws = await summaryWorksheet(recalculated.get(corrupted.file) as string);
    expect(shownValue(ws.getCell(corrupted.address))).toBe(corrupted.right);
    expect(corrupted.right).not.toBe(CORRUPT);
  });

  it.each([...FIXTURES, "strategic-assessment-action-plan-2009-refreshed", "sixty-codes", "two-years"])(
    "gets every cached count of %s's summary",
    async (label) => {
      const b = built.find((x) => path.basename(x.file, ".xlsx") === label);
      if (!b) throw new Error(`not built: ${label}`);
      const ws = await summaryWorksheet(recalculated.get(b.file) as string);
      expect(b.formulas.length).toBeGreaterThan(20);
      const mismatches = b.formulas
        .map((f) => ({
          address: f.address,
          cached: f.result,
          libreOffice: shownValue(ws.getCell(f.address)),
        }))
        .filter((m) => m.libreOffice !== m.cached);
      expect(mismatches).toEqual([]);
    },
  );

  it("recalculates one row per theme across two years, each the count summary --json gives", async () => {
    if (!twoYears) throw new Error("not built: two-years");
    const ws = await summaryWorksheet(recalculated.get(twoYears.file) as string);
    const rows = readCountSection(ws, "Status by theme");
    const expected = twoYears.json.byTheme.map((t) => [
      t.theme,
      [t.Red, t.Amber, t.Green, t.Complete, t["Not started"], t["No status"], t.Total],
    ]);
    expect(expected.map(([theme]) => theme)).toEqual([
      "ASB",
      "Drugs",
      "Violence",
      "2011-12",
      "Alcohol",
      "Burglary",
      "2012-13",
    ]);
    expect([...rows.entries()].filter(([label]) => label !== "All actions")).toEqual(expected);
    // Live formulas, not a snapshot: the ASB row counts both years' spellings.
    const asb = twoYears.formulas.filter((f) => f.formula.includes('"=ASB 2011-12"'));
    expect(asb.length).toBeGreaterThanOrEqual(6);
    expect(asb.every((f) => f.formula.includes('"=ASB 2012/13"'))).toBe(true);
  });

  it("counts a register of 60 codes by lead with live formulas, not a snapshot", () => {
    const b = built.find((x) => x.name === "sixty-codes");
    const leadFormulas = b?.formulas.filter((f) => f.formula.includes("MMULT")) ?? [];
    // 60 codes used, each with 6 status columns and a Total.
    expect(leadFormulas.length).toBeGreaterThanOrEqual(40 * 6);
  });
});
