/**
 * Which column of a table plays which role, decided for the table as a whole. A table's columns are
 * coherent in their values (the idea behind Pytheas and Strudel): the status column is the one whose
 * cells are statuses or status fills, the due column holds dates or period words, the lead column's
 * short values recur, the action column holds the longest free text, the ref column short labels.
 * Each column gets a score per role from its header words (header-roles.ts) and from its contents;
 * roles go to columns by best total score, one column per role. An assignment the reader is unsure of
 * is reported on its header cell, naming the alternatives, never chosen silently.
 */
import type { ColumnRole, Status } from "../basics/plan-model";
import type { CellSnapshot } from "../basics/snapshot";
import { cellText, foldText } from "../basics/cell-text";
import { isDateFormat } from "../basics/excel-dates";
import { COLUMN_ROLES, type RoleScores, isOtherHeader, roleScores } from "./header-roles";
import { statusFromText } from "./status-vocabulary";

/** What the reader may ask about a cell's status and a lead's name while scoring contents. */
export interface ContentClues {
  /** The status a cell shows (typed, by the key, or by its fill), or null. */
  readonly statusOf: (cell: CellSnapshot) => Status | null;
  /** Whether a lead text (or each of its parts) is in the lead register. */
  readonly isKnownLead: (text: string) => boolean;
}

export const DEFAULT_CLUES: ContentClues = {
  statusOf: (cell) => statusFromText(cellText(cell)),
  isKnownLead: () => false,
};

export interface ColumnCandidate {
  readonly column: number;
  /** The header as shown (a sub-header under a group header, or the merged text over it). */
  readonly header: string;
  /** True when the header is a merged header's text spread over this column, or blank. */
  readonly inherited: boolean;
  /** The column's cells in the rows sampled below the header (nulls for empty cells). */
  readonly values: ReadonlyArray<CellSnapshot | null>;
  /** A role set by the user (Columns table or override), or "ignore"; undefined when not set. */
  readonly fixed?: ColumnRole | "ignore";
}

export interface ColumnReading {
  readonly column: number;
  readonly role: ColumnRole | null;
  /** 0–1: how surely the column has this role. */
  readonly score: number;
  /**
   * Columns that scored nearly as well for the role, or that were left without a role though their
   * header names this one surely ("Status" beside the "RAG" taken): their headers, and their columns.
   */
  readonly alternatives: readonly string[];
  readonly alternativeColumns: readonly number[];
  /** The role was given by its contents alone, the header naming none. */
  readonly byContents: boolean;
  /** The reader is unsure: the caller reports it on the header cell. */
  readonly unsure: boolean;
}

/** Below this a column takes no role. */
const MIN_SCORE = 0.3;
/** A role named by header words less sure than this ("Notes" for the update) is reported to confirm. */
const SURE_HEADER = 0.6;
/** Alternatives scoring within this of the chosen column are reported. */
const CLOSE = 0.08;
/** Only these roles are given by contents alone: their values are distinctive. */
const CONTENT_ROLES: ReadonlySet<ColumnRole> = new Set(["ref", "action", "status", "due"]);

const MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*";
/** Period words and dates as people type them in a due column: "Q4", "March 2015", "Ongoing", "31/03/13". */
const DUE_TEXT = new RegExp(
  [
    `^(?:by |end of |end |from |start of |mid )?(?:q[1-4]|quarter [1-4])\\b`,
    `^(?:by |end of |end |from |start of |mid |early |late )?${MONTH}\\b`,
    "^\\d{1,2}(?:st|nd|rd|th)?[ /.-](?:\\d{1,2}|" + MONTH + ")[ /.-]\\d{2,4}$",
    "^(?:by |end of )?(?:19|20)\\d\\d(?:[/-]\\d{2,4})?$",
    "^(?:ongoing|on going|continuous|annual|annually|monthly|quarterly|weekly|immediate|immediately)\\b",
    "^(?:by |within |over )?(?:the )?(?:end of |next )?(?:year|financial year|spring|summer|autumn|winter)\\b",
  ].join("|"),
  "i",
);

/** Whether a cell holds a date or a period word. */
export function isDueLike(cell: CellSnapshot): boolean {
  return isDueCell(cell, cellText(cell).trim());
}

/** isDueLike for a cell whose trimmed text the caller has already read. */
function isDueCell(cell: CellSnapshot, text: string): boolean {
  if (typeof cell.value === "number" && isDateFormat(cell.numberFormat)) return true;
  return text !== "" && text.length <= 40 && DUE_TEXT.test(text);
}

/** Refs are short labels: 1, 11.1, 3.2.1, IV, ASB1, 2a, b). */
const REF_PATTERN =
  /^(?:[A-Za-z]{0,5}\s?\d+(?:\.\d+)*[A-Za-z]?[.)]?|[IVXLCDM]+[.)]?|[ivxlcdm]+[.)]?|[A-Za-z][.)])$/;

/** Whether text looks like a ref rather than prose. looksLikeRef("11.1") === true. */
export function looksLikeRef(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 12 && REF_PATTERN.test(t);
}

interface ContentStats {
  readonly seen: number;
  readonly meanLength: number;
  readonly statusShare: number;
  readonly dueShare: number;
  readonly refShare: number;
  readonly leadShare: number;
  readonly distinctShare: number;
  /** Cells that grade importance ("High", "Medium", "Low"): a "Priority" column of them is no theme. */
  readonly levelShare: number;
}

/** How plans grade an action's importance in a "Priority" column, folded. */
const PRIORITY_LEVELS: ReadonlySet<string> = new Set([
  "high",
  "medium",
  "med",
  "low",
  "h",
  "m",
  "l",
  "critical",
  "urgent",
  "very high",
  "very low",
]);

function statsOf(values: ReadonlyArray<CellSnapshot | null>, clues: ContentClues): ContentStats {
  let texts = 0;
  let filled = 0;
  let length = 0;
  let status = 0;
  let due = 0;
  let ref = 0;
  let lead = 0;
  let level = 0;
  const distinct = new Set<string>();
  // Indexed: every cell of every column comes through here, and a for…of makes an iterator result
  // per cell until the loop is optimised, most of the way through a one-run process.
  for (let i = 0; i < values.length; i++) {
    const cell = values[i];
    if (!cell) continue;
    const text = cellText(cell).trim();
    if (text === "") {
      if (cell.fill && clues.statusOf(cell) !== null) {
        filled++;
        status++;
      }
      continue;
    }
    texts++;
    length += text.length;
    // Long text (an action, an update) is no status, date, ref or lead: only its length counts.
    if (text.length > 60) {
      distinct.add(text);
      continue;
    }
    const folded = foldText(text);
    distinct.add(folded);
    if (PRIORITY_LEVELS.has(folded)) level++;
    if (clues.statusOf(cell) !== null) status++;
    if (isDueCell(cell, text)) due++;
    if (looksLikeRef(text)) ref++;
    if (clues.isKnownLead(text)) lead++;
  }
  const seen = texts + filled;
  return {
    seen,
    meanLength: texts === 0 ? 0 : length / texts,
    statusShare: seen === 0 ? 0 : status / seen,
    dueShare: texts === 0 ? 0 : due / texts,
    refShare: texts === 0 ? 0 : ref / texts,
    leadShare: texts === 0 ? 0 : lead / texts,
    distinctShare: texts === 0 ? 1 : distinct.size / texts,
    levelShare: texts === 0 ? 0 : level / texts,
  };
}

/** How well a column's contents fit each role, 0–1; 0.5 for every role when the column is empty. */
function contentScores(stats: ContentStats, longestMean: number): RoleScores {
  if (stats.seen === 0)
    return { ref: 0.5, action: 0.5, lead: 0.5, update: 0.5, status: 0.5, due: 0.5, theme: 0.5 };
  const notLabel = 1 - Math.max(stats.statusShare, stats.dueShare, stats.refShare);
  const short = stats.meanLength <= 40 ? 1 : 40 / stats.meanLength;
  const prose = longestMean === 0 ? 0 : Math.min(1, stats.meanLength / (0.6 * longestMean));
  return {
    ref: stats.refShare * (stats.distinctShare >= 0.8 ? 1 : 0.6),
    action: prose * notLabel,
    lead: Math.max(stats.leadShare, short * notLabel * (stats.meanLength >= 2 ? 1 : 0.3)),
    update:
      Math.min(1, stats.meanLength / 25) *
      (1 - Math.max(stats.dueShare, stats.refShare)) *
      (1 - 0.5 * stats.statusShare),
    status: stats.statusShare,
    due: stats.dueShare,
    theme: short * notLabel * (stats.distinctShare <= 0.5 ? 1 : 0.4),
  };
}

/**
 * Whether a column's contents rule a role out whatever its header says: a "Priority" column graded
 * High / Medium / Low says how much an action matters, not which theme it belongs to.
 */
function contentsRuleOut(role: ColumnRole, stats: ContentStats): boolean {
  return role === "theme" && stats.levelShare >= 0.6;
}

interface Scored {
  readonly candidate: ColumnCandidate;
  readonly scores: Readonly<Record<ColumnRole, number>>;
  readonly header: RoleScores;
}

function scoreColumns(candidates: readonly ColumnCandidate[], clues: ContentClues): Scored[] {
  const stats = candidates.map((c) => statsOf(c.values, clues));
  const longestMean = Math.max(0, ...stats.map((s) => s.meanLength));
  return candidates.map((candidate, i) => {
    const header =
      candidate.inherited && candidate.header === "" ? roleScores("") : roleScores(candidate.header);
    const content = contentScores(stats[i] as ContentStats, longestMean);
    // Contents alone give a role only to a column whose header names none ("", "Q3", "Column F").
    const named = isOtherHeader(candidate.header) || COLUMN_ROLES.some((r) => header[r] >= 0.3);
    // …or refs under a header whose words name another role its cells do not fit ("ACTION" merged
    // over the number and the text column).
    const refsUnderWrongWords =
      named && content.ref >= 0.8 && COLUMN_ROLES.every((r) => header[r] < 0.3 || content[r] < 0.2);
    const scores = {} as Record<ColumnRole, number>;
    for (const role of COLUMN_ROLES) {
      const h = header[role];
      const k = content[role];
      if (contentsRuleOut(role, stats[i] as ContentStats)) scores[role] = 0;
      else if (h > 0) scores[role] = h * (0.4 + 0.6 * k);
      else if ((!named && CONTENT_ROLES.has(role)) || (role === "ref" && refsUnderWrongWords)) {
        // Found by contents alone, action text must be prose: single words ("North", "South") are not.
        const prose = role === "action" ? Math.min(1, (stats[i]?.meanLength ?? 0) / 12) : 1;
        scores[role] = 0.5 * k * prose;
      } else scores[role] = 0;
    }
    return { candidate, scores, header };
  });
}

/**
 * The role of each column, in the candidates' order: the user's fixed roles first, then the best
 * remaining (column, role) pairs by score, one column per role (a greedy assignment, which on these
 * few columns and seven roles gives the best total in practice).
 *
 *   assignColumnRoles([{ column: 0, header: "Objective", … }, { column: 1, header: "Action", … }], clues)
 *   → [{ column: 0, role: null, … }, { column: 1, role: "action", score: 1, … }]
 */
export function assignColumnRoles(
  candidates: readonly ColumnCandidate[],
  clues: ContentClues = DEFAULT_CLUES,
): ColumnReading[] {
  const scored = scoreColumns(candidates, clues);
  const roleOf = new Map<number, { role: ColumnRole; score: number; fixed: boolean }>();
  const taken = new Set<ColumnRole>();
  scored.forEach((s, i) => {
    const fixed = s.candidate.fixed;
    if (fixed === undefined || fixed === "ignore" || taken.has(fixed)) return;
    roleOf.set(i, { role: fixed, score: 1, fixed: true });
    taken.add(fixed);
  });
  const pairs: Array<{ index: number; role: ColumnRole; score: number }> = [];
  scored.forEach((s, index) => {
    if (s.candidate.fixed !== undefined) return;
    for (const role of COLUMN_ROLES) {
      if (s.scores[role] >= MIN_SCORE) pairs.push({ index, role, score: s.scores[role] });
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.index - b.index);
  for (const p of pairs) {
    if (roleOf.has(p.index) || taken.has(p.role)) continue;
    roleOf.set(p.index, { role: p.role, score: p.score, fixed: false });
    taken.add(p.role);
  }

  return scored.map((s, i) => {
    const chosen = roleOf.get(i);
    if (!chosen) {
      return {
        column: s.candidate.column,
        role: null,
        score: 0,
        alternatives: [],
        alternativeColumns: [],
        byContents: false,
        unsure: false,
      };
    }
    const rivals = chosen.fixed
      ? []
      : scored
          .filter((o, j) => j !== i && !roleOf.has(j) && o.candidate.fixed === undefined)
          .filter(
            (o) =>
              (o.scores[chosen.role] >= MIN_SCORE && o.scores[chosen.role] >= chosen.score - CLOSE) ||
              namesSurely(o.header, chosen.role),
          )
          .filter((o) => o.candidate.header.trim() !== "" && !o.candidate.inherited);
    const alternatives = rivals.map((o) => o.candidate.header.trim());
    const byContents = !chosen.fixed && s.header[chosen.role] === 0;
    const wordless = s.candidate.inherited || s.candidate.header.trim() === "";
    const weakWords = s.header[chosen.role] < SURE_HEADER;
    const unsure = !chosen.fixed && (alternatives.length > 0 || (!wordless && (byContents || weakWords)));
    return {
      column: s.candidate.column,
      role: chosen.role,
      score: chosen.score,
      alternatives,
      alternativeColumns: rivals.map((o) => o.candidate.column),
      byContents,
      unsure,
    };
  });
}

/** How surely a header must name a role, above every other, for its column to be that role's rival. */
const SURE_RIVAL = 0.85;

/**
 * Whether a header names `role` surely and above any other ("Status" for the status): a column so headed
 * that was left without a role is another candidate for the role, whatever its contents scored.
 */
function namesSurely(header: RoleScores, role: ColumnRole): boolean {
  return header[role] >= SURE_RIVAL && COLUMN_ROLES.every((r) => header[r] <= header[role]);
}

/** Period labels people put on repeated quarterly or monthly columns: "Q1", "Jul–Sep 2013", "2012/13", "June". */
const PERIOD_TEXT = new RegExp(
  [
    "\\bq[1-4]\\b",
    "\\bquarter [1-4]\\b",
    `\\b${MONTH}\\b`,
    "\\b(?:19|20)\\d\\d\\b",
    "\\b\\d{2}/\\d{2}\\b",
    "\\b(?:year|yr|month|period) ?\\d\\b",
  ].join("|"),
  "i",
);

/** Whether a header or group label names a period. */
export function looksLikePeriod(text: string): boolean {
  return text.length <= 40 && PERIOD_TEXT.test(text);
}

/**
 * A header without the words that name its role, as the period it qualifies: "Q1 update" → "Q1",
 * "RAG (Jul–Sep 2013)" → "Jul–Sep 2013"; "" when nothing is left.
 */
export function periodOfHeader(header: string, role: ColumnRole): string {
  const words: Partial<Record<ColumnRole, readonly string[]>> = {
    update: [
      "progress to date",
      "progress update",
      "latest update",
      "progress",
      "updates",
      "update",
      "commentary",
      "comments",
    ],
    status: ["rag status", "brag status", "rag rating", "r/a/g", "rag", "brag", "status", "rating"],
  };
  let rest = header.replace(/\s+/g, " ");
  for (const w of words[role] ?? []) {
    const at = rest.toLowerCase().indexOf(w);
    if (at < 0) continue;
    const before = rest.charAt(at - 1);
    const after = rest.charAt(at + w.length);
    if (/[a-z0-9]/i.test(before) || /[a-z0-9]/i.test(after)) continue;
    rest = `${rest.slice(0, at)} ${rest.slice(at + w.length)}`;
    break;
  }
  return rest
    .replace(/[()[\]:]/g, " ")
    .replace(/^[\s\-–—/,]+|[\s\-–—/,]+$/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The role a column of an earlier period plays in its group: what its header names, else a status
 * when most of its cells are statuses, else an update.
 */
export function periodColumnRole(
  header: string,
  values: ReadonlyArray<CellSnapshot | null>,
  clues: ContentClues,
): "update" | "status" {
  const h = roleScores(header);
  if (h.status >= 0.6 && h.status >= h.update) return "status";
  if (h.update >= 0.6) return "update";
  return statsOf(values, clues).statusShare >= 0.5 ? "status" : "update";
}
