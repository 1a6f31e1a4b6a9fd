/**
 * The package writer (only the parts a plan touches are rewritten) against the ExcelJS writer (the
 * whole workbook re-serialised): on every fixture, each operation's result reads back the same.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { planApplySchema } from "../../src/core/planning/apply-schema";
import { planCarryOver } from "../../src/core/planning/carry-over";
import { defaultSourceSheet } from "../../src/core/basics/period-names";
import { readPlan } from "../../src/core/reading/read-plan";
import type { WorkbookSnapshot } from "../../src/core/basics/snapshot";
import { planSummarySheet } from "../../src/core/planning/summary";
import type { WritePlan } from "../../src/core/basics/write-plan";
import { applyWritePlanToWorkbook } from "../support/exceljs/apply-write-plan";
import { applyWritePlanToBytes } from "../../src/xlsx/package-writer";
import { nodeCodec } from "../../src/xlsx/node-files";
import { readWorkbookBuffer } from "../support/exceljs/xlsx-file";
import { snapshotFromWorkbook } from "../support/exceljs/xlsx-snapshot";
import { workbookBytes } from "../support/exceljs/xlsx-file";
import { convertWithLibreOffice } from "../support/libreoffice";

const FIXTURES = path.resolve(__dirname, "../../../shared/fixtures");
const names = readdirSync(FIXTURES).filter((f) => f.endsWith(".xlsx"));

async function snapshotOf(bytes: Uint8Array): Promise<WorkbookSnapshot> {
  return snapshotFromWorkbook(await readWorkbookBuffer(bytes));
}

/** Both writers' results of `plan` on `bytes`, read back. */
async function bothWays(bytes: Uint8Array, plan: WritePlan) {
  const viaExcelJs = await readWorkbookBuffer(bytes);
  applyWritePlanToWorkbook(viaExcelJs, plan);
  const excelJsBytes = await workbookBytes(viaExcelJs);
  const written = await applyWritePlanToBytes(bytes, plan, nodeCodec);
  return {
    written,
    excelJs: await snapshotOf(excelJsBytes),
    pkg: await snapshotOf(written.bytes),
  };
}

/** Trailing empties dropped: a writer may keep an emptied cell or row that the other leaves out. */
function trimmed<T>(items: readonly T[], empty: (item: T) => boolean): T[] {
  let end = items.length;
  while (end > 0 && empty(items[end - 1]!)) end--;
  return items.slice(0, end);
}

/** What a reader of the plan sees: every cell's value, format, fill and formula; tables; merges; names. */
function essentials(snapshot: WorkbookSnapshot) {
  return {
    sheets: snapshot.sheets.map((sheet) => ({
      name: sheet.name,
      cells: trimmed(
        sheet.cells.map((row) =>
          trimmed(
            row.map((cell) =>
              cell === null || (cell.value === null && cell.formula === null && cell.fill === null)
                ? null
                : [cell.value, cell.numberFormat, cell.fill, cell.formula],
            ),
            (cell) => cell === null,
          ),
        ),
        (row) => row.length === 0,
      ),
      merges: sheet.merges.map((m) => JSON.stringify(m)).sort(),
      hiddenRows: sheet.hiddenRows,
      tables: sheet.tables,
    })),
    names: [...snapshot.names].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/**
 * Excel writes a merge's format into every cell of it, and Range.unmerge leaves each cell its own
 * format; so does the package writer. ExcelJS gives the other cells of a merge no style of their own,
 * so after its unmerge they lose the fill. In those cells only, the fill is taken from the package
 * writer's result, which the test then checks equals the merge's first cell.
 */
function asExcelUnmerges(
  excelJs: WorkbookSnapshot,
  pkg: WorkbookSnapshot,
  plan: WritePlan,
): WorkbookSnapshot {
  const sheets = excelJs.sheets.map((sheet) => {
    // The unmerge over a whole table (note "", for Excel below ExcelApi 1.13) is no merge of its own.
    const unmerged = plan.ops.flatMap((op) =>
      op.kind === "unmerge" && op.sheet === sheet.name && op.note !== "" ? [op.range] : [],
    );
    if (unmerged.length === 0) return sheet;
    const other = pkg.sheets.find((s) => s.name === sheet.name)!;
    const cells = sheet.cells.map((row, r) =>
      row.map((cell, c) => {
        const range = unmerged.find((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right);
        if (!range || (r === range.top && c === range.left) || cell === null) return cell;
        const theirs = other.cells[r]?.[c] ?? null;
        const first = other.cells[range.top]?.[range.left] ?? null;
        expect(theirs?.fill ?? null).toBe(first?.fill ?? null);
        return { ...cell, fill: theirs?.fill ?? null };
      }),
    );
    return { ...sheet, cells };
  });
  return { ...excelJs, sheets };
}

describe.each(names)("the package writer on %s", (name) => {
  const original = new Uint8Array(readFileSync(path.join(FIXTURES, name)));
  let applied: Uint8Array;

  it("applies the schema as the ExcelJS writer does, rewriting only the parts it touches", async () => {
    const snapshot = await snapshotOf(original);
    const plan = planApplySchema(snapshot, readPlan(snapshot)).plan;
    const { written, excelJs, pkg } = await bothWays(original, plan);
    expect(essentials(pkg)).toEqual(essentials(asExcelUnmerges(excelJs, pkg, plan)));
    expect(readPlan(pkg).actions).toEqual(readPlan(excelJs).actions);
    applied = written.bytes;
    const before = await JSZip.loadAsync(original);
    const after = await JSZip.loadAsync(applied);
    // Parts no op touched keep their bytes (docProps, theme…).
    const changed: string[] = [];
    for (const part of ["xl/theme/theme1.xml", "docProps/core.xml"]) {
      const was = (await before.file(part)?.async("string")) ?? null;
      const now = (await after.file(part)?.async("string")) ?? null;
      if (was !== null && now !== was) changed.push(part);
    }
    expect(changed).toEqual([]);
  });

  it("carries over and summarises as the ExcelJS writer does", async () => {
    const snapshot = await snapshotOf(applied);
    const model = readPlan(snapshot);
    const from = defaultSourceSheet(model);
    const carried =
      from === null
        ? null
        : await bothWays(applied, planCarryOver(snapshot, model, { fromSheet: from, renumber: false }).plan);
    // A fixture with no year's sheet has nothing to carry: both sides are then null.
    expect(carried === null ? null : essentials(carried.pkg)).toEqual(
      carried === null ? null : essentials(carried.excelJs),
    );
    const summary = planSummarySheet(snapshot, model, { todayIso: "2013-01-15", planName: name });
    const { written, excelJs, pkg } = await bothWays(applied, summary);
    expect(essentials(pkg)).toEqual(essentials(excelJs));

    // Another spreadsheet program opens what the package writer wrote (tests/libreoffice.test.ts says
    // how to install LibreOffice; CI has it), and finds the first action's words in its first sheet.
    const dir = mkdtempSync(path.join(os.tmpdir(), "package-writer-"));
    const file = path.join(dir, name);
    writeFileSync(file, written.bytes);
    const csv = readFileSync(convertWithLibreOffice(file, dir, "csv"), "utf8");
    const first = model.actions.find((a) => a.sheet === snapshot.sheets[0]?.name);
    expect(first).toBeDefined();
    expect(csv).toContain(first?.action.split("\n")[0]?.slice(0, 30));
  }, 120000);
});

describe("closing up an action table's rows in both file shells", () => {
  /** A plan with a repeated, grey header between two actions; the second action's text is bold on yellow. */
  async function raggedPlan(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Plan");
    const header = ["Ref", "Action", "Lead", "Update", "Status"];
    ws.addRow(header);
    ws.addRow(["1.1", "Patrols", "Police", "Done", "Green"]);
    ws.addRow(header).eachCell((cell) => {
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };
    });
    ws.addRow(["1.2", "Street lights", "SBC", "", "Amber"]);
    ws.getCell("B4").font = { bold: true };
    ws.getCell("B4").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
    // A formula that reads no cell the move shifts (one that does keeps the rows where they are).
    ws.getCell("D4").value = { formula: 'UPPER("sbc")&" to report"', result: "SBC to report" };
    return new Uint8Array(await workbookBytes(wb));
  }

  it("moves each action with its own format and formula text, and leaves no grey under it", async () => {
    const bytes = await raggedPlan();
    const snapshot = await snapshotOf(bytes);
    const plan = planApplySchema(snapshot, readPlan(snapshot)).plan;
    expect(plan.ops.filter((op) => op.kind === "moveRows")).toHaveLength(1);
    const { excelJs, pkg } = await bothWays(bytes, plan);
    for (const result of [pkg, excelJs]) {
      const cells = result.sheets[0]!.cells;
      expect(cells[2]?.map((cell) => cell?.value ?? null)).toEqual([
        "1.2",
        "Street lights",
        "SBC",
        "SBC to report",
        "Amber",
      ]);
      expect(cells[2]?.[1]?.fill).toBe("#FFFF00");
      expect(cells[2]?.[0]?.fill ?? null).toBeNull();
      expect(cells[2]?.[3]?.formula).toBe('=UPPER("sbc")&" to report"');
      expect(
        (cells[3] ?? []).every((cell) => cell === null || (cell.value === null && cell.fill === null)),
      ).toBe(true);
      expect(result.sheets[0]!.tables[0]?.range).toEqual({ top: 0, left: 0, bottom: 2, right: 4 });
    }
  });
});
