import { useMemo, useState } from "react";
import {
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Problem, Severity } from "../../core/problem";
import { ProblemList } from "./ProblemList";

export interface CheckPaneProps {
  readonly problems: readonly Problem[];
  readonly busy: boolean;
  /** Select the problem's cell in the workbook. */
  readonly onSelectProblem: (problem: Problem) => void;
  /** Read the workbook again and re-check. */
  readonly onRecheck: () => void;
  /** The cell last selected from the list, to confirm it to the user. */
  readonly selected: string | null;
}

type SeverityFilter = Severity | "all";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  bar: { display: "flex", alignItems: "flex-end", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/** Every problem in the plan with its sheet and cell; choosing one selects the cell. */
export function CheckPane({ problems, busy, onSelectProblem, onRecheck, selected }: CheckPaneProps) {
  const styles = useStyles();
  const [filter, setFilter] = useState<SeverityFilter>("all");
  const shown = useMemo(
    () => (filter === "all" ? problems : problems.filter((p) => p.severity === filter)),
    [problems, filter],
  );
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.filter((p) => p.severity === "warning").length;

  return (
    <div className={styles.root}>
      {problems.length === 0 ? (
        <MessageBar intent="success">
          <MessageBarBody>No problems found: every status, update, lead and ref checks out.</MessageBarBody>
        </MessageBar>
      ) : (
        <Caption1 aria-live="polite">
          {problems.length} problem{problems.length === 1 ? "" : "s"}: {errors} error{errors === 1 ? "" : "s"}
          , {warnings} warning{warnings === 1 ? "" : "s"}. Choose one to go to its cell.
        </Caption1>
      )}
      <div className={styles.bar}>
        <Field label="Show">
          <Select value={filter} onChange={(_, data) => setFilter(data.value as SeverityFilter)}>
            <option value="all">All problems</option>
            <option value="error">Errors</option>
            <option value="warning">Warnings</option>
            <option value="info">Notes</option>
          </Select>
        </Field>
        <Button disabled={busy} onClick={onRecheck}>
          Check again
        </Button>
      </div>
      {selected !== null ? (
        <Caption1 aria-live="polite">Selected {selected} in the workbook.</Caption1>
      ) : null}
      <ProblemList problems={shown} onSelect={onSelectProblem} label="Problems in the plan" />
    </div>
  );
}
