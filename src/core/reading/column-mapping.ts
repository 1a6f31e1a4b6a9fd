/**
 * The column roles a user confirmed: the Columns table on the Lists sheet (Sheet, Table, Header, Role),
 * written by Apply schema from the pane's Columns view or the CLI's --column, and overrides passed to
 * readPlan. A stored role wins over what the reader infers, so every co-author and the CLI read the plan
 * the same way.
 */
import type { ColumnRole } from "../basics/plan-model";
import { COLUMN_ROLES } from "./header-roles";
import type { SheetSnapshot, WorkbookSnapshot } from "../basics/snapshot";
import { cellText, foldText, nonBlankCells } from "../basics/cell-text";
import { LISTS_SHEET } from "../basics/reserved-names";

/** The Columns table's name on the Lists sheet. */
export const COLUMNS_TABLE = "Columns";
export const COLUMNS_HEADERS = ["Sheet", "Table", "Header", "Role"] as const;

export type StoredRole = ColumnRole | "ignore";
/** The roles a stored mapping may give: every column role, or "ignore" for a column read as none. */
export const STORED_ROLES: readonly StoredRole[] = [...COLUMN_ROLES, "ignore"];

/** One confirmed role: for a header (as the reader folds it), optionally only on one sheet or table. */
export interface ColumnOverride {
  readonly header: string;
  readonly role: StoredRole;
  /** The sheet the role applies to; "" or absent for every sheet. */
  readonly sheet?: string;
  /** The table (its id "Sheet!A5" or ListObject name); "" or absent for every table on the sheet. */
  readonly table?: string;
}

/** "Owner=lead" → { header: "Owner", role: "lead" }; null when ROLE is not one of STORED_ROLES. */
export function parseColumnOverride(text: string): ColumnOverride | null {
  const at = text.lastIndexOf("=");
  if (at <= 0) return null;
  const header = text.slice(0, at).trim();
  const role = text
    .slice(at + 1)
    .trim()
    .toLowerCase();
  const known = STORED_ROLES.find((r) => r === role);
  return header !== "" && known !== undefined ? { header, role: known } : null;
}

/** A header as the reader compares them: case, spacing, punctuation and line breaks folded. */
export function foldHeaderKey(header: string): string {
  return foldText(header.normalize("NFKC").replace(/\u00a0/g, " "));
}

/** The Columns table's rows, read from the Lists sheet (its ListObject, else a header row). */
export function readStoredColumns(snapshot: WorkbookSnapshot): ColumnOverride[] {
  const lists = snapshot.sheets.find((s) => s.name.trim().toLowerCase() === LISTS_SHEET.toLowerCase());
  return lists ? storedColumnsOn(lists) : [];
}

function storedColumnsOn(sheet: SheetSnapshot): ColumnOverride[] {
  const table = sheet.tables.find((t) => t.name.toLowerCase() === COLUMNS_TABLE.toLowerCase());
  let headerRow = table?.range.top ?? -1;
  if (headerRow < 0) {
    headerRow = sheet.cells.findIndex((row) => {
      const words = nonBlankCells(row).map((c) => foldText(c.text));
      return words.includes("header") && words.includes("role") && words.includes("sheet");
    });
  }
  if (headerRow < 0) return [];
  const at = new Map(
    nonBlankCells(sheet.cells[headerRow])
      .filter((c) => !table || (c.column >= table.range.left && c.column <= table.range.right))
      .map((c) => [foldText(c.text), c.column]),
  );
  const column = (name: string): number | undefined => at.get(name);
  const header = column("header");
  const role = column("role");
  if (header === undefined || role === undefined) return [];
  const sheetColumn = column("sheet");
  const tableColumn = column("table");
  const out: ColumnOverride[] = [];
  const last = table?.range.bottom ?? sheet.cells.length - 1;
  for (let r = headerRow + 1; r <= last; r++) {
    const row = sheet.cells[r];
    const h = cellText(row?.[header]).trim();
    if (h === "" && !table) break;
    const parsed = parseColumnOverride(`${h}=${cellText(row?.[role]).trim()}`);
    if (!parsed) continue;
    out.push({
      ...parsed,
      sheet: sheetColumn === undefined ? "" : cellText(row?.[sheetColumn]).trim(),
      table: tableColumn === undefined ? "" : cellText(row?.[tableColumn]).trim(),
    });
  }
  return out;
}

/**
 * A lookup of the role stored for a header on a sheet: the most specific entry wins (sheet and table,
 * then sheet, then any), and later entries (options, after the stored table) win over earlier ones.
 */
export function storedRoleLookup(
  overrides: readonly ColumnOverride[],
): (
  sheet: string,
  tableId: string | null,
  listObjectName: string | null,
  header: string,
) => StoredRole | undefined {
  if (overrides.length === 0) return () => undefined;
  const byHeader = new Map<string, ColumnOverride[]>();
  for (const o of overrides) {
    const key = foldHeaderKey(o.header);
    byHeader.set(key, [...(byHeader.get(key) ?? []), o]);
  }
  const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
  return (sheet, tableId, listObjectName, header) => {
    const entries = byHeader.get(foldHeaderKey(header));
    if (!entries) return undefined;
    let best: { rank: number; role: StoredRole } | undefined;
    for (const o of entries) {
      const onSheet = !o.sheet || same(o.sheet, sheet);
      const table = o.table ?? "";
      const onTable =
        table === "" ||
        tableId === null ||
        same(table, tableId) ||
        (listObjectName !== null && same(table, listObjectName));
      if (!onSheet || !onTable) continue;
      const rank = (o.sheet ? 2 : 0) + (table !== "" ? 1 : 0);
      if (!best || rank >= best.rank) best = { rank, role: o.role };
    }
    return best?.role;
  };
}
