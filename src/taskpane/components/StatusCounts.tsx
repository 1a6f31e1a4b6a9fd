import { makeStyles, tokens } from "@fluentui/react-components";
import type { Status } from "../../core/basics/plan-model";
import { StatusBadge } from "./StatusBadge";

export interface StatusCount {
  readonly status: Status | null;
  readonly count: number;
}

export interface StatusCountsProps {
  readonly counts: readonly StatusCount[];
  /** Names the list for screen readers ("1 ASB: actions by status"). */
  readonly label: string;
}

const useStyles = makeStyles({
  counts: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    listStyleType: "none",
    margin: 0,
    padding: 0,
  },
  count: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalXS },
});

/** Counts by status as badges that wrap to the pane's width (a table of six columns does not fit 320 px). */
export function StatusCounts({ counts, label }: StatusCountsProps) {
  const styles = useStyles();
  return (
    <ul className={styles.counts} aria-label={label}>
      {counts.map(({ status, count }) => (
        <li key={status ?? "none"} className={styles.count}>
          <StatusBadge status={status} />
          <span>{count}</span>
        </li>
      ))}
    </ul>
  );
}
