/**
 * The port every operation (src/operations) runs over, whoever calls it: src/excel implements it over
 * the Excel JavaScript API (task pane, ribbon), src/xlsx over an ExcelJS workbook (playground, tests),
 * and the CLI's cli/workbook-files.ts over a file's bytes. Each method is one round trip.
 */
import type { WorkbookSnapshot } from "./snapshot";
import type { WritePlan } from "./write-plan";

export interface WorkbookHost {
  /** Read the whole workbook (re-read at the start of every command: never cache between commands). */
  readSnapshot(): Promise<WorkbookSnapshot>;
  /** Apply every op of the plan in one batch. */
  applyWritePlan(plan: WritePlan): Promise<ApplyReport>;
  /** Select a cell for the user (Check pane → click a problem). */
  selectCell(sheet: string, address: string): Promise<void>;
}

export interface ApplyReport {
  /** Ops the host could not carry out by design (e.g. a chart in an .xlsx file), in words. */
  readonly skipped: readonly string[];
}
