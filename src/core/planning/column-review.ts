/**
 * The Columns view's data and its write: each action table's columns with the role the reader gives
 * them, how sure it is (from the reader's column/* problems and the stored mapping), and the write plan
 * that stores the roles a user chose in the Columns table on the Lists sheet (column-mapping.ts), the
 * same table the CLI's `apply-schema --column` fills, so every co-author and the CLI read the plan alike.
 */
import { cellAddress, columnLetters, parseCellAddress, rangeAddress } from "../basics/cell-address";
import { cellText } from "../basics/cell-text";
import {
  COLUMNS_HEADERS,
  COLUMNS_TABLE,
  type ColumnOverride,
  STORED_ROLES,
  type StoredRole,
  foldHeaderKey,
  readStoredColumns,
  storedRoleLookup,
} from "../reading/column-mapping";
import { listsSheetOps } from "./lists-sheet";
import type { ActionTable, ColumnRole, PlanModel } from "../basics/plan-model";
import { problem, type Problem } from "../basics/problem";
import { LISTS_SHEET } from "../basics/reserved-names";
import type { SheetSnapshot, TableSnapshot, WorkbookSnapshot } from "../basics/snapshot";
import type { WriteOp, WritePlan } from "../basics/write-plan";

/** Each role in the user's words, for the Columns view and the preview. */
export const ROLE_WORDS: Readonly<Record<StoredRole, string>> = {
  ref: "Ref (the action's number)",
  action: "Action",
  lead: "Lead",
  update: "Update (progress)",
  status: "Status (RAG)",
  due: "Due date",
  theme: "Theme",
  ignore: "Extra column (no role)",
};

/** A column's role as a phrase in a sentence: "the update column", "an extra column". */
export function rolePhrase(role: StoredRole | null): string {
  return role === null || role === "ignore" ? "an extra column" : `the ${role} column`;
}

/**
 * How sure the reader is of a column's role: confirmed (a stored role it follows), sure (no doubt
 * raised), unsure (a column/ambiguous or column/uncertain problem on its header), extra (no role),
 * history (an earlier period's column, read as the actions' history), overruled (a stored role the
 * reader could not give, because another column of the table took that role first).
 */
export type ColumnCertainty = "confirmed" | "sure" | "unsure" | "extra" | "history" | "overruled";

export interface ReviewedColumn {
  /** 0-based sheet column. */
  readonly column: number;
  /** The header cell's address ("D5"). */
  readonly cell: string;
  /** The header as shown (a sub-header's text, or the merged text over it). */
  readonly header: string;
  readonly role: ColumnRole | null;
  /** The role the Columns table stores for it, or null. */
  readonly stored: StoredRole | null;
  readonly certainty: ColumnCertainty;
  /** The reader's doubt about it (column/ambiguous or column/uncertain), or null. */
  readonly problem: Problem | null;
  /** For an earlier or the latest period's column of a repeated group: its period and part. */
  readonly period: { readonly label: string; readonly role: "update" | "status" } | null;
  /** Why its role cannot be set here (a blank or repeated header, an earlier period), else null. */
  readonly fixedBecause: string | null;
}

export interface ReviewedTable {
  readonly id: string;
  readonly sheet: string;
  /** Where the table is ("A5:F40"). */
  readonly where: string;
  readonly listObjectName: string | null;
  readonly title: string | null;
  readonly columns: readonly ReviewedColumn[];
  /** The reader's note that a needed role is missing (column/missing-role), or null. */
  readonly missingRole: Problem | null;
}

/** The role a user chose for one column of one table, by what they saw (so a changed workbook is caught). */
export interface ColumnChoice {
  readonly tableId: string;
  readonly column: number;
  /** The header as the view showed it. */
  readonly header: string;
  readonly role: StoredRole;
}

const DOUBT_RULES: ReadonlySet<string> = new Set(["column/ambiguous", "column/uncertain"]);

/** The reader's problem on a table's header cell in `column` (a two-row header's either row), or null. */
function headerProblem(model: PlanModel, table: ActionTable, column: number): Problem | null {
  return (
    model.problems.find((p) => {
      if (p.sheet !== table.sheet || !DOUBT_RULES.has(p.rule) || p.cell === "") return false;
      const at = parseCellAddress(p.cell);
      return at.column === column && at.row >= table.range.top && at.row <= table.range.top + 1;
    }) ?? null
  );
}

/**
 * Each action table's columns as the Columns view shows them.
 *
 * @example
 * columnReview(snapshot, readPlan(snapshot))[0].columns.map((c) => [c.header, c.role, c.certainty])
 * // → [["Ref", "ref", "sure"], …, ["Notes", "update", "unsure"]]
 */
export function columnReview(snapshot: WorkbookSnapshot, model: PlanModel): ReviewedTable[] {
  const storedRole = storedRoleLookup(readStoredColumns(snapshot));
  return model.tables.map((table) => {
    const latest = table.columns.filter((c) => c.period).at(-1)?.period?.label;
    // Earlier periods' columns take no stored role (they are the history), so only the others can
    // share a header with a column whose role is set ("Progress" under each quarter).
    const headerCount = new Map<string, number>();
    for (const c of table.columns) {
      if (c.period !== undefined && c.period.label !== latest) continue;
      const key = foldHeaderKey(c.header);
      headerCount.set(key, (headerCount.get(key) ?? 0) + 1);
    }
    const columns = table.columns.map((c): ReviewedColumn => {
      const stored = storedRole(table.sheet, table.id, table.listObjectName, c.header) ?? null;
      const doubt = headerProblem(model, table, c.column);
      const earlier = c.period !== undefined && c.period.label !== latest;
      const certainty: ColumnCertainty = earlier
        ? "history"
        : stored !== null
          ? (stored === "ignore" ? c.role === null : stored === c.role)
            ? "confirmed"
            : "overruled"
          : doubt !== null
            ? "unsure"
            : c.role === null
              ? "extra"
              : "sure";
      const fixedBecause =
        c.header.trim() === ""
          ? "It has no header: type one in the workbook to set its role."
          : earlier
            ? "An earlier period's column: read as the actions' history."
            : (headerCount.get(foldHeaderKey(c.header)) ?? 0) > 1
              ? "Another column of this table has the same header: rename one to set its role."
              : null;
      return {
        column: c.column,
        cell: cellAddress(table.range.top, c.column),
        header: c.header,
        role: c.role,
        stored,
        certainty,
        problem: doubt,
        period: c.period ?? null,
        fixedBecause,
      };
    });
    const missingRole =
      model.problems.find(
        (p) =>
          p.rule === "column/missing-role" &&
          p.sheet === table.sheet &&
          p.cell !== "" &&
          parseCellAddress(p.cell).row >= table.range.top &&
          parseCellAddress(p.cell).row <= table.range.top + 1 &&
          parseCellAddress(p.cell).column >= table.range.left &&
          parseCellAddress(p.cell).column <= table.range.right,
      ) ?? null;
    return {
      id: table.id,
      sheet: table.sheet,
      where: rangeAddress(table.range),
      listObjectName: table.listObjectName,
      title: table.title,
      columns,
      missingRole,
    };
  });
}

/**
 * Roles chosen for two columns of one table at once (a table has one column per role), in words; empty
 * when there is no clash. `choices` win over what is stored.
 */
export function roleClashes(tables: readonly ReviewedTable[], choices: readonly ColumnChoice[]): string[] {
  const out: string[] = [];
  for (const table of tables) {
    const byRole = new Map<StoredRole, string[]>();
    for (const c of table.columns) {
      const chosen = choices.find((x) => x.tableId === table.id && x.column === c.column)?.role ?? c.stored;
      if (chosen === null || chosen === "ignore" || c.fixedBecause !== null) continue;
      byRole.set(chosen, [...(byRole.get(chosen) ?? []), c.header.trim()]);
    }
    for (const [role, headers] of byRole) {
      if (headers.length < 2) continue;
      const names = headers.map((h) => `'${h}'`);
      out.push(
        `On '${table.sheet}', ${names.slice(0, -1).join(", ")} and ${names.at(-1) ?? ""} are all set as ${rolePhrase(role)}: a table has one column of each role.`,
      );
    }
  }
  return out;
}

/** Whether `text` names one of STORED_ROLES. */
export function isStoredRole(text: string): text is StoredRole {
  return (STORED_ROLES as readonly string[]).includes(text);
}

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The stored form of a choice: on its sheet, for every table there (Table blank, as the CLI stores
 * it), unless another table on the sheet has a column of the same header, when it names its table.
 */
function overrideOf(model: PlanModel, table: ActionTable, header: string, role: StoredRole): ColumnOverride {
  const key = foldHeaderKey(header);
  const shared = model.tables.some(
    (t) =>
      t.id !== table.id && t.sheet === table.sheet && t.columns.some((c) => foldHeaderKey(c.header) === key),
  );
  return {
    sheet: table.sheet,
    table: shared ? (table.listObjectName ?? table.id) : "",
    header: header.trim(),
    role,
  };
}

interface StoredRow {
  readonly row: number;
  readonly sheet: string;
  readonly table: string;
  readonly header: string;
  readonly role: string;
}

/** The Columns ListObject on the Lists sheet, with its rows and where its Role column is. */
function columnsTable(
  snapshot: WorkbookSnapshot,
): { sheet: SheetSnapshot; table: TableSnapshot; roleColumn: number; rows: StoredRow[] } | null {
  const sheet = snapshot.sheets.find((s) => same(s.name, LISTS_SHEET));
  const table = sheet?.tables.find((t) => same(t.name, COLUMNS_TABLE));
  if (!sheet || !table) return null;
  const at = (name: string): number => table.columnNames.findIndex((n) => same(n, name));
  const [sheetAt, tableAt, headerAt, roleAt] = COLUMNS_HEADERS.map(at);
  if (headerAt === undefined || roleAt === undefined || headerAt < 0 || roleAt < 0) return null;
  const text = (r: number, i: number | undefined): string =>
    i === undefined || i < 0 ? "" : cellText(sheet.cells[r]?.[table.range.left + i]).trim();
  const rows: StoredRow[] = [];
  for (let r = table.range.top + 1; r <= table.range.bottom; r++) {
    rows.push({
      row: r,
      sheet: text(r, sheetAt),
      table: text(r, tableAt),
      header: text(r, headerAt),
      role: text(r, roleAt),
    });
  }
  return { sheet, table, roleColumn: table.range.left + roleAt, rows };
}

export interface ColumnRolesPlan {
  readonly plan: WritePlan;
  readonly problems: readonly Problem[];
  /** The roles as they will be stored (for reading the plan with them). */
  readonly overrides: readonly ColumnOverride[];
}

/**
 * The write plan that stores `choices` in the Columns table: a row already there for the same sheet,
 * table and header gets its Role rewritten (so the table never holds two answers for one column); the
 * others are added below it, or a Columns table (and a Lists sheet) is made as Apply schema makes it.
 * A choice whose table or header is no longer in the workbook stops the write with
 * operation/changed-since-preview.
 *
 * @example
 * columnRolesPlan(snapshot, model, [{ tableId: "2024-25!A1", column: 3, header: "Notes", role: "ignore" }])
 *   .plan.ops.map((op) => op.kind) // → ["addSheet", "writeCells", …, "addTable", "setColumnWidths"]
 */
export function columnRolesPlan(
  snapshot: WorkbookSnapshot,
  model: PlanModel,
  choices: readonly ColumnChoice[],
): ColumnRolesPlan {
  const title = "Store these column roles";
  const gone: string[] = [];
  const overrides: ColumnOverride[] = [];
  for (const choice of choices) {
    const table = model.tables.find((t) => t.id === choice.tableId);
    const column = table?.columns.find((c) => c.column === choice.column);
    if (!table || !column || foldHeaderKey(column.header) !== foldHeaderKey(choice.header)) {
      gone.push(
        `column ${columnLetters(choice.column)} headed '${choice.header}' of the table at ${choice.tableId} is no longer there`,
      );
      continue;
    }
    overrides.push(overrideOf(model, table, column.header, choice.role));
  }
  if (gone.length > 0) {
    return {
      plan: { title, ops: [] },
      problems: [problem("", "", "operation/changed-since-preview", { changes: gone })],
      overrides,
    };
  }

  const existing = columnsTable(snapshot);
  const ops: WriteOp[] = [];
  const toAdd: ColumnOverride[] = [];
  for (const o of overrides) {
    const rows = (existing?.rows ?? []).filter(
      (r) =>
        same(r.sheet, o.sheet ?? "") &&
        same(r.table, o.table ?? "") &&
        foldHeaderKey(r.header) === foldHeaderKey(o.header),
    );
    if (rows.length === 0 || !existing) {
      toAdd.push(o);
      continue;
    }
    if (existing.sheet.isProtected) continue;
    for (const r of rows.filter((x) => !same(x.role, o.role))) {
      ops.push({
        kind: "writeCells",
        sheet: existing.sheet.name,
        row: r.row,
        column: existing.roleColumn,
        cells: [[{ kind: "text", text: o.role }]],
        note: `Set '${o.header}' on '${o.sheet ?? ""}' to ${o.role} in the ${existing.table.name} table on '${existing.sheet.name}' (${cellAddress(r.row, existing.roleColumn)}, was ${r.role || "blank"})`,
      });
    }
  }
  const lists =
    toAdd.length > 0 || existing?.sheet.isProtected
      ? listsSheetOps(snapshot, model, toAdd, [COLUMNS_TABLE])
      : { ops: [], problems: [] };
  return { plan: { title, ops: [...lists.ops, ...ops] }, problems: lists.problems, overrides };
}

/**
 * How the plan's reading changes with the new roles, column by column, in words:
 *   ["'Notes' (D) on '2024-25': the update column → an extra column"]
 */
export function readingChanges(before: PlanModel, after: PlanModel): string[] {
  const out: string[] = [];
  for (const table of before.tables) {
    const now = after.tables.find((t) => t.sheet === table.sheet && t.range.top === table.range.top);
    if (!now) continue;
    for (const c of table.columns) {
      const role = now.columns.find((x) => x.column === c.column)?.role ?? null;
      if (role === c.role) continue;
      out.push(
        `'${c.header.trim()}' (${columnLetters(c.column)}) on '${table.sheet}': ${rolePhrase(c.role)} → ${rolePhrase(role)}`,
      );
    }
  }
  return out;
}
