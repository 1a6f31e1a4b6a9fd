/**
 * The workbook-level parts of an .xlsx package, edited in place for the package writer
 * (package-writer.ts): the zip's entries, xl/workbook.xml (sheets, defined names, active tab), the
 * relationship parts, [Content_Types].xml, the shared strings and the table parts. Parts the plan
 * does not touch stay as they are in the zip, still compressed.
 */
import { parseRangeAddress, rangeAddress } from "../core/basics/cell-address";
import type { GridRange } from "../core/basics/snapshot";
import { PackageUnsupported } from "./package-unsupported";
import { escapeXlsxText } from "./xlsx-text-escapes";
import {
  attributeOf,
  escapeXml,
  escapeXmlAttribute,
  unescapeXml,
  withAttribute,
  withMainNamespaceUnprefixed,
} from "./xml-text";
import { DEFAULT_LIMITS, ZipPackage } from "./package-zip";
import { type ZipCodec, crc32, zipEntryOf, zipOfEntries } from "./zip-parts";

const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_WORKSHEET = `${RELATIONSHIPS}/worksheet`;
const REL_TABLE = `${RELATIONSHIPS}/table`;
const REL_SHARED_STRINGS = `${RELATIONSHIPS}/sharedStrings`;
const REL_STYLES = `${RELATIONSHIPS}/styles`;
const REL_CALC_CHAIN = `${RELATIONSHIPS}/calcChain`;
const REL_OFFICE_DOCUMENT = `${RELATIONSHIPS}/officeDocument`;
const TYPE_PREFIX = "application/vnd.openxmlformats-officedocument.spreadsheetml";
const TYPE_WORKSHEET = `${TYPE_PREFIX}.worksheet+xml`;
const TYPE_TABLE = `${TYPE_PREFIX}.table+xml`;
const TYPE_SHARED_STRINGS = `${TYPE_PREFIX}.sharedStrings+xml`;
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** OOXML's _xHHHH_ escapes decoded, as Excel reads shared strings. */
const decodeXlsxEscapes = (text: string): string =>
  text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

function refusePrefixed(xml: string, root: string, part: string): void {
  if (!new RegExp(`<${root}[\\s>]`).test(xml)) {
    throw new PackageUnsupported(`${part} has no unprefixed <${root}> element`);
  }
}

/** Resolves a relationship target against the folder of the part that owns the relationships. */
function resolveTarget(ownerPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = ownerPart.split("/").slice(0, -1);
  for (const segment of target.split("/")) {
    if (segment === "..") parts.pop();
    else if (segment !== ".") parts.push(segment);
  }
  return parts.join("/");
}

/** The relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A target written relative to the owner's folder, as Excel writes them. */
function relativeTarget(ownerPart: string, target: string): string {
  const from = ownerPart.split("/").slice(0, -1);
  const to = target.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

/** A relationships part (.rels), appended to, never reordered. */
class RelationshipsPart {
  private xml: string;
  changed = false;

  constructor(xml: string | null) {
    this.xml =
      xml ??
      `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    this.changed = xml === null;
  }

  list(): Relationship[] {
    return [...this.xml.matchAll(/<Relationship\b[^>]*?\/?>/g)].map((m) => ({
      id: attributeOf(m[0], "Id") ?? "",
      type: attributeOf(m[0], "Type") ?? "",
      target: attributeOf(m[0], "Target") ?? "",
      external: attributeOf(m[0], "TargetMode") === "External",
    }));
  }

  add(type: string, target: string): string {
    const ids = new Set(this.list().map((r) => r.id));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const element = `<Relationship Id="${id}" Type="${type}" Target="${escapeXmlAttribute(target)}"/>`;
    this.xml = this.xml.replace(/<Relationships\b([^>]*?)\/>/, "<Relationships$1></Relationships>");
    this.xml = this.xml.replace("</Relationships>", () => `${element}</Relationships>`);
    this.changed = true;
    return id;
  }

  removeType(type: string): void {
    const before = this.xml;
    this.xml = this.xml.replace(/<Relationship\b[^>]*?\/?>/g, (tag) =>
      attributeOf(tag, "Type") === type ? "" : tag,
    );
    if (this.xml !== before) this.changed = true;
  }

  toXml(): string {
    return this.xml;
  }
}

/** A sheet as workbook.xml lists it: a worksheet, or another kind (a chart sheet, a dialog sheet)
 *  that keeps its place in the tab order, which sheet-scoped names and the active tab count by. */
export interface SheetEntry {
  readonly name: string;
  readonly path: string;
  readonly worksheet: boolean;
}

/** A table part: its path, sheet part, name and ref. */
export interface TableEntry {
  readonly path: string;
  readonly sheetPath: string;
  readonly name: string;
  readonly ref: GridRange;
  readonly columns: readonly string[];
}

/**
 * The package: its zip entries, the text of the parts changed so far, and the workbook-level parts
 * parsed. Open with `XlsxPackage.open(bytes, codec)`; `bytes()` writes the zip with only the changed
 * parts deflated again.
 */
export class XlsxPackage {
  private readonly order: string[];
  private readonly texts = new Map<string, string>();
  private readonly removed = new Set<string>();
  private readonly rels = new Map<string, RelationshipsPart>();
  private workbookXml = "";
  private contentTypes = "";
  private sharedStringsXml: string | null = null;
  private sharedStringOffsets: number[] | null = null;
  private readonly addedStrings = new Map<string, number>();
  private readonly addedTexts: string[] = [];
  private addedStringXml: string[] = [];
  private addedReferences = 0;
  private sharedStringCount = 0;
  private tableList: TableEntry[] | null = null;
  sharedStringsPath = "";
  stylesPath = "";
  workbookPath = "xl/workbook.xml";

  private constructor(
    private readonly zip: ZipPackage,
    private readonly codec: ZipCodec,
  ) {
    this.order = zip.names();
  }

  /**
   * Opens the package in `bytes`; its zip is read as the reader reads it (package-zip.ts), so a
   * hostile zip is refused here too with a WorkbookFileError naming `file`.
   */
  static async open(bytes: Uint8Array, codec: ZipCodec, file = "the workbook"): Promise<XlsxPackage> {
    const pkg = new XlsxPackage(ZipPackage.open(bytes, file, DEFAULT_LIMITS, codec.inflate ?? null), codec);
    const rootRels = await pkg.relationships("");
    const office = rootRels.list().find((r) => r.type === REL_OFFICE_DOCUMENT);
    if (office) pkg.workbookPath = resolveTarget("", office.target);
    const workbookText = await pkg.text(pkg.workbookPath);
    const workbook = workbookText === null ? null : withMainNamespaceUnprefixed(workbookText);
    const types = await pkg.text("[Content_Types].xml");
    if (workbook === null || types === null) throw new PackageUnsupported("The package has no workbook part");
    refusePrefixed(workbook, "workbook", pkg.workbookPath);
    pkg.workbookXml = workbook;
    pkg.contentTypes = types;
    const workbookRels = await pkg.relationships(pkg.workbookPath);
    const styles = workbookRels.list().find((r) => r.type === REL_STYLES);
    if (!styles) throw new PackageUnsupported("The package has no styles part");
    pkg.stylesPath = resolveTarget(pkg.workbookPath, styles.target);
    const strings = workbookRels.list().find((r) => r.type === REL_SHARED_STRINGS);
    pkg.sharedStringsPath = strings ? resolveTarget(pkg.workbookPath, strings.target) : "";
    await pkg.loadSharedStrings();
    return pkg;
  }

  /**
   * A part's text: as changed, else inflated from the zip (a WorkbookFileError when it inflates past
   * its bound or is not UTF-8); null when the package has no such part.
   */
  text(path: string): Promise<string | null> {
    const changed = this.texts.get(path);
    if (changed !== undefined) return Promise.resolve(changed);
    try {
      return Promise.resolve(this.removed.has(path) ? null : this.zip.text(path));
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  setText(path: string, xml: string): void {
    if (!this.zip.has(path) && !this.texts.has(path)) this.order.push(path);
    this.removed.delete(path);
    this.texts.set(path, xml);
  }

  private async relationships(ownerPart: string): Promise<RelationshipsPart> {
    const path = ownerPart === "" ? "_rels/.rels" : relsPathOf(ownerPart);
    let part = this.rels.get(path);
    if (!part) {
      part = new RelationshipsPart(await this.text(path));
      this.rels.set(path, part);
    }
    return part;
  }

  /** The parts `owner` relates to with a relationship type ending in `/${type}` ("comments"…). */
  async relatedParts(owner: string, type: string): Promise<string[]> {
    return (await this.relationships(owner))
      .list()
      .filter((r) => !r.external && r.type.endsWith(`/${type}`))
      .map((r) => resolveTarget(owner, r.target));
  }

  // ---- sheets -------------------------------------------------------------------------------------

  private sheetElements(): Array<{ tag: string; name: string; rid: string }> {
    const sheets = /<sheets\b[^>]*>([\s\S]*?)<\/sheets>/.exec(this.workbookXml)?.[1] ?? "";
    return [...sheets.matchAll(/<sheet\b[^>]*?\/?>/g)].map((m) => ({
      tag: m[0],
      name: attributeOf(m[0], "name") ?? "",
      rid: attributeOf(m[0], "r:id") ?? "",
    }));
  }

  async sheets(): Promise<SheetEntry[]> {
    const rels = (await this.relationships(this.workbookPath)).list();
    return this.sheetElements().map((sheet) => {
      const rel = rels.find((r) => r.id === sheet.rid);
      if (!rel)
        throw new PackageUnsupported(`the sheet '${sheet.name}' has no part (relationship ${sheet.rid})`);
      const path = resolveTarget(this.workbookPath, rel.target);
      return { name: sheet.name, path, worksheet: rel.type === REL_WORKSHEET };
    });
  }

  /** Adds a worksheet part for `name` after `after` (or at the end); returns its path. */
  async addSheet(name: string, after: string | null, xml: string): Promise<string> {
    const elements = this.sheetElements();
    let n = 1;
    while (this.zip.has(`xl/worksheets/sheet${n}.xml`) || this.texts.has(`xl/worksheets/sheet${n}.xml`)) n++;
    const path = `xl/worksheets/sheet${n}.xml`;
    this.setText(path, xml);
    this.addContentType(path, TYPE_WORKSHEET);
    const rid = (await this.relationships(this.workbookPath)).add(
      REL_WORKSHEET,
      relativeTarget(this.workbookPath, path),
    );
    const sheetId = Math.max(0, ...elements.map((e) => Number(attributeOf(e.tag, "sheetId") ?? 0))) + 1;
    const element = `<sheet name="${escapeXmlAttribute(name)}" sheetId="${sheetId}" r:id="${rid}"/>`;
    const index = after === null ? elements.length : elements.findIndex((e) => e.name === after) + 1;
    const previous = elements[index - 1];
    if (index === 0 || (index < elements.length && previous === undefined)) {
      throw new PackageUnsupported(`No sheet '${after ?? ""}' to add '${name}' after`);
    }
    if (previous) {
      const at = this.workbookXml.indexOf(previous.tag) + previous.tag.length;
      this.workbookXml = this.workbookXml.slice(0, at) + element + this.workbookXml.slice(at);
    } else {
      this.workbookXml = this.workbookXml.replace(/<sheets\b([^>]*?)\/>/, "<sheets$1></sheets>");
      this.workbookXml = this.workbookXml.replace("</sheets>", () => `${element}</sheets>`);
    }
    if (index < elements.length) this.shiftSheetIndexes(index);
    if (!/\sxmlns:r\s*=/.test(/<workbook\b[^>]*>/.exec(this.workbookXml)?.[0] ?? "")) {
      this.workbookXml = this.workbookXml.replace(/<workbook\b/, `<workbook xmlns:r="${RELATIONSHIPS}"`);
    }
    return path;
  }

  /** A sheet inserted at `index`: sheet-scoped names and the active tab after it move up one. */
  private shiftSheetIndexes(index: number): void {
    this.workbookXml = this.workbookXml.replace(/<definedName\b[^>]*>/g, (tag) => {
      const local = attributeOf(tag, "localSheetId");
      return local !== undefined && Number(local) >= index
        ? withAttribute(tag, "localSheetId", String(Number(local) + 1))
        : tag;
    });
    this.workbookXml = this.workbookXml.replace(/<workbookView\b[^>]*>/g, (tag) => {
      let next = tag;
      for (const key of ["activeTab", "firstSheet"]) {
        const value = attributeOf(next, key);
        if (value !== undefined && Number(value) >= index)
          next = withAttribute(next, key, String(Number(value) + 1));
      }
      return next;
    });
  }

  /** Sets a sheet's state in workbook.xml (no attribute when visible, Excel's default). */
  setSheetState(name: string, state: "visible" | "hidden" | "veryHidden"): void {
    const element = this.sheetElements().find((e) => e.name === name);
    if (element === undefined) throw new PackageUnsupported(`workbook.xml has no sheet '${name}'`);
    const tag = withAttribute(element.tag, "state", state === "visible" ? undefined : state);
    const at = this.workbookXml.indexOf(element.tag);
    this.workbookXml = this.workbookXml.slice(0, at) + tag + this.workbookXml.slice(at + element.tag.length);
  }

  /** The tab index shown when the workbook opens. */
  activeTab(): number {
    const view = /<workbookView\b[^>]*>/.exec(this.workbookXml)?.[0];
    return Number((view && attributeOf(view, "activeTab")) ?? 0);
  }

  setActiveTab(index: number): void {
    if (/<workbookView\b/.test(this.workbookXml)) {
      this.workbookXml = this.workbookXml.replace(/<workbookView\b[^>]*?\/?>/, (tag) =>
        withAttribute(tag, "activeTab", String(index)),
      );
      return;
    }
    const views = `<bookViews><workbookView activeTab="${index}"/></bookViews>`;
    if (/<bookViews\b/.test(this.workbookXml)) {
      throw new PackageUnsupported("workbook.xml has <bookViews> without a <workbookView>");
    }
    // CT_Workbook: bookViews comes right before sheets.
    this.workbookXml = this.workbookXml.replace(/<sheets\b/, () => `${views}<sheets`);
  }

  // ---- defined names ---------------------------------------------------------------------------------

  /** Sets a defined name: workbook-scoped when `localSheetId` is null, replacing any of the same name and scope. */
  defineName(name: string, formula: string, localSheetId: number | null, comment = ""): void {
    const fold = name.toLowerCase();
    this.workbookXml = this.workbookXml.replace(
      /<definedName\b([^>]*?)(?:\/>|>[\s\S]*?<\/definedName\s*>)/g,
      (whole, attributes: string) => {
        const sameName = (attributeOf(attributes, "name") ?? "").toLowerCase() === fold;
        const local = attributeOf(attributes, "localSheetId");
        const sameScope = localSheetId === null ? local === undefined : Number(local) === localSheetId;
        return sameName && sameScope ? "" : whole;
      },
    );
    const scope = localSheetId === null ? "" : ` localSheetId="${localSheetId}"`;
    const note = comment === "" ? "" : ` comment="${escapeXmlAttribute(escapeXlsxText(comment))}"`;
    const element = `<definedName name="${escapeXmlAttribute(name)}"${scope}${note}>${escapeXml(escapeXlsxText(formula))}</definedName>`;
    if (/<definedNames\s*\/>/.test(this.workbookXml)) {
      this.workbookXml = this.workbookXml.replace(
        /<definedNames\s*\/>/,
        () => `<definedNames>${element}</definedNames>`,
      );
    } else if (this.workbookXml.includes("</definedNames>")) {
      this.workbookXml = this.workbookXml.replace("</definedNames>", () => `${element}</definedNames>`);
    } else {
      // CT_Workbook: definedNames follows sheets, functionGroups and externalReferences.
      const after = /<\/externalReferences>|<\/functionGroups>|<functionGroups\b[^>]*\/>|<\/sheets>/g;
      let last: RegExpExecArray | null = null;
      for (let m = after.exec(this.workbookXml); m; m = after.exec(this.workbookXml)) last = m;
      if (!last) throw new PackageUnsupported("workbook.xml has no <sheets>");
      const at = last.index + last[0].length;
      this.workbookXml = `${this.workbookXml.slice(0, at)}<definedNames>${element}</definedNames>${this.workbookXml.slice(at)}`;
    }
  }

  /** Whether the workbook defines `name` (any scope; names compare ignoring case, as in Excel). */
  hasDefinedName(name: string): boolean {
    const fold = name.toLowerCase();
    return [...this.workbookXml.matchAll(/<definedName\b[^>]*>/g)].some(
      (m) => (attributeOf(m[0], "name") ?? "").toLowerCase() === fold,
    );
  }

  /** Removes a sheet's _xlnm._FilterDatabase name (Excel's record of a sheet-level autoFilter). */
  removeFilterDatabase(localSheetId: number): void {
    this.workbookXml = this.workbookXml.replace(
      /<definedName\b([^>]*?)(?:\/>|>[\s\S]*?<\/definedName\s*>)/g,
      (whole, attributes: string) =>
        attributeOf(attributes, "name") === "_xlnm._FilterDatabase" &&
        attributeOf(attributes, "localSheetId") === String(localSheetId)
          ? ""
          : whole,
    );
    this.workbookXml = this.workbookXml.replace(/<definedNames>\s*<\/definedNames>/, "");
  }

  // ---- related parts (drawings, charts) ----------------------------------------------------------------

  /** The parts `ownerPath` relates to (not external targets), with their ids, types and package paths. */
  async relationsOf(ownerPath: string): Promise<Array<{ id: string; type: string; path: string }>> {
    return (await this.relationships(ownerPath))
      .list()
      .filter((r) => !r.external)
      .map((r) => ({ id: r.id, type: r.type, path: resolveTarget(ownerPath, r.target) }));
  }

  /**
   * Adds a part at the first free path `${prefix}N${suffix}` ("xl/charts/chart" 1 ".xml") with its
   * content type, related from `ownerPath` by `relType`; returns its path and relationship id.
   */
  async addRelatedPart(
    ownerPath: string,
    prefix: string,
    suffix: string,
    relType: string,
    contentType: string,
    xml: string,
  ): Promise<{ path: string; id: string }> {
    let n = 1;
    const taken = (path: string) => (this.zip.has(path) && !this.removed.has(path)) || this.texts.has(path);
    while (taken(`${prefix}${n}${suffix}`)) n++;
    const path = `${prefix}${n}${suffix}`;
    this.setText(path, xml);
    this.addContentType(path, contentType);
    const id = (await this.relationships(ownerPath)).add(relType, relativeTarget(ownerPath, path));
    return { path, id };
  }

  // ---- content types, calc chain ---------------------------------------------------------------------

  private addContentType(path: string, type: string): void {
    const override = `<Override PartName="/${escapeXmlAttribute(path)}" ContentType="${type}"/>`;
    this.contentTypes = this.contentTypes.replace("</Types>", () => `${override}</Types>`);
  }

  /**
   * Excel reports a workbook as damaged when its calculation chain names a cell that no longer holds a
   * formula; without one it builds it afresh. So any edit drops it (ExcelJS never writes one either).
   */
  async dropCalcChain(): Promise<void> {
    const rel = (await this.relationships(this.workbookPath)).list().find((r) => r.type === REL_CALC_CHAIN);
    if (!rel) return;
    const path = resolveTarget(this.workbookPath, rel.target);
    (await this.relationships(this.workbookPath)).removeType(REL_CALC_CHAIN);
    this.removed.add(path);
    this.texts.delete(path);
    this.contentTypes = this.contentTypes.replace(/<Override\b[^>]*?\/?>/g, (tag) =>
      attributeOf(tag, "PartName") === `/${path}` ? "" : tag,
    );
  }

  // ---- shared strings ----------------------------------------------------------------------------------

  /** Reads the shared strings part (every write of text adds to it). */
  private async loadSharedStrings(): Promise<void> {
    if (this.sharedStringsXml === null) {
      const text = this.sharedStringsPath === "" ? null : await this.text(this.sharedStringsPath);
      const xml = text === null ? null : withMainNamespaceUnprefixed(text);
      if (xml !== null) refusePrefixed(xml, "sst", this.sharedStringsPath);
      this.sharedStringsXml =
        xml ?? `${XML_DECLARATION}<sst xmlns="${MAIN_NS}" count="0" uniqueCount="0"></sst>`;
      this.sharedStringCount = (this.sharedStringsXml.match(/<si\b/g) ?? []).length;
    }
  }

  /** The text of shared string `index`, as Excel reads it. */
  sharedString(index: number): string {
    if (index >= this.sharedStringCount) return this.addedTexts[index - this.sharedStringCount] ?? "";
    const xml = this.sharedStringsXml ?? "";
    if (this.sharedStringOffsets === null) {
      // Only the offsets of the <si> elements: a plan reads a handful of strings (table headers).
      const offsets: number[] = [];
      for (let at = xml.indexOf("<si"); at >= 0; at = xml.indexOf("<si", at + 3)) {
        const next = xml.charCodeAt(at + 3);
        if (next === 0x3e || next === 0x20 || next === 0x2f) offsets.push(at); // "<si>", "<si ", "<si/"
      }
      this.sharedStringOffsets = offsets;
    }
    const start = this.sharedStringOffsets[index];
    if (start === undefined) return "";
    const m = /^<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/.exec(
      xml.slice(start, xml.indexOf("</si>", start) + 5 || undefined),
    );
    const body = (m?.[1] ?? "").replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
    const runs = [...body.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)].map((t) => t[1] ?? "");
    return decodeXlsxEscapes(unescapeXml(runs.join("")));
  }

  /** The index of a shared string holding `text` exactly (a new one for text not added yet). */
  addSharedString(text: string): number {
    this.addedReferences++;
    const known = this.addedStrings.get(text);
    if (known !== undefined) return known;
    const index = this.sharedStringCount + this.addedStringXml.length;
    this.addedStrings.set(text, index);
    this.addedTexts.push(text);
    const escaped = escapeXml(escapeXlsxText(text));
    const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : "";
    this.addedStringXml.push(`<si><t${space}>${escaped}</t></si>`);
    return index;
  }

  private async finishSharedStrings(): Promise<void> {
    if (this.addedStringXml.length === 0 || this.sharedStringsXml === null) return;
    let xml = this.sharedStringsXml.replace(/<sst\b([^>]*?)\/>/, "<sst$1></sst>");
    const added = this.addedStringXml.join("");
    xml = xml.replace("</sst>", () => `${added}</sst>`);
    const unique = this.sharedStringCount + this.addedStringXml.length;
    xml = xml.replace(/<sst\b[^>]*>/, (tag) => {
      const count = Number(attributeOf(tag, "count") ?? this.sharedStringCount) + this.addedReferences;
      return withAttribute(withAttribute(tag, "count", String(count)), "uniqueCount", String(unique));
    });
    if (this.sharedStringsPath === "") {
      this.sharedStringsPath = "xl/sharedStrings.xml";
      this.addContentType(this.sharedStringsPath, TYPE_SHARED_STRINGS);
      (await this.relationships(this.workbookPath)).add(
        REL_SHARED_STRINGS,
        relativeTarget(this.workbookPath, this.sharedStringsPath),
      );
    }
    this.setText(this.sharedStringsPath, xml);
  }

  // ---- tables ---------------------------------------------------------------------------------------

  async tables(): Promise<TableEntry[]> {
    if (this.tableList === null) {
      const list: TableEntry[] = [];
      for (const sheet of await this.sheets()) {
        for (const rel of (await this.relationships(sheet.path)).list()) {
          if (rel.type !== REL_TABLE || rel.external) continue;
          const path = resolveTarget(sheet.path, rel.target);
          const text = await this.text(path);
          if (text === null) continue;
          const xml = withMainNamespaceUnprefixed(text);
          refusePrefixed(xml, "table", path);
          const tag = /<table\b[^>]*>/.exec(xml)?.[0] ?? "";
          const columns = [...xml.matchAll(/<tableColumn\b[^>]*?\/?>/g)].map(
            (m) => attributeOf(m[0], "name") ?? "",
          );
          list.push({
            path,
            sheetPath: sheet.path,
            name: attributeOf(tag, "name") ?? attributeOf(tag, "displayName") ?? "",
            ref: parseRangeAddress(attributeOf(tag, "ref") ?? "A1"),
            columns,
          });
        }
      }
      this.tableList = list;
    }
    return this.tableList;
  }

  async findTable(name: string): Promise<TableEntry | undefined> {
    return (await this.tables()).find((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  /** Adds a table part over `range` of the sheet at `sheetPath`; returns the relationship id to list in the sheet. */
  async addTable(
    sheetPath: string,
    name: string,
    range: GridRange,
    columns: readonly string[],
    style: string,
    autoFilterInner = "",
  ): Promise<string> {
    const tables = await this.tables();
    let id = 1;
    for (const table of tables) {
      const xml = withMainNamespaceUnprefixed((await this.text(table.path)) ?? "");
      id = Math.max(id, Number(attributeOf(/<table\b[^>]*>/.exec(xml)?.[0] ?? "", "id") ?? 0) + 1);
    }
    let n = 1;
    while (this.zip.has(`xl/tables/table${n}.xml`) || this.texts.has(`xl/tables/table${n}.xml`)) n++;
    const path = `xl/tables/table${n}.xml`;
    const ref = rangeAddress(range);
    const columnXml = columns
      .map((column, i) => `<tableColumn id="${i + 1}" name="${escapeXmlAttribute(escapeXlsxText(column))}"/>`)
      .join("");
    this.setText(
      path,
      `${XML_DECLARATION}<table xmlns="${MAIN_NS}" id="${id}" name="${escapeXmlAttribute(name)}" displayName="${escapeXmlAttribute(name)}" ref="${ref}" totalsRowShown="0">` +
        (autoFilterInner === ""
          ? `<autoFilter ref="${ref}"/>`
          : `<autoFilter ref="${ref}">${autoFilterInner}</autoFilter>`) +
        `<tableColumns count="${columns.length}">${columnXml}</tableColumns>` +
        `<tableStyleInfo name="${escapeXmlAttribute(style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
    );
    this.addContentType(path, TYPE_TABLE);
    tables.push({ path, sheetPath, name, ref: range, columns });
    return (await this.relationships(sheetPath)).add(REL_TABLE, relativeTarget(sheetPath, path));
  }

  /** Grows a table's ref (and its autoFilter's) down to `bottom`. */
  async growTable(table: TableEntry, bottom: number): Promise<void> {
    const text = await this.text(table.path);
    if (text === null) throw new Error(`Table part ${table.path} is missing`);
    const xml = withMainNamespaceUnprefixed(text);
    const ref = rangeAddress({ ...table.ref, bottom });
    const grown = xml
      .replace(/<table\b[^>]*>/, (tag) => withAttribute(tag, "ref", ref))
      .replace(/<autoFilter\b[^>]*?\/?>/, (tag) => withAttribute(tag, "ref", ref));
    this.setText(table.path, grown);
    const tables = await this.tables();
    tables[tables.indexOf(table)] = { ...table, ref: { ...table.ref, bottom } };
  }

  // ---- saving ----------------------------------------------------------------------------------------

  /** The package as zip bytes: changed parts deflated, the rest copied as they were. */
  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    await this.finishSharedStrings();
    this.setText(this.workbookPath, this.workbookXml);
    this.setText("[Content_Types].xml", this.contentTypes);
    for (const [path, part] of this.rels) if (part.changed) this.setText(path, part.toXml());
    const encoder = new TextEncoder();
    const entries = await Promise.all(
      this.order
        .filter((path) => !this.removed.has(path))
        .map(async (path) => {
          const text = this.texts.get(path);
          const entry = this.zip.entry(path);
          if (text === undefined && entry) return entry;
          const data = encoder.encode(text ?? "");
          return zipEntryOf(
            {
              name: path,
              data,
              crc32: (this.codec.crc32 ?? crc32)(data),
              dosTime: entry?.dosTime ?? 0,
              dosDate: entry?.dosDate ?? 0x21,
            },
            this.codec.deflateRaw,
          );
        }),
    );
    return zipOfEntries(entries);
  }
}
