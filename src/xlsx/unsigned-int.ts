/**
 * xsd:unsignedInt, the type of the ids and indexes a package's parts point at each other with (a
 * sheet's sheetId, a cell's style s, a table's id, the shared strings' counts): what the schema
 * accepts, and a fresh id within it. A value past it is not copied into a written package.
 */

/** The largest xsd:unsignedInt. */
export const MAX_UNSIGNED_INT = 4_294_967_295;

/** xsd:unsignedInt's lexical form: digits (a "+" allowed, "-0" too), white space around collapsed. */
const UNSIGNED_INT = /^[ \t\r\n]*(?:\+?[0-9]+|-0+)[ \t\r\n]*$/;

/**
 * The value of an xsd:unsignedInt attribute as the schema reads it, or null when it is none (absent,
 * not a whole number, negative, or past 4,294,967,295).
 *   unsignedIntOf("12") → 12; unsignedIntOf("NaN") → null; unsignedIntOf("99999999999") → null
 */
export function unsignedIntOf(text: string | undefined): number | null {
  if (text === undefined || !UNSIGNED_INT.test(text)) return null;
  const value = Math.abs(parseInt(text.trim(), 10));
  return value <= MAX_UNSIGNED_INT ? value : null;
}

/**
 * An id none of `taken` holds: one past the largest, as Excel numbers them, or, where that would pass
 * the largest xsd:unsignedInt, the smallest unused from 1.
 *   freeUnsignedId([1, 2, 7]) → 8; freeUnsignedId([4294967295]) → 1
 */
export function freeUnsignedId(taken: readonly number[]): number {
  let largest = 0;
  for (const id of taken) if (id > largest) largest = id;
  if (largest < MAX_UNSIGNED_INT) return largest + 1;
  const used = new Set(taken);
  let id = 1;
  while (used.has(id)) id++;
  return id;
}
