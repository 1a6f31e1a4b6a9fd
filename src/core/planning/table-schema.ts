/**
 * The schema of one action table as write ops: the ListObject, the Status and Lead validations and the
 * conditional formats. Apply schema and carry-over both use it, after they have written the table's
 * header row and values.
 */
import { columnLetters } from "../basics/cell-address";
import type { ColumnRole } from "../basics/plan-model";
import { LEAD_CODES_NAME, STATUS_LIST_NAME } from "../basics/reserved-names";
import type { GridRange } from "../basics/snapshot";
import {
  MISSING_UPDATE_FILL,
  MISSING_UPDATE_FONT,
  OVERDUE_FILL,
  OVERDUE_FONT,
  STATUS_COLOURS,
} from "../basics/status-colours";
import type { ConditionalRule, ListValidation, WriteOp } from "../basics/write-plan";

/** The style every action table gets. */
export const ACTION_TABLE_STYLE = "TableStyleMedium2";

/** Header a role column gets when its own header is blank or merged over several columns. */
export const CANONICAL_HEADERS: Readonly<Record<ColumnRole, string>> = {
  ref: "Ref",
  action: "Action",
  lead: "Lead",
  update: "Update",
  status: "Status",
  due: "Due",
  theme: "Theme",
};

/**
 * Role columns every action table with the schema has, so leads can update it and the summary can
 * count it; added at the table's right, in this order, when missing (Ref is never invented).
 */
export const SCHEMA_ROLES: readonly ColumnRole[] = ["lead", "update", "status"];

export interface TableSchemaColumn {
  /** 0-based sheet column. */
  readonly column: number;
  readonly role: ColumnRole | null;
}

export interface TableSchemaSpec {
  readonly sheet: string;
  /** Header row to last data row, first to last column (0-based); at least one data row. */
  readonly range: GridRange;
  /** The table's columns with their roles; only the roles matter here. */
  readonly columns: readonly TableSchemaColumn[];
  /** The ListObject to make over `range`, or null when the range already is one. */
  readonly tableName: string | null;
  /** Defaults to ACTION_TABLE_STYLE. */
  readonly tableStyle?: string;
}

/** Status from the Statuses list, in-cell dropdown, stop style: only a listed status can be typed. */
export const STATUS_VALIDATION: ListValidation = {
  source: `=${STATUS_LIST_NAME}`,
  inCellDropdown: true,
  errorStyle: "stop",
  errorTitle: "Status",
  errorMessage: "Choose a status from the list: Red, Amber, Green, Complete or Not started.",
  prompt: "Choose a status. Red and Amber need an update saying why.",
};

/**
 * Lead from the Leads codes, warning style: "TA & CS" (two codes) or a new agency can still be
 * entered after the warning; the add-in's check reports codes that are not in the register.
 */
export const LEAD_VALIDATION: ListValidation = {
  source: `=${LEAD_CODES_NAME}`,
  inCellDropdown: true,
  errorStyle: "warning",
  errorTitle: "Lead",
  errorMessage:
    "This lead is not in the Leads list on the Lists sheet. Keep it if it is right (e.g. two codes joined by &), or add it to the list.",
};

function columnOf(spec: TableSchemaSpec, role: ColumnRole): number | null {
  return spec.columns.find((c) => c.role === role)?.column ?? null;
}

/** The data body of one column of the table (header row excluded). */
function bodyOf(spec: TableSchemaSpec, column: number): GridRange {
  return { top: spec.range.top + 1, left: column, bottom: spec.range.bottom, right: column };
}

/** "$E8": the column absolute, the row relative, for rules anchored on the body's first row. */
function anchored(column: number, firstRow: number): string {
  return `$${columnLetters(column)}${firstRow + 1}`;
}

/**
 * Conditional rules for a Status cell: one per status, the word kept visible (font colour readable
 * on the fill). statusRules(4, 7)[0].formula === '=TRIM($E8)="Red"'.
 */
export function statusRules(statusColumn: number, firstRow: number): ConditionalRule[] {
  const s = anchored(statusColumn, firstRow);
  return STATUS_COLOURS.map((c) => ({
    formula: `=TRIM(${s})="${c.status}"`,
    fill: c.fill,
    fontColor: c.fontColor,
  }));
}

/** The Update cell is highlighted when the status is Red, Amber or Complete and the update is empty. */
export function missingUpdateRule(
  updateColumn: number,
  statusColumn: number,
  firstRow: number,
): ConditionalRule {
  const u = anchored(updateColumn, firstRow);
  const s = anchored(statusColumn, firstRow);
  return {
    formula: `=AND(LEN(TRIM(${u}))=0,OR(TRIM(${s})="Red",TRIM(${s})="Amber",TRIM(${s})="Complete"))`,
    fill: MISSING_UPDATE_FILL,
    fontColor: MISSING_UPDATE_FONT,
  };
}

/** Due is highlighted when it is a date before today and the status is not Complete. */
export function overdueRule(dueColumn: number, statusColumn: number, firstRow: number): ConditionalRule {
  const d = anchored(dueColumn, firstRow);
  const s = anchored(statusColumn, firstRow);
  return {
    formula: `=AND(ISNUMBER(${d}),${d}<TODAY(),TRIM(${s})<>"Complete")`,
    fill: OVERDUE_FILL,
    fontColor: OVERDUE_FONT,
    bold: true,
  };
}

/**
 * The ops that give one action table its schema, in the order to apply them: addTable (unless
 * `tableName` is null), Status and Lead validation on their whole data-body columns, and conditional
 * formats on Status, Update and Due. Roles a table lacks get no op. The caller has already written
 * the header row and the values.
 *
 * @example
 * tableSchemaOps({ sheet: "2011-12", range: { top: 0, left: 0, bottom: 9, right: 4 },
 *   columns: [{ column: 0, role: "ref" }, { column: 1, role: "action" }, { column: 2, role: "lead" },
 *             { column: 3, role: "update" }, { column: 4, role: "status" }],
 *   tableName: "Actions_2011_12" })
 * // → addTable A1:E10, setValidation E2:E10 (=StatusList), setValidation C2:C10 (=LeadCodes),
 * //   setConditionalFormats E2:E10 (5 status rules), setConditionalFormats D2:D10 (missing update)
 */
export function tableSchemaOps(spec: TableSchemaSpec): WriteOp[] {
  const { sheet, range } = spec;
  if (range.bottom <= range.top) {
    throw new RangeError(`Table on '${sheet}' needs at least one data row below its header`);
  }
  const ops: WriteOp[] = [];
  if (spec.tableName !== null) {
    ops.push({
      kind: "addTable",
      sheet,
      range,
      name: spec.tableName,
      style: spec.tableStyle ?? ACTION_TABLE_STYLE,
    });
  }
  const firstRow = range.top + 1;
  const status = columnOf(spec, "status");
  const lead = columnOf(spec, "lead");
  const update = columnOf(spec, "update");
  const due = columnOf(spec, "due");
  if (status !== null) {
    ops.push({ kind: "setValidation", sheet, range: bodyOf(spec, status), rule: STATUS_VALIDATION });
  }
  if (lead !== null) {
    ops.push({ kind: "setValidation", sheet, range: bodyOf(spec, lead), rule: LEAD_VALIDATION });
  }
  if (status !== null) {
    ops.push({
      kind: "setConditionalFormats",
      sheet,
      range: bodyOf(spec, status),
      rules: statusRules(status, firstRow),
    });
    if (update !== null) {
      ops.push({
        kind: "setConditionalFormats",
        sheet,
        range: bodyOf(spec, update),
        rules: [missingUpdateRule(update, status, firstRow)],
      });
    }
    if (due !== null) {
      ops.push({
        kind: "setConditionalFormats",
        sheet,
        range: bodyOf(spec, due),
        rules: [overdueRule(due, status, firstRow)],
      });
    }
  }
  return ops;
}
