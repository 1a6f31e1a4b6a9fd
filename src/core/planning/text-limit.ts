/**
 * Excel's limit on the characters of one cell, for text an operation copies from the user's cells
 * (an action carried over, listed on the Summary, recorded in the status history, sent in a return).
 * A workbook made by another program can hold more in a cell than Excel does; copying it whole would
 * make a cell Excel cannot hold, and cutting it would lose the user's words. The problem names the
 * cell the text comes from, so the user can shorten it there; it stops the write, and the file
 * writer's own check stays as the guard against a plan that slips past it.
 */
import { problem, type Problem } from "../basics/problem";
import { cellAddress } from "../basics/cell-address";
import type { WorkbookSnapshot } from "../basics/snapshot";
import { MAX_CELL_TEXT_LENGTH, type CellWrite, type WritePlan } from "../basics/write-plan";

/** A source shorter than this is not named: the copy is made of many texts, none of them the cause. */
const LEAST_SOURCE = 1000;

interface TooLong {
  readonly sheet: string;
  readonly row: number;
  readonly column: number;
  readonly text: string;
}

/** The text writes of `plan` longer than a cell holds, in plan order. */
function tooLongWrites(plan: WritePlan): TooLong[] {
  const found: TooLong[] = [];
  const scan = (
    sheet: string,
    row: number,
    column: number,
    cells: ReadonlyArray<ReadonlyArray<CellWrite>>,
  ) => {
    // Indexed: every cell a plan writes comes through here (a summary's thousands), before the
    // engine has optimised a closure called per cell.
    for (let r = 0; r < cells.length; r++) {
      const line = cells[r]!;
      for (let c = 0; c < line.length; c++) {
        const cell = line[c]!;
        if (cell.kind === "text" && cell.text.length > MAX_CELL_TEXT_LENGTH)
          found.push({ sheet, row: row + r, column: column + c, text: cell.text });
      }
    }
  };
  for (const op of plan.ops) {
    if (op.kind === "writeCells" || op.kind === "appendTableRows")
      scan(op.sheet, op.row, op.column, op.cells);
  }
  return found;
}

/** The cell of `source` whose text the written text holds, the longest such (one of 1,000 characters or more). */
function sourceCell(source: WorkbookSnapshot, written: string): { sheet: string; cell: string } | null {
  let best: { sheet: string; cell: string; length: number } | null = null;
  for (const sheet of source.sheets) {
    sheet.cells.forEach((line, r) =>
      line.forEach((cell, c) => {
        const value = cell?.value;
        if (typeof value !== "string") return;
        const text = value.length > (best?.length ?? LEAST_SOURCE - 1) ? value : "";
        if (text === "" || !(written.includes(text) || written.includes(text.trim()))) return;
        best = { sheet: sheet.name, cell: cellAddress(r, c), length: text.length };
      }),
    );
  }
  return best;
}

/**
 * A problem for each cell `plan` would write with more text than Excel holds, named at the cell of
 * `source` the text is copied from (or, where no one cell gave most of it, at the cell it would be
 * written to). `file` names the workbook the plan writes when it is not `source` (a lead's return).
 *
 * @example
 * textLimitProblems(snapshot, carryOverPlan)[0]?.message
 * // → "1 ASB!D11: copied to sheet 'ASB 2012-13', cell G5, this cell's text would have 40,000 characters, …"
 */
export function textLimitProblems(
  source: WorkbookSnapshot,
  plan: WritePlan | null,
  file: string | null = null,
): Problem[] {
  if (plan === null) return [];
  return tooLongWrites(plan).map((write) => {
    const to = { sheet: write.sheet, cell: cellAddress(write.row, write.column), file };
    const from = sourceCell(source, write.text);
    const args = { length: write.text.length, max: MAX_CELL_TEXT_LENGTH };
    return from === null
      ? problem(write.sheet, to.cell, "write/copied-too-long", { ...args, to: null })
      : problem(from.sheet, from.cell, "write/copied-too-long", { ...args, to });
  });
}

/** `result` with a problem for each over-long text its plan would write (textLimitProblems). */
export function guardTextLimit<
  T extends { readonly plan: WritePlan | null; readonly problems: readonly Problem[] },
>(source: WorkbookSnapshot, result: T): T {
  const problems = textLimitProblems(source, result.plan);
  return problems.length === 0 ? result : { ...result, problems: [...result.problems, ...problems] };
}
