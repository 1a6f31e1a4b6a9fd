import { useMemo, useState } from "react";
import {
  Button,
  Caption1,
  Card,
  CardHeader,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { STATUSES, type Action, type PlanModel, type Status } from "../../core/plan-model";
import type { Problem } from "../../core/problem";
import { formatDate } from "../format-date";
import { statusNeedsUpdate, type LeadEdit } from "../../core/lead-update";
import { stackedListStyle } from "../pane-styles";
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
  readonly onSave: (edit: LeadEdit) => Promise<SaveOutcome | null>;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  list: stackedListStyle(tokens.spacingVerticalS),
  text: { whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  buttons: { display: "flex", columnGap: tokens.spacingHorizontalS },
  meta: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, alignItems: "center" },
});

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
  readonly busy: boolean;
  readonly onSave: (edit: LeadEdit) => Promise<SaveOutcome | null>;
  readonly onDone: (saved: boolean) => void;
}

function EditForm({ action, busy, onSave, onDone }: EditFormProps) {
  const styles = useStyles();
  const [status, setStatus] = useState<Status | "">(action.status ?? "");
  const [update, setUpdate] = useState(action.update);
  const [tried, setTried] = useState(false);
  const [refused, setRefused] = useState<readonly Problem[]>([]);

  const statusError = status === "" ? "Choose a status from the list." : undefined;
  const updateError =
    status !== "" && statusNeedsUpdate(status) && update.trim() === ""
      ? status === "Complete"
        ? "Complete needs an update saying how it was completed."
        : `${status} needs an update saying why and what will be done.`
      : undefined;

  const save = async () => {
    setTried(true);
    if (status === "" || statusError !== undefined || updateError !== undefined) return;
    const outcome = await onSave({
      sheet: action.sheet,
      ref: action.ref,
      action: action.action,
      update,
      status,
    });
    if (outcome === null) return;
    if (outcome.saved) onDone(true);
    else setRefused(outcome.problems);
  };

  return (
    <form
      className={styles.form}
      aria-label={`Update action ${action.ref ?? action.cell}`}
      // The form says what is wrong in words beside the field, rather than the browser's bubble.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Field label="Status" required validationMessage={tried ? statusError : undefined}>
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
        label="Update"
        required={status !== "" && statusNeedsUpdate(status)}
        validationMessage={tried ? updateError : undefined}
        hint="What has happened since the last update."
      >
        <Textarea value={update} resize="vertical" rows={4} onChange={(_, data) => setUpdate(data.value)} />
      </Field>
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

/** A lead's own actions, and a form to give each an update and a status. */
export function MyActions({ model, todayIso, leadCode, busy, onLeadCodeChange, onSave }: MyActionsProps) {
  const styles = useStyles();
  const choices = useMemo(() => leadChoices(model), [model]);
  const [editing, setEditing] = useState<string | null>(null);
  const [savedKey, setSavedKey] = useState<string | null>(null);
  const mine = leadCode === null ? [] : actionsForLead(model, leadCode);
  const nameOf = (code: string) => model.leadRegister.find((l) => l.code === code)?.name;

  return (
    <div className={styles.root}>
      <Field label="I am" hint="Remembered on this device.">
        <Select
          value={leadCode ?? ""}
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
      {leadCode !== null && mine.length === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>No actions name {leadCode} as lead.</MessageBarBody>
        </MessageBar>
      ) : null}
      {leadCode !== null && mine.length > 0 ? (
        <Caption1>
          {mine.length} action{mine.length === 1 ? "" : "s"} for {leadCode}.
        </Caption1>
      ) : null}
      <ul className={styles.list} aria-label="My actions">
        {mine.map((action) => {
          const key = actionKey(action);
          const overdue =
            action.due !== null &&
            /^\d{4}-\d{2}-\d{2}$/.test(action.due) &&
            action.due < todayIso &&
            action.status !== "Complete";
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
                      <StatusBadge status={action.status} />
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
                    busy={busy}
                    onSave={onSave}
                    onDone={(saved) => {
                      setEditing(null);
                      if (saved) setSavedKey(key);
                    }}
                  />
                ) : (
                  <div>
                    <Button
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
