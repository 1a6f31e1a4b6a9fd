/**
 * Due dates typed as text ("31/03/2025", "31 March 2025", "March 2025"): the day they name, read the
 * UK way and only when nothing else could be meant. Anything else ("Ongoing", "TBC", "Q4") is not a
 * date, and is never guessed. The user's text is never changed: the day is what checks compare.
 */
import { memoise } from "../basics/memo";
import { calendarIso, daysInMonth } from "../basics/excel-dates";

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

/** yyyy-mm-dd of a day that exists in the calendar from 1900 (Excel's first year), else null (31/02 is no day). */
function isoOf(year: number, month: number, day: number): string | null {
  return year < 1900 ? null : calendarIso(year, month, day);
}

/** A year as typed: four digits, or two as Excel reads them when typed (00–29 → 2000s, 30–99 → 1900s). */
function fullYear(text: string): number {
  const n = Number(text);
  if (text.length !== 2) return n;
  return n < 30 ? 2000 + n : 1900 + n;
}

function monthOf(word: string): number | null {
  return MONTHS[word.toLowerCase().replace(/\.$/, "")] ?? null;
}

/** The last day of a month: a target of "March 2025" is met by the end of March. */
function endOfMonth(year: number, month: number): string | null {
  return isoOf(year, month, daysInMonth(year, month));
}

/** The end year of a financial year typed "2024-25", "2024/25" or "2024-2025", else null. */
function financialYearEnd(start: string, end: string): number | null {
  const first = Number(start);
  let last = Number(end);
  if (end.length === 2) last += first - (first % 100) + (last < first % 100 ? 100 : 0);
  return last === first + 1 ? last : null;
}

// Numbers day first (the UK's order), separated by / . or -: 31/03/2025, 3/4/25, 31-03-2025.
const DAY_MONTH_YEAR = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
// 31 March 2025, 31st Mar 25, 31-Mar-25, 31 March, 2025.
const DAY_NAMED_MONTH_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+\.?)[\s,-]+(\d{4}|\d{2})$/i;
// March 31, 2025 (a month named first leaves no doubt which number is the day).
const NAMED_MONTH_DAY_YEAR = /^([a-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;
// March 2025, Mar 2025 (a four-digit year: "Mar-25" could be the 25th of March).
const NAMED_MONTH_YEAR = /^([a-z]+\.?)[\s-]+(\d{4})$/i;
// Q4 2024-25, Q4 2024/25: a quarter of a financial year (April to March), ending with its third month.
const FINANCIAL_QUARTER = /^q([1-4])\s*(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$/i;
// 2024-25, 2024/25, FY 2024-25: a financial year, met by 31 March of its second year.
const FINANCIAL_YEAR = /^(?:fy\s*)?(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$/i;
// Words that say only "by then": "by 31/03/2025", "end of March 2025", "due March 2025".
const LEADING_WORDS = /^(?:(?:by|due|before|deadline:?)\s+)?(?:(?:the\s+)?end\s+(?:of\s+)?)?/i;

function readDueText(typed: string): string | null {
  const text = typed.replace(/\s+/g, " ").trim().replace(LEADING_WORDS, "").trim();
  if (text === "") return null;
  let m = ISO.exec(text);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DAY_MONTH_YEAR.exec(text);
  if (m) return isoOf(fullYear(m[4]!), Number(m[3]), Number(m[1]));
  m = DAY_NAMED_MONTH_YEAR.exec(text);
  if (m) {
    const month = monthOf(m[2]!);
    return month === null ? null : isoOf(fullYear(m[3]!), month, Number(m[1]));
  }
  m = NAMED_MONTH_DAY_YEAR.exec(text);
  if (m) {
    const month = monthOf(m[1]!);
    return month === null ? null : isoOf(Number(m[3]), month, Number(m[2]));
  }
  m = NAMED_MONTH_YEAR.exec(text);
  if (m) {
    const month = monthOf(m[1]!);
    return month === null ? null : endOfMonth(Number(m[2]), month);
  }
  m = FINANCIAL_QUARTER.exec(text);
  if (m) {
    const end = financialYearEnd(m[2]!, m[3]!);
    if (end === null) return null;
    // Q1 April–June, Q2 July–September and Q3 October–December of the first year; Q4 January–March.
    const quarter = Number(m[1]);
    return quarter === 4 ? endOfMonth(end, 3) : endOfMonth(end - 1, 3 + quarter * 3);
  }
  m = FINANCIAL_YEAR.exec(text);
  if (m) {
    const end = financialYearEnd(m[1]!, m[2]!);
    return end === null ? null : endOfMonth(end, 3);
  }
  return null;
}

const readDueTextOnce = memoise(10_000, readDueText);

/**
 * The day (yyyy-mm-dd) a due date typed as text names, or null when it names none for certain. Numbers
 * are read day first, as in the UK ("03/04/2025" is 3 April), and a day the calendar lacks is no date;
 * a month names its last day ("March 2025" → 31 March), a financial year's quarter or the year itself
 * its last day ("Q4 2024-25", "2024-25" → 31 March 2025). "Ongoing", "TBC", "Q4" (no year) and "Mar-25"
 * (March 2025, or 25 March?) are no date.
 *
 * @example dueDateOfText("31/03/2025") === "2025-03-31"; dueDateOfText("Ongoing") === null
 */
export function dueDateOfText(text: string): string | null {
  return readDueTextOnce(text);
}
