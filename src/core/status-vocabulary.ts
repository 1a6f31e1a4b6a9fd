/** The words a workbook uses for statuses, typed in a status cell or written in a colour key. */
import type { Status } from "./plan-model";
import { foldText } from "./cell-text";

const TYPED_STATUS: ReadonlyMap<string, Status> = new Map<string, Status>([
  ["red", "Red"],
  ["r", "Red"],
  ["amber", "Amber"],
  ["a", "Amber"],
  ["green", "Green"],
  ["g", "Green"],
  ["complete", "Complete"],
  ["completed", "Complete"],
  ["c", "Complete"],
  ["done", "Complete"],
  ["blue", "Complete"],
  ["b", "Complete"],
  ["not started", "Not started"],
  ["ns", "Not started"],
  ["grey", "Not started"],
  ["gray", "Not started"],
]);

/**
 * The status a typed status cell means, or null when the text is not a status ("TBC"): the caller
 * reports it, never guesses. statusFromText("Red ") === "Red"; statusFromText("A") === "Amber".
 */
export function statusFromText(text: string): Status | null {
  if (text.length > 40) return null;
  return TYPED_STATUS.get(foldText(text)) ?? null;
}

/** Phrases a colour key uses, folded, with the status each means. */
const KEY_PHRASES: ReadonlyArray<readonly [string, Status]> = [
  ["not yet started", "Not started"],
  ["not started", "Not started"],
  ["significant problems", "Red"],
  ["significant problem", "Red"],
  ["off track", "Red"],
  ["not achieved", "Red"],
  ["will not be delivered", "Red"],
  ["some slippage", "Amber"],
  ["slippage", "Amber"],
  ["at risk", "Amber"],
  ["on track", "Green"],
  ["on target", "Green"],
  ["complete", "Complete"],
  ["completed", "Complete"],
  ["achieved", "Complete"],
  ["done", "Complete"],
  ["red", "Red"],
  ["amber", "Amber"],
  ["green", "Green"],
  ["blue", "Complete"],
  ["grey", "Not started"],
  ["gray", "Not started"],
];

/**
 * The status a colour key's words mean: the phrase that comes first in the text wins, so
 * "Significant problems / not started" is Red. statusFromKeyWords("On track") === "Green";
 * statusFromKeyWords("Lunch") === null.
 */
export function statusFromKeyWords(words: string): Status | null {
  if (words.length > 200) return null;
  const folded = ` ${foldText(words)} `;
  let best: { at: number; length: number; status: Status } | null = null;
  for (const [phrase, status] of KEY_PHRASES) {
    const at = folded.indexOf(` ${phrase} `);
    if (at < 0) continue;
    if (!best || at < best.at || (at === best.at && phrase.length > best.length)) {
      best = { at, length: phrase.length, status };
    }
  }
  return best?.status ?? null;
}
