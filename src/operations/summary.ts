/**
 * Summary: the print-ready Summary sheet, its counts live formulas over the action tables.
 *
 * The policy, the same in the pane, the ribbon, the CLI and the playground: the counts need the action
 * tables the schema makes, so where the schema is not applied yet the summary applies it first, in the
 * same operation. Its preview lists the schema's changes and ends by saying the Summary sheet is then
 * built over those tables; apply writes the schema, reads the workbook again and builds the summary.
 * A period asked for that no table covers stops it (and the counts) with a problem naming the
 * periods there are, before anything is written.
 */
import { problem } from "../core/basics/problem";
import { isSchemaApplied, planApplySchema } from "../core/planning/apply-schema";
import { summarisePlan, summarySheet, type PlanSummary } from "../core/planning/summary";
import { summaryBlock } from "../core/planning/summary-sheet";
import { SUMMARY_SHEET } from "../core/basics/reserved-names";
import { periodChoiceProblem } from "../core/reading/table-periods";
import type { OperationResult, PlanOperation, PlanState } from "./run-operation";

export interface SummaryDetail {
  /** Whether the schema was there when the workbook was read (false: this operation applies it first). */
  readonly schemaApplied: boolean;
  /**
   * The counts the Summary sheet shows, worked out once with its plan; null where nothing is planned
   * (the summary stopped, or the schema comes first and the sheet is planned after it is written).
   */
  readonly counts: PlanSummary | null;
}

export const SCHEMA_FIRST_LINE =
  "Then build the Summary sheet over the tables made above (the summary's live counts need them).";

/** The Summary sheet's plan on a workbook with the schema, or the problem that stops it. */
function summaryStep(
  todayIso: string,
  planName: string,
  period: string | null,
): PlanOperation<SummaryDetail> {
  return (state) => {
    // A protected Summary sheet, or a table the schema could not make, stops the summary: say why.
    const block = summaryBlock(state.snapshot, state.model);
    if (block !== null) {
      const stopped = problem(SUMMARY_SHEET, "", "summary/not-possible", block);
      return { plan: null, problems: [stopped], detail: { schemaApplied: true, counts: null } };
    }
    const { plan, summary } = summarySheet(state.snapshot, state.model, { todayIso, planName, period });
    return { plan, problems: [], detail: { schemaApplied: true, counts: summary } };
  };
}

/** The summary of one period (null: the latest the workbook holds; "all" where the core allows it). */
export function summaryOperation(
  todayIso: string,
  planName: string,
  period: string | null = null,
): PlanOperation<SummaryDetail> {
  const step = summaryStep(todayIso, planName, period);
  return (state: PlanState): OperationResult<SummaryDetail> => {
    const applied = state.model.tables.length === 0 || isSchemaApplied(state.snapshot, state.model);
    const unknownPeriod = period === null ? null : periodChoiceProblem(state.model, period);
    if (unknownPeriod !== null) {
      return { plan: null, problems: [unknownPeriod], detail: { schemaApplied: applied, counts: null } };
    }
    if (applied) return step(state);
    const schema = planApplySchema(state.snapshot, state.model);
    // The Summary planned on the workbook the schema made: its detail says the schema came first.
    const afterSchema: PlanOperation<SummaryDetail> = (written) => {
      const summary = step(written);
      return { ...summary, detail: { ...summary.detail, schemaApplied: false } };
    };
    return {
      plan: { ...schema.plan, title: `${schema.plan.title}, then build the Summary sheet` },
      problems: schema.problems,
      detail: { schemaApplied: false, counts: null },
      then: { description: SCHEMA_FIRST_LINE, operation: afterSchema },
    };
  };
}

/** The summary's counts and exceptions as data (the pane's Summary tab, `summary --json`): no write. */
export function summaryCountsOperation(
  todayIso: string,
  period: string | null = null,
): PlanOperation<PlanSummary> {
  return (state) => {
    const unknownPeriod = period === null ? null : periodChoiceProblem(state.model, period);
    return {
      plan: null,
      problems: unknownPeriod === null ? [] : [unknownPeriod],
      detail: summarisePlan(state.model, todayIso, period),
    };
  };
}
