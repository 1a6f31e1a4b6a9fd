/**
 * Laying a sheet out for print on A4 without a spreadsheet to measure with: how many lines wrapped
 * text takes in a column, the row height that shows them all, and where page breaks keep a block
 * with its heading. A file's reader does not grow rows for wrapped text (Excel only does so when a
 * cell is edited), so the heights are stored, estimated on the generous side.
 */

/** Points per line of 11-point text, and the padding Excel leaves in a row. */
const LINE_POINTS = 15;
const ROW_PADDING = 3;
export const DEFAULT_ROW_POINTS = 15;

/** A4 in points, landscape, and the margins the file writers use (0.7" sides, 0.75" top and bottom). */
const A4_LANDSCAPE = { width: 842, height: 595 } as const;
const SIDE_MARGINS = 2 * 0.7 * 72;
const TOP_BOTTOM_MARGINS = 2 * 0.75 * 72;
/** What is kept back of a page for the estimate's errors. */
const PAGE_SAFETY = 0.9;

/**
 * A character's width in widths of "0" (the unit of Excel's column widths) in Calibri and Arial,
 * rounded up a little: capitals and wide letters more than one, spaces and narrow letters less.
 * Sized for DejaVu Sans, the widest font LibreOffice puts in Calibri's place where Calibri and Carlito
 * are not installed: checked against its PDF of the Summary (test/summary.pdf.test.ts).
 *
 * Counted in twentieths of a "0" (UNITS_PER_CHARACTER), so every width is a whole number: a text's
 * widths add up exactly, and, in code the engine has not optimised yet (most of a summary's run), a
 * sum of small whole numbers is kept as is where a fractional one is a new heap number per character.
 */
const UNITS_PER_CHARACTER = 20;

/** Widths of the ASCII characters, in UNITS_PER_CHARACTER, looked up by code (the summary lays out
 * thousands of cells, so a test per character would cost a quarter of `summary -o`). */
const ASCII_UNITS: readonly number[] = (() => {
  const widths: number[] = [];
  const unitsOf = (ch: string): number => {
    if (ch === " ") return 10;
    if ("MW@%".includes(ch)) return 30;
    if (ch >= "A" && ch <= "Z") return 24;
    if (ch === "m" || ch === "w") return 27;
    if ("iljtf.,;:'!|()[]".includes(ch)) return 11;
    if (ch >= "0" && ch <= "9") return 20;
    return 19;
  };
  for (let code = 0; code < 128; code++) widths.push(unitsOf(String.fromCharCode(code)));
  return widths;
})();

/** Other characters (accented letters, dashes, symbols) count as an average lower-case letter. */
const OTHER_UNITS = 19;
/** The space between two words on a line. */
const SPACE_UNITS = ASCII_UNITS[32]!;

/**
 * How many lines `text` takes wrapped in a column `width` characters wide (Excel's column width),
 * breaking at spaces as Excel does, and inside a word longer than the line.
 *
 * @example wrappedLines("Red, overdue by 43 days", 10) === 3
 */
export function wrappedLines(text: string, width: number, scale = 1): number {
  // Excel keeps about one character's width of padding inside a cell.
  const room = (Math.max(1, width - 1) / scale) * UNITS_PER_CHARACTER;
  // One pass over the characters, a word's width summed as it is read (no split paragraphs or words:
  // the summary lays out every exception row's ten cells). Each space, line break or the end closes a
  // word, empty ones included; "\r\n" is one break.
  // The loop runs once per character of every exception's action and update, mostly before the
  // engine has optimised it, so the common case (a printable character) takes as few steps as it can.
  const end = text.length;
  let lines = 1;
  let line = 0;
  let w = 0;
  for (let i = 0; i <= end; i++) {
    const code = i < end ? text.charCodeAt(i) : 10;
    if (code > 32) {
      // A surrogate pair is one character on paper: count its second half as nothing.
      w += code < 128 ? ASCII_UNITS[code]! : code < 0xdc00 || code > 0xdfff ? OTHER_UNITS : 0;
      continue;
    }
    if (code !== 32 && code !== 10 && code !== 13) {
      w += ASCII_UNITS[code]!;
      continue;
    }
    const needed = line === 0 ? w : line + SPACE_UNITS + w;
    if (needed <= room) line = needed;
    else {
      if (line > 0) lines += 1;
      while (w > room) {
        lines += 1;
        w -= room;
      }
      line = w;
    }
    w = 0;
    if (code === 32 || i === end) continue;
    if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
    lines += 1;
    line = 0;
  }
  return lines;
}

/** A cell as the layout sees it: its text, whether it wraps, and its font size in points. */
export interface LaidCell {
  readonly column: number;
  readonly text: string;
  readonly wrap: boolean;
  readonly fontSize: number;
}

/** Excel's default column width, in characters. */
export const DEFAULT_COLUMN_WIDTH = 8.43;
/** Excel allows at most 409 points in a row. */
const MAX_ROW_POINTS = 409;

/**
 * The height in points one cell's text needs in a column `width` characters wide (1 line unless it
 * wraps), at least the default row's and at most Excel's 409.
 *
 * @example cellHeight("Red, overdue by 43 days", 11, true, 11) === 48
 */
export function cellHeight(text: string, width: number, wrap: boolean, fontSize: number): number {
  if (text === "") return DEFAULT_ROW_POINTS;
  const scale = fontSize / 11;
  const lines = wrap ? wrappedLines(text, width, scale) : 1;
  return Math.min(
    MAX_ROW_POINTS,
    Math.max(DEFAULT_ROW_POINTS, Math.ceil(lines * LINE_POINTS * scale + ROW_PADDING)),
  );
}

/** The widest character's width in wrappedLines ("MW@%"), in widths of "0". */
const WIDEST_CHARACTER = Math.max(OTHER_UNITS, ...ASCII_UNITS) / UNITS_PER_CHARACTER;

/**
 * A height cellHeight(text, width, wrap, fontSize) never exceeds, read from the text's length and line
 * breaks alone: where it is no more than a row's height so far, the cell cannot raise the row, and its
 * text need not be measured (the summary measures thousands of long updates beside longer actions).
 *
 * Why it holds: within a paragraph, wrappedLines closes a line only when the next word does not fit
 * on it (the line, a space and the word are wider than the room) or when a word longer than the room
 * fills it whole; either way a closed line and the line after it are together wider than the room
 * less a space. So a paragraph of total width W takes at most 1 + 2W / (room − 0.5) lines, and W is at
 * most the widest character's width times the text's length. Every "\r" and "\n" is counted as a
 * paragraph (a "\r\n" twice: more, never less).
 *
 * @example cellHeightBound("Quarter 2: progress reported at the ASB group.", 45, true, 11) >= cellHeight(…)
 */
export function cellHeightBound(text: string, width: number, wrap: boolean, fontSize: number): number {
  // Unwrapped text is one line, measured by nothing.
  if (text === "" || !wrap) return cellHeight(text, width, wrap, fontSize);
  const scale = fontSize / 11;
  const room = Math.max(1, width - 1) / scale;
  if (room <= 1) return MAX_ROW_POINTS;
  let paragraphs = 1;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) paragraphs++;
  for (let at = text.indexOf("\r"); at >= 0; at = text.indexOf("\r", at + 1)) paragraphs++;
  // The small margin keeps the floor sound where the division's rounding falls just short of a whole line.
  const lines = paragraphs + Math.floor((2 * WIDEST_CHARACTER * text.length) / (room - 0.5) + 1e-9);
  return Math.min(
    MAX_ROW_POINTS,
    Math.max(DEFAULT_ROW_POINTS, Math.ceil(lines * LINE_POINTS * scale + ROW_PADDING)),
  );
}

/** The height in points that shows every line of a row's cells, given its columns' widths. */
export function rowHeight(cells: readonly LaidCell[], widths: ReadonlyMap<number, number>): number {
  let height = DEFAULT_ROW_POINTS;
  for (const cell of cells) {
    height = Math.max(
      height,
      cellHeight(cell.text, widths.get(cell.column) ?? DEFAULT_COLUMN_WIDTH, cell.wrap, cell.fontSize),
    );
  }
  return height;
}

/** Excel's column width in characters to points (7-pixel "0" plus 5 pixels of padding, at 96 dpi). */
function columnPoints(width: number): number {
  return (Math.trunc(width * 7) + 5) * 0.75;
}

/** The scale printing one page wide in A4 landscape gives columns this wide (1 when they fit). */
export function fitToWidthScale(widths: Iterable<number>): number {
  let total = 0;
  for (const w of widths) total += columnPoints(w);
  const room = A4_LANDSCAPE.width - SIDE_MARGINS;
  return total <= room ? 1 : room / total;
}

/** Rows that must be printed on one page: a heading with its header and first row, or one row. */
export interface KeptBlock {
  readonly first: number;
  readonly last: number;
}

/**
 * A header row that heads the rows `first`..`last` (an exception list's column headings): a page that
 * starts among those rows shows the header again at its top, as a copy of the row written just
 * before the page's first row. Print titles cannot do this (a sheet has one range of them, repeated
 * on every page), so the copy is a row of the sheet.
 */
export interface RepeatedHeader {
  readonly row: number;
  readonly first: number;
  readonly last: number;
}

/** Where pages start, and before which rows a RepeatedHeader's copy goes (both 0-based, without the copies). */
export interface PageStarts {
  readonly breaks: readonly number[];
  /** Rows that start a page with a copy of the header just before them (their break is at the copy). */
  readonly headerBefore: readonly number[];
}

/**
 * The rows that start a new page (0-based) when A4 landscape pages, scaled by `scale` and with rows
 * `repeated` printed at the top of each, are filled block by block: a block that does not fit in
 * what is left of a page starts the next one. A block taller than a page starts a page and runs on.
 * A page that starts among the rows a `continued` header heads begins with a copy of that header,
 * which takes its height on that page.
 *
 *   pageStarts(heights, blocks, { first: 0, last: 1 }, 0.8, { row: 40, first: 41, last: 90 })
 *   // → { breaks: [38, 66], headerBefore: [66] }
 */
export function pageStarts(
  heights: ReadonlyMap<number, number> | ReadonlyArray<number | undefined>,
  blocks: readonly KeptBlock[],
  repeated: KeptBlock | null,
  scale: number,
  continued: RepeatedHeader | null = null,
): PageStarts {
  const heightAt = (r: number): number | undefined => ("get" in heights ? heights.get(r) : heights[r]);
  const heightOf = (first: number, last: number): number => {
    let h = 0;
    for (let r = first; r <= last; r++) h += heightAt(r) ?? DEFAULT_ROW_POINTS;
    return h;
  };
  const page = ((A4_LANDSCAPE.height - TOP_BOTTOM_MARGINS) * PAGE_SAFETY) / scale;
  const top = repeated === null ? 0 : heightOf(repeated.first, repeated.last);
  const breaks: number[] = [];
  const headerBefore: number[] = [];
  let used = repeated === null ? 0 : heightOf(0, repeated.last);
  for (const block of blocks) {
    const h = heightOf(block.first, block.last);
    if (used + h > page && used > top) {
      breaks.push(block.first);
      used = top;
      if (continued !== null && block.first >= continued.first && block.first <= continued.last) {
        headerBefore.push(block.first);
        used += heightOf(continued.row, continued.row);
      }
    }
    used += h;
  }
  return { breaks, headerBefore };
}

/**
 * The rows that start a new page (0-based), as pageStarts, without a continued header.
 *
 *   rowBreaks(heights, [{ first: 3, last: 6 }, …], { first: 0, last: 1 }, 0.8) // → [41, 77]
 */
export function rowBreaks(
  heights: ReadonlyMap<number, number>,
  blocks: readonly KeptBlock[],
  repeated: KeptBlock | null,
  scale: number,
): number[] {
  return [...pageStarts(heights, blocks, repeated, scale).breaks];
}

/**
 * Where a row goes once a header's copies are written before the rows in `headerBefore`: every copy
 * at or above it pushes it down one.
 *
 * @example rowWithCopies(70, [66]) === 71; rowWithCopies(60, [66]) === 60
 */
export function rowWithCopies(row: number, headerBefore: readonly number[]): number {
  // Counted without a filtered copy: the summary asks for every exception row, over every page break.
  let copies = 0;
  for (const h of headerBefore) if (h <= row) copies++;
  return row + copies;
}

/**
 * Where each of the rows 0..`last` goes once a header's copies are written before the rows in
 * `headerBefore`: rowWithCopies of every row, worked out in one pass (the summary moves thousands of
 * exception rows past a copy on every page).
 *
 * @example printedRows(4, [2]) → [0, 1, 3, 4, 5]
 */
export function printedRows(last: number, headerBefore: readonly number[]): number[] {
  const before = [...headerBefore].sort((a, b) => a - b);
  const rows: number[] = [];
  let copies = 0;
  for (let row = 0; row <= last; row++) {
    while (copies < before.length && before[copies]! <= row) copies++;
    rows.push(row + copies);
  }
  return rows;
}

/** Rows next to each other that share a key: one range for them all. */
export interface RowRun<K> {
  readonly top: number;
  readonly bottom: number;
  readonly key: K;
}

/**
 * Rows (ascending) with a key each, as runs of consecutive rows with the same key: a gap between two
 * rows (a row left out, or a header's copy written between them) or a change of key starts a new run.
 *
 * @example rowRuns([{ row: 4, key: "Red" }, { row: 5, key: "Red" }, { row: 7, key: "Red" }])
 *   → [{ top: 4, bottom: 5, key: "Red" }, { top: 7, bottom: 7, key: "Red" }]
 */
export function rowRuns<K>(rows: ReadonlyArray<{ readonly row: number; readonly key: K }>): Array<RowRun<K>> {
  const runs: Array<{ top: number; bottom: number; key: K }> = [];
  let run: { top: number; bottom: number; key: K } | undefined;
  for (const { row, key } of rows) {
    if (run !== undefined && row === run.bottom + 1 && key === run.key) run.bottom = row;
    else runs.push((run = { top: row, bottom: row, key }));
  }
  return runs;
}

/**
 * A footer in Excel's header and footer codes (the same in a file's <oddFooter> and in the Excel
 * API's centerFooter): "&C" the centre text, its "&" doubled, "&RPage &P of &N" on the right.
 *
 * @example footerCodes({ center: "OFFICIAL", pageNumbers: true }) === "&COFFICIAL&RPage &P of &N"
 */
export function footerCodes(footer: {
  readonly center: string | null;
  readonly pageNumbers: boolean;
}): string {
  const center = footer.center === null ? "" : `&C${footer.center.replace(/&/g, "&&")}`;
  return center + (footer.pageNumbers ? "&RPage &P of &N" : "");
}
