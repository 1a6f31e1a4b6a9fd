/**
 * The verify round trip after a write: what the documentation leaves uncertain is read back in one
 * sync, put right where the API allows in one more (only when something was wrong), and told to the
 * user in words with what to do.
 *
 * - Tables grow over rows written below them only when the data is real and no validation lies below
 *   ("Coauthoring in Excel add-ins", Use Range.values to add rows; office-js #2097): each table the
 *   plan appended to has its range read back, and is resized (Table.resize, ExcelApi 1.13) or reported.
 * - A name over a structured reference may come back as a fixed range (office-js #740), and then the
 *   dropdown stops growing with its table: it is defined again with addFormulaLocal.
 * - Validation: every range given a dropdown, and the rows appended below a table whose last row has
 *   one, are read back (DataValidation.type).
 * - Fit to pages wide may be dropped on desktop (office-js #1860): the print scale is set instead.
 */
import { quoteSheetName, rangeAddress } from "../core/basics/cell-address";
import type { GridRange } from "../core/basics/snapshot";
import type { WriteOp, WritePlan } from "../core/basics/write-plan";
import { excelApiSupported } from "./api-support";

/** Excel's column width is in points; the plan's in characters of the default font. */
const POINTS_PER_CHARACTER = 5.25;
/** Excel's default column width, in characters, for columns the plan does not size. */
const DEFAULT_WIDTH_CHARACTERS = 8.43;
/** The printable width of A4 with Excel's normal margins (0.7" each side), in points. */
const A4_PRINTABLE_POINTS = { landscape: 842 - 101, portrait: 595 - 101 } as const;

export interface Verification {
  /** Queues what can be put right; true when anything was queued (then one more sync is needed). */
  repair(): boolean;
  /** What was found (and what was done or is left to the user), in words; empty when all was as asked. */
  findings(): string[];
}

interface AppendedTable {
  readonly sheet: string;
  readonly table: string;
  /** The rows written below the table, in sheet coordinates. */
  readonly block: GridRange;
}

type Check = {
  repair(): boolean;
  findings(): string[];
};

function appendedTables(plan: WritePlan): AppendedTable[] {
  const byTable = new Map<string, AppendedTable>();
  for (const op of plan.ops) {
    if (op.kind !== "appendTableRows" || op.cells.length === 0) continue;
    const width = op.cells.reduce((n, r) => Math.max(n, r.length), 0);
    const block: GridRange = {
      top: op.row,
      left: op.column,
      bottom: op.row + op.cells.length - 1,
      right: op.column + Math.max(1, width) - 1,
    };
    const known = byTable.get(op.table);
    byTable.set(op.table, {
      sheet: op.sheet,
      table: op.table,
      block: known
        ? {
            top: Math.min(known.block.top, block.top),
            left: Math.min(known.block.left, block.left),
            bottom: Math.max(known.block.bottom, block.bottom),
            right: Math.max(known.block.right, block.right),
          }
        : block,
    });
  }
  return [...byTable.values()];
}

function rows(block: GridRange): string {
  return block.top === block.bottom ? `row ${block.top + 1}` : `rows ${block.top + 1}–${block.bottom + 1}`;
}

function tableCheck(context: Excel.RequestContext, appended: AppendedTable): Check {
  const table = context.workbook.tables.getItem(appended.table);
  const range = table.getRange().load("rowIndex,rowCount,columnIndex,columnCount");
  let resized = false;
  const shortBy = (): boolean => range.rowIndex + range.rowCount - 1 < appended.block.bottom;
  return {
    repair() {
      if (!shortBy()) return false;
      const grown: GridRange = {
        top: range.rowIndex,
        left: range.columnIndex,
        bottom: appended.block.bottom,
        right: range.columnIndex + range.columnCount - 1,
      };
      if (excelApiSupported("1.13")) {
        table.resize(`${quoteSheetName(appended.sheet)}!${rangeAddress(grown)}`);
        resized = true;
      }
      return resized;
    },
    findings() {
      if (!shortBy()) return [];
      const where = `the ${appended.table} table on '${appended.sheet}'`;
      return resized
        ? [
            `Excel did not grow ${where} over the ${rows(appended.block)} written below it, so the add-in resized the table to include them.`,
          ]
        : [
            `Excel did not grow ${where} over the ${rows(appended.block)} written below it. Click a cell in the table, choose Table Design › Resize Table and include those rows, or they stay outside the table (and its dropdowns).`,
          ];
    },
  };
}

/** Rows appended below a table whose last row has a dropdown should have one too. */
function appendedValidationCheck(context: Excel.RequestContext, appended: AppendedTable): Check {
  const sheet = context.workbook.worksheets.getItem(appended.sheet);
  const { block } = appended;
  const width = block.right - block.left + 1;
  const above = sheet.getRangeByIndexes(block.top - 1, block.left, 1, width).dataValidation.load("type");
  const below = sheet
    .getRangeByIndexes(block.top, block.left, block.bottom - block.top + 1, width)
    .dataValidation.load("type");
  return {
    repair: () => false,
    findings() {
      if (above.type === "None" || below.type !== "None") return [];
      return [
        `The ${rows(block)} added to the ${appended.table} table on '${appended.sheet}' have no dropdowns, although the row above them has. Run Apply schema again to give them the table's dropdowns.`,
      ];
    },
  };
}

function validationCheck(
  context: Excel.RequestContext,
  op: Extract<WriteOp, { kind: "setValidation" }>,
): Check {
  const validation = context.workbook.worksheets
    .getItem(op.sheet)
    .getRange(rangeAddress(op.range))
    .dataValidation.load("type");
  return {
    repair: () => false,
    findings() {
      if (validation.type === "List") return [];
      return [
        `The dropdown from ${op.rule.source.replace(/^=/, "")} on ${rangeAddress(op.range)} of '${op.sheet}' is not on every cell (Excel reports "${validation.type}"). Run the command again; if it stays, select those cells and use Data › Data Validation › List with the source ${op.rule.source}.`,
      ];
    },
  };
}

const canonical = (formula: string): string => formula.replace(/^=/, "").replace(/\s+/g, "").toLowerCase();

function nameCheck(
  context: Excel.RequestContext,
  op: Extract<WriteOp, { kind: "defineName" }>,
  omitComment: boolean,
): Check {
  const item = context.workbook.names.getItemOrNullObject(op.name).load("formula");
  let redefined = false;
  const wrong = (): boolean =>
    !item.isNullObject && canonical(String(item.formula)) !== canonical(op.formula);
  return {
    repair() {
      // Only a structured reference is worth defining again: a range formula reading back in another
      // spelling is the same range.
      if (!wrong() || !op.formula.includes("[")) return false;
      item.delete();
      if (omitComment) context.workbook.names.addFormulaLocal(op.name, op.formula);
      else context.workbook.names.addFormulaLocal(op.name, op.formula, op.comment);
      redefined = true;
      return true;
    },
    findings() {
      if (item.isNullObject) {
        return [
          `The name ${op.name} was not made. Run the command again; its dropdowns show nothing until it exists.`,
        ];
      }
      if (!wrong()) return [];
      const was = String(item.formula).replace(/^=/, "");
      return redefined
        ? [
            `Excel turned the name ${op.name} into the fixed range ${was}, so the add-in defined it again as ${op.formula.replace(/^=/, "")}: its dropdowns grow with the table.`,
          ]
        : [
            `The name ${op.name} refers to ${was}, not ${op.formula.replace(/^=/, "")}. Check it in Formulas › Name Manager.`,
          ];
    },
  };
}

/** A print scale that fits the sheet's columns (as the plan sized them) onto the pages wide asked for. */
function fittingScale(plan: WritePlan, op: Extract<WriteOp, { kind: "setPageLayout" }>): number {
  const widths = new Map<number, number>();
  for (const o of plan.ops) {
    if (o.kind === "setColumnWidths" && o.sheet === op.sheet)
      for (const w of o.widths) widths.set(w.column, w.width);
  }
  const last = Math.max(0, ...widths.keys());
  let points = 0;
  for (let c = 0; c <= last; c++)
    points += (widths.get(c) ?? DEFAULT_WIDTH_CHARACTERS) * POINTS_PER_CHARACTER;
  const printable = A4_PRINTABLE_POINTS[op.orientation] * op.fitToPagesWide;
  return Math.max(10, Math.min(100, Math.floor((100 * printable) / Math.max(1, points))));
}

function pageLayoutCheck(
  context: Excel.RequestContext,
  plan: WritePlan,
  op: Extract<WriteOp, { kind: "setPageLayout" }>,
): Check | null {
  if (!excelApiSupported("1.9")) return null;
  const layout = context.workbook.worksheets.getItem(op.sheet).pageLayout;
  layout.load("zoom");
  let scale: number | null = null;
  const dropped = (): boolean => layout.zoom.horizontalFitToPages !== op.fitToPagesWide;
  return {
    repair() {
      if (!dropped()) return false;
      scale = fittingScale(plan, op);
      layout.zoom = { scale };
      return true;
    },
    findings() {
      if (!dropped() || scale === null) return [];
      return [
        `Excel did not keep "fit to ${op.fitToPagesWide} page${op.fitToPagesWide === 1 ? "" : "s"} wide" for printing '${op.sheet}', so the add-in set the print scale to ${scale}% instead. Check it in File › Print before printing the pack.`,
      ];
    },
  };
}

/**
 * Queues the verify reads for `plan` (to go in one sync), or returns null when the plan leaves
 * nothing uncertain. After that sync, `repair()` queues the fixes (one more sync when it returns
 * true) and `findings()` gives the words.
 */
export function queueVerification(
  context: Excel.RequestContext,
  plan: WritePlan,
  omitNameComments: boolean,
): Verification | null {
  const checks: Check[] = [];
  for (const appended of appendedTables(plan)) {
    checks.push(tableCheck(context, appended));
    if (appended.block.top > 0) checks.push(appendedValidationCheck(context, appended));
  }
  for (const op of plan.ops) {
    if (op.kind === "setValidation") checks.push(validationCheck(context, op));
    else if (op.kind === "defineName") checks.push(nameCheck(context, op, omitNameComments));
    else if (op.kind === "setPageLayout") {
      const check = pageLayoutCheck(context, plan, op);
      if (check) checks.push(check);
    }
  }
  if (checks.length === 0) return null;
  return {
    repair: () => checks.map((c) => c.repair()).some(Boolean),
    findings: () => checks.flatMap((c) => c.findings()),
  };
}
