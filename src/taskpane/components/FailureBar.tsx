import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import type { Failure } from "../../operations/failure-messages";

export interface FailureBarProps {
  readonly failure: Failure;
  readonly onRetry?: () => void;
  readonly onDismiss: () => void;
}

/** Says what went wrong and what to do, with Retry where trying again can work. */
export function FailureBar({ failure, onRetry, onDismiss }: FailureBarProps) {
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{failure.title}</MessageBarTitle> {failure.whatToDo}
      </MessageBarBody>
      <MessageBarActions>
        {failure.retryable && onRetry !== undefined ? <Button onClick={onRetry}>Retry</Button> : null}
        <Button appearance="transparent" onClick={onDismiss}>
          Dismiss
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
