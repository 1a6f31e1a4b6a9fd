import { Field, ProgressBar } from "@fluentui/react-components";
import { STEP_LABELS, STEP_PROGRESS, type OperationStep } from "../../operations/run-operation";

export interface OperationProgressProps {
  readonly step: OperationStep;
}

/** Long work shows where it is: reading, working out the changes, writing. */
export function OperationProgress({ step }: OperationProgressProps) {
  return (
    <Field validationMessage={STEP_LABELS[step]} validationState="none" aria-live="polite">
      <ProgressBar value={STEP_PROGRESS[step]} aria-label={STEP_LABELS[step]} />
    </Field>
  );
}
