/**
 * The protective marking a workbook prints on its pages (Government Security Classifications:
 * OFFICIAL, OFFICIAL-SENSITIVE, SECRET, TOP SECRET; and the older PROTECT, RESTRICTED, CONFIDENTIAL),
 * so that the Summary, which carries the same information, is printed with it too.
 */
import { RESERVED_SHEETS } from "../basics/reserved-names";
import type { WorkbookSnapshot } from "../basics/snapshot";

/** Least to most restrictive; the summary carries the most restrictive marking any sheet prints. */
const MARKINGS = [
  "NOT PROTECTIVELY MARKED",
  "OFFICIAL",
  "PROTECT",
  "OFFICIAL-SENSITIVE",
  "RESTRICTED",
  "CONFIDENTIAL",
  "SECRET",
  "TOP SECRET",
] as const;

const MARKING_PATTERN =
  /(?<![A-Za-z-])(NOT PROTECTIVELY MARKED|OFFICIAL[ -]SENSITIVE|OFFICIAL|PROTECT|RESTRICTED|CONFIDENTIAL|TOP SECRET|SECRET)(?![A-Za-z-])/g;

/** Header and footer text without Excel's codes (&C, &P, &"Arial,Bold", &12), "&&" back to "&". */
function plainHeaderText(codes: string): string {
  return codes
    .replace(/&"[^"]*"/g, " ")
    .replace(/&\d+/g, " ")
    .replace(/&&/g, "\u0000")
    .replace(/&[A-Za-z]/g, " ")
    .replace(/\u0000/g, "&");
}

/**
 * The most restrictive protective marking printed in the headers or footers of the workbook's own
 * sheets (not Lists or Summary), in capitals as the scheme writes it, or null when none prints one.
 * Markings are written in capitals, so "Official" in a sentence is not one.
 *
 * @example a sheet footer "&COFFICIAL-SENSITIVE&RPage &P" → "OFFICIAL-SENSITIVE"
 */
export function protectiveMarking(snapshot: WorkbookSnapshot): string | null {
  let best = -1;
  const reserved = new Set(RESERVED_SHEETS.map((s) => s.toLowerCase()));
  for (const sheet of snapshot.sheets) {
    if (reserved.has(sheet.name.toLowerCase())) continue;
    for (const text of sheet.headerFooter ?? []) {
      for (const m of plainHeaderText(text).matchAll(MARKING_PATTERN)) {
        const marking = (m[1] ?? "").replace(" SENSITIVE", "-SENSITIVE");
        best = Math.max(best, MARKINGS.indexOf(marking as (typeof MARKINGS)[number]));
      }
    }
  }
  return best < 0 ? null : (MARKINGS[best] ?? null);
}
