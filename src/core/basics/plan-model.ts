/** The plan model: what the reader finds in a workbook snapshot. */
import type { GridRange } from "./snapshot";
import type { Problem } from "./problem";

export const STATUSES = ["Red", "Amber", "Green", "Complete", "Not started"] as const;
export type Status = (typeof STATUSES)[number];

export type ColumnRole = "ref" | "action" | "lead" | "update" | "status" | "due" | "theme";

export interface TableColumn {
  /** 0-based sheet column. */
  readonly column: number;
  /** The header as the user typed it (for a column under a merged header, the merged text). */
  readonly header: string;
  /** The role the reader gave it, or null for a column kept by its header ("extra"). */
  readonly role: ColumnRole | null;
  /**
   * For a column of a repeated period group (a progress and a rating per quarter, month or year): the
   * period's label and the column's part in it. Groups run oldest to newest, left to right.
   */
  readonly period?: { readonly label: string; readonly role: "update" | "status" };
}

export interface ActionTable {
  /** Stable within one snapshot: "<sheet>!<header address>", e.g. "1 ASB!A10". */
  readonly id: string;
  readonly sheet: string;
  /** 0-based row of the (first) header row. */
  readonly headerRow: number;
  /** Header rows repeated further down (after page breaks), 0-based. */
  readonly repeatedHeaderRows: readonly number[];
  /** Blank rows inside the table's footprint, 0-based. */
  readonly blankRows: readonly number[];
  /** Header row to last action row, first to last column. */
  readonly range: GridRange;
  /** In sheet-column order; only the columns inside `range`. */
  readonly columns: readonly TableColumn[];
  /** Where statuses come from: typed text, fill colours only, or no status column. */
  readonly statusSource: "text" | "fill" | "none";
  /** The name of the ListObject when the table already is one. */
  readonly listObjectName: string | null;
  /** A title found above the table ("1. ANTI SOCIAL BEHAVIOUR ACTION PLAN"), else null. */
  readonly title: string | null;
  /**
   * The period the table covers ("2009", "2010-11", "Q2 2012-13"), from its sheet name, its title or
   * what the workbook records; null when none is found (the summary then counts the table whatever
   * period is chosen).
   */
  readonly period: string | null;
}

/** One period's reading of an action: from quarterly columns in the plan, or the Status history sheet. */
export interface StatusRecord {
  /** The period's label as the workbook gives it ("Q1 2012-13", "Jul–Sep 2013"). */
  readonly period: string;
  readonly status: Status | null;
  readonly update: string;
}

/**
 * How an action's status moved since the previous period (README: direction of travel), or null when
 * it has no earlier period to compare with.
 */
export type Direction = "improved" | "worsened" | "unchanged" | "new";

export interface Action {
  readonly tableId: string;
  readonly sheet: string;
  /** 0-based row of the action. */
  readonly row: number;
  /** Address of the row's first cell in the table ("A11"). */
  readonly cell: string;
  /** The ref as displayed ("3.10", "IV"), or null when the table has no ref column or it is blank. */
  readonly ref: string | null;
  /** Action text, line breaks kept. */
  readonly action: string;
  /** The lead cell's text, or null when blank. */
  readonly lead: string | null;
  /** Register codes when every part of the lead is a known code ("TA & CS" → ["TA","CS"]), else [lead] or []. */
  readonly leads: readonly string[];
  /** Update text, "" when blank. */
  readonly update: string;
  /** Normalised status, or null when none is set or it could not be read (then a Problem names the cell). */
  readonly status: Status | null;
  /** The status cell's text as typed ("Red ", "A"), or null when blank. */
  readonly statusText: string | null;
  /** True when the status came from a fill colour only. */
  readonly statusFromFill: boolean;
  /**
   * True when that fill was the reader's guess: no key defines the colour and it is not a clear status
   * colour (a status/fill-guessed problem names the cell). Apply schema leaves such a cell as it is;
   * everything that goes by status reads it as none (knownStatus): carry-over carries it with no status,
   * a return asks about it, the summary counts it under No status, history records none.
   */
  readonly statusGuessed: boolean;
  /** Due date as ISO yyyy-mm-dd when it is a date, else the text as typed; null when blank or no column. */
  readonly due: string | null;
  /**
   * The day the action is due (yyyy-mm-dd): the date, or the day a due text names for certain
   * ("31/03/2025", "March 2025": reading/due-dates.ts); null when blank or not a date ("Ongoing").
   * What overdue means everywhere (Check, carry-over, the summary, My actions); `due` is what to show.
   */
  readonly dueDate: string | null;
  /** The theme column's text, else null. */
  readonly theme: string | null;
  /** Other columns, by their header. */
  readonly extra: Readonly<Record<string, string>>;
  /** Earlier periods' statuses and updates, oldest first (the current one is status/update). */
  readonly history: readonly StatusRecord[];
  /** Direction of travel against the latest earlier period in `history`; null when there is none. */
  readonly direction: Direction | null;
}

/**
 * The action's status as far as it is known: null when the reader only guessed it from a fill colour
 * (Action.statusGuessed), as for a blank status. What counts, carries and asks by status goes by this.
 *
 * @example knownStatus({ status: "Complete", statusGuessed: true }) === null
 */
export function knownStatus(action: Pick<Action, "status" | "statusGuessed">): Status | null {
  return action.statusGuessed ? null : action.status;
}

/**
 * Whether the action is Complete for certain: typed, from the workbook's key or a clear colour. One
 * read as Complete only from a fill the reader guessed at (a purple, a pale blue) is not: nobody has
 * said it is done, so it is carried over, asked about in a return and counted as having no status.
 */
export function isKnownComplete(action: Pick<Action, "status" | "statusGuessed">): boolean {
  return knownStatus(action) === "Complete";
}

/** What names an action to a person where it is listed away from its row: a history row, an exception. */
export type ActionAsListed = Pick<Action, "sheet" | "ref" | "action" | "lead" | "status" | "update">;

export interface Lead {
  readonly code: string;
  readonly name: string;
  readonly organisation: string | null;
  /** Where the reader found it: sheet and cell address of the code. */
  readonly sheet: string;
  readonly cell: string;
}

/** One entry of a workbook's own colour key ("blue = Complete"). */
export interface StatusKeyEntry {
  readonly fill: string;
  readonly status: Status;
  /** The key's words ("Some slippage"). */
  readonly meaning: string;
  readonly sheet: string;
  readonly cell: string;
}

export interface PlanModel {
  readonly tables: readonly ActionTable[];
  /** In sheet order, then row order. */
  readonly actions: readonly Action[];
  readonly leadRegister: readonly Lead[];
  readonly statusKey: readonly StatusKeyEntry[];
  /** Themes found (theme column values, else table titles/sheets), for the Lists sheet. */
  readonly themes: readonly string[];
  readonly problems: readonly Problem[];
}
