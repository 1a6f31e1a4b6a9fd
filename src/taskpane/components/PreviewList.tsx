import { Body1, Caption1Strong, makeStyles, tokens } from "@fluentui/react-components";
import type { PlanPreview } from "../../core/basics/describe-write-plan";

export interface PreviewListProps {
  /** The change as a sentence, then sheet by sheet (previewOfPlan). */
  readonly preview: PlanPreview;
  readonly label: string;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    maxHeight: "28rem",
    overflowY: "auto",
  },
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    overflowWrap: "anywhere",
  },
});

/** What an operation will write: one plain sentence, then the changes grouped by sheet. */
export function PreviewList({ preview, label }: PreviewListProps) {
  const styles = useStyles();
  return (
    <div className={styles.root} aria-label={label} role="region" tabIndex={0}>
      {preview.headline !== "" ? <Body1>{preview.headline}.</Body1> : null}
      {preview.sections.map((section) => {
        const heading = section.sheet === null ? "Names in the workbook" : `Sheet '${section.sheet}'`;
        return (
          <section key={section.sheet ?? ""} className={styles.section} aria-label={heading}>
            <Caption1Strong>{heading}</Caption1Strong>
            <ul className={styles.list}>
              {section.lines.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          </section>
        );
      })}
      {preview.after !== undefined ? <Body1>{preview.after}</Body1> : null}
    </div>
  );
}
