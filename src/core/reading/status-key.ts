/** A workbook's own colour key ("Key:" then rows of a filled cell beside its meaning). */
import type { StatusKeyEntry } from "../basics/plan-model";
import type { SheetSnapshot } from "../basics/snapshot";
import { problem, type Problem } from "../basics/problem";
import { cellAddress } from "../basics/cell-address";
import { cellText, firstNonBlank, foldText, nonBlankCells } from "../basics/cell-text";
import { isNoFill, normaliseFill } from "./fill-colours";
import {
  type StatusWord,
  statusFromKeyWords,
  statusOfKeyEntry,
  statusWordsOfKeyText,
} from "./status-vocabulary";

export interface StatusKeyBlock {
  readonly entries: StatusKeyEntry[];
  /** Fills the key gives a meaning that is no status ("Purple – on hold"): cells so filled are not read as one. */
  readonly unreadFills: string[];
  /** Words and letters the key defines for typed statuses ("R – off track", "P = progressing well"). */
  readonly words: StatusWord[];
  readonly problems: Problem[];
  /** Last row of the block (the marker row when it has no entries). */
  readonly lastRow: number;
}

/**
 * Reads the key under a "Key:" row: each following row with a coloured cell and words (in that cell
 * or the next non-blank one to its right) is an entry; the block ends at the first row without one.
 * Row 30 "Key:", row 31 [blue fill, "Complete"] → [{ fill: "#0070C0", status: "Complete", … }].
 */
export function readStatusKey(sheet: SheetSnapshot, markerRow: number, rest = ""): StatusKeyBlock {
  const words: StatusWord[] = [...statusWordsOfKeyText(rest), ...wordsOfRow(sheet, markerRow, true)];
  return keyRows(sheet, markerRow + 1, markerRow, words);
}

/**
 * Whether a row is an entry of a key written without a "Key:" label: a filled cell with no text, and
 * just right of it the row's only text, naming a status ([red fill] "Red - off track").
 */
export function isUnlabelledKeyRow(
  sheet: SheetSnapshot,
  row: number,
  /** The row's first non-blank cell, when the caller has it already. */
  first: { column: number; text: string } | null = firstNonBlank(sheet.cells[row]),
): boolean {
  if (!first || first.column === 0 || first.text.length > 80) return false;
  const swatch = sheet.cells[row]?.[first.column - 1];
  const fill = normaliseFill(swatch?.fill);
  if (fill === null || isNoFill(fill)) return false;
  if (nonBlankCells(sheet.cells[row]).length !== 1) return false;
  return statusFromKeyWords(first.text) !== null;
}

/**
 * Reads a key written without a label, from its first entry row: two or more rows of a coloured cell
 * beside its meaning, as under a "Key:" row (readStatusKey).
 */
export function readUnlabelledKey(sheet: SheetSnapshot, firstRow: number): StatusKeyBlock {
  return keyRows(sheet, firstRow, firstRow, []);
}

function keyRows(
  sheet: SheetSnapshot,
  fromRow: number,
  markerRow: number,
  words: StatusWord[],
): StatusKeyBlock {
  const entries: StatusKeyEntry[] = [];
  const unreadFills: string[] = [];
  const problems: Problem[] = [];
  let lastRow = markerRow;
  for (let r = fromRow; r < sheet.cells.length; r++) {
    const row = sheet.cells[r] ?? [];
    const written = wordsOfRow(sheet, r, false);
    let entry: { fill: string; column: number; words: string; wordsColumn: number } | null = null;
    for (let c = 0; c < row.length && entry === null; c++) {
      const fill = normaliseFill(row[c]?.fill);
      if (isNoFill(fill) || fill === null) continue;
      const own = cellText(row[c]).trim();
      if (own !== "") {
        entry = { fill, column: c, words: own, wordsColumn: c };
        break;
      }
      for (let w = c + 1; w < row.length; w++) {
        const words = cellText(row[w]).trim();
        if (words !== "") {
          entry = { fill, column: c, words, wordsColumn: w };
          break;
        }
      }
    }
    if (entry === null) {
      if (written.length === 0) break;
      words.push(...written);
      lastRow = r;
      continue;
    }
    lastRow = r;
    words.push(...written.filter((w) => foldText(w.token) !== foldText(entry.words)));
    const status = statusFromKeyWords(entry.words);
    const address = cellAddress(r, entry.column);
    if (status === null) {
      problems.push(
        problem(sheet.name, cellAddress(r, entry.wordsColumn), "status/key-unreadable", {
          words: entry.words,
          fill: entry.fill,
        }),
      );
      unreadFills.push(entry.fill);
      continue;
    }
    entries.push({ fill: entry.fill, status, meaning: entry.words, sheet: sheet.name, cell: address });
  }
  return { entries, unreadFills, problems, lastRow, words };
}

/**
 * A key's written entries in one row: cells such as "R – off track", or a short token cell beside its
 * meaning ("R" | "Off track"). The marker row's own first cell ("Key:") is skipped.
 */
function wordsOfRow(sheet: SheetSnapshot, row: number, isMarkerRow: boolean): StatusWord[] {
  const cells = (sheet.cells[row] ?? []).map((c) => cellText(c).trim());
  const out: StatusWord[] = [];
  let skippedMarker = !isMarkerRow;
  for (let c = 0; c < cells.length; c++) {
    const text = cells[c] ?? "";
    if (text === "") continue;
    if (!skippedMarker) {
      skippedMarker = true;
      continue;
    }
    const inCell = statusWordsOfKeyText(text);
    if (inCell.length > 0) {
      out.push(...inCell);
      continue;
    }
    const next = cells.slice(c + 1).find((t) => t !== "");
    if (next !== undefined && text.length <= 12) {
      const status = statusOfKeyEntry(text, next, false);
      if (status !== undefined) {
        out.push({ token: text, status, meaning: next });
        c = cells.indexOf(next, c + 1);
      }
    }
  }
  return out;
}

/** A key written on one line without a "Key:" label: at least two entries that name statuses. */
export function keyLineWords(text: string): StatusWord[] {
  const words = statusWordsOfKeyText(text);
  return words.length >= 2 && words.every((w) => w.token.length <= 15) && words.some((w) => w.status !== null)
    ? words
    : [];
}
