import { useCallback, useRef, useState } from "react";
import { describeFailure, type Failure } from "../operations/failure-messages";
import type { OperationStep, StepListener } from "../operations/run-operation";

export interface FailedOperation {
  readonly failure: Failure;
  readonly retry: () => void;
  readonly dismiss: () => void;
}

export interface OperationRunner {
  /** The step under way, or null when idle. */
  readonly step: OperationStep | null;
  readonly failed: FailedOperation | null;
  /**
   * Runs one operation at a time, with progress. A failure is shown by the pane with Retry and
   * Dismiss: the promise resolves with the result once a retry succeeds, or null when the user
   * dismisses it (or starts something else). It never rejects.
   */
  readonly run: <T>(doing: string, work: (onStep: StepListener) => Promise<T>) => Promise<T | null>;
}

export function useOperationRunner(): OperationRunner {
  const [step, setStep] = useState<OperationStep | null>(null);
  const [failed, setFailed] = useState<FailedOperation | null>(null);
  const running = useRef(false);
  const abandonPending = useRef<(() => void) | null>(null);

  const run = useCallback(
    <T>(doing: string, work: (onStep: StepListener) => Promise<T>): Promise<T | null> => {
      if (running.current) return Promise.resolve(null);
      abandonPending.current?.();
      return new Promise<T | null>((resolve) => {
        const settle = (value: T | null) => {
          abandonPending.current = null;
          setFailed(null);
          resolve(value);
        };
        const attempt = async () => {
          running.current = true;
          setFailed(null);
          setStep("reading");
          try {
            const value = await work(setStep);
            settle(value);
          } catch (error) {
            abandonPending.current = () => settle(null);
            setFailed({
              failure: describeFailure(error, doing),
              retry: () => {
                if (!running.current) void attempt();
              },
              dismiss: () => settle(null),
            });
          } finally {
            running.current = false;
            setStep(null);
          }
        };
        void attempt();
      });
    },
    [],
  );

  return { step, failed, run };
}
