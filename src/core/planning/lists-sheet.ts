/**
 * The Lists sheet: the registers the dropdowns read, as Excel tables (Leads, Statuses, Themes), and the
 * names LeadCodes, StatusList and ThemeList over their first columns. Made once, then topped up: a
 * second run appends only the rows a table lacks and defines only the names the workbook lacks.
 */
import { cellText } from "../basics/cell-text";
import { memoise } from "../basics/memo";
import { rangeAddress } from "../basics/cell-address";
import type { PlanModel, Status } from "../basics/plan-model";
import { problem, type Problem } from "../basics/problem";
import {
  LEAD_CODES_NAME,
  LEADS_TABLE,
  LISTS_SHEET,
  STATUS_LIST_NAME,
  STATUSES_TABLE,
  THEME_LIST_NAME,
  THEMES_TABLE,
} from "../basics/reserved-names";
import type { GridRange, SheetSnapshot, TableSnapshot, WorkbookSnapshot } from "../basics/snapshot";
import { STATUS_COLOURS } from "../basics/status-colours";
import { listTableOf, takenNames, uniqueTableName } from "../basics/table-names";
import type { CellWrite, WriteOp } from "../basics/write-plan";
import {
  COLUMNS_HEADERS,
  COLUMNS_TABLE,
  type ColumnOverride,
  foldHeaderKey,
} from "../reading/column-mapping";

/** The style of the Lists sheet's tables (lighter than the action tables). */
export const LISTS_TABLE_STYLE = "TableStyleLight9";
const TITLE = "Lists used by the action plan";
const NOTE =
  "The dropdowns read these tables. Add a row at the bottom of a table and its dropdown grows with it.";
/** 0-based row of the tables' header rows on a new Lists sheet. */
const HEADER_ROW = 3;

export interface LeadListRow {
  readonly code: string;
  readonly name: string;
  readonly organisation: string;
}

export interface StatusListRow {
  readonly status: Status;
  readonly letter: string;
  readonly colour: string;
  readonly meaning: string;
}

export interface ListsSheetPlan {
  readonly ops: WriteOp[];
  readonly problems: Problem[];
}

interface ListSpec {
  readonly table: string;
  readonly name: string;
  readonly nameComment: string;
  readonly headers: readonly string[];
  readonly widths: readonly number[];
  readonly rows: ReadonlyArray<readonly string[]>;
  /** Column on a new Lists sheet. */
  readonly defaultColumn: number;
  /** How many leading columns make a row's key (1 unless said). */
  readonly keyColumns?: number;
  /** Whether the spec has a defined name (the Columns table has none). */
  readonly named?: boolean;
}

const fold = (text: string): string => text.trim().toLowerCase();

/**
 * The Leads table's rows. The lead register (legends, an existing Leads list) first, one row per code
 * (the first spelling wins). Then the leads people type in tables that do not use codes ("Police",
 * "SBC Comm Safety"): each whole value becomes a row with Code and Name both the value, so the Lead
 * dropdown offers what that partnership already types. Values in tables that do use codes and are
 * not in the register are left out: they are probably typos, and the check reports them.
 *
 * @example
 * leadListRows(model) // → [{ code: "MW", name: "Mick Williams", organisation: "" },
 *                     //    { code: "Police", name: "Police", organisation: "" }]
 */
export function leadListRows(model: PlanModel): LeadListRow[] {
  const rows: LeadListRow[] = [];
  const seen = new Set<string>();
  const add = (row: LeadListRow): void => {
    const key = fold(row.code);
    if (key === "" || seen.has(key)) return;
    seen.add(key);
    rows.push(row);
  };
  for (const lead of model.leadRegister) {
    add({ code: lead.code.trim(), name: lead.name.trim(), organisation: (lead.organisation ?? "").trim() });
  }
  const registerCodes = new Set(model.leadRegister.map((l) => fold(l.code)));
  // A code with a name of its own ("MW" – Mick Williams) marks a table that uses codes; a row whose
  // code is its name ("Police") is a typed value an earlier apply listed, not a code.
  const shortCodes = new Set(
    model.leadRegister.filter((l) => fold(l.code) !== fold(l.name)).map((l) => fold(l.code)),
  );
  // Asked of every action's leads, which are a few texts over and over: each text is folded and
  // looked up once.
  const codeKind = memoise(10_000, (code: string) => {
    const key = fold(code);
    return { registered: registerCodes.has(key), short: shortCodes.has(key) };
  });
  const isCoded = (leads: readonly string[]): boolean => {
    if (leads.length === 0) return false;
    for (let i = 0; i < leads.length; i++) if (!codeKind(leads[i]!).registered) return false;
    return true;
  };
  const usesShortCodes = (leads: readonly string[]): boolean => {
    if (leads.length === 0) return false;
    for (let i = 0; i < leads.length; i++) if (!codeKind(leads[i]!).short) return false;
    return true;
  };
  const tablesUsingCodes = new Set<string>();
  for (const a of model.actions)
    if (a.lead !== null && usesShortCodes(a.leads)) tablesUsingCodes.add(a.tableId);
  for (const action of model.actions) {
    if (action.lead === null || action.lead.trim() === "") continue;
    if (isCoded(action.leads) || tablesUsingCodes.has(action.tableId)) continue;
    // One row per lead, in the reader's one spelling: "POLICE\nSBC" adds Police and SBC.
    for (const lead of action.leads) add({ code: lead.trim(), name: lead.trim(), organisation: "" });
  }
  return rows;
}

/**
 * The Statuses table's rows: the five statuses with letter and colour, and the meaning in the
 * workbook's own words where its colour key has them ("Some slippage"), else the standard meaning.
 */
export function statusListRows(model: PlanModel): StatusListRow[] {
  return STATUS_COLOURS.map((c) => ({
    status: c.status,
    letter: c.letter,
    colour: c.colourName,
    meaning: model.statusKey.find((k) => k.status === c.status)?.meaning.trim() || c.meaning,
  }));
}

/** The Themes table's rows: the model's themes, once each, as found. */
export function themeListRows(model: PlanModel): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const theme of model.themes) {
    const key = fold(theme);
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    out.push(theme.trim());
  }
  return out;
}

/**
 * The Columns table's rows for the roles the user confirmed: one row per sheet whose tables have a
 * column with that header (folded as the reader folds it), else one row for every sheet.
 *
 * @example
 * columnListRows(model, [{ header: "Owner", role: "lead" }]) // → [["2024-25", "", "Owner", "lead"]]
 */
export function columnListRows(model: PlanModel, overrides: readonly ColumnOverride[]): string[][] {
  const rows: string[][] = [];
  for (const o of overrides) {
    const key = foldHeaderKey(o.header);
    const sheets = o.sheet
      ? [o.sheet]
      : [
          ...new Set(
            model.tables
              .filter((t) => t.columns.some((c) => foldHeaderKey(c.header) === key))
              .map((t) => t.sheet),
          ),
        ];
    for (const sheet of sheets.length > 0 ? sheets : [""])
      rows.push([sheet, o.table ?? "", o.header.trim(), o.role]);
  }
  return rows;
}

function listSpecs(model: PlanModel, overrides: readonly ColumnOverride[]): ListSpec[] {
  const columns: ListSpec[] =
    overrides.length === 0
      ? []
      : [
          {
            table: COLUMNS_TABLE,
            name: "",
            nameComment: "",
            headers: COLUMNS_HEADERS,
            widths: [18, 14, 30, 10],
            rows: columnListRows(model, overrides),
            defaultColumn: 11,
            keyColumns: 4,
            named: false,
          },
        ];
  return [
    {
      table: LEADS_TABLE,
      name: LEAD_CODES_NAME,
      nameComment:
        "Lead codes for the Lead dropdowns: the Code column of the Leads table on the Lists sheet.",
      headers: ["Code", "Name", "Organisation"],
      widths: [14, 34, 30],
      rows: leadListRows(model).map((r) => [r.code, r.name, r.organisation]),
      defaultColumn: 0,
    },
    {
      table: STATUSES_TABLE,
      name: STATUS_LIST_NAME,
      nameComment:
        "Statuses for the Status dropdowns: the Status column of the Statuses table on the Lists sheet.",
      headers: ["Status", "Letter", "Colour", "Meaning"],
      widths: [14, 8, 10, 60],
      rows: statusListRows(model).map((r) => [r.status, r.letter, r.colour, r.meaning]),
      defaultColumn: 4,
    },
    {
      table: THEMES_TABLE,
      name: THEME_LIST_NAME,
      nameComment: "Themes: the Theme column of the Themes table on the Lists sheet.",
      headers: ["Theme"],
      widths: [40],
      rows: themeListRows(model).map((t) => [t]),
      defaultColumn: 9,
    },
    ...columns,
  ];
}

/** "Leads[Code]", with the characters structured references reserve escaped by an apostrophe. */
export function structuredReference(table: string, column: string): string {
  return `${table}[${column.replace(/(['#[\]])/g, "'$1")}]`;
}

const text = (value: string): CellWrite => (value === "" ? { kind: "blank" } : { kind: "text", text: value });

function intersects(a: GridRange, b: GridRange): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function nonEmptyCells(sheet: SheetSnapshot, range: GridRange): string[] {
  const out: string[] = [];
  for (let r = range.top; r <= range.bottom; r++) {
    for (let c = range.left; c <= range.right; c++) {
      if (cellText(sheet.cells[r]?.[c]).trim() !== "")
        out.push(rangeAddress({ top: r, left: c, bottom: r, right: c }));
    }
  }
  return out;
}

function usedWidth(sheet: SheetSnapshot): number {
  let width = 0;
  sheet.cells.forEach((row) => {
    for (let c = row.length - 1; c >= 0; c--) {
      if (cellText(row[c]).trim() !== "") {
        width = Math.max(width, c + 1);
        break;
      }
    }
  });
  for (const t of sheet.tables) width = Math.max(width, t.range.right + 1);
  return width;
}

function protectedProblem(sheet: string): Problem {
  return problem(sheet, "", "write/protected-sheet", { sheet, operation: "the command" });
}

/**
 * The ops that make or top up the Lists sheet. A new Lists sheet (added at the end of the tab order,
 * visible) gets a title, a note and the three tables side by side from row 4: Leads (A:C),
 * Statuses (E:H), Themes (J). A table that already exists (found by name anywhere in the workbook)
 * gets only the rows whose first column it lacks, written just below it (appendTableRows). A table
 * missing from an existing Lists sheet goes to the right of what is there. Names are defined only
 * when the workbook lacks them, as structured references ("=Leads[Code]") so they grow with the
 * table. A protected Lists sheet gets no op and a "write/protected-sheet" Problem.
 *
 * @example
 * listsSheetOps(snapshotWithoutLists, model).ops.map((op) => op.kind)
 * // → ["addSheet", "writeCells", "styleRange", "writeCells", "addTable", …, "defineName" ×3]
 */
export function listsSheetOps(
  snapshot: WorkbookSnapshot,
  model: PlanModel,
  columnOverrides: readonly ColumnOverride[] = [],
  /** Only these lists (by table name, e.g. [COLUMNS_TABLE] for the pane's Columns view); all when absent. */
  only?: readonly string[],
): ListsSheetPlan {
  const ops: WriteOp[] = [];
  const problems: Problem[] = [];
  const existingSheet = snapshot.sheets.find((s) => fold(s.name) === fold(LISTS_SHEET)) ?? null;
  const sheetName = existingSheet?.name ?? LISTS_SHEET;
  const definedNames = new Set(snapshot.names.map((n) => fold(n.name)));
  if (existingSheet?.isProtected) return { ops, problems: [protectedProblem(sheetName)] };

  if (!existingSheet) {
    ops.push({ kind: "addSheet", sheet: sheetName, after: null });
    ops.push({
      kind: "writeCells",
      sheet: sheetName,
      row: 0,
      column: 0,
      cells: [[text(TITLE)], [text(NOTE)]],
      note: `Write a title and a note on '${sheetName}'`,
    });
    ops.push({
      kind: "styleRange",
      sheet: sheetName,
      range: { top: 0, left: 0, bottom: 0, right: 0 },
      style: { bold: true, fontSize: 14 },
      note: "",
    });
    ops.push({
      kind: "styleRange",
      sheet: sheetName,
      range: { top: 1, left: 0, bottom: 1, right: 0 },
      style: { italic: true },
      note: "",
    });
  }

  const placed: GridRange[] = [];
  let nextFreeColumn = existingSheet ? usedWidth(existingSheet) + 1 : 0;
  const widths: Array<{ column: number; width: number }> = [];
  // Tables and defined names share one namespace: a new list table takes a free name ("Leads_2"
  // when a defined name "Leads" exists), as action tables do.
  const taken = takenNames(snapshot);

  for (const spec of listSpecs(model, columnOverrides).filter((l) => !only || only.includes(l.table))) {
    const found = listTableOf(snapshot, spec.table, spec.name);
    let formula: string | null = null;
    if (found) {
      const { sheet, table } = found;
      const keyColumnName = table.columnNames.find((n) => fold(n) === fold(spec.headers[0] ?? ""));
      if (keyColumnName === undefined) {
        problems.push(
          problem(sheet.name, rangeAddress(table.range), "lists/table-unexpected", {
            table: table.name,
            sheet: sheet.name,
            range: rangeAddress(table.range),
            header: spec.headers[0] ?? "",
            list: spec.table,
          }),
        );
        continue;
      }
      formula = `=${structuredReference(table.name, keyColumnName)}`;
      if (sheet.isProtected) {
        problems.push(protectedProblem(sheet.name));
      } else {
        const missing = missingRows(sheet, table, spec);
        if (missing.length > 0) {
          const below: GridRange = {
            top: table.range.bottom + 1,
            left: table.range.left,
            bottom: table.range.bottom + missing.length,
            right: table.range.right,
          };
          const inTheWay = nonEmptyCells(sheet, below);
          if (inTheWay.length > 0) {
            problems.push(
              problem(sheet.name, inTheWay[0] ?? "", "lists/cells-in-the-way", {
                table: table.name,
                sheet: sheet.name,
                rows: missing.length,
                cells: inTheWay.join(", "),
              }),
            );
          } else {
            ops.push({
              kind: "appendTableRows",
              sheet: sheet.name,
              table: table.name,
              row: below.top,
              column: below.left,
              cells: missing,
            });
          }
        }
      }
    } else {
      const width = spec.headers.length;
      const height = Math.max(1, spec.rows.length) + 1;
      const fits = (left: number): boolean => {
        const area: GridRange = {
          top: HEADER_ROW,
          left,
          bottom: HEADER_ROW + height - 1,
          right: left + width - 1,
        };
        if (placed.some((p) => intersects(p, area))) return false;
        if (!existingSheet) return true;
        return (
          nonEmptyCells(existingSheet, area).length === 0 &&
          !existingSheet.tables.some((t) => intersects(t.range, area))
        );
      };
      let left = spec.defaultColumn;
      if (!fits(left)) {
        left = nextFreeColumn;
        while (!fits(left)) left++;
      }
      const range: GridRange = {
        top: HEADER_ROW,
        left,
        bottom: HEADER_ROW + height - 1,
        right: left + width - 1,
      };
      placed.push(range);
      nextFreeColumn = Math.max(nextFreeColumn, range.right + 2);
      const body = spec.rows.length > 0 ? spec.rows : [spec.headers.map(() => "")];
      ops.push({
        kind: "writeCells",
        sheet: sheetName,
        row: range.top,
        column: range.left,
        cells: [spec.headers.map(text), ...body.map((r) => r.map(text))],
        note: `Write the ${spec.table} list (${spec.rows.length} row${spec.rows.length === 1 ? "" : "s"}) on '${sheetName}'`,
      });
      const tableName = uniqueTableName(spec.table, taken);
      ops.push({ kind: "addTable", sheet: sheetName, range, name: tableName, style: LISTS_TABLE_STYLE });
      spec.widths.forEach((w, i) => widths.push({ column: left + i, width: w }));
      formula = `=${structuredReference(tableName, spec.headers[0] ?? "")}`;
    }
    if (formula !== null && spec.named !== false && !definedNames.has(fold(spec.name))) {
      ops.push({ kind: "defineName", name: spec.name, formula, comment: spec.nameComment });
    }
  }
  if (widths.length > 0) ops.push({ kind: "setColumnWidths", sheet: sheetName, widths });
  return { ops, problems };
}

/** Rows of spec the existing table lacks (by its first column, case-insensitively), in its column order. */
function missingRows(sheet: SheetSnapshot, table: TableSnapshot, spec: ListSpec): CellWrite[][] {
  const keyHeaders = spec.headers.slice(0, spec.keyColumns ?? 1);
  const keyIndexes = keyHeaders.map((h) => table.columnNames.findIndex((n) => fold(n) === fold(h)));
  const present = new Set<string>();
  for (let r = table.range.top + 1; r <= table.range.bottom; r++) {
    present.add(
      keyIndexes
        .map((i) => (i < 0 ? "" : fold(cellText(sheet.cells[r]?.[table.range.left + i]))))
        .join("\u0000"),
    );
  }
  const out: CellWrite[][] = [];
  for (const row of spec.rows) {
    const key = keyHeaders.map((_, i) => fold(row[i] ?? "")).join("\u0000");
    if (key.replace(/\u0000/g, "") === "" || present.has(key)) continue;
    present.add(key);
    out.push(
      table.columnNames.map((name) => {
        const i = spec.headers.findIndex((h) => fold(h) === fold(name));
        return text(i >= 0 ? (row[i] ?? "") : "");
      }),
    );
  }
  return out;
}
