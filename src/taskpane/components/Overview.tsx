import { useState } from "react";
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { rangeAddress } from "../../core/basics/cell-address";
import { STATUSES, type PlanModel, type Status } from "../../core/basics/plan-model";
import type { AppliedChange, ChangePreviewData } from "../pane-types";
import { ChangePreview } from "./ChangePreview";
import { countWords } from "../../core/basics/count-words";
import { PaneSection } from "./PaneSection";
import { StatusCounts } from "./StatusCounts";

export interface OverviewProps {
  readonly model: PlanModel;
  readonly schemaApplied: boolean;
  readonly busy: boolean;
  readonly onPreviewSchema: () => Promise<ChangePreviewData | null>;
  readonly onApplySchema: () => Promise<AppliedChange | null>;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalL },
  cellText: { whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
});

/** Counts of actions by status, with the actions that have none. */
export function countByStatus(model: PlanModel): ReadonlyArray<{ status: Status | null; count: number }> {
  const counts = new Map<Status | null, number>();
  for (const action of model.actions) counts.set(action.status, (counts.get(action.status) ?? 0) + 1);
  return [...STATUSES, null].map((status) => ({ status, count: counts.get(status) ?? 0 }));
}

/** The plan as the add-in reads it, and Apply schema with its preview. */
export function Overview({ model, schemaApplied, busy, onPreviewSchema, onApplySchema }: OverviewProps) {
  const styles = useStyles();
  const [preview, setPreview] = useState<ChangePreviewData | null>(null);
  const [applied, setApplied] = useState<AppliedChange | null>(null);

  const showPreview = async () => {
    setApplied(null);
    setPreview(await onPreviewSchema());
  };
  const apply = async () => {
    const result = await onApplySchema();
    if (result !== null) {
      setPreview(null);
      setApplied(result);
    }
  };

  return (
    <div className={styles.root}>
      <PaneSection id="overview-schema" heading="Schema">
        {/* After an apply, its own bar says so: one green bar, not two. */}
        {schemaApplied && applied === null ? (
          <MessageBar intent="success">
            <MessageBarBody>
              The schema is applied: action tables, status and lead dropdowns, and the Lists sheet.
            </MessageBarBody>
          </MessageBar>
        ) : schemaApplied ? null : (
          <Caption1>
            Apply schema turns each action table into an Excel table with status and lead dropdowns and
            colours, and adds a Lists sheet. You see every change before anything is written.
          </Caption1>
        )}
        {applied !== null ? (
          <MessageBar intent={applied.written ? "success" : "info"}>
            <MessageBarBody>
              {applied.written
                ? `Schema applied (${countWords(applied.lines.length, "change")}): action tables, status and lead dropdowns, and the Lists sheet.`
                : applied.problems.some((p) => p.severity === "error")
                  ? `Nothing was written. ${applied.problems.map((p) => p.message).join(" ")}`
                  : "Nothing was written: the workbook already has the schema."}
              {applied.skipped.length > 0 ? ` Left out here: ${applied.skipped.join("; ")}.` : ""}
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {preview === null ? (
          <div>
            <Button
              appearance={schemaApplied ? "secondary" : "primary"}
              disabled={busy}
              onClick={() => void showPreview()}
            >
              {schemaApplied ? "Check the schema again…" : "Apply schema…"}
            </Button>
          </div>
        ) : (
          <ChangePreview
            data={preview}
            applyLabel="Apply schema"
            busy={busy}
            onApply={() => void apply()}
            onCancel={() => setPreview(null)}
          />
        )}
      </PaneSection>

      <PaneSection id="overview-status" heading={`${countWords(model.actions.length, "action")} by status`}>
        <StatusCounts counts={countByStatus(model)} label="Actions by status" />
      </PaneSection>

      <PaneSection id="overview-tables" heading={`Action tables found: ${model.tables.length}`}>
        {model.tables.length === 0 ? (
          <Caption1>No action table was found. The Check tab says where the add-in looked.</Caption1>
        ) : (
          <Table size="small" aria-label="Action tables found">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Sheet</TableHeaderCell>
                <TableHeaderCell>Where</TableHeaderCell>
                <TableHeaderCell>Actions</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {model.tables.map((table) => (
                <TableRow key={table.id}>
                  <TableCell className={styles.cellText}>
                    {table.sheet}
                    {table.title !== null ? <Caption1 block>{table.title}</Caption1> : null}
                  </TableCell>
                  <TableCell>{rangeAddress(table.range)}</TableCell>
                  <TableCell>{model.actions.filter((a) => a.tableId === table.id).length}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </PaneSection>

      <PaneSection id="overview-leads" heading={`Lead register: ${model.leadRegister.length}`}>
        {model.leadRegister.length === 0 ? (
          <Caption1>No legend of lead codes was found; leads are kept as typed.</Caption1>
        ) : (
          <Table size="small" aria-label="Lead register">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Code</TableHeaderCell>
                <TableHeaderCell>Name</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {model.leadRegister.map((lead) => (
                <TableRow key={`${lead.sheet}!${lead.cell}`}>
                  <TableCell>{lead.code}</TableCell>
                  <TableCell className={styles.cellText}>
                    {lead.name}
                    {lead.organisation !== null ? ` (${lead.organisation})` : ""}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </PaneSection>
    </div>
  );
}
