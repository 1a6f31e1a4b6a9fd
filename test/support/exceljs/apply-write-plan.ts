/**
 * Applies a write plan to an ExcelJS workbook: a second writer, independent of the package model, for
 * the integration tests that build their workbooks with ExcelJS (the product writes with
 * src/xlsx/package-writer.ts). Every op kind is handled; a chart is left out (ExcelJS cannot make
 * one) and reported in ApplyReport.skipped. A plan that names a missing or protected sheet is refused
 * before anything is written.
 */
import type ExcelJS from "exceljs";
import { footerCodes } from "../../../src/core/planning/print-layout";
import { cellAddress, parseRangeAddress, rangeAddress } from "../../../src/core/basics/cell-address";
import type { GridRange } from "../../../src/core/basics/snapshot";
import type { ApplyReport } from "../../../src/core/basics/workbook-host";
import {
  MAX_CELL_TEXT_LENGTH,
  type CellStyle,
  type CellWrite,
  type ConditionalRule,
  type ListValidation,
  type WriteOp,
  type WritePlan,
} from "../../../src/core/basics/write-plan";
import { WritePlanError, existingSheetsNamed, nameTarget } from "../../../src/xlsx/write-plan-checks";
import { forgetKeptName, keepName } from "./workbook-names";

const argb = (hex: string): string => `FF${hex.replace(/^#/, "").toUpperCase()}`;

function isoToUtcDate(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new WritePlanError(`Not an ISO date: ${iso}`, null);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function writeCell(cell: ExcelJS.Cell, write: CellWrite, restyler: Restyler): void {
  switch (write.kind) {
    case "text":
      if (write.text.length > MAX_CELL_TEXT_LENGTH) {
        throw new WritePlanError(
          `Text for ${cell.address} is ${write.text.length} characters; Excel holds at most ${MAX_CELL_TEXT_LENGTH}`,
          null,
        );
      }
      // ExcelJS stores a JS string as a string cell whatever it starts with ("=SUM(1)", "+44", "3.10"),
      // so text never becomes a formula or a number here.
      cell.value = write.text;
      return;
    case "number":
      cell.value = write.value;
      if (write.numberFormat !== undefined) restyler.numberFormat(cell, write.numberFormat);
      return;
    case "boolean":
      cell.value = write.value;
      return;
    case "date":
      cell.value = isoToUtcDate(write.iso);
      restyler.numberFormat(cell, "dd/mm/yyyy");
      return;
    case "formula": {
      const formula = write.formula.replace(/^=/, "");
      cell.value = write.cached === null ? { formula } : { formula, result: write.cached };
      return;
    }
    case "blank":
      cell.value = null;
      return;
  }
}

function writeBlock(
  ws: ExcelJS.Worksheet,
  row: number,
  column: number,
  cells: ReadonlyArray<ReadonlyArray<CellWrite>>,
  restyler: Restyler,
): void {
  cells.forEach((line, i) => {
    const r = ws.getRow(row + i + 1);
    line.forEach((write, j) => {
      const cell = r.getCell(column + j + 1);
      writeCell(cell, write, restyler);
      restyler.share(cell);
    });
  });
}

function forEachCell(ws: ExcelJS.Worksheet, range: GridRange, fn: (cell: ExcelJS.Cell) => void): void {
  for (let r = range.top; r <= range.bottom; r++) {
    const row = ws.getRow(r + 1);
    for (let c = range.left; c <= range.right; c++) fn(row.getCell(c + 1));
  }
}

/**
 * Moves each row's cells in the block's columns, value and style, to consecutive rows from the
 * block's top, then clears the block's rows below them. A row moved from is either a later row's
 * target or below the last target, so it ends overwritten or cleared.
 */
function moveRows(
  ws: ExcelJS.Worksheet,
  block: GridRange,
  rows: readonly number[],
  cleared: Partial<ExcelJS.Style>,
): void {
  rows.forEach((from, i) => {
    const to = block.top + i;
    if (from === to) return;
    const source = ws.getRow(from + 1);
    const target = ws.getRow(to + 1);
    for (let c = block.left; c <= block.right; c++) {
      const moving = source.getCell(c + 1);
      const cell = target.getCell(c + 1);
      const value = moving.value;
      // A shared formula's dependent names its master's cell; moved, it keeps its own formula's text.
      cell.value =
        value !== null && typeof value === "object" && "sharedFormula" in value
          ? { formula: moving.formula, result: value.result }
          : value;
      // Safe to share: this file restyles a cell by replacing its style, never by changing it.
      cell.style = moving.style;
    }
  });
  forEachCell(ws, { ...block, top: block.top + rows.length }, (cell) => {
    cell.value = null;
    cell.style = cleared;
  });
}

/**
 * ExcelJS gives the cells read with one style a single shared style object, and its setters
 * (cell.font = …, cell.numFmt = …) change that object, so every cell sharing it would change. A
 * changed cell gets a new object instead; the cells given the same change from the same style share
 * it, which is also what lets ExcelJS write each style once rather than once per cell.
 */
class Restyler {
  private readonly derived = new WeakMap<object, Map<string, Partial<ExcelJS.Style>>>();
  private readonly unstyled: Partial<ExcelJS.Style> = {};

  restyle(
    cell: ExcelJS.Cell,
    key: string,
    change: (old: Partial<ExcelJS.Style>) => Partial<ExcelJS.Style>,
  ): void {
    const old = (cell.style as Partial<ExcelJS.Style> | undefined) ?? this.unstyled;
    let byKey = this.derived.get(old);
    if (!byKey) {
      byKey = new Map();
      this.derived.set(old, byKey);
    }
    let next = byKey.get(key);
    if (!next) {
      next = change(old);
      byKey.set(key, next);
    }
    cell.style = next;
  }

  numberFormat(cell: ExcelJS.Cell, numFmt: string): void {
    this.restyle(cell, `numFmt\u0000${numFmt}`, (old) => ({ ...old, numFmt }));
  }

  private readonly interned = new Map<string, Partial<ExcelJS.Style>>();
  private readonly internedFrom = new WeakMap<object, Partial<ExcelJS.Style>>();

  /**
   * ExcelJS quirk: a cell it makes gets its own new style object, and its writer serialises every
   * style object it has not seen before to find its index, so thousands of written cells (a summary's
   * exception list) cost thousands of serialisations. Cells with equal styles share one object here.
   */
  share(cell: ExcelJS.Cell): void {
    const own = cell.style as Partial<ExcelJS.Style> | undefined;
    if (own === undefined) return;
    let shared = this.internedFrom.get(own);
    if (shared === undefined) {
      const key = JSON.stringify(own);
      shared = this.interned.get(key) ?? own;
      this.interned.set(key, shared);
      this.internedFrom.set(own, shared);
    }
    if (shared !== own) cell.style = shared;
  }
}

function styledModel(old: Partial<ExcelJS.Style>, style: CellStyle): Partial<ExcelJS.Style> {
  const next: Partial<ExcelJS.Style> = { ...old };
  if (
    style.bold !== undefined ||
    style.italic !== undefined ||
    style.fontSize !== undefined ||
    style.fontColor
  ) {
    const font: Partial<ExcelJS.Font> = { ...old.font };
    if (style.bold !== undefined) font.bold = style.bold;
    if (style.italic !== undefined) font.italic = style.italic;
    if (style.fontSize !== undefined) font.size = style.fontSize;
    if (style.fontColor !== undefined) font.color = { argb: argb(style.fontColor) };
    next.font = font;
  }
  if (style.fill !== undefined) {
    next.fill =
      style.fill === null
        ? { type: "pattern", pattern: "none" }
        : { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
  }
  if (style.wrap !== undefined || style.horizontal !== undefined || style.vertical !== undefined) {
    const alignment: Partial<ExcelJS.Alignment> = { ...old.alignment };
    if (style.wrap !== undefined) alignment.wrapText = style.wrap;
    if (style.horizontal !== undefined) alignment.horizontal = style.horizontal;
    if (style.vertical !== undefined)
      alignment.vertical = style.vertical === "center" ? "middle" : style.vertical;
    next.alignment = alignment;
  }
  return next;
}

interface TableModel {
  name: string;
  tableRef: string;
  autoFilterRef?: string;
  columns: Array<{ name: string }>;
  headerRow?: boolean;
  totalsRow?: boolean;
}

/** ExcelJS keeps a table's model on `.table` (added in this session) or `.model` (read from a file). */
function tableModel(table: ExcelJS.Table): TableModel {
  return (table as unknown as { model: TableModel }).model;
}

function findTable(wb: ExcelJS.Workbook, name: string): { ws: ExcelJS.Worksheet; model: TableModel } | null {
  for (const ws of wb.worksheets) {
    for (const table of ws.getTables() as unknown as ExcelJS.Table[]) {
      const model = tableModel(table);
      if (model.name.toLowerCase() === name.toLowerCase()) return { ws, model };
    }
  }
  return null;
}

function addTable(
  wb: ExcelJS.Workbook,
  ws: ExcelJS.Worksheet,
  op: Extract<WriteOp, { kind: "addTable" }>,
): void {
  if (findTable(wb, op.name)) throw new WritePlanError(`A table named ${op.name} already exists`, op);
  if (op.range.bottom <= op.range.top) throw new WritePlanError(`Table ${op.name} has no data row`, op);
  const header = ws.getRow(op.range.top + 1);
  const columns: Array<{ name: string; filterButton: boolean }> = [];
  for (let c = op.range.left; c <= op.range.right; c++) {
    const value = header.getCell(c + 1).value;
    if (typeof value !== "string" || value.trim() === "") {
      throw new WritePlanError(`Header ${cellAddress(op.range.top, c)} of table ${op.name} must be text`, op);
    }
    columns.push({ name: value, filterButton: true });
  }
  // ExcelJS's addTable writes every row it is given into the cells; given none, it writes only the
  // header names (the same text already there), and the ref is then widened over the existing rows,
  // so the values under the header are never rewritten.
  const table = ws.addTable({
    name: op.name,
    displayName: op.name,
    ref: cellAddress(op.range.top, op.range.left),
    headerRow: true,
    totalsRow: false,
    style: { theme: op.style as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
    columns,
    rows: [],
  });
  const model = tableModel(table);
  model.tableRef = rangeAddress(op.range);
  model.autoFilterRef = rangeAddress(op.range);
}

function appendTableRows(
  wb: ExcelJS.Workbook,
  ws: ExcelJS.Worksheet,
  op: Extract<WriteOp, { kind: "appendTableRows" }>,
  restyler: Restyler,
): void {
  const found = findTable(wb, op.table);
  if (!found || found.ws !== ws) throw new WritePlanError(`No table ${op.table} on '${op.sheet}'`, op);
  const range = parseRangeAddress(found.model.tableRef);
  if (op.row !== range.bottom + 1 || op.column !== range.left) {
    throw new WritePlanError(
      `Rows for ${op.table} must start at ${cellAddress(range.bottom + 1, range.left)}`,
      op,
    );
  }
  writeBlock(ws, op.row, op.column, op.cells, restyler);
  const grown: GridRange = { ...range, bottom: range.bottom + op.cells.length };
  found.model.tableRef = rangeAddress(grown);
  found.model.autoFilterRef = rangeAddress(grown);
}

type ValidationModel = Record<string, ExcelJS.DataValidation | undefined>;

/** Worksheet members ExcelJS has at run time but leaves out of its type declarations. */
interface WorksheetInternals {
  dataValidations: { model: ValidationModel };
  conditionalFormattings: ExcelJS.ConditionalFormattingOptions[];
  orderNo: number;
  sheetProtection: { sheet?: boolean; objects?: boolean; scenarios?: boolean } | null;
}

const internals = (ws: ExcelJS.Worksheet): WorksheetInternals => ws as unknown as WorksheetInternals;

function setValidation(ws: ExcelJS.Worksheet, range: GridRange, rule: ListValidation): void {
  const model = internals(ws).dataValidations.model;
  for (const key of Object.keys(model)) {
    const existing = model[key];
    let keyRange: GridRange;
    try {
      keyRange = parseRangeAddress(key);
    } catch {
      continue;
    }
    const overlaps =
      keyRange.left <= range.right &&
      range.left <= keyRange.right &&
      keyRange.top <= range.bottom &&
      range.top <= keyRange.bottom;
    if (!overlaps) continue;
    delete model[key];
    // Keep the part of an older range rule that lies outside the new range, cell by cell.
    if (existing && key.includes(":")) {
      for (let r = keyRange.top; r <= keyRange.bottom; r++) {
        for (let c = keyRange.left; c <= keyRange.right; c++) {
          const inside = r >= range.top && r <= range.bottom && c >= range.left && c <= range.right;
          if (!inside) model[cellAddress(r, c)] = existing;
        }
      }
    }
  }
  const validation: ExcelJS.DataValidation = {
    type: "list",
    allowBlank: true,
    formulae: [rule.source.replace(/^=/, "")],
    showErrorMessage: true,
    errorStyle: rule.errorStyle,
    errorTitle: rule.errorTitle,
    error: rule.errorMessage,
    ...(rule.prompt !== undefined
      ? { showInputMessage: true, promptTitle: rule.errorTitle, prompt: rule.prompt }
      : {}),
  };
  model[rangeAddress(range)] = validation;
}

function setConditionalFormats(
  ws: ExcelJS.Worksheet,
  range: GridRange,
  rules: readonly ConditionalRule[],
): void {
  const ref = rangeAddress(range);
  const sheet = internals(ws);
  sheet.conditionalFormattings = sheet.conditionalFormattings.filter((cf) => cf.ref !== ref);
  if (rules.length === 0) return;
  ws.addConditionalFormatting({
    ref,
    rules: rules.map((rule, i) => ({
      type: "expression",
      priority: i + 1,
      formulae: [rule.formula.replace(/^=/, "")],
      style: {
        fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(rule.fill) } },
        font: { color: { argb: argb(rule.fontColor) }, ...(rule.bold ? { bold: true } : {}) },
      },
    })),
  });
}

/**
 * "=Leads[Code]" is kept and written as Excel writes it (ExcelJS cannot), so Excel grows the name
 * with its table; an A1 reference goes into ExcelJS's model.
 */
function defineName(wb: ExcelJS.Workbook, op: Extract<WriteOp, { kind: "defineName" }>): void {
  const target = nameTarget(op, (table) => findTable(wb, table)?.model.columns.map((c) => c.name) ?? null);
  if (target.kind === "column" || target.kind === "constant") {
    keepName(wb, op.name, target.body, op.comment);
    return;
  }
  forgetKeptName(wb, op.name);
  const others = wb.definedNames.model.filter((n) => n.name.toLowerCase() !== op.name.toLowerCase());
  wb.definedNames.model = [...others, { name: op.name, ranges: [target.body] }];
}

function addSheet(wb: ExcelJS.Workbook, op: Extract<WriteOp, { kind: "addSheet" }>): void {
  if (wb.getWorksheet(op.sheet)) throw new WritePlanError(`Sheet '${op.sheet}' already exists`, op);
  const before = wb.worksheets;
  const ws = wb.addWorksheet(op.sheet);
  if (op.after === null) return;
  const afterIndex = before.findIndex((s) => s.name === op.after);
  if (afterIndex < 0) throw new WritePlanError(`No sheet '${op.after}' to add '${op.sheet}' after`, op);
  const order = [...before.slice(0, afterIndex + 1), ws, ...before.slice(afterIndex + 1)];
  order.forEach((s, i) => {
    internals(s).orderNo = i + 1;
  });
}

function checkPlan(wb: ExcelJS.Workbook, plan: WritePlan): void {
  for (const name of existingSheetsNamed(plan)) {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new WritePlanError(`The workbook has no sheet '${name}'`, null);
    if (internals(ws).sheetProtection?.sheet) {
      throw new WritePlanError(`The sheet '${name}' is protected; nothing was written`, null);
    }
  }
}

/**
 * Applies every op of `plan` to `workbook`, in order. Returns what was left out by design (charts).
 * Throws WritePlanError, before writing anything, when an op names a sheet that is missing or
 * protected; and for an op the workbook cannot take (a plan bug).
 *
 * @example
 * applyWritePlanToWorkbook(wb, { title: "Apply schema", ops: [{ kind: "writeCells", sheet: "Plan",
 *   row: 0, column: 0, cells: [[{ kind: "text", text: "=SUM(1)" }]] }] }) // A1 holds the text "=SUM(1)"
 */
export function applyWritePlanToWorkbook(workbook: ExcelJS.Workbook, plan: WritePlan): ApplyReport {
  checkPlan(workbook, plan);
  const skipped: string[] = [];
  const restyler = new Restyler();
  const cleared: Partial<ExcelJS.Style> = {};
  const sheet = (name: string, op: WriteOp): ExcelJS.Worksheet => {
    const ws = workbook.getWorksheet(name);
    if (!ws) throw new WritePlanError(`The workbook has no sheet '${name}'`, op);
    return ws;
  };
  for (const op of plan.ops) {
    switch (op.kind) {
      case "addSheet":
        addSheet(workbook, op);
        break;
      case "writeCells":
        writeBlock(sheet(op.sheet, op), op.row, op.column, op.cells, restyler);
        break;
      case "clearRange":
        forEachCell(sheet(op.sheet, op), op.range, (cell) => {
          cell.value = null;
          // Shared by the cleared cells, safe because this file restyles a cell by replacing its style.
          cell.style = cleared;
        });
        break;
      case "moveRows":
        moveRows(sheet(op.sheet, op), op.range, op.rows, cleared);
        break;
      case "unmerge":
        sheet(op.sheet, op).unMergeCells(rangeAddress(op.range));
        break;
      case "styleRange": {
        const key = JSON.stringify(op.style);
        const style = op.style;
        forEachCell(sheet(op.sheet, op), op.range, (cell) =>
          restyler.restyle(cell, key, (old) => styledModel(old, style)),
        );
        break;
      }
      case "addTable":
        addTable(workbook, sheet(op.sheet, op), op);
        break;
      case "appendTableRows":
        appendTableRows(workbook, sheet(op.sheet, op), op, restyler);
        break;
      case "setValidation":
        setValidation(sheet(op.sheet, op), op.range, op.rule);
        break;
      case "setConditionalFormats":
        setConditionalFormats(sheet(op.sheet, op), op.range, op.rules);
        break;
      case "defineName":
        defineName(workbook, op);
        break;
      case "setColumnWidths": {
        const ws = sheet(op.sheet, op);
        for (const w of op.widths) {
          ws.getColumn(w.column + 1).width = w.width;
          if (w.hidden !== undefined) ws.getColumn(w.column + 1).hidden = w.hidden;
        }
        break;
      }
      case "setPageLayout": {
        const ws = sheet(op.sheet, op);
        ws.pageSetup.orientation = op.orientation;
        ws.pageSetup.fitToPage = true;
        ws.pageSetup.fitToWidth = op.fitToPagesWide;
        ws.pageSetup.fitToHeight = 0;
        if (op.printTitleRows)
          ws.pageSetup.printTitlesRow = `${op.printTitleRows.first + 1}:${op.printTitleRows.last + 1}`;
        if (op.paperSize === "A4") ws.pageSetup.paperSize = 9;
        if (op.footer) ws.headerFooter.oddFooter = footerCodes(op.footer);
        if (op.rowBreaks) {
          // ExcelJS 4.4 keeps the breaks on the worksheet but leaves rowBreaks out of its typings.
          (ws as unknown as { rowBreaks: unknown[] }).rowBreaks.length = 0;
          // ExcelJS's addPageBreak breaks after the row it is called on.
          for (const row of op.rowBreaks) if (row > 0) ws.getRow(row).addPageBreak();
        }
        break;
      }
      case "hideRows": {
        const ws = sheet(op.sheet, op);
        for (const row of op.rows) ws.getRow(row + 1).hidden = true;
        break;
      }
      case "setRowHeights": {
        const ws = sheet(op.sheet, op);
        for (const { row, height } of op.heights) ws.getRow(row + 1).height = height;
        break;
      }
      case "addChart":
        skipped.push(
          `The chart '${op.title}' on '${op.sheet}' (this file writer cannot draw charts; Excel and the command line's writer do)`,
        );
        break;
      case "activateSheet": {
        const index = workbook.worksheets.findIndex((s) => s.name === op.sheet);
        if (index < 0) throw new WritePlanError(`The workbook has no sheet '${op.sheet}'`, op);
        workbook.views = [{ ...(workbook.views?.[0] ?? {}), activeTab: index } as ExcelJS.WorkbookView];
        break;
      }
      case "protectSheet": {
        const ws = sheet(op.sheet, op);
        for (const open of op.unlocked) {
          for (let r = open.top; r <= open.bottom; r++) {
            for (let c = open.left; c <= open.right; c++) {
              // ExcelJS quirk: cells can share one style object, so the cell gets its own copy first.
              const cell = ws.getCell(r + 1, c + 1);
              cell.style = { ...cell.style, protection: { locked: false } };
            }
          }
        }
        // Worksheet.protect() is async (it hashes a password); with none, the model is set as it would.
        internals(ws).sheetProtection = { sheet: true, objects: true, scenarios: true };
        break;
      }
      case "setSheetVisibility":
        sheet(op.sheet, op).state = op.visibility;
        break;
    }
  }
  return { skipped };
}
