import { useMemo, useState } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Problem, Severity } from "../../core/basics/problem";
import { groupProblems, problemCountLine } from "../../core/checking/problem-groups";
import { groupedNumber } from "../../core/basics/count-words";
import { ProblemList, SEVERITY_BADGES } from "./ProblemList";

export interface CheckPaneProps {
  readonly problems: readonly Problem[];
  readonly busy: boolean;
  /** Select the problem's cell in the workbook. */
  readonly onSelectProblem: (problem: Problem) => void;
  /** Read the workbook again and re-check. */
  readonly onRecheck: () => void;
  /** The cell last selected from the list, to confirm it to the user. */
  readonly selected: string | null;
  /** Open the Columns view, where the reader's column/* doubts are settled. */
  readonly onOpenColumns?: () => void;
}

type SeverityFilter = Severity | "all";

/** A group this small opens by itself; a larger one waits to be opened (1,200 lines are no list). */
const OPEN_BY_ITSELF = 5;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  bar: { display: "flex", alignItems: "flex-end", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  heading: { display: "flex", columnGap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
});

/** Every problem in the plan with its sheet and cell, grouped by rule; choosing one selects the cell. */
export function CheckPane({
  problems,
  busy,
  onSelectProblem,
  onRecheck,
  selected,
  onOpenColumns,
}: CheckPaneProps) {
  const styles = useStyles();
  const [filter, setFilter] = useState<SeverityFilter>("all");
  const groups = useMemo(
    () => groupProblems(filter === "all" ? problems : problems.filter((p) => p.severity === filter)),
    [problems, filter],
  );
  const openByItself = groups.filter((g) => g.problems.length <= OPEN_BY_ITSELF).map((g) => g.rule);

  return (
    <div className={styles.root}>
      {problems.length === 0 ? (
        <MessageBar intent="success">
          <MessageBarBody>No problems found: every status, update, lead and ref checks out.</MessageBarBody>
        </MessageBar>
      ) : (
        <Caption1 aria-live="polite">
          {problemCountLine(problems)}. Open a group and choose a problem to go to its cell.
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
      {groups.length > 0 ? (
        <Accordion
          key={`${filter}/${groups.map((g) => g.rule).join(",")}`}
          multiple
          collapsible
          defaultOpenItems={openByItself}
          aria-label="Problems in the plan, by rule"
        >
          {groups.map((group) => {
            const badge = SEVERITY_BADGES[group.severity];
            return (
              <AccordionItem key={group.rule} value={group.rule} data-group={group.rule}>
                <AccordionHeader>
                  <span className={styles.heading}>
                    <Badge appearance="tint" color={badge.color} shape="rounded">
                      {badge.word}
                    </Badge>
                    <span>
                      {group.title}: <strong>{groupedNumber(group.problems.length)}</strong>
                    </span>
                  </span>
                </AccordionHeader>
                <AccordionPanel>
                  {group.rule.startsWith("column/") && onOpenColumns ? (
                    <Button size="small" onClick={onOpenColumns}>
                      Confirm the columns in Columns
                    </Button>
                  ) : null}
                  <ProblemList problems={group.problems} onSelect={onSelectProblem} label={group.title} />
                </AccordionPanel>
              </AccordionItem>
            );
          })}
        </Accordion>
      ) : null}
    </div>
  );
}
