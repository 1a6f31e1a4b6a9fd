/**
 * Building the Summary sheet into a workbook with the package reader and writer, as the CLI does, and
 * reading it back with ExcelJS, for the summary's file tests.
 */
import ExcelJS from "exceljs";
import { isSchemaApplied, planApplySchema } from "../../src/core/planning/apply-schema";
import { readPlan } from "../../src/core/reading/read-plan";
import { isSummaryPossible, planSummarySheet } from "../../src/core/planning/summary";
import { ALL_PERIODS } from "../../src/core/reading/table-periods";
import type { WritePlan } from "../../src/core/basics/write-plan";
import { snapshotFromPackage } from "../../src/xlsx/package-snapshot";
import { readWorkbookBuffer, workbookBytes } from "./exceljs/xlsx-file";
import { bytesAfter } from "./package-pipeline";

const { ValueType } = ExcelJS;

export const FIXTURES = [
  "community-safety-plan-2011-12",
  "psa-2012-recommendations",
  "psa-progress-report-2010",
  "strategic-assessment-action-plan-2009",
];

/** The summary's plan, the workbook's bytes with it written, and those bytes read back with ExcelJS. */
export interface BuiltSummary {
  readonly plan: WritePlan;
  readonly bytes: Uint8Array;
  readonly workbook: ExcelJS.Workbook;
}

/**
 * As the CLI does: `workbook` saved, the schema applied first when needed, then the summary, the
 * package re-read between.
 */
export async function buildSummary(
  workbook: ExcelJS.Workbook,
  todayIso: string,
  planName = "Test plan",
  period: string | null = ALL_PERIODS,
): Promise<BuiltSummary> {
  let bytes: Uint8Array = await workbookBytes(workbook);
  let snapshot = snapshotFromPackage(bytes);
  let model = readPlan(snapshot);
  if (!isSchemaApplied(snapshot, model) || !isSummaryPossible(snapshot, model)) {
    bytes = await bytesAfter(bytes, planApplySchema(snapshot, model).plan);
    snapshot = snapshotFromPackage(bytes);
    model = readPlan(snapshot);
  }
  const plan = planSummarySheet(snapshot, model, { todayIso, planName, period });
  bytes = await bytesAfter(bytes, plan);
  return { plan, bytes, workbook: await readWorkbookBuffer(bytes) };
}

/**
 * A cell's value as a reader of the file sees it before recalculation: a formula's cached result.
 * ExcelJS's cell.value leaves out a result of 0 (it copies only truthy fields), so read cell.result.
 */
export function shownValue(cell: ExcelJS.Cell): unknown {
  return cell.type === ValueType.Formula ? cell.result : cell.value;
}

export interface FormulaCell {
  readonly address: string;
  readonly formula: string;
  readonly result: unknown;
}

export function formulaCells(ws: ExcelJS.Worksheet): FormulaCell[] {
  const out: FormulaCell[] = [];
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.type === ValueType.Formula) {
        out.push({ address: cell.address, formula: cell.formula, result: cell.result });
      }
    }),
  );
  return out;
}

/**
 * The rows of a count section ("Status by theme"): label → [Red, Amber, Green, Complete, Not started,
 * No status, Total], as the file shows them.
 */
export function readCountSection(ws: ExcelJS.Worksheet, heading: string): Map<string, unknown[]> {
  let row = 1;
  while (row <= ws.rowCount && ws.getCell(row, 1).value !== heading) row++;
  if (row > ws.rowCount) throw new Error(`No section '${heading}' on ${ws.name}`);
  while (row <= ws.rowCount && ws.getCell(row, 2).value !== "Red") row++;
  const out = new Map<string, unknown[]>();
  for (row += 1; row <= ws.rowCount; row++) {
    const label = ws.getCell(row, 1).text;
    if (label === "") break;
    const counts: unknown[] = [];
    for (let c = 2; c <= 8; c++) counts.push(shownValue(ws.getCell(row, c)));
    out.set(label, counts);
  }
  return out;
}
