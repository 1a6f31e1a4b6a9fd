/**
 * Text as one cell of a table the CLI prints (inspect's list of actions, carry-over's list of what
 * it carries): on one line, at most `width` characters.
 */

/** A line break with the white space around it, and a run of other white space. */
const LINE_BREAK = /\s*(?:\r\n?|\n)\s*/g;
const SPACES = /\s+/g;

/** `text` flattened: line breaks shown as " / " (a multi-line action keeps its parts apart, and a
 *  blank line between them is one break), other white space as one space, none at either end. */
function flattened(text: string): string {
  return text.trim().replace(LINE_BREAK, " / ").replace(SPACES, " ");
}

/**
 * `text` on one line (flattened: line breaks as " / ", other white space as one space), cut to
 * `width` characters with "…" where it is longer. Only a start long enough to fill the cell is
 * flattened: an action may hold thousands of characters, and inspect lists thousands of actions.
 *
 * @example oneLineCell("Review CCTV\r\n\r\n  coverage", 40) === "Review CCTV / coverage"
 * @example oneLineCell("Partnership tasking meeting", 12) === "Partnership…"
 */
export function oneLineCell(text: string, width: number): string {
  // A start of the text, flattened, is a start of the whole text flattened (white space cut off at
  // its end is all it can lack): used where it already runs past the cell.
  const start = text.length > width * 4 ? text.slice(0, width * 4) : text;
  let flat = flattened(start);
  if (start !== text && flat.length <= width) flat = flattened(text);
  if (flat.length <= width) return flat;
  // Cut before a surrogate pair's second half, never between the halves.
  let cut = width - 1;
  const last = flat.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${flat.slice(0, cut)}…`;
}
