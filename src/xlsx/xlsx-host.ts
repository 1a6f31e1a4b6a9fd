/**
 * The WorkbookHost over an ExcelJS workbook in memory: what the CLI, the playground and the
 * integration tests give the same code the task pane runs in Excel.
 */
import type ExcelJS from "exceljs";
import type { ApplyReport, WorkbookHost } from "../core/workbook-host";
import type { WorkbookSnapshot } from "../core/snapshot";
import type { WritePlan } from "../core/write-plan";
import { applyWritePlanToWorkbook } from "./apply-write-plan";
import { snapshotFromWorkbook } from "./xlsx-snapshot";

export interface XlsxSelection {
  readonly sheet: string;
  readonly address: string;
}

export interface XlsxHostOptions {
  /** Called when the pane selects a cell (the playground's grid shows it). */
  readonly onSelect?: (selection: XlsxSelection) => void;
  /** Called after a plan is applied (the playground re-renders its grid). */
  readonly onChange?: (plan: WritePlan, report: ApplyReport) => void;
}

export interface XlsxHost extends WorkbookHost {
  /** The last cell selected through selectCell, or null. */
  readonly selection: () => XlsxSelection | null;
}

/**
 * A host over `workbook`: readSnapshot reads it afresh every time, applyWritePlan applies the plan
 * to it (the caller saves it), selectCell records the selection and tells onSelect.
 *
 * @example
 * const host = createXlsxHost(await readWorkbookFile("plan.xlsx"));
 * const snapshot = await host.readSnapshot();
 */
export function createXlsxHost(workbook: ExcelJS.Workbook, options: XlsxHostOptions = {}): XlsxHost {
  let selected: XlsxSelection | null = null;
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
        const report = applyWritePlanToWorkbook(workbook, plan);
        options.onChange?.(plan, report);
        return Promise.resolve(report);
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    },
    selectCell(sheet: string, address: string): Promise<void> {
      if (!workbook.getWorksheet(sheet))
        return Promise.reject(new Error(`The workbook has no sheet '${sheet}'`));
      selected = { sheet, address };
      options.onSelect?.(selected);
      return Promise.resolve();
    },
    selection: () => selected,
  };
}
