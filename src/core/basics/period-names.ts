/** Period names in sheet names ("2011-12", "Action Plan 2009"): the next period, the latest sheet, valid names. */
import type { PlanModel } from "./plan-model";
import { problem, sheetNameFaultWords, type Problem, type SheetNameFault } from "./problem";
import { RESERVED_SHEETS } from "./reserved-names";

/** Excel's limit on a sheet name's length. */
export const MAX_SHEET_NAME_LENGTH = 31;

/** A year (1900–2099), optionally followed by a separator and the period's end year ("2011-12", "2019-2020"). */
const PERIOD_PATTERN = /(?<!\d)((?:19|20)\d{2})(?:([-–_/])(\d{4}|\d{2}))?(?!\d)/g;

interface PeriodMatch {
  readonly index: number;
  readonly length: number;
  readonly start: number;
  /** The end year in full, or null for a single year. */
  readonly end: number | null;
  readonly separator: string;
  readonly endDigits: 2 | 4;
}

function fullEndYear(start: number, digits: string): number {
  if (digits.length === 4) return Number(digits);
  let end = start - (start % 100) + Number(digits);
  if (end <= start) end += 100;
  return end;
}

function periodMatches(name: string): PeriodMatch[] {
  const found: PeriodMatch[] = [];
  for (const m of name.matchAll(PERIOD_PATTERN)) {
    const startText = m[1];
    if (startText === undefined || m.index === undefined) continue;
    const start = Number(startText);
    const separator = m[2];
    const endText = m[3];
    const end = separator !== undefined && endText !== undefined ? fullEndYear(start, endText) : null;
    // "2011-05" is a year and something else (a month), not a period: keep only the year.
    if (end !== null && end > start && end - start <= 10 && endText !== undefined) {
      found.push({
        index: m.index,
        length: m[0].length,
        start,
        end,
        separator: separator ?? "-",
        endDigits: endText.length === 4 ? 4 : 2,
      });
    } else {
      found.push({ index: m.index, length: startText.length, start, end: null, separator: "", endDigits: 4 });
    }
  }
  return found;
}

function formatPeriod(start: number, end: number | null, separator: string, endDigits: 2 | 4): string {
  if (end === null) return String(start);
  const endText = endDigits === 4 ? String(end) : String(end % 100).padStart(2, "0");
  return `${start}${separator}${endText}`;
}

/**
 * Why `name` cannot be a new sheet's name, in plain English, or null when it can: Excel allows at most
 * 31 characters, none of : \ / ? * [ ], no apostrophe first or last, and reserves "History"; the
 * add-in reserves Lists and Summary.
 *
 * @example sheetNameProblem("2012-13") === null; sheetNameProblem("Plan: 2012") names the colon.
 */
export function sheetNameProblem(name: string): string | null {
  const fault = sheetNameFault(name);
  return fault === null ? null : sheetNameFaultWords(name, fault);
}

/** Why `name` cannot be a new sheet's name (sheetNameProblem's rules), or null when it can. */
export function sheetNameFault(name: string): SheetNameFault | null {
  if (name.trim() === "") return { why: "blank" };
  if (name.length > MAX_SHEET_NAME_LENGTH) {
    return { why: "too-long", length: name.length, max: MAX_SHEET_NAME_LENGTH };
  }
  const bad = /[:\\/?*[\]]/.exec(name);
  if (bad) return { why: "character", character: bad[0] };
  if (name.startsWith("'") || name.endsWith("'")) return { why: "apostrophe" };
  if (name.toLowerCase() === "history") return { why: "excel-reserved", reserved: "History" };
  const reserved = RESERVED_SHEETS.find((s) => s.toLowerCase() === name.toLowerCase());
  if (reserved !== undefined) return { why: "add-in-sheet", reserved };
  return null;
}

/**
 * The name of the period after the one in a sheet's name: the last year or year range in the name
 * moves on by its own length, separator and digits kept. A name without a year, or a result Excel
 * would refuse, gives a problem to show the user.
 *
 * @example nextPeriodSheetName("2011-12") → { name: "2012-13" };
 *          nextPeriodSheetName("Action Plan 2009") → { name: "Action Plan 2010" };
 *          nextPeriodSheetName("1 ASB") → { problem: { rule: "carry/target-name", message: "…has no year in it…" } }
 */
export function nextPeriodSheetName(name: string): { name: string } | { problem: Problem } {
  const result = nextPeriodText(name);
  if (result === null)
    return { problem: problem(name, "", "carry/target-name", { why: "no-year", source: name }) };
  const fault = sheetNameFault(result);
  if (fault !== null) {
    return {
      problem: problem(name, "", "carry/target-name", { why: "bad-name", name: result, fault, from: name }),
    };
  }
  return { name: result };
}

/**
 * Any text with its last year or year range moved on by its own span, or null when it names no year
 * (a title, for instance, which has no sheet-name rules to keep).
 *
 * @example nextPeriodText("COMMUNITY SAFETY ACTION PLAN 2011-12") → "COMMUNITY SAFETY ACTION PLAN 2012-13"
 */
export function nextPeriodText(text: string): string | null {
  const last = periodMatches(text).at(-1);
  if (last === undefined) return null;
  const span = last.end === null ? 1 : last.end - last.start;
  const next = formatPeriod(
    last.start + span,
    last.end === null ? null : last.end + span,
    last.separator,
    last.endDigits,
  );
  return text.slice(0, last.index) + next + text.slice(last.index + last.length);
}

/** The latest period named in a sheet name, as [start year, end year], or null when it names none. */
function latestPeriod(name: string): readonly [number, number] | null {
  let best: readonly [number, number] | null = null;
  for (const m of periodMatches(name)) {
    const p = [m.start, m.end ?? m.start] as const;
    if (best === null || p[0] > best[0] || (p[0] === best[0] && p[1] > best[1])) best = p;
  }
  return best;
}

/**
 * The sheet a carry-over starts from by default: of the sheets holding actions, the one whose name
 * has the latest year (the last in tab order on a tie), else the last sheet holding actions; null
 * when no sheet holds any.
 *
 * @example sheets "Progress on 2011 recs", "Recommendations 2012-13" → "Recommendations 2012-13"
 */
export function defaultSourceSheet(model: PlanModel): string | null {
  const sheets: string[] = [];
  for (const a of model.actions) if (!sheets.includes(a.sheet)) sheets.push(a.sheet);
  let best: { sheet: string; period: readonly [number, number] } | null = null;
  for (const sheet of sheets) {
    const period = latestPeriod(sheet);
    if (period === null) continue;
    if (
      best === null ||
      period[0] > best.period[0] ||
      (period[0] === best.period[0] && period[1] >= best.period[1])
    ) {
      best = { sheet, period };
    }
  }
  return best?.sheet ?? sheets.at(-1) ?? null;
}

/**
 * The last year or year range named in a text, as written and as a key that ignores how it is written
 * ("2011-12", "2011/2012" and "2011–12" share the key "2011-2012"), or null when it names none.
 *
 * @example lastPeriod("COMMUNITY SAFETY ACTION PLAN 2011-12") → { text: "2011-12", key: "2011-2012" }
 */
export function lastPeriod(text: string): { readonly text: string; readonly key: string } | null {
  const last = periodMatches(text).at(-1);
  if (last === undefined) return null;
  return {
    text: text.slice(last.index, last.index + last.length),
    key: last.end === null ? String(last.start) : `${last.start}-${last.end}`,
  };
}
