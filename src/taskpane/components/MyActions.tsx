import { useEffect, useMemo, useRef, useState } from "react";
import {
  Button,
  Caption1,
  Card,
  CardHeader,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  STATUSES,
  isKnownComplete,
  knownStatus,
  type Action,
  type PlanModel,
  type Status,
} from "../../core/basics/plan-model";
import type { Problem } from "../../core/basics/problem";
import { formatDate } from "../format-date";
import { statusNeedsUpdate } from "../../core/planning/lead-update";
import type { LeadUpdateRequest } from "../../operations/lead-update";
import { stackedListStyle } from "../pane-styles";
import { countWords } from "../../core/basics/count-words";
import { ProblemList } from "./ProblemList";
import { StatusBadge } from "./StatusBadge";
import { DirectionOfTravel } from "./DirectionOfTravel";

export type SaveOutcome =
  { readonly saved: true } | { readonly saved: false; readonly problems: readonly Problem[] };

export interface MyActionsProps {
  readonly model: PlanModel;
  readonly todayIso: string;
  readonly leadCode: string | null;
  readonly busy: boolean;
  readonly onLeadCodeChange: (code: string | null) => void;
  /** Writes the lead's update to that action's row, found again by its ref at write time. */
  readonly onSave: (edit: LeadUpdateRequest) => Promise<SaveOutcome | null>;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  list: stackedListStyle(tokens.spacingVerticalS),
  text: { whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  buttons: { display: "flex", columnGap: tokens.spacingHorizontalS },
  meta: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, alignItems: "center" },
  context: {
    margin: 0,
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    columnGap: tokens.spacingHorizontalS,
  },
  contextPair: { display: "contents" },
  contextValue: { margin: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
});

/** Columns a carry-over adds: where the action came from is shown, not offered as context to edit. */
const LINEAGE = new Set(["carried from"]);

/** The leads a user can pick: register codes first, then leads typed in full ("Police"). */
export function leadChoices(model: PlanModel): readonly string[] {
  const codes = model.leadRegister.map((l) => l.code);
  const seen = new Set(codes);
  const typed: string[] = [];
  for (const action of model.actions) {
    for (const lead of action.leads) {
      if (!seen.has(lead)) {
        seen.add(lead);
        typed.push(lead);
      }
    }
  }
  return [...codes, ...typed.sort((a, b) => a.localeCompare(b, "en-GB"))];
}

/** The actions a lead owns: their code is one of the action's leads. */
export function actionsForLead(model: PlanModel, lead: string): readonly Action[] {
  return model.actions.filter((a) => a.leads.includes(lead));
}

function actionKey(action: Action): string {
  return `${action.sheet}!${action.cell}`;
}

interface EditFormProps {
  readonly action: Action;
  /** Whether the action's table has a target date column the lead may move. */
  readonly hasDueColumn: boolean;
  readonly busy: boolean;
  readonly onSave: (edit: LeadUpdateRequest) => Promise<SaveOutcome | null>;
  readonly onDone: (saved: boolean) => void;
}

function EditForm({ action, hasDueColumn, busy, onSave, onDone }: EditFormProps) {
  const styles = useStyles();
  // A status only guessed from the cell's colour is not offered as chosen: the lead says what it is.
  const [status, setStatus] = useState<Status | "">(knownStatus(action) ?? "");
  // The previous update is kept below the new one, so the box starts empty rather than pre-filled.
  const [update, setUpdate] = useState("");
  const [moveDue, setMoveDue] = useState(false);
  const [due, setDue] = useState(action.dueDate ?? "");
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const [refused, setRefused] = useState<readonly Problem[]>([]);
  const formRef = useRef<HTMLFormElement | null>(null);

  useEffect(() => {
    const form = formRef.current;
    // jsdom has no scrollIntoView; Excel's and the browsers' panes do.
    if (typeof form?.scrollIntoView === "function") form.scrollIntoView({ block: "nearest" });
    form?.querySelector("select")?.focus();
  }, []);

  const statusError = status === "" ? "Choose a status from the list." : undefined;
  const updateError =
    status !== "" && statusNeedsUpdate(status) && update.trim() === ""
      ? status === "Complete"
        ? "Complete needs an update saying how it was completed."
        : `${status} needs an update saying why and what will be done.`
      : undefined;
  const dueError = moveDue && !/^\d{4}-\d{2}-\d{2}$/.test(due) ? "Choose the new target date." : undefined;
  const reasonError = moveDue && reason.trim() === "" ? "Say why the target date moves." : undefined;

  const save = async () => {
    setTried(true);
    if (status === "" || [statusError, updateError, dueError, reasonError].some((e) => e !== undefined))
      return;
    const outcome = await onSave({
      sheet: action.sheet,
      ref: action.ref,
      action: action.action,
      update,
      status,
      ...(moveDue ? { newDue: { iso: due, reason } } : {}),
    });
    if (outcome === null) return;
    if (outcome.saved) onDone(true);
    else setRefused(outcome.problems);
  };

  return (
    <form
      ref={formRef}
      className={styles.form}
      aria-label={`Update action ${action.ref ?? action.cell}`}
      // The form says what is wrong in words beside the field, rather than the browser's bubble.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape" && !busy) {
          e.preventDefault();
          onDone(false);
        }
      }}
    >
      <Field
        label="Status"
        required
        validationMessage={tried ? statusError : undefined}
        hint={
          action.statusGuessed && action.status !== null
            ? `The cell's colour suggests ${action.status}, but that is only a guess: choose the status.`
            : undefined
        }
      >
        <Select value={status} onChange={(_, data) => setStatus(data.value as Status | "")}>
          <option value="" disabled>
            Choose a status
          </option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="New update"
        required={status !== "" && statusNeedsUpdate(status)}
        validationMessage={tried ? updateError : undefined}
        hint={
          action.update.trim() === ""
            ? "What has happened so far."
            : "What has happened since the last update. It goes on top, dated today; the last update stays below it."
        }
      >
        <Textarea value={update} resize="vertical" rows={4} onChange={(_, data) => setUpdate(data.value)} />
      </Field>
      {hasDueColumn ? (
        <Checkbox
          checked={moveDue}
          onChange={(_, data) => setMoveDue(data.checked === true)}
          label="Move the target date"
        />
      ) : null}
      {moveDue ? (
        <>
          <Field label="New target date" required validationMessage={tried ? dueError : undefined}>
            <Input type="date" value={due} onChange={(_, data) => setDue(data.value)} />
          </Field>
          <Field label="Why it moves" required validationMessage={tried ? reasonError : undefined}>
            <Input value={reason} onChange={(_, data) => setReason(data.value)} />
          </Field>
        </>
      ) : null}
      {refused.length > 0 ? <ProblemList problems={refused} label="Why the update was not saved" /> : null}
      <div className={styles.buttons}>
        <Button appearance="primary" type="submit" disabled={busy}>
          Save update
        </Button>
        <Button type="button" disabled={busy} onClick={() => onDone(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/**
 * The action's other columns ("Data gap", "Outcome", "Carried from"…) as context under what the lead
 * must do, so a table with both a data gap and an action shows the action and the gap beside it.
 */
function ActionContext({ action }: { readonly action: Action }) {
  const styles = useStyles();
  const entries = Object.entries(action.extra).filter(
    ([header, value]) => value.trim() !== "" && !LINEAGE.has(header.trim().toLowerCase()),
  );
  if (entries.length === 0) return null;
  return (
    <dl className={styles.context}>
      {entries.map(([header, value]) => (
        <div key={header} className={styles.contextPair}>
          <dt>
            <Caption1>{header}:</Caption1>
          </dt>
          <dd className={styles.contextValue}>
            <Caption1>{value}</Caption1>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A lead's own actions, and a form to give each an update and a status. */
export function MyActions({ model, todayIso, leadCode, busy, onLeadCodeChange, onSave }: MyActionsProps) {
  const styles = useStyles();
  const choices = useMemo(() => leadChoices(model), [model]);
  const [editing, setEditing] = useState<string | null>(null);
  const [savedKey, setSavedKey] = useState<string | null>(null);
  // After the form closes, focus goes back to the action's Update button, not to the page.
  const [refocus, setRefocus] = useState<string | null>(null);
  const updateButtons = useRef(new Map<string, HTMLButtonElement>());
  useEffect(() => {
    if (refocus === null || editing !== null) return;
    updateButtons.current.get(refocus)?.focus();
    setRefocus(null);
  }, [refocus, editing]);
  // A code remembered from another workbook is not one of this plan's leads: ask again.
  const known = leadCode !== null && choices.includes(leadCode);
  const code = known ? leadCode : null;
  const mine = code === null ? [] : actionsForLead(model, code);
  const dueTables = useMemo(
    () => new Set(model.tables.filter((t) => t.columns.some((c) => c.role === "due")).map((t) => t.id)),
    [model],
  );
  const nameOf = (code: string) => model.leadRegister.find((l) => l.code === code)?.name;

  return (
    <div className={styles.root}>
      <Field label="I am" hint="Remembered on this device.">
        <Select
          value={code ?? ""}
          onChange={(_, data) => {
            setEditing(null);
            setSavedKey(null);
            onLeadCodeChange(data.value === "" ? null : data.value);
          }}
        >
          <option value="">Choose your lead code</option>
          {choices.map((code) => {
            const name = nameOf(code);
            return (
              <option key={code} value={code}>
                {name !== undefined ? `${code} – ${name}` : code}
              </option>
            );
          })}
        </Select>
      </Field>
      {choices.length === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>
            No action in this workbook names a lead yet, so there is no one to update as: type each
            action&apos;s lead in its Lead column (Check lists the actions without one).
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {leadCode !== null && !known && choices.length > 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>
            {leadCode}, remembered on this device, is not a lead in this workbook: choose your lead code.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {code !== null && mine.length === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>No actions name {code} as lead.</MessageBarBody>
        </MessageBar>
      ) : null}
      {code !== null && mine.length > 0 ? (
        <Caption1>
          {countWords(mine.length, "action")} for {code}.
        </Caption1>
      ) : null}
      <ul className={styles.list} aria-label="My actions">
        {mine.map((action) => {
          const key = actionKey(action);
          const overdue = action.dueDate !== null && action.dueDate < todayIso && !isKnownComplete(action);
          return (
            <li key={key}>
              <Card>
                <CardHeader
                  header={
                    <Text weight="semibold">
                      {action.ref !== null ? `${action.ref} · ` : ""}
                      {action.sheet}
                    </Text>
                  }
                  description={
                    <span className={styles.meta}>
                      <StatusBadge status={action.status} guessed={action.statusGuessed} />
                      <DirectionOfTravel action={action} />
                      {action.due !== null ? (
                        <Caption1>
                          Due {formatDate(action.due)}
                          {overdue ? " (overdue)" : ""}
                        </Caption1>
                      ) : null}
                    </span>
                  }
                />
                <Text className={styles.text}>{action.action}</Text>
                <ActionContext action={action} />
                {action.update !== "" ? (
                  <Caption1 className={styles.text}>Last update: {action.update}</Caption1>
                ) : (
                  <Caption1>No update yet.</Caption1>
                )}
                {savedKey === key ? (
                  <MessageBar intent="success">
                    <MessageBarBody>Saved to {key}.</MessageBarBody>
                  </MessageBar>
                ) : null}
                {editing === key ? (
                  <EditForm
                    action={action}
                    hasDueColumn={dueTables.has(action.tableId)}
                    busy={busy}
                    onSave={onSave}
                    onDone={(saved) => {
                      setEditing(null);
                      setRefocus(key);
                      if (saved) setSavedKey(key);
                    }}
                  />
                ) : (
                  <div>
                    <Button
                      ref={(el: HTMLButtonElement | null) => {
                        if (el) updateButtons.current.set(key, el);
                        else updateButtons.current.delete(key);
                      }}
                      disabled={busy}
                      aria-label={`Update action ${action.ref ?? action.cell} on ${action.sheet}`}
                      onClick={() => {
                        setSavedKey(null);
                        setEditing(key);
                      }}
                    >
                      Update
                    </Button>
                  </div>
                )}
              </Card>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
