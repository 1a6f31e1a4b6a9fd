import { Badge, Button, makeStyles, tokens } from "@fluentui/react-components";
import type { Problem, Severity } from "../../core/basics/problem";
import { stackedListStyle } from "../pane-styles";

export interface ProblemListProps {
  readonly problems: readonly Problem[];
  /** Called when a problem is chosen (click, or Enter/Space on it): select its cell. */
  readonly onSelect?: (problem: Problem) => void;
  readonly label: string;
}

/** How each severity is shown: a word as well as a colour. */
export const SEVERITY_BADGES: Readonly<
  Record<Severity, { word: string; color: "danger" | "warning" | "informative" }>
> = {
  error: { word: "Error", color: "danger" },
  warning: { word: "Warning", color: "warning" },
  info: { word: "Note", color: "informative" },
};

const useStyles = makeStyles({
  list: stackedListStyle(tokens.spacingVerticalXS),
  item: {
    width: "100%",
    justifyContent: "flex-start",
    textAlign: "left",
    fontWeight: tokens.fontWeightRegular,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
  },
  body: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS, minWidth: 0 },
  where: { display: "flex", columnGap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  message: { whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
});

/** "Sheet!A1", or the sheet alone for a problem about a whole sheet. */
export function problemLocation(problem: Problem): string {
  if (problem.sheet === "") return "Workbook";
  return problem.cell === "" ? problem.sheet : `${problem.sheet}!${problem.cell}`;
}

/** Problems with their sheet and cell; each one is a button that takes the user to the cell. */
export function ProblemList({ problems, onSelect, label }: ProblemListProps) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label}>
      {problems.map((problem, i) => {
        const severity = SEVERITY_BADGES[problem.severity];
        const body = (
          <span className={styles.body}>
            <span className={styles.where}>
              <Badge appearance="tint" color={severity.color} shape="rounded">
                {severity.word}
              </Badge>
              <strong>{problemLocation(problem)}</strong>
            </span>
            <span className={styles.message}>{problem.message}</span>
          </span>
        );
        const canSelect = onSelect !== undefined && problem.sheet !== "" && problem.cell !== "";
        return (
          <li key={`${problem.sheet}!${problem.cell}/${problem.rule}/${i}`}>
            {canSelect ? (
              <Button
                appearance="subtle"
                className={styles.item}
                data-rule={problem.rule}
                data-cell={problemLocation(problem)}
                title={`Go to ${problemLocation(problem)}`}
                onClick={() => onSelect(problem)}
              >
                {body}
              </Button>
            ) : (
              <div className={styles.item} data-rule={problem.rule}>
                {body}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
