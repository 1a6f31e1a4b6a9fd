/**
 * The text Excel displays for a cell value under its number format, for the formats action plans
 * use (General, fixed decimals, thousands, percentages, dates as dd/mm/yyyy). Shared by the
 * snapshot readers (package-snapshot.ts, and the tests' ExcelJS reader, test/support/exceljs).
 */
import type { RawValue } from "../core/basics/snapshot";
import { excelSerialToIso, isDateFormat, isoToUkDate } from "../core/basics/excel-dates";
import { memoise } from "../core/basics/memo";

/** A number as Excel's General format shows it: up to 10 significant digits, exponent when large. */
export function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1e11 || (abs < 1e-9 && abs !== 0)) {
    const [mantissa = "", exponent = "0"] = n.toExponential(5).split("e");
    const m = mantissa.replace(/\.?0+$/, "");
    const e = Number(exponent);
    return `${m}E${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  return String(Number(n.toPrecision(10)));
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** What a number format shows, worked out once per format: a workbook has a handful of them. */
interface NumberFormatting {
  readonly date: boolean;
  readonly time: boolean;
  /** The number pattern (prefix, digits, decimals, %, suffix), or null for General. */
  readonly pattern: RegExpExecArray | null;
}

const formattingOf = memoise(1000, (numberFormat: string): NumberFormatting => {
  const date = isDateFormat(numberFormat);
  const section = (numberFormat.split(";")[0] ?? "").replace(/\[[^\]]*\]/g, "");
  return {
    date,
    time: date && /h/i.test(numberFormat),
    pattern: date ? null : /^([^0#]*?)([#,]*0[0,]*)(\.0+)?(%?)([^0#]*)$/.exec(section),
  };
});

/** A plan's dates fall on a few hundred days: each day's text is made once. */
const ukDateOfIso = memoise(10_000, isoToUkDate);

/** The dd/mm/yyyy of an Excel serial, or null when it is no date. */
function ukDate(serial: number): string | null {
  const iso = excelSerialToIso(serial);
  return iso === null ? null : ukDateOfIso(iso);
}

/** A number as a cell with this format shows it, for the formats action plans use; else General. */
export function formatNumber(n: number, numberFormat: string): string {
  const formatting = formattingOf(numberFormat);
  if (formatting.date) {
    const date = ukDate(n);
    if (date === null) return formatGeneral(n);
    if (!formatting.time) return date;
    const minutes = Math.round((n - Math.floor(n)) * 1440);
    return `${date} ${pad2(Math.floor(minutes / 60) % 24)}:${pad2(minutes % 60)}`;
  }
  const m = formatting.pattern;
  if (!m) return formatGeneral(n);
  const literal = (s: string | undefined): string => (s ?? "").replace(/["\\]/g, "").replace(/_./g, "");
  const decimals = m[3] ? m[3].length - 1 : 0;
  const value = m[4] ? n * 100 : n;
  let text = Math.abs(value).toFixed(decimals);
  if (m[2]?.includes(",")) {
    const [whole = "", fraction] = text.split(".");
    text = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (fraction !== undefined ? `.${fraction}` : "");
  }
  return `${value < 0 ? "-" : ""}${literal(m[1])}${text}${m[4] ?? ""}${literal(m[5])}`;
}

/** The text a cell with this value and number format displays. */
export function displayText(value: RawValue, numberFormat: string): string {
  if (value === null) return "";
  if (typeof value === "number") return formatNumber(value, numberFormat);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return value;
}
