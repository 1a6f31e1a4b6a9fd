import { useMemo, useState } from "react";
import {
  Body1Strong,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { PlanModel, Status } from "../../core/basics/plan-model";
import { summarisePlan } from "../../core/planning/summary";
import { ALL_PERIODS, planPeriods } from "../../core/reading/table-periods";
import { formatDate } from "../format-date";
import type { AppliedChange, ChangePreviewData } from "../pane-types";
import { stackedListStyle } from "../pane-styles";
import { ChangePreview } from "./ChangePreview";
import { PaneSection } from "./PaneSection";
import { StatusBadge } from "./StatusBadge";
import { StatusChart } from "./StatusChart";
import { StatusCounts } from "./StatusCounts";

export type PlanSummary = ReturnType<typeof summarisePlan>;

export interface SummaryPaneProps {
  /** The plan read from the workbook: the pane summarises the period chosen here. */
  readonly model: PlanModel;
  readonly todayIso: string;
  readonly schemaApplied: boolean;
  /** Whether the workbook already has a Summary sheet (then the button refreshes it). */
  readonly hasSummarySheet: boolean;
  readonly defaultPlanName: string;
  readonly busy: boolean;
  /** `period` as chosen in the pane (a period found, or ALL_PERIODS), null when the plan names none. */
  readonly onPreviewSummary: (planName: string, period: string | null) => Promise<ChangePreviewData | null>;
  readonly onApplySummary: (planName: string, period: string | null) => Promise<AppliedChange | null>;
}

const COLUMNS: ReadonlyArray<{ key: Status | "No status"; status: Status | null }> = [
  { key: "Red", status: "Red" },
  { key: "Amber", status: "Amber" },
  { key: "Green", status: "Green" },
  { key: "Complete", status: "Complete" },
  { key: "Not started", status: "Not started" },
  { key: "No status", status: null },
];

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalL },
  themes: stackedListStyle(tokens.spacingVerticalM),
  theme: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  text: { whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

type Pending = { readonly preview: ChangePreviewData };

/** The summary for the board's papers: the counts here, and a Summary sheet built or refreshed in one click. */
export function SummaryPane(props: SummaryPaneProps) {
  const styles = useStyles();
  const periods = useMemo(() => planPeriods(props.model), [props.model]);
  const [chosen, setChosen] = useState<string | null>(null);
  // The latest period until the user chooses another (or the chosen one is gone after a re-read).
  const period =
    chosen !== null && (chosen === ALL_PERIODS || periods.includes(chosen)) ? chosen : (periods[0] ?? null);
  const summary = useMemo(
    () => summarisePlan(props.model, props.todayIso, period),
    [props.model, props.todayIso, period],
  );
  const [planName, setPlanName] = useState(props.defaultPlanName);
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const previewSummary = async () => {
    setDone(null);
    const preview = await props.onPreviewSummary(planName, period);
    if (preview !== null) setPending({ preview });
  };
  const apply = async () => {
    const applied = await props.onApplySummary(planName, period);
    if (applied === null) return;
    if (!applied.written) {
      // Nothing was written (the workbook changed since the preview, or a problem stops it): say why.
      setPending((p) => p && { preview: { ...p.preview, problems: applied.problems, canApply: false } });
      return;
    }
    setPending(null);
    const skipped = applied.skipped.length > 0 ? ` Left out here: ${applied.skipped.join("; ")}.` : "";
    setDone(
      `${props.schemaApplied ? "" : "Schema applied. "}The Summary sheet is ${props.hasSummarySheet ? "refreshed" : "built"}.${skipped}`,
    );
  };

  // % complete as the Summary sheet defines it: Complete over the actions that have started.
  const pct = (row: { Red: number; Amber: number; Green: number; Complete: number }) => {
    const started = row.Red + row.Amber + row.Green + row.Complete;
    return started === 0 ? "–" : `${Math.round((row.Complete / started) * 100)}%`;
  };
  const periodWords = summary.period === null ? "" : `, ${summary.period}`;

  return (
    <div className={styles.root}>
      <PaneSection id="summary-sheet" heading="Summary sheet">
        {!props.schemaApplied ? (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>The schema is not applied to this workbook yet.</MessageBarTitle> The summary
              counts from the action tables the schema makes, so building it applies the schema first: the
              preview lists those changes too.
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {done !== null ? (
          <MessageBar intent="success">
            <MessageBarBody>{done}</MessageBarBody>
          </MessageBar>
        ) : null}
        {periods.length > 0 ? (
          <Field label="Period" hint="The summary counts this period's sheets (and sheets with no period).">
            <Select
              value={period ?? ALL_PERIODS}
              disabled={pending !== null}
              onChange={(_, data) => setChosen(data.value)}
            >
              {periods.map((p, i) => (
                <option key={p} value={p}>
                  {i === 0 ? `${p} (latest)` : p}
                </option>
              ))}
              <option value={ALL_PERIODS}>All periods</option>
            </Select>
          </Field>
        ) : null}
        <Field label="Plan name (the sheet's title)">
          <Input value={planName} onChange={(_, data) => setPlanName(data.value)} />
        </Field>
        {pending === null ? (
          <div>
            <Button
              appearance="primary"
              disabled={props.busy || planName.trim() === ""}
              onClick={() => void previewSummary()}
            >
              {props.hasSummarySheet ? "Refresh summary sheet…" : "Build summary sheet…"}
            </Button>
          </div>
        ) : (
          <ChangePreview
            data={pending.preview}
            applyLabel={props.schemaApplied ? "Build summary" : "Apply schema and build summary"}
            busy={props.busy}
            onApply={() => void apply()}
            onCancel={() => setPending(null)}
          />
        )}
      </PaneSection>

      <PaneSection
        id="summary-theme"
        heading={`Status by theme${periodWords}, as at ${formatDate(props.todayIso)}`}
      >
        <StatusChart
          title={`Status by theme${periodWords}`}
          rows={summary.byTheme.map((t) => ({ label: t.theme, counts: t }))}
        />
        <ul className={styles.themes} aria-label="Status by theme">
          {[...summary.byTheme, { theme: "All themes", ...summary.totals }].map((row) => (
            <li key={row.theme} className={styles.theme}>
              <Body1Strong className={styles.text}>{row.theme}</Body1Strong>
              <StatusCounts
                label={`${row.theme}: actions by status`}
                counts={COLUMNS.map((c) => ({ status: c.status, count: row[c.key] }))}
              />
              <Caption1>
                {row.Total} action{row.Total === 1 ? "" : "s"} · {pct(row)} complete
              </Caption1>
            </li>
          ))}
        </ul>
      </PaneSection>

      <PaneSection id="summary-exceptions" heading={`Exceptions: ${summary.exceptions.length}`}>
        {summary.exceptions.length === 0 ? (
          <Caption1>No Red, Amber or overdue actions.</Caption1>
        ) : (
          <ul className={styles.list} aria-label="Red, Amber and overdue actions">
            {summary.exceptions.map((e, i) => (
              <li key={`${e.sheet}/${e.ref ?? ""}/${i}`} className={styles.text}>
                <StatusBadge status={e.status} /> {e.sheet}
                {e.ref !== null ? ` · ${e.ref}` : ""}
                {e.due !== null ? ` · due ${formatDate(e.due)}` : ""}: {e.action.split(/\r?\n/)[0]}
              </li>
            ))}
          </ul>
        )}
      </PaneSection>
    </div>
  );
}
