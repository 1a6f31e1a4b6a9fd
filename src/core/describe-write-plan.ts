/** A write plan in words, for the preview the user reads before anything is written. */
import { rangeAddress } from "./cell-address";
import type { WriteOp, WritePlan } from "./write-plan";

const cellCount = (cells: ReadonlyArray<ReadonlyArray<unknown>>): number =>
  cells.reduce((n, row) => n + row.length, 0);

function blockAddress(row: number, column: number, cells: ReadonlyArray<ReadonlyArray<unknown>>): string {
  const width = Math.max(1, ...cells.map((r) => r.length));
  return rangeAddress({
    top: row,
    left: column,
    bottom: row + Math.max(1, cells.length) - 1,
    right: column + width - 1,
  });
}

function conditionalWords(op: Extract<WriteOp, { kind: "setConditionalFormats" }>): string {
  const where = `${rangeAddress(op.range)} on '${op.sheet}'`;
  if (op.rules.length === 0) return `Remove the conditional formats on ${where}`;
  const formulas = op.rules.map((r) => r.formula).join(" ");
  if (formulas.includes("TODAY()"))
    return `Highlight a past due date on ${where} when the action is not Complete`;
  if (formulas.includes("LEN(TRIM(")) {
    return `Highlight an empty update on ${where} when the status is Red, Amber or Complete`;
  }
  if (op.rules.length >= 5 && formulas.includes('="Red"')) {
    return `Colour the status cells ${where} by their word (Red, Amber, Green, Complete blue, Not started grey)`;
  }
  return `Set ${op.rules.length} conditional format${op.rules.length === 1 ? "" : "s"} on ${where}`;
}

function opWords(op: WriteOp): string | null {
  switch (op.kind) {
    case "addSheet":
      return op.after === null
        ? `Add a sheet '${op.sheet}'`
        : `Add a sheet '${op.sheet}' after '${op.after}'`;
    case "writeCells":
      if (op.note !== undefined) return op.note === "" ? null : op.note;
      return `Write ${cellCount(op.cells)} cell${cellCount(op.cells) === 1 ? "" : "s"} at ${blockAddress(op.row, op.column, op.cells)} on '${op.sheet}'`;
    case "clearRange":
      if (op.note !== undefined) return op.note === "" ? null : op.note;
      return `Clear ${rangeAddress(op.range)} on '${op.sheet}'`;
    case "moveRows": {
      if (op.note !== undefined) return op.note === "" ? null : op.note;
      const n = op.rows.length;
      return `Move ${n} row${n === 1 ? "" : "s"} up to ${rangeAddress({ ...op.range, bottom: op.range.top + n - 1 })} on '${op.sheet}' and clear the rest of ${rangeAddress(op.range)}`;
    }
    case "unmerge":
      return `Unmerge ${rangeAddress(op.range)} on '${op.sheet}' (the text stays in the first cell)`;
    case "styleRange":
      if (op.note !== undefined) return op.note === "" ? null : op.note;
      return `Format ${rangeAddress(op.range)} on '${op.sheet}'`;
    case "addTable":
      return `Make ${rangeAddress(op.range)} on '${op.sheet}' an Excel table named ${op.name}`;
    case "appendTableRows":
      return `Add ${op.cells.length} row${op.cells.length === 1 ? "" : "s"} to the ${op.table} table on '${op.sheet}'`;
    case "setValidation": {
      const source = op.rule.source.replace(/^=/, "");
      const style =
        op.rule.errorStyle === "stop"
          ? "anything else is refused"
          : "other values are allowed after a warning";
      return `Give ${rangeAddress(op.range)} on '${op.sheet}' a dropdown from ${source} (${style})`;
    }
    case "setConditionalFormats":
      return conditionalWords(op);
    case "defineName":
      return `Name ${op.name} → ${op.formula.replace(/^=/, "")}`;
    case "setColumnWidths":
      return `Set ${op.widths.length} column width${op.widths.length === 1 ? "" : "s"} on '${op.sheet}'`;
    case "setPageLayout": {
      const titles = op.printTitleRows
        ? `, rows ${op.printTitleRows.first + 1}–${op.printTitleRows.last + 1} repeated on every page`
        : "";
      const paper = op.paperSize === undefined ? "" : ` on ${op.paperSize}`;
      const breaks =
        op.rowBreaks === undefined || op.rowBreaks.length === 0
          ? ""
          : `, new pages at row${op.rowBreaks.length === 1 ? "" : "s"} ${op.rowBreaks.map((r) => r + 1).join(", ")}`;
      const footer =
        op.footer?.center === null || op.footer === undefined ? "" : `, footer '${op.footer.center}'`;
      return `Print '${op.sheet}' ${op.orientation}${paper}, ${op.fitToPagesWide} page${op.fitToPagesWide === 1 ? "" : "s"} wide${titles}${breaks}${footer}`;
    }
    case "setRowHeights":
      return `Set ${op.heights.length} row height${op.heights.length === 1 ? "" : "s"} on '${op.sheet}' to fit their text`;
    case "addChart":
      return `Add the chart '${op.title}' on '${op.sheet}' (from ${rangeAddress(op.source)})`;
    case "activateSheet":
      return `Show '${op.sheet}'`;
  }
}

const STATUS_NOTE = /^([A-Z]+\d+): (.*)$/;

/**
 * One plain-English line per op, or per group of alike ops, in plan order (UK English). Status words
 * that replace fill colours are one line per sheet; typed variants are listed one by one.
 *
 * @example
 * describeWritePlan(plan)
 * // → ["Header A7 on 'Action Plan 2009': 'ACTION' → 'Ref'",
 * //    "Make A7:E24 on 'Action Plan 2009' an Excel table named Actions_Action_Plan_2009",
 * //    "On 'Action Plan 2009', 17 statuses that were only a fill colour are written as words (E8, E9, …)",
 * //    "On 'Data requirements', F6: 'red' → 'Red'", …]
 */
export function describeWritePlan(plan: WritePlan): string[] {
  const lines: string[] = [];
  const fillStatuses = new Map<string, { index: number; cells: string[] }>();
  for (const op of plan.ops) {
    const statusNote = op.kind === "writeCells" && op.note !== undefined ? STATUS_NOTE.exec(op.note) : null;
    if (op.kind === "writeCells" && statusNote) {
      const [, cell = "", change = ""] = statusNote;
      if (change.startsWith("fill colour")) {
        const group = fillStatuses.get(op.sheet);
        if (group) group.cells.push(cell);
        else {
          fillStatuses.set(op.sheet, { index: lines.length, cells: [cell] });
          lines.push("");
        }
      } else {
        lines.push(`On '${op.sheet}', ${cell}: ${change}`);
      }
      continue;
    }
    const words = opWords(op);
    if (words !== null) lines.push(words);
  }
  for (const [sheet, group] of fillStatuses) {
    const shown =
      group.cells.length > 8 ? `${group.cells.slice(0, 8).join(", ")}, …` : group.cells.join(", ");
    const n = group.cells.length;
    lines[group.index] =
      `On '${sheet}', ${n} status${n === 1 ? " that was" : "es that were"} only a fill colour ${n === 1 ? "is" : "are"} written as words and the fill cleared (${shown})`;
  }
  return lines;
}
