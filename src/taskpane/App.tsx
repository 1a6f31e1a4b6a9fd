import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  Button,
  Spinner,
  Tab,
  TabList,
  makeStyles,
  tokens,
  type SelectTabData,
} from "@fluentui/react-components";
import { undoNote, type UndoScope, type WorkbookHost } from "../core/basics/workbook-host";
import type { Problem } from "../core/basics/problem";
import type { CarryOverOptions } from "../core/planning/carry-over";
import { previewOfPlan } from "../core/basics/describe-write-plan";
import { isSchemaApplied } from "../core/planning/apply-schema";
import { defaultSourceSheet } from "../core/basics/period-names";
import { savedPlanName, summarisePlan } from "../core/planning/summary";
import { SUMMARY_SHEET } from "../core/basics/reserved-names";
import type { LeadCodeStore } from "./lead-code-store";
import {
  applyOperation,
  canApply,
  previewOperation,
  readPlanState,
  type OperationOutcome,
  type OperationPreview,
  type PlanOperation,
  type PlanState,
} from "../operations/run-operation";
import { schemaOperation } from "../operations/apply-schema";
import { carryOverOperation } from "../operations/carry-over";
import { checkProblems } from "../operations/check";
import { leadUpdateOperation, type LeadUpdateRequest } from "../operations/lead-update";
import { summaryOperation } from "../operations/summary";
import type { AppliedChange, CarryOverPreviewData, ChangePreviewData } from "./pane-types";
import { useOperationRunner } from "./use-operation-runner";
import { CarryOverWizard } from "./components/CarryOverWizard";
import { CheckPane } from "./components/CheckPane";
import { ClosePeriod } from "./components/ClosePeriod";
import { closePeriodOperation } from "../operations/close-period";
import { FailureBar } from "./components/FailureBar";
import { MyActions, type SaveOutcome } from "./components/MyActions";
import { OperationProgress } from "./components/OperationProgress";
import { Overview } from "./components/Overview";
import { SummaryPane } from "./components/SummaryPane";
import { DiagnosticsPane } from "./components/DiagnosticsPane";
import { VerificationNotice } from "./components/VerificationNotice";
import type { HostDiagnostics } from "../core/basics/host-diagnostics";
import type { ReturnFiles } from "../core/planning/return-files";
import { ColumnsPane } from "./components/ColumnsPane";
import { type ColumnChoice, columnReview } from "../core/planning/column-review";
import { storeColumnRolesOperation } from "../operations/store-column-roles";

export type PaneTab = "overview" | "check" | "columns" | "mine" | "carry" | "summary" | "returns";

export interface AppProps {
  /** The workbook: Excel (task pane) or an ExcelJS workbook (playground). */
  readonly host: WorkbookHost;
  /** Today as yyyy-mm-dd, for overdue checks and the summary's date. */
  readonly todayIso: string;
  readonly leadCodeStore: LeadCodeStore;
  /** The summary sheet's title until the user changes it. */
  readonly defaultPlanName?: string;
  readonly initialTab?: PaneTab;
  /** "About this Excel" (the Excel pane only): read afresh on every render. */
  readonly diagnostics?: () => HostDiagnostics;
  /** Partner returns as files (the entry wires in the file shell); without it there is no Returns tab. */
  readonly returnFiles?: ReturnFiles;
}

const TABS: ReadonlyArray<{ value: PaneTab; label: string }> = [
  { value: "overview", label: "Overview" },
  { value: "check", label: "Check" },
  { value: "columns", label: "Columns" },
  { value: "mine", label: "My actions" },
  { value: "carry", label: "Carry over" },
  { value: "summary", label: "Summary" },
  { value: "returns", label: "Returns" },
];

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minWidth: "280px",
    maxWidth: "100%",
    boxSizing: "border-box",
  },
  head: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  tabs: { flexWrap: "wrap" },
  panel: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
});

function previewData(
  preview: OperationPreview<unknown>,
  fallbackTitle: string,
  scope: UndoScope,
): ChangePreviewData {
  return {
    undoNote: undoNote(scope),
    title: preview.plan?.title ?? fallbackTitle,
    lines: preview.lines,
    preview: {
      ...(preview.plan === null ? { headline: "", sections: [] } : previewOfPlan(preview.plan)),
      ...(preview.then !== undefined ? { after: preview.then.description } : {}),
    },
    problems: preview.problems,
    canApply: canApply(preview),
  };
}

function appliedChange(outcome: OperationOutcome<unknown>): AppliedChange {
  return {
    written: outcome.report !== null,
    lines: outcome.preview.lines,
    skipped: outcome.report?.skipped ?? [],
    problems: outcome.preview.problems,
  };
}

/**
 * The Returns view is loaded when its tab is first opened: it brings the partner-returns planning with
 * it, which most sessions never use, and the pane's first JavaScript has a budget (webpack.config.js).
 */
const ReturnsPane = lazy(() => import("./components/ReturnsPane").then((m) => ({ default: m.ReturnsPane })));

/** The task pane: reads the plan, and runs each operation through src/operations with progress and errors. */
export function App({
  host,
  todayIso,
  leadCodeStore,
  defaultPlanName,
  initialTab,
  diagnostics,
  returnFiles,
}: AppProps) {
  const styles = useStyles();
  const runner = useOperationRunner();
  const { run } = runner;
  const [state, setState] = useState<PlanState | null>(null);
  const [tab, setTab] = useState<PaneTab>(initialTab ?? "overview");
  const [leadCode, setLeadCode] = useState<string | null>(() => leadCodeStore.load());
  const [selected, setSelected] = useState<string | null>(null);
  const undoScope: UndoScope = host.undoScope?.() ?? "none";
  // What the read-back after the last write found (Excel's verify round trip), until dismissed.
  const [verified, setVerified] = useState<readonly string[]>([]);
  // The workbook as the last preview read it: apply writes only if the plan is still the one shown.
  const previewed = useRef<PlanState | null>(null);

  const refresh = useCallback(async () => {
    const fresh = await run("reading the workbook", (onStep) => readPlanState(host, onStep));
    if (fresh !== null) setState(fresh);
  }, [host, run]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const problems = useMemo(() => (state === null ? [] : checkProblems(state, todayIso)), [state, todayIso]);
  const schemaApplied = useMemo(
    () => state !== null && isSchemaApplied(state.snapshot, state.model),
    [state],
  );
  const columnTables = useMemo(
    () => (state === null ? [] : columnReview(state.snapshot, state.model)),
    [state],
  );
  const summary = useMemo(
    () => (state === null ? null : summarisePlan(state.model, todayIso)),
    [state, todayIso],
  );

  /** Previews, keeping the workbook as read so apply can check nothing changed meanwhile. */
  const preview = useCallback(
    async <T,>(doing: string, operation: PlanOperation<T>) => {
      const result = await run(doing, (onStep) => previewOperation(host, operation, onStep));
      if (result !== null) previewed.current = result.state;
      return result;
    },
    [host, run],
  );

  /**
   * Writes (when `checked`, only the plan the last preview showed), then reads the workbook again so
   * every tab shows what is there now.
   */
  const applyAndRefresh = useCallback(
    async <T,>(doing: string, operation: PlanOperation<T>, checked = true) => {
      const seen = checked ? (previewed.current ?? undefined) : undefined;
      const outcome = await run(doing, (onStep) =>
        applyOperation(host, operation, { onStep, ...(seen ? { previewed: seen } : {}) }),
      );
      setVerified(outcome?.report?.verification ?? []);
      if (outcome !== null && outcome.report !== null) await refresh();
      return outcome;
    },
    [host, run, refresh],
  );

  const onPreviewSchema = useCallback(async () => {
    const result = await preview("preparing the schema", schemaOperation);
    return result === null ? null : previewData(result, "Apply schema", undoScope);
  }, [preview, undoScope]);

  const onApplySchema = useCallback(async () => {
    const outcome = await applyAndRefresh("applying the schema", schemaOperation);
    return outcome === null ? null : appliedChange(outcome);
  }, [applyAndRefresh]);

  const onSelectProblem = useCallback(
    (problem: Problem) => {
      void run("selecting the cell", async () => {
        await host.selectCell(problem.sheet, problem.cell);
        setSelected(`${problem.sheet}!${problem.cell}`);
      });
    },
    [host, run],
  );

  const onLeadCodeChange = useCallback(
    (code: string | null) => {
      leadCodeStore.save(code);
      setLeadCode(code);
    },
    [leadCodeStore],
  );

  const onSave = useCallback(
    async (edit: LeadUpdateRequest): Promise<SaveOutcome | null> => {
      // My actions has no preview: the lead's edit names its action by ref or text, read afresh.
      const outcome = await applyAndRefresh("saving your update", leadUpdateOperation(edit, todayIso), false);
      if (outcome === null) return null;
      return outcome.report !== null ? { saved: true } : { saved: false, problems: outcome.preview.problems };
    },
    [applyAndRefresh, todayIso],
  );

  const onPreviewCarryOver = useCallback(
    async (options: CarryOverOptions): Promise<CarryOverPreviewData | null> => {
      const result = await preview("preparing the carry-over", carryOverOperation(options));
      if (result === null) return null;
      return {
        ...previewData(result, "Carry over", undoScope),
        targetSheet: result.detail.targetSheet,
        carried: result.detail.carried,
        alreadyThere: result.detail.alreadyThere,
        sheets: result.detail.sheets,
        unlistedStatus: result.detail.unlistedStatus,
        pastDue: result.detail.pastDue,
      };
    },
    [preview, undoScope],
  );

  const onApplyCarryOver = useCallback(
    async (options: CarryOverOptions) => {
      const outcome = await applyAndRefresh("carrying actions over", carryOverOperation(options));
      return outcome === null ? null : appliedChange(outcome);
    },
    [applyAndRefresh],
  );

  const onPreviewSummary = useCallback(
    async (planName: string, period: string | null) => {
      const result = await preview("preparing the summary", summaryOperation(todayIso, planName, period));
      return result === null ? null : previewData(result, "Build the summary sheet", undoScope);
    },
    [preview, todayIso, undoScope],
  );

  const onApplySummary = useCallback(
    async (planName: string, period: string | null) => {
      const operation = summaryOperation(todayIso, planName, period);
      const outcome = await applyAndRefresh("building the summary", operation);
      return outcome === null ? null : appliedChange(outcome);
    },
    [applyAndRefresh, todayIso],
  );

  const onPreviewClosePeriod = useCallback(
    async (label: string) => {
      const preview = await run("preparing to close the period", (onStep) =>
        previewOperation(host, closePeriodOperation({ label, todayIso }), onStep),
      );
      return preview === null ? null : previewData(preview, "Close the period", undoScope);
    },
    [host, run, todayIso, undoScope],
  );

  const onApplyClosePeriod = useCallback(
    async (label: string) => {
      const outcome = await applyAndRefresh("closing the period", closePeriodOperation({ label, todayIso }));
      return outcome === null ? null : appliedChange(outcome);
    },
    [applyAndRefresh, todayIso],
  );

  const onPreviewColumns = useCallback(
    async (choices: readonly ColumnChoice[]) => {
      const result = await preview("preparing the column roles", storeColumnRolesOperation(choices));
      if (result === null) return null;
      return {
        ...previewData(result, "Store these column roles", undoScope),
        readingChanges: result.detail.changes,
      };
    },
    [preview, undoScope],
  );

  const onApplyColumns = useCallback(
    async (choices: readonly ColumnChoice[]) => {
      const outcome = await applyAndRefresh("storing the column roles", storeColumnRolesOperation(choices));
      return outcome === null ? null : appliedChange(outcome);
    },
    [applyAndRefresh],
  );

  const busy = runner.step !== null;

  return (
    <main className={styles.root} aria-label="Action plan">
      <div className={styles.head}>
        <TabList
          className={styles.tabs}
          selectedValue={tab}
          onTabSelect={(_, data: SelectTabData) => setTab(data.value as PaneTab)}
          size="small"
          aria-label="Action plan tasks"
        >
          {TABS.filter((t) => t.value !== "returns" || returnFiles !== undefined).map((t) => (
            <Tab key={t.value} value={t.value} id={`tab-${t.value}`} aria-controls={`panel-${t.value}`}>
              {t.value === "check" && state !== null ? `${t.label} (${problems.length})` : t.label}
            </Tab>
          ))}
        </TabList>
        {runner.step !== null ? <OperationProgress step={runner.step} /> : null}
        {runner.failed !== null ? (
          <FailureBar
            failure={runner.failed.failure}
            onRetry={runner.failed.retry}
            onDismiss={runner.failed.dismiss}
          />
        ) : null}
        {verified.length > 0 ? (
          <VerificationNotice findings={verified} onDismiss={() => setVerified([])} />
        ) : null}
      </div>

      {state === null ? (
        runner.failed === null ? (
          <Spinner label="Reading the workbook…" />
        ) : (
          <div>
            <Button onClick={() => void refresh()}>Read the workbook again</Button>
          </div>
        )
      ) : (
        <div className={styles.panel} role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
          {tab === "overview" ? (
            <Overview
              model={state.model}
              schemaApplied={schemaApplied}
              busy={busy}
              onPreviewSchema={onPreviewSchema}
              onApplySchema={onApplySchema}
            />
          ) : null}
          {tab === "overview" ? (
            <ClosePeriod
              model={state.model}
              busy={busy}
              onPreview={onPreviewClosePeriod}
              onApply={onApplyClosePeriod}
            />
          ) : null}
          {tab === "check" ? (
            <CheckPane
              problems={problems}
              busy={busy}
              selected={selected}
              onSelectProblem={onSelectProblem}
              onRecheck={() => void refresh()}
              onOpenColumns={() => setTab("columns")}
            />
          ) : null}
          {tab === "columns" ? (
            <ColumnsPane
              tables={columnTables}
              busy={busy}
              onPreview={onPreviewColumns}
              onApply={onApplyColumns}
            />
          ) : null}
          {tab === "mine" ? (
            <MyActions
              model={state.model}
              todayIso={todayIso}
              leadCode={leadCode}
              busy={busy}
              onLeadCodeChange={onLeadCodeChange}
              onSave={onSave}
            />
          ) : null}
          {tab === "carry" ? (
            <CarryOverWizard
              model={state.model}
              defaultSource={defaultSourceSheet(state.model)}
              todayIso={todayIso}
              busy={busy}
              onPreview={onPreviewCarryOver}
              onApply={onApplyCarryOver}
            />
          ) : null}
          {tab === "summary" && summary !== null ? (
            <SummaryPane
              model={state.model}
              todayIso={todayIso}
              schemaApplied={schemaApplied}
              hasSummarySheet={state.snapshot.sheets.some((s) => s.name === SUMMARY_SHEET)}
              defaultPlanName={
                savedPlanName(state.snapshot) ?? defaultPlanName ?? "Community safety action plan"
              }
              busy={busy}
              onPreviewSummary={onPreviewSummary}
              onApplySummary={onApplySummary}
            />
          ) : null}
          {tab === "returns" && returnFiles !== undefined ? (
            <Suspense fallback={<Spinner label="Opening Returns…" />}>
              <ReturnsPane
                host={host}
                files={returnFiles}
                model={state.model}
                todayIso={todayIso}
                planName={defaultPlanName ?? "Community safety action plan"}
                busy={busy}
                run={run}
                onWritten={refresh}
              />
            </Suspense>
          ) : null}
        </div>
      )}
      {diagnostics ? <DiagnosticsPane info={diagnostics()} /> : null}
    </main>
  );
}
