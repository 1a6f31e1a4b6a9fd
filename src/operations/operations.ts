/** The operations every entry point runs (pane, ribbon, CLI, playground), each as a function of a fresh read of the workbook (see run-operation.ts). */
import type { Action } from "../core/plan-model";
import type { Problem } from "../core/problem";
import type { WritePlan } from "../core/write-plan";
import { planApplySchema, isSchemaApplied } from "../core/apply-schema";
import { planCarryOver, type CarryOverOptions, type CarryOverPlan } from "../core/carry-over";
import { planLeadUpdate, type LeadEdit } from "../core/lead-update";
import { planSummarySheet, summaryBlocker } from "../core/summary";
import { SUMMARY_SHEET } from "../core/reserved-names";
import type { OperationResult, PlanState } from "./run-operation";

export interface SchemaDetail {
  readonly alreadyApplied: boolean;
}

export function schemaOperation(state: PlanState): OperationResult<SchemaDetail> {
  const schema = planApplySchema(state.snapshot, state.model);
  return {
    plan: schema.alreadyApplied ? null : schema.plan,
    problems: schema.problems,
    detail: { alreadyApplied: schema.alreadyApplied },
  };
}

export interface CarryOverDetail {
  readonly targetSheet: string;
  readonly carried: readonly Action[];
  readonly alreadyThere: readonly Action[];
  readonly sheets: CarryOverPlan["sheets"];
  readonly unlistedStatus: readonly Action[];
  readonly pastDue: readonly Action[];
}

export function carryOverOperation(options: CarryOverOptions) {
  return (state: PlanState): OperationResult<CarryOverDetail> => {
    const carry = planCarryOver(state.snapshot, state.model, options);
    return {
      plan: carry.carried.length > 0 ? carry.plan : null,
      problems: carry.problems,
      detail: {
        targetSheet: carry.targetSheet,
        carried: carry.carried,
        alreadyThere: carry.alreadyThere,
        sheets: carry.sheets,
        unlistedStatus: carry.unlistedStatus,
        pastDue: carry.pastDue,
      },
    };
  };
}

export function leadUpdateOperation(edit: LeadEdit) {
  return (state: PlanState): OperationResult<null> => {
    const update = planLeadUpdate(state.snapshot, state.model, edit);
    return { plan: update.plan, problems: update.problems, detail: null };
  };
}

export interface SummaryDetail {
  readonly schemaApplied: boolean;
}

/** The summary counts from the action tables the schema makes, so it needs the schema first. */
export function summaryOperation(todayIso: string, planName: string) {
  return (state: PlanState): OperationResult<SummaryDetail> => {
    const schemaApplied = isSchemaApplied(state.snapshot, state.model);
    if (!schemaApplied) return { plan: null, problems: [], detail: { schemaApplied } };
    // A protected Summary sheet, or a table the schema could not make, stops the summary: say why.
    const blocker = summaryBlocker(state.snapshot, state.model);
    if (blocker !== null) {
      const problem: Problem = {
        sheet: SUMMARY_SHEET,
        cell: "",
        rule: "summary/not-possible",
        severity: "error",
        message: blocker,
      };
      return { plan: null, problems: [problem], detail: { schemaApplied } };
    }
    const plan: WritePlan = planSummarySheet(state.snapshot, state.model, { todayIso, planName });
    return { plan, problems: [], detail: { schemaApplied } };
  };
}
