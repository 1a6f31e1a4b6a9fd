/** What the pane's components receive from App: previews and outcomes, never a host. */
import type { CarriedSheet } from "../core/planning/carry-over";
import type { Action } from "../core/basics/plan-model";
import type { Problem } from "../core/basics/problem";
import type { PlanPreview } from "../core/basics/describe-write-plan";

export interface ChangePreviewData {
  readonly title: string;
  readonly lines: readonly string[];
  /** The same change as a sentence, then sheet by sheet (previewOfPlan). */
  readonly preview: PlanPreview;
  /** What Undo will take back (undoNote), said before anything is written. */
  readonly undoNote: string;
  readonly problems: readonly Problem[];
  readonly canApply: boolean;
}

export interface CarryOverPreviewData extends ChangePreviewData {
  readonly targetSheet: string;
  readonly carried: readonly Action[];
  readonly alreadyThere: readonly Action[];
  /** Each source sheet and its new sheet, with what goes there (several when a period is carried). */
  readonly sheets: readonly CarriedSheet[];
  /** Carried actions whose status is outside the list, and whose due date is past. */
  readonly unlistedStatus: readonly Action[];
  readonly pastDue: readonly Action[];
}

/** The result of writing: what was written (in words) and what the host left out. */
export interface AppliedChange {
  readonly written: boolean;
  readonly lines: readonly string[];
  readonly skipped: readonly string[];
  readonly problems: readonly Problem[];
}
