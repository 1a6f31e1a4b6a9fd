/**
 * Builds small workbook snapshots inline for core tests:
 *   workbook(sheet("Plan", [["Ref", "Action", "Status"], ["1", "Do it", { value: "", fill: "#FF0000" }]]))
 */
import type {
  CellSnapshot,
  GridRange,
  NamedRangeSnapshot,
  RawValue,
  SheetSnapshot,
  TableSnapshot,
  WorkbookSnapshot,
} from "../../src/core/basics/snapshot";

export type CellSpec =
  | RawValue
  | {
      value?: RawValue;
      text?: string;
      fill?: string | null;
      numberFormat?: string;
      formula?: string | null;
      isError?: boolean;
    };

export function cell(spec: CellSpec): CellSnapshot | null {
  if (spec === null || spec === undefined) return null;
  if (typeof spec !== "object") {
    return { value: spec, text: String(spec), numberFormat: "General", fill: null, formula: null };
  }
  const value = spec.value ?? null;
  return {
    value,
    text: spec.text ?? (value === null ? "" : String(value)),
    numberFormat: spec.numberFormat ?? "General",
    fill: spec.fill ?? null,
    formula: spec.formula ?? null,
    ...(spec.isError ? { isError: true } : {}),
  };
}

export interface SheetOptions {
  merges?: GridRange[];
  hiddenRows?: number[];
  hiddenColumns?: number[];
  tables?: TableSnapshot[];
  isProtected?: boolean;
  visibility?: SheetSnapshot["visibility"];
}

export function sheet(name: string, rows: CellSpec[][], options: SheetOptions = {}): SheetSnapshot {
  return {
    name,
    visibility: options.visibility ?? "visible",
    isProtected: options.isProtected ?? false,
    cells: rows.map((r) => r.map(cell)),
    merges: options.merges ?? [],
    hiddenRows: options.hiddenRows ?? [],
    hiddenColumns: options.hiddenColumns ?? [],
    tables: options.tables ?? [],
  };
}

export function workbook(...sheets: SheetSnapshot[]): WorkbookSnapshot {
  return { sheets, names: [] };
}

export function workbookWithNames(names: NamedRangeSnapshot[], ...sheets: SheetSnapshot[]): WorkbookSnapshot {
  return { sheets, names };
}
