/** A1 addresses and sheet-qualified references. Rows and columns are 0-based here. */
import type { GridRange } from "./snapshot";

/** Column letters by 0-based column, each made once: a workbook's cells name a few columns many
 *  times (every action's address, every written cell). */
const LETTERS: string[] = [];

/** columnLetters(0) === "A", columnLetters(27) === "AB". */
export function columnLetters(column: number): string {
  const known = LETTERS[column];
  if (known !== undefined) return known;
  if (!Number.isInteger(column) || column < 0) throw new RangeError(`Bad column index ${column}`);
  // Excel's last column is XFD (16,384): no larger column is kept.
  return column < 16384 ? (LETTERS[column] = lettersOfColumn(column)) : lettersOfColumn(column);
}

function lettersOfColumn(column: number): string {
  let n = column + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** columnIndex("AB") === 27. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) throw new RangeError(`Bad column letters ${letters}`);
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

/** cellAddress(10, 0) === "A11". */
export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

/** rangeAddress({top:6,left:0,bottom:27,right:4}) === "A7:E28"; a single cell is "A7". */
export function rangeAddress(range: GridRange): string {
  const a = cellAddress(range.top, range.left);
  const b = cellAddress(range.bottom, range.right);
  return a === b ? a : `${a}:${b}`;
}

/** parseCellAddress("E12") → { row: 11, column: 4 }; "$E$12" is accepted. */
export function parseCellAddress(address: string): { row: number; column: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m || m[1] === undefined || m[2] === undefined) throw new RangeError(`Bad cell address ${address}`);
  return { row: Number(m[2]) - 1, column: columnIndex(m[1]) };
}

/** parseRangeAddress("A7:E28") → GridRange; a single cell gives a 1×1 range. */
export function parseRangeAddress(address: string): GridRange {
  const [a, b] = address.split(":");
  const start = parseCellAddress(a ?? "");
  const end = b === undefined ? start : parseCellAddress(b);
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.column, end.column),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.column, end.column),
  };
}

/**
 * Sheet names with spaces or punctuation are quoted, quotes doubled: It's 2011 → 'It''s 2011'. So is
 * a name Excel would read as a cell reference ("Q1", "R1C1"): Q1!A1 is not a sheet reference.
 */
export function quoteSheetName(sheet: string): string {
  const plain =
    /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) &&
    !/^[A-Za-z]{1,3}\d+$/.test(sheet) &&
    !/^[Rr]\d*([Cc]\d*)?$/.test(sheet) &&
    !/^[Cc]\d*$/.test(sheet);
  return plain ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/** sheetRangeFormula("1 ASB", range, true) === "'1 ASB'!$A$7:$E$28". */
export function sheetRangeReference(sheet: string, range: GridRange, absolute = true): string {
  const d = absolute ? "$" : "";
  const a = `${d}${columnLetters(range.left)}${d}${range.top + 1}`;
  const b = `${d}${columnLetters(range.right)}${d}${range.bottom + 1}`;
  return `${quoteSheetName(sheet)}!${a === b ? a : `${a}:${b}`}`;
}
