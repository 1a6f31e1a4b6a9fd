/**
 * The WorkbookHost over the Excel JavaScript API: each method is one Excel.run. Office errors come
 * out as the typed errors of host-errors.ts (HostBusyError, ProtectedSheetError, PayloadTooLargeError).
 */
import type { WorkbookSnapshot } from "../core/basics/snapshot";
import type { ApplyReport, WorkbookHost } from "../core/basics/workbook-host";
import type { WritePlan } from "../core/basics/write-plan";
import { ensureExcelHostSupported, excelApiSupported, excelPlatform } from "./api-support";
import { applyWritePlan, layoutAfterPlan } from "./apply-write-plan";
import { readWorkbook, type WorkbookLayout } from "./excel-snapshot";
import { toHostError } from "./host-errors";
import { noteVerification } from "./diagnostics";

/**
 * Whether the plan can run as one undo group here. "Undo capabilities with the Excel JavaScript API"
 * lists Worksheet.position as not supporting undo on Windows and Mac, and a grouped call to it throws
 * UndoNotSupported; a plan that places a new sheet after another runs there without the group (each
 * sync its own undo step) rather than failing with an empty sheet left behind.
 */
function canGroupUndo(plan: WritePlan): boolean {
  if (!excelApiSupported("1.20")) return false;
  const desktop = excelPlatform() === "windows" || excelPlatform() === "mac";
  return !(desktop && plan.ops.some((op) => op.kind === "addSheet" && op.after !== null));
}

/**
 * The layout of the last read (sheet and table names, protection, chart names) is kept only to save
 * round trips: every read checks it in the same batch and every apply rejects writes to sheets it
 * knows are protected before writing anything. Cell values are never kept between commands.
 *   const host = createExcelHost(); const snapshot = await host.readSnapshot();
 */
export function createExcelHost(): WorkbookHost {
  let layout: WorkbookLayout | undefined;

  async function run<T>(batch: (context: Excel.RequestContext) => Promise<T>, grouped: boolean): Promise<T> {
    ensureExcelHostSupported();
    try {
      // delayForCellEdit: "if the user is in cell edit mode then the batch request is delayed until
      // the user exits cell edit mode" (Excel.RunOptions); a host that cannot delay fails the batch,
      // and the busy message asks the user to finish the edit. One undo step for the whole command
      // where Excel can group them (ExcelApi 1.20).
      return excelApiSupported("1.20") && grouped
        ? await Excel.run({ delayForCellEdit: true, mergeUndoGroup: true }, batch)
        : await Excel.run({ delayForCellEdit: true }, batch);
    } catch (error) {
      throw toHostError(error);
    }
  }

  return {
    async readSnapshot(): Promise<WorkbookSnapshot> {
      const read = await run((context) => readWorkbook(context, layout), false);
      layout = read.layout;
      return read.snapshot;
    },
    async applyWritePlan(plan: WritePlan): Promise<ApplyReport> {
      const known = layout;
      // Forget the layout first: if the apply fails part-way, the next read starts afresh.
      layout = undefined;
      const grouped = canGroupUndo(plan);
      // NamedItem.comment does not support undo on the web: grouped there, names go without one.
      const omitNameComments = grouped && excelPlatform() === "web";
      const report = await run(
        (context) => applyWritePlan(context, plan, known, { omitNameComments }),
        grouped,
      );
      noteVerification(plan.title, report.verification ?? []);
      if (known) layout = layoutAfterPlan(known, plan);
      return report;
    },
    // Excel.run({ mergeUndoGroup }) makes the whole apply one undo step from ExcelApi 1.20
    // (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities).
    undoScope: () => (excelApiSupported("1.20") ? "grouped" : "none"),
    async selectCell(sheet: string, address: string): Promise<void> {
      await run(async (context) => {
        const worksheet = context.workbook.worksheets.getItem(sheet);
        worksheet.activate();
        worksheet.getRange(address).select();
        await context.sync();
      }, false);
    },
  };
}
