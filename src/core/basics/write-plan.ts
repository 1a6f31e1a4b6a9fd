/**
 * A write plan: every change an operation makes, as plain data. The core computes it; the Excel
 * shell (src/excel) and the file shell (src/xlsx) apply it; the task pane previews it in words.
 * Rows and columns are 0-based. Each op touches only the cells it names.
 */
import type { GridRange } from "./snapshot";

/** Excel's limit on the characters in one cell: no text write may hold more. */
export const MAX_CELL_TEXT_LENGTH = 32767;

/**
 * One cell to write. `text` is always written as text, never as a formula or a number, whatever it
 * starts with ("=SUM(1)", "3.10", "007", "+44…"): shells guard it (Excel: number format "@" first).
 */
export type CellWrite =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "number"; readonly value: number; readonly numberFormat?: string }
  | { readonly kind: "boolean"; readonly value: boolean }
  /** A date, written as a date serial with number format dd/mm/yyyy. */
  | { readonly kind: "date"; readonly iso: string }
  /** A live formula ("=COUNTIFS(…)"), with its computed value cached for files. */
  | { readonly kind: "formula"; readonly formula: string; readonly cached: string | number | null }
  /** Clear the cell's value (formats stay). */
  | { readonly kind: "blank" };

export interface CellStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly fontSize?: number;
  readonly fill?: string | null; // "#RRGGBB"; null clears the fill
  readonly fontColor?: string;
  readonly wrap?: boolean;
  readonly horizontal?: "left" | "center" | "right";
  readonly vertical?: "top" | "center" | "bottom";
}

/** A conditional-format rule over a range: a custom formula relative to the range's top-left cell. */
export interface ConditionalRule {
  /** e.g. '=$E8="Red"' for a range starting at row 8 (0-based 7). */
  readonly formula: string;
  readonly fill: string; // "#RRGGBB"
  readonly fontColor: string; // "#RRGGBB"
  readonly bold?: boolean;
}

/** A column's width in characters, and whether it is hidden (absent: left as it is). */
export interface ColumnWidth {
  readonly column: number;
  readonly width: number;
  readonly hidden?: boolean;
}

export interface ListValidation {
  /** A formula naming the allowed values: "=StatusList". */
  readonly source: string;
  readonly inCellDropdown: boolean;
  readonly errorStyle: "stop" | "warning";
  readonly errorTitle: string;
  readonly errorMessage: string;
  readonly prompt?: string;
}

export type WriteOp =
  /** Add a worksheet at the end of the tab order, or after `after`. */
  | { readonly kind: "addSheet"; readonly sheet: string; readonly after: string | null }
  /** Write a full rectangle of cells with its top-left at (row, column). */
  | {
      readonly kind: "writeCells";
      readonly sheet: string;
      readonly row: number;
      readonly column: number;
      readonly cells: ReadonlyArray<ReadonlyArray<CellWrite>>;
      /** The planner's words for this op in the preview ("E11: 'R' → 'Red'"); shells ignore it. */
      readonly note?: string;
    }
  /** Clear values and formats of the range (cells the operation owns, e.g. rows it moved away from). */
  | { readonly kind: "clearRange"; readonly sheet: string; readonly range: GridRange; readonly note?: string }
  /**
   * Close up rows within a block: in columns range.left..range.right, the cells of each row in `rows`
   * (ascending, all inside range) move with their values, formulas and formats to consecutive rows
   * from range.top, and the block's rows below the last one moved are cleared. A formula's text moves
   * as it is. Each row moves up or stays, so moving in order never overwrites a row not yet moved.
   * `cells` holds the moved rows as read, for a host that cannot move cells (Excel below ExcelApi 1.11):
   * it clears range and writes them there, so the moved rows lose their formats.
   */
  | {
      readonly kind: "moveRows";
      readonly sheet: string;
      readonly range: GridRange;
      readonly rows: readonly number[];
      readonly cells: ReadonlyArray<ReadonlyArray<CellWrite>>;
      readonly note?: string;
    }
  | { readonly kind: "unmerge"; readonly sheet: string; readonly range: GridRange; readonly note?: string }
  | {
      readonly kind: "styleRange";
      readonly sheet: string;
      readonly range: GridRange;
      readonly style: CellStyle;
      readonly note?: string;
    }
  /** Make a ListObject over range (header row included), with its header row written already. */
  | {
      readonly kind: "addTable";
      readonly sheet: string;
      readonly range: GridRange;
      readonly name: string;
      readonly style: string;
    }
  /**
   * Write rows directly below an existing table so that it grows over them (Excel expands a table
   * written below; never TableRowCollection.add, which conflicts under co-authoring).
   */
  | {
      readonly kind: "appendTableRows";
      readonly sheet: string;
      readonly table: string;
      readonly row: number;
      readonly column: number;
      readonly cells: ReadonlyArray<ReadonlyArray<CellWrite>>;
    }
  /** Replace the data validation on range. */
  | {
      readonly kind: "setValidation";
      readonly sheet: string;
      readonly range: GridRange;
      readonly rule: ListValidation;
    }
  /** Replace the conditional formats on range with these rules (so applying twice adds none). */
  | {
      readonly kind: "setConditionalFormats";
      readonly sheet: string;
      readonly range: GridRange;
      readonly rules: readonly ConditionalRule[];
    }
  /** Define (or redefine) a workbook-scoped name. */
  | { readonly kind: "defineName"; readonly name: string; readonly formula: string; readonly comment: string }
  /** Column widths (in characters); a column marked hidden is hidden too (carry-over keeps a source's hidden column hidden). */
  | {
      readonly kind: "setColumnWidths";
      readonly sheet: string;
      readonly widths: ReadonlyArray<ColumnWidth>;
    }
  /** Print setup for the meeting pack. */
  | {
      readonly kind: "setPageLayout";
      readonly sheet: string;
      readonly orientation: "landscape" | "portrait";
      readonly fitToPagesWide: number;
      /** 0-based inclusive rows repeated at the top of every printed page, or null. */
      readonly printTitleRows: { readonly first: number; readonly last: number } | null;
      /** The paper (UK print is A4); left as it is when absent. */
      readonly paperSize?: "A4";
      /** 0-based rows that start a new printed page (manual page breaks), replacing any there were. */
      readonly rowBreaks?: readonly number[];
      /**
       * The footer of every page: `center` as typed (a protective marking, "OFFICIAL-SENSITIVE"), or
       * null for none, and "Page n of m" on the right when pageNumbers.
       */
      readonly footer?: { readonly center: string | null; readonly pageNumbers: boolean };
    }
  /**
   * Hide whole rows (0-based, ascending). Carry-over keeps an action's row hidden on the new sheet when
   * it was hidden on the old one, as it keeps a hidden column hidden: carrying never shows what was hidden.
   */
  | {
      readonly kind: "hideRows";
      readonly sheet: string;
      readonly rows: readonly number[];
      /** The planner's words for this op in the preview; shells ignore it. */
      readonly note?: string;
    }
  /** Row heights in points (stored, so a reader that does not grow rows for wrapped text shows it all). */
  | {
      readonly kind: "setRowHeights";
      readonly sheet: string;
      readonly heights: ReadonlyArray<{ readonly row: number; readonly height: number }>;
    }
  /** A chart (Excel only; the file shell records that it left it out). */
  | {
      readonly kind: "addChart";
      readonly sheet: string;
      readonly name: string;
      readonly chartType: "barStacked" | "columnStacked";
      readonly source: GridRange;
      readonly anchor: GridRange;
      readonly title: string;
    }
  /** Show this sheet when the operation ends. */
  | { readonly kind: "activateSheet"; readonly sheet: string }
  /**
   * Protect the sheet (no password: it guards against slips, not people) with the cells of `unlocked`
   * left for typing; every other cell becomes read-only. A partner's return (core/planning/returns-make.ts).
   */
  | {
      readonly kind: "protectSheet";
      readonly sheet: string;
      readonly unlocked: readonly GridRange[];
    }
  /** Show or hide a sheet; "veryHidden" sheets are listed nowhere in Excel's interface. */
  | {
      readonly kind: "setSheetVisibility";
      readonly sheet: string;
      readonly visibility: "visible" | "hidden" | "veryHidden";
    };

export interface WritePlan {
  /** One line a person reads before anything is written ("Apply schema to 4 tables"). */
  readonly title: string;
  readonly ops: readonly WriteOp[];
}
