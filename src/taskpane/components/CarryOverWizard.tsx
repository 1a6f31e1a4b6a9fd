import { useMemo, useState } from "react";
import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Action, PlanModel } from "../../core/basics/plan-model";
import {
  type CarryOverOptions,
  actionIdentity,
  type PastDueChoice,
  type UnlistedStatusChoice,
  carryPeriods,
  defaultCarrySources,
  defaultTargetName,
} from "../../core/planning/carry-over";
import { lastPeriod, sheetNameProblem } from "../../core/basics/period-names";
import type { AppliedChange, CarryOverPreviewData } from "../pane-types";
import { stackedListStyle } from "../pane-styles";
import { countWords } from "../../core/basics/count-words";
import { PreviewList } from "./PreviewList";
import { ProblemList } from "./ProblemList";
import { StatusBadge } from "./StatusBadge";

export interface CarryOverWizardProps {
  readonly model: PlanModel;
  /** The source when no table names a period: the latest year's sheet (defaultSourceSheet). */
  readonly defaultSource: string | null;
  /** Today as yyyy-mm-dd: tells which due dates have passed. */
  readonly todayIso?: string;
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
      readonly targets: readonly string[];
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
  fieldset: { border: "none", margin: 0, padding: 0 },
  buttons: { display: "flex", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/** The Select's value for "the sheets I tick", as opposed to a period. */
const OWN_CHOICE = "";

function firstLine(text: string): string {
  const line = text.split(/\r?\n/)[0] ?? "";
  return line.length > 140 ? `${line.slice(0, 137)}…` : line;
}

/** How the preview names an action it leaves out: its sheet and cell (cells repeat across sheets). */
/**
 * An unticked action as carry-over matches it: its sheet and identity (ref, else its text), never its
 * cell, so a row a co-author inserts between preview and apply cannot change which action is left out;
 * the sheet tells apart the same ref on two theme sheets.
 */
function actionKey(action: Action): string {
  return `${action.sheet}!${actionIdentity(action)}`;
}

function quoted(names: readonly string[]): string {
  return names.map((n) => `'${n}'`).join(", ");
}

/**
 * Carry outstanding actions to the new period: choose a period (all its sheets) or the sheets, say what
 * happens to a status outside the list and to past due dates, preview (untick any), apply.
 */
export function CarryOverWizard({
  model,
  defaultSource,
  todayIso,
  busy,
  onPreview,
  onApply,
}: CarryOverWizardProps) {
  const styles = useStyles();
  const sheets = useMemo(() => [...new Set(model.actions.map((a) => a.sheet))], [model]);
  const periods = useMemo(() => carryPeriods(model), [model]);
  const initialSheets = useMemo(() => {
    const fromPeriod = defaultCarrySources(model);
    if (periods.length > 0 && fromPeriod.length > 0) return fromPeriod;
    const one = defaultSource ?? sheets[0];
    return one === undefined ? [] : [one];
  }, [model, periods, defaultSource, sheets]);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(() => new Set(initialSheets));
  const [periodChoice, setPeriodChoice] = useState(
    periods.length > 0 ? (periods[0]?.period ?? OWN_CHOICE) : OWN_CHOICE,
  );
  const [periodText, setPeriodText] = useState("");
  const [target, setTarget] = useState<string | null>(null);
  const [renumber, setRenumber] = useState(false);
  const [unlistedStatus, setUnlistedStatus] = useState<UnlistedStatusChoice>("keep");
  const [pastDue, setPastDue] = useState<PastDueChoice>("keep");
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const [step, setStep] = useState<WizardStep>({ kind: "choose" });

  const chosen = sheets.filter((s) => ticked.has(s));
  const period = periodText.trim() === "" ? undefined : periodText.trim();
  const periodProblem =
    period !== undefined && lastPeriod(period)?.text !== period
      ? `'${period}' is not a year or a period such as 2011-12.`
      : null;
  const names = chosen.map((sheet) => ({ sheet, name: defaultTargetName(model, sheet, period) }));
  /** Sheets whose name and title name no period, so their new names need the period typed in. */
  const unnamed = chosen.filter((sheet) => !("name" in defaultTargetName(model, sheet)));
  const single = chosen.length === 1 ? names[0] : undefined;
  const suggested = single !== undefined && "name" in single.name ? single.name.name : "";
  const singleTarget = (target ?? suggested).trim();
  // A name the user has not typed is not an error: the field says what to do until they type.
  const targetProblem = target === null || singleTarget === "" ? null : sheetNameProblem(singleTarget);
  const namesReady =
    single !== undefined
      ? singleTarget !== "" && targetProblem === null
      : chosen.length > 1 && names.every((n) => "name" in n.name);
  const canPreview = namesReady && periodProblem === null && !busy;

  const optionsFor = (exclude: readonly string[]): CarryOverOptions => ({
    fromSheet: chosen.length === 1 ? (chosen[0] ?? "") : chosen,
    ...(single !== undefined ? { toSheet: singleTarget } : {}),
    ...(period !== undefined ? { period } : {}),
    renumber,
    exclude,
    unlistedStatus,
    pastDue,
    ...(todayIso !== undefined ? { todayIso } : {}),
  });

  const choosePeriod = (value: string) => {
    setPeriodChoice(value);
    const match = periods.find((p) => p.period === value);
    if (match !== undefined) setTicked(new Set(match.sheets));
    setTarget(null);
  };

  const toggleSheet = (sheet: string, on: boolean) => {
    const next = new Set(ticked);
    if (on) next.add(sheet);
    else next.delete(sheet);
    setTicked(next);
    setPeriodChoice(OWN_CHOICE);
    setTarget(null);
  };

  const preview = async () => {
    setUnticked(new Set());
    const opts = optionsFor([]);
    const result = await onPreview(opts);
    if (result !== null) setStep({ kind: "preview", preview: result, options: opts });
  };

  const apply = async (preview: CarryOverPreviewData, options: CarryOverOptions) => {
    const applied = await onApply({ ...options, exclude: [...unticked] });
    if (applied !== null) {
      const count = preview.carried.filter((a) => !unticked.has(actionKey(a))).length;
      const targets = preview.sheets
        .filter((s) => s.carried.some((a) => !unticked.has(actionKey(a))))
        .map((s) => s.target);
      setStep({
        kind: "done",
        applied,
        targets: targets.length > 0 ? targets : [preview.targetSheet],
        count,
      });
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
              ? `Carried ${countWords(step.count, "action")} to ${quoted(step.targets)}. ${chosen.length === 1 ? `'${chosen[0] ?? ""}' is` : "The old sheets are"} unchanged.`
              : step.applied.problems.some((p) => p.severity === "error")
                ? "Nothing was written: see the problem below."
                : "Nothing was written: every outstanding action is already on the new sheets."}
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
    const { preview: p, options } = step;
    const ticks = p.carried.filter((a) => !unticked.has(actionKey(a))).length;
    const several = p.sheets.length > 1;
    const from = several ? `${p.sheets.length} sheets` : `'${p.sheets[0]?.source ?? chosen[0] ?? ""}'`;
    return (
      <div className={styles.root}>
        <Subtitle2 as="h2">
          Step 2 of 2: {countWords(p.carried.length, "outstanding action")} from {from}
          {several ? "" : ` to '${p.targetSheet}'`}
        </Subtitle2>
        {several ? (
          <ul className={styles.list} aria-label="New sheets">
            {p.sheets.map((s) => (
              <li key={s.source}>
                <Caption1>
                  {s.source} → {s.target}: {countWords(s.carried.length, "action")}
                  {s.alreadyThere.length > 0 ? ` (${s.alreadyThere.length} already there)` : ""}
                </Caption1>
              </li>
            ))}
          </ul>
        ) : null}
        {!several && p.alreadyThere.length > 0 ? (
          <Caption1>
            {p.alreadyThere.length} already on &apos;{p.targetSheet}&apos; (left as they are).
          </Caption1>
        ) : null}
        {p.unlistedStatus.length > 0 ? (
          <Caption1 role="note">
            {countWords(p.unlistedStatus.length, "action")} with a status not in the list (
            {[...new Set(p.unlistedStatus.map((a) => a.statusText ?? ""))].join(", ")}):{" "}
            {options.unlistedStatus === "clear"
              ? "the status is left blank for the lead to choose."
              : "kept as typed and marked on the new sheet."}{" "}
            Go back to change this.
          </Caption1>
        ) : null}
        {p.pastDue.length > 0 ? (
          <Caption1 role="note">
            {countWords(p.pastDue.length, "action")} with a due date already past:{" "}
            {options.pastDue === "roll"
              ? "moved on a year."
              : options.pastDue === "clear"
                ? "the date is left blank."
                : "the date is kept."}{" "}
            Go back to change this.
          </Caption1>
        ) : null}
        {p.carried.length > 0 ? (
          <fieldset className={styles.fieldset}>
            <legend>
              <Caption1>Untick any action that should not be carried over.</Caption1>
            </legend>
            <ul className={styles.list} aria-label="Outstanding actions">
              {p.carried.map((action) => (
                <li key={`${action.sheet}!${action.cell}`}>
                  <Checkbox
                    checked={!unticked.has(actionKey(action))}
                    onChange={(_, data) => {
                      const nextSet = new Set(unticked);
                      if (data.checked === true) nextSet.delete(actionKey(action));
                      else nextSet.add(actionKey(action));
                      setUnticked(nextSet);
                    }}
                    label={
                      <span className={styles.label}>
                        <span>
                          <strong>
                            {several ? `${action.sheet} ` : ""}
                            {action.ref ?? action.cell}
                          </strong>{" "}
                          <StatusBadge status={action.status} guessed={action.statusGuessed} />
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
            <MessageBarBody>No outstanding actions left to carry from {from}.</MessageBarBody>
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
            disabled={busy || !p.canApply || ticks === 0}
            onClick={() => void apply(p, options)}
          >
            Carry over {countWords(ticks, "action")}
          </Button>
          <Button disabled={busy} onClick={() => setStep({ kind: "choose" })}>
            Back
          </Button>
        </div>
      </div>
    );
  }

  const namingHint =
    single !== undefined && "problem" in single.name && target === null
      ? `${single.name.problem.message} Type the new sheet's name.`
      : undefined;
  return (
    <div className={styles.root}>
      <Subtitle2 as="h2">Step 1 of 2: choose the period or the sheets</Subtitle2>
      <Caption1>
        Every action not Complete is copied to a sheet of the new period with where it came from and its last
        update (kept in its own column). The old sheets are not changed.
      </Caption1>
      {periods.length > 0 ? (
        <Field label="Carry over the period">
          <Select value={periodChoice} onChange={(_, data) => choosePeriod(data.value)}>
            {periods.map((p) => (
              <option key={p.period} value={p.period}>
                {p.period} (all {countWords(p.sheets.length, "sheet")})
              </option>
            ))}
            <option value={OWN_CHOICE}>The sheets I tick below</option>
          </Select>
        </Field>
      ) : null}
      <fieldset className={styles.fieldset}>
        <legend>
          <Caption1>Sheets to carry over</Caption1>
        </legend>
        <ul className={styles.list} aria-label="Sheets to carry over">
          {sheets.map((sheet) => {
            const name = names.find((n) => n.sheet === sheet)?.name;
            const to = chosen.length > 1 && name !== undefined && "name" in name ? ` → ${name.name}` : "";
            return (
              <li key={sheet}>
                <Checkbox
                  checked={ticked.has(sheet)}
                  onChange={(_, data) => toggleSheet(sheet, data.checked === true)}
                  label={`${sheet}${to}`}
                />
              </li>
            );
          })}
        </ul>
      </fieldset>
      {unnamed.length > 0 && (chosen.length > 1 || target === null) ? (
        <Field
          label="The period these sheets cover"
          hint={`${quoted(unnamed)} ${unnamed.length === 1 ? "names" : "name"} no year: say which period ${unnamed.length === 1 ? "it covers" : "they cover"} (for example 2011-12) and the new sheets are named for the next one.`}
          validationMessage={periodProblem ?? undefined}
          validationState={periodProblem !== null ? "error" : "none"}
        >
          <Input value={periodText} onChange={(_, data) => setPeriodText(data.value)} />
        </Field>
      ) : null}
      {single !== undefined ? (
        <Field
          label="New sheet"
          required
          hint={namingHint}
          validationMessage={targetProblem ?? undefined}
          validationState={targetProblem !== null ? "error" : "none"}
        >
          <Input value={target ?? suggested} onChange={(_, data) => setTarget(data.value)} />
        </Field>
      ) : null}
      <Field label="A status not in the list (such as TBC)">
        <RadioGroup
          value={unlistedStatus}
          onChange={(_, data) => setUnlistedStatus(data.value === "clear" ? "clear" : "keep")}
        >
          <Radio value="keep" label="Keep it as typed and mark it" />
          <Radio value="clear" label="Leave it blank for the lead to choose" />
        </RadioGroup>
      </Field>
      <Field label="A due date already past">
        <RadioGroup
          value={pastDue}
          onChange={(_, data) =>
            setPastDue(data.value === "roll" ? "roll" : data.value === "clear" ? "clear" : "keep")
          }
        >
          <Radio value="keep" label="Keep it" />
          <Radio value="roll" label="Move it on a year" />
          <Radio value="clear" label="Leave it blank" />
        </RadioGroup>
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
