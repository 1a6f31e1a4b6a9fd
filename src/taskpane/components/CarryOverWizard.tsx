import { useMemo, useState } from "react";
import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { PlanModel } from "../../core/plan-model";
import { actionIdentity, type CarryOverOptions } from "../../core/carry-over";
import { nextPeriodSheetName, sheetNameProblem } from "../../core/period-names";
import type { AppliedChange, CarryOverPreviewData } from "../pane-types";
import { stackedListStyle } from "../pane-styles";
import { countWords } from "../../core/count-words";
import { PreviewList } from "./PreviewList";
import { ProblemList } from "./ProblemList";
import { StatusBadge } from "./StatusBadge";

export interface CarryOverWizardProps {
  readonly model: PlanModel;
  /** The default source: the latest year's sheet (defaultSourceSheet). */
  readonly defaultSource: string | null;
  readonly busy: boolean;
  readonly onPreview: (options: CarryOverOptions) => Promise<CarryOverPreviewData | null>;
  readonly onApply: (options: CarryOverOptions) => Promise<AppliedChange | null>;
}

type WizardStep =
  | { readonly kind: "choose" }
  | { readonly kind: "preview"; readonly preview: CarryOverPreviewData; readonly options: CarryOverOptions }
  | {
      readonly kind: "done";
      readonly applied: AppliedChange;
      readonly target: string;
      readonly count: number;
    };

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  list: stackedListStyle(tokens.spacingVerticalXS),
  label: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    whiteSpace: "pre-wrap",
  },
  buttons: { display: "flex", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

function suggestedTarget(source: string): string {
  const next = nextPeriodSheetName(source);
  return "name" in next ? next.name : "";
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/)[0] ?? "";
  return line.length > 140 ? `${line.slice(0, 137)}…` : line;
}

/** Carry outstanding actions to a new year's sheet: choose, preview (untick any), apply. */
export function CarryOverWizard({ model, defaultSource, busy, onPreview, onApply }: CarryOverWizardProps) {
  const styles = useStyles();
  const sheets = useMemo(() => [...new Set(model.actions.map((a) => a.sheet))], [model]);
  const initialSource = defaultSource ?? sheets[0] ?? "";
  const [source, setSource] = useState(initialSource);
  const [target, setTarget] = useState(() => suggestedTarget(initialSource));
  const [renumber, setRenumber] = useState(false);
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const [step, setStep] = useState<WizardStep>({ kind: "choose" });

  const next = nextPeriodSheetName(source);
  const targetProblem = target.trim() === "" ? null : sheetNameProblem(target.trim());
  const canPreview = source !== "" && target.trim() !== "" && targetProblem === null && !busy;

  const options = (): CarryOverOptions => ({
    fromSheet: source,
    toSheet: target.trim(),
    renumber,
    exclude: [...unticked],
  });

  const preview = async () => {
    setUnticked(new Set());
    const opts = { fromSheet: source, toSheet: target.trim(), renumber, exclude: [] };
    const result = await onPreview(opts);
    if (result !== null) setStep({ kind: "preview", preview: result, options: opts });
  };

  const apply = async (preview: CarryOverPreviewData) => {
    const opts = options();
    const applied = await onApply(opts);
    if (applied !== null) {
      const count = preview.carried.filter((a) => !unticked.has(actionIdentity(a))).length;
      setStep({ kind: "done", applied, target: preview.targetSheet, count });
    }
  };

  if (sheets.length === 0) {
    return (
      <MessageBar intent="info">
        <MessageBarBody>There are no actions to carry over: no action table was found.</MessageBarBody>
      </MessageBar>
    );
  }

  if (step.kind === "done") {
    return (
      <div className={styles.root}>
        <MessageBar intent={step.applied.written ? "success" : "info"}>
          <MessageBarBody>
            {step.applied.written
              ? `Carried ${step.count} action${step.count === 1 ? "" : "s"} to '${step.target}'. '${source}' is unchanged.`
              : step.applied.problems.some((p) => p.severity === "error")
                ? "Nothing was written: see the problem below."
                : "Nothing was written: every outstanding action is already on the target sheet."}
            {step.applied.skipped.length > 0 ? ` Left out here: ${step.applied.skipped.join("; ")}.` : ""}
          </MessageBarBody>
        </MessageBar>
        {step.applied.problems.length > 0 ? (
          <ProblemList problems={step.applied.problems} label="Problems found while carrying over" />
        ) : null}
        <div>
          <Button onClick={() => setStep({ kind: "choose" })}>Start again</Button>
        </div>
      </div>
    );
  }

  if (step.kind === "preview") {
    const { preview: p } = step;
    const ticked = p.carried.filter((a) => !unticked.has(actionIdentity(a))).length;
    return (
      <div className={styles.root}>
        <Subtitle2 as="h2">
          Step 2 of 2: {p.carried.length} outstanding action{p.carried.length === 1 ? "" : "s"} from '{source}
          ' to '{p.targetSheet}'
        </Subtitle2>
        {p.alreadyThere.length > 0 ? (
          <Caption1>
            {p.alreadyThere.length} already on '{p.targetSheet}' (left as they are).
          </Caption1>
        ) : null}
        {p.carried.length > 0 ? (
          <fieldset style={{ border: "none", margin: 0, padding: 0 }}>
            <legend>
              <Caption1>Untick any action that should not be carried over.</Caption1>
            </legend>
            <ul className={styles.list} aria-label="Outstanding actions">
              {p.carried.map((action) => (
                <li key={action.cell}>
                  <Checkbox
                    checked={!unticked.has(actionIdentity(action))}
                    onChange={(_, data) => {
                      const nextSet = new Set(unticked);
                      if (data.checked === true) nextSet.delete(actionIdentity(action));
                      else nextSet.add(actionIdentity(action));
                      setUnticked(nextSet);
                    }}
                    label={
                      <span className={styles.label}>
                        <span>
                          <strong>{action.ref ?? action.cell}</strong> <StatusBadge status={action.status} />
                        </span>
                        <span>{firstLine(action.action)}</span>
                      </span>
                    }
                  />
                </li>
              ))}
            </ul>
          </fieldset>
        ) : (
          <MessageBar intent="info">
            <MessageBarBody>No outstanding actions left to carry from '{source}'.</MessageBarBody>
          </MessageBar>
        )}
        {p.lines.length > 0 ? (
          <details>
            <summary>What will be written</summary>
            <PreviewList preview={p.preview} label="Changes that will be written" />
          </details>
        ) : null}
        {p.problems.length > 0 ? <ProblemList problems={p.problems} label="Problems found" /> : null}
        <Caption1 role="note">{p.undoNote}</Caption1>
        <div className={styles.buttons}>
          <Button
            appearance="primary"
            disabled={busy || !p.canApply || ticked === 0}
            onClick={() => void apply(p)}
          >
            Carry over {countWords(ticked, "action")}
          </Button>
          <Button disabled={busy} onClick={() => setStep({ kind: "choose" })}>
            Back
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className={styles.root}>
      <Subtitle2 as="h2">Step 1 of 2: choose the sheets</Subtitle2>
      <Caption1>
        Every action not Complete is copied to the new year&apos;s sheet with where it came from and its last
        update. The old sheet is not changed.
      </Caption1>
      <Field label="Carry over from">
        <Select
          value={source}
          onChange={(_, data) => {
            setSource(data.value);
            setTarget(suggestedTarget(data.value));
          }}
        >
          {sheets.map((sheet) => (
            <option key={sheet} value={sheet}>
              {sheet}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="New sheet"
        required
        validationMessage={
          targetProblem ?? (target.trim() === "" && "problem" in next ? next.problem : undefined)
        }
        validationState={targetProblem !== null || target.trim() === "" ? "error" : "none"}
      >
        <Input value={target} onChange={(_, data) => setTarget(data.value)} />
      </Field>
      <Checkbox
        checked={renumber}
        onChange={(_, data) => setRenumber(data.checked === true)}
        label="Renumber as N.1, N.2 … under a parent row “Carried over from …”"
      />
      <div>
        <Button appearance="primary" disabled={!canPreview} onClick={() => void preview()}>
          Next: preview
        </Button>
      </div>
    </div>
  );
}
