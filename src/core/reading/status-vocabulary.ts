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
}

/** Every word of every phrase: text with none of them names no status, and is passed over at once. */
const PHRASE_WORDS: ReadonlySet<string> = new Set(PHRASES.flatMap(([p]) => p.split(" ")));

/** The status phrases in folded text, each where it starts; overlapping shorter phrases are left out. */
function phrasesIn(folded: string): Found[] {
  if (!folded.split(" ").some((w) => PHRASE_WORDS.has(w))) return [];
  const padded = ` ${folded} `;
  const taken: Array<readonly [number, number]> = [];
  const out: Found[] = [];
  for (const [phrase, status, spaced] of BY_LENGTH) {
    let from = 0;
    for (;;) {
      const at = padded.indexOf(spaced, from);
      if (at < 0) break;
      from = at + 1;
      const end = at + phrase.length + 1;
      if (taken.some(([s, e]) => at < e && s < end)) continue;
      taken.push([at, end]);
      out.push({ at, status });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/**
 * The status a typed status cell means, or null when the text is not a status ("TBC", "Ongoing") or
 * names two ("Amber/Green"): the caller reports it, never guesses. statusFromText("Red ") === "Red";
 * statusFromText("A") === "Amber"; statusFromText("Green - on track") === "Green".
 */
export function statusFromText(text: string): Status | null {
  if (text.length > 60) return null;
  return statusOfFolded(foldText(text));
}

/** Status cells repeat a few words on every row, and content sampling asks of every short cell. */
const statusOfFolded = memoise(5000, (folded: string): Status | null => {
  if (folded === "") return null;
  const whole = TYPED_STATUS.get(folded) ?? EXACT.get(folded);
  if (whole) return whole;
  const found = phrasesIn(folded);
  const first = found[0];
  if (!first || found.some((f) => f.status !== first.status)) return null;
  return first.status;
});

/**
 * The status a key's words mean: the phrase that comes first in the text wins, so
 * "Significant problems / not started" is Red. statusFromKeyWords("On track") === "Green";
 * statusFromKeyWords("Lunch") === null.
 */
export function statusFromKeyWords(words: string): Status | null {
  if (words.length > 200) return null;
  return keyWordsStatus(foldText(words));
}

/** Every sheet's key repeats the same few meanings, read again on every read. */
const keyWordsStatus = memoise(
  5000,
  (folded: string): Status | null => TYPED_STATUS.get(folded) ?? phrasesIn(folded)[0]?.status ?? null,
);

/** One entry of a written key: the token as typed in status cells ("R", "P") and what it means. */
export interface StatusWord {
  readonly token: string;
  readonly status: Status;
  readonly meaning: string;
}

const KEY_PIECE = /^\s*([^-–—=:]{1,30}?)\s*(?:[-–—=:]|\bis\b|\bmeans\b)\s*(.+?)\s*$/s;

/**
 * The entries of a key written as text: "R – off track, A – at risk, G = on track; B: complete" →
 * [{ token: "R", status: "Red", … }, …]. A piece whose meaning names no status is left out.
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
    const status = statusFromKeyWords(m[2]) ?? statusFromKeyWords(token);
    if (status !== null && token !== "") out.push({ token, status, meaning: m[2].trim() });
  }
  return out;
}

/** A status cell's text as the key defines it, else as the vocabulary reads it. */
export function statusFromTextWithKey(text: string, key: ReadonlyMap<string, Status>): Status | null {
  if (text.length > 60) return null;
  const folded = foldText(text);
  return key.get(folded) ?? statusOfFolded(folded);
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
