/**
 * Text as a cell's XML holds it: the control characters XML 1.0 cannot hold (a vertical tab pasted
 * from Word, \u0001…) written as OOXML's `_xHHHH_` escapes, as Excel itself writes them (ST_Xstring),
 * and a literal "_xHHHH_" typed by a user kept literal by escaping its underscore.
 */

const NEEDS_ESCAPE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
const ESCAPES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;

/** "a\u000Bb" → "a_x000B_b"; a literal "_x000B_" → "_x005F_x000B_" (its underscore escaped). */
export function escapeXlsxText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(ESCAPES, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}
