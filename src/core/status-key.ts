/** A workbook's own colour key ("Key:" then rows of a filled cell beside its meaning). */
import type { StatusKeyEntry } from "./plan-model";
import type { SheetSnapshot } from "./snapshot";
import { problem, type Problem } from "./problem";
import { cellAddress } from "./cell-address";
import { cellText } from "./cell-text";
import { isNoFill, normaliseFill } from "./fill-colours";
import { statusFromKeyWords } from "./status-vocabulary";

export interface StatusKeyBlock {
  readonly entries: StatusKeyEntry[];
  readonly problems: Problem[];
  /** Last row of the block (the marker row when it has no entries). */
  readonly lastRow: number;
}

/**
 * Reads the key under a "Key:" row: each following row with a coloured cell and words (in that cell
 * or the next non-blank one to its right) is an entry; the block ends at the first row without one.
 * Row 30 "Key:", row 31 [blue fill, "Complete"] → [{ fill: "#0070C0", status: "Complete", … }].
 */
export function readStatusKey(sheet: SheetSnapshot, markerRow: number): StatusKeyBlock {
  const entries: StatusKeyEntry[] = [];
  const problems: Problem[] = [];
  let lastRow = markerRow;
  for (let r = markerRow + 1; r < sheet.cells.length; r++) {
    const row = sheet.cells[r] ?? [];
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
    if (entry === null) break;
    lastRow = r;
    const status = statusFromKeyWords(entry.words);
    const address = cellAddress(r, entry.column);
    if (status === null) {
      problems.push(
        problem(sheet.name, cellAddress(r, entry.wordsColumn), "status/key-unreadable", {
          words: entry.words,
          fill: entry.fill,
        }),
      );
      continue;
    }
    entries.push({ fill: entry.fill, status, meaning: entry.words, sheet: sheet.name, cell: address });
  }
  return { entries, problems, lastRow };
}
