/**
 * A formula's text as it reads from another cell: the relative references (no "$") shifted by rows
 * and columns, as Excel reads a shared formula's text at each cell of its range (ECMA-376 Part 1,
 * 18.3.1.40 f, "shared"). The package writer expands a shared formula into this text at each cell
 * before a row holding one moves, so no cell depends on the position of another.
 * String literals, quoted sheet names, structured references ([…]), function names (LOG10( …) and
 * sheet names (ABC1!…) are left as they are.
 */
import { columnIndex, columnLetters } from "../core/basics/cell-address";

const MAX_ROW = 1048576;
const MAX_COLUMN = 16384;

/** 1-based, as the shift counts. */
const columnNumber = (letters: string): number => columnIndex(letters) + 1;

/** A character that continues a name or number: a reference cannot start right after one. */
const NAME_CHAR = /[A-Za-z0-9_.\\$]/;

const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_.(![])/;
const COLUMNS = /^(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![A-Za-z0-9_.(![])/;
const ROWS = /^(\$?)(\d{1,7}):(\$?)(\d{1,7})(?![A-Za-z0-9_.(![])/;

/**
 * `formula` (without "=") as it reads `rows` rows down and `columns` columns right; a reference
 * shifted off the sheet becomes #REF!, as in Excel.
 *   shiftFormula("A1+$B$1+SUM(C:C)", 2, 1) === "B3+$B$1+SUM(D:D)"
 */
export function shiftFormula(formula: string, rows: number, columns: number): string {
  if (rows === 0 && columns === 0) return formula;
  let out = "";
  let i = 0;
  const row = (absolute: string, digits: string): string | null => {
    const n = absolute === "$" ? Number(digits) : Number(digits) + rows;
    return n < 1 || n > MAX_ROW ? null : `${absolute}${n}`;
  };
  const column = (absolute: string, letters: string): string | null => {
    const n = absolute === "$" ? columnNumber(letters) : columnNumber(letters) + columns;
    return n < 1 || n > MAX_COLUMN ? null : `${absolute}${absolute === "$" ? letters : columnLetters(n - 1)}`;
  };
  while (i < formula.length) {
    const ch = formula[i]!;
    if (ch === '"' || ch === "'") {
      // A string literal or a quoted sheet name: doubled quotes inside, copied as they are.
      let j = i + 1;
      for (; j < formula.length; j++) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j++;
          else break;
        }
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "[") {
      // A structured reference (Table1[[#This Row],[Status]]) or an external book's index.
      let depth = 0;
      let j = i;
      for (; j < formula.length; j++) {
        if (formula[j] === "'" && formula[j + 1] !== undefined)
          j++; // ' escapes ] and [ in column names
        else if (formula[j] === "[") depth++;
        else if (formula[j] === "]" && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (i > 0 && NAME_CHAR.test(formula[i - 1]!) && formula[i - 1] !== "$") {
      out += ch;
      i++;
      continue;
    }
    const rest = formula.slice(i, i + 24);
    const range = COLUMNS.exec(rest);
    if (range !== null) {
      const a = column(range[1]!, range[2]!);
      const b = column(range[3]!, range[4]!);
      out += a === null || b === null ? "#REF!" : `${a}:${b}`;
      i += range[0].length;
      continue;
    }
    const rowRange = ROWS.exec(rest);
    if (rowRange !== null) {
      const a = row(rowRange[1]!, rowRange[2]!);
      const b = row(rowRange[3]!, rowRange[4]!);
      out += a === null || b === null ? "#REF!" : `${a}:${b}`;
      i += rowRange[0].length;
      continue;
    }
    const cell = CELL.exec(rest);
    if (cell !== null) {
      const c = column(cell[1]!, cell[2]!);
      const r = row(cell[3]!, cell[4]!);
      out += c === null || r === null ? "#REF!" : `${c}${r}`;
      i += cell[0].length;
      continue;
    }
    // A name or number that is no reference: copied up to its end, so no reference is read inside it.
    const word = /^[A-Za-z0-9_.\\]+/.exec(rest);
    if (word !== null && /[A-Za-z_\\]/.test(ch)) {
      const whole = /^[A-Za-z0-9_.\\]+/.exec(formula.slice(i))![0];
      out += whole;
      i += whole.length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
