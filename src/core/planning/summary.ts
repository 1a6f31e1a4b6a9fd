/**
 * One-click summary tables for the board's meeting pack (issue 8): the counts as data
 * (summarisePlan, the CLI's `summary --json`) and the Summary sheet as a write plan (planSummarySheet).
 */
export {
  NO_LEAD,
  SUMMARY_COLUMNS,
  exceptionActions,
  exceptionReason,
  isException,
  isOverdue,
  overdueDays,
  leadsOfAction,
  summarisePlan,
  themeOfAction,
  type LeadCounts,
  type PlanSummary,
  type StatusCounts,
  type SummaryColumn,
  type SummaryException,
  type ThemeCounts,
  type TravelCounts,
} from "./summary-counts";
export {
  SUMMARY_CHART_NAME,
  SummaryNotPossibleError,
  ensureSummaryPossible,
  isSummaryPossible,
  planSummarySheet,
  savedPlanName,
  summaryBlocker,
  summarySheet,
  type SummarySheet,
  type SummarySheetOptions,
} from "./summary-sheet";
