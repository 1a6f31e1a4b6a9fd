import {
  Button,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
  Subtitle2,
  Caption1,
} from "@fluentui/react-components";
import type { ChangePreviewData } from "../pane-types";
import { PreviewList } from "./PreviewList";
import { ProblemList } from "./ProblemList";

export interface ChangePreviewProps {
  /** The change as the operation previewed it: title, words, problems, what Undo covers. */
  readonly data: ChangePreviewData;
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
export function ChangePreview({ data, ...props }: ChangePreviewProps) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-label={`Preview: ${data.title}`}>
      <Subtitle2 as="h3">{data.title}</Subtitle2>
      {data.lines.length > 0 ? (
        <PreviewList preview={data.preview} label="Changes that will be written" />
      ) : (
        <MessageBar intent="info">
          <MessageBarBody>Nothing to write: the workbook already has these changes.</MessageBarBody>
        </MessageBar>
      )}
      {data.problems.length > 0 ? (
        <ProblemList problems={data.problems} label="Problems found while preparing the change" />
      ) : null}
      <Caption1 role="note">{data.undoNote}</Caption1>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={!data.canApply || props.busy} onClick={props.onApply}>
          {props.applyLabel}
        </Button>
        <Button disabled={props.busy} onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
    </section>
  );
}
