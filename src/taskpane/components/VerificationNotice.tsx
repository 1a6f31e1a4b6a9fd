import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";

export interface VerificationNoticeProps {
  /** What the read-back after writing found not as asked, in words (ApplyReport.verification). */
  readonly findings: readonly string[];
  readonly onDismiss: () => void;
}

/** After a write, what Excel did not do as asked and what the add-in did or the user should do. */
export function VerificationNotice({ findings, onDismiss }: VerificationNoticeProps) {
  return (
    <MessageBar intent="warning" layout="multiline" role="status">
      <MessageBarBody>
        <MessageBarTitle>Checked after writing</MessageBarTitle>
        <ul>
          {findings.map((finding) => (
            <li key={finding}>{finding}</li>
          ))}
        </ul>
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="transparent" onClick={onDismiss}>
          Dismiss
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
