import { useMemo, useState } from "react";
import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  Label,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { PlanModel } from "../../core/basics/plan-model";
import type { WorkbookHost } from "../../core/basics/workbook-host";
import type { ReturnFiles } from "../../core/planning/return-files";
import { returnLeads } from "../../core/planning/returns-make";
import type {
  ConflictChoice,
  MergeResult,
  ReturnAnswer,
  ReturnedFile,
} from "../../core/planning/returns-merge";
import {
  applyOperation,
  canApply,
  previewOperation,
  type OperationPreview,
  type StepListener,
} from "../../operations/run-operation";
import { makeReturnsOperation, mergeReturnsOperation } from "../../operations/returns";
import { stackedListStyle } from "../pane-styles";
import { PaneSection } from "./PaneSection";
import { ProblemList } from "./ProblemList";

export interface ReturnsPaneProps {
  readonly host: WorkbookHost;
  /** Returns as files (the entry wires in the file shell). */
  readonly files: ReturnFiles;
  readonly model: PlanModel;
  readonly todayIso: string;
  readonly planName: string;
  readonly busy: boolean;
  /** The pane's runner (progress, failures with Retry). */
  readonly run: <T>(doing: string, work: (onStep: StepListener) => Promise<T>) => Promise<T | null>;
  /** Called after the workbook was written, so the pane reads it again. */
  readonly onWritten: () => Promise<void>;
}

/** A return made, ready to download. */
interface MadeFile {
  readonly name: string;
  readonly lead: string;
  readonly actions: number;
  readonly url: string;
}

const useStyles = makeStyles({
  list: stackedListStyle(tokens.spacingVerticalXS),
  leads: { display: "flex", flexDirection: "column" },
  row: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    overflowWrap: "anywhere",
  },
  buttons: { display: "flex", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  conflict: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalS,
  },
  update: { whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
});

function statusWords(status: string | null): string {
  return status ?? "no status";
}

function shortText(text: string): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one === "" ? "(no update)" : one.length > 140 ? `${one.slice(0, 137)}…` : one;
}

function answerPlace(a: ReturnAnswer): string {
  return `${a.ref !== null ? `Action ${a.ref}` : a.cell} on '${a.sheet}' (${a.lead})`;
}

/** One answer as old → new status and update. */
function AnswerLine({ answer }: { readonly answer: ReturnAnswer }) {
  const styles = useStyles();
  return (
    <li className={styles.row}>
      <Body1>
        {answerPlace(answer)}: {statusWords(answer.plan.status)} → {statusWords(answer.answer.status)}
      </Body1>
      <Caption1 className={styles.update}>Update: {shortText(answer.answer.update)}</Caption1>
    </li>
  );
}

/**
 * Partner returns: make one workbook per lead to send (downloads), and merge the returned workbooks
 * back with a preview, the conflicts to settle, and Apply.
 */
export function ReturnsPane({
  host,
  files,
  model,
  todayIso,
  planName,
  busy,
  run,
  onWritten,
}: ReturnsPaneProps) {
  const styles = useStyles();
  const leads = useMemo(() => returnLeads(model), [model]);
  const [unchosen, setUnchosen] = useState<ReadonlySet<string>>(new Set());
  const [name, setName] = useState(planName);
  const [made, setMade] = useState<readonly MadeFile[]>([]);
  const [makeNote, setMakeNote] = useState<string | null>(null);
  const [makeProblems, setMakeProblems] = useState<OperationPreview<unknown>["problems"]>([]);
  const [returned, setReturned] = useState<readonly ReturnedFile[]>([]);
  const [choices, setChoices] = useState<Readonly<Record<string, ConflictChoice>>>({});
  const [preview, setPreview] = useState<OperationPreview<MergeResult> | null>(null);
  const [merged, setMerged] = useState<string | null>(null);

  const chosen = leads.filter((l) => !unchosen.has(l.code)).map((l) => l.code);

  const onMake = async () => {
    const options = {
      newPlanId: crypto.randomUUID(),
      planName: name.trim() === "" ? planName : name.trim(),
      partnership: "",
      todayIso,
      leads: chosen,
    };
    const result = await run("making the returns", async (onStep) => {
      const operation = makeReturnsOperation(options);
      const first = await previewOperation(host, operation, onStep);
      // The plan records its id before the returns leave, so their merge can check them.
      const outcome = first.plan === null ? null : await applyOperation(host, operation, onStep);
      const detail = outcome?.preview.detail ?? first.detail;
      const list: MadeFile[] = [];
      for (const r of detail.returns) {
        const bytes = await files.returnBytes(r);
        const blob = new Blob([bytes], {
          type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        });
        list.push({
          name: r.fileName,
          lead: r.leadName,
          actions: r.actions.length,
          url: URL.createObjectURL(blob),
        });
      }
      return { list, recorded: outcome !== null && outcome.report !== null, problems: detail.problems };
    });
    if (result === null) return;
    for (const old of made) URL.revokeObjectURL(old.url);
    setMade(result.list);
    setMakeProblems(result.problems);
    setMakeNote(
      `${result.list.length} return${result.list.length === 1 ? "" : "s"} ready to download.` +
        (result.recorded
          ? " The plan's id was recorded in the workbook, so the returns can be merged back."
          : ""),
    );
    if (result.recorded) await onWritten();
  };

  const previewMerge = async (
    files: readonly ReturnedFile[],
    settled: Readonly<Record<string, ConflictChoice>>,
  ) => {
    const next = await run("reading the returns", (onStep) =>
      previewOperation(
        host,
        mergeReturnsOperation(files, { receivedIso: todayIso, choices: settled }),
        onStep,
      ),
    );
    if (next !== null) setPreview(next);
  };

  const onFiles = async (list: FileList | null) => {
    if (list === null || list.length === 0) return;
    setMerged(null);
    const picked = [...list];
    const opened = await run("opening the returned files", async () =>
      Promise.all(picked.map(async (f) => files.readReturned(new Uint8Array(await f.arrayBuffer()), f.name))),
    );
    if (opened === null) return;
    setReturned(opened);
    setChoices({});
    await previewMerge(opened, {});
  };

  const onChoose = async (id: string, choice: ConflictChoice) => {
    const settled = { ...choices, [id]: choice };
    setChoices(settled);
    await previewMerge(returned, settled);
  };

  const onApply = async () => {
    const outcome = await run("merging the returns", (onStep) =>
      applyOperation(host, mergeReturnsOperation(returned, { receivedIso: todayIso, choices }), onStep),
    );
    if (outcome === null) return;
    setPreview(outcome.preview);
    if (outcome.report !== null) {
      setMerged(`${outcome.preview.plan?.title ?? "Merged"}.`);
      await onWritten();
    }
  };

  const detail = preview?.detail ?? null;
  return (
    <>
      <PaneSection id="returns-make" heading="Make returns for leads">
        <Body1>
          Each lead gets a small workbook with only their open actions: they choose a new status and type an
          update, and send it back. Nothing else in the plan is sent.
        </Body1>
        {leads.length === 0 ? (
          <MessageBar intent="info">
            <MessageBarBody>
              No lead has an open action in a table with Status and Update columns, so there is nothing to
              send.
            </MessageBarBody>
          </MessageBar>
        ) : (
          <>
            <Field label="Plan name shown in the returns">
              <Input value={name} onChange={(_, data) => setName(data.value)} />
            </Field>
            <fieldset className={styles.leads}>
              <legend>Leads</legend>
              {leads.map((l) => (
                <Checkbox
                  key={l.code}
                  label={`${l.name === l.code ? l.code : `${l.name} (${l.code})`}: ${l.openActions} action${l.openActions === 1 ? "" : "s"}`}
                  checked={!unchosen.has(l.code)}
                  onChange={(_, data) => {
                    const next = new Set(unchosen);
                    if (data.checked === true) next.delete(l.code);
                    else next.add(l.code);
                    setUnchosen(next);
                  }}
                />
              ))}
            </fieldset>
            <div className={styles.buttons}>
              <Button
                appearance="primary"
                disabled={busy || chosen.length === 0}
                onClick={() => void onMake()}
              >
                Make {chosen.length} return{chosen.length === 1 ? "" : "s"}
              </Button>
            </div>
          </>
        )}
        {makeNote !== null ? (
          <MessageBar intent="success">
            <MessageBarBody>{makeNote}</MessageBarBody>
          </MessageBar>
        ) : null}
        {makeProblems.length > 0 ? (
          <ProblemList problems={makeProblems} label="Left out of the returns" />
        ) : null}
        {made.length > 0 ? (
          <ul className={styles.list} aria-label="Returns to download">
            {made.map((f) => (
              <li key={f.name}>
                <a href={f.url} download={f.name}>
                  Download {f.name}
                </a>{" "}
                <Caption1>
                  ({f.actions} action{f.actions === 1 ? "" : "s"} for {f.lead})
                </Caption1>
              </li>
            ))}
          </ul>
        ) : null}
      </PaneSection>

      <PaneSection id="returns-merge" heading="Merge returned files">
        <div className={styles.row}>
          <Label htmlFor="returns-files">Returned workbooks (.xlsx)</Label>
          <input
            id="returns-files"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple
            aria-describedby="returns-files-hint"
            disabled={busy}
            onChange={(e) => void onFiles(e.currentTarget.files)}
          />
          <Caption1 id="returns-files-hint">Choose one or more files the leads sent back.</Caption1>
        </div>
        {merged !== null ? (
          <MessageBar intent="success">
            <MessageBarBody>{merged}</MessageBarBody>
          </MessageBar>
        ) : null}
        {detail !== null && preview !== null ? (
          <>
            {preview.problems.length > 0 ? (
              <ProblemList problems={preview.problems} label="Returns problems" />
            ) : null}
            {detail.applied.length > 0 ? (
              <section aria-labelledby="returns-applied">
                <Body1 as="h3" id="returns-applied">
                  {merged === null ? "To be written" : "Written"} ({detail.applied.length})
                </Body1>
                <ul className={styles.list}>
                  {detail.applied.map((a) => (
                    <AnswerLine key={a.id} answer={a} />
                  ))}
                </ul>
              </section>
            ) : null}
            {detail.conflicts.length > 0 ? (
              <section aria-labelledby="returns-conflicts">
                <Body1 as="h3" id="returns-conflicts">
                  Conflicts: the plan changed since the return was sent ({detail.conflicts.length})
                </Body1>
                <ul className={styles.list}>
                  {detail.conflicts.map((c) => (
                    <li key={c.id} className={styles.conflict}>
                      <Body1>{answerPlace(c)}</Body1>
                      <RadioGroup
                        aria-label={`Which to keep for ${answerPlace(c)}`}
                        value={c.choice ?? "plan"}
                        disabled={busy}
                        onChange={(_, data) => void onChoose(c.id, data.value as ConflictChoice)}
                      >
                        <Radio
                          value="plan"
                          label={`Keep the plan: ${statusWords(c.plan.status)}, ${shortText(c.plan.update)}`}
                        />
                        <Radio
                          value="return"
                          label={`Take the return: ${statusWords(c.answer.status)}, ${shortText(c.answer.update)}`}
                        />
                      </RadioGroup>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            {detail.alreadyMerged.length > 0 ? (
              <Caption1>
                {detail.alreadyMerged.length} answer{detail.alreadyMerged.length === 1 ? " is" : "s are"} in
                the plan already (merged before): nothing to write for{" "}
                {detail.alreadyMerged.length === 1 ? "it" : "them"}.
              </Caption1>
            ) : null}
            <div className={styles.buttons}>
              <Button
                appearance="primary"
                disabled={busy || !canApply(preview) || merged !== null}
                onClick={() => void onApply()}
              >
                Apply {detail.applied.length} answer{detail.applied.length === 1 ? "" : "s"}
              </Button>
            </div>
          </>
        ) : null}
      </PaneSection>
    </>
  );
}
