/**
 * Partner returns as operations every entry point runs (pane, CLI, playground): making the returns
 * (which records the plan's id in the plan the first time) and merging returned files back.
 */
import { planReturns, type ReturnOptions, type ReturnsMade } from "../core/planning/returns-make";
import {
  planMergeReturns,
  type MergeOptions,
  type MergeResult,
  type ReturnedFile,
} from "../core/planning/returns-merge";
import type { OperationResult, PlanOperation, PlanState } from "./run-operation";

/**
 * The returns for the leads chosen; the operation's plan is the one write to the plan itself (its id,
 * when it has none yet), so applying it before sending the returns lets their merge check them.
 */
export function makeReturnsOperation(options: ReturnOptions): PlanOperation<ReturnsMade> {
  return (state: PlanState): OperationResult<ReturnsMade> => {
    const made = planReturns(state.snapshot, state.model, options);
    return { plan: made.planIdPlan, problems: made.problems, detail: made };
  };
}

/** The merge of returned files into the plan, read afresh: answers, conflicts and what to write. */
export function mergeReturnsOperation(
  returns: readonly ReturnedFile[],
  options: MergeOptions,
): PlanOperation<MergeResult> {
  return (state: PlanState): OperationResult<MergeResult> => {
    const merge = planMergeReturns(state.snapshot, state.model, returns, options);
    return { plan: merge.plan, problems: merge.problems, detail: merge };
  };
}
