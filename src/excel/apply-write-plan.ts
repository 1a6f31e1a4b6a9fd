/**
 * Applies a WritePlan through the Excel JavaScript API: every op queued, then one context.sync.
 *
 * Host rules kept here: user text gets number format "@" before its value (Range.values turns
 * "=…", "+…", "-…" into formulas and "3.10" into 3.1); tables grow by writing below them, never
 * TableRowCollection.add (co-authoring conflicts); new sheets come from worksheets.add, never
 * Worksheet.copy, and nothing calls Worksheet.delete or the protection APIs (each clears the undo stack).
 */
import type { ApplyReport } from "../core/basics/workbook-host";
import type { CellStyle, CellWrite, WriteOp, WritePlan } from "../core/basics/write-plan";
import type { GridRange } from "../core/basics/snapshot";
import { cellAddress, columnLetters, rangeAddress } from "../core/basics/cell-address";
import { isoToExcelSerial } from "../core/basics/excel-dates";
import { excelApiSupported } from "./api-support";
import { DATE_1904_OFFSET, type WorkbookLayout } from "./excel-snapshot";
import { ProtectedSheetError, StructureProtectedError } from "./host-errors";
import { queueVerification } from "./verify-write-plan";

/**
 * Bytes of request a batch may carry. Excel on the web refuses requests over 5 MB; the estimate
 * below counts the JSON of the arrays sent, so keep a margin for the statements around them.
 */
const REQUEST_BUDGET_BYTES = 4_000_000;
/** Excel's column width is in points; the plan's in characters of the default font (7 px ≈ 5.25 pt). */
const POINTS_PER_CHARACTER = 5.25;
const DATE_FORMAT = "dd/mm/yyyy";

export interface ApplyOptions {
  /**
   * Leave out NamedItem comments: the run is an undo group on Excel on the web, where "Undo
   * capabilities with the Excel JavaScript API" lists NamedItem.comment as not supporting undo.
   */
  readonly omitNameComments?: boolean;
}

/**
 * Applies `plan` in one sync (plus one before it when no layout of the workbook is given, to learn
 * sheet order, protection and chart names), then verifies in one more: it reads back what Excel may
 * not have done as asked (tables grown over appended rows, names over structured references,
 * validation on new rows, fit-to-width printing) and, where it can, puts it right in a last sync
 * that only happens when something was wrong. What it found is the report's `verification`, in words.
 * A plan whose values would pass Excel on the web's 5 MB request limit is sent in consecutive
 * batches of about 4 MB, cut between rows of its largest writes.
 * Throws ProtectedSheetError or StructureProtectedError, before writing anything, when an op targets
 * a protected sheet or adds a sheet to a workbook whose structure is protected.
 *   await applyWritePlan(context, { title: "Apply schema", ops }, layoutFromLastRead);
 */
export async function applyWritePlan(
  context: Excel.RequestContext,
  plan: WritePlan,
  layout?: WorkbookLayout,
  options: ApplyOptions = {},
): Promise<ApplyReport> {
  const known = layout ?? (await readLayout(context));
  ensureWritable(plan, known);
  const skipped: string[] = [];
  const order = known.sheets.map((s) => s.name);
  const charts = new Map(known.sheets.map((s) => [s.name, new Set(s.charts)]));
  const canMove = excelApiSupported("1.11");
  const state: ApplyState = {
    order,
    charts,
    skipped,
    dateOffset: known.date1904 ? DATE_1904_OFFSET : 0,
    omitNameComments: options.omitNameComments === true,
  };
  const batches = splitIntoBatches(plan.ops.flatMap((op) => excelOps(op, canMove)));
  for (const batch of batches) {
    for (const op of batch) queueOp(context, op, state);
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one batch per 4 MB: a plan under the limit has exactly one
    await context.sync();
  }
  const verification = queueVerification(context, plan, state.omitNameComments);
  if (verification === null) return { skipped, verification: [] };
  await context.sync();
  const repaired = verification.repair();
  if (repaired) await context.sync();
  return { skipped, verification: verification.findings() };
}

/** The layout after `plan` has been applied over `layout` (new sheets, tables and charts). */
export function layoutAfterPlan(layout: WorkbookLayout, plan: WritePlan): WorkbookLayout {
  const sheets = layout.sheets.map((s) => ({ ...s, charts: [...s.charts] }));
  const tables = [...layout.tables];
  for (const op of plan.ops) {
    if (op.kind === "addSheet") {
      const at = op.after === null ? sheets.length : sheets.findIndex((s) => s.name === op.after) + 1;
      sheets.splice(at === 0 ? sheets.length : at, 0, { name: op.sheet, isProtected: false, charts: [] });
    } else if (op.kind === "addTable") {
      tables.push(op.name);
    } else if (op.kind === "addChart") {
      const sheet = sheets.find((s) => s.name === op.sheet);
      if (sheet && !sheet.charts.includes(op.name)) sheet.charts.push(op.name);
    }
  }
  return { ...layout, sheets, tables };
}

async function readLayout(context: Excel.RequestContext): Promise<WorkbookLayout> {
  const sheets = context.workbook.worksheets.load(
    "items/name,items/protection/protected,items/charts/items/name",
  );
  await context.sync();
  return {
    sheets: sheets.items.map((s) => ({
      name: s.name,
      isProtected: s.protection.protected,
      charts: s.charts.items.map((c) => c.name),
    })),
    tables: [],
    structureProtected: false,
    date1904: false,
  };
}

function sheetOf(op: WriteOp): string | null {
  return op.kind === "defineName" ? null : op.sheet;
}

function ensureWritable(plan: WritePlan, layout: WorkbookLayout): void {
  const added = new Set(plan.ops.flatMap((op) => (op.kind === "addSheet" ? [op.sheet] : [])));
  if (layout.structureProtected && added.size > 0) throw new StructureProtectedError([...added]);
  for (const op of plan.ops) {
    const sheet = sheetOf(op);
    if (sheet === null || added.has(sheet) || op.kind === "activateSheet") continue;
    if (layout.sheets.find((s) => s.name === sheet)?.isProtected) throw new ProtectedSheetError(sheet, false);
  }
}

// --- batching -------------------------------------------------------------------------------

function writeBytes(write: CellWrite): number {
  switch (write.kind) {
    case "text":
      return JSON.stringify(write.text).length + 8;
    case "formula":
      return JSON.stringify(write.formula).length + 20;
    case "number":
    case "boolean":
    case "date":
    case "blank":
      return 24;
  }
}

function rowBytes(row: readonly CellWrite[]): number {
  return row.reduce((n, w) => n + writeBytes(w), 4);
}

function opBytes(op: ExcelOp): number {
  if (op.kind === "writeCells" || op.kind === "appendTableRows") {
    return op.cells.reduce((n, row) => n + rowBytes(row), 100);
  }
  return JSON.stringify(op).length + 100;
}

/** An op as queued: a plan's op, or one run of a moveRows moved by Range.moveTo. */
type ExcelOp =
  | WriteOp
  | { readonly kind: "moveCells"; readonly sheet: string; readonly from: GridRange; readonly to: GridRange };

/**
 * A moveRows as Excel can do it. With ExcelApi 1.11, Range.moveTo moves each run of consecutive rows
 * (values, formulas and formats, as cut and paste); the block's rows left below are cleared. Below
 * 1.11 the block is cleared and the moved rows' values and formulas are written as read, which batching
 * can split; they lose their formats, so their text is wrapped and set at the top to stay readable.
 */
function excelOps(op: WriteOp, canMove: boolean): ExcelOp[] {
  if (op.kind !== "moveRows") return [op];
  const { sheet, range: block, rows, cells } = op;
  const moved: GridRange = { ...block, bottom: block.top + rows.length - 1 };
  if (!canMove) {
    return [
      { kind: "clearRange", sheet, range: block },
      { kind: "writeCells", sheet, row: block.top, column: block.left, cells },
      { kind: "styleRange", sheet, range: moved, style: { wrap: true, vertical: "top" } },
    ];
  }
  const ops: ExcelOp[] = [];
  for (let first = 0; first < rows.length;) {
    let last = first;
    while (last + 1 < rows.length && rows[last + 1] === rows[last]! + 1) last++;
    const from = rows[first]!;
    const to = block.top + first;
    if (from !== to) {
      ops.push({
        kind: "moveCells",
        sheet,
        from: { ...block, top: from, bottom: from + last - first },
        to: { ...block, top: to, bottom: to + last - first },
      });
    }
    first = last + 1;
  }
  if (moved.bottom < block.bottom)
    ops.push({ kind: "clearRange", sheet, range: { ...block, top: moved.bottom + 1 } });
  return ops;
}

/** Cuts the ops into batches under the request budget, splitting big cell writes between rows. */
function splitIntoBatches(ops: readonly ExcelOp[]): ExcelOp[][] {
  const batches: ExcelOp[][] = [[]];
  let bytes = 0;
  const push = (op: ExcelOp, size: number): void => {
    if (bytes + size > REQUEST_BUDGET_BYTES && (batches[batches.length - 1]?.length ?? 0) > 0) {
      batches.push([]);
      bytes = 0;
    }
    batches[batches.length - 1]?.push(op);
    bytes += size;
  };
  for (const op of ops) {
    const size = opBytes(op);
    if (size <= REQUEST_BUDGET_BYTES || (op.kind !== "writeCells" && op.kind !== "appendTableRows")) {
      push(op, size);
      continue;
    }
    let start = 0;
    let chunkBytes = 0;
    op.cells.forEach((row, i) => {
      const b = rowBytes(row);
      if (chunkBytes + b > REQUEST_BUDGET_BYTES / 2 && i > start) {
        push({ ...op, row: op.row + start, cells: op.cells.slice(start, i) }, chunkBytes);
        start = i;
        chunkBytes = 0;
      }
      chunkBytes += b;
    });
    push({ ...op, row: op.row + start, cells: op.cells.slice(start) }, chunkBytes);
  }
  return batches.filter((b) => b.length > 0);
}

// --- ops --------------------------------------------------------------------------------------

interface ApplyState {
  readonly order: string[];
  readonly charts: Map<string, Set<string>>;
  readonly skipped: string[];
  /** Subtracted from 1900-system serials: 1,462 in a workbook that counts dates from 1904. */
  readonly dateOffset: number;
  readonly omitNameComments: boolean;
}

function queueOp(context: Excel.RequestContext, op: ExcelOp, state: ApplyState): void {
  const sheets = context.workbook.worksheets;
  switch (op.kind) {
    case "addSheet": {
      const sheet = sheets.add(op.sheet);
      const after = op.after === null ? -1 : state.order.indexOf(op.after);
      if (after >= 0) {
        sheet.position = after + 1;
        state.order.splice(after + 1, 0, op.sheet);
      } else state.order.push(op.sheet);
      state.charts.set(op.sheet, new Set());
      return;
    }
    case "writeCells":
    case "appendTableRows":
      // Rows written directly below a table make Excel grow the table over them.
      queueCells(sheets.getItem(op.sheet), op.row, op.column, op.cells, state.dateOffset);
      return;
    case "clearRange":
      range(sheets.getItem(op.sheet), op.range).clear("All");
      return;
    case "moveRows":
      throw new Error("moveRows is queued as the ops excelOps makes of it");
    case "moveCells": {
      if (!excelApiSupported("1.11")) throw new Error("moveCells is made only for ExcelApi 1.11 hosts");
      const sheet = sheets.getItem(op.sheet);
      range(sheet, op.from).moveTo(range(sheet, op.to));
      return;
    }
    case "unmerge":
      range(sheets.getItem(op.sheet), op.range).unmerge();
      return;
    case "styleRange":
      queueStyle(range(sheets.getItem(op.sheet), op.range), op.style);
      return;
    case "addTable": {
      const table = sheets.getItem(op.sheet).tables.add(rangeAddress(op.range), true);
      table.name = op.name;
      table.style = op.style;
      return;
    }
    case "setValidation": {
      const validation = range(sheets.getItem(op.sheet), op.range).dataValidation;
      validation.clear();
      validation.rule = { list: { inCellDropDown: op.rule.inCellDropdown, source: op.rule.source } };
      validation.errorAlert = {
        showAlert: true,
        style: op.rule.errorStyle === "stop" ? "Stop" : "Warning",
        title: op.rule.errorTitle,
        message: op.rule.errorMessage,
      };
      if (op.rule.prompt !== undefined)
        validation.prompt = { showPrompt: true, message: op.rule.prompt, title: "" };
      return;
    }
    case "setConditionalFormats": {
      const formats = range(sheets.getItem(op.sheet), op.range).conditionalFormats;
      formats.clearAll();
      for (const rule of op.rules) {
        const custom = formats.add("Custom").custom;
        custom.rule.formula = rule.formula;
        custom.format.fill.color = rule.fill;
        custom.format.font.color = rule.fontColor;
        if (rule.bold !== undefined) custom.format.font.bold = rule.bold;
      }
      return;
    }
    case "defineName":
      // A name over a structured reference may read back as a fixed range (office-js #740): the
      // verify round trip reads it back and defines it again with addFormulaLocal when it did.
      if (state.omitNameComments) context.workbook.names.add(op.name, op.formula);
      else context.workbook.names.add(op.name, op.formula, op.comment);
      return;
    case "setColumnWidths": {
      const sheet = sheets.getItem(op.sheet);
      for (const { column, width, hidden } of op.widths) {
        const letters = columnLetters(column);
        const range = sheet.getRange(`${letters}:${letters}`);
        range.format.columnWidth = width * POINTS_PER_CHARACTER;
        // Range.columnHidden is ExcelApi 1.2, below the add-in's 1.8.
        if (hidden !== undefined) range.columnHidden = hidden;
      }
      return;
    }
    case "setPageLayout":
      if (excelApiSupported("1.9")) {
        const layout = sheets.getItem(op.sheet).pageLayout;
        layout.orientation = op.orientation === "landscape" ? "Landscape" : "Portrait";
        layout.zoom = { horizontalFitToPages: op.fitToPagesWide };
        if (op.printTitleRows) {
          layout.setPrintTitleRows(`$${op.printTitleRows.first + 1}:$${op.printTitleRows.last + 1}`);
        }
        // PageLayout.paperSize, headersFooters and Worksheet.horizontalPageBreaks are ExcelApi 1.9 too.
        if (op.paperSize === "A4") layout.paperSize = "A4";
        if (op.footer) {
          const footer = layout.headersFooters.defaultForAllPages;
          footer.centerFooter = op.footer.center === null ? "" : op.footer.center.replace(/&/g, "&&");
          footer.rightFooter = op.footer.pageNumbers ? "Page &P of &N" : "";
        }
        if (op.rowBreaks) {
          const breaks = sheets.getItem(op.sheet).horizontalPageBreaks;
          breaks.removePageBreaks();
          // A break goes before the top-left cell of the range added.
          for (const row of op.rowBreaks) if (row > 0) breaks.add(cellAddress(row, 0));
        }
      } else {
        state.skipped.push(
          `Print layout of '${op.sheet}' (landscape, fit to width, repeated headings): this version of Excel cannot set it from an add-in.`,
        );
      }
      return;
    case "hideRows": {
      const sheet = sheets.getItem(op.sheet);
      // Range.rowHidden is ExcelApi 1.2, below the add-in's 1.8; each run of consecutive rows is one range.
      for (let first = 0; first < op.rows.length;) {
        let last = first;
        while (last + 1 < op.rows.length && op.rows[last + 1] === op.rows[last]! + 1) last++;
        sheet.getRange(`${op.rows[first]! + 1}:${op.rows[last]! + 1}`).rowHidden = true;
        first = last + 1;
      }
      return;
    }
    case "setRowHeights": {
      const sheet = sheets.getItem(op.sheet);
      // RangeFormat.rowHeight sets the whole row's height, in points.
      for (const { row, height } of op.heights) sheet.getRange(cellAddress(row, 0)).format.rowHeight = height;
      return;
    }
    case "addChart": {
      const sheet = sheets.getItem(op.sheet);
      const existing = state.charts.get(op.sheet);
      // Refreshing replaces the chart of the same name rather than stacking another on top of it.
      if (existing?.has(op.name)) sheet.charts.getItem(op.name).delete();
      // One series per column (status), categories down the rows (themes, leads): "Auto" guesses
      // from the shape on desktop and plots by rows when there are fewer themes than statuses
      // (Excel.ChartSeriesBy: "In Excel on desktop, the "auto" option will inspect the source data
      // shape to automatically guess whether the data is by rows or columns").
      const chart = sheet.charts.add(
        op.chartType === "barStacked" ? "BarStacked" : "ColumnStacked",
        range(sheet, op.source),
        "Columns",
      );
      chart.name = op.name;
      chart.title.text = op.title;
      chart.setPosition(
        cellAddress(op.anchor.top, op.anchor.left),
        cellAddress(op.anchor.bottom, op.anchor.right),
      );
      existing?.add(op.name);
      return;
    }
    case "activateSheet":
      sheets.getItem(op.sheet).activate();
      return;
    case "protectSheet":
      // The protection APIs clear the user's undo stack (docs: EXCEL.md, "Traps"), so the add-in never
      // protects a sheet of the open workbook; protected sheets are made only in new .xlsx files.
      state.skipped.push(
        `Protecting '${op.sheet}': the add-in does not protect sheets in Excel, as that would clear your undo history.`,
      );
      return;
    case "setSheetVisibility":
      sheets.getItem(op.sheet).visibility = VISIBILITY[op.visibility];
      return;
  }
}

const VISIBILITY = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" } as const;

function range(sheet: Excel.Worksheet, grid: GridRange): Excel.Range {
  return sheet.getRange(rangeAddress(grid));
}

const HORIZONTAL = { left: "Left", center: "Center", right: "Right" } as const;
const VERTICAL = { top: "Top", center: "Center", bottom: "Bottom" } as const;

function queueStyle(target: Excel.Range, style: CellStyle): void {
  const format = target.format;
  if (style.bold !== undefined) format.font.bold = style.bold;
  if (style.italic !== undefined) format.font.italic = style.italic;
  if (style.fontSize !== undefined) format.font.size = style.fontSize;
  if (style.fontColor !== undefined) format.font.color = style.fontColor;
  if (style.fill === null) format.fill.clear();
  else if (style.fill !== undefined) format.fill.color = style.fill;
  if (style.wrap !== undefined) format.wrapText = style.wrap;
  if (style.horizontal !== undefined) format.horizontalAlignment = HORIZONTAL[style.horizontal];
  if (style.vertical !== undefined) format.verticalAlignment = VERTICAL[style.vertical];
}

type Cell = string | number | boolean | null;

/**
 * Number formats first, then values, then formulas, all in the same batch. null leaves a cell as it
 * is (Excel's rule for 2-D arrays), so a blank keeps its format and a formula cell is not overwritten
 * by the values array.
 */
function queueCells(
  sheet: Excel.Worksheet,
  row: number,
  column: number,
  cells: ReadonlyArray<ReadonlyArray<CellWrite>>,
  dateOffset: number,
): void {
  const width = cells.reduce((n, r) => Math.max(n, r.length), 0);
  if (cells.length === 0 || width === 0) return;
  const formats: Cell[][] = [];
  const values: Cell[][] = [];
  const formulas: Cell[][] = [];
  let anyFormula = false;
  for (const r of cells) {
    const f: Cell[] = [];
    const v: Cell[] = [];
    const x: Cell[] = [];
    for (let c = 0; c < width; c++) {
      const w = r[c];
      x.push(null);
      if (w === undefined) {
        f.push(null);
        v.push(null);
        continue;
      }
      switch (w.kind) {
        case "text":
          f.push("@");
          v.push(w.text);
          break;
        case "number":
          f.push(w.numberFormat ?? "General");
          v.push(w.value);
          break;
        case "boolean":
          f.push("General");
          v.push(w.value);
          break;
        case "date":
          f.push(DATE_FORMAT);
          v.push(isoToExcelSerial(w.iso) - dateOffset);
          break;
        case "formula":
          f.push("General");
          v.push(null);
          x[c] = w.formula;
          anyFormula = true;
          break;
        case "blank":
          f.push(null);
          v.push("");
          break;
      }
    }
    formats.push(f);
    values.push(v);
    formulas.push(x);
  }
  const target = sheet.getRangeByIndexes(row, column, cells.length, width);
  if (formats.some((r) => r.some((f) => f !== null))) target.numberFormat = formats;
  target.values = values;
  if (anyFormula) target.formulas = formulas;
}
