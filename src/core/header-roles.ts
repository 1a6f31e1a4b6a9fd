/** Header words and the column roles they name. */
import type { ColumnRole } from "./plan-model";
import { foldText } from "./cell-text";
import { memoise } from "./memo";

/** Header words by role, folded (see foldText). Matching is case-, space- and punctuation-insensitive. */
export const ROLE_SYNONYMS: Readonly<Record<ColumnRole, readonly string[]>> = {
  ref: [
    "ref",
    "ref no",
    "reference",
    "no",
    "number",
    "#",
    "id",
    "action no",
    "action ref",
    "item",
    "item no",
  ],
  action: [
    "action",
    "actions",
    "recommendation",
    "recommendations",
    "data gap",
    "objective",
    "task",
    "description",
  ],
  lead: ["lead", "leads", "lead officer", "lead agency", "agency", "owner", "responsible", "lead partner"],
  update: ["update", "updates", "progress", "comments", "commentary", "latest update", "progress update"],
  status: ["status", "rag", "rag status", "brag", "brag status"],
  due: ["target date", "due", "due date", "deadline", "timescale", "timescales", "by when", "target"],
  theme: ["theme", "priority", "themes", "priorities"],
};

const ROLE_BY_WORDS: ReadonlyMap<string, ColumnRole> = new Map(
  (Object.entries(ROLE_SYNONYMS) as Array<[ColumnRole, readonly string[]]>).flatMap(([role, words]) =>
    words.map((w) => [w, role] as const),
  ),
);

/** Longer text is never a header; skip folding a 32,767-character cell. */
const MAX_HEADER_LENGTH = 40;

/**
 * The role a header names, or null. headerRole("Ref No.") === "ref"; headerRole("RAG (status)") ===
 * "status"; headerRole("Notes") === null.
 */
export function headerRole(text: string): ColumnRole | null {
  if (text.length > MAX_HEADER_LENGTH) return null;
  // No header word starts with a digit; refs and dates do, and there are thousands of them.
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57) return null;
  // Every short cell of every row is asked whether it is a header word; statuses, leads and dates repeat.
  return roleOfHeaderOnce(text);
}

function roleOfHeader(text: string): ColumnRole | null {
  const folded = foldText(text);
  if (folded === "") return null;
  const direct = ROLE_BY_WORDS.get(folded);
  if (direct) return direct;
  // "Status (RAG)", "Update (June 2011)": the words before the bracket name the role.
  const beforeBracket = foldText(text.replace(/\(.*$/s, ""));
  return beforeBracket !== "" ? (ROLE_BY_WORDS.get(beforeBracket) ?? null) : null;
}

const roleOfHeaderOnce = memoise(10_000, roleOfHeader);
