/**
 * Reading a worksheet part (xl/worksheets/sheetN.xml): its cells as the file holds them, merges,
 * hidden rows and row heights, column widths and hidden columns, data validations, conditional
 * formats, sheet protection and the relationship ids of its tables. Values stay as written (a shared
 * string is its index); package-snapshot.ts turns them into what a snapshot cell shows.
 */
import { cellAddress, columnLetters, parseRangeAddress } from "../core/basics/cell-address";
import type { GridRange } from "../core/basics/snapshot";
import type { ZipPackage } from "./package-zip";
import { damagedPart, localName, scanPart } from "./part-package";
import type { XmlShortcut } from "./xml-tokens";
import { decodeXstring } from "./part-shared-strings";
import { quotedValue, xmlBoolean } from "./part-workbook";
import { MAX_UNSIGNED_INT, unsignedIntOf } from "./unsigned-int";

/**
 * A <c> element as written. Rows and columns are 1-based, as the file counts them. A reader is given
 * each in turn (CellVisitor) and keeps what it needs from it, never the object: the common cells of a
 * part all come in one object, set afresh for each.
 */
export interface CellPart {
  readonly row: number;
  readonly column: number;
  /** The t attribute: "s", "str", "inlineStr", "b", "e", "n" or undefined (a number). */
  readonly type: string | undefined;
  /** The s attribute (a cellXfs index), 0 when absent. */
  readonly style: number;
  /** The <v> text, or the inline string's text for t="inlineStr"; null when the cell has neither. */
  readonly value: string | null;
  /** The <f> text ("" for a shared formula's other cells), or null when the cell has no <f>. */
  readonly formula: string | null;
  /** The <f>'s t ("shared", "array", "dataTable"), si and ref. */
  readonly formulaType: string | undefined;
  readonly sharedIndex: string | undefined;
  readonly formulaRef: string | undefined;
}

/** A <row> element's own attributes (its cells go to the CellVisitor). */
export interface RowPart {
  readonly row: number;
  readonly hidden: boolean;
  /** The height in points when the row sets one (ht), else null. */
  readonly height: number | null;
  /** The row's style (s), or null when it has none. */
  readonly style: number | null;
}

/** A <col> element: the columns min…max (1-based) and what they share. */
export interface ColumnPart {
  readonly min: number;
  readonly max: number;
  readonly width: number | null;
  readonly hidden: boolean;
  readonly style: number | null;
}

/** A data validation: its kind, the cells it covers and its first formula (a list's source). */
export interface DataValidationPart {
  readonly type: string;
  readonly sqref: string;
  readonly formula1: string;
}

/** A <cfRule>: its kind, comparison, differential format and formulas, as written. */
export interface ConditionalRulePart {
  readonly type: string;
  readonly operator: string | null;
  /** The dxfs index of the look it gives, or null when it names none. */
  readonly dxfId: number | null;
  readonly priority: number;
  /** The <formula> texts, without a leading "=". */
  readonly formulas: readonly string[];
}

/** A conditional format: the cells it covers and its rules' kinds. */
export interface ConditionalFormatPart {
  readonly sqref: string;
  readonly ruleTypes: readonly string[];
  readonly rules: readonly ConditionalRulePart[];
}

/** A cell as the reader fills it in. */
type CellBeingRead = { -readonly [K in keyof CellPart]: CellPart[K] };

/** Called with each cell of the part, in document order. */
export type CellVisitor = (cell: CellPart) => void;

/** A worksheet part but its cells, which go to a CellVisitor as they are read. */
export interface WorksheetPart {
  readonly rows: readonly RowPart[];
  readonly merges: readonly GridRange[];
  readonly columns: readonly ColumnPart[];
  readonly dataValidations: readonly DataValidationPart[];
  readonly conditionalFormats: readonly ConditionalFormatPart[];
  /** <sheetProtection sheet="1">: locked cells cannot be written. */
  readonly isProtected: boolean;
  /** The page headers' and footers' texts as stored (with their &-codes), blank ones left out. */
  readonly headerFooter: readonly string[];
  /** The relationship ids of the sheet's <tablePart>s. */
  readonly tableRelationshipIds: readonly string[];
}

/** Column letters ("AB") → 1-based number; 0 for no letters. */
function columnNumber(ref: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) n = n * 26 + (ref.charCodeAt(i) & 0x1f);
  return n;
}

/** The 1-based row and column of an A1 reference ("$" not allowed, as in a cell's r attribute). */
function cellReference(ref: string): { row: number; column: number } | null {
  let letters = 0;
  while (letters < ref.length) {
    const code = ref.charCodeAt(letters);
    if (!((code >= 65 && code <= 90) || (code >= 97 && code <= 122))) break;
    letters++;
  }
  if (letters === 0 || letters > 3 || letters === ref.length) return null;
  const row = Number(ref.slice(letters));
  if (!Number.isInteger(row) || row < 1) return null;
  return { row, column: columnNumber(ref, letters) };
}

const SPACE = 0x20;
const SLASH = 0x2f;

/** Excel's grid: 1,048,576 rows by 16,384 columns (XFD). */
const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

/** The elements of <headerFooter> that hold a header's or footer's text. */
const HEADER_FOOTER_TEXTS: ReadonlySet<string> = new Set([
  "oddHeader",
  "oddFooter",
  "evenHeader",
  "evenFooter",
  "firstHeader",
  "firstFooter",
]);

/**
 * A cell as Excel writes most of them, matched whole (xml-tokens.ts XmlShortcut): `<c r="B13" s="5"
 * t="s"><v>12</v></c>` or `<c r="B13" s="5"/>`, attributes in that order, a value with nothing to
 * resolve. 1 the column letters, 2 the row, 3 the style, 4 the type, 5 the value. Any other cell (a
 * formula, an inline string, another order, white space, a reference) is read token by token. The
 * writer (package-sheet.ts) takes the same cells whole, so the two agree on what a common cell is.
 */
export const COMMON_CELL =
  /<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"(?: s="([0-9]{1,9})")?(?: t="(s|n|b|e|str)")?(?:\/>|>(?:<v>([^<&\r\]]+)<\/v>)?<\/c>)/y;

/**
 * A row's start tag as Excel writes most of them, matched on its own (its cells and end tag come
 * after): `<row r="13" spans="1:6" s="2" customFormat="1" ht="30" hidden="1" customHeight="1"
 * x14ac:dyDescent="0.25">`, every attribute but r optional, in that order (the schema's), values with
 * nothing to resolve, "/>" when the row is empty. No groups: a match array per cell is much of what a
 * sheet's read allocates, and each group here would lengthen every cell's; the rows, a sixth as
 * many, are read from the matched tag. Any other row start tag is read token by token.
 */
const COMMON_ROW =
  /<row r="[1-9][0-9]{0,6}"(?: spans="[0-9]{1,5}:[0-9]{1,5}")?(?: s="[0-9]{1,9}")?(?: customFormat="(?:0|1|false|true)")?(?: ht="[0-9]{1,3}(?:\.[0-9]{1,17})?")?(?: hidden="(?:0|1|false|true)")?(?: customHeight="(?:0|1|false|true)")?(?: x14ac:dyDescent="[0-9]{1,3}(?:\.[0-9]{1,17})?")?\/?>/;

/** What the worksheet reader takes whole: a common cell (COMMON_CELL's groups) or a common row's start tag. */
const COMMON_CELL_OR_ROW = new RegExp(`${COMMON_CELL.source}|${COMMON_ROW.source}`, "y");

/**
 * Reads the worksheet part, giving each cell to `onCell` as it is read: a sheet's cells are most of
 * what a workbook holds, and the snapshot is made of them at once rather than of a list of them kept
 * to the end of the part. A reference outside Excel's grid is damage, and so is a style (a cell's,
 * row's or column's) that is no xsd:unsignedInt ("NaN", "-1"): read as the default style it would be
 * copied into every workbook written from this one, which Excel would have to repair. `sheet` names
 * the sheet in the message.
 */
export function readWorksheetPart(
  zip: ZipPackage,
  partName: string,
  onCell: CellVisitor,
  sheet: string | null = null,
): WorksheetPart {
  /** The object every common cell comes in (CellPart: the visitor keeps none). */
  const common: CellBeingRead = {
    row: 0,
    column: 0,
    type: undefined,
    style: 0,
    value: null,
    formula: null,
    formulaType: undefined,
    sharedIndex: undefined,
    formulaRef: undefined,
  };
  const rows: RowPart[] = [];
  const merges: GridRange[] = [];
  const columns: ColumnPart[] = [];
  const dataValidations: DataValidationPart[] = [];
  const conditionalFormats: ConditionalFormatPart[] = [];
  const tableRelationshipIds: string[] = [];
  let isProtected = false;

  let rowNumber = 0;
  let columnNumberSeen = 0;
  // The cell being read.
  let cell: CellBeingRead | null = null;
  /** Which text the tokens are in: a value, a formula, an inline string's text (phonetic runs excluded). */
  let into: "v" | "f" | "t" | null = null;
  let phonetic = 0;
  let validation: { type: string; sqref: string; formula1: string } | null = null;
  let inFormula1 = false;
  const headerFooter: string[] = [];
  /** The header or footer text being read (oddHeader, oddFooter, evenHeader…), or null. */
  let headerText: string | null = null;
  let conditional: { sqref: string; ruleTypes: string[]; rules: ConditionalRulePart[] } | null = null;
  let rule: {
    type: string;
    operator: string | null;
    dxfId: number | null;
    priority: number;
    formulas: string[];
  } | null = null;
  let inRuleFormula = false;

  const outside = (what: string): Error => damagedPart(zip, `${partName} has ${what} outside the grid`);
  /** The style index `text` of the cell, row or columns `what`, refused when it is none. */
  const styleIndex = (text: string, what: () => string): number => {
    const index = unsignedIntOf(text);
    if (index !== null) return index;
    const place = sheet === null ? partName : `sheet '${sheet}'`;
    throw damagedPart(
      zip,
      `in ${place}, the style of ${what()} is ${quotedValue(text)}, which is no style number (a whole number up to ${MAX_UNSIGNED_INT})`,
    );
  };

  /** A row's start: its number, and its own attributes kept when it has any. */
  const startRow = (
    r: string | undefined,
    hiddenText: string | undefined,
    heightText: string | undefined,
    styleText: string | undefined,
  ): void => {
    const row = r === undefined ? rowNumber + 1 : Number(r);
    if (!Number.isInteger(row) || row < 1 || row > MAX_ROW) throw outside(`a row ${r ?? ""}`);
    rowNumber = row;
    columnNumberSeen = 0;
    const hidden = xmlBoolean(hiddenText);
    const height = heightText === undefined ? null : parseFloat(heightText);
    const style = styleText === undefined ? null : styleIndex(styleText, () => `row ${row}`);
    if (hidden || height !== null || style !== null) {
      rows.push({ row, hidden, height: Number.isFinite(height) ? height : null, style });
    }
  };

  const commonCellOrRow: XmlShortcut = {
    first: "cr",
    pattern: COMMON_CELL_OR_ROW,
    take(m) {
      if (m[1] === undefined) {
        // A row: ` name="value"` after ` r="…"`, each as COMMON_ROW has it.
        const tag = m[0];
        let at = tag.indexOf('"', 8);
        const r = tag.slice(8, at);
        let style: string | undefined;
        let height: string | undefined;
        let hidden: string | undefined;
        while (tag.charCodeAt(at + 1) === SPACE) {
          const equals = tag.indexOf("=", at);
          const close = tag.indexOf('"', equals + 2);
          const nameLength = equals - at - 2;
          if (nameLength === 1) style = tag.slice(equals + 2, close);
          else if (nameLength === 2 && tag.startsWith("ht", at + 2)) height = tag.slice(equals + 2, close);
          else if (nameLength === 6 && tag.startsWith("hidden", at + 2))
            hidden = tag.slice(equals + 2, close);
          at = close;
        }
        startRow(r, hidden, height, style);
        return tag.charCodeAt(tag.length - 2) === SLASH ? undefined : "row";
      }
      const letters = m[1];
      const row = Number(m[2]);
      const column = columnNumber(letters, letters.length);
      if (column > MAX_COLUMN || row > MAX_ROW) throw outside(`a cell ${letters}${m[2]}`);
      columnNumberSeen = column;
      common.row = row;
      common.column = column;
      common.type = m[4];
      common.style = m[3] === undefined ? 0 : parseInt(m[3], 10);
      common.value = m[5] ?? null;
      onCell(common);
      return undefined;
    },
  };

  const found = scanPart(
    zip,
    partName,
    {
      start(tag) {
        const a = tag.attributes;
        const name = localName(tag.name);
        if (HEADER_FOOTER_TEXTS.has(name)) headerText = "";
        switch (name) {
          case "row":
            startRow(a.r, a.hidden, a.ht, a.s);
            break;
          case "c": {
            let row = rowNumber;
            let column = columnNumberSeen + 1;
            if (a.r !== undefined) {
              const ref = cellReference(a.r);
              if (ref === null || ref.column > MAX_COLUMN || ref.row > MAX_ROW)
                throw outside(`a cell ${a.r}`);
              row = ref.row;
              column = ref.column;
            }
            if (row < 1) throw outside("a cell with no row");
            columnNumberSeen = column;
            cell = {
              row,
              column,
              type: a.t,
              style:
                a.s === undefined ? 0 : styleIndex(a.s, () => `cell ${cellAddress(row - 1, column - 1)}`),
              value: null,
              formula: null,
              formulaType: undefined,
              sharedIndex: undefined,
              formulaRef: undefined,
            };
            break;
          }
          case "v":
            if (cell !== null) into = "v";
            break;
          case "f":
            if (cell !== null) {
              into = "f";
              cell.formula = "";
              cell.formulaType = a.t;
              cell.sharedIndex = a.si;
              cell.formulaRef = a.ref;
            }
            break;
          case "t":
            if (cell !== null && phonetic === 0) into = "t";
            break;
          case "rPh":
            phonetic++;
            break;
          case "mergeCell":
            if (a.ref !== undefined) {
              const range = parseMerge(a.ref);
              if (range === null) throw damagedPart(zip, `${partName} has a merge ${a.ref} that is no range`);
              merges.push(range);
            }
            break;
          case "col": {
            const min = parseInt(a.min ?? "0", 10);
            const max = parseInt(a.max ?? "0", 10);
            if (!(min >= 1 && max >= min && max <= MAX_COLUMN)) throw outside(`columns ${a.min}:${a.max}`);
            const width = a.width === undefined ? null : parseFloat(a.width);
            columns.push({
              min,
              max,
              width: Number.isFinite(width) ? width : null,
              hidden: xmlBoolean(a.hidden),
              style:
                a.style === undefined
                  ? null
                  : styleIndex(a.style, () => `columns ${columnLetters(min - 1)}:${columnLetters(max - 1)}`),
            });
            break;
          }
          case "sheetProtection":
            isProtected = xmlBoolean(a.sheet);
            break;
          case "tablePart": {
            const id = a["r:id"] ?? Object.entries(a).find(([k]) => k.endsWith(":id"))?.[1];
            if (id !== undefined) tableRelationshipIds.push(id);
            break;
          }
          case "dataValidation":
            validation = { type: a.type ?? "none", sqref: a.sqref ?? "", formula1: "" };
            break;
          case "formula1":
            inFormula1 = validation !== null;
            break;
          case "conditionalFormatting":
            conditional = { sqref: a.sqref ?? "", ruleTypes: [], rules: [] };
            break;
          case "cfRule":
            if (conditional !== null) {
              conditional.ruleTypes.push(a.type ?? "");
              const dxfId = a.dxfId === undefined ? NaN : parseInt(a.dxfId, 10);
              const priority = a.priority === undefined ? NaN : parseInt(a.priority, 10);
              rule = {
                type: a.type ?? "",
                operator: a.operator ?? null,
                dxfId: Number.isInteger(dxfId) && dxfId >= 0 ? dxfId : null,
                priority: Number.isInteger(priority) ? priority : Number.MAX_SAFE_INTEGER,
                formulas: [],
              };
            }
            break;
          case "formula":
            if (rule !== null) {
              inRuleFormula = true;
              rule.formulas.push("");
            }
            break;
        }
      },
      text(text) {
        if (cell !== null && into !== null) {
          if (into === "f") cell.formula += text.text;
          else cell.value = (cell.value ?? "") + (into === "t" ? decodeXstring(text.text) : text.text);
        } else if (inFormula1 && validation !== null) validation.formula1 += text.text;
        else if (headerText !== null) headerText += text.text;
        else if (inRuleFormula && rule !== null && rule.formulas.length > 0) {
          rule.formulas[rule.formulas.length - 1] += text.text;
        }
      },
      end(tag) {
        const name = localName(tag.name);
        if (HEADER_FOOTER_TEXTS.has(name)) {
          if (headerText !== null && headerText.trim() !== "") headerFooter.push(headerText);
          headerText = null;
        }
        switch (name) {
          case "c":
            if (cell !== null) onCell(cell);
            cell = null;
            into = null;
            break;
          case "v":
          case "f":
          case "t":
            into = null;
            break;
          case "rPh":
            phonetic--;
            break;
          case "dataValidation":
            if (validation !== null) dataValidations.push(validation);
            validation = null;
            break;
          case "formula1":
            inFormula1 = false;
            break;
          case "conditionalFormatting":
            if (conditional !== null) conditionalFormats.push(conditional);
            conditional = null;
            break;
          case "cfRule":
            if (rule !== null && conditional !== null) conditional.rules.push(rule);
            rule = null;
            break;
          case "formula":
            inRuleFormula = false;
            break;
        }
      },
    },
    commonCellOrRow,
  );
  if (!found) throw damagedPart(zip, `its worksheet ${partName} is missing`);
  return {
    rows,
    merges,
    columns,
    dataValidations,
    conditionalFormats,
    isProtected,
    headerFooter,
    tableRelationshipIds,
  };
}

function parseMerge(ref: string): GridRange | null {
  if (!/^[A-Za-z]{1,3}\d+(:[A-Za-z]{1,3}\d+)?$/.test(ref)) return null;
  const range = parseRangeAddress(ref);
  return {
    top: range.top,
    left: range.left,
    bottom: Math.max(range.top, range.bottom),
    right: Math.max(range.left, range.right),
  };
}
