/** Excel's date serial numbers (1900 date system) and number formats that show dates. */
import { memoise } from "./memo";

/** Serial of 1970-01-01 in the 1900 date system. */
const UNIX_EPOCH_SERIAL = 25_569;

/**
 * Whether a number format shows a date: it has d, m or y outside quoted text, escapes and
 * [colour]/[$-locale] brackets. isDateFormat("dd/mm/yyyy") === true; isDateFormat("0.00") === false.
 */
export function isDateFormat(numberFormat: string): boolean {
  // A workbook has a handful of formats and every date cell asks again.
  return showsDateOnce(numberFormat);
}

function showsDate(numberFormat: string): boolean {
  if (numberFormat === "" || /^general$/i.test(numberFormat)) return false;
  const section = numberFormat.split(";")[0] ?? "";
  const stripped = section
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "");
  if (!/[dy]/i.test(stripped) && /[hs]/i.test(stripped)) return false; // a time of day, "mm" being minutes
  return /[dmy]/i.test(stripped);
}

const showsDateOnce = memoise(1000, showsDate);

/**
 * The ISO date (yyyy-mm-dd) of an Excel serial in the 1900 date system, which counts a 29 February
 * 1900 that never was (serial 60; Lotus 1-2-3's leap-year bug kept for compatibility).
 * excelSerialToIso(45292) === "2024-01-01"; excelSerialToIso(1) === "1900-01-01".
 */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  // A plan's dates fall on a few hundred days, read once per cell: each day's text is made once.
  return isoOfDayOnce(Math.floor(serial));
}

function isoOfDay(day: number): string {
  if (day === 60) return "1900-02-29";
  // Days since 1970-01-01, then the civil date by integer arithmetic (H. Hinnant's civil_from_days):
  // a Date and toISOString per cell cost more than the rest of reading it.
  const z = (day < 60 ? day - UNIX_EPOCH_SERIAL + 1 : day - UNIX_EPOCH_SERIAL) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

const isoOfDayOnce = memoise(10_000, isoOfDay);

/**
 * The serial Excel keeps for an ISO date (1900 date system), the inverse of excelSerialToIso.
 * isoToExcelSerial("2024-01-01") === 45292; isoToExcelSerial("1900-01-01") === 1.
 */
export function isoToExcelSerial(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new RangeError(`Bad ISO date ${iso}`);
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const serial = Math.round((utc - Date.UTC(1899, 11, 30)) / 86_400_000);
  // Serials before 1 March 1900 are one less: Excel counts a 29 February 1900 that never was.
  return serial < 61 ? serial - 1 : serial;
}

/**
 * The calendar date of `date` in the user's own time zone, as yyyy-mm-dd: the "today" every shell
 * reads from its clock and gives the core. localIsoDate(new Date(2013, 0, 5, 23, 59)) === "2013-01-05".
 */
export function localIsoDate(date: Date): string {
  const y = String(date.getFullYear()).padStart(4, "0");
  const m = String(date.getMonth() + 1).padStart(2, "0");
  const d = String(date.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** "2024-01-31" → "31/01/2024" (UK display); anything that is not exactly an ISO date is returned as it is. */
export function isoToUkDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/**
 * Whether text is an ISO date, yyyy-mm-dd and nothing more (as /^\d{4}-\d{2}-\d{2}$/ tests, read
 * character by character: the summary asks it of every action's due date).
 *
 * @example isIsoDate("2013-01-15") === true; isIsoDate("15/01/2013") === false
 */
export function isIsoDate(text: string): boolean {
  if (text.length !== 10) return false;
  for (let i = 0; i < 10; i++) {
    const code = text.charCodeAt(i);
    if (i === 4 || i === 7 ? code !== 45 : code < 48 || code > 57) return false;
  }
  return true;
}

/** The days of a month (1–12) of a year: daysInMonth(2024, 2) === 29. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * yyyy-mm-dd of the day `year`-`month`-`day`, or null where the calendar has no such day (31 February,
 * month 13). Years from 100 to 9999: below 100, Date reads a year as 19xx.
 *
 * @example calendarIso(2024, 2, 29) === "2024-02-29"; calendarIso(2025, 2, 29) === null
 */
export function calendarIso(year: number, month: number, day: number): string | null {
  if (year < 100 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
