/**
 * Hostile and awkward workbooks through every operation (issue 7): each workbook is built here with
 * ExcelJS and run read → apply schema → carry-over → summary → a lead's write → re-read, through the
 * file shell (saved and loaded again) and, where it applies, the Excel shell on the fake. Nothing
 * throws, nothing the user typed is lost or turned into a formula, and every problem names its place.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../src/cli/main";
import type { CliIo } from "../src/cli/cli-io";
import { describeWritePlan } from "../src/core/basics/describe-write-plan";
import { planLeadUpdate } from "../src/core/planning/lead-update";
import { MAX_CELL_TEXT_LENGTH } from "../src/core/basics/write-plan";
import type { PlanModel } from "../src/core/basics/plan-model";
import { readPlan } from "../src/core/reading/read-plan";
import type { SheetSnapshot, WorkbookSnapshot } from "../src/core/basics/snapshot";
import { planSummarySheet } from "../src/core/planning/summary";
import { createExcelHost } from "../src/excel/excel-host";
import { BUSY_MESSAGE, HostBusyError, withCellEditRetry } from "../src/excel/host-errors";
import { nodeCodec } from "../src/xlsx/node-files";
import { createPackageHost } from "../src/xlsx/package-host";
import { snapshotFromPackage } from "../src/xlsx/package-snapshot";
import { capture } from "./support/cli-capture";
import { partText, recordedCrc } from "./support/package-parts";
import { rawWorkbook, rowXml } from "./support/raw-workbook";
import { fillReturn } from "./support/return-workbooks";
import { readWorkbookBuffer, workbookBytes } from "./support/exceljs/xlsx-file";
import { snapshotFromWorkbook } from "./support/exceljs/xlsx-snapshot";
import { FakeExcel, installFakeOffice, uninstallFakeOffice } from "./fakes/fake-excel";
import {
  SUMMARY,
  TODAY,
  lostValues,
  newFormulas,
  ownedValues,
  problemsWithoutPlace,
  runFileShell,
  runPipeline,
  type PipelineOptions,
  type PipelineRun,
} from "./support/hostile-pipeline";
import { type PackageToValidate, packageProblems } from "./support/ooxml-validate";

type Row = ReadonlyArray<ExcelJS.CellValue>;
const HEADER: Row = ["Ref", "Action", "Lead", "Update", "Status", "Due"];

/** A plan sheet as partnerships keep it: a title in A1, the header in row 3, actions below. */
function addPlanSheet(
  wb: ExcelJS.Workbook,
  name: string,
  rows: readonly Row[],
  header: Row = HEADER,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.getCell(1, 1).value = `${name}: action plan`;
  [header, ...rows].forEach((row, r) =>
    row.forEach((value, c) => {
      if (value !== null && value !== undefined) ws.getCell(3 + r, 1 + c).value = value;
    }),
  );
  return ws;
}

function sheetOf(snapshot: WorkbookSnapshot, name: string): SheetSnapshot {
  const s = snapshot.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet '${name}' in ${snapshot.sheets.map((x) => x.name).join(", ")}`);
  return s;
}

function cellsOf(snapshot: WorkbookSnapshot, name: string) {
  return sheetOf(snapshot, name).cells.flatMap((row) => row.filter((c) => c !== null));
}

function actionsOn(model: PlanModel, sheet: string) {
  return model.actions.filter((a) => a.sheet === sheet);
}

/**
 * Sheet references in a formula that Excel would misread: a quoted name that is no sheet (an
 * apostrophe not doubled), or a name left unquoted that needs quotes or is no sheet.
 */
function badSheetReferences(formula: string, sheets: readonly string[]): string[] {
  const bad: string[] = [];
  const withoutStrings = formula.replace(/"(?:[^"]|"")*"/g, '""');
  for (const m of withoutStrings.matchAll(/'((?:[^']|'')+)'!|([^\s'!(),=&*+\-/<>:;{}"]+)!/g)) {
    if (m[1] !== undefined) {
      if (!sheets.includes(m[1].replace(/''/g, "'"))) bad.push(m[0]);
    } else if (m[2] !== undefined) {
      if (!sheets.includes(m[2]) || !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(m[2])) bad.push(m[0]);
    }
  }
  return bad;
}

/** The checks every run must pass. */
function expectSound(
  run: PipelineRun,
  replaced: ReadonlyArray<{ sheet: string; value: unknown }> = [],
): void {
  expect(lostValues(run, [...ownedValues(run), ...replaced])).toEqual([]);
  expect(newFormulas(run)).toEqual([]);
  expect(problemsWithoutPlace(run)).toEqual([]);
}

/** The same workbook through the Excel shell on the fake. */
async function runExcelShell(wb: ExcelJS.Workbook, options: PipelineOptions = {}) {
  const fake = FakeExcel.fromSnapshot(snapshotFromWorkbook(wb));
  installFakeOffice(fake);
  const run = await runPipeline(createExcelHost(), options);
  return { run, fake };
}

let errors: jest.SpyInstance;
beforeEach(() => {
  errors = jest.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => {
  expect(errors).not.toHaveBeenCalled();
  jest.restoreAllMocks();
  uninstallFakeOffice();
});

describe("the checks themselves", () => {
  it("catch a value lost and text turned into a formula", () => {
    const cell = (value: string | null, formula: string | null = null) => ({
      value,
      text: value ?? "",
      numberFormat: "General",
      fill: null,
      formula,
    });
    const snap = (cells: ReturnType<typeof cell>[]): WorkbookSnapshot => ({
      sheets: [
        {
          name: "Plan",
          visibility: "visible",
          isProtected: false,
          cells: [cells],
          merges: [],
          hiddenRows: [],
          hiddenColumns: [],
          tables: [],
        },
      ],
      names: [],
    });
    const before = snap([cell("=SUM(1)"), cell("kept"), cell("x".repeat(10))]);
    const after = snap([cell(null, "=SUM(1)"), cell("kept"), cell("x".repeat(9))]);
    expect(lostValues({ before, after })).toHaveLength(2);
    expect(newFormulas({ before, after })).toEqual(["'Plan': =SUM(1)"]);
  });
});

/** Every package the package writer wrote for the hostile workbooks, validated at the end of the file. */
const writtenByPackageWriter: PackageToValidate[] = [];

async function runFileShellKeepingPackages(wb: ExcelJS.Workbook, options?: PipelineOptions) {
  const result = await runFileShell(wb, options);
  result.packages.forEach((bytes, i) =>
    writtenByPackageWriter.push({ label: `hostile workbook ${writtenByPackageWriter.length}.${i}`, bytes }),
  );
  return result;
}

const SHELLS = [
  ["file shell (package writer, as the CLI)", runFileShellKeepingPackages],
  ["Excel shell", async (wb: ExcelJS.Workbook, o?: PipelineOptions) => (await runExcelShell(wb, o)).run],
] as const;

describe.each(SHELLS)("hostile workbooks through the %s", (_shell, run) => {
  it("keeps text beginning with =, +, - and @ as text in every operation, the lead's write included", async () => {
    const wb = new ExcelJS.Workbook();
    addPlanSheet(wb, "2023-24", [
      ["1", "=SUM(1)", "@police", "-5 burglaries on last year", "Amber"],
      ["2", "+ more patrols", "-CS", '=HYPERLINK("http://example.org")', "Green"],
      ["3", "@mention the board", "MW", "+1 on target", "Red"],
    ]);
    const result = await run(wb, {
      lead: (m) => {
        const a = m.actions.find((x) => x.ref === "2" && x.sheet === "2023-24");
        return a
          ? { sheet: a.sheet, ref: "2", action: a.action, update: "=cmd|' /C calc'!A0", status: "Red" }
          : null;
      },
    });
    expectSound(result);
    expect(result.lead?.problems).toEqual([]);
    const carried = cellsOf(result.after, "Carried");
    for (const t of ["=SUM(1)", "+ more patrols", "@mention the board", "@police", "-CS", "+1 on target"]) {
      expect(carried).toContainEqual(expect.objectContaining({ value: t, formula: null }));
    }
    const row2 = actionsOn(result.afterModel, "2023-24").find((a) => a.ref === "2");
    expect(row2).toMatchObject({ update: "=cmd|' /C calc'!A0", status: "Red" });
    expect(cellsOf(result.after, "2023-24")).toContainEqual(
      expect.objectContaining({ value: "=cmd|' /C calc'!A0", formula: null }),
    );
  });

  it("keeps emoji, Arabic, Chinese and Polish text whole, in sheet names too", async () => {
    const wb = new ExcelJS.Workbook();
    const texts = ["تحسين السلامة المجتمعية", "社区安全行动计划", "Zażółć gęślą jaźń", "👮‍♀️🚓 patrols 🧑🏽‍🤝‍🧑🏻"];
    addPlanSheet(wb, "Bezpieczeństwo 2023-24", [
      ["1", texts[0], "Łódź Police & ŻK", texts[1], "Red"],
      ["2", texts[3], "社区", texts[2], "Amber"],
    ]);
    const result = await run(wb, { carryTo: null });
    expectSound(result);
    expect(result.carry?.targetSheet).toBe("Bezpieczeństwo 2024-25");
    const carried = cellsOf(result.after, "Bezpieczeństwo 2024-25").map((c) => c.value);
    expect(carried).toEqual(
      expect.arrayContaining([texts[0], texts[3], "Łódź Police & ŻK", "社区", texts[1]]),
    );
    const summary = cellsOf(result.after, SUMMARY).map((c) => c.value);
    expect(summary).toEqual(expect.arrayContaining([texts[0], texts[3]]));
  });

  it("reports error values in action, lead and status cells by sheet and cell, and keeps them", async () => {
    const wb = new ExcelJS.Workbook();
    addPlanSheet(wb, "2023-24", [
      ["1", { error: "#REF!" }, "MW", "", "Green"],
      ["2", "Patrol the park", { error: "#N/A" }, "late", "Amber"],
      ["3", "Meet the school", "CS", "", { error: "#N/A" }],
    ]);
    const result = await run(wb);
    expectSound(result);
    const errorCells = result.problems.filter((p) => p.rule === "cell/error-value").map((p) => p.cell);
    expect(errorCells).toEqual(expect.arrayContaining(["B4", "C5", "E6"]));
    const after = cellsOf(result.after, "2023-24").filter((c) => c.isError);
    expect(after.map((c) => c.value).sort()).toEqual(["#N/A", "#N/A", "#REF!"]);
  });

  it("keeps formulas in ref and lead cells as formulas, and carries their values as text", async () => {
    const wb = new ExcelJS.Workbook();
    addPlanSheet(wb, "2023-24", [
      [{ formula: "1+1", result: 2 }, "Patrol the park", { formula: '"M"&"W"', result: "MW" }, "", "Green"],
      ["3", "Meet the school", "CS", "", "Not started"],
    ]);
    const result = await run(wb);
    expectSound(result);
    const formulas = cellsOf(result.after, "2023-24").filter((c) => c.formula !== null);
    expect(formulas.map((c) => c.formula).sort()).toEqual(['="M"&"W"', "=1+1"].sort());
    const carried = cellsOf(result.after, "Carried");
    expect(carried).toContainEqual(expect.objectContaining({ value: "MW", formula: null }));
    expect(carried).toContainEqual(expect.objectContaining({ value: "2", formula: null }));
    // The lead found the row by the formula's displayed ref.
    expect(result.leadEdit?.ref).toBe("2");
    expect(result.lead?.problems).toEqual([]);
  });

  it("unmerges cells inside a table and keeps every merged value", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = addPlanSheet(
      wb,
      "2023-24",
      [
        ["1", "Patrol the park", "MW", "Shared update for both", "Amber"],
        ["2", "Meet the school", "CS", null, "Amber"],
        ["3", "Write the report", "MW", "done", "Complete"],
      ],
      ["ACTION", null, "Lead", "Update", "Status", "Due"],
    );
    ws.mergeCells("A3:B3");
    ws.mergeCells("D4:D5");
    const result = await run(wb);
    // A header merged over two columns gives way to one header per column, as the preview says.
    expect(describeWritePlan(result.schema.plan)).toContain("Header A3 on '2023-24': 'ACTION' → 'Ref'");
    expectSound(result, [{ sheet: "2023-24", value: "ACTION" }]);
    const after = sheetOf(result.after, "2023-24");
    expect(after.merges).toEqual([]);
    expect(after.tables).toHaveLength(1);
    expect(actionsOn(result.afterModel, "2023-24").map((a) => a.action)).toEqual([
      "Patrol the park",
      "Meet the school",
      "Write the report",
    ]);
  });

  it("flags duplicate refs with their cells, and refuses a lead's write to an ambiguous ref", async () => {
    const wb = new ExcelJS.Workbook();
    addPlanSheet(wb, "2023-24", [
      ["2", "Patrol the park", "MW", "", "Green"],
      ["2", "Meet the school", "CS", "", "Green"],
    ]);
    const result = await run(wb);
    expectSound(result);
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        rule: "ref/duplicate",
        sheet: "2023-24",
        cell: expect.stringMatching(/^A\d+$/),
      }),
    );
    expect(result.lead?.plan).toBeNull();
    expect(result.lead?.problems).toEqual([
      expect.objectContaining({ rule: "edit/row-ambiguous", sheet: "2023-24", cell: "A4" }),
    ]);
  });

  it("keeps refs 3.1 and 3.10 distinct through every operation, and writes to 3.10's row only", async () => {
    const wb = new ExcelJS.Workbook();
    addPlanSheet(wb, "2023-24", [
      [3.1, "Three point one", "MW", "", "Green"],
      ["3.10", "Three point ten", "CS", "", "Green"],
      ["3.2", "Three point two", "CS", "", "Green"],
    ]);
    const result = await run(wb, {
      lead: (m) => {
        const a = m.actions.find((x) => x.ref === "3.10" && x.sheet === "2023-24");
        return a ? { sheet: a.sheet, ref: "3.10", action: a.action, update: "Ten", status: "Amber" } : null;
      },
    });
    expectSound(result);
    expect(actionsOn(result.afterModel, "2023-24").map((a) => [a.ref, a.update])).toEqual([
      ["3.1", ""],
      ["3.10", "Ten"],
      ["3.2", ""],
    ]);
    expect(actionsOn(result.afterModel, "Carried").map((a) => a.ref)).toEqual(["3.1", "3.10", "3.2"]);
    expect(cellsOf(result.after, "Carried")).toContainEqual(
      expect.objectContaining({ value: "3.10", formula: null }),
    );
  });

  it("leaves a protected sheet untouched, with a problem naming it, and refuses a lead's write there", async () => {
    const wb = new ExcelJS.Workbook();
    addPlanSheet(wb, "Open 2023-24", [["1", "Patrol the park", "MW", "", "Green"]]);
    const locked = addPlanSheet(wb, "Locked 2023-24", [["1", "Meet the school", "CS", "", "Amber"]]);
    await locked.protect("", {});
    const result = await run(wb, {
      carryFrom: "Locked 2023-24",
      lead: (m) => {
        const a = m.actions.find((x) => x.sheet === "Locked 2023-24");
        return a ? { sheet: a.sheet, ref: a.ref, action: a.action, update: "Met", status: "Green" } : null;
      },
    });
    expectSound(result);
    expect(result.schema.problems).toContainEqual(
      expect.objectContaining({
        rule: "write/protected-sheet",
        sheet: "Locked 2023-24",
        message: expect.stringContaining("'Locked 2023-24'"),
      }),
    );
    expect(result.writtenSheets.has("Locked 2023-24")).toBe(false);
    expect(result.lead?.problems).toEqual([
      expect.objectContaining({ rule: "write/protected-sheet", sheet: "Locked 2023-24", cell: "D4" }),
    ]);
    expect(sheetOf(result.after, "Locked 2023-24").cells).toEqual(
      sheetOf(result.before, "Locked 2023-24").cells,
    );
    // The summary needs every table to be an Excel table, so it says which one is not, and why.
    expect(result.summaryBlocker).toContain("'Locked 2023-24'");
    // Carrying from the locked sheet writes only the new sheet.
    expect(actionsOn(result.afterModel, "Carried").map((a) => a.action)).toEqual(["Meet the school"]);
  });

  it("quotes sheet names with apostrophes and of 31 characters wherever a formula names them", async () => {
    const long = "Violence & exploitation 2023-24";
    expect(long).toHaveLength(31);
    const wb = new ExcelJS.Workbook();
    addPlanSheet(wb, "Jo's plan 2022-23", [["1", "Patrol the park", "MW", "slipping", "Amber"]]);
    addPlanSheet(wb, long, [
      ["1", "Meet the school", "CS", "late", "Red"],
      ["2", "Write the report", "MW", "", "Green"],
    ]);
    const result = await run(wb, { carryFrom: long, carryTo: null });
    expectSound(result);
    expect(result.carry?.problems).toEqual([]);
    expect(result.carry?.targetSheet).toBe("Violence & exploitation 2024-25");
    expect(result.summaryBlocker).toBeNull();
    const summary = cellsOf(result.after, SUMMARY);
    expect(summary.some((c) => c.formula?.includes("COUNTIFS"))).toBe(true);
    const formulas = [
      ...result.after.sheets.flatMap((s) => s.cells.flatMap((row) => row.map((c) => c?.formula ?? null))),
      ...result.after.names.map((n) => n.formula),
    ].filter((f): f is string => f !== null);
    const sheets = result.after.sheets.map((s) => s.name);
    expect(formulas.flatMap((f) => badSheetReferences(f, sheets))).toEqual([]);
    expect(summary.map((c) => c.value)).toEqual(expect.arrayContaining(["Jo's plan 2022-23", long]));
  });

  it("copes with an empty workbook: a clear problem, nothing written", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1");
    const result = await run(wb);
    expectSound(result);
    expect(result.schema.problems).toEqual([expect.objectContaining({ rule: "schema/no-table" })]);
    expect(result.schema.plan.ops).toEqual([]);
    expect(result.carry).toBeNull();
    expect(result.summaryBlocker).toMatch(/No action tables/);
    expect(result.lead).toBeNull();
    expect(result.after.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });

  it("reads hidden rows and columns, keeps them hidden, and carries the hidden action", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = addPlanSheet(wb, "2023-24", [
      ["1", "Patrol the park", "MW", "", "Green"],
      ["2", "Hidden action", "CS", "", "Amber"],
      ["3", "Write the report", "MW", "", "Green"],
    ]);
    ws.getRow(5).hidden = true;
    ws.getColumn(6).hidden = true;
    const result = await run(wb);
    expectSound(result);
    const after = sheetOf(result.after, "2023-24");
    expect(after.hiddenRows).toContain(4);
    expect(after.hiddenColumns).toContain(5);
    expect(actionsOn(result.afterModel, "Carried").map((a) => a.action)).toContain("Hidden action");
  });

  it("uses a table the user made already instead of making another", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("2023-24");
    ws.getCell("A1").value = "Our plan";
    ws.addTable({
      name: "OurActions",
      ref: "A3",
      headerRow: true,
      columns: ["Ref", "Action", "Lead", "Update", "Status"].map((name) => ({ name })),
      rows: [
        ["1", "Patrol the park", "MW", "", "green"],
        ["2", "=not a formula", "CS", "", "Amber"],
      ],
    });
    const result = await run(wb);
    expectSound(result);
    expect(sheetOf(result.after, "2023-24").tables.map((t) => t.name)).toEqual(["OurActions"]);
    expect(result.summaryBlocker).toBeNull();
    expect(actionsOn(result.afterModel, "2023-24").map((a) => a.status)).toEqual(["Amber", "Amber"]);
  });
});

describe("hostile workbooks through the file shell only", () => {
  it("saves conditional formats, validations and names whose sheet references Excel can read", async () => {
    const sheets = ["Jo's plan 2022-23", "Violence & exploitation 2023-24"];
    // The checker itself catches what it is for.
    expect(badSheetReferences("=Jo's plan 2022-23!A1", sheets)).not.toEqual([]);
    expect(badSheetReferences("='Jo's plan 2022-23'!A1", sheets)).not.toEqual([]);
    expect(
      badSheetReferences("='Jo''s plan 2022-23'!A1+'Violence & exploitation 2023-24'!B2", sheets),
    ).toEqual([]);
    const wb = new ExcelJS.Workbook();
    for (const name of sheets) addPlanSheet(wb, name, [["1", "Patrol the park", "MW", "late", "Red"]]);
    const result = await runFileShell(wb, { carryFrom: sheets[1], carryTo: null });
    expectSound(result);
    const all = result.saved.worksheets.map((w) => w.name);
    const formulas: string[] = [];
    for (const ws of result.saved.worksheets) {
      // Not in ExcelJS's typings: the rules and validations as loaded from the file.
      const internals = ws as unknown as {
        conditionalFormattings: Array<{ rules: Array<{ formulae?: string[] }> }>;
        dataValidations: { model: Record<string, { formulae?: unknown[] }> };
      };
      for (const cf of internals.conditionalFormattings)
        for (const r of cf.rules) formulas.push(...(r.formulae ?? []));
      for (const v of Object.values(internals.dataValidations.model))
        formulas.push(...(v.formulae ?? []).map(String));
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (c.formula) formulas.push(c.formula);
        }),
      );
    }
    const names = snapshotFromWorkbook(result.saved).names;
    // Structured references, which Excel grows with their tables and which name no sheet at all.
    expect(names).toEqual(
      expect.arrayContaining([
        { name: "LeadCodes", formula: "=Leads[Code]" },
        { name: "StatusList", formula: "=Statuses[Status]" },
        { name: "ThemeList", formula: "=Themes[Theme]" },
      ]),
    );
    formulas.push(...names.map((n) => n.formula));
    expect(formulas.length).toBeGreaterThan(10);
    expect(formulas.flatMap((f) => badSheetReferences(f, all))).toEqual([]);
  });

  it("keeps 32,767 characters whole everywhere, and refuses a lead's write of one more", async () => {
    const action = "a".repeat(MAX_CELL_TEXT_LENGTH);
    const wb = new ExcelJS.Workbook();
    addPlanSheet(wb, "2023-24", [
      ["1", action, "MW", "u".repeat(MAX_CELL_TEXT_LENGTH), "Amber"],
      ["2", "Short one", "CS", "", "Green"],
    ]);
    const tooLong = "y".repeat(MAX_CELL_TEXT_LENGTH + 1);
    const result = await runFileShell(wb, {
      lead: (m) => {
        const a = m.actions.find((x) => x.ref === "1" && x.sheet === "2023-24");
        return a ? { sheet: a.sheet, ref: "1", action: a.action, update: tooLong, status: "Amber" } : null;
      },
    });
    expectSound(result);
    expect(result.lead?.plan).toBeNull();
    expect(result.lead?.problems).toEqual([
      expect.objectContaining({ rule: "write/too-long", sheet: "2023-24", cell: "D4" }),
    ]);
    const carried = actionsOn(result.afterModel, "Carried")[0];
    expect(carried?.action).toBe(action);
    expect(carried?.extra["Previous update"]).toHaveLength(MAX_CELL_TEXT_LENGTH);

    // Exactly at the limit the write goes through, whole.
    const host = createPackageHost(await workbookBytes(result.saved), nodeCodec);
    const snapshot = await host.readSnapshot();
    const model = readPlan(snapshot);
    const edit = {
      sheet: "2023-24",
      ref: "1",
      action,
      update: "z".repeat(MAX_CELL_TEXT_LENGTH),
      status: "Amber",
    } as const;
    const write = planLeadUpdate(snapshot, model, edit);
    expect(write.problems).toEqual([]);
    if (write.plan) await host.applyWritePlan(write.plan);
    const reread = readPlan(snapshotFromWorkbook(await readWorkbookBuffer(host.bytes())));
    expect(reread.actions.find((a) => a.sheet === "2023-24" && a.ref === "1")?.update).toHaveLength(
      MAX_CELL_TEXT_LENGTH,
    );
  });

  it("reads and applies a sheet of 50,000 used rows holding ten actions", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = addPlanSheet(
      wb,
      "2023-24",
      Array.from({ length: 10 }, (_, i): Row => [String(i + 1), `Action ${i + 1}`, "MW", "", "Green"]),
    );
    ws.getCell(50_000, 8).value = "Last row note";
    const result = await runFileShell(wb);
    expectSound(result);
    expect(sheetOf(result.after, "2023-24").cells.length).toBeGreaterThanOrEqual(50_000);
    expect(actionsOn(result.afterModel, "2023-24")).toHaveLength(10);
    expect(sheetOf(result.after, "2023-24").tables).toHaveLength(1);
    expect(actionsOn(result.afterModel, "Carried")).toHaveLength(10);
  });

  it("rebuilds a Summary sheet edited by hand in place, and the preview says so", async () => {
    const wb = new ExcelJS.Workbook();
    addPlanSheet(wb, "2023-24", [["1", "Patrol the park", "MW", "late", "Red"]]);
    const first = await runFileShell(wb);
    const summary = first.saved.getWorksheet(SUMMARY);
    if (!summary) throw new Error("no Summary sheet");
    const index = first.saved.worksheets.indexOf(summary);
    summary.getCell("A1").value = "My own title";
    summary.getCell("Z99").value = "=not a formula, typed by hand";

    const host = createPackageHost(await workbookBytes(first.saved), nodeCodec);
    const snapshot = await host.readSnapshot();
    const plan = planSummarySheet(snapshot, readPlan(snapshot), { todayIso: TODAY, planName: "Again" });
    expect(plan.ops.some((o) => o.kind === "addSheet")).toBe(false);
    expect(plan.title).toMatch(/everything on it now is replaced/);
    expect(describeWritePlan(plan)).toContain(`Clear A1:Z99 on '${SUMMARY}'`);
    await host.applyWritePlan(plan);
    const saved = await readWorkbookBuffer(host.bytes());
    expect(saved.worksheets.filter((w) => w.name === SUMMARY)).toHaveLength(1);
    expect(saved.worksheets.findIndex((w) => w.name === SUMMARY)).toBe(index);
    expect(saved.getWorksheet(SUMMARY)?.getCell("A1").text).toMatch(/^Again: action plan summary/);
    expect(saved.getWorksheet(SUMMARY)?.getCell("Z99").value).toBeNull();
  });
});

describe("the Excel shell while the user is editing a cell", () => {
  it("fails with HostBusyError, writes nothing, and a retry after the edit succeeds", async () => {
    const wb = new ExcelJS.Workbook();
    addPlanSheet(wb, "2023-24", [["1", "Patrol the park", "MW", "", "Green"]]);
    const { fake } = await runExcelShell(wb, { lead: () => null });
    const host = createExcelHost();
    const snapshot = await host.readSnapshot();
    const model = readPlan(snapshot);
    const write = planLeadUpdate(snapshot, model, {
      sheet: "2023-24",
      ref: "1",
      action: "Patrol the park",
      update: "-2 on last month",
      status: "Amber",
    });
    if (!write.plan) throw new Error(JSON.stringify(write.problems));
    const plan = write.plan;
    fake.cellEditMode = true;
    await expect(host.applyWritePlan(plan)).rejects.toBeInstanceOf(HostBusyError);
    expect(fake.value("2023-24", "D4")).not.toBe("-2 on last month");
    const asked: string[] = [];
    await withCellEditRetry(
      () => host.applyWritePlan(plan),
      (e) => {
        asked.push(e.message);
        fake.cellEditMode = false;
        return Promise.resolve(true);
      },
    );
    expect(asked).toEqual([BUSY_MESSAGE]);
    const after = readPlan(await host.readSnapshot());
    expect(after.actions.find((a) => a.sheet === "2023-24")).toMatchObject({
      update: "-2 on last month",
      status: "Amber",
    });
  });
});

describe("files that are not workbooks, through each CLI command", () => {
  let dir: string;
  const files: Record<string, string> = {};
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "hostile-"));
    const wb = new ExcelJS.Workbook();
    addPlanSheet(wb, "2023-24", [["1", "Patrol the park", "MW", "", "Green"]]);
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    const cfb = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    const encrypted = Buffer.from(cfb);
    Buffer.from("EncryptedPackage", "utf16le").copy(encrypted, 1024);
    const write = (name: string, data: Buffer | string): void => {
      files[name] = path.join(dir, name);
      writeFileSync(files[name], data);
    };
    write("notes.xlsx", "These are my notes, not a workbook.\n");
    write("locked.xlsx", encrypted);
    write("ole2.xlsx", cfb);
    write("truncated.xlsx", good.subarray(0, Math.floor(good.length / 2)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const argsFor: Record<string, (file: string) => string[]> = {
    inspect: (f) => ["inspect", f],
    "apply-schema": (f) => ["apply-schema", f, "-o", `${f}.out.xlsx`],
    "carry-over": (f) => ["carry-over", f, "--from", "2023-24", "-o", `${f}.out.xlsx`],
    summary: (f) => ["summary", f, "--json"],
  };
  const cases = Object.keys(argsFor).flatMap((command) =>
    ["notes.xlsx", "locked.xlsx", "ole2.xlsx", "truncated.xlsx"].map((file) => [command, file] as const),
  );

  it.each(cases)("%s on %s prints one clear line on stderr and exits non-zero", async (command, file) => {
    const io: CliIo & { stdout: string; stderr: string } = {
      stdout: "",
      stderr: "",
      out(t) {
        io.stdout += t;
      },
      err(t) {
        io.stderr += t;
      },
    };
    const full = files[file] ?? "";
    const argv = argsFor[command]?.(full) ?? [];
    const code = await main(argv, io);
    expect(code).not.toBe(0);
    // Asked for --json, the failure is also an object on stdout (README: Command line); else stdout is empty.
    expect(io.stdout).toBe(
      argv.includes("--json")
        ? `${JSON.stringify({ error: { message: io.stderr.trimEnd().replace(/^action-plan: /, ""), exitCode: code } })}\n`
        : "",
    );
    const lines = io.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(full);
    const words: Record<string, RegExp> = {
      "notes.xlsx": /not an Excel workbook/,
      "locked.xlsx": /password-protected/,
      "ole2.xlsx": /\.xls|password/,
      "truncated.xlsx": /damaged or truncated/,
    };
    expect(lines[0]).toMatch(words[file] ?? /never/);
  });
});

describe("a workbook whose cell names a shared string it does not hold, through each CLI command", () => {
  let dir: string;
  let plan: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "lost-string-"));
    plan = path.join(dir, "plan.xlsx");
    const strings = [...HEADER.map(String), "1", "Patrol the park", "MW", "Amber"];
    const cells = (row: number, indexes: ReadonlyArray<number | string>): string =>
      `<row r="${row}">${indexes.map((v, i) => `<c r="${"ABCDEF"[i]}${row}" t="s"><v>${v}</v></c>`).join("")}</row>`;
    // The Action header names string 812 of 10: read as empty, apply-schema made a table whose header
    // cell disagreed with its column's name.
    const body = `<sheetData>${cells(3, [0, 812, 2, 3, 4, 5])}${cells(4, [6, 7, 8, 9])}</sheetData>`;
    writeFileSync(plan, rawWorkbook({ sheets: [{ name: "2023-24", body }], strings }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const commands: ReadonlyArray<readonly [string, (out: string) => string[]]> = [
    ["inspect", () => ["inspect", plan]],
    ["apply-schema", (out) => ["apply-schema", plan, "-o", out]],
    ["carry-over", (out) => ["carry-over", plan, "--from", "2023-24", "--to", "2024-25", "-o", out]],
    ["summary", (out) => ["summary", plan, "-o", out]],
    ["update", (out) => ["update", plan, "--sheet", "2023-24", "--ref", "1", "--status", "Green", "-o", out]],
  ];

  it.each(commands)(
    "%s refuses it in one line naming the file, sheet and cell, and writes nothing",
    async (name, args) => {
      const io = capture();
      const out = path.join(dir, `${name}.xlsx`);
      expect(await main(args(out), io)).toBe(1);
      expect(io.stderr).toBe(
        `action-plan: ${plan} is damaged: sheet '2023-24', cell B3 refers to shared string 812, but the workbook holds 10.\n`,
      );
      expect(existsSync(out)).toBe(false);
    },
  );
});

describe("a cell holding more text than Excel does, which a command would copy", () => {
  const LONG = MAX_CELL_TEXT_LENGTH + 7233;
  let dir: string;
  let plan: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "long-text-"));
    plan = path.join(dir, "plan.xlsx");
    // Another program wrote 40,000 characters into D4; Excel holds 32,767 in a cell.
    const body =
      `<sheetData>${rowXml(1, ["2023-24: action plan"])}${rowXml(3, HEADER.map(String))}` +
      `${rowXml(4, ["1", "Patrol the park", "MW", "u".repeat(LONG), "Amber"])}` +
      `${rowXml(5, ["2", "Light the underpass", "CS", "On track", "Green"])}</sheetData>`;
    writeFileSync(plan, rawWorkbook({ sheets: [{ name: "2023-24", body }] }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const copies: ReadonlyArray<readonly [string, (out: string) => string[], string]> = [
    [
      "carry-over",
      (out) => ["carry-over", plan, "--from", "2023-24", "--to", "2024-25", "-o", out],
      "sheet '2024-25'",
    ],
    ["summary", (out) => ["summary", plan, "-o", out, "--today", TODAY], "sheet 'Summary'"],
    ["snapshot", (out) => ["snapshot", plan, "--label", "Q1 2024-25", "-o", out], "sheet 'Status history'"],
    ["returns make", (out) => ["returns", "make", plan, "--out", out, "--today", TODAY], "MW return"],
  ];

  it.each(copies)(
    "%s refuses in one line naming the file, sheet and cell the text is in, and writes nothing",
    async (_name, args, to) => {
      const before = readFileSync(plan);
      const out = path.join(dir, `out-${_name.replace(" ", "-")}`);
      const io = capture();
      expect(await main(args(out), io)).toBe(1);
      const lines = io.stderr.trimEnd().split("\n");
      const start = `action-plan: ${plan}, 2023-24!D4: copied to `;
      expect(lines).toHaveLength(1);
      expect(lines[0]?.slice(0, start.length)).toBe(start);
      expect(lines[0]).toContain(to);
      expect(lines[0]).toContain(
        `would have ${LONG.toLocaleString("en-GB")} characters, more than the 32,767 an Excel cell holds`,
      );
      expect(existsSync(out)).toBe(false);
      // returns make records the plan's id in the plan itself: not when it refuses.
      expect(readFileSync(plan).equals(before)).toBe(true);
      expect(existsSync(`${plan}.bak`)).toBe(false);
    },
  );

  it("still writes what copies none of it: a lead's update to another action", async () => {
    const out = path.join(dir, "updated.xlsx");
    const args = [
      "update",
      plan,
      "--sheet",
      "2023-24",
      "--ref",
      "2",
      "--status",
      "Red",
      "--update",
      "Slipped",
    ];
    expect(await main([...args, "-o", out, "--today", TODAY], capture())).toBe(0);
    expect(
      readPlan(snapshotFromPackage(readFileSync(out))).actions.find((a) => a.ref === "1")?.update,
    ).toHaveLength(LONG);
  });
});

describe("a workbook whose part no command reads is not what its zip recorded", () => {
  let dir: string;
  let plan: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "bad-crc-"));
    plan = path.join(dir, "plan.xlsx");
    const body =
      `<sheetData>${rowXml(1, ["2023-24: action plan"])}${rowXml(3, HEADER.map(String))}` +
      `${rowXml(4, ["1", "Patrol the park", "MW", "On track", "Green"])}</sheetData>`;
    const core =
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"/>';
    const bytes = rawWorkbook({
      sheets: [{ name: "2023-24", body }],
      parts: { "docProps/core.xml": core },
      rootRels: [{ id: "rId9", type: "core-properties", target: "docProps/core.xml" }],
    });
    writeFileSync(plan, recordedCrc(bytes, "docProps/core.xml", 0x12345678));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is read, and every command that would copy it refuses in one line naming the file and part, writing nothing", async () => {
    expect(await main(["inspect", plan], capture())).toBe(0);
    const damaged = `action-plan: ${plan} is damaged: its part docProps/core.xml is not what the zip recorded (its CRC-32 checksum does not match).\n`;
    for (const args of [
      ["apply-schema", plan, "-o"],
      ["update", plan, "--sheet", "2023-24", "--ref", "1", "--status", "Amber", "--update", "Slipped", "-o"],
    ]) {
      const out = path.join(dir, `${args[0] ?? ""}.xlsx`);
      const io = capture();
      expect(await main([...args, out], io)).toBe(1);
      expect(io.stderr).toBe(damaged);
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe("a sheet of 200,000 empty rows, written through by the compiled CLI", () => {
  const EMPTY_ROWS = 200_000;
  const BIN = path.resolve(__dirname, "../bin/action-plan.js");
  let dir: string;
  let plan: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "empty-rows-"));
    plan = path.join(dir, "plan.xlsx");
    const strings = [
      "2023-24: action plan",
      ...HEADER.map(String),
      "1",
      "Patrol the park",
      "MW",
      "Amber",
      "2",
    ];
    strings.push("Light the underpass", "CS", "Green");
    const cell = (ref: string, text: string): string =>
      `<c r="${ref}" t="s"><v>${strings.indexOf(text)}</v></c>`;
    const row = (n: number, texts: readonly string[]): string =>
      `<row r="${n}">${texts.map((t, i) => (t === "" ? "" : cell(`${"ABCDEF"[i]}${n}`, t))).join("")}</row>`;
    // Rows as Excel writes them (shared strings, no inline text): each is read by the writer's fast
    // path for common rows, where a search for the next cell ran from every empty row to the end.
    const empty = Array.from({ length: EMPTY_ROWS }, (_, i) => `<row r="${i + 6}"/>`).join("");
    const body =
      `<sheetData>${row(1, ["2023-24: action plan"])}${row(3, HEADER.map(String))}` +
      `${row(4, ["1", "Patrol the park", "MW", "", "Amber"])}${row(5, ["2", "Light the underpass", "CS", "", "Green"])}` +
      `${empty}</sheetData>`;
    writeFileSync(plan, rawWorkbook({ sheets: [{ name: "2023-24", body }], strings }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The command's exit code and stderr; a run still going after 20 s is killed (it used to take minutes). */
  function actionPlan(...args: string[]): { code: number | null; err: string } {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 20_000 });
    return { code: r.status, err: r.stderr };
  }
  const rowsOf = (file: string, part = "xl/worksheets/sheet1.xml"): number =>
    (partText(readFileSync(file), part).match(/<row /g) ?? []).length;
  const actionsOf = (file: string) => readPlan(snapshotFromPackage(readFileSync(file), { file })).actions;

  it("updates an action, keeping every empty row", () => {
    const out = path.join(dir, "updated.xlsx");
    const args = ["--sheet", "2023-24", "--ref", "1", "--status", "Red", "--update", "Slipped", "-o", out];
    expect(actionPlan("update", plan, ...args, "--today", TODAY)).toEqual({ code: 0, err: "" });
    expect(rowsOf(out)).toBe(EMPTY_ROWS + 4);
    expect(actionsOf(out).find((a) => a.ref === "1")).toMatchObject({
      status: "Red",
      update: expect.stringContaining("Slipped"),
    });
  });

  it("carries the open actions over and summarises the plan", () => {
    const carried = path.join(dir, "carried.xlsx");
    expect(
      actionPlan("carry-over", plan, "--from", "2023-24", "--to", "2024-25", "-o", carried, "--today", TODAY)
        .code,
    ).toBe(0);
    expect(
      actionsOf(carried)
        .filter((a) => a.sheet === "2024-25")
        .map((a) => a.action),
    ).toEqual(["Patrol the park", "Light the underpass"]);
    expect(rowsOf(carried)).toBe(EMPTY_ROWS + 4);
    const summary = path.join(dir, "summary.xlsx");
    expect(actionPlan("summary", plan, "-o", summary, "--today", TODAY).code).toBe(0);
    expect(snapshotFromPackage(readFileSync(summary)).sheets.map((s) => s.name)).toContain(SUMMARY);
  });

  it("merges a lead's return into it", async () => {
    const returns = path.join(dir, "returns");
    const made = actionPlan("returns", "make", plan, "--out", returns, "--lead", "MW", "--today", TODAY);
    expect(made.code).toBe(0);
    const [file] = readdirSync(returns);
    const answered = path.join(dir, "answered.xlsx");
    writeFileSync(
      answered,
      await fillReturn(readFileSync(path.join(returns, file ?? "")), {
        11: { status: "Green", update: "Done" },
      }),
    );
    const merged = path.join(dir, "merged.xlsx");
    expect(actionPlan("returns", "merge", plan, answered, "-o", merged, "--today", TODAY).code).toBe(0);
    expect(actionsOf(merged).find((a) => a.ref === "1")).toMatchObject({
      status: "Green",
      update: expect.stringContaining("Done"),
    });
    expect(rowsOf(merged)).toBe(EMPTY_ROWS + 4);
  });
});

describe("every package the package writer wrote for the hostile workbooks above", () => {
  it("validates against the schemas and keeps Excel's rules", async () => {
    expect(writtenByPackageWriter.length).toBeGreaterThan(10);
    expect(await packageProblems(writtenByPackageWriter)).toEqual([]);
  });
});
