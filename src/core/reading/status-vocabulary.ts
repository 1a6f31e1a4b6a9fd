/**
 * The words a workbook uses for statuses, typed in a status cell or written in a status key.
 *
 * Which words are statuses at all: a RAG (or BRAG) status is a judgement of whether an action will be
 * delivered, so "On track", "At risk", "Off track", "Delayed", "Achieved", "Closed" and "Not due yet"
 * are statuses; "Ongoing", "In progress", "TBC", "On hold" and "N/A" say nothing about delivery and stay
 * a problem on their cell, for a person to decide, rather than a guess. So do the words for an action
 * taken off the plan: "Superseded" (replaced by another action, whose own status is what counts),
 * "Withdrawn", "Cancelled", "Deferred", "No longer required": none says it was delivered, so none is
 * Complete, and none is a judgement of delivery to colour Red, Amber or Green. "Under control" is
 * amber in one council's scheme and reassurance in others': a key line on the sheet decides it.
 */
import type { Status } from "../basics/plan-model";
import { foldText } from "../basics/cell-text";
import { memoise } from "../basics/memo";

/** Whole-cell words and letters: a letter alone is a status only when it is the whole cell. */
const TYPED_STATUS: ReadonlyMap<string, Status> = new Map<string, Status>([
  ["r", "Red"],
  ["a", "Amber"],
  ["g", "Green"],
  ["c", "Complete"],
  ["b", "Complete"],
  ["ns", "Not started"],
  ["rag red", "Red"],
  ["rag amber", "Amber"],
  ["rag green", "Green"],
]);

/**
 * Phrases, folded, with the status each means. Used for status cells (every phrase found must agree)
 * and for a key's words (the first phrase wins: "Significant problems / not started" is Red).
 */
const PHRASES: ReadonlyArray<readonly [string, Status]> = [
  ["red", "Red"],
  ["off track", "Red"],
  ["off target", "Red"],
  ["not on track", "Red"],
  ["not on target", "Red"],
  ["significant problems", "Red"],
  ["significant problem", "Red"],
  ["significant issues", "Red"],
  ["significant concerns", "Red"],
  ["serious concerns", "Red"],
  ["major issues", "Red"],
  ["not achieved", "Red"],
  ["will not be delivered", "Red"],
  ["will not be achieved", "Red"],
  ["unlikely to be achieved", "Red"],
  ["unlikely to be met", "Red"],
  ["significantly delayed", "Red"],
  ["severely delayed", "Red"],
  ["failed", "Red"],
  // Year-end wording of the same judgement as "not achieved".
  ["not met", "Red"],
  // Past its due date and not done: the plans that use it use it as their red.
  ["overdue", "Red"],
  ["major delay", "Red"],
  ["major slippage", "Red"],
  ["significant slippage", "Red"],
  // Traffic-light keys grade progress: good is green, some or limited is amber, none, poor or
  // insufficient is red (the Sustainable Development Commission's key, and delivery plans after it).
  ["no progress", "Red"],
  ["poor progress", "Red"],
  ["insufficient progress", "Red"],
  ["amber", "Amber"],
  ["yellow", "Amber"],
  ["orange", "Amber"],
  ["at risk", "Amber"],
  ["some slippage", "Amber"],
  ["minor slippage", "Amber"],
  ["slippage", "Amber"],
  ["slipping", "Amber"],
  ["some delay", "Amber"],
  ["delayed", "Amber"],
  ["behind schedule", "Amber"],
  ["some concerns", "Amber"],
  ["minor issues", "Amber"],
  ["some issues", "Amber"],
  ["minor delay", "Amber"],
  ["lagging", "Amber"],
  ["some progress", "Amber"],
  ["limited progress", "Amber"],
  // Partly delivered is not delivered: the rest is behind, so these are amber, never complete (the
  // longer phrase is found before "achieved" and "complete" inside it).
  ["partially achieved", "Amber"],
  ["partly achieved", "Amber"],
  ["partially met", "Amber"],
  ["partially complete", "Amber"],
  ["partially completed", "Amber"],
  ["green", "Green"],
  ["on track", "Green"],
  ["on target", "Green"],
  ["on schedule", "Green"],
  ["good progress", "Green"],
  ["progressing well", "Green"],
  ["excellent progress", "Green"],
  // Ahead is on track and more; it is not yet complete.
  ["ahead of schedule", "Green"],
  ["ahead of target", "Green"],
  ["complete", "Complete"],
  ["completed", "Complete"],
  ["achieved", "Complete"],
  ["fully achieved", "Complete"],
  ["done", "Complete"],
  ["delivered", "Complete"],
  ["closed", "Complete"],
  ["finished", "Complete"],
  ["signed off", "Complete"],
  ["blue", "Complete"],
  ["purple", "Complete"],
  ["not started", "Not started"],
  ["not yet started", "Not started"],
  ["yet to start", "Not started"],
  ["not yet commenced", "Not started"],
  ["not commenced", "Not started"],
  ["not due", "Not started"],
  ["not due yet", "Not started"],
  ["not yet due", "Not started"],
  ["grey", "Not started"],
  ["gray", "Not started"],
];

/**
 * Longest first, so "not on track" is found before "on track" and "not achieved" before "achieved";
 * each phrase with a space either side, as it is looked for in padded text, made once.
 */
const BY_LENGTH: ReadonlyArray<readonly [string, Status, string]> = [...PHRASES]
  .sort((a, b) => b[0].length - a[0].length)
  .map(([phrase, status]) => [phrase, status, ` ${phrase} `]);
const EXACT: ReadonlyMap<string, Status> = new Map(PHRASES);

interface Found {
  readonly at: number;
  readonly status: Status;
  /** Negated or hedged by the words before it ("not complete", "nearly done", "to be completed"). */
  readonly qualified: boolean;
}

/** Every word of every phrase: text with none of them names no status, and is passed over at once. */
const PHRASE_WORDS: ReadonlySet<string> = new Set(PHRASES.flatMap(([p]) => p.split(" ")));

/**
 * Words that, just before a status phrase, say the action is not (or not yet, or not quite) in that
 * status: a negation ("not complete", "no slippage", "not red"), a hedge ("nearly complete", "almost
 * done", "largely achieved"), a future or a wish ("to be completed", "yet to be delivered", "expected
 * to be on track", "awaiting sign off"), or the past ("was red"). A phrase of the vocabulary that holds
 * its own negation ("not started", "not on track", "not achieved") is one phrase, found whole first,
 * and is not qualified by its own "not".
 */
const QUALIFIERS: ReadonlySet<string> = new Set([
  "not",
  "not yet",
  "not at all",
  "no",
  "non",
  "never",
  "nor",
  "no longer",
  "cannot",
  "can t",
  "won t",
  "isn t",
  "wasn t",
  "hasn t",
  "haven t",
  "aren t",
  "weren t",
  "didn t",
  "don t",
  "doesn t",
  "nearly",
  "almost",
  "near",
  "close to",
  "approaching",
  "largely",
  "mostly",
  "substantially",
  "virtually",
  "practically",
  "broadly",
  "partly",
  "partially",
  "part",
  "to be",
  "yet to",
  "awaiting",
  "pending",
  "expected to",
  "expect to",
  "expecting to",
  "hope to",
  "hoping to",
  "aim to",
  "aiming to",
  "plan to",
  "planned to",
  "planning to",
  "scheduled to",
  "set to",
  "going to",
  "about to",
  "likely to",
  "will",
  "should",
  "would",
  "could",
  "might",
  "once",
  "if",
  "unless",
  "until",
  "was",
  "were",
  "previously",
  "formerly",
  "towards",
  "toward",
  "working towards",
  "subject to",
  "need to",
  "needs to",
  "needed to",
]);

/**
 * A future before a word of completion: "due to complete Q3", "on track to complete". Before other
 * statuses "due to" is "because of" ("Amber due to slippage") and "to" a change ("moved to red").
 */
const BEFORE_COMPLETION: ReadonlySet<string> = new Set(["to", "due to"]);

/** Words of degree that may stand between a qualifier and its phrase: "not yet fully complete". */
const DEGREE_WORDS: ReadonlySet<string> = new Set([
  "yet",
  "fully",
  "quite",
  "all",
  "entirely",
  "totally",
  "completely",
  "wholly",
  "100",
  "really",
  "be",
  "been",
  "being",
  "still",
  "currently",
  "now",
  "formally",
  "officially",
  "actually",
]);

/**
 * Words anywhere in the cell that say a completion is not final: "Complete - awaiting sign off",
 * "Closed (pending evaluation)", "Done subject to audit", "Complete TBC". Complete means done and
 * signed off; for Red, Amber or Green such words are only commentary ("Amber - pending funding").
 */
const COMPLETION_CAVEATS: readonly string[] = [
  " awaiting ",
  " pending ",
  " subject to ",
  " tbc ",
  " to be confirmed ",
  " unconfirmed ",
  " provisional ",
  " provisionally ",
  " partly ",
  " partially ",
];

/** Whether the words before a phrase (folded, in order) negate or hedge it. */
function isQualified(padded: string, at: number, status: Status): boolean {
  // Only the few words before the phrase matter: a qualifier, then at most three words of degree.
  const before = padded
    .slice(Math.max(0, at - 60), at)
    .trim()
    .split(" ");
  if (at - 60 > 0) before.shift();
  let end = before.length;
  for (let skipped = 0; ; skipped++) {
    for (let n = 1; n <= 3 && n <= end; n++) {
      const words = before.slice(end - n, end).join(" ");
      if (QUALIFIERS.has(words) || (status === "Complete" && BEFORE_COMPLETION.has(words))) return true;
    }
    if (skipped === 3 || end === 0 || !DEGREE_WORDS.has(before[end - 1] ?? "")) return false;
    end--;
  }
}

/**
 * The status phrases in folded text, each where it starts and whether it is qualified; overlapping
 * shorter phrases are left out.
 */
function phrasesIn(folded: string): Found[] {
  if (!folded.split(" ").some((w) => PHRASE_WORDS.has(w))) return [];
  const padded = ` ${folded} `;
  const taken: Array<readonly [number, number]> = [];
  const out: Found[] = [];
  let caveated: boolean | null = null;
  for (const [phrase, status, spaced] of BY_LENGTH) {
    let from = 0;
    for (;;) {
      const at = padded.indexOf(spaced, from);
      if (at < 0) break;
      from = at + 1;
      const end = at + phrase.length + 1;
      if (taken.some(([s, e]) => at < e && s < end)) continue;
      taken.push([at, end]);
      if (status === "Complete") caveated ??= COMPLETION_CAVEATS.some((c) => padded.includes(c));
      const qualified = (status === "Complete" && caveated === true) || isQualified(padded, at, status);
      out.push({ at, status, qualified });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/**
 * The status a typed status cell means, or null when the text is not a status ("TBC", "Ongoing"),
 * names two ("Amber/Green"), asks ("Complete?") or only negates or hedges one ("Not complete",
 * "Nearly done", "To be completed"): the caller reports it, never guesses. A cell holding a qualified
 * phrase is not read even beside a plain one ("Amber - not yet complete", "Complete - not yet signed
 * off"): Apply schema would write the plain status over the words, and the cell says more than it.
 * statusFromText("Red ") === "Red"; statusFromText("A") === "Amber"; statusFromText("Green - on track")
 * === "Green"; statusFromText("Not complete") === null.
 */
export function statusFromText(text: string): Status | null {
  if (text.length > 60 || text.includes("?")) return null;
  return statusOfFolded(foldText(text));
}

/** Status cells repeat a few words on every row, and content sampling asks of every short cell. */
const statusOfFolded = memoise(5000, (folded: string): Status | null => {
  if (folded === "") return null;
  const whole = TYPED_STATUS.get(folded) ?? EXACT.get(folded);
  if (whole) return whole;
  const found = phrasesIn(folded);
  const first = found[0];
  if (!first || found.some((f) => f.qualified || f.status !== first.status)) return null;
  return first.status;
});

/** What a key's words say: the status they mean, else the status they negate or hedge, if any. */
interface KeyMeaning {
  readonly status: Status | null;
  readonly qualified: Status | null;
  /** Every status the words name plainly, the first of them `status`. */
  readonly named: readonly Status[];
}

const NO_MEANING: KeyMeaning = { status: null, qualified: null, named: [] };

/**
 * The status a key's words mean: the phrase that comes first in the text wins, so
 * "Significant problems / not started" is Red; a negated or hedged phrase is passed over, so
 * "A = not yet complete" does not make A mean Complete. statusFromKeyWords("On track") === "Green";
 * statusFromKeyWords("Not yet complete") === null; statusFromKeyWords("Lunch") === null.
 */
export function statusFromKeyWords(words: string): Status | null {
  return keyMeaning(words).status;
}

function keyMeaning(words: string): KeyMeaning {
  if (words.length > 200) return NO_MEANING;
  // A meaning that asks ("Blue = complete?") defines nothing.
  const said = statusFromKeyWordsFolded(foldText(words));
  if (words.includes("?")) return { status: null, qualified: said.status ?? said.qualified, named: [] };
  return said;
}

/** Every sheet's key repeats the same few meanings, read again on every read. */
const statusFromKeyWordsFolded = memoise(5000, (folded: string): KeyMeaning => {
  const typed = TYPED_STATUS.get(folded);
  if (typed) return { status: typed, qualified: null, named: [typed] };
  const found = phrasesIn(folded);
  const named = found.filter((f) => !f.qualified).map((f) => f.status);
  const plain = named[0];
  if (plain) return { status: plain, qualified: null, named };
  return found[0] ? { status: null, qualified: found[0].status, named } : NO_MEANING;
});

/**
 * One entry of a written key: the token as typed in status cells ("R", "P") and what it means; a
 * status of null when the key gives the token a meaning that is no status the reader can read
 * ("C = not yet complete": C is then not Complete on that sheet, but a status to be reported).
 */
export interface StatusWord {
  readonly token: string;
  readonly status: Status | null;
  readonly meaning: string;
}

/**
 * What a key entry makes its token mean: the status its meaning names, or the token's own when the
 * meaning names that one too ("Amber - not on track or at risk" keeps Amber Amber, though "not on
 * track" alone would be Red: the words describe the token, they do not move it); else, when
 * `readToken`, the token's own ("R – whatever" is Red); null when the meaning negates or hedges the
 * very status the token would be read as ("C = not yet complete"); undefined when the entry defines
 * nothing.
 * statusOfKeyEntry("A", "not yet complete", true) === "Amber" (A is not made Complete);
 * statusOfKeyEntry("C", "not yet complete", true) === null;
 * statusOfKeyEntry("Amber", "not on track or at risk", true) === "Amber".
 */
export function statusOfKeyEntry(
  token: string,
  meaning: string,
  readToken: boolean,
): Status | null | undefined {
  const said = keyMeaning(meaning);
  const own = statusFromKeyWords(token);
  if (said.status !== null) return own !== null && said.named.includes(own) ? own : said.status;
  if (said.qualified !== null && own === said.qualified) return null;
  return readToken && own !== null ? own : undefined;
}

const KEY_PIECE = /^\s*([^-–—=:]{1,30}?)\s*(?:[-–—=:]|\bis\b|\bmeans\b)\s*(.+?)\s*$/s;

/**
 * The entries of a key written as text: "R – off track, A – at risk, G = on track; B: complete" →
 * [{ token: "R", status: "Red", … }, …]. A piece whose meaning names no status is left out; one whose
 * meaning negates its token's status is kept with a status of null ("C = not yet complete").
 */
export function statusWordsOfKeyText(text: string): StatusWord[] {
  if (text.length > 2000) return [];
  const out: StatusWord[] = [];
  // A comma may sit inside a meaning ("P = progressing, on track"): a chunk that opens no entry of
  // its own belongs to the entry before it.
  const pieces: string[] = [];
  for (const line of text.split(/[;|\r\n]+/)) {
    for (const chunk of line.split(",")) {
      const last = pieces.length - 1;
      if (!KEY_PIECE.test(chunk) && last >= 0) pieces[last] = `${pieces[last] ?? ""},${chunk}`;
      else pieces.push(chunk);
    }
  }
  for (const piece of pieces) {
    const m = KEY_PIECE.exec(piece);
    if (!m?.[1] || !m[2]) continue;
    const token = m[1].trim();
    const status = statusOfKeyEntry(token, m[2], true);
    if (status !== undefined && token !== "") out.push({ token, status, meaning: m[2].trim() });
  }
  return out;
}

/**
 * A status cell's text as the key defines it, else as the vocabulary reads it; null for text that
 * asks ("G?") or that the key defines as no status.
 */
export function statusFromTextWithKey(text: string, key: ReadonlyMap<string, Status | null>): Status | null {
  if (text.length > 60 || text.includes("?")) return null;
  const folded = foldText(text);
  const defined = key.get(folded);
  return defined !== undefined ? defined : statusOfFolded(folded);
}

/**
 * Words people type in a status cell that are not statuses ("TBC", "Ongoing", "On hold", "N/A"), folded:
 * no status of their own (statusFromText gives null), but a status column's kind of word, so a row
 * holding one under the status column reads as an action's row, never as a header.
 */
const STATUS_LIKE_WORDS: ReadonlySet<string> = new Set([
  "tbc",
  "tba",
  "tbd",
  "n a",
  "na",
  "not applicable",
  "ongoing",
  "on going",
  "in progress",
  "progressing",
  "on hold",
  "paused",
  "open",
  "pending",
  "started",
  "under review",
  "in hand",
  "under control",
  "superseded",
  "withdrawn",
  "cancelled",
  "canceled",
  "deferred",
  "no longer required",
  "not required",
]);

/** Whether a cell's text is a status or a word typed in status cells: isStatusLike("TBC") === true. */
export function isStatusLike(text: string): boolean {
  if (text.length > 30) return false;
  return statusFromText(text) !== null || STATUS_LIKE_WORDS.has(foldText(text));
}
