/**
 * The core's WorkbookSnapshot read straight from an .xlsx package: the zip read once
 * (package-zip.ts), each part read by its own module (part-*.ts) through the XML tokenizer, fills
 * resolved against the workbook's own theme. What the CLI and the playground read; ExcelJS
 * (test/support/exceljs) stays only as the bench's yardstick and the tests' independent reader.
 * No Node built-ins here, so the browser playground can use it too.
 */
import type {
  CellSnapshot,
  ConditionalFormatSnapshot,
  GridRange,
  NamedRangeSnapshot,
  SheetSnapshot,
  TableSnapshot,
  ValidationSnapshot,
  WorkbookSnapshot,
} from "../core/basics/snapshot";
import { cellAddress, parseRangeAddress } from "../core/basics/cell-address";
import { memoise } from "../core/basics/memo";
import { displayText } from "./cell-display";
import {
  type BoundedInflate,
  type Crc32,
  DEFAULT_LIMITS,
  type PackageLimits,
  ZipPackage,
} from "./package-zip";
import {
  type Relationship,
  damagedPart,
  mainPartOf,
  readContentTypes,
  readRelationships,
} from "./part-package";
import { readSharedStrings } from "./part-shared-strings";
import {
  type CellStyle,
  type DifferentialLook,
  cellStylesOf,
  differentialLooksOf,
  readStylesPart,
} from "./part-styles";
import { readTablePart } from "./part-table";
import { readThemeColours } from "./part-theme";
import { type WorkbookPart, quotedValue, readWorkbookPart } from "./part-workbook";
import {
  type CellPart,
  type CellVisitor,
  type ColumnPart,
  type WorksheetPart,
  readWorksheetPart,
} from "./part-worksheet";
import { shiftFormula } from "../core/basics/formula-references";

export interface PackageReadOptions {
  /** Names the file in error messages ("the workbook" when not given). */
  readonly file?: string;
  readonly limits?: PackageLimits;
  /** A native inflate (Node's zlib, from node-files.ts) in place of fflate's. */
  readonly inflate?: BoundedInflate;
  /** A native CRC-32 (Node's zlib.crc32, from node-files.ts) to check each part read, in place of the JavaScript one. */
  readonly crc32?: Crc32;
  /**
   * Theme colours by index to resolve fills against instead of the workbook's theme part (the
   * differential test gives ExcelJS's fixed palette).
   */
  readonly themeColours?: readonly string[];
}

/** Defined names the snapshot leaves out: Excel keeps each sheet's print setup in them. */
const PRINT_NAMES = new Set(["_xlnm.print_area", "_xlnm.print_titles"]);

const DAY_MS = 86_400_000;
const UNIX_EPOCH_SERIAL = 25_569;
/** Days between the 1900 and 1904 date systems' day 0. */
const DAYS_1904 = 1462;

/**
 * Whether a number with this format is a date, the test the snapshot's serials have always been
 * made with: any of y m d h s b outside [brackets] and "quotes".
 */
const isDateFormatCode = memoise(1000, (format: string): boolean => {
  if (format === "General") return false;
  const bare = format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "");
  return /[ymdhMsb]/.test(bare);
});

/**
 * A date serial as the snapshot holds it: in the 1900 system (a 1904 workbook's serial moved by
 * 1,462 days) and to the millisecond, rounded as the ExcelJS reader rounded it.
 */
function dateSerial(serial: number, date1904: boolean): number {
  const ms = Math.round((serial - UNIX_EPOCH_SERIAL + (date1904 ? DAYS_1904 : 0)) * 24 * 3600 * 1000);
  return UNIX_EPOCH_SERIAL + ms / DAY_MS;
}

/** What one sheet is read with: the workbook's strings, styles and date system. */
interface SheetContext {
  readonly strings: readonly string[];
  /** Why the workbook holds no shared strings ("it has no shared strings part"), or null when it has some. */
  readonly noStrings: string | null;
  /** Names the file in a refusal. */
  readonly zip: ZipPackage;
  readonly styleOf: (index: number) => CellStyle;
  readonly date1904: boolean;
  /** The look of a differential format (a conditional format's dxfId). */
  readonly lookOf: (dxfId: number) => DifferentialLook;
}

/**
 * The sheet's cells by 0-based row and column as they are read: a cell the file holds is its snapshot
 * or null (it shows nothing); undefined is a cell the file does not hold (an empty cell in the default
 * format is none), which a merge may bring into being.
 */
/** A merge over more cells than this is formatting: the same bound as the reader's MergeIndex. */
const LARGE_MERGE = 10_000;

type Grid = Array<Array<CellSnapshot | null | undefined> | undefined>;

/**
 * The text of the shared string a cell's value `raw` names ("12"; "012" too); "" for an empty value,
 * as before. A value naming no string the workbook holds is damage: read as empty (or as another
 * string), its cell would be lost, or its table's header would disagree with the column it names, in
 * every workbook written from it.
 */
function sharedString(raw: string, context: SheetContext, sheet: string, cell: CellPart): string {
  // An array read by an index's canonical text ("12") reads that index, and "-1", "1e1" or "12.5"
  // read nothing: the common case costs no conversion. A key the array has as a property, not an
  // item ("length", "map", "__proto__"), is no string, and names none.
  const text = (context.strings as unknown as Readonly<Record<string, unknown>>)[raw];
  if (typeof text === "string") return text;
  if (raw === "") return "";
  const digits = /^[0-9]+$/.test(raw);
  const index = digits ? Number(raw) : -1;
  const found = context.strings[index];
  if (found !== undefined) return found;
  const place = `sheet '${sheet}', cell ${cellAddress(cell.row - 1, cell.column - 1)}`;
  const held = context.strings.length;
  throw damagedPart(
    context.zip,
    digits
      ? `${place} refers to shared string ${raw.length > 24 ? quotedValue(raw) : index}, but the workbook holds ${held === 0 ? `none (${context.noStrings ?? "its shared strings part is empty"})` : held}`
      : `${place} refers to shared string ${quotedValue(raw)}, which names none`,
  );
}

/** A cell as the snapshot holds it, or null for an empty unformatted cell; undefined to leave it out. */
function snapshotCell(
  cell: CellPart,
  context: SheetContext,
  formula: string | null,
  sheet: string,
): CellSnapshot | null | undefined {
  const style = context.styleOf(cell.style);
  const { numberFormat, fill } = style;
  const raw = cell.value;
  const isFormula = (cell.formula !== null && cell.formula !== "") || cell.formulaType !== undefined;
  let value: string | number | boolean | null = null;
  let error = false;
  // A formula's value is its cached result, and an empty <v> there is no result.
  if (raw !== null && !(isFormula && raw === "")) {
    switch (cell.type ?? "n") {
      case "s":
        value = sharedString(raw, context, sheet, cell);
        break;
      case "str":
      case "inlineStr":
        value = raw;
        break;
      case "b":
        value = parseInt(raw, 10) !== 0;
        break;
      case "e":
        value = raw;
        error = true;
        break;
      default:
        value = parseFloat(raw);
        if (isDateFormatCode(numberFormat)) value = dateSerial(value, context.date1904);
    }
  } else if (!isFormula && cell.style === 0) {
    // An empty cell with the default format is no cell at all.
    return undefined;
  }
  const formulaText = isFormula && formula ? `=${formula}` : null;
  if (error) {
    const text = String(value);
    return { value: text, text, numberFormat, fill, formula: formulaText, isError: true };
  }
  if (value === null && fill === null && formulaText === null && numberFormat === "General") return null;
  return { value, text: displayText(value, numberFormat), numberFormat, fill, formula: formulaText };
}

/** A style as the row's or column's own: what a cell a merge brings into being shows. */
function mergedStyle(rowStyle: CellStyle | null, columnStyle: CellStyle | null): CellStyle {
  const format = (s: CellStyle | null): string | null =>
    s !== null && s.numberFormat !== "General" ? s.numberFormat : null;
  return {
    numberFormat: format(rowStyle) ?? format(columnStyle) ?? "General",
    fill: rowStyle?.fill ?? columnStyle?.fill ?? null,
  };
}

/** Columns 1…n as their <col> elements define them: sorted by min, a later overlap cut to what is left. */
function columnDefinitions(columns: readonly ColumnPart[]): Array<ColumnPart | undefined> {
  const out: Array<ColumnPart | undefined> = [];
  let next = 1;
  for (const col of [...columns].sort((a, b) => a.min - b.min)) {
    while (next < col.min) out[next++ - 1] = undefined;
    while (next <= col.max) out[next++ - 1] = col;
  }
  return out;
}

function setCell(grid: Grid, row: number, column: number, cell: CellSnapshot | null): void {
  let cells = grid[row];
  if (cells === undefined) {
    cells = [];
    grid[row] = cells;
  }
  while (cells.length < column) cells.push(undefined);
  cells[column] = cell;
}

/**
 * The cells of one sheet, made as its part is read (readWorksheetPart's visitor): each cell's
 * snapshot set in the grid, shared formulas slid from their masters, which come first in the part.
 */
function cellReader(grid: Grid, context: SheetContext, sheet: string): CellVisitor {
  /** Shared formulas' masters by si: the formula and where it is written (1-based). */
  const masters = new Map<string, { formula: string; row: number; column: number }>();
  return (cell) => {
    let formula = cell.formula;
    if (cell.formulaType === "shared" && cell.sharedIndex !== undefined) {
      if (cell.formulaRef !== undefined && formula) {
        masters.set(cell.sharedIndex, { formula, row: cell.row, column: cell.column });
      } else if (!formula) {
        const master = masters.get(cell.sharedIndex);
        formula = master
          ? shiftFormula(master.formula, cell.row - master.row, cell.column - master.column)
          : null;
      }
    }
    const snap = snapshotCell(cell, context, formula, sheet);
    if (snap !== undefined) setCell(grid, cell.row - 1, cell.column - 1, snap);
    // A cell the snapshot leaves out is still one the file holds (an empty <f/>): a merge over it
    // treats it as there.
    else if (cell.formula !== null && grid[cell.row - 1]?.[cell.column - 1] === undefined) {
      setCell(grid, cell.row - 1, cell.column - 1, null);
    }
  };
}

function sheetSnapshot(
  name: string,
  visibility: SheetSnapshot["visibility"],
  part: WorksheetPart,
  grid: Grid,
  tables: TableSnapshot[],
  context: SheetContext,
): SheetSnapshot {
  if (part.merges.length > 0) {
    const rowStyles = new Map(part.rows.map((r) => [r.row, r.style ? context.styleOf(r.style) : null]));
    const columns = columnDefinitions(part.columns);
    const styleOfNew = (row: number, column: number): CellStyle => {
      const col = columns[column - 1];
      return mergedStyle(rowStyles.get(row) ?? null, col?.style ? context.styleOf(col.style) : null);
    };
    for (const merge of part.merges) {
      // A large merge is formatting, not data (as MergeIndex takes it), and may cover the whole sheet
      // (A1:XFD1048576, 17 billion cells): only the cells the file holds inside it are read, as the
      // empty cells Excel shows; none is brought into being from a row's or column's fill.
      const large = (merge.bottom - merge.top + 1) * (merge.right - merge.left + 1) > LARGE_MERGE;
      const bottom = large ? Math.min(merge.bottom, grid.length - 1) : merge.bottom;
      for (let r = merge.top; r <= bottom; r++) {
        const right = large ? Math.min(merge.right, (grid[r]?.length ?? 0) - 1) : merge.right;
        for (let c = merge.left; c <= right; c++) {
          if (large && grid[r]?.[c] === undefined) continue;
          const isMaster = r === merge.top && c === merge.left;
          const held = grid[r]?.[c];
          if (isMaster && held !== undefined) continue;
          // A merged area's other cells are empty to Excel, whatever the file holds in them.
          const style = held !== undefined ? held : styleOfNew(r + 1, c + 1);
          const fill = style === null ? null : style.fill;
          const numberFormat = style === null ? "General" : style.numberFormat;
          const keep = isMaster ? fill !== null || numberFormat !== "General" : fill !== null;
          setCell(grid, r, c, keep ? { value: null, text: "", numberFormat, fill, formula: null } : null);
        }
      }
    }
  }

  const cells: Array<Array<CellSnapshot | null>> = [];
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    if (row === undefined) {
      cells.push([]);
      continue;
    }
    let end = row.length;
    while (end > 0 && (row[end - 1] ?? null) === null) end--;
    if (end < row.length) row.length = end;
    // A cell the file does not hold is no cell to the snapshot.
    for (let c = 0; c < end; c++) if (row[c] === undefined) row[c] = null;
    cells.push(row as Array<CellSnapshot | null>);
  }
  while (cells.length > 0 && (cells[cells.length - 1]?.length ?? 0) === 0) cells.pop();

  const hiddenRows = part.rows
    .filter((r) => r.hidden)
    .map((r) => r.row - 1)
    .sort((a, b) => a - b);
  const hiddenColumns: number[] = [];
  columnDefinitions(part.columns).forEach((col, i) => {
    if (col?.hidden) hiddenColumns.push(i);
  });
  const columnWidths = columnDefinitions(part.columns).map((col) => col?.width ?? null);
  const validations = validationsOf(part);
  const conditionalFormats = conditionalFormatsOf(part, context);
  return {
    name,
    visibility,
    isProtected: part.isProtected,
    cells,
    merges: part.merges,
    hiddenRows,
    hiddenColumns,
    tables,
    // A protective marking (OFFICIAL…) printed in a header or footer is repeated on the Summary.
    ...(part.headerFooter.length > 0 ? { headerFooter: part.headerFooter } : {}),
    // Left out when the sheet has none, so a snapshot of a plain sheet is what it always was.
    ...(validations.length > 0 ? { validations } : {}),
    ...(conditionalFormats.length > 0 ? { conditionalFormats } : {}),
    ...(columnWidths.some((w) => w !== null) ? { columnWidths } : {}),
  };
}

/** The ranges of a sqref ("E2:E10 G2"); a reference that is no range is left out (it marks nothing). */
function sqrefRanges(sqref: string): GridRange[] {
  const ranges: GridRange[] = [];
  for (const ref of sqref.trim().split(/\s+/)) {
    if (!/^\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?$/.test(ref)) continue;
    ranges.push(parseRangeAddress(ref));
  }
  return ranges;
}

/** The sheet's list validations (dropdowns), one per range of each validation's sqref. */
function validationsOf(part: WorksheetPart): ValidationSnapshot[] {
  const out: ValidationSnapshot[] = [];
  for (const validation of part.dataValidations) {
    if (validation.type !== "list" || validation.formula1.trim() === "") continue;
    const source = `=${validation.formula1.trim().replace(/^=/, "")}`;
    for (const range of sqrefRanges(validation.sqref)) out.push({ range, source });
  }
  return out;
}

/** The sheet's conditional formats with each rule's look resolved, rules in priority order. */
function conditionalFormatsOf(part: WorksheetPart, context: SheetContext): ConditionalFormatSnapshot[] {
  const out: ConditionalFormatSnapshot[] = [];
  for (const format of part.conditionalFormats) {
    const ranges = sqrefRanges(format.sqref);
    if (ranges.length === 0 || format.rules.length === 0) continue;
    const rules = [...format.rules]
      .sort((a, b) => a.priority - b.priority)
      .map((rule) => {
        const look = rule.dxfId === null ? { fill: null, fontColor: null } : context.lookOf(rule.dxfId);
        const first = rule.formulas[0] ?? "";
        return {
          type: rule.type,
          operator: rule.operator,
          formula: first === "" ? "" : `=${first.replace(/^=/, "")}`,
          fill: look.fill,
          fontColor: look.fontColor,
          priority: rule.priority,
        };
      });
    out.push({ ranges, rules });
  }
  return out;
}

function tablesOf(zip: ZipPackage, sheetPart: string, part: WorksheetPart): TableSnapshot[] {
  if (part.tableRelationshipIds.length === 0) return [];
  const relationships = new Map(readRelationships(zip, sheetPart).map((r) => [r.id, r]));
  const tables: TableSnapshot[] = [];
  for (const id of part.tableRelationshipIds) {
    const target = relationships.get(id);
    if (!target || target.external) {
      throw damagedPart(zip, `${sheetPart} names a table by relationship ${id}, which it does not have`);
    }
    if (!zip.has(target.target)) throw damagedPart(zip, `its table part ${target.target} is missing`);
    const table = readTablePart(zip, target.target);
    if (table === null || !table.ref.includes(":")) continue;
    const range: GridRange = parseRangeAddress(table.ref);
    const bottom = table.totalsRowCount > 0 ? range.bottom - table.totalsRowCount : range.bottom;
    tables.push({
      name: table.name,
      range: { ...range, bottom: Math.max(bottom, range.top) },
      columnNames: table.columnNames,
    });
  }
  return tables;
}

function namesOf(workbook: WorkbookPart): NamedRangeSnapshot[] {
  return workbook.definedNames
    .filter((n) => !PRINT_NAMES.has(n.name.toLowerCase()))
    .filter((n) => n.localSheetId === null || n.localSheetId < workbook.sheets.length)
    .map((n) => ({ name: n.name, formula: `=${n.formula}` }));
}

/** The part of each sheet, refusing a relationship that is missing, loops back or is shared. */
function sheetParts(
  zip: ZipPackage,
  mainPart: string,
  workbook: WorkbookPart,
  relationships: ReadonlyMap<string, Relationship>,
): Array<{ name: string; visibility: SheetSnapshot["visibility"]; part: string }> {
  const seen = new Map<string, string>();
  const names = new Set<string>();
  const out: Array<{ name: string; visibility: SheetSnapshot["visibility"]; part: string }> = [];
  for (const sheet of workbook.sheets) {
    const folded = sheet.name.toLowerCase();
    if (names.has(folded)) throw damagedPart(zip, `it names two sheets '${sheet.name}'`);
    names.add(folded);
    const rel = relationships.get(sheet.relationshipId);
    if (!rel || rel.external) {
      throw damagedPart(
        zip,
        `the sheet '${sheet.name}' points to relationship ${sheet.relationshipId || "(none)"}, which ${mainPart} does not have`,
      );
    }
    // Chart sheets, dialog sheets and macro sheets hold no cells.
    if (rel.kind !== "worksheet") continue;
    if (rel.target === mainPart)
      throw damagedPart(zip, `the sheet '${sheet.name}' points back to ${mainPart}`);
    const other = seen.get(rel.target);
    if (other !== undefined) {
      throw damagedPart(zip, `the sheets '${other}' and '${sheet.name}' both point to ${rel.target}`);
    }
    seen.set(rel.target, sheet.name);
    if (!zip.has(rel.target))
      throw damagedPart(zip, `the part of sheet '${sheet.name}', ${rel.target}, is missing`);
    out.push({ name: sheet.name, visibility: sheet.visibility, part: rel.target });
  }
  return out;
}

/**
 * The zip of a workbook's bytes as the reader opens it (the file's name, limits and inflate of
 * `options`): a host that keeps it from its read hands it to the writer of the same bytes.
 */
export function zipOfWorkbook(bytes: Uint8Array, options: PackageReadOptions = {}): ZipPackage {
  return ZipPackage.open(
    bytes,
    options.file ?? "the workbook",
    options.limits ?? DEFAULT_LIMITS,
    options.inflate ?? null,
    options.crc32,
  );
}

/**
 * Reads every worksheet of the package, in tab order, into a snapshot: values (formulas as their
 * cached results, dates as 1900-system serials even in a 1904 workbook), the text Excel would
 * display, number formats, fills (theme colours resolved against the workbook's theme, tint applied),
 * merges, hidden rows and columns, tables, protection and visibility; and the defined names. Throws a
 * WorkbookFileError with one line naming the file for anything that is not a sound workbook.
 *   snapshotFromPackage(await readFile("plan.xlsx"), { file: "plan.xlsx" }).sheets[0].name
 */
export function snapshotFromPackage(
  source: Uint8Array | ZipPackage,
  options: PackageReadOptions = {},
): WorkbookSnapshot {
  const zip = source instanceof ZipPackage ? source : zipOfWorkbook(source, options);
  readContentTypes(zip);
  const mainPart = mainPartOf(zip);
  const workbook = readWorkbookPart(zip, mainPart);
  const relationships = readRelationships(zip, mainPart);
  const byId = new Map(relationships.map((r) => [r.id, r]));
  const partOf = (kind: string): string | null => {
    const rel = relationships.find((r) => r.kind === kind && !r.external);
    return rel && zip.has(rel.target) ? rel.target : null;
  };
  const themeColours = options.themeColours ?? readThemeColours(zip, partOf("theme"));
  const stylesPart = readStylesPart(zip, partOf("styles"));
  const styleOf = cellStylesOf(stylesPart, themeColours);
  const lookOf = differentialLooksOf(stylesPart, themeColours);
  const stringsRelationship = relationships.find((r) => r.kind === "sharedStrings" && !r.external);
  const stringsPart = partOf("sharedStrings");
  const strings = readSharedStrings(zip, stringsPart).texts;
  const noStrings =
    stringsPart !== null
      ? null
      : stringsRelationship === undefined
        ? "it has no shared strings part"
        : `its shared strings part ${stringsRelationship.target} is missing`;
  const context: SheetContext = { strings, noStrings, zip, styleOf, date1904: workbook.date1904, lookOf };
  const sheets = sheetParts(zip, mainPart, workbook, byId).map(({ name, visibility, part }) => {
    const grid: Grid = [];
    const worksheet = readWorksheetPart(zip, part, cellReader(grid, context, name), name);
    return sheetSnapshot(name, visibility, worksheet, grid, tablesOf(zip, part, worksheet), context);
  });
  return { sheets, names: namesOf(workbook) };
}
