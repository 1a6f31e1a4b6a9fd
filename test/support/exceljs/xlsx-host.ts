/**
 * The WorkbookHost over an ExcelJS workbook in memory, for the integration tests that build their
 * workbooks with ExcelJS. The CLI and the playground run over package-host.ts (the package model).
 */
import type ExcelJS from "exceljs";
import type { ApplyReport, WorkbookHost } from "../../../src/core/workbook-host";
import type { WorkbookSnapshot } from "../../../src/core/snapshot";
import type { WritePlan } from "../../../src/core/write-plan";
import { applyWritePlanToWorkbook } from "./apply-write-plan";
import { snapshotFromWorkbook } from "./xlsx-snapshot";

/**
 * A host over `workbook`: readSnapshot reads it afresh every time, applyWritePlan applies the plan
 * to it (the caller saves it), selectCell checks the sheet exists (the playground shows the cell
 * through playground-host's observer).
 *
 * @example
 * const host = createXlsxHost(await readWorkbookFile("plan.xlsx"));
 * const snapshot = await host.readSnapshot();
 */
export function createXlsxHost(workbook: ExcelJS.Workbook): WorkbookHost {
  return {
    readSnapshot(): Promise<WorkbookSnapshot> {
      try {
        return Promise.resolve(snapshotFromWorkbook(workbook));
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    },
    applyWritePlan(plan: WritePlan): Promise<ApplyReport> {
      try {
        return Promise.resolve(applyWritePlanToWorkbook(workbook, plan));
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    },
    selectCell(sheet: string): Promise<void> {
      if (!workbook.getWorksheet(sheet))
        return Promise.reject(new Error(`The workbook has no sheet '${sheet}'`));
      return Promise.resolve();
    },
  };
}
