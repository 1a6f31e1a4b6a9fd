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
import { escapeXml, escapeXmlAttribute, rootStartTag, withMainNamespaceUnprefixed } from "./xml-text";
import {
  type ElementSpan,
  asOpenTag,
  attributeValue,
  elementTree,
  spliced,
  withAttributeValue,
} from "./xml-spans";
import { type XmlShortcut, XmlRefusal, scanXml } from "./xml-tokens";
import { DEFAULT_LIMITS, ZipPackage } from "./package-zip";
import {
  ITEM_FORM,
  PLAIN_ITEM,
  type SharedStringsPart,
  type SharedStringsRoot,
  readSharedStrings,
} from "./part-shared-strings";
import { WorkbookFileError } from "./workbook-file-error";
import { PartEntryWriter, type ZipCodec, type ZipEntry, zipOfEntries } from "./zip-parts";
import { MAX_UNSIGNED_INT, freeUnsignedId, unsignedIntOf } from "./unsigned-int";

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

/** A character escapeXml replaces: most strings hold none, and are kept as they are. */
const MARKUP = /[&<>]/;

/**
 * Whether a UTF-16 code unit is white space as JavaScript's \s reads it (WhiteSpace and
 * LineTerminator, ECMA-262 12.2 and 12.3), tested without a regular expression: the writer asks
 * this of every plain item's first and last character.
 */
export function isJsWhiteSpace(code: number): boolean {
  if (code < 0xa0) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Whether text needs xml:space="preserve" to keep its white space: it starts or ends with white
 *  space (as JavaScript's \s reads it), or holds a line break. */
function needsPreserve(text: string): boolean {
  if (text.length === 0) return false;
  return (
    isJsWhiteSpace(text.charCodeAt(0)) ||
    isJsWhiteSpace(text.charCodeAt(text.length - 1)) ||
    text.includes("\n")
  );
}

/** OOXML's _xHHHH_ escapes decoded, as Excel reads shared strings. */
const decodeXlsxEscapes = (text: string): string =>
  text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The name of a part's root element as written, read by the tokenizer up to the root's start tag. */
function rootNameOf(xml: string, part: string): string | null {
  try {
    return rootStartTag(xml, part)?.name ?? null;
  } catch (e) {
    if (e instanceof XmlRefusal) throw new PackageUnsupported(e.message.replace(/\.$/, ""));
    throw e;
  }
}

function refusePrefixed(xml: string, root: string, part: string): void {
  if (rootNameOf(xml, part) !== root) {
    throw new PackageUnsupported(`${part} has no unprefixed <${root}> element`);
  }
}

/** The element tree of a whole part, read by the tokenizer (a refusal is PackageUnsupported naming it). */
const partTree = (xml: string, part: string): ElementSpan => elementTree(xml, part);

const childrenNamed = (element: ElementSpan | undefined, name: string): ElementSpan[] =>
  element === undefined ? [] : element.children.filter((c) => c.name === name);

const childNamed = (element: ElementSpan | undefined, name: string): ElementSpan | undefined =>
  element?.children.find((c) => c.name === name);

const startTagOf = (xml: string, element: ElementSpan): string => xml.slice(element.start, element.tagEnd);

/**
 * Where the end tag of a part's root starts, for the text it was found in: a part added to again
 * and again (a relationships part, the content types) is not read again for each addition, as an
 * addition just before the end tag moves the end tag by its own length.
 */
interface EndTagAt {
  readonly xml: string;
  readonly at: number;
}

/**
 * `xml` with `text` added as the last child of its root, and where the root's end tag then starts:
 * at `known` when it was found in this very text, else where the root read from `root()` ends (a
 * self-closing root is opened, and no end tag position is known for the result).
 */
function withLastChildOfRoot(
  xml: string,
  known: EndTagAt | null,
  root: () => ElementSpan,
  text: string,
): { xml: string; end: EndTagAt | null } {
  let at = known !== null && known.xml === xml ? known.at : -1;
  if (at < 0) {
    const element = root();
    if (element.selfClosing) return { xml: withLastChild(xml, element, text), end: null };
    at = element.innerEnd;
  }
  const added = xml.slice(0, at) + text + xml.slice(at);
  return { xml: added, end: { xml: added, at: at + text.length } };
}

/**
 * `xml` with `text` added as the last child of `element`: before its end tag, or, when it is
 * self-closing, with its start tag opened and an end tag written after the text.
 */
function withLastChild(xml: string, element: ElementSpan, text: string): string {
  if (!element.selfClosing) return spliced(xml, [{ start: element.innerEnd, end: element.innerEnd, text }]);
  const open = asOpenTag(startTagOf(xml, element));
  return spliced(xml, [{ start: element.start, end: element.end, text: `${open}${text}</${element.name}>` }]);
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
  private tree: { readonly xml: string; readonly root: ElementSpan } | null = null;
  /** The relationships, for the text they were read from (or added to, with `end`). */
  private listed: { readonly xml: string; readonly relationships: readonly Relationship[] } | null = null;
  private end: EndTagAt | null = null;
  changed = false;

  constructor(
    xml: string | null,
    private readonly path = "a relationships part",
  ) {
    this.xml =
      xml ??
      `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    this.changed = xml === null;
  }

  /** The part's element tree, read again only once the part has changed. */
  private root(): ElementSpan {
    if (this.tree?.xml !== this.xml) this.tree = { xml: this.xml, root: partTree(this.xml, this.path) };
    return this.tree.root;
  }

  list(): Relationship[] {
    if (this.listed?.xml !== this.xml) {
      const relationships = childrenNamed(this.root(), "Relationship").map((r) => ({
        id: r.attributes["Id"] ?? "",
        type: r.attributes["Type"] ?? "",
        target: r.attributes["Target"] ?? "",
        external: r.attributes["TargetMode"] === "External",
      }));
      this.listed = { xml: this.xml, relationships };
    }
    return [...this.listed.relationships];
  }

  /**
   * Adds a relationship as the root's last child. The relationship listed for the new text is the
   * one the tokenizer reads there (`target` escaped, which reads back as it was), so the part is read
   * again only when something else changes it.
   */
  add(type: string, target: string): string {
    const relationships = this.list();
    const ids = new Set(relationships.map((r) => r.id));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const element = `<Relationship Id="${id}" Type="${type}" Target="${escapeXmlAttribute(target)}"/>`;
    const added = withLastChildOfRoot(this.xml, this.end, () => this.root(), element);
    this.xml = added.xml;
    this.end = added.end;
    if (added.end !== null) {
      this.listed = {
        xml: added.xml,
        relationships: [...relationships, { id, type, target, external: false }],
      };
    }
    this.changed = true;
    return id;
  }

  removeType(type: string): void {
    const root = this.root();
    const gone = childrenNamed(root, "Relationship").filter((r) => r.attributes["Type"] === type);
    if (gone.length === 0) return;
    this.xml = spliced(
      this.xml,
      gone.map((r) => ({ start: r.start, end: r.end, text: "" })),
    );
    this.changed = true;
  }

  toXml(): string {
    return this.xml;
  }
}

/** Where the shared strings part's root lies in its text, and how many <si> children it has. */
interface SharedStringsLayout {
  readonly root: Omit<SharedStringsRoot, "name"> | null;
  readonly count: number;
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
  /** Parts whose final text is set (finishPart), their zip entry being made meanwhile. */
  private readonly finished = new Map<string, Promise<ZipEntry>>();
  private readonly removed = new Set<string>();
  private readonly rels = new Map<string, RelationshipsPart>();
  private workbookXml = "";
  private contentTypes = "";
  /** Where [Content_Types].xml's end tag starts, once a content type has been added. */
  private contentTypesEnd: EndTagAt | null = null;
  private sharedStringsXml: string | null = null;
  private readonly addedTexts: string[] = [];
  private addedStringXml: string[] = [];
  private addedReferences = 0;
  /** Set by finishSharedStrings: the part's text is final. */
  private sharedStringsFinished = false;
  private tableList: TableEntry[] | null = null;
  /** Each table part's id attribute, for the text it was read from (addTable numbers a new one). */
  private readonly tableIds = new Map<string, { readonly text: string; readonly id: number }>();
  /** workbook.xml's element tree, for the text it was read from. */
  private workbookTreeOf: { readonly xml: string; readonly root: ElementSpan } | null = null;
  /** Where the shared strings' root lies and how many items it holds, found when first needed. */
  private sharedStringsLayout: SharedStringsLayout | null = null;
  /** The reader's reading the layout was taken from (null where the writer scanned the part itself). */
  private layoutReading: SharedStringsPart | null = null;
  /** Where each <si> element lies, found by the writer's own scan when an item the reader's reading
   *  cannot give is read (sharedString). */
  private itemSpans: ReadonlyArray<{ readonly start: number; readonly end: number }> | null = null;
  /**
   * Shared string indexes by text: the part's plain items (the first of each text), for reusing one,
   * then each text added. Built on the first add.
   */
  private stringIndexes: Map<string, number> | null = null;
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
  static async open(
    bytes: Uint8Array,
    codec: ZipCodec,
    file = "the workbook",
    opened: ZipPackage | null = null,
  ): Promise<XlsxPackage> {
    const zip = opened ?? ZipPackage.open(bytes, file, DEFAULT_LIMITS, codec.inflate ?? null, codec.crc32);
    const pkg = new XlsxPackage(zip, codec);
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
    this.finished.delete(path);
  }

  /**
   * Sets a part's text for the last time, given in order by `write` (a sheet, row by row), and makes
   * its zip entry as the text comes: with a codec that deflates off the main thread (the CLI's zlib),
   * a large sheet deflates while its last rows and the parts after it are still being made, instead
   * of every part waiting for the last. Set again later, it is deflated again.
   */
  finishPart(path: string, write: (out: (text: string) => void) => void): void {
    const writer = this.entryWriter(path);
    // The text kept, should the part be read again, as its pieces linked with "+" (never copied).
    let text = "";
    write((piece) => {
      text += piece;
      writer.write(piece);
    });
    this.setText(path, text);
    this.startEntry(path, writer);
  }

  /** The writer of the part's new zip entry, with the part's date where the zip had it. */
  private entryWriter(path: string): PartEntryWriter {
    const entry = this.zip.entry(path);
    return new PartEntryWriter(path, this.codec, entry?.dosTime ?? 0, entry?.dosDate ?? 0x21);
  }

  /** Finishes the part's zip entry from what `writer` was given (bytes() awaits it). */
  private startEntry(path: string, writer: PartEntryWriter): void {
    const entry = writer.finish();
    // Awaited by bytes(); until then a rejection (no memory for the deflate) must not count as
    // unhandled, which would end the process before bytes() can report it.
    entry.catch(() => undefined);
    this.finished.set(path, entry);
  }

  private async relationships(ownerPart: string): Promise<RelationshipsPart> {
    const path = ownerPart === "" ? "_rels/.rels" : relsPathOf(ownerPart);
    let part = this.rels.get(path);
    if (!part) {
      part = new RelationshipsPart(await this.text(path), path);
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

  /** workbook.xml's element tree (its root, <workbook>), read again only once the text has changed. */
  private workbookRoot(): ElementSpan {
    if (this.workbookTreeOf?.xml !== this.workbookXml) {
      this.workbookTreeOf = { xml: this.workbookXml, root: partTree(this.workbookXml, this.workbookPath) };
    }
    return this.workbookTreeOf.root;
  }

  /** The <sheet> elements of workbook.xml's <sheets>, in tab order. */
  private sheetElements(): Array<{ element: ElementSpan; tag: string; name: string; rid: string }> {
    const sheets = childNamed(this.workbookRoot(), "sheets");
    return childrenNamed(sheets, "sheet").map((element) => ({
      element,
      tag: startTagOf(this.workbookXml, element),
      name: element.attributes["name"] ?? "",
      rid: element.attributes["r:id"] ?? "",
    }));
  }

  /** The <definedName> elements of workbook.xml, in file order. */
  private definedNameElements(): ElementSpan[] {
    return childrenNamed(childNamed(this.workbookRoot(), "definedNames"), "definedName");
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
    const sheetId = freeUnsignedId(
      elements.flatMap((e) => unsignedIntOf(e.element.attributes["sheetId"]) ?? []),
    );
    const element = `<sheet name="${escapeXmlAttribute(name)}" sheetId="${sheetId}" r:id="${rid}"/>`;
    const index = after === null ? elements.length : elements.findIndex((e) => e.name === after) + 1;
    const previous = elements[index - 1];
    if (previous === undefined) {
      throw new PackageUnsupported(`No sheet '${after ?? ""}' to add '${name}' after`);
    }
    const at = previous.element.end;
    this.workbookXml = this.workbookXml.slice(0, at) + element + this.workbookXml.slice(at);
    if (index < elements.length) this.shiftSheetIndexes(index);
    const root = this.workbookRoot();
    if (root.attributes["xmlns:r"] === undefined) {
      const tag = withAttributeValue(startTagOf(this.workbookXml, root), "xmlns:r", RELATIONSHIPS);
      this.workbookXml = spliced(this.workbookXml, [{ start: root.start, end: root.tagEnd, text: tag }]);
    }
    return path;
  }

  /** A sheet inserted at `index`: sheet-scoped names and the active tab after it move up one. */
  private shiftSheetIndexes(index: number): void {
    const xml = this.workbookXml;
    const edits: Array<{ start: number; end: number; text: string }> = [];
    const edit = (element: ElementSpan, keys: readonly string[]): void => {
      let tag = startTagOf(xml, element);
      for (const key of keys) {
        const value = element.attributes[key];
        if (value !== undefined && Number(value) >= index)
          tag = withAttributeValue(tag, key, String(Number(value) + 1));
      }
      if (tag !== startTagOf(xml, element))
        edits.push({ start: element.start, end: element.tagEnd, text: tag });
    };
    for (const name of this.definedNameElements()) edit(name, ["localSheetId"]);
    for (const view of childrenNamed(childNamed(this.workbookRoot(), "bookViews"), "workbookView")) {
      edit(view, ["activeTab", "firstSheet"]);
    }
    this.workbookXml = spliced(xml, edits);
  }

  /** Sets a sheet's state in workbook.xml (no attribute when visible, Excel's default). */
  setSheetState(name: string, state: "visible" | "hidden" | "veryHidden"): void {
    const found = this.sheetElements().find((e) => e.name === name);
    if (found === undefined) throw new PackageUnsupported(`workbook.xml has no sheet '${name}'`);
    const tag = withAttributeValue(found.tag, "state", state === "visible" ? undefined : state);
    this.workbookXml = spliced(this.workbookXml, [
      { start: found.element.start, end: found.element.tagEnd, text: tag },
    ]);
  }

  /** The first <workbookView> of workbook.xml's <bookViews>. */
  private workbookView(): ElementSpan | undefined {
    return childNamed(childNamed(this.workbookRoot(), "bookViews"), "workbookView");
  }

  /** The tab index shown when the workbook opens. */
  activeTab(): number {
    return Number(this.workbookView()?.attributes["activeTab"] ?? 0);
  }

  setActiveTab(index: number): void {
    const view = this.workbookView();
    if (view !== undefined) {
      const tag = withAttributeValue(startTagOf(this.workbookXml, view), "activeTab", String(index));
      this.workbookXml = spliced(this.workbookXml, [{ start: view.start, end: view.tagEnd, text: tag }]);
      return;
    }
    const root = this.workbookRoot();
    if (childNamed(root, "bookViews") !== undefined) {
      throw new PackageUnsupported("workbook.xml has <bookViews> without a <workbookView>");
    }
    // CT_Workbook: bookViews comes right before sheets.
    const sheets = childNamed(root, "sheets");
    if (sheets === undefined) return;
    const views = `<bookViews><workbookView activeTab="${index}"/></bookViews>`;
    this.workbookXml = spliced(this.workbookXml, [{ start: sheets.start, end: sheets.start, text: views }]);
  }

  // ---- defined names ---------------------------------------------------------------------------------

  /** Sets a defined name: workbook-scoped when `localSheetId` is null, replacing any of the same name and scope. */
  defineName(name: string, formula: string, localSheetId: number | null, comment = ""): void {
    const fold = name.toLowerCase();
    this.removeDefinedNames((attributes) => {
      const sameName = (attributes["name"] ?? "").toLowerCase() === fold;
      const local = attributes["localSheetId"];
      const sameScope = localSheetId === null ? local === undefined : Number(local) === localSheetId;
      return sameName && sameScope;
    }, false);
    const scope = localSheetId === null ? "" : ` localSheetId="${localSheetId}"`;
    const note = comment === "" ? "" : ` comment="${escapeXmlAttribute(escapeXlsxText(comment))}"`;
    const element = `<definedName name="${escapeXmlAttribute(name)}"${scope}${note}>${escapeXml(escapeXlsxText(formula))}</definedName>`;
    const root = this.workbookRoot();
    const names = childNamed(root, "definedNames");
    if (names !== undefined) {
      this.workbookXml = withLastChild(this.workbookXml, names, element);
      return;
    }
    // CT_Workbook: definedNames follows sheets, functionGroups and externalReferences.
    const before = root.children.filter(
      (c) =>
        c.name === "externalReferences" ||
        c.name === "functionGroups" ||
        (c.name === "sheets" && !c.selfClosing),
    );
    const last = before[before.length - 1];
    if (last === undefined) throw new PackageUnsupported("workbook.xml has no <sheets>");
    this.workbookXml = spliced(this.workbookXml, [
      { start: last.end, end: last.end, text: `<definedNames>${element}</definedNames>` },
    ]);
  }

  /**
   * Removes the <definedName> elements `gone` picks by their attributes; with `dropEmpty`, a
   * <definedNames> left with nothing but white space goes too.
   */
  private removeDefinedNames(
    gone: (attributes: Readonly<Record<string, string>>) => boolean,
    dropEmpty: boolean,
  ): void {
    const edits = this.definedNameElements()
      .filter((element) => gone(element.attributes))
      .map((element) => ({ start: element.start, end: element.end, text: "" }));
    this.workbookXml = spliced(this.workbookXml, edits);
    if (!dropEmpty) return;
    const names = childNamed(this.workbookRoot(), "definedNames");
    if (
      names !== undefined &&
      !names.selfClosing &&
      this.workbookXml.slice(names.tagEnd, names.innerEnd).trim() === ""
    ) {
      this.workbookXml = spliced(this.workbookXml, [{ start: names.start, end: names.end, text: "" }]);
    }
  }

  /** Whether the workbook defines `name` (any scope; names compare ignoring case, as in Excel). */
  hasDefinedName(name: string): boolean {
    const fold = name.toLowerCase();
    return this.definedNameElements().some((e) => (e.attributes["name"] ?? "").toLowerCase() === fold);
  }

  /** Removes a sheet's _xlnm._FilterDatabase name (Excel's record of a sheet-level autoFilter). */
  removeFilterDatabase(localSheetId: number): void {
    this.removeDefinedNames(
      (attributes) =>
        attributes["name"] === "_xlnm._FilterDatabase" && attributes["localSheetId"] === String(localSheetId),
      true,
    );
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
    const added = withLastChildOfRoot(
      this.contentTypes,
      this.contentTypesEnd,
      () => partTree(this.contentTypes, "[Content_Types].xml"),
      override,
    );
    this.contentTypes = added.xml;
    this.contentTypesEnd = added.end;
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
    const overrides = childrenNamed(partTree(this.contentTypes, "[Content_Types].xml"), "Override");
    this.contentTypes = spliced(
      this.contentTypes,
      overrides
        .filter((o) => o.attributes["PartName"] === `/${path}`)
        .map((o) => ({ start: o.start, end: o.end, text: "" })),
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
    }
  }

  /**
   * The reader's reading of the shared strings part as the zip holds it (part-shared-strings.ts: read
   * once per package, so the CLI's writer finds it made by the snapshot), or null when there is no
   * such part or it has been written since. What the tokenizer refuses there is PackageUnsupported,
   * as the writer's own scan of the part refuses it.
   */
  private sharedStringsReading(): SharedStringsPart | null {
    if (this.sharedStringsPath === "" || this.texts.has(this.sharedStringsPath)) return null;
    try {
      return readSharedStrings(this.zip, this.sharedStringsPath);
    } catch (e) {
      if (e instanceof WorkbookFileError && e.cause instanceof XmlRefusal) {
        throw new PackageUnsupported(e.cause.message.replace(/\.$/, ""));
      }
      throw e;
    }
  }

  /**
   * Where the shared strings' root lies and how many <si> children it has, found once, when a string
   * is first read or added (a plan that writes no text never pays for reading a large part). The
   * reader's reading of the very text the writer edits has both (it found the root's tags while it
   * read every item, so a comment after the root is only a comment); a part of another shape (its
   * items not all unprefixed children of the root, or its prefix taken off for the writer) is scanned
   * again here.
   */
  private sharedStrings(): SharedStringsLayout {
    if (this.sharedStringsLayout !== null) return this.sharedStringsLayout;
    const reading = this.sharedStringsReading();
    if (
      reading !== null &&
      reading.itemsAtRoot &&
      reading.root !== null &&
      this.zip.text(this.sharedStringsPath) === this.sharedStringsXml
    ) {
      this.layoutReading = reading;
      this.sharedStringsLayout = { root: reading.root, count: reading.texts.length };
    } else this.sharedStringsLayout = this.scannedSharedStrings();
    return this.sharedStringsLayout;
  }

  /** The shared strings' root and <si> elements, read by the tokenizer from the writer's text. */
  private scannedSharedStrings(): SharedStringsLayout {
    const xml = this.sharedStringsXml ?? "";
    const spans: Array<{ start: number; end: number }> = [];
    let head: { start: number; tagEnd: number; selfClosing: boolean } | null = null;
    let root: SharedStringsLayout["root"] = null;
    let depth = 0;
    // Tens of thousands of plain items: each taken whole with the reader's pattern (no tokens), where
    // only its place is needed.
    const plainItem: XmlShortcut = {
      first: "s",
      pattern: PLAIN_ITEM,
      take: (_, start, end) => {
        if (depth === 1) spans.push({ start, end });
      },
    };
    try {
      scanXml(
        xml,
        this.sharedStringsPath || "the shared strings",
        {
          start: (tag) => {
            if (depth === 0) head = { start: tag.start, tagEnd: tag.end, selfClosing: tag.selfClosing };
            else if (depth === 1 && tag.name === "si") spans.push({ start: tag.start, end: tag.end });
            depth++;
          },
          end: (tag) => {
            depth--;
            if (depth === 1 && tag.name === "si") spans[spans.length - 1]!.end = tag.end;
            else if (depth === 0 && head !== null) root = { ...head, innerEnd: tag.start, end: tag.end };
          },
        },
        plainItem,
      );
    } catch (e) {
      if (e instanceof XmlRefusal) throw new PackageUnsupported(e.message.replace(/\.$/, ""));
      throw e;
    }
    this.itemSpans = spans;
    return { root, count: spans.length };
  }

  /** The text of shared string `index`, as Excel reads it: its <t> runs, phonetic runs (<rPh>) left out. */
  sharedString(index: number): string {
    const { count } = this.sharedStrings();
    if (index >= count) return this.addedTexts[index - count] ?? "";
    // A plain item's text as the reader read it is the text the walk below finds in it.
    const read = this.layoutReading?.texts[index];
    if (read !== undefined && this.layoutReading?.forms[index] !== ITEM_FORM.other) return read;
    if (this.itemSpans === null) this.scannedSharedStrings();
    const span = this.itemSpans?.[index];
    if (span === undefined || this.sharedStringsXml === null) return "";
    const si = elementTree(this.sharedStringsXml.slice(span.start, span.end), this.sharedStringsPath);
    let text = "";
    const walk = (element: ElementSpan): void => {
      for (const child of element.children) {
        if (child.name === "t") text += child.text;
        else if (child.name !== "rPh") walk(child);
      }
    };
    walk(si);
    return decodeXlsxEscapes(text);
  }

  /**
   * The part's items that hold one plain <t> (no rich text or phonetic runs), by their text (the
   * first item of each): the reader's texts of the same package (part-shared-strings.ts, read once),
   * so texts the snapshot gave are found by the hash they carry already. An item without
   * xml:space="preserve" is left out for text whose spaces need it. Read from the last item to the
   * first, so that each text's first item is set last, with one Map.set per item.
   */
  private reusableItems(): Map<string, number> {
    const items = new Map<string, number>();
    this.stringIndexes = items;
    const reading = this.sharedStringsReading();
    if (reading === null) return items;
    const { texts, forms } = reading;
    // The reader and this writer count the same <si> elements: otherwise no item is reused.
    if (texts.length !== this.sharedStrings().count) return items;
    for (let i = texts.length - 1; i >= 0; i--) {
      const form = forms[i];
      if (form === ITEM_FORM.plainKept || (form === ITEM_FORM.plain && !needsPreserve(texts[i]!))) {
        items.set(texts[i]!, i);
      }
    }
    return items;
  }

  /**
   * The index of a shared string holding `text` exactly: an item of the part holding just that text
   * in one plain <t> (never a rich-text or phonetic item), else one added before, else a new one.
   * The Summary lists thousands of actions whose texts the workbook holds already.
   */
  addSharedString(text: string): number {
    if (this.sharedStringsFinished) throw new Error("A shared string was added after the part was finished");
    this.addedReferences++;
    const indexes = this.stringIndexes ?? this.reusableItems();
    const known = indexes.get(text);
    if (known !== undefined) return known;
    const escaped = MARKUP.test(text) ? escapeXml(escapeXlsxText(text)) : escapeXlsxText(text);
    const space = needsPreserve(text) ? ' xml:space="preserve"' : "";
    const index = this.sharedStrings().count + this.addedTexts.length;
    indexes.set(text, index);
    this.addedTexts.push(text);
    this.addedStringXml.push(`<si><t${space}>${escaped}</t></si>`);
    return index;
  }

  /**
   * Sets the shared strings part's final text (the items added appended, the counts updated) and
   * starts its deflate: the writer calls it once every op is applied, before making the sheets' XML,
   * so that a large part (1.7 MB on a 6,000-action plan) deflates meanwhile. bytes() calls it too;
   * it does its work once, and no string may be added after it.
   */
  async finishSharedStrings(): Promise<void> {
    if (this.sharedStringsFinished) return;
    this.sharedStringsFinished = true;
    // Counts the schema refuses are written again, though no string is added: copied, they would
    // make the written workbook one Excel has to repair.
    if (this.addedReferences === 0 && this.sharedStringsReading()?.countsValid !== false) return;
    if (this.sharedStringsXml === null) return;
    const { root, count: known } = this.sharedStrings();
    if (root === null) return;
    const old = this.sharedStringsXml;
    const unique = known + this.addedStringXml.length;
    let tag = old.slice(root.start, root.tagEnd);
    // The references to the strings, as the part counted them, and each one added. Only the workbook's
    // cells could tell a count the schema refuses: it is left out (it is optional; Excel counts again).
    const written = attributeValue(tag, "count");
    const before = written === undefined ? known : unsignedIntOf(written);
    const count =
      before === null ? undefined : String(Math.min(before + this.addedReferences, MAX_UNSIGNED_INT));
    tag = withAttributeValue(withAttributeValue(tag, "count", count), "uniqueCount", String(unique));
    const added = this.addedStringXml.join("");
    // The part as pieces cut where markup starts ("<"), so no surrogate pair is cut in two.
    const pieces = root.selfClosing
      ? [old.slice(0, root.start), `${asOpenTag(tag)}${added}</sst>`, old.slice(root.end)]
      : [
          old.slice(0, root.start),
          tag,
          old.slice(root.tagEnd, root.innerEnd),
          added,
          old.slice(root.innerEnd),
        ];
    if (this.sharedStringsPath === "") {
      this.sharedStringsPath = "xl/sharedStrings.xml";
      this.addContentType(this.sharedStringsPath, TYPE_SHARED_STRINGS);
      (await this.relationships(this.workbookPath)).add(
        REL_SHARED_STRINGS,
        relativeTarget(this.workbookPath, this.sharedStringsPath),
      );
    }
    this.finishPart(this.sharedStringsPath, (out) => {
      for (const piece of pieces) out(piece);
    });
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
          const table = partTree(xml, path);
          const tag = table.attributes;
          this.tableIds.set(path, { text, id: unsignedIntOf(tag["id"]) ?? 0 });
          const columns = childrenNamed(childNamed(table, "tableColumns"), "tableColumn").map(
            (c) => c.attributes["name"] ?? "",
          );
          list.push({
            path,
            sheetPath: sheet.path,
            name: tag["name"] ?? tag["displayName"] ?? "",
            ref: parseRangeAddress(tag["ref"] ?? "A1"),
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
    const taken: number[] = [];
    for (const table of tables) taken.push(await this.tableId(table.path));
    const id = freeUnsignedId(taken);
    let n = 1;
    while (this.zip.has(`xl/tables/table${n}.xml`) || this.texts.has(`xl/tables/table${n}.xml`)) n++;
    const path = `xl/tables/table${n}.xml`;
    const ref = rangeAddress(range);
    const columnXml = columns
      .map((column, i) => `<tableColumn id="${i + 1}" name="${escapeXmlAttribute(escapeXlsxText(column))}"/>`)
      .join("");
    const xml =
      `${XML_DECLARATION}<table xmlns="${MAIN_NS}" id="${id}" name="${escapeXmlAttribute(name)}" displayName="${escapeXmlAttribute(name)}" ref="${ref}" totalsRowShown="0">` +
      (autoFilterInner === ""
        ? `<autoFilter ref="${ref}"/>`
        : `<autoFilter ref="${ref}">${autoFilterInner}</autoFilter>`) +
      `<tableColumns count="${columns.length}">${columnXml}</tableColumns>` +
      `<tableStyleInfo name="${escapeXmlAttribute(style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`;
    this.setText(path, xml);
    this.tableIds.set(path, { text: xml, id });
    this.addContentType(path, TYPE_TABLE);
    tables.push({ path, sheetPath, name, ref: range, columns });
    return (await this.relationships(sheetPath)).add(REL_TABLE, relativeTarget(sheetPath, path));
  }

  /** A table part's id attribute, read again only once the part has changed. */
  private async tableId(path: string): Promise<number> {
    const text = (await this.text(path)) ?? "";
    const known = this.tableIds.get(path);
    if (known !== undefined && known.text === text) return known.id;
    const id = unsignedIntOf(partTree(withMainNamespaceUnprefixed(text), path).attributes["id"]) ?? 0;
    this.tableIds.set(path, { text, id });
    return id;
  }

  /** Grows a table's ref (and its autoFilter's) down to `bottom`. */
  async growTable(table: TableEntry, bottom: number): Promise<void> {
    const text = await this.text(table.path);
    if (text === null) throw new Error(`Table part ${table.path} is missing`);
    const xml = withMainNamespaceUnprefixed(text);
    const ref = rangeAddress({ ...table.ref, bottom });
    const root = partTree(xml, table.path);
    const grown = spliced(
      xml,
      [root, childNamed(root, "autoFilter")].flatMap((element) =>
        element === undefined
          ? []
          : [
              {
                start: element.start,
                end: element.tagEnd,
                text: withAttributeValue(startTagOf(xml, element), "ref", ref),
              },
            ],
      ),
    );
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
    const entries = await Promise.all(
      this.order
        .filter((path) => !this.removed.has(path))
        .map((path) => this.finished.get(path) ?? this.entryOf(path)),
    );
    return zipOfEntries(entries);
  }

  /** The part's zip entry: as it was when unchanged (its CRC-32 checked), else its text encoded and deflated. */
  private async entryOf(path: string): Promise<ZipEntry> {
    const text = this.texts.get(path);
    const entry = text === undefined ? this.zip.checkedEntry(path) : undefined;
    if (text === undefined && entry) return entry;
    const writer = this.entryWriter(path);
    writer.write(text ?? "");
    return writer.finish();
  }
}
