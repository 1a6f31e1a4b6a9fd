/**
 * A shared formula (ECMA-376 Part 1, 18.3.1.40: <f t="shared" si="…">) as it reads in another cell
 * of its range: the master's relative references moved by the distance between the cells. The
 * snapshot's formulas have always been made this way (as ExcelJS's slideFormula does), so a token
 * that looks like a reference is moved unless it is a function name (followed by "(") or past XFD.
 */

/** A name-like token, with an optional sheet prefix and whether "(" follows it. */
const CANDIDATE = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const CELL = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

function decode(address: string): { row: number; column: number } {
  const m = CELL.exec(address);
  return m ? { row: Number(m[4]), column: columnNumber(m[2]!) } : { row: 0, column: 0 };
}

/**
 * The formula written in `from` as it reads in `to`.
 *   slideFormula("A1+$B$1", "C1", "C3") === "A3+$B$1"
 */
export function slideFormula(formula: string, from: string, to: string): string {
  const a = decode(from);
  const b = decode(to);
  return formula.replace(
    CANDIDATE,
    (
      whole: string,
      sheet: string | undefined,
      _name: string | undefined,
      address: string,
      paren: string | undefined,
    ) => {
      if (paren) return whole;
      const m = CELL.exec(address);
      if (!m) return whole;
      const [, columnDollar = "", letters = "", rowDollar = "", digits = ""] = m;
      const upper = letters.toUpperCase();
      if (upper.length > 3 || (upper.length === 3 && upper > "XFD")) return whole;
      const column = columnNumber(upper) + (columnDollar ? 0 : b.column - a.column);
      const row = Number(digits) + (rowDollar ? 0 : b.row - a.row);
      return `${sheet ?? ""}${columnDollar}${columnLetters(column)}${rowDollar}${row}`;
    },
  );
}
