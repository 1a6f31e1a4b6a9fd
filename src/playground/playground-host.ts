/** The playground's host: the xlsx host over the page's workbook, telling the grid what changed. */
import type { WorkbookHost } from "../core/basics/workbook-host";

export interface HostObserver {
  /** A write plan was applied: the grid re-reads the workbook. */
  readonly onWritten: () => void;
  /** The pane selected a cell (Check → a problem): the grid shows it. */
  readonly onSelect: (sheet: string, address: string) => void;
}

export function observedHost(inner: WorkbookHost, observer: HostObserver): WorkbookHost {
  return {
    readSnapshot: () => inner.readSnapshot(),
    async applyWritePlan(plan) {
      try {
        return await inner.applyWritePlan(plan);
      } finally {
        // Even a refused plan may have been partly written by a buggy shell: show what is there.
        observer.onWritten();
      }
    },
    async selectCell(sheet, address) {
      await inner.selectCell(sheet, address);
      observer.onSelect(sheet, address);
    },
    // The page's workbook is a copy: the user's file changes only when they download it.
    undoScope: () => "copy",
  };
}
