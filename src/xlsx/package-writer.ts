/**
 * Applies a write plan to .xlsx bytes by editing only the parts of the package its ops touch: the
 * sheets it writes, styles, shared strings, workbook.xml, relationships, tables. Every other part is
 * copied as it was, still compressed, so an operation costs what it changes, not the size of the
 * workbook (issue 6's budget; ExcelJS would re-serialise everything). Where a part holds XML this
 * writer cannot edit safely it refuses the whole plan (PackageUnsupported, naming the sheet and what
 * it found) and nothing is written: there is no fallback that re-serialises the workbook and drops
 * the parts it does not model.
 */
import { cellAddress, columnLetters, quoteSheetName } from "../core/basics/cell-address";
import { isoToExcelSerial } from "../core/basics/excel-dates";
import { memoise } from "../core/basics/memo";
import { footerCodes } from "../core/planning/print-layout";
import type { ApplyReport } from "../core/basics/workbook-host";
import {
  MAX_CELL_TEXT_LENGTH,
  type CellWrite,
  type WriteOp,
  type WritePlan,
} from "../core/basics/write-plan";
import { WritePlanError, existingSheetsNamed, nameTarget } from "./write-plan-checks";
import { movedComments, movedNoteShapes } from "./package-notes";
import { movedDrawingAnchors } from "./part-drawing";
import { addChartPart } from "./package-chart";
import { type CellContent, SheetPart } from "./package-sheet";
import { StylesPart } from "./package-styles";
import { PackageUnsupported } from "./package-unsupported";
import { type SheetEntry, XlsxPackage } from "./package-workbook";
import { elementTree, spliced, withAttributeValue } from "./xml-spans";
import type { ZipPackage } from "./package-zip";
import { type ZipCodec, streamCodec } from "./zip-parts";

/** A written package, and what the plan left out. */
export interface PackageWrite {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly report: ApplyReport;
}

const TRUE_CONTENT: CellContent = { kind: "boolean", value: true };
const FALSE_CONTENT: CellContent = { kind: "boolean", value: false };

/** The sheets, styles and package of one application of a plan. */
class PackageEdit {
  private readonly sheetParts = new Map<string, SheetPart>();
  /** The parts read so far by the name an op gave (a plan names one sheet in thousands of ops). */
  private readonly sheetsByName = new Map<string, SheetPart>();
  private readonly skipped: string[] = [];
  /** The content of a cell holding shared string i, by i, made once for every cell that holds it (a
   *  summary writes a few statuses, leads and themes thousands of times). */
  private readonly sharedStringContents: CellContent[] = [];
  /** The content of a cell holding a date, by its ISO text: a plan's dates repeat (due dates). */
  private readonly dateContent = memoise(10_000, (iso: string): CellContent => ({
    kind: "number",
    value: isoToExcelSerial(iso),
  }));

  private constructor(
    private readonly pkg: XlsxPackage,
    private entries: SheetEntry[],
    private readonly styles: StylesPart,
  ) {}

  static async open(bytes: Uint8Array, codec: ZipCodec, opened: ZipPackage | null): Promise<PackageEdit> {
    const pkg = await XlsxPackage.open(bytes, codec, "the workbook", opened);
    const styles = await pkg.text(pkg.stylesPath);
    if (styles === null) throw new PackageUnsupported("the styles part is missing");
    return new PackageEdit(pkg, await pkg.sheets(), StylesPart.parse(styles));
  }

  private entry(name: string, op: WriteOp | null): SheetEntry {
    const found = this.entries.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!found) throw new WritePlanError(`The workbook has no sheet '${name}'`, op);
    return found;
  }

  private async sheet(name: string, op: WriteOp | null): Promise<SheetPart> {
    const known = this.sheetsByName.get(name);
    if (known !== undefined) return known;
    const { path, worksheet } = this.entry(name, op);
    if (!worksheet)
      throw new PackageUnsupported("it is a chart sheet (or another kind than a worksheet)", name);
    let part = this.sheetParts.get(path);
    if (!part) {
      const xml = await this.pkg.text(path);
      if (xml === null) throw new PackageUnsupported(`its worksheet part ${path} is missing`, name);
      try {
        part = SheetPart.parse(xml);
      } catch (e) {
        throw e instanceof PackageUnsupported ? e.inSheet(name) : e;
      }
      this.sheetParts.set(path, part);
    }
    this.sheetsByName.set(name, part);
    return part;
  }

  /** Refuses, before anything is written, a plan naming a missing or protected sheet (as the ExcelJS path does). */
  async check(plan: WritePlan): Promise<void> {
    for (const name of existingSheetsNamed(plan)) {
      if (!this.entries.some((s) => s.name === name)) {
        throw new WritePlanError(`The workbook has no sheet '${name}'`, null);
      }
      if ((await this.sheet(name, null)).isProtected) {
        throw new WritePlanError(`The sheet '${name}' is protected; nothing was written`, null);
      }
    }
  }

  private content(write: CellWrite, row: number, column: number): CellContent | null {
    switch (write.kind) {
      case "text":
        if (write.text.length > MAX_CELL_TEXT_LENGTH) {
          throw new WritePlanError(
            `Text for ${cellAddress(row, column)} is ${write.text.length} characters; Excel holds at most ${MAX_CELL_TEXT_LENGTH}`,
            null,
          );
        }
        const index = this.pkg.addSharedString(write.text);
        return (this.sharedStringContents[index] ??= { kind: "sharedString", index });
      case "number":
        return { kind: "number", value: write.value };
      case "boolean":
        return write.value ? TRUE_CONTENT : FALSE_CONTENT;
      case "date":
        return this.dateContent(write.iso);
      case "formula":
        return { kind: "formula", formula: write.formula.replace(/^=/, ""), cached: write.cached };
      case "blank":
        return null;
    }
  }

  private writeBlock(
    sheet: SheetPart,
    row: number,
    column: number,
    cells: ReadonlyArray<ReadonlyArray<CellWrite>>,
  ): void {
    // One pair of arrays for every row of the block: setCells keeps neither. Each is set to the row's
    // length, then filled: emptied, an array lets its storage go and grows a new one cell by cell.
    const contents: Array<CellContent | null> = [];
    const styles: Array<number | undefined> = [];
    for (let i = 0; i < cells.length; i++) {
      const line = cells[i] ?? [];
      const r = row + i;
      contents.length = line.length;
      styles.length = line.length;
      for (let j = 0; j < line.length; j++) {
        const write = line[j]!;
        const c = column + j;
        const numberFormat =
          write.kind === "date" ? "dd/mm/yyyy" : write.kind === "number" ? write.numberFormat : undefined;
        styles[j] =
          numberFormat === undefined
            ? undefined
            : this.styles.withNumberFormat(sheet.styleAt(r, c), numberFormat);
        contents[j] = this.content(write, r, c);
      }
      sheet.setCells(r, column, contents, styles);
    }
  }

  private cellText(sheet: SheetPart, row: number, column: number): string | null {
    const value = sheet.cellValue(row, column);
    if (value === null) return null;
    if (value.type === "s") return this.pkg.sharedString(Number(value.value));
    if ((value.type === "str" || value.type === "inlineStr") && value.formula === null) return value.value;
    return null;
  }

  private async addTable(op: Extract<WriteOp, { kind: "addTable" }>): Promise<void> {
    if (await this.pkg.findTable(op.name))
      throw new WritePlanError(`A table named ${op.name} already exists`, op);
    // Excel repairs a file whose table shares its name with a defined name (names are one namespace).
    if (this.pkg.hasDefinedName(op.name)) {
      throw new WritePlanError(
        `A table cannot be named ${op.name}: the workbook has a defined name ${op.name}; nothing was written`,
        op,
      );
    }
    if (op.range.bottom <= op.range.top) throw new WritePlanError(`Table ${op.name} has no data row`, op);
    const sheet = await this.sheet(op.sheet, op);
    // Excel repairs a file where a table overlaps merged cells or another table.
    const merged = sheet.mergesOverlapping(op.range);
    if (merged.length > 0) {
      throw new WritePlanError(`Table ${op.name} would overlap the merged cells ${merged.join(", ")}`, op);
    }
    const path = this.entry(op.sheet, op).path;
    const other = (await this.pkg.tables()).find(
      (t) =>
        t.sheetPath === path &&
        t.ref.top <= op.range.bottom &&
        op.range.top <= t.ref.bottom &&
        t.ref.left <= op.range.right &&
        op.range.left <= t.ref.right,
    );
    if (other) throw new WritePlanError(`Table ${op.name} would overlap the table ${other.name}`, op);
    const columns: string[] = [];
    for (let c = op.range.left; c <= op.range.right; c++) {
      const text = this.cellText(sheet, op.range.top, c);
      if (text === null || text.trim() === "") {
        throw new WritePlanError(
          `Header ${cellAddress(op.range.top, c)} of table ${op.name} must be text`,
          op,
        );
      }
      columns.push(text);
    }
    const filter = this.tableFilter(sheet, op);
    const rid = await this.pkg.addTable(path, op.name, op.range, columns, op.style, filter);
    sheet.addTablePart(rid);
  }

  /**
   * A sheet-level autoFilter over the range becoming a table becomes the table's own (its criteria
   * kept, each column renumbered from the table's first): a file with both is one Excel repairs.
   * A criterion on a column outside the table is refused rather than dropped.
   */
  private tableFilter(sheet: SheetPart, op: Extract<WriteOp, { kind: "addTable" }>): string {
    const filter = sheet.takeAutoFilterOver(op.range);
    if (filter === null) return "";
    this.pkg.removeFilterDatabase(this.entries.findIndex((s) => s.name === op.sheet));
    // The criteria found by the tokenizer: each <filterColumn>'s colId renumbered, every other byte kept.
    const wrapped = `<autoFilter>${filter.inner}</autoFilter>`;
    const edits = elementTree(wrapped, "the sheet's autoFilter")
      .children.filter((c) => c.name === "filterColumn")
      .map((c) => {
        const column = filter.ref.left + Number(c.attributes["colId"] ?? 0);
        if (column < op.range.left || column > op.range.right) {
          throw new PackageUnsupported(
            `the sheet's filter on column ${columnLetters(column)} reaches outside the new table ${op.name}`,
          );
        }
        const tag = withAttributeValue(
          wrapped.slice(c.start, c.tagEnd),
          "colId",
          String(column - op.range.left),
        );
        return { start: c.start, end: c.tagEnd, text: tag };
      });
    return spliced(wrapped, edits).slice("<autoFilter>".length, -"</autoFilter>".length);
  }

  private async appendTableRows(op: Extract<WriteOp, { kind: "appendTableRows" }>): Promise<void> {
    const table = await this.pkg.findTable(op.table);
    if (!table || table.sheetPath !== this.entry(op.sheet, op).path) {
      throw new WritePlanError(`No table ${op.table} on '${op.sheet}'`, op);
    }
    if (op.row !== table.ref.bottom + 1 || op.column !== table.ref.left) {
      throw new WritePlanError(
        `Rows for ${op.table} must start at ${cellAddress(table.ref.bottom + 1, table.ref.left)}`,
        op,
      );
    }
    this.writeBlock(await this.sheet(op.sheet, op), op.row, op.column, op.cells);
    await this.pkg.growTable(table, table.ref.bottom + op.cells.length);
  }

  /** Moves the rows' cells, each note with its cell (comments part and VML shape), and each picture
   *  or shape anchored in a moving row (the drawing part: part-drawing.ts). */
  private async moveRows(op: Extract<WriteOp, { kind: "moveRows" }>): Promise<void> {
    const move = (await this.sheet(op.sheet, op)).moveRows(op.range, op.rows);
    if (!move.changesAnything) return;
    const path = this.entry(op.sheet, op).path;
    for (const part of await this.pkg.relatedParts(path, "comments")) {
      const xml = await this.pkg.text(part);
      if (xml === null) continue;
      const moved = movedComments(xml, move);
      if (moved === xml) continue;
      if ((await this.pkg.relatedParts(path, "threadedComment")).length > 0) {
        throw new PackageUnsupported("a note on a row that moves is part of a threaded comment");
      }
      this.pkg.setText(part, moved);
    }
    for (const part of await this.pkg.relatedParts(path, "vmlDrawing")) {
      const xml = await this.pkg.text(part);
      if (xml === null) continue;
      const moved = movedNoteShapes(xml, move);
      if (moved !== xml) this.pkg.setText(part, moved);
    }
    for (const part of await this.pkg.relatedParts(path, "drawing")) {
      const xml = await this.pkg.text(part);
      if (xml === null) continue;
      const moved = movedDrawingAnchors(xml, part, move);
      if (moved !== xml) this.pkg.setText(part, moved);
    }
  }

  private async defineName(op: Extract<WriteOp, { kind: "defineName" }>): Promise<void> {
    const tables = await this.pkg.tables();
    const { body } = nameTarget(
      op,
      (name) => tables.find((t) => t.name.toLowerCase() === name.toLowerCase())?.columns ?? null,
    );
    this.pkg.defineName(op.name, body, null, op.comment);
  }

  private async addSheet(op: Extract<WriteOp, { kind: "addSheet" }>): Promise<void> {
    if (this.entries.some((s) => s.name.toLowerCase() === op.sheet.toLowerCase())) {
      throw new WritePlanError(`Sheet '${op.sheet}' already exists`, op);
    }
    if (op.after !== null && !this.entries.some((s) => s.name === op.after)) {
      throw new WritePlanError(`No sheet '${op.after}' to add '${op.sheet}' after`, op);
    }
    const part = SheetPart.empty();
    const path = await this.pkg.addSheet(op.sheet, op.after, part.toXml());
    this.sheetParts.set(path, part);
    this.entries = await this.pkg.sheets();
  }

  private async activateSheet(op: Extract<WriteOp, { kind: "activateSheet" }>): Promise<void> {
    const index = this.entries.findIndex((s) => s.name === op.sheet);
    if (index < 0) throw new WritePlanError(`The workbook has no sheet '${op.sheet}'`, op);
    const previous = this.entries[this.pkg.activeTab()];
    if (previous && previous.worksheet && previous.name !== op.sheet) {
      (await this.sheet(previous.name, op)).setTabSelected(false);
    }
    (await this.sheet(op.sheet, op)).setTabSelected(true);
    this.pkg.setActiveTab(index);
  }

  /** Applies one op; a refusal from a sheet's part names that sheet. */
  async apply(op: WriteOp): Promise<void> {
    try {
      if (!this.appliedNow(op)) await this.applyOp(op);
    } catch (e) {
      throw e instanceof PackageUnsupported && "sheet" in op ? e.inSheet(op.sheet) : e;
    }
  }

  /**
   * Applies at once, without waiting, the op kinds a plan holds by the thousand (a cell block, a
   * restyle) on a sheet already read; false (nothing done) for any other, which applyOp applies.
   */
  private appliedNow(op: WriteOp): boolean {
    if (op.kind !== "writeCells" && op.kind !== "styleRange") return false;
    const sheet = this.sheetsByName.get(op.sheet);
    if (sheet === undefined) return false;
    if (op.kind === "writeCells") this.writeBlock(sheet, op.row, op.column, op.cells);
    else this.restyle(sheet, op);
    return true;
  }

  private restyle(sheet: SheetPart, op: Extract<WriteOp, { kind: "styleRange" }>): void {
    const { top, bottom, left, right } = op.range;
    if (top === bottom && left === right) {
      // One cell (apply-schema restyles thousands, one op each): restyled once, nothing to remember.
      sheet.restyleRange(op.range, (base) => this.styles.withStyle(base, op.style));
      return;
    }
    // The cells of a range mostly share a few styles, the same one often many cells running: each is
    // restyled once, and a run of one style looks up nothing.
    const restyled = new Map<number, number>();
    let lastBase = -1;
    let lastNext = -1;
    sheet.restyleRange(op.range, (base) => {
      if (base === lastBase) return lastNext;
      let next = restyled.get(base);
      if (next === undefined) {
        next = this.styles.withStyle(base, op.style);
        restyled.set(base, next);
      }
      lastBase = base;
      lastNext = next;
      return next;
    });
  }

  private async applyOp(op: WriteOp): Promise<void> {
    switch (op.kind) {
      case "addSheet":
        return this.addSheet(op);
      case "writeCells":
        this.writeBlock(await this.sheet(op.sheet, op), op.row, op.column, op.cells);
        return;
      case "clearRange":
        (await this.sheet(op.sheet, op)).clearRange(op.range);
        return;
      case "moveRows":
        return this.moveRows(op);
      case "unmerge":
        (await this.sheet(op.sheet, op)).unmerge(op.range);
        return;
      case "styleRange":
        this.restyle(await this.sheet(op.sheet, op), op);
        return;
      case "addTable":
        return this.addTable(op);
      case "appendTableRows":
        return this.appendTableRows(op);
      case "setValidation":
        (await this.sheet(op.sheet, op)).setValidation(op.range, op.rule);
        return;
      case "setConditionalFormats": {
        const rules = op.rules.map((rule) => ({
          formula: rule.formula.replace(/^=/, ""),
          dxfId: this.styles.dxf({
            fill: rule.fill,
            fontColor: rule.fontColor,
            ...(rule.bold ? { bold: true } : {}),
          }),
        }));
        (await this.sheet(op.sheet, op)).setConditionalFormats(op.range, rules);
        return;
      }
      case "defineName":
        return this.defineName(op);
      case "setColumnWidths":
        (await this.sheet(op.sheet, op)).setColumnWidths(op.widths);
        return;
      case "setPageLayout": {
        const page = await this.sheet(op.sheet, op);
        page.setPageLayout(op.orientation, op.fitToPagesWide);
        if (op.paperSize === "A4") page.setPaperSize(9);
        if (op.footer) page.setOddFooter(footerCodes(op.footer));
        if (op.rowBreaks) page.setRowBreaks(op.rowBreaks);
        if (op.printTitleRows) {
          const index = this.entries.findIndex((s) => s.name === op.sheet);
          const { first, last } = op.printTitleRows;
          this.pkg.defineName(
            "_xlnm.Print_Titles",
            `${quoteSheetName(op.sheet)}!$${first + 1}:$${last + 1}`,
            index,
          );
        }
        return;
      }
      case "hideRows":
        (await this.sheet(op.sheet, op)).hideRows(op.rows);
        return;
      case "setRowHeights":
        (await this.sheet(op.sheet, op)).setRowHeights(op.heights);
        return;
      case "addChart": {
        const why = await addChartPart(
          this.pkg,
          this.entry(op.sheet, op).path,
          await this.sheet(op.sheet, op),
          op,
        );
        if (why !== null) this.skipped.push(why);
        return;
      }
      case "activateSheet":
        return this.activateSheet(op);
      case "protectSheet": {
        const sheet = await this.sheet(op.sheet, op);
        for (const open of op.unlocked) sheet.restyleRange(open, (base) => this.styles.unlocked(base));
        sheet.protect();
        return;
      }
      case "setSheetVisibility":
        this.entry(op.sheet, op);
        this.pkg.setSheetState(op.sheet, op.visibility);
        return;
    }
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    if (this.sheetParts.size > 0) await this.pkg.dropCalcChain();
    // Every op is applied, so no string is added now: the shared strings (often the largest part)
    // deflate while the sheets' XML is made. Then the sheets, each deflating as soon as it is made.
    await this.pkg.finishSharedStrings();
    for (const [path, part] of this.sheetParts) {
      if (part.changed) this.pkg.finishPart(path, (out) => part.writeXml(out));
    }
    if (this.styles.changed) this.pkg.setText(this.pkg.stylesPath, this.styles.toXml());
    return this.pkg.bytes();
  }

  report(): ApplyReport {
    return { skipped: this.skipped };
  }
}

/**
 * Applies `plan` to the workbook in `bytes` and returns the new bytes. Throws WritePlanError (before
 * anything is written) for a plan naming a missing or protected sheet, and for an op the workbook
 * cannot take; PackageUnsupported for XML it cannot edit safely (nothing is written either).
 * `opened` is the zip of these same bytes as the reader opened it, when the caller kept it: its
 * parts' texts are then decoded once for the read and the write.
 *   const { bytes: saved } = await applyWritePlanToBytes(await readFile("plan.xlsx"), plan, nodeCodec);
 */
export async function applyWritePlanToBytes(
  bytes: Uint8Array,
  plan: WritePlan,
  codec: ZipCodec = streamCodec,
  opened: ZipPackage | null = null,
): Promise<PackageWrite> {
  const edit = await PackageEdit.open(bytes, codec, opened);
  await edit.check(plan);
  for (const op of plan.ops) await edit.apply(op);
  return { bytes: await edit.bytes(), report: edit.report() };
}
