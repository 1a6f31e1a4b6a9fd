/**
 * Runs the pane's operations the one way the add-in works: re-read the workbook, compute the change
 * in the core, show it, and write it. Nothing is cached between operations (a co-author may have
 * changed the workbook meanwhile), so applying reads the workbook again and recomputes.
 */
import type { WorkbookHost, ApplyReport } from "../core/workbook-host";
import type { WorkbookSnapshot } from "../core/snapshot";
import type { PlanModel } from "../core/plan-model";
import type { Problem } from "../core/problem";
import type { WritePlan } from "../core/write-plan";
import { readPlan } from "../core/read-plan";
import { describeWritePlan } from "../core/describe-write-plan";
import { guardStructure } from "../core/structure-protection";

export interface PlanState {
  readonly snapshot: WorkbookSnapshot;
  readonly model: PlanModel;
}

export type OperationStep = "reading" | "computing" | "writing";

export const STEP_LABELS: Readonly<Record<OperationStep, string>> = {
  reading: "Reading the workbook…",
  computing: "Working out the changes…",
  writing: "Writing to the workbook…",
};

/** The share of the work done when a step starts, for the progress bar. */
export const STEP_PROGRESS: Readonly<Record<OperationStep, number>> = {
  reading: 0.1,
  computing: 0.5,
  writing: 0.7,
};

/** What an operation computes from one read: the plan to write (null: nothing to write) and its problems. */
export interface OperationResult<T> {
  readonly plan: WritePlan | null;
  readonly problems: readonly Problem[];
  readonly detail: T;
}

export type PlanOperation<T> = (state: PlanState) => OperationResult<T>;

export interface OperationPreview<T> extends OperationResult<T> {
  /** The plan in words (describeWritePlan), empty when there is nothing to write. */
  readonly lines: readonly string[];
  readonly state: PlanState;
}

export interface OperationOutcome<T> {
  readonly preview: OperationPreview<T>;
  /** Null when nothing was written (nothing to do, or problems stopped it). */
  readonly report: ApplyReport | null;
}

export type StepListener = (step: OperationStep) => void;

/** Reads the workbook and the plan in it. */
export async function readPlanState(host: WorkbookHost, onStep?: StepListener): Promise<PlanState> {
  onStep?.("reading");
  const snapshot = await host.readSnapshot();
  onStep?.("computing");
  return { snapshot, model: readPlan(snapshot) };
}

/** Reads the workbook afresh and computes what the operation would write, without writing. */
export async function previewOperation<T>(
  host: WorkbookHost,
  operation: PlanOperation<T>,
  onStep?: StepListener,
): Promise<OperationPreview<T>> {
  const state = await readPlanState(host, onStep);
  const result = guardStructure(state.snapshot, operation(state));
  const lines = result.plan === null ? [] : describeWritePlan(result.plan);
  return { ...result, lines, state };
}

/** Whether a preview may be written: a plan with something in it, and no error that stops it. */
export function canApply(preview: OperationResult<unknown>): boolean {
  return preview.plan !== null && preview.plan.ops.length > 0 && !preview.problems.some(isBlocking);
}

/** Problems about writing (a protected sheet, a value over Excel's limit) stop the whole operation. */
export function isBlocking(problem: Problem): boolean {
  return problem.severity === "error" && problem.rule.startsWith("write/");
}

/** Reads the workbook afresh, recomputes and writes the result in one batch. */
export async function applyOperation<T>(
  host: WorkbookHost,
  operation: PlanOperation<T>,
  onStep?: StepListener,
): Promise<OperationOutcome<T>> {
  const preview = await previewOperation(host, operation, onStep);
  if (!canApply(preview) || preview.plan === null) return { preview, report: null };
  onStep?.("writing");
  const report = await host.applyWritePlan(preview.plan);
  return { preview, report };
}
