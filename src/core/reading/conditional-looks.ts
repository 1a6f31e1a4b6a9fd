/**
 * What a sheet's own conditional formats show on each cell, where the rules are simple equality
 * tests: `=TRIM($E8)="Red"` and `=$E8="Red"` (the forms Apply schema writes and people type), or a
 * "Cell value equal to" rule. Other rules (missing update, overdue, formulas with functions, other
 * comparisons) are not evaluated: the cell shows its own fill for them. Read from the snapshot, so
 * what is shown is what the workbook holds, not what the add-in meant to write.
 */
import type { ConditionalFormatSnapshot, GridRange, RawValue, SheetSnapshot } from "../basics/snapshot";
import { columnIndex } from "../basics/cell-address";

/** The look a matching rule gives a cell; null for a colour no matching rule sets. */
export interface ConditionalLook {
  readonly fill: string | null;
  readonly fontColor: string | null;
}

/** A cell reference in a rule, with which parts are absolute ($). 0-based. */
interface RuleReference {
  readonly row: number;
  readonly column: number;
  readonly rowAbsolute: boolean;
  readonly columnAbsolute: boolean;
}

/** One rule compiled: which cell it compares (null: the cell itself), how, and with what. */
interface EqualityTest {
  readonly reference: RuleReference | null;
  readonly trim: boolean;
  readonly literal: string | number;
  readonly anchor: { readonly row: number; readonly column: number };
  readonly ranges: readonly GridRange[];
  readonly look: ConditionalLook;
  readonly priority: number;
}

const REFERENCE = String.raw`(\$?)([A-Za-z]{1,3})(\$?)(\d+)`;
const LITERAL = String.raw`"((?:[^"]|"")*)"|(-?\d+(?:\.\d+)?)`;
const SIDE = String.raw`(?:(TRIM)\(\s*${REFERENCE}\s*\)|${REFERENCE})`;
/** `ref = literal`, the reference optionally inside TRIM(). */
const REFERENCE_FIRST = new RegExp(String.raw`^=?\s*${SIDE}\s*=\s*(?:${LITERAL})\s*$`, "i");
/** `literal = ref`. */
const LITERAL_FIRST = new RegExp(String.raw`^=?\s*(?:${LITERAL})\s*=\s*${SIDE}\s*$`, "i");
const LITERAL_ONLY = new RegExp(String.raw`^=?\s*(?:${LITERAL})\s*$`);

function literalOf(text: string | undefined, number: string | undefined): string | number | null {
  if (text !== undefined) return text.replace(/""/g, '"');
  if (number !== undefined) return Number(number);
  return null;
}

/** The reference and TRIM flag from SIDE's groups: [trim, $, col, $, row, $, col, $, row]. */
function sideOf(
  groups: ReadonlyArray<string | undefined>,
): { reference: RuleReference; trim: boolean } | null {
  const trim = groups[0] !== undefined;
  const [colAbs, col, rowAbs, row] = trim ? groups.slice(1, 5) : groups.slice(5, 9);
  if (col === undefined || row === undefined) return null;
  return {
    trim,
    reference: {
      row: Number(row) - 1,
      column: columnIndex(col),
      rowAbsolute: rowAbs === "$",
      columnAbsolute: colAbs === "$",
    },
  };
}

/**
 * The equality a rule tests, or null when it is not a simple equality.
 *   equalityOf("expression", null, '=TRIM($E8)="Red"') → { reference: E8 (column absolute), trim: true, literal: "Red" }
 *   equalityOf("cellIs", "equal", '="Amber"') → { reference: null, trim: false, literal: "Amber" }
 */
export function equalityOf(
  type: string,
  operator: string | null,
  formula: string,
): { reference: RuleReference | null; trim: boolean; literal: string | number } | null {
  if (type === "cellIs") {
    if (operator !== "equal") return null;
    const m = LITERAL_ONLY.exec(formula);
    const literal = m ? literalOf(m[1], m[2]) : null;
    return literal === null ? null : { reference: null, trim: false, literal };
  }
  if (type !== "expression") return null;
  const first = REFERENCE_FIRST.exec(formula);
  if (first) {
    const side = sideOf(first.slice(1, 10));
    const literal = literalOf(first[10], first[11]);
    return side === null || literal === null ? null : { ...side, literal };
  }
  const second = LITERAL_FIRST.exec(formula);
  if (second) {
    const literal = literalOf(second[1], second[2]);
    const side = sideOf(second.slice(3, 12));
    return side === null || literal === null ? null : { ...side, literal };
  }
  return null;
}

/** Excel's TRIM: spaces at either end removed, runs of spaces inside made one. */
function excelTrim(text: string): string {
  return text.replace(/ {2,}/g, " ").replace(/^ | $/g, "");
}

/** Whether a cell's value equals the literal as Excel's "=" compares: text without regard to case. */
function valueEquals(value: RawValue, literal: string | number, trim: boolean): boolean {
  if (typeof literal === "number") return typeof value === "number" && value === literal;
  if (typeof value === "number" || typeof value === "boolean") return false;
  const text = trim ? excelTrim(value ?? "") : (value ?? "");
  return text.toLocaleLowerCase("en-GB") === literal.toLocaleLowerCase("en-GB");
}

function inRanges(ranges: readonly GridRange[], row: number, column: number): boolean {
  return ranges.some((r) => row >= r.top && row <= r.bottom && column >= r.left && column <= r.right);
}

function compile(formats: readonly ConditionalFormatSnapshot[]): EqualityTest[] {
  const tests: EqualityTest[] = [];
  for (const format of formats) {
    const first = format.ranges[0];
    if (first === undefined) continue;
    for (const rule of format.rules) {
      if (rule.fill === null && rule.fontColor === null) continue;
      const equality = equalityOf(rule.type, rule.operator, rule.formula);
      if (equality === null) continue;
      tests.push({
        ...equality,
        anchor: { row: first.top, column: first.left },
        ranges: format.ranges,
        look: { fill: rule.fill, fontColor: rule.fontColor },
        priority: rule.priority,
      });
    }
  }
  return tests.sort((a, b) => a.priority - b.priority);
}

/**
 * A function giving the look the sheet's simple equality rules give a cell (0-based row and
 * column), or null when no such rule matches. Where several match, each colour comes from the
 * matching rule with the lowest priority number that sets it, as in Excel.
 *
 * @example
 * // E2:E10 has '=TRIM($E2)="Red"' → red fill, white font; E3 holds "red "
 * conditionalLooksOf(sheet)(2, 4) // → { fill: "#C00000", fontColor: "#FFFFFF" }
 */
export function conditionalLooksOf(
  sheet: SheetSnapshot,
): (row: number, column: number) => ConditionalLook | null {
  const tests = compile(sheet.conditionalFormats ?? []);
  if (tests.length === 0) return () => null;
  const valueAt = (row: number, column: number): RawValue => sheet.cells[row]?.[column]?.value ?? null;
  return (row, column) => {
    let fill: string | null = null;
    let fontColor: string | null = null;
    for (const test of tests) {
      if (!inRanges(test.ranges, row, column)) continue;
      const ref = test.reference;
      const target =
        ref === null
          ? { row, column }
          : {
              row: ref.rowAbsolute ? ref.row : ref.row + (row - test.anchor.row),
              column: ref.columnAbsolute ? ref.column : ref.column + (column - test.anchor.column),
            };
      if (!valueEquals(valueAt(target.row, target.column), test.literal, test.trim)) continue;
      fill ??= test.look.fill;
      fontColor ??= test.look.fontColor;
      if (fill !== null && fontColor !== null) break;
    }
    return fill === null && fontColor === null ? null : { fill, fontColor };
  };
}
