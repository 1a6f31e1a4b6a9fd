/**
 * What a partner return carries so the merge knows what was sent: the plan's id (a defined name the
 * plan keeps), and per action the sheet, ref, a digest of the action text, and the status and update
 * as issued. It lives in a very hidden sheet of the return (listed nowhere in Excel's interface), and
 * is read back from a returned workbook's snapshot.
 */
import { STATUSES, type Status } from "../basics/plan-model";
import type { NamedRangeSnapshot, SheetSnapshot, WorkbookSnapshot } from "../basics/snapshot";
import { cellAt, cellText } from "../basics/cell-text";

/** The defined name holding the plan's id: a text constant, made when the plan first makes returns. */
export const PLAN_ID_NAME = "ActionPlanReturnsId";
/** The visible sheet of a return, where the lead reads and types. */
export const RETURN_SHEET = "Return";
/** The very hidden sheet holding the return's identity. */
export const RETURN_IDENTITY_SHEET = "ReturnIdentity";
/** The name over the identity sheet's status list, the source of the New status dropdown. */
export const RETURN_STATUSES_NAME = "ReturnStatuses";
/** Names this version of the identity layout; a later layout changes it. */
export const RETURN_FORMAT = "action-plan-return/1";

const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;

/**
 * A 64-bit FNV-1a digest of text (as 16 hex digits), over its UTF-16 code units, with line endings
 * made "\n" first (a workbook saved elsewhere may hold "\r\n"). It spots an edited action, not an
 * attacker: the return is not a security boundary.
 *   textDigest("Reduce ASB") === textDigest("Reduce ASB"); textDigest("a") !== textDigest("b")
 */
export function textDigest(text: string): string {
  const t = text.replace(/\r\n?/g, "\n");
  let hash = FNV64_OFFSET;
  for (let i = 0; i < t.length; i++) {
    const unit = t.charCodeAt(i);
    hash = ((hash ^ BigInt(unit & 0xff)) * FNV64_PRIME) & MASK64;
    hash = ((hash ^ BigInt(unit >> 8)) * FNV64_PRIME) & MASK64;
  }
  return hash.toString(16).padStart(16, "0");
}

/** The plan's id from its defined name ('="3f2a…"'), or null when the plan has never made returns. */
export function planIdOf(names: readonly NamedRangeSnapshot[]): string | null {
  const name = names.find((n) => n.name.toLowerCase() === PLAN_ID_NAME.toLowerCase());
  const match = name ? /^=?\s*"((?:[^"]|"")*)"\s*$/.exec(name.formula) : null;
  const id = match?.[1]?.replace(/""/g, '"') ?? "";
  return id === "" ? null : id;
}

/** The status as a return writes it ("" for none), and back. */
export function statusWord(status: Status | null): string {
  return status ?? "";
}

/** A status word of the list, matched without regard to case or spaces at the ends; null otherwise. */
export function listedStatus(text: string): Status | null {
  const folded = text.trim().toLowerCase();
  return STATUSES.find((s) => s.toLowerCase() === folded) ?? null;
}

/** The fields of the identity sheet's first block, in order: label in column A, value in column B. */
export const IDENTITY_FIELDS = {
  format: "Format",
  planId: "Plan id",
  planName: "Plan",
  partnership: "Partnership",
  lead: "Lead",
  leadName: "Lead name",
  period: "Period",
  made: "Made",
} as const;

/** The header of the identity sheet's action block (row IDENTITY_ACTIONS_HEADER_ROW). */
export const IDENTITY_ACTION_HEADERS = [
  "Return row",
  "Sheet",
  "Ref",
  "Action digest",
  "Status as sent",
  "Update as sent",
] as const;
export const IDENTITY_ACTIONS_HEADER_ROW = 10;
/** Column of the status list (the dropdown's source) on the identity sheet. */
export const IDENTITY_STATUS_COLUMN = 7;

/** One action as sent. */
export interface IssuedAction {
  /** 0-based row of the action on the Return sheet. */
  readonly returnRow: number;
  readonly sheet: string;
  /** "" when the action has no ref (then the digest finds it). */
  readonly ref: string;
  readonly digest: string;
  readonly status: Status | null;
  readonly update: string;
}

export interface ReturnIdentity {
  readonly format: string;
  readonly planId: string;
  readonly planName: string;
  readonly partnership: string;
  readonly lead: string;
  readonly leadName: string;
  readonly period: string;
  readonly made: string;
  readonly actions: readonly IssuedAction[];
}

/**
 * The text a lead put in a cell, exactly: a formula's own text when the cell became one ("=cmd|…"
 * typed into Excel turns into a formula; it is still what they typed), else a text value as it is,
 * else what the cell shows.
 */
export function typedText(sheet: SheetSnapshot, row: number, column: number): string {
  const cell = cellAt(sheet, row, column);
  if (cell === null) return "";
  if (cell.formula !== null) return cell.formula;
  if (typeof cell.value === "string") return cell.value;
  return cellText(cell);
}

/** Why a workbook's identity cannot be trusted (the words are the rule "returns/not-a-return"'s). */
export type IdentityRefusal =
  | { readonly why: "no-sheets"; readonly returnSheet: string; readonly identitySheet: string }
  | { readonly why: "format"; readonly found: string; readonly expected: string }
  | { readonly why: "actions-changed" };

/** Why a workbook's identity could not be read: it is not a return, or not one this version made. */
export type IdentityReading =
  { readonly identity: ReturnIdentity } | { readonly refused: IdentityRefusal; readonly cell: string };

/**
 * The identity a returned workbook carries, or why it has none a merge can trust.
 *   readReturnIdentity(snapshot) → { identity: { planId: "3f2a…", lead: "TA", actions: [...] } }
 */
export function readReturnIdentity(snapshot: WorkbookSnapshot): IdentityReading {
  const sheet = snapshot.sheets.find((s) => s.name === RETURN_IDENTITY_SHEET);
  if (sheet === undefined || !snapshot.sheets.some((s) => s.name === RETURN_SHEET)) {
    return {
      refused: { why: "no-sheets", returnSheet: RETURN_SHEET, identitySheet: RETURN_IDENTITY_SHEET },
      cell: "",
    };
  }
  const fields = new Map<string, string>();
  for (let row = 0; row < IDENTITY_ACTIONS_HEADER_ROW; row++) {
    const label = typedText(sheet, row, 0);
    if (label !== "") fields.set(label, typedText(sheet, row, 1));
  }
  const field = (key: keyof typeof IDENTITY_FIELDS): string => fields.get(IDENTITY_FIELDS[key]) ?? "";
  if (field("format") !== RETURN_FORMAT) {
    return {
      refused: { why: "format", found: field("format"), expected: RETURN_FORMAT },
      cell: "B2",
    };
  }
  const header = IDENTITY_ACTION_HEADERS.map((_, c) => typedText(sheet, IDENTITY_ACTIONS_HEADER_ROW, c));
  if (header.join("|") !== IDENTITY_ACTION_HEADERS.join("|")) {
    return { refused: { why: "actions-changed" }, cell: `A${IDENTITY_ACTIONS_HEADER_ROW + 1}` };
  }
  const actions: IssuedAction[] = [];
  for (let row = IDENTITY_ACTIONS_HEADER_ROW + 1; row < sheet.cells.length; row++) {
    const returnRow = cellAt(sheet, row, 0)?.value;
    if (returnRow === null || returnRow === undefined || returnRow === "") break;
    const status = typedText(sheet, row, 4);
    if (typeof returnRow !== "number" || !Number.isInteger(returnRow) || returnRow < 1) {
      return { refused: { why: "actions-changed" }, cell: `A${row + 1}` };
    }
    actions.push({
      returnRow: returnRow - 1,
      sheet: typedText(sheet, row, 1),
      ref: typedText(sheet, row, 2),
      digest: typedText(sheet, row, 3),
      status: status === "" ? null : listedStatus(status),
      update: typedText(sheet, row, 5),
    });
  }
  return {
    identity: {
      format: field("format"),
      planId: field("planId"),
      planName: field("planName"),
      partnership: field("partnership"),
      lead: field("lead"),
      leadName: field("leadName"),
      period: field("period"),
      made: field("made"),
      actions,
    },
  };
}
