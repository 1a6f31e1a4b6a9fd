/**
 * Header words and the column roles they name, scored by tokens rather than matched as whole strings:
 * "Lead officer / agency", "RAG (status)", "Target date for completion", "R/A/G" and "Who?" all name a
 * role. Each header gets a score per role; the columns' contents then decide between candidates
 * (column-roles.ts).
 */
import type { ColumnRole } from "../basics/plan-model";
import { foldText } from "../basics/cell-text";
import { memoise } from "../basics/memo";

export const COLUMN_ROLES: readonly ColumnRole[] = [
  "ref",
  "action",
  "lead",
  "update",
  "status",
  "due",
  "theme",
];

/**
 * Header phrases by role, folded (see foldText), each with how surely it names the role (0–1). Drawn
 * from published UK community safety, crime reduction and council action plans and board papers.
 * A phrase weaker than 1 names a column that often is, but need not be, that role ("Objective" is
 * often a parent of the actions; "Notes" is sometimes where the progress goes).
 */
export const ROLE_PHRASES: Readonly<Record<ColumnRole, ReadonlyArray<readonly [string, number]>>> = {
  ref: [
    ["ref", 1],
    ["ref no", 1],
    ["ref number", 1],
    ["reference", 1],
    ["reference no", 1],
    ["no", 0.9],
    ["number", 0.9],
    ["#", 0.9],
    ["id", 0.9],
    ["action no", 1],
    ["action number", 1],
    ["action ref", 1],
    ["action id", 1],
    ["item", 0.8],
    ["item no", 1],
    ["rec no", 1],
    ["recommendation no", 1],
  ],
  action: [
    ["action", 1],
    ["actions", 1],
    ["action required", 1],
    ["actions required", 1],
    ["action to be taken", 1],
    ["actions to be taken", 1],
    ["key action", 1],
    ["key actions", 1],
    ["recommendation", 1],
    ["recommendations", 1],
    ["data gap", 1],
    ["task", 1],
    ["tasks", 1],
    ["activity", 0.95],
    ["activities", 0.95],
    ["what we will do", 1],
    ["what will we do", 1],
    ["what are we going to do", 1],
    ["what", 0.8],
    ["what needs to happen", 1],
    ["what needs to be done", 1],
    ["steps", 0.7],
    // A police-and-crime delivery plan lists its work as projects, each with an objective beside it.
    ["project", 0.9],
    ["projects", 0.9],
    ["intervention", 0.85],
    ["interventions", 0.85],
    ["objective", 0.6],
    ["objectives", 0.6],
    ["description", 0.7],
    ["deliverable", 0.7],
    ["deliverables", 0.7],
    ["milestone", 0.5],
    ["milestones", 0.5],
  ],
  lead: [
    ["lead", 1],
    ["leads", 1],
    ["lead officer", 1],
    ["lead officers", 1],
    ["lead agency", 1],
    ["lead agencies", 1],
    ["lead organisation", 1],
    ["lead partner", 1],
    ["lead person", 1],
    ["lead body", 1],
    ["lead responsibility", 1],
    ["delivery lead", 1],
    // "Action Lead" names the lead of the action, not the action: the last word is the head noun.
    ["action lead", 1],
    ["action leads", 1],
    ["lead director", 1],
    ["lead member", 1],
    ["delivered by", 0.9],
    ["ownership", 0.9],
    ["officer", 0.7],
    ["action owner", 1],
    ["owner", 1],
    ["owners", 1],
    ["responsible", 1],
    ["responsibility", 0.95],
    ["responsible officer", 1],
    ["responsible agency", 1],
    ["responsible person", 1],
    ["accountable", 0.9],
    ["agency", 0.9],
    ["who", 0.9],
    ["by whom", 1],
    ["who will do it", 1],
  ],
  update: [
    ["update", 1],
    ["updates", 1],
    ["progress", 1],
    ["progress update", 1],
    ["progress to date", 1],
    ["progress made", 1],
    ["progress report", 1],
    ["update on progress", 1],
    ["latest update", 1],
    ["latest position", 1],
    ["current position", 0.95],
    ["position", 0.8],
    ["commentary", 1],
    ["comments", 0.9],
    ["comment", 0.9],
    ["narrative", 0.85],
    ["status update", 0.9],
    // "Current Status of Action" beside an "R/A/G" column holds the commentary: a status header's
    // words name the update too, weakly, so a column of prose under them beside a column of ratings
    // is the update and the ratings the status (contents decide, one column per role).
    ["status", 0.5],
    ["current status", 0.7],
    ["how are we doing", 1],
    ["evidence of progress", 0.85],
    ["remarks", 0.6],
    ["notes", 0.45],
  ],
  status: [
    ["status", 1],
    ["rag", 1],
    ["r a g", 1],
    ["rag status", 1],
    ["rag rating", 1],
    ["brag", 1],
    ["b r a g", 1],
    ["brag status", 1],
    ["brag rating", 1],
    ["red amber green", 1],
    ["rating", 0.85],
    ["progress rating", 1],
    ["status rating", 1],
    ["overall status", 1],
    ["current status", 1],
    ["traffic light", 0.95],
    ["on track", 0.7],
  ],
  due: [
    ["due", 1],
    ["due date", 1],
    ["date due", 1],
    ["due by", 1],
    ["target date", 1],
    ["target completion date", 1],
    ["completion date", 1],
    ["date for completion", 1],
    ["expected completion", 0.9],
    ["deadline", 1],
    ["to be completed by", 1],
    ["date to be completed by", 1],
    ["completion target", 1],
    ["target completion", 1],
    ["milestone date", 0.9],
    ["timescale", 1],
    ["timescales", 1],
    ["timeframe", 1],
    ["time frame", 1],
    ["timeline", 0.9],
    ["by when", 1],
    ["when", 0.85],
    ["target", 0.75],
    ["end date", 0.8],
    ["date", 0.6],
    ["milestone", 0.4],
    ["milestones", 0.4],
  ],
  theme: [
    ["theme", 1],
    ["themes", 1],
    ["priority", 0.95],
    ["priorities", 0.95],
    ["priority area", 1],
    ["strategic priority", 1],
    ["workstream", 0.9],
    ["work stream", 0.9],
    ["strand", 0.85],
    ["category", 0.75],
  ],
};

/**
 * Header words that name a column which is none of the roles ("Key partners" are not the lead, "Outcome"
 * is not the action): such a column takes a role only from its header words, never from its contents.
 */
const OTHER_HEADER_WORDS: ReadonlySet<string> = new Set([
  "partners",
  // The lineage column a carry-over writes: where the action came from, never the action itself.
  "carried from",
  "key partners",
  "partner",
  "partner agencies",
  "supporting partners",
  "support",
  "supported by",
  "other agencies",
  "outcome",
  "outcomes",
  "expected outcome",
  "measure",
  "measures",
  "outcome measure",
  "success measure",
  "success measures",
  "measure of success",
  "performance measure",
  "performance measures",
  "kpi",
  "indicator",
  "indicators",
  "resources",
  "resource",
  "cost",
  "costs",
  "budget",
  "funding",
  "risk",
  "risks",
  "evidence",
  "output",
  "outputs",
  "impact",
  "links",
  "start date",
  "start",
  "baseline",
]);

export type RoleScores = Readonly<Record<ColumnRole, number>>;

/** Longer text is never a header; skip folding a 32,767-character cell. */
const MAX_HEADER_LENGTH = 60;

const PHRASES: ReadonlyArray<{ role: ColumnRole; phrase: string; weight: number; words: number }> =
  COLUMN_ROLES.flatMap((role) =>
    ROLE_PHRASES[role].map(([phrase, weight]) => ({
      role,
      phrase,
      weight,
      words: phrase.split(" ").length,
    })),
  );
const EXACT: ReadonlyMap<string, ReadonlyArray<{ role: ColumnRole; weight: number }>> = (() => {
  const out = new Map<string, Array<{ role: ColumnRole; weight: number }>>();
  for (const p of PHRASES) out.set(p.phrase, [...(out.get(p.phrase) ?? []), p]);
  return out;
})();

const ZERO: RoleScores = { ref: 0, action: 0, lead: 0, update: 0, status: 0, due: 0, theme: 0 };

/**
 * The pieces of a header: the whole, folded, then each part between / & , ( ) - : ; + or a line break.
 * headerSegments("Lead officer / agency") → ["lead officer agency", "lead officer", "agency"].
 */
export function headerSegments(text: string): string[] {
  const whole = foldHeader(text);
  const parts = text
    .replace(/\u00a0/g, " ")
    .split(/[/&,()\-–—:;+\r\n[\]]+/)
    .map(foldHeader)
    .filter((p) => p !== "");
  return [whole, ...parts.filter((p) => p !== whole)];
}

function foldHeader(text: string): string {
  // "Who?" and "By when?" keep their words; "R/A/G" folds to "r a g".
  return foldText(text.normalize("NFKC").replace(/\u00a0/g, " "));
}

/** Every word of the vocabulary: a cell with none of them names no role, found without scoring it. */
const VOCABULARY_WORDS: ReadonlySet<string> = new Set(PHRASES.flatMap((p) => p.phrase.split(" ")));

/** Words that make a header about another time: "Previous update", "Original target date". */
const NOT_CURRENT: ReadonlySet<string> = new Set(["previous", "prior", "original", "old", "superseded"]);

function scoreHeader(text: string): RoleScores {
  const words = foldHeader(text).split(" ");
  if (!words.some((w) => VOCABULARY_WORDS.has(w)) || words.some((w) => NOT_CURRENT.has(w))) return ZERO;
  const segments = headerSegments(text);
  const whole = segments[0] ?? "";
  if (whole === "") return ZERO;
  const scores: Record<ColumnRole, number> = { ...ZERO };
  const raise = (role: ColumnRole, value: number): void => {
    if (value > scores[role]) scores[role] = value;
  };
  for (const found of EXACT.get(whole) ?? []) raise(found.role, found.weight);
  segments.slice(1).forEach((segment, i) => {
    // The first part names the column ("Status (RAG)"); later parts qualify it ("Update (June 2011)").
    const factor = i === 0 ? 0.95 : 0.8;
    for (const found of EXACT.get(segment) ?? []) raise(found.role, found.weight * factor);
  });
  // A role phrase inside a longer header: "Name of lead officer", "Target date for completion".
  const wholeWords = whole.split(" ").length;
  const padded = ` ${whole} `;
  if (wholeWords > 6) return scores;
  for (const p of PHRASES) {
    if (p.words >= wholeWords || !padded.includes(` ${p.phrase} `)) continue;
    raise(p.role, p.weight * (0.55 + 0.3 * (p.words / wholeWords)));
  }
  return scores;
}

const scoreHeaderOnce = memoise(50_000, scoreHeader);

/** A header has a few words; a longer cell (an update, a sentence) is never asked about. */
const MAX_HEADER_WORDS = 8;

function tooLongForHeader(text: string): boolean {
  if (text.length > MAX_HEADER_LENGTH) return true;
  let spaces = 0;
  for (let i = 0; i < text.length; i++)
    if (text.charCodeAt(i) === 32 && ++spaces >= MAX_HEADER_WORDS) return true;
  return false;
}

/** Whether a header names a column that is none of the roles ("Key partners", "Outcome / measure"). */
export function isOtherHeader(text: string): boolean {
  return text.length <= MAX_HEADER_LENGTH && isOtherHeaderOnce(text);
}

/** Asked of every column of every table, and of sub-header cells: a plan repeats its headers. */
const isOtherHeaderOnce = memoise(5000, (text: string): boolean => {
  // "Previous update", "Original target date": a role's words about another time name a column that
  // is kept under its header, so its contents must not win it a role ("Previous update" as the action).
  const words = foldHeader(text).split(" ");
  if (words.some((w) => NOT_CURRENT.has(w)) && words.some((w) => VOCABULARY_WORDS.has(w))) return true;
  const segments = headerSegments(text);
  return segments.some((s) => OTHER_HEADER_WORDS.has(s)) && bestRole(roleScores(text))?.score !== 1;
});

/**
 * How surely a header names each role, 0–1. roleScores("Lead officer / agency").lead === 1;
 * roleScores("Notes").update === 0.45; every role is 0 for "Key partners".
 */
export function roleScores(text: string): RoleScores {
  if (tooLongForHeader(text)) return ZERO;
  // No header word starts with a digit; refs and dates do, and there are thousands of them.
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57) return ZERO;
  return scoreHeaderOnce(text);
}

/** The role a header names most surely, with its score, or null when it names none. */
export function bestRole(scores: RoleScores): { role: ColumnRole; score: number } | null {
  let best: { role: ColumnRole; score: number } | null = null;
  for (const role of COLUMN_ROLES) {
    if (scores[role] > 0 && (!best || scores[role] > best.score)) best = { role, score: scores[role] };
  }
  return best;
}

/** How sure a header must be of its role to count as a header word when finding header rows. */
export const HEADER_WORD_SCORE = 0.6;

/**
 * The role a header names, or null. headerRole("Ref No.") === "ref"; headerRole("RAG (status)") ===
 * "status"; headerRole("Lead officer / agency") === "lead"; headerRole("Key partners") === null.
 */
export function headerRole(text: string): ColumnRole | null {
  if (text.length > MAX_HEADER_LENGTH) return null;
  // No header word starts with a digit; refs and dates do, and there are thousands of them.
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57) return null;
  // Every short cell of every row is asked whether it is a header word; statuses, leads and dates repeat.
  return headerRoleOnce(text);
}

const headerRoleOnce = memoise(50_000, (text: string): ColumnRole | null => {
  if (tooLongForHeader(text)) return null;
  const best = bestRole(roleScores(text.trim()));
  return best !== null && best.score >= HEADER_WORD_SCORE ? best.role : null;
});
