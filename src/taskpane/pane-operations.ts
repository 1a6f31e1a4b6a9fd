/** The pane's operations as functions of a fresh read of the workbook (see plan-session.ts). */
import type { Action } from "../core/plan-model";
import type { WritePlan } from "../core/write-plan";
import { planApplySchema, isSchemaApplied } from "../core/apply-schema";
import { planCarryOver, type CarryOverOptions } from "../core/carry-over";
import { planLeadUpdate, type LeadEdit } from "../core/lead-update";
import { planSummarySheet } from "../core/summary";
import type { OperationResult, PlanState } from "./plan-session";

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
}

export function carryOverOperation(options: CarryOverOptions) {
  return (state: PlanState): OperationResult<CarryOverDetail> => {
    const carry = planCarryOver(state.snapshot, state.model, options);
    return {
      plan: carry.carried.length > 0 ? carry.plan : null,
      problems: carry.problems,
      detail: { targetSheet: carry.targetSheet, carried: carry.carried, alreadyThere: carry.alreadyThere },
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
    const plan: WritePlan | null = schemaApplied
      ? planSummarySheet(state.snapshot, state.model, { todayIso, planName })
      : null;
    return { plan, problems: [], detail: { schemaApplied } };
  };
}
