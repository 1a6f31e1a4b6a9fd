/**
 * A workbook snapshot: plain data read from Excel (src/excel) or from an .xlsx file (src/xlsx),
 * the only input the core reads. Rows and columns are 0-based; row 0 / column 0 is cell A1.
 */

/** An inclusive rectangle of cells, 0-based. */
export interface GridRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export type RawValue = string | number | boolean | null;

export interface CellSnapshot {
  /**
   * The value as Excel holds it: text, a number (dates are serial numbers, as Excel keeps them),
   * a boolean, or null for an empty cell. An error value (#REF!, #N/A) is its text with `isError`.
   */
  readonly value: RawValue;
  /** The text Excel displays for the cell. */
  readonly text: string;
  /** "General", "@", "dd/mm/yyyy", … */
  readonly numberFormat: string;
  /** Solid fill colour as "#RRGGBB" (upper case), or null when the cell has no fill. */
  readonly fill: string | null;
  /** The formula ("=A1+1") when the cell holds one, else null. */
  readonly formula: string | null;
  readonly isError?: boolean;
}

/** A ListObject that already exists in the workbook. */
export interface TableSnapshot {
  readonly name: string;
  /** Header row to last data row (a total row, if any, excluded). */
  readonly range: GridRange;
  readonly columnNames: readonly string[];
}

/** A list data validation (a dropdown) over a range: where its allowed values come from. */
export interface ValidationSnapshot {
  readonly range: GridRange;
  /** The list's source as the workbook holds it, as a formula: "=StatusList", "=\"Red,Amber\"". */
  readonly source: string;
}

/** One conditional-format rule as the workbook holds it, with the look it gives a cell. */
export interface ConditionalRuleSnapshot {
  /** "expression" (a formula) or "cellIs" (the cell compared with `formula` by `operator`); others as named. */
  readonly type: string;
  /** For cellIs: "equal", "notEqual", "between", …; null otherwise. */
  readonly operator: string | null;
  /** The rule's first formula with a leading "=": '=TRIM($E8)="Red"', or '="Red"' for cellIs. */
  readonly formula: string;
  /** The fill the rule gives, "#RRGGBB", or null when it sets none. */
  readonly fill: string | null;
  /** The font colour the rule gives, "#RRGGBB", or null when it sets none. */
  readonly fontColor: string | null;
  /** The sheet-wide priority: where several rules match a cell, the lowest number's look wins. */
  readonly priority: number;
}

/**
 * Conditional formats over a list of ranges (a sqref), their rules in priority order (first wins).
 * Relative references in a rule's formula are relative to the first range's top-left cell.
 */
export interface ConditionalFormatSnapshot {
  readonly ranges: readonly GridRange[];
  readonly rules: readonly ConditionalRuleSnapshot[];
}

export interface SheetSnapshot {
  readonly name: string;
  readonly visibility: "visible" | "hidden" | "veryHidden";
  /** Whether the sheet is protected (writes to locked cells would fail). */
  readonly isProtected: boolean;
  /**
   * Cells from A1 to the bottom-right of the used range: cells[row][column]. A cell that is empty
   * and unformatted may be null. Rows may be shorter than the widest row.
   */
  readonly cells: ReadonlyArray<ReadonlyArray<CellSnapshot | null>>;
  readonly merges: readonly GridRange[];
  readonly hiddenRows: readonly number[];
  readonly hiddenColumns: readonly number[];
  readonly tables: readonly TableSnapshot[];
  /**
   * The sheet's printed headers and footers as stored, Excel's codes included ("&COFFICIAL&RPage &P"),
   * blank ones left out; absent when the host does not read them.
   */
  readonly headerFooter?: readonly string[];
  /**
   * List validations (dropdowns). Undefined where the reader does not read them (the Excel reader);
   * the package reader gives them so the playground can mark dropdown cells.
   */
  readonly validations?: readonly ValidationSnapshot[];
  /**
   * Conditional formats. Undefined where the reader does not read them (the Excel reader); the
   * package reader gives them so the playground can show the colours Excel would.
   */
  readonly conditionalFormats?: readonly ConditionalFormatSnapshot[];
  /**
   * Column widths in characters, by 0-based column (null where the sheet sets none). Undefined where
   * the reader does not read them (the Excel reader) or the sheet sets none; the playground's grid
   * gives a column the width the workbook gives it, so an empty Update column is not the narrowest.
   */
  readonly columnWidths?: ReadonlyArray<number | null>;
}

export interface NamedRangeSnapshot {
  readonly name: string;
  /** What the name refers to, as a formula: "=Lists!$A$2:$A$9" or "=Leads[Code]". */
  readonly formula: string;
}

export interface WorkbookSnapshot {
  /** In tab order. */
  readonly sheets: readonly SheetSnapshot[];
  readonly names: readonly NamedRangeSnapshot[];
  /**
   * Whether the workbook's structure is protected (Review › Protect Workbook): no sheet can be added.
   * Undefined where the reader does not know (the file reader leaves it out).
   */
  readonly structureProtected?: boolean;
}
