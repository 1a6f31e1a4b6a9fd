/**
 * What every file write of a plan checks before it writes: the text a cell may hold, the sheets a plan
 * names, and what a defineName op's formula names. The package writer (package-writer.ts) and the
 * tests' ExcelJS writer (test/support/exceljs) both refuse a plan with these.
 */
import { parseRangeAddress } from "../core/basics/cell-address";
import type { GridRange } from "../core/basics/snapshot";
import type { WriteOp, WritePlan } from "../core/basics/write-plan";

/** A plan the workbook cannot take (a bug in the plan or a host refusal), with the op that failed. */
export class WritePlanError extends Error {
  constructor(
    message: string,
    readonly op: WriteOp | null,
  ) {
    super(message);
    this.name = "WritePlanError";
  }
}

/** "Leads[Code]": a table name, then one column whose `]`, `[`, `#` and `'` are escaped by `'`. */
const STRUCTURED_REFERENCE = /^([A-Za-z_\\][\w.\\]*)\[((?:[^\]\['#]|'.)+)\]$/;

function parseSheetRange(reference: string): { sheet: string; range: GridRange } | null {
  const bang = reference.lastIndexOf("!");
  if (bang < 0) return null;
  let sheet = reference.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  try {
    return { sheet, range: parseRangeAddress(reference.slice(bang + 1)) };
  } catch {
    return null;
  }
}

/** What a defineName op's formula names: one column of a table, or a sheet's range. */
export type NameTarget =
  | { readonly kind: "column"; readonly body: string; readonly table: string; readonly column: string }
  | { readonly kind: "range"; readonly body: string }
  /** A text constant ('"5f0c…"'): a value the workbook keeps, such as a plan's id for its returns. */
  | { readonly kind: "constant"; readonly body: string };

/**
 * The target of a defineName op, its formula without "=" as `body`; a WritePlanError when it is
 * neither a column of a table `columnsOf` knows (case-insensitive) nor a sheet range. Both file
 * shells check a name with it.
 */
export function nameTarget(
  op: Extract<WriteOp, { kind: "defineName" }>,
  columnsOf: (table: string) => readonly string[] | null,
): NameTarget {
  const body = op.formula.replace(/^=/, "").trim();
  if (/^"(?:[^"]|"")*"$/.test(body)) return { kind: "constant", body };
  const structured = STRUCTURED_REFERENCE.exec(body);
  if (!structured) {
    if (!parseSheetRange(body)) throw new WritePlanError(`Name ${op.name}: cannot place ${op.formula}`, op);
    return { kind: "range", body };
  }
  const table = structured[1] ?? "";
  const column = (structured[2] ?? "").replace(/'(.)/g, "$1");
  const columns = columnsOf(table);
  if (columns === null) throw new WritePlanError(`Name ${op.name}: no table ${table}`, op);
  if (!columns.some((c) => c.toLowerCase() === column.toLowerCase())) {
    throw new WritePlanError(`Name ${op.name}: no column ${column} in ${table}`, op);
  }
  return { kind: "column", body, table, column };
}

/** The sheets a plan's ops name that the plan does not add itself: each must exist and be unprotected. */
export function existingSheetsNamed(plan: WritePlan): string[] {
  const added = new Set(plan.ops.flatMap((op) => (op.kind === "addSheet" ? [op.sheet] : [])));
  return [...new Set(plan.ops.flatMap((op) => ("sheet" in op ? [op.sheet] : [])))].filter(
    (s) => !added.has(s),
  );
}
