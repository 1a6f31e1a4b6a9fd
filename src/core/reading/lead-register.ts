/** The lead register: lead codes and who they are, from legends and from a Leads or Lists sheet. */
import type { Lead } from "../basics/plan-model";
import type { SheetSnapshot } from "../basics/snapshot";
import { problem, type Problem } from "../basics/problem";
import { cellAddress } from "../basics/cell-address";
import { cellText, foldText, nonBlankCells } from "../basics/cell-text";
import { headerRole } from "./header-roles";

/** A lead entry as found, before duplicates are resolved. */
export interface LeadEntry {
  readonly code: string;
  readonly name: string;
  readonly organisation: string | null;
  readonly sheet: string;
  readonly cell: string;
}

const CODE_PATTERN = /^[A-Za-z][A-Za-z0-9&.]{0,9}$/;
const INLINE_ENTRY = /^([A-Za-z][A-Za-z0-9&.]{0,9})\s*[-–—=:]\s*(.+)$/s;

/** Whether text could be a lead code: short, one word ("MW", "YOS", "DAAT"). */
export function looksLikeLeadCode(text: string): boolean {
  return CODE_PATTERN.test(text);
}

function inlineEntries(text: string, sheet: string, cell: string): LeadEntry[] {
  const out: LeadEntry[] = [];
  for (const piece of text.split(/[,;\n]/)) {
    const m = INLINE_ENTRY.exec(piece.trim());
    if (m?.[1] && m[2]) out.push({ code: m[1], name: m[2].trim(), organisation: null, sheet, cell });
  }
  return out;
}

export interface LegendBlock {
  readonly entries: LeadEntry[];
  readonly lastRow: number;
}

/**
 * Reads a legend below (and beside) an "ACTION POINT LEADS:" row: rows of [code, name] in two cells,
 * or "MW – Mick Williams" in one; the legend ends at the first row that is neither.
 * `rest` is the marker cell's text after its colon, which may hold the entries inline.
 */
export function readLegend(
  sheet: SheetSnapshot,
  markerRow: number,
  markerColumn: number,
  rest: string,
  isHeaderRow: (row: number) => boolean,
): LegendBlock {
  const entries: LeadEntry[] = [];
  const markerCell = cellAddress(markerRow, markerColumn);
  entries.push(...inlineEntries(rest, sheet.name, markerCell));
  const besideMarker = nonBlankCells(sheet.cells[markerRow]).filter((c) => c.column > markerColumn);
  const first = besideMarker[0];
  const second = besideMarker[1];
  if (first && second && looksLikeLeadCode(first.text)) {
    entries.push(entryFromCells(sheet, markerRow, first, second, besideMarker[2]));
  }
  let lastRow = markerRow;
  for (let r = markerRow + 1; r < sheet.cells.length; r++) {
    if (isHeaderRow(r)) break;
    const cells = nonBlankCells(sheet.cells[r]);
    const a = cells[0];
    if (!a) break;
    const b = cells[1];
    if (b && looksLikeLeadCode(a.text) && cells.length <= 3) {
      entries.push(entryFromCells(sheet, r, a, b, cells[2]));
    } else if (!b) {
      const inline = inlineEntries(a.text, sheet.name, cellAddress(r, a.column));
      if (inline.length === 0) break;
      entries.push(...inline);
    } else {
      break;
    }
    lastRow = r;
  }
  return { entries, lastRow };
}

function entryFromCells(
  sheet: SheetSnapshot,
  row: number,
  code: { column: number; text: string },
  name: { column: number; text: string },
  organisation: { column: number; text: string } | undefined,
): LeadEntry {
  return {
    code: code.text,
    name: name.text,
    organisation: organisation?.text ?? null,
    sheet: sheet.name,
    cell: cellAddress(row, code.column),
  };
}

/**
 * Reads a register table on a Leads or Lists sheet: a header row with Code and Name (Organisation
 * optional), then one lead a row until the code is blank. Returns [] when there is no such header.
 */
export function readLeadsTable(sheet: SheetSnapshot): LeadEntry[] {
  for (let r = 0; r < sheet.cells.length; r++) {
    const cells = nonBlankCells(sheet.cells[r]);
    const code = cells.find((c) => ["code", "lead code", "codes"].includes(foldText(c.text)));
    if (!code) continue;
    const name = cells.find(
      (c) => c.column > code.column && ["name", "lead name", "lead", "full name"].includes(foldText(c.text)),
    );
    if (!name) continue;
    const org = cells.find(
      (c) =>
        c.column > code.column &&
        (["organisation", "organization", "agency", "partner"].includes(foldText(c.text)) ||
          (headerRole(c.text) === "lead" && foldText(c.text) !== "lead" && c.column !== name.column)),
    );
    const out: LeadEntry[] = [];
    for (let d = r + 1; d < sheet.cells.length; d++) {
      const row = sheet.cells[d];
      const codeText = cellText(row?.[code.column]).trim();
      if (codeText === "") break;
      const orgText = org ? cellText(row?.[org.column]).trim() : "";
      out.push({
        code: codeText,
        name: cellText(row?.[name.column]).trim(),
        organisation: orgText === "" ? null : orgText,
        sheet: sheet.name,
        cell: cellAddress(d, code.column),
      });
    }
    return out;
  }
  return [];
}

/**
 * The register from entries in reading order: a code's first entry wins; the same code with another
 * name adds an info problem naming both cells ("RD" Rob Donoghy on 4 Drugs, Rob Donaghy on 6 …).
 */
export function buildLeadRegister(entries: readonly LeadEntry[]): { leads: Lead[]; problems: Problem[] } {
  const byCode = new Map<string, Lead>();
  const problems: Problem[] = [];
  for (const e of entries) {
    const key = e.code.toUpperCase();
    const seen = byCode.get(key);
    if (!seen) {
      byCode.set(key, { ...e });
      continue;
    }
    if (foldText(seen.name) !== foldText(e.name)) {
      problems.push(
        problem(e.sheet, e.cell, "lead/conflicting-name", {
          code: e.code,
          name: e.name,
          seenName: seen.name,
          seenAt: `${seen.sheet}!${seen.cell}`,
        }),
      );
    }
  }
  return { leads: [...byCode.values()], problems };
}

const LEAD_SEPARATORS = /\s*(?:&|\/|,|;|\r?\n|\band\b)\s*/i;

/** The parts of a lead cell: "TA & CS" → ["TA", "CS"]; "Police, DAT" → ["Police", "DAT"]. */
export function leadParts(lead: string): string[] {
  return lead
    .split(LEAD_SEPARATORS)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/**
 * A lead cell as codes when every part is a known register code, else the whole lead as one:
 * splitLeads("TA & CS", codes) → ["TA", "CS"]; splitLeads("Scanning & Challenge Group", codes) →
 * ["Scanning & Challenge Group"]; splitLeads(null, codes) → []. `codes` maps upper-case code → code.
 */
export function splitLeads(lead: string | null, codes: ReadonlyMap<string, string>): string[] {
  if (lead === null || lead.trim() === "") return [];
  const whole = lead.trim();
  if (codes.size === 0) return [whole];
  const parts = leadParts(whole);
  const known = parts.map((p) => codes.get(p.toUpperCase()));
  if (parts.length > 0 && known.every((k) => k !== undefined)) return known;
  return [whole];
}

/** A lead as the reader compares them: case and spacing folded, a trailing full stop dropped. */
export function foldLead(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/\.$/, "").toLowerCase();
}

/** The parts of a lead cell that always name separate leads: one a line, or separated by commas. */
function listedParts(lead: string): string[] {
  return lead
    .split(/\s*(?:\r?\n|,|;)\s*/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

const JOINERS = /\s*(?:&|\/|\band\b|\+)\s*/i;
const SEPARATED = /[\n,;&/+]|\band\b/i;

/**
 * How the reader names leads across a workbook: every lead cell's parts, each in one spelling.
 * "Police", "POLICE" and "police " are one lead; a cell naming several leads on separate lines or
 * separated by commas is split; "&", "and", "/" split a part only when every piece is a lead known on its
 * own (in the register, or a whole lead cell or part somewhere), so "Scanning & Challenge Group" stays
 * one, and a known "A&E" is never split. The spelling is the register's code when the lead is in the
 * register (by code or name), else the spelling the workbook uses most (the first on a tie).
 */
export class LeadNames {
  private readonly spelling = new Map<string, string>();
  private readonly known = new Set<string>();
  private readonly byText = new Map<string, readonly string[]>();
  private readonly registered = new Map<string, string>();

  /** `leadTexts`: each lead cell's text, or each distinct text with how many cells hold it. */
  constructor(register: readonly Lead[], leadTexts: Iterable<string> | ReadonlyMap<string, number>) {
    const registered = this.registered;
    for (const l of register) {
      registered.set(foldLead(l.code), l.code);
      if (l.name.trim() !== "" && !registered.has(foldLead(l.name))) registered.set(foldLead(l.name), l.code);
    }
    // A plan names the same few leads on row after row: each distinct cell text is split once.
    let cells: ReadonlyMap<string, number>;
    if (leadTexts instanceof Map) {
      cells = leadTexts as ReadonlyMap<string, number>;
    } else {
      const counted = new Map<string, number>();
      for (const text of leadTexts as Iterable<string>) counted.set(text, (counted.get(text) ?? 0) + 1);
      cells = counted;
    }
    const counts = new Map<string, Map<string, number>>();
    for (const [text, times] of cells) {
      for (const part of listedParts(text)) {
        const key = foldLead(part);
        this.known.add(key);
        const spellings = counts.get(key) ?? new Map<string, number>();
        const spelt = part.replace(/\s+/g, " ").trim();
        spellings.set(spelt, (spellings.get(spelt) ?? 0) + times);
        counts.set(key, spellings);
      }
    }
    for (const [key, code] of registered) {
      this.known.add(key);
      this.spelling.set(key, code);
    }
    for (const [key, spellings] of counts) {
      if (this.spelling.has(key)) continue;
      let best = "";
      let most = 0;
      for (const [spelt, n] of spellings) {
        if (n > most) {
          best = spelt;
          most = n;
        }
      }
      this.spelling.set(key, best);
    }
  }

  /** Whether text (or, for a list, each of its parts) names a known lead. */
  isKnown(text: string): boolean {
    const once = this.knownByText.get(text);
    if (once !== undefined) return once;
    // Most cells are one lead, known or not: only a cell with a separator is split.
    const known = this.known.has(foldLead(text))
      ? true
      : SEPARATED.test(text) &&
        listedParts(text).every((p) => this.known.has(foldLead(p)) || this.joined(p) !== null);
    if (this.knownByText.size < 5000) this.knownByText.set(text, known);
    return known;
  }

  private readonly knownByText = new Map<string, boolean>();

  private joined(part: string): string[] | null {
    const pieces = part.split(JOINERS).map((p) => p.trim());
    if (pieces.length < 2 || pieces.some((p) => p === "" || !this.known.has(foldLead(p)))) return null;
    return pieces;
  }

  /** The leads a lead cell names, each in the workbook's one spelling: "POLICE\nSBC" → ["Police", "SBC"]. */
  leadsOf(lead: string | null): string[] {
    if (lead === null || lead.trim() === "") return [];
    let found = this.byText.get(lead);
    if (found === undefined) {
      const out: string[] = [];
      for (const part of listedParts(lead)) {
        const key = foldLead(part);
        const pieces = this.registered.has(key) ? [part] : (this.joined(part) ?? [part]);
        for (const piece of pieces) {
          const spelt = this.spelling.get(foldLead(piece)) ?? piece.replace(/\s+/g, " ").trim();
          if (!out.includes(spelt)) out.push(spelt);
        }
      }
      found = out;
      // Bounded, as isKnown's answers are: NO_LEAD_NAMES lives as long as the process.
      if (this.byText.size < 5000) this.byText.set(lead, found);
    }
    // Each action gets its own array: a caller may change one action's leads.
    return [...found];
  }
}

/**
 * Lead names with no register and no lead cells. Besides serving a plan without leads, this one
 * long-lived instance keeps LeadNames' object shape alive between reads: V8 throws optimised code away
 * when an object shape it was built for dies in a full collection (a "weak objects" deoptimisation,
 * node --trace-deopt), and every LeadNames a read makes dies with the read, so without it each read
 * after a collection ran its lead lookups, and the action reading that inlines them, unoptimised.
 */
export const NO_LEAD_NAMES = new LeadNames([], []);
