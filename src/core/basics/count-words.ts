/** Counts in words, as the pane and the CLI say them: "1 action", "6,000 actions", "1 exception". */

const GROUPED = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/** A whole number with UK thousands separators: 6000 → "6,000". */
export function groupedNumber(n: number): string {
  return GROUPED.format(n);
}

/**
 * "N thing(s)" with the right plural and thousands separators. The plural is the singular plus "s"
 * unless given ("1 summary", "2 summaries").
 *   countWords(1, "table") → "1 table"; countWords(6000, "action") → "6,000 actions"
 */
export function countWords(n: number, singular: string, plural = `${singular}s`): string {
  return `${groupedNumber(n)} ${n === 1 ? singular : plural}`;
}
