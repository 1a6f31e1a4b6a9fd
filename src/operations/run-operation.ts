/**
 * Runs every entry point's operations the one way the add-in works: read the workbook, compute the
 * change in the core, show it in words, and write it. Nothing is cached between operations (a
 * co-author may have changed the workbook meanwhile), so applying reads the workbook again,
 * recomputes, and writes only when the plan is the one previewed (planChanges says what differs).
 */
import type { WorkbookHost, ApplyReport } from "../core/basics/workbook-host";
import type { WorkbookSnapshot } from "../core/basics/snapshot";
import type { PlanModel } from "../core/basics/plan-model";
import { problem, stopsWrite, type Problem } from "../core/basics/problem";
import type { WritePlan } from "../core/basics/write-plan";
import { readPlan } from "../core/reading/read-plan";
import { describeWritePlan } from "../core/basics/describe-write-plan";
import { guardStructure } from "../core/planning/structure-protection";
import { guardTextLimit } from "../core/planning/text-limit";

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
  /**
   * A step that can only be planned on the workbook this plan writes (the summary over the tables the
   * schema makes): after writing the plan, the runner reads the workbook again and runs `operation`.
   * `description` is the preview's last line. The outcome's detail is the second step's, so that step
   * says what the whole operation did.
   */
  readonly then?: { readonly description: string; readonly operation: PlanOperation<T> };
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

/**
 * What the operation would write on this read, with the problems every write is checked for: a sheet
 * added to a structure-protected workbook, text copied from a cell that holds more than Excel does.
 * What every entry point computes, whether it previews first or not.
 */
export function operationResult<T>(state: PlanState, operation: PlanOperation<T>): OperationResult<T> {
  return guardTextLimit(state.snapshot, guardStructure(state.snapshot, operation(state)));
}

/** Reads the workbook afresh and computes what the operation would write, without writing. */
export async function previewOperation<T>(
  host: WorkbookHost,
  operation: PlanOperation<T>,
  onStep?: StepListener,
): Promise<OperationPreview<T>> {
  const state = await readPlanState(host, onStep);
  const result = operationResult(state, operation);
  // The plan in words when first asked for: a command that writes without showing them (summary -o,
  // 1,700 ops on a large plan) never pays for them.
  let lines: readonly string[] | null = null;
  return {
    ...result,
    get lines(): readonly string[] {
      if (lines === null) {
        const described = result.plan === null ? [] : describeWritePlan(result.plan);
        lines = result.then ? [...described, result.then.description] : described;
      }
      return lines;
    },
    state,
  };
}

/** Whether a preview may be written: a plan with something in it, and no error that stops it. */
export function canApply(preview: OperationResult<unknown>): boolean {
  return preview.plan !== null && preview.plan.ops.length > 0 && !preview.problems.some(isBlocking);
}

/**
 * Problems whose rule stops a write (a protected sheet, a value over Excel's limit, a workbook changed
 * since the preview: core/basics/problem.ts RULES) stop the whole operation.
 */
export function isBlocking(p: Problem): boolean {
  return stopsWrite(p);
}

/** The ops of a plan, one string each, to compare two plans op by op. */
function opKeys(plan: WritePlan | null): string[] {
  return plan === null ? [] : plan.ops.map((op) => JSON.stringify(op));
}

/**
 * What differs between the plan previewed and the plan computed now, in the preview's words (empty
 * when they are the same ops): a co-author who inserts a row or edits a status between preview and
 * apply changes the plan, and the user should see the new one before anything is written.
 */
export function planChanges(previewed: WritePlan | null, now: WritePlan | null): string[] {
  const before = opKeys(previewed);
  const after = opKeys(now);
  if (before.length === after.length && before.every((key, i) => key === after[i])) return [];
  const linesBefore = previewed === null ? [] : describeWritePlan(previewed);
  const linesAfter = now === null ? [] : describeWritePlan(now);
  const gone = linesBefore.filter((line) => !linesAfter.includes(line));
  const added = linesAfter.filter((line) => !linesBefore.includes(line));
  const changes = [...gone.map((line) => `No longer: ${line}`), ...added.map((line) => `Now: ${line}`)];
  return changes.length > 0 ? changes : ["The same changes, with different values to write."];
}

/** The problem that stops an apply whose plan is no longer the one previewed. */
function changedProblem(changes: readonly string[]): Problem {
  return problem("", "", "operation/changed-since-preview", { changes });
}

export interface ApplyOptions {
  /** Called as each step starts (reading, computing, writing). */
  readonly onStep?: StepListener;
  /**
   * The workbook as the user saw it in the preview: the operation is run on it as well, and nothing is
   * written when the plan it gives is not the plan computed now (the outcome says what changed).
   */
  readonly previewed?: PlanState;
}

/**
 * Reads the workbook afresh, recomputes, checks the plan is the one previewed, and writes it in one
 * batch (then, for a two-step operation, reads again and writes the second step).
 */
export async function applyOperation<T>(
  host: WorkbookHost,
  operation: PlanOperation<T>,
  options: ApplyOptions | StepListener = {},
): Promise<OperationOutcome<T>> {
  const { onStep, previewed } =
    typeof options === "function" ? { onStep: options, previewed: undefined } : options;
  const preview = await previewOperation(host, operation, onStep);
  if (previewed !== undefined) {
    const changes = planChanges(operation(previewed).plan, preview.plan);
    if (changes.length > 0) {
      return {
        preview: { ...preview, problems: [changedProblem(changes), ...preview.problems] },
        report: null,
      };
    }
  }
  return applyPreview(host, preview, onStep);
}

/**
 * Writes a preview's plan as it is, without reading the workbook again: for a caller that holds the
 * workbook alone between preview and apply (the CLI over a file). Pane and ribbon use applyOperation.
 */
export async function applyPreview<T>(
  host: WorkbookHost,
  preview: OperationPreview<T>,
  onStep?: StepListener,
): Promise<OperationOutcome<T>> {
  if (!canApply(preview) || preview.plan === null) return { preview, report: null };
  onStep?.("writing");
  const report = await host.applyWritePlan(preview.plan);
  if (preview.then === undefined) return { preview, report };
  const second = await previewOperation(host, preview.then.operation, onStep);
  const outcome = await applyPreview(host, second, onStep);
  return {
    preview: {
      ...second,
      // The second step's detail: the operation gives it knowing what its first step did (the
      // summary's says the schema was not there before, and holds the counts of the sheet it wrote).
      detail: second.detail,
      lines: [...preview.lines.slice(0, -1), ...second.lines],
      problems: [...preview.problems, ...second.problems],
    },
    report: { skipped: [...report.skipped, ...(outcome.report?.skipped ?? [])] },
  };
}
