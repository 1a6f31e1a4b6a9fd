import { useMemo, useState } from "react";
import {
  Badge,
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { columnLetters } from "../../core/basics/cell-address";
import type { StoredRole } from "../../core/reading/column-mapping";
import {
  type ColumnCertainty,
  type ColumnChoice,
  type ReviewedColumn,
  type ReviewedTable,
  ROLE_WORDS,
  isStoredRole,
  roleClashes,
} from "../../core/planning/column-review";
import { STORED_ROLES } from "../../core/reading/column-mapping";
import { countWords } from "../../core/basics/count-words";
import type { AppliedChange, ChangePreviewData } from "../pane-types";
import { stackedListStyle } from "../pane-styles";
import { ChangePreview } from "./ChangePreview";
import { PaneSection } from "./PaneSection";

/** The preview of storing column roles: the write, and how the plan will be read afterwards. */
export interface ColumnsPreviewData extends ChangePreviewData {
  readonly readingChanges: readonly string[];
}

export interface ColumnsPaneProps {
  /** Each action table's columns as the reader gives them (core/planning/column-review.ts columnReview). */
  readonly tables: readonly ReviewedTable[];
  readonly busy: boolean;
  readonly onPreview: (choices: readonly ColumnChoice[]) => Promise<ColumnsPreviewData | null>;
  readonly onApply: (choices: readonly ColumnChoice[]) => Promise<AppliedChange | null>;
}

/** How sure the reader is, in a word (a badge, never colour alone) and a sentence. */
const CERTAINTY: Readonly<
  Record<
    ColumnCertainty,
    {
      word: string;
      color: "success" | "brand" | "warning" | "informative" | "subtle" | "danger";
      says: string;
    }
  >
> = {
  confirmed: { word: "Confirmed", color: "success", says: "Stored in the Columns table on the Lists sheet." },
  sure: { word: "Sure", color: "brand", says: "Its header words and what its cells hold agree." },
  unsure: { word: "Unsure", color: "warning", says: "Please confirm it or choose the right role." },
  extra: { word: "No role", color: "subtle", says: "Kept as an extra column under its header." },
  history: { word: "History", color: "informative", says: "Read as the actions' history." },
  overruled: {
    word: "Not applied",
    color: "danger",
    says: "The Columns table gives it a role another column of this table already has.",
  },
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalL },
  list: stackedListStyle(tokens.spacingVerticalM),
  column: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  certainty: {
    display: "flex",
    columnGap: tokens.spacingHorizontalS,
    alignItems: "baseline",
    flexWrap: "wrap",
  },
  wrap: { whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  changes: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  buttons: { display: "flex", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

const key = (tableId: string, column: number): string => `${tableId}\u0000${column}`;

/** What the reader reads a column as, in the user's words. */
function readAs(column: ReviewedColumn): string {
  if (column.period !== null && column.certainty === "history")
    return `${column.period.label}: ${ROLE_WORDS[column.period.role]}`;
  return column.role === null ? "Extra column" : ROLE_WORDS[column.role];
}

/** The header as the user typed it, or its column when it has none. */
function headerLabel(column: ReviewedColumn): string {
  return column.header.trim() === "" ? `Column ${columnLetters(column.column)} (no header)` : column.header;
}

function ColumnRow(props: {
  readonly table: ReviewedTable;
  readonly column: ReviewedColumn;
  readonly chosen: StoredRole | undefined;
  readonly busy: boolean;
  readonly onChoose: (role: StoredRole | null) => void;
}) {
  const { table, column, chosen } = props;
  const styles = useStyles();
  const certainty = CERTAINTY[column.certainty];
  const letter = columnLetters(column.column);
  const status = (
    <span className={styles.certainty}>
      <Badge appearance="tint" shape="rounded" color={certainty.color}>
        {certainty.word}
      </Badge>
      <Caption1 className={styles.wrap}>
        Read as {readAs(column)}. {certainty.says}
      </Caption1>
    </span>
  );
  return (
    <li className={styles.column} data-column={`${table.sheet}!${column.cell}`}>
      {column.fixedBecause !== null ? (
        <>
          <Text weight="semibold" className={styles.wrap}>
            {letter}: {headerLabel(column)}
          </Text>
          {status}
          <Caption1>{column.fixedBecause}</Caption1>
        </>
      ) : (
        <>
          <Field label={`${letter}: ${headerLabel(column)}`} className={styles.wrap}>
            <Select
              value={chosen ?? column.stored ?? ""}
              disabled={props.busy}
              onChange={(_, data) => props.onChoose(isStoredRole(data.value) ? data.value : null)}
            >
              {column.stored === null ? <option value="">As read: {readAs(column)}</option> : null}
              {STORED_ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_WORDS[role]}
                </option>
              ))}
            </Select>
          </Field>
          {status}
        </>
      )}
      {column.problem !== null ? <Caption1 className={styles.wrap}>{column.problem.message}</Caption1> : null}
    </li>
  );
}

/**
 * The Columns view: each action table's columns with the role the reader gives each one and how sure it
 * is; a role can be changed (or an unsure one confirmed) and stored in the workbook, previewed first.
 */
export function ColumnsPane({ tables, busy, onPreview, onApply }: ColumnsPaneProps) {
  const styles = useStyles();
  const [choices, setChoices] = useState<ReadonlyMap<string, ColumnChoice>>(new Map());
  const [preview, setPreview] = useState<ColumnsPreviewData | null>(null);
  const [applied, setApplied] = useState<AppliedChange | null>(null);

  const chosen = useMemo(
    () =>
      [...choices.values()].filter((c) => {
        const column = tables.find((t) => t.id === c.tableId)?.columns.find((x) => x.column === c.column);
        return column !== undefined && column.stored !== c.role;
      }),
    [choices, tables],
  );
  const clashes = useMemo(() => roleClashes(tables, chosen), [tables, chosen]);
  const unsure = tables.reduce((n, t) => n + t.columns.filter((c) => c.certainty === "unsure").length, 0);

  const choose = (table: ReviewedTable, column: ReviewedColumn, role: StoredRole | null) => {
    setPreview(null);
    setApplied(null);
    setChoices((before) => {
      const next = new Map(before);
      if (role === null) next.delete(key(table.id, column.column));
      else
        next.set(key(table.id, column.column), {
          tableId: table.id,
          column: column.column,
          header: column.header,
          role,
        });
      return next;
    });
  };
  const showPreview = async () => {
    setApplied(null);
    setPreview(await onPreview(chosen));
  };
  const apply = async () => {
    const result = await onApply(chosen);
    if (result !== null) {
      setPreview(null);
      setApplied(result);
      if (result.written) setChoices(new Map());
    }
  };

  if (tables.length === 0) {
    return (
      <Caption1>
        No action table was found, so there are no columns to show. The Check tab says where the add-in
        looked.
      </Caption1>
    );
  }

  return (
    <div className={styles.root}>
      <Caption1>
        How the add-in reads each action table&apos;s columns. Where it is unsure it says so: choose the right
        role (or the same one, to confirm it) and store it. The roles are kept in the workbook, in the Columns
        table on the Lists sheet, so co-authors and the action-plan command read the plan the same way.
        {unsure > 0 ? ` ${countWords(unsure, "column")} to confirm.` : ""}
      </Caption1>
      {applied !== null ? (
        <MessageBar intent={applied.written ? "success" : "info"}>
          <MessageBarBody>
            {applied.written
              ? "Column roles stored in the Columns table on the Lists sheet: the plan is now read with them."
              : applied.problems.length > 0
                ? `Nothing was written. ${applied.problems.map((p) => p.message).join(" ")}`
                : "Nothing was written: the workbook already has these roles."}
            {applied.skipped.length > 0 ? ` Left out here: ${applied.skipped.join("; ")}.` : ""}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {tables.map((table, t) => (
        <PaneSection
          key={table.id}
          id={`columns-table-${t}`}
          heading={`'${table.sheet}' ${table.where}${table.listObjectName !== null ? ` (table ${table.listObjectName})` : ""}`}
        >
          {table.title !== null ? <Caption1 className={styles.wrap}>{table.title}</Caption1> : null}
          {table.missingRole !== null ? (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>{table.missingRole.message}</MessageBarBody>
            </MessageBar>
          ) : null}
          <ul className={styles.list} aria-label={`Columns of '${table.sheet}' ${table.where}`}>
            {table.columns.map((column) => (
              <ColumnRow
                key={column.column}
                table={table}
                column={column}
                chosen={choices.get(key(table.id, column.column))?.role}
                busy={busy}
                onChoose={(role) => choose(table, column, role)}
              />
            ))}
          </ul>
        </PaneSection>
      ))}
      {clashes.length > 0 ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{clashes.join(" ")}</MessageBarBody>
        </MessageBar>
      ) : null}
      {preview === null ? (
        <div className={styles.buttons}>
          <Button
            appearance="primary"
            disabled={busy || chosen.length === 0 || clashes.length > 0}
            onClick={() => void showPreview()}
          >
            Store these column roles…
          </Button>
          {chosen.length > 0 ? (
            <Caption1 aria-live="polite">{countWords(chosen.length, "column")} chosen.</Caption1>
          ) : null}
        </div>
      ) : (
        <>
          {preview.readingChanges.length > 0 ? (
            <section aria-labelledby="columns-reading-changes">
              <Text weight="semibold" id="columns-reading-changes">
                How the plan will be read
              </Text>
              <ul className={styles.changes}>
                {preview.readingChanges.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <ChangePreview
            data={preview}
            applyLabel="Store column roles"
            busy={busy}
            onApply={() => void apply()}
            onCancel={() => setPreview(null)}
          />
        </>
      )}
    </div>
  );
}
