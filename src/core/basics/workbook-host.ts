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
  /**
   * What Undo can take back after a write, for the pane to say before the first one: the whole
   * operation in one step ("grouped"), or nothing reliable ("none": keep a version first), or the
   * write only touches a copy the user downloads ("copy"). A host that does not say is "none".
   */
  undoScope?(): UndoScope;
}

export type UndoScope = "grouped" | "none" | "copy";

/** The sentence the pane shows above every Apply button, so nobody writes without knowing how to go back. */
export function undoNote(scope: UndoScope): string {
  switch (scope) {
    case "grouped":
      return "One Undo (Ctrl+Z) takes back the whole change.";
    case "none":
      return "Excel here cannot undo this change in one step: keep a version first (on SharePoint or OneDrive, File › Info › Version history keeps one for you; elsewhere, save a copy).";
    case "copy":
      return "The change is made to the workbook on this page; your file is unchanged until you download it.";
  }
}

export interface ApplyReport {
  /** Ops the host could not carry out by design (e.g. a chart in an .xlsx file), in words. */
  readonly skipped: readonly string[];
  /**
   * What the host read back after writing and found not as asked (a table that did not grow, a name
   * Excel turned into a fixed range…), in words with what was done or what to do. Hosts that cannot
   * differ from the plan (files) leave it out.
   */
  readonly verification?: readonly string[];
}
