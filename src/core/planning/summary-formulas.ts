/**
 * The Summary sheet's live count formulas, and what each computes on a snapshot (its cached value).
 *
 * Counts are structured references over the action tables' ListObjects (Actions_1_ASB[Status]), not
 * A1 ranges: a table reference grows when a lead adds a row in Excel on the web, a range does not.
 * LibreOffice 7.4 recalculates structured references in .xlsx files (the summary's LibreOffice test
 * recalculates every fixture's summary from scratch), so nothing is lost by choosing them.
 *
 * Each formula is built from a Term, and the same Term is evaluated here on the snapshot, following
 * Excel's rules for COUNTIFS and "=" (text compared ignoring case; "~" escapes wildcards), so the
 * cached value is what Excel and LibreOffice compute on recalculation.
 */
import type { ActionTable, Status } from "../basics/plan-model";
import type { SheetSnapshot, TableSnapshot } from "../basics/snapshot";
import { cellAddress } from "../basics/cell-address";

export interface SourceColumn {
  /** The ListObject's column name. */
  readonly name: string;
  /** 0-based sheet column. */
  readonly column: number;
}

/** An action table as the formulas see it: its ListObject and the columns they count over. */
export interface SourceTable {
  readonly table: ActionTable;
  readonly listObject: TableSnapshot;
  readonly sheet: SheetSnapshot;
  readonly action: SourceColumn;
  readonly status: SourceColumn;
  readonly lead: SourceColumn | null;
  readonly theme: SourceColumn | null;
}

/** Which rows of one table a count takes. */
export type TermFilter =
  | { readonly kind: "all" }
  | { readonly kind: "themeEquals"; readonly text: string }
  | { readonly kind: "themeBlank" }
  | { readonly kind: "leadWhole"; readonly text: string }
  | { readonly kind: "leadBlank" }
  /** Lead cells whose parts are all register codes, one of them `code` ("TA & CS" for TA and CS). */
  | { readonly kind: "leadCode"; readonly code: string; readonly codes: readonly string[] };

export interface Term {
  readonly source: SourceTable;
  readonly filter: TermFilter;
}

/** Excel's limits: 255 characters in a string constant, 8,192 in a formula, 64 levels of nested functions. */
export const MAX_FORMULA_STRING = 255;
export const MAX_FORMULA_LENGTH = 8192;
export const MAX_FORMULA_NESTING = 64;

/**
 * How deep a formula's brackets nest (outside string constants): an upper bound of Excel's nesting
 * of functions, since every function call brings one pair.
 *
 * @example formulaNesting('SUM(A1,MAX(B1,"(x"))') === 2
 */
export function formulaNesting(formula: string): number {
  let depth = 0;
  let deepest = 0;
  let quoted = false;
  for (const ch of formula) {
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === "(") deepest = Math.max(deepest, ++depth);
    else if (ch === ")") depth -= 1;
  }
  return deepest;
}

/** Why a term cannot be a formula whose value is known (the section then becomes a snapshot). */
export class UncountableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UncountableError";
  }
}

/**
 * A string constant in a formula: "say ""hi"""; line breaks as CHAR(10) and CHAR(13), since a break
 * typed inside a formula's quotes does not survive every editor: "ASB TEAM"&CHAR(10)&"POLICE".
 */
export function formulaString(text: string): string {
  if (text.length > MAX_FORMULA_STRING) {
    throw new UncountableError(`'${text.slice(0, 40)}…' is longer than a formula can quote`);
  }
  const quoted = `"${text.replace(/"/g, '""')}"`;
  return quoted.replace(/\n/g, '"&CHAR(10)&"').replace(/\r/g, '"&CHAR(13)&"');
}

/**
 * A structured reference to a table column: Actions_1_ASB[Status], or Actions_1_ASB[[Lead Officer]]
 * when the name has characters Excel wants bracketed; ' [ ] # are escaped with a leading '.
 */
export function columnReference(table: string, column: string): string {
  const escaped = column.replace(/['[\]#]/g, "'$&");
  return /^[A-Za-z0-9_]+$/.test(column) ? `${table}[${escaped}]` : `${table}[[${escaped}]]`;
}

/** A COUNTIFS criterion matching exactly `text` (ignoring case): "=" first, wildcards escaped. */
function equalsCriterion(text: string): string {
  return formulaString(`=${text.replace(/[~*?]/g, "~$&")}`);
}

const SEPARATORS = ["&", "/", ",", ";", "CHAR(10)", "CHAR(13)", " AND "];

/**
 * The lead column normalised so each part is wrapped in bars: "TA & CS" → "|TA||CS|". Mirrors the
 * reader's separators (& / , ; line breaks, "and"); spaces go, so "TA & CS" and "TA&CS" read alike.
 */
function normalisedLeads(lead: string): string {
  let inner = `UPPER(${lead})`;
  for (const s of SEPARATORS) inner = `SUBSTITUTE(${inner},${s.startsWith("CHAR") ? s : `"${s}"`},"||")`;
  return `"|"&SUBSTITUTE(${inner}," ","")&"|"`;
}

/** The separators every lead cell is split on: line breaks, commas and semicolons (lead-register.ts). */
const PART_SEPARATORS = ["CHAR(10)", "CHAR(13)", ",", ";"];

/** The lead column with each part wrapped in bars, spaces gone: "ASB TEAM\nPOLICE" → "|ASBTEAM||POLICE|". */
function normalisedParts(lead: string): string {
  let inner = `UPPER(${lead})`;
  for (const s of PART_SEPARATORS) inner = `SUBSTITUTE(${inner},${s.startsWith("CHAR") ? s : `"${s}"`},"||")`;
  return `"|"&SUBSTITUTE(${inner}," ","")&"|"`;
}

function normalisedPartsValue(lead: string): string {
  let inner = lead.toUpperCase();
  for (const s of ["\n", "\r", ",", ";"]) inner = inner.split(s).join("||");
  return `|${inner.split(" ").join("")}|`;
}

/** A lead as a bar-wrapped part: "Police" → "|POLICE|". */
function partToken(lead: string): string {
  return `|${lead.toUpperCase().split(/\s+/).join("")}|`;
}

function normalisedLeadValue(lead: string): string {
  let inner = lead.toUpperCase();
  for (const s of ["&", "/", ",", ";", "\n", "\r", " AND "]) inner = inner.split(s).join("||");
  return `|${inner.split(" ").join("")}|`;
}

function codeToken(code: string): string {
  return `|${code.toUpperCase().split(" ").join("")}|`;
}

/** The register's codes as bar-wrapped tokens, once each. */
function codeTokens(codes: readonly string[]): string[] {
  return [...new Set(codes.map(codeToken))];
}

/**
 * 1 for each row whose lead parts are all register codes, as an array over the table's rows.
 * Excel allows 64 levels of nesting, so the codes are not taken out one SUBSTITUTE inside another
 * (that passes the limit at about 54 codes): one SUBSTITUTE over an array constant of every code
 * counts each code's occurrences in each row, MMULT adds them up per row weighted by the letters
 * each code takes, and a row is all codes when that leaves none of its letters over. The nesting
 * stays the same however many codes the register has; only the constants grow.
 */
function allCodesFormula(normalised: string, codes: readonly string[]): string {
  const tokens = codeTokens(codes);
  const list = `{${tokens.map((t) => formulaString(t)).join(",")}}`;
  const lengths = `{${tokens.map((t) => t.length).join(",")}}`;
  const letters = `{${tokens.map((t) => t.length - 2).join(";")}}`;
  const occurrences = `(LEN(${normalised})-LEN(SUBSTITUTE(${normalised},${list},"")))/${lengths}`;
  return `(LEN(SUBSTITUTE(${normalised},"|",""))-MMULT(${occurrences},${letters})=0)`;
}

/** What allCodesFormula computes for one lead: each code's occurrences counted in the whole text. */
function allCodesValue(normalised: string, codes: readonly string[]): boolean {
  let taken = 0;
  for (const token of codeTokens(codes)) {
    const occurrences = (normalised.length - normalised.split(token).join("").length) / token.length;
    taken += occurrences * (token.length - 2);
  }
  return normalised.split("|").join("").length - taken === 0;
}

/** Excel's TRIM: leading and trailing spaces go, runs of spaces inside become one. */
function excelTrim(text: string): string {
  return text.replace(/ +/g, " ").replace(/^ | $/g, "");
}

function termFormula(term: Term, status: Status | null): string {
  const { source, filter } = term;
  const ref = (c: SourceColumn): string => columnReference(source.listObject.name, c.name);
  const action = ref(source.action);
  const statusRef = ref(source.status);
  if (filter.kind === "all" || filter.kind === "themeEquals" || filter.kind === "themeBlank") {
    const parts = [action, `"<>"`];
    if (filter.kind !== "all") {
      if (!source.theme) throw new Error("A theme filter on a table without a theme column");
      parts.push(ref(source.theme), filter.kind === "themeBlank" ? `""` : equalsCriterion(filter.text));
    }
    if (status) parts.push(statusRef, formulaString(status));
    return `COUNTIFS(${parts.join(",")})`;
  }
  if (!source.lead) throw new Error("A lead filter on a table without a lead column");
  const lead = ref(source.lead);
  const factors = [`(${action}<>"")`];
  if (status) factors.push(`(${statusRef}=${formulaString(status)})`);
  if (filter.kind === "leadWhole") {
    // The lead is the whole cell or one of its parts on separate lines or between commas, as the
    // reader splits them ("ASB TEAM" and "POLICE" in "ASB TEAM\nPOLICE").
    factors.push(`ISNUMBER(FIND(${formulaString(partToken(filter.text))},${normalisedParts(lead)}))`);
  } else if (filter.kind === "leadBlank") factors.push(`(TRIM(${lead})="")`);
  else {
    // A code is one of the lead's parts on their own lines or between commas, or, where every part of
    // the cell is a code, one of the parts joined by & / "and" ("TA & CS"), as the reader splits them.
    const normalised = normalisedLeads(lead);
    factors.push(
      `((ISNUMBER(FIND(${formulaString(partToken(filter.code))},${normalisedParts(lead)}))+${allCodesFormula(normalised, filter.codes)}*ISNUMBER(FIND(${formulaString(codeToken(filter.code))},${normalised})))>0)`,
    );
  }
  return `SUMPRODUCT(${factors.join("*")})`;
}

/** A cell as COUNTIFS and text functions see it; an error value makes the count unknowable. */
function cellString(sheet: SheetSnapshot, row: number, column: number): string | UncountableError {
  const cell = sheet.cells[row]?.[column];
  if (!cell || cell.value === null) return "";
  if (cell.isError) {
    const where = `'${sheet.name}'!${cellAddress(row, column)}`;
    return new UncountableError(`${where} holds the error value ${cell.text || String(cell.value)}`);
  }
  return typeof cell.value === "string" ? cell.value : cell.text || String(cell.value);
}

function sameText(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** One table row with action text, its cells as the formulas read them (an error value kept to throw later). */
interface RowCells {
  readonly status: string | UncountableError;
  readonly theme: string | UncountableError;
  readonly lead: string | UncountableError;
  /** Lower-case trimmed lead, bar-normalised lead and whether it is all codes per code list, computed once. */
  leadTrimmed?: string;
  leadNormalised?: string;
  leadParts?: string;
  allCodes?: Map<readonly string[], boolean>;
}

const rowCache = new WeakMap<SourceTable, RowCells[]>();

/** The rows a COUNTIFS(action, "<>", …) sees, read once per table however many counts use them. */
function rowsOf(source: SourceTable): RowCells[] {
  const cached = rowCache.get(source);
  if (cached) return cached;
  const { sheet } = source;
  const read = (row: number, c: SourceColumn | null): string | UncountableError =>
    c === null ? "" : cellString(sheet, row, c.column);
  const rows: RowCells[] = [];
  for (let row = source.listObject.range.top + 1; row <= source.listObject.range.bottom; row++) {
    const action = read(row, source.action);
    if (action === "") continue;
    if (action instanceof UncountableError) throw action;
    rows.push({
      status: read(row, source.status),
      theme: read(row, source.theme),
      lead: read(row, source.lead),
    });
  }
  rowCache.set(source, rows);
  return rows;
}

function known(value: string | UncountableError): string {
  if (value instanceof UncountableError) throw value;
  return value;
}

function leadMatches(
  row: RowCells,
  filter: Extract<TermFilter, { kind: "leadWhole" | "leadBlank" | "leadCode" }>,
  token: string,
): boolean {
  const lead = known(row.lead);
  if (filter.kind === "leadBlank") {
    row.leadTrimmed ??= excelTrim(lead).toLowerCase();
    return row.leadTrimmed === "";
  }
  if (filter.kind === "leadWhole") {
    row.leadParts ??= normalisedPartsValue(lead);
    return row.leadParts.includes(partToken(filter.text));
  }
  row.leadParts ??= normalisedPartsValue(lead);
  if (row.leadParts.includes(partToken(filter.code))) return true;
  row.leadNormalised ??= normalisedLeadValue(lead);
  row.allCodes ??= new Map();
  let allCodes = row.allCodes.get(filter.codes);
  if (allCodes === undefined) {
    allCodes = allCodesValue(row.leadNormalised, filter.codes);
    row.allCodes.set(filter.codes, allCodes);
  }
  return allCodes && row.leadNormalised.includes(token);
}

/** Whether the row passes the term's filter (throws when a cell it reads holds an error value). */
function rowKept(source: SourceTable, filter: TermFilter, token: string, row: RowCells): boolean {
  switch (filter.kind) {
    case "all":
      return true;
    case "themeEquals":
      return source.theme !== null && sameText(known(row.theme), filter.text);
    case "themeBlank":
      return source.theme !== null && known(row.theme) === "";
    case "leadBlank":
    case "leadCode":
    case "leadWhole":
      return source.lead !== null && leadMatches(row, filter, token);
  }
}

/** Rows with the same status, theme and lead, counted: a filter keeps all of them or none. */
interface RowClass {
  readonly row: RowCells;
  count: number;
}

const classCache = new WeakMap<SourceTable, RowClass[]>();

/** A table's rows grouped by their cells' text (a row with an error value stays on its own). */
function rowClassesOf(source: SourceTable): RowClass[] {
  const cached = classCache.get(source);
  if (cached) return cached;
  // Read here rather than through rowsOf (kept for a table with an error value, read row by row):
  // one object per class, and each row found by its three texts without joining them into a key.
  const { sheet } = source;
  const read = (row: number, c: SourceColumn | null): string | UncountableError =>
    c === null ? "" : cellString(sheet, row, c.column);
  const classes: RowClass[] = [];
  const byText = new Map<string, Map<string, Map<string, RowClass>>>();
  for (let r = source.listObject.range.top + 1; r <= source.listObject.range.bottom; r++) {
    const action = read(r, source.action);
    if (action === "") continue;
    if (action instanceof UncountableError) throw action;
    const status = read(r, source.status);
    const theme = read(r, source.theme);
    const lead = read(r, source.lead);
    if (
      status instanceof UncountableError ||
      theme instanceof UncountableError ||
      lead instanceof UncountableError
    ) {
      classes.push({ row: { status, theme, lead }, count: 1 });
      continue;
    }
    let byTheme = byText.get(status);
    if (!byTheme) byText.set(status, (byTheme = new Map<string, Map<string, RowClass>>()));
    let byLead = byTheme.get(theme);
    if (!byLead) byTheme.set(theme, (byLead = new Map<string, RowClass>()));
    const same = byLead.get(lead);
    if (same) same.count += 1;
    else {
      const created: RowClass = { row: { status, theme, lead }, count: 1 };
      byLead.set(lead, created);
      classes.push(created);
    }
  }
  classCache.set(source, classes);
  return classes;
}

/** A filter's rows counted by lower-case status in one pass; null when an error value is met. */
interface Tally {
  readonly all: number;
  readonly byStatus: ReadonlyMap<string, number>;
}

const tallyCache = new WeakMap<SourceTable, Map<string, Tally | null>>();

function filterKey(filter: TermFilter): string {
  switch (filter.kind) {
    case "themeEquals":
    case "leadWhole":
      return `${filter.kind}\u0000${filter.text}`;
    case "leadCode":
      return `${filter.kind}\u0000${filter.code}\u0000${filter.codes.join("\u0000")}`;
    case "all":
    case "leadBlank":
    case "themeBlank":
      return filter.kind;
  }
}

/**
 * The summary asks each filter once per status: one pass per filter instead of one per count. A
 * table with an error value in a cell the filter reads gets no tally, and termValue reads it row by
 * row so that the error thrown is the one Excel would meet first.
 */
function tallyOf(source: SourceTable, filter: TermFilter, token: string): Tally | null {
  let tallies = tallyCache.get(source);
  if (!tallies) {
    tallies = new Map();
    tallyCache.set(source, tallies);
  }
  const key = filterKey(filter);
  const cached = tallies.get(key);
  if (cached !== undefined) return cached;
  let tally: Tally | null = null;
  try {
    let all = 0;
    const byStatus = new Map<string, number>();
    for (const { row, count } of rowClassesOf(source)) {
      const status = known(row.status).toLowerCase();
      if (!rowKept(source, filter, token, row)) continue;
      all += count;
      byStatus.set(status, (byStatus.get(status) ?? 0) + count);
    }
    tally = { all, byStatus };
  } catch (e) {
    if (!(e instanceof UncountableError)) throw e;
  }
  tallies.set(key, tally);
  return tally;
}

function termValue(term: Term, status: Status | null): number {
  const { source, filter } = term;
  const token = filter.kind === "leadCode" ? codeToken(filter.code) : "";
  const wanted = status?.toLowerCase();
  const tally = tallyOf(source, filter, token);
  if (tally) return wanted === undefined ? tally.all : (tally.byStatus.get(wanted) ?? 0);
  let count = 0;
  for (const row of rowsOf(source)) {
    if (wanted !== undefined && known(row.status).toLowerCase() !== wanted) continue;
    if (rowKept(source, filter, token, row)) count += 1;
  }
  return count;
}

/** The formula (without "=") counting the terms' rows with `status` (null: every status). */
export function countFormula(terms: readonly Term[], status: Status | null): string {
  const formula = terms.length === 0 ? "0" : terms.map((t) => termFormula(t, status)).join("+");
  if (formula.length + 1 > MAX_FORMULA_LENGTH) {
    throw new UncountableError("a count formula would be longer than Excel's 8,192 characters");
  }
  if (formulaNesting(formula) > MAX_FORMULA_NESTING) {
    throw new UncountableError("a count formula would nest deeper than Excel's 64 levels");
  }
  return formula;
}

/** What countFormula's formula computes on the snapshot. */
export function countValue(terms: readonly Term[], status: Status | null): number {
  return terms.reduce((sum, t) => sum + termValue(t, status), 0);
}
