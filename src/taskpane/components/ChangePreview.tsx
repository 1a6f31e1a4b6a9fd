import {
  Button,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
  Subtitle2,
  Caption1,
} from "@fluentui/react-components";
import type { Problem } from "../../core/problem";
import type { PlanPreview } from "../../core/describe-write-plan";
import { PreviewList } from "./PreviewList";
import { ProblemList } from "./ProblemList";

export interface ChangePreviewProps {
  readonly title: string;
  readonly lines: readonly string[];
  readonly preview: PlanPreview;
  /** What Undo will take back, said before the Apply button. */
  readonly undoNote: string;
  readonly problems: readonly Problem[];
  readonly canApply: boolean;
  readonly applyLabel: string;
  readonly busy: boolean;
  readonly onApply: () => void;
  readonly onCancel: () => void;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  buttons: { display: "flex", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/** A change shown in words before anything is written, with Apply and Cancel. */
export function ChangePreview(props: ChangePreviewProps) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-label={`Preview: ${props.title}`}>
      <Subtitle2 as="h3">{props.title}</Subtitle2>
      {props.lines.length > 0 ? (
        <PreviewList preview={props.preview} label="Changes that will be written" />
      ) : (
        <MessageBar intent="info">
          <MessageBarBody>Nothing to write: the workbook already has these changes.</MessageBarBody>
        </MessageBar>
      )}
      {props.problems.length > 0 ? (
        <ProblemList problems={props.problems} label="Problems found while preparing the change" />
      ) : null}
      <Caption1 role="note">{props.undoNote}</Caption1>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={!props.canApply || props.busy} onClick={props.onApply}>
          {props.applyLabel}
        </Button>
        <Button disabled={props.busy} onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
    </section>
  );
}
