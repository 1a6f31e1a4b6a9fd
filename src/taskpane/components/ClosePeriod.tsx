import { useMemo, useState } from "react";
import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { MAX_PERIOD_LABEL_LENGTH, periodLabelProblem } from "../../core/planning/close-period";
import type { PlanModel } from "../../core/basics/plan-model";
import { STATUS_HISTORY_SHEET, periodKey } from "../../core/reading/status-history";
import type { AppliedChange, ChangePreviewData } from "../pane-types";
import { ChangePreview } from "./ChangePreview";
import { PaneSection } from "./PaneSection";

export interface ClosePeriodProps {
  readonly model: PlanModel;
  readonly busy: boolean;
  readonly onPreview: (label: string) => Promise<ChangePreviewData | null>;
  readonly onApply: (label: string) => Promise<AppliedChange | null>;
}

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
});

/** The periods the plan's actions have a history for, oldest first as the first action with each gives them. */
export function recordedPeriods(model: PlanModel): readonly string[] {
  const seen = new Map<string, string>();
  for (const action of model.actions) {
    for (const record of action.history) {
      if (!seen.has(periodKey(record.period))) seen.set(periodKey(record.period), record.period);
    }
  }
  return [...seen.values()];
}

/** Close the period: record every action's status and update under a label, previewed before writing. */
export function ClosePeriod({ model, busy, onPreview, onApply }: ClosePeriodProps) {
  const styles = useStyles();
  const [label, setLabel] = useState("");
  const [tried, setTried] = useState(false);
  const [preview, setPreview] = useState<ChangePreviewData | null>(null);
  const [applied, setApplied] = useState<{ label: string; change: AppliedChange } | null>(null);
  const periods = useMemo(() => recordedPeriods(model), [model]);
  const labelError = periodLabelProblem(label);
  const again = periods.some((p) => periodKey(p) === periodKey(label));

  const showPreview = async () => {
    setTried(true);
    setApplied(null);
    if (labelError !== null) return;
    setPreview(await onPreview(label));
  };
  const apply = async () => {
    const change = await onApply(label);
    if (change !== null) {
      setPreview(null);
      setApplied({ label: label.trim(), change });
    }
  };

  return (
    <PaneSection id="close-period" heading="Close the period">
      <Caption1>
        Records every action&apos;s status and update under the period&apos;s label on the &apos;
        {STATUS_HISTORY_SHEET}&apos; sheet, so the next period shows what got better and what got worse. Close
        it once the board has seen this period&apos;s report.
        {periods.length > 0 ? ` Recorded so far: ${periods.join(", ")}.` : ""}
      </Caption1>
      {applied !== null ? (
        <MessageBar intent={applied.change.written ? "success" : "info"}>
          <MessageBarBody>
            {applied.change.written
              ? `Period '${applied.label}' closed.`
              : `Nothing was written for '${applied.label}'.`}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {preview === null ? (
        <form
          className={styles.form}
          aria-label="Close the period"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void showPreview();
          }}
        >
          <Field
            label="Period"
            required
            hint={
              again
                ? "This period is already recorded: closing it again replaces its rows."
                : `For example Q2 2012-13 (at most ${MAX_PERIOD_LABEL_LENGTH} characters).`
            }
            validationMessage={tried && labelError !== null ? labelError.message : undefined}
          >
            <Input value={label} onChange={(_, data) => setLabel(data.value)} />
          </Field>
          <div>
            <Button type="submit" disabled={busy}>
              Close the period…
            </Button>
          </div>
        </form>
      ) : (
        <ChangePreview
          data={preview}
          applyLabel="Close the period"
          busy={busy}
          onApply={() => void apply()}
          onCancel={() => setPreview(null)}
        />
      )}
    </PaneSection>
  );
}
