/** Excel's date serial numbers (1900 date system) and number formats that show dates. */

const DAY_MS = 86_400_000;

/**
 * Whether a number format shows a date: it has d, m or y outside quoted text, escapes and
 * [colour]/[$-locale] brackets. isDateFormat("dd/mm/yyyy") === true; isDateFormat("0.00") === false.
 */
export function isDateFormat(numberFormat: string): boolean {
  if (numberFormat === "" || /^general$/i.test(numberFormat)) return false;
  const section = numberFormat.split(";")[0] ?? "";
  const stripped = section
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "");
  if (!/[dy]/i.test(stripped) && /[hs]/i.test(stripped)) return false; // a time of day, "mm" being minutes
  return /[dmy]/i.test(stripped);
}

/**
 * The ISO date (yyyy-mm-dd) of an Excel serial in the 1900 date system, which counts a 29 February
 * 1900 that never was (serial 60; Lotus 1-2-3's leap-year bug kept for compatibility).
 * excelSerialToIso(45292) === "2024-01-01"; excelSerialToIso(1) === "1900-01-01".
 */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  const day = Math.floor(serial);
  if (day === 60) return "1900-02-29";
  const base = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(base + day * DAY_MS).toISOString().slice(0, 10);
}

/** "2024-01-31" → "31/01/2024" (UK display). */
export function isoToUkDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
