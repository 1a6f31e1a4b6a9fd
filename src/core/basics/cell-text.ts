/** Reading cells of a snapshot as text, tolerating ragged rows and missing cells. */
import type { CellSnapshot, SheetSnapshot } from "./snapshot";

/** The cell at (row, column), or null when the row is short or the cell is empty. */
export function cellAt(sheet: SheetSnapshot, row: number, column: number): CellSnapshot | null {
  return sheet.cells[row]?.[column] ?? null;
}

/**
 * The text a cell shows: its displayed text, else its raw value as text (a snapshot built without
 * display text still reads). cellText({ value: 1, text: "1", … }) === "1"; cellText(null) === "".
 */
export function cellText(cell: CellSnapshot | null | undefined): string {
  if (!cell) return "";
  if (cell.text !== "") return cell.text;
  if (cell.value === null || cell.value === "") return "";
  return String(cell.value);
}

export function isBlankText(text: string): boolean {
  return text.trim() === "";
}

/** Whether every cell of the row is blank (no text); fills alone do not count. */
export function isBlankRow(row: ReadonlyArray<CellSnapshot | null> | undefined): boolean {
  if (!row) return true;
  for (const c of row) {
    if (c && !isBlankText(cellText(c))) return false;
  }
  return true;
}

/** The first non-blank cell of a row as [column, trimmed text], or null for a blank row. */
export function firstNonBlank(
  row: ReadonlyArray<CellSnapshot | null> | undefined,
): { column: number; text: string } | null {
  if (!row) return null;
  for (let c = 0; c < row.length; c++) {
    const text = cellText(row[c]).trim();
    if (text !== "") return { column: c, text };
  }
  return null;
}

/** The non-blank cells of a row, in column order, as [column, trimmed text]. */
export function nonBlankCells(
  row: ReadonlyArray<CellSnapshot | null> | undefined,
): Array<{ column: number; text: string }> {
  const out: Array<{ column: number; text: string }> = [];
  if (!row) return out;
  for (let c = 0; c < row.length; c++) {
    const text = cellText(row[c]).trim();
    if (text !== "") out.push({ column: c, text });
  }
  return out;
}

/** Lower case, punctuation and repeated spaces folded: "Ref No." → "ref no", "RAG  Status:" → "rag status". */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // Every cell of every row is folded somewhere on the read path; plain ASCII (nearly all of it) is
  // folded by a scan, and only other text pays for the Unicode-aware pattern.
  let out = "";
  let wordStart = -1;
  for (let i = 0; i <= lower.length; i++) {
    const ch = i < lower.length ? lower.charCodeAt(i) : 32;
    if (ch >= 128) return foldUnicode(lower);
    const wordChar = (ch >= 97 && ch <= 122) || (ch >= 48 && ch <= 57) || ch === 35;
    if (wordChar) {
      if (wordStart < 0) wordStart = i;
    } else if (wordStart >= 0) {
      out = out === "" ? lower.slice(wordStart, i) : `${out} ${lower.slice(wordStart, i)}`;
      wordStart = -1;
    }
  }
  return out;
}

function foldUnicode(lower: string): string {
  return lower.replace(/[^\p{L}\p{N}#]+/gu, " ").trim();
}
