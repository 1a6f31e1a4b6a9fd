/**
 * The references in a formula's text (without "="), read the way Excel reads them: cells, ranges,
 * whole columns and whole rows, each with the sheet it names. String literals, structured references
 * ([…]), function names (LOG10( …), defined names and sheet names (ABC1!…) are not references. One
 * reader serves both uses: shifting a formula to read from another cell (a shared formula's text at
 * each cell of its range, ECMA-376 Part 1, 18.3.1.40), and finding which cells a formula depends on
 * before rows move under it.
 */
import { columnIndex, columnLetters } from "./cell-address";

const MAX_ROW = 1048576;
const MAX_COLUMN = 16384;

/** One end of a reference: a cell, or the column or row of a whole-column or whole-row range (0-based). */
export interface ReferenceEnd {
  /** Null for a whole-row end ("3" of "3:5"). */
  readonly column: number | null;
  readonly columnFixed: boolean;
  /** Null for a whole-column end ("C" of "C:D"). */
  readonly row: number | null;
  readonly rowFixed: boolean;
  /** Where its text is in the formula: start inclusive, end exclusive. */
  readonly start: number;
  readonly end: number;
}

export interface FormulaReference {
  /** The sheet it names, unquoted ("1 ASB"); "[1]Plan" for another workbook's; null: the formula's own. */
  readonly sheet: string | null;
  readonly from: ReferenceEnd;
  /** The second end of a range ("B2" of "A1:B2"); null for a single cell. */
  readonly to: ReferenceEnd | null;
  /** Where the whole reference's text is in the formula, its sheet prefix left out. */
  readonly start: number;
  readonly end: number;
}

/** A character that continues a name or number: a reference cannot start right after one. */
const NAME_CHAR = /[\p{L}\p{N}_.\\]/u;
const NAME = /^[\p{L}\p{N}_.\\]+/u;

const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![\p{L}\p{N}_.(![])/u;
const COLUMNS = /^(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![\p{L}\p{N}_.(![])/u;
const ROWS = /^(\$?)(\d{1,7}):(\$?)(\d{1,7})(?![\p{L}\p{N}_.(![])/u;

function columnEnd(fixed: string, letters: string, start: number): ReferenceEnd | null {
  const column = columnIndex(letters);
  if (column >= MAX_COLUMN) return null;
  return {
    column,
    columnFixed: fixed === "$",
    row: null,
    rowFixed: false,
    start,
    end: start + fixed.length + letters.length,
  };
}

function rowEnd(fixed: string, digits: string, start: number): ReferenceEnd | null {
  const row = Number(digits) - 1;
  if (row < 0 || row >= MAX_ROW) return null;
  return {
    column: null,
    columnFixed: false,
    row,
    rowFixed: fixed === "$",
    start,
    end: start + fixed.length + digits.length,
  };
}

function cellEnd(m: RegExpExecArray, start: number): ReferenceEnd | null {
  const column = columnEnd(m[1]!, m[2]!, start);
  const row = rowEnd(m[3]!, m[4]!, start);
  if (column === null || row === null) return null;
  return {
    column: column.column,
    columnFixed: column.columnFixed,
    row: row.row,
    rowFixed: row.rowFixed,
    start,
    end: start + m[0].length,
  };
}

/** A whole-column or whole-row range at the start of `rest` (at `start` in the formula), or null. */
function wholeRange(
  rest: string,
  start: number,
): { from: ReferenceEnd | null; to: ReferenceEnd | null; length: number } | null {
  for (const [pattern, end] of [
    [COLUMNS, columnEnd],
    [ROWS, rowEnd],
  ] as const) {
    const m = pattern.exec(rest);
    if (m === null) continue;
    const from = end(m[1]!, m[2]!, start);
    const to = end(m[3]!, m[4]!, start + m[1]!.length + m[2]!.length + 1);
    return { from, to, length: m[0].length };
  }
  return null;
}

/** The end of a quoted run starting at `i` (a string literal or a quoted sheet name): doubled quotes inside. */
function quotedEnd(formula: string, i: number): number {
  const quote = formula[i];
  let j = i + 1;
  for (; j < formula.length; j++) {
    if (formula[j] === quote) {
      if (formula[j + 1] === quote) j++;
      else break;
    }
  }
  return j + 1;
}

/** The end of a bracketed run starting at `i`: a structured reference or another workbook's index. */
function bracketEnd(formula: string, i: number): number {
  let depth = 0;
  let j = i;
  for (; j < formula.length; j++) {
    if (formula[j] === "'" && formula[j + 1] !== undefined)
      j++; // ' escapes ] and [ in a table's column names
    else if (formula[j] === "[") depth++;
    else if (formula[j] === "]" && --depth === 0) break;
  }
  return j + 1;
}

/**
 * Every reference in `formula` (without "="), in order.
 *
 * @example formulaReferences("SUM('1 ASB'!E4:E9)+C:C")
 *   // [{ sheet: "1 ASB", from: E4, to: E9 }, { sheet: null, from: column C, to: column C }]
 */
export function formulaReferences(formula: string): FormulaReference[] {
  const out: FormulaReference[] = [];
  /** The sheet named just before the token being read (its "!" read), else null. */
  let sheet: string | null = null;
  /** Another workbook's index ("[1]") right before a sheet name. */
  let book = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i]!;
    const named = sheet;
    sheet = null;
    if (ch === '"' || ch === "'") {
      const end = quotedEnd(formula, i);
      if (ch === "'" && formula[end] === "!") {
        sheet = book + formula.slice(i + 1, end - 1).replace(/''/g, "'");
        i = end + 1;
      } else i = end;
      book = "";
      continue;
    }
    if (ch === "[") {
      const end = bracketEnd(formula, i);
      const next = formula[end];
      book = next !== undefined && (next === "'" || NAME_CHAR.test(next)) ? formula.slice(i, end) : "";
      i = end;
      continue;
    }
    const previous = i > 0 ? formula[i - 1]! : "";
    if (previous !== "" && previous !== "$" && NAME_CHAR.test(previous)) {
      i++;
      continue;
    }
    const rest = formula.slice(i, i + 24);
    // Whole columns ("C:D") or whole rows ("3:5"), read alike: two ends, each with its "$".
    const whole = wholeRange(rest, i);
    if (whole !== null) {
      if (whole.from !== null && whole.to !== null)
        out.push({ sheet: named, from: whole.from, to: whole.to, start: i, end: i + whole.length });
      i += whole.length;
      continue;
    }
    const cell = CELL.exec(rest);
    if (cell !== null) {
      const from = cellEnd(cell, i);
      let end = i + cell[0].length;
      let to: ReferenceEnd | null = null;
      if (formula[end] === ":") {
        const second = CELL.exec(formula.slice(end + 1, end + 25));
        if (second !== null) {
          to = cellEnd(second, end + 1);
          end += 1 + second[0].length;
        }
      }
      if (from !== null) out.push({ sheet: named, from, to, start: i, end });
      i = end;
      continue;
    }
    // A name or number that is no reference, read to its end so no reference is read inside it; a
    // name followed by "!" is the sheet of the reference after it.
    const word = NAME.exec(formula.slice(i));
    if (word !== null) {
      i += word[0].length;
      if (formula[i] === "!" && !/^\d/.test(word[0])) {
        sheet = book + word[0];
        i++;
      }
      book = "";
      continue;
    }
    book = "";
    i++;
  }
  return out;
}

/**
 * `formula` (without "=") as it reads `rows` rows down and `columns` columns right; a reference
 * shifted off the sheet becomes #REF!, as in Excel.
 *
 * @example shiftFormula("A1+$B$1+SUM(C:C)", 2, 1) === "B3+$B$1+SUM(D:D)"
 */
export function shiftFormula(formula: string, rows: number, columns: number): string {
  if (rows === 0 && columns === 0) return formula;
  const shifted = (end: ReferenceEnd): string | null => {
    let text = "";
    if (end.column !== null) {
      const column = end.columnFixed ? end.column : end.column + columns;
      if (column < 0 || column >= MAX_COLUMN) return null;
      text += `${end.columnFixed ? "$" : ""}${columnLetters(column)}`;
    }
    if (end.row !== null) {
      const row = end.rowFixed ? end.row : end.row + rows;
      if (row < 0 || row >= MAX_ROW) return null;
      text += `${end.rowFixed ? "$" : ""}${row + 1}`;
    }
    return text;
  };
  let out = "";
  let at = 0;
  for (const ref of formulaReferences(formula)) {
    out += formula.slice(at, ref.start);
    const from = shifted(ref.from);
    const to = ref.to === null ? null : shifted(ref.to);
    if (ref.from.row !== null && ref.from.column !== null) {
      // A range of cells shifts end by end: an end off the sheet is #REF! on its own.
      out += from ?? "#REF!";
      if (ref.to !== null) out += `${formula.slice(ref.from.end, ref.to.start)}${to ?? "#REF!"}`;
    } else out += from === null || to === null ? "#REF!" : `${from}:${to}`;
    at = ref.end;
  }
  return out + formula.slice(at);
}
