import { makeStyles, tokens } from "@fluentui/react-components";

export interface PreviewListProps {
  /** The change in words (describeWritePlan's lines). */
  readonly lines: readonly string[];
  readonly label: string;
}

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    maxHeight: "16rem",
    overflowY: "auto",
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
});

/** What an operation will write, line by line, before anything is written. */
export function PreviewList({ lines, label }: PreviewListProps) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label} tabIndex={0}>
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}
