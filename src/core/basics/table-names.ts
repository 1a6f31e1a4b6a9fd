/**
 * ListObject names. Excel's rules: letters, digits, underscores and full stops, starting with a letter
 * or underscore, at most 255 characters, not a cell reference ("A1", "R1C1", "R", "C"), unique
 * case-insensitively across every table and defined name in the workbook.
 */
import type { SheetSnapshot, TableSnapshot, WorkbookSnapshot } from "./snapshot";

const MAX_NAME_LENGTH = 255;

/** Names already used in the workbook (tables and defined names), folded to lower case. */
export function takenNames(snapshot: WorkbookSnapshot): Set<string> {
  const taken = new Set<string>();
  for (const s of snapshot.sheets) for (const t of s.tables) taken.add(t.name.toLowerCase());
  for (const n of snapshot.names) taken.add(n.name.toLowerCase());
  return taken;
}

/** True when Excel would read the text as a cell reference in A1 or R1C1 style. */
export function looksLikeCellReference(name: string): boolean {
  return /^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*([Cc]\d*)?$/.test(name) || /^[Cc]\d*$/.test(name);
}

/**
 * A valid table name made from free text: other characters become "_", a leading digit gets a
 * prefix, a cell-reference look-alike gets one too. tableNameFromText("Action Plan 2009") ===
 * "Action_Plan_2009"; tableNameFromText("1 ASB") === "T_1_ASB"; tableNameFromText("A1") === "T_A1".
 */
export function tableNameFromText(text: string): string {
  let name = text
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (name === "") name = "Table";
  if (!/^[A-Za-z_]/.test(name) || looksLikeCellReference(name)) name = `T_${name}`;
  return name.slice(0, MAX_NAME_LENGTH);
}

/**
 * A name not in `taken` (lower-case), adding "_2", "_3"… when needed; the result is added to
 * `taken`. uniqueTableName("Actions_1_ASB", new Set(["actions_1_asb"])) === "Actions_1_ASB_2".
 */
export function uniqueTableName(base: string, taken: Set<string>): string {
  const valid = tableNameFromText(base);
  let candidate = valid;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
    const suffix = `_${n}`;
    candidate = valid.slice(0, MAX_NAME_LENGTH - suffix.length) + suffix;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

/**
 * The name for an action table on a sheet: "Actions_" and the sheet name made valid, unique
 * workbook-wide. actionTableName("1 ASB", taken) === "Actions_1_ASB";
 * actionTableName("Action Plan 2009", taken) === "Actions_Action_Plan_2009".
 */
export function actionTableName(sheet: string, taken: Set<string>): string {
  return uniqueTableName(`Actions_${sheet}`, taken);
}

const foldName = (text: string): string => text.trim().toLowerCase();

function tableNamed(
  snapshot: WorkbookSnapshot,
  name: string,
): { sheet: SheetSnapshot; table: TableSnapshot } | null {
  for (const sheet of snapshot.sheets) {
    const table = sheet.tables.find((t) => foldName(t.name) === foldName(name));
    if (table) return { sheet, table };
  }
  return null;
}

/**
 * One of the Lists sheet's tables, wherever it is: the table named `table`, else the table the defined
 * name `listName` refers to, which is where an earlier apply put it when the plain name was taken
 * (ThemeList "=Themes_2[Theme]"). listTableOf(snapshot, "Themes", "ThemeList")?.table.name === "Themes".
 */
export function listTableOf(
  snapshot: WorkbookSnapshot,
  table: string,
  listName: string,
): { sheet: SheetSnapshot; table: TableSnapshot } | null {
  const own = tableNamed(snapshot, table);
  if (own) return own;
  const formula = snapshot.names.find((n) => foldName(n.name) === foldName(listName))?.formula ?? "";
  const referred = /^=([^[\]]+)\[/.exec(formula)?.[1];
  return referred === undefined ? null : tableNamed(snapshot, referred);
}
