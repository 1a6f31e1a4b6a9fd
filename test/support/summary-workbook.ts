/** Building the Summary sheet in an ExcelJS workbook, and reading it back, for the summary's file tests. */
import ExcelJS from "exceljs";
import { isSchemaApplied, planApplySchema } from "../../src/core/apply-schema";
import { readPlan } from "../../src/core/read-plan";
import { isSummaryPossible, planSummarySheet } from "../../src/core/summary";
import { ALL_PERIODS } from "../../src/core/table-periods";
import type { WritePlan } from "../../src/core/write-plan";
import { applyWritePlanToWorkbook } from "./exceljs/apply-write-plan";
import { snapshotFromWorkbook } from "./exceljs/xlsx-snapshot";

const { ValueType } = ExcelJS;

export const FIXTURES = [
  "community-safety-plan-2011-12",
  "psa-2012-recommendations",
  "psa-progress-report-2010",
  "strategic-assessment-action-plan-2009",
];

/** As the CLI does: the schema first when needed, then the summary, re-reading the workbook between. */
export function buildSummary(
  workbook: ExcelJS.Workbook,
  todayIso: string,
  planName = "Test plan",
  period: string | null = ALL_PERIODS,
): WritePlan {
  let snapshot = snapshotFromWorkbook(workbook);
  let model = readPlan(snapshot);
  if (!isSchemaApplied(snapshot, model) || !isSummaryPossible(snapshot, model)) {
    applyWritePlanToWorkbook(workbook, planApplySchema(snapshot, model).plan);
    snapshot = snapshotFromWorkbook(workbook);
    model = readPlan(snapshot);
  }
  const plan = planSummarySheet(snapshot, model, { todayIso, planName, period });
  applyWritePlanToWorkbook(workbook, plan);
  return plan;
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
