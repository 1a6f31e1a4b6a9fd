/**
 * xl/styles.xml for the package writer: finds or appends the cell formats (cellXfs), fonts, fills, number
 * formats and differential formats (dxfs) a write plan needs. Only appends: sheet cells, conditional formats
 * and table styles index these lists, so existing entries keep their place and their bytes.
 */
import type { CellStyle } from "../core/basics/write-plan";
import { PackageUnsupported } from "./package-unsupported";
import {
  type ElementSpan,
  asOpenTag,
  attributeValue,
  descendantsOf,
  elementTree,
  spliced,
  withAttributeValue,
} from "./xml-spans";
import { escapeXmlAttribute, withMainNamespaceUnprefixed } from "./xml-text";

/** CT_Stylesheet's children in schema order: a list that is absent is inserted before the next present one. */
const STYLESHEET_ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
] as const;
type SheetChild = (typeof STYLESHEET_ORDER)[number];
type ListName = "numFmts" | "fonts" | "fills" | "cellXfs" | "dxfs";
const LIST_CHILD: Record<ListName, string> = {
  numFmts: "numFmt",
  fonts: "font",
  fills: "fill",
  cellXfs: "xf",
  dxfs: "dxf",
};

/** CT_Font's children in the order Excel writes them. */
const FONT_ORDER = [
  "b",
  "i",
  "strike",
  "condense",
  "extend",
  "outline",
  "shadow",
  "u",
  "vertAlign",
  "sz",
  "color",
  "name",
  "family",
  "charset",
  "scheme",
];

/** The codes written with a built-in id. 14 is left out on purpose: Excel shows it in the reader's locale. */
const BUILTIN_ID_BY_CODE = new Map<string, number>([
  ["General", 0],
  ["0", 1],
  ["0.00", 2],
  ["#,##0", 3],
  ["#,##0.00", 4],
  ["0%", 9],
  ["0.00%", 10],
  ["@", 49],
]);

/** ECMA-376 Part 1 §18.8.30's built-in formats (en-US codes), for reading back what a cell has. */
const BUILTIN_CODE_BY_ID = new Map<number, string>([
  [0, "General"],
  [1, "0"],
  [2, "0.00"],
  [3, "#,##0"],
  [4, "#,##0.00"],
  [9, "0%"],
  [10, "0.00%"],
  [11, "0.00E+00"],
  [12, "# ?/?"],
  [13, "# ??/??"],
  [14, "mm-dd-yy"],
  [15, "d-mmm-yy"],
  [16, "d-mmm"],
  [17, "mmm-yy"],
  [18, "h:mm AM/PM"],
  [19, "h:mm:ss AM/PM"],
  [20, "h:mm"],
  [21, "h:mm:ss"],
  [22, "m/d/yy h:mm"],
  [37, "#,##0 ;(#,##0)"],
  [38, "#,##0 ;[Red](#,##0)"],
  [39, "#,##0.00;(#,##0.00)"],
  [40, "#,##0.00;[Red](#,##0.00)"],
  [45, "mm:ss"],
  [46, "[h]:mm:ss"],
  [47, "mmss.0"],
  [48, "##0.0E+0"],
  [49, "@"],
]);

const FIRST_CUSTOM_NUMFMT_ID = 164;

interface Located {
  readonly start: number;
  /** Index just past the open tag. */
  readonly openEnd: number;
  /** Index of the close tag (= end when self-closed). */
  readonly closeStart: number;
  readonly end: number;
  readonly openTag: string;
  readonly selfClosed: boolean;
}

const WHERE = "styles.xml";

/** An element of the part (or of one entry's text) as the tokenizer found it. */
const located = (xml: string, element: ElementSpan): Located => ({
  start: element.start,
  openEnd: element.tagEnd,
  closeStart: element.innerEnd,
  end: element.end,
  openTag: xml.slice(element.start, element.tagEnd),
  selfClosed: element.selfClosing,
});

/** The element tree of one entry of a list (an <xf>, a <font>), read by the tokenizer. */
const entryTree = (xml: string): ElementSpan => elementTree(xml, WHERE);

const attributeOf = attributeValue;
const withAttribute = withAttributeValue;

/** The first element (the root included) whose name is prefixed, in document order, outside any
 *  <extLst>: extension lists legitimately hold prefixed elements (x14:slicerStyles…); nothing else may. */
function prefixedOutsideExtensions(root: ElementSpan): ElementSpan | undefined {
  const walk = (element: ElementSpan): ElementSpan | undefined => {
    if (element.name.includes(":")) return element;
    if (element.name === "extLst") return undefined;
    for (const child of element.children) {
      const found = walk(child);
      if (found) return found;
    }
    return undefined;
  };
  return walk(root);
}

function argb(colour: string): string {
  const m = /^#([0-9a-fA-F]{6})$/.exec(colour);
  if (!m) throw new Error(`Not a #RRGGBB colour: ${colour}`);
  return `FF${m[1]!.toUpperCase()}`;
}

/** Whether a CT_BooleanProperty element (<b/>, <i/>) is on: no val, or val 1/true. */
const booleanOn = (xml: string | undefined): boolean => {
  if (xml === undefined) return false;
  const val = attributeOf(xml, "val");
  return val === undefined || val === "1" || val === "true";
};

class StyleList {
  readonly added: string[] = [];
  private index: Map<string, number> | undefined;

  constructor(
    readonly name: ListName,
    readonly located: Located | undefined,
    readonly items: readonly string[],
  ) {}

  get count(): number {
    return this.items.length + this.added.length;
  }

  item(i: number): string | undefined {
    return i < this.items.length ? this.items[i] : this.added[i - this.items.length];
  }

  add(xml: string): number {
    this.added.push(xml);
    this.index?.set(xml, this.count - 1);
    return this.count - 1;
  }

  /** The index of an entry with exactly this text, appending it when there is none. */
  findOrAdd(xml: string): number {
    if (!this.index) {
      this.index = new Map();
      for (let i = this.count - 1; i >= 0; i--) this.index.set(this.item(i)!, i);
    }
    return this.index.get(xml) ?? this.add(xml);
  }
}

export class StylesPart {
  private readonly numFmtIdByCode = new Map<string, number>();
  private readonly codeByNumFmtId = new Map<number, string>();
  private nextNumFmtId: number;
  private readonly cache = new Map<string, number>();
  /** withNumberFormat's results by format code, then base index: asked for every date or number
   *  cell a plan writes, so looked up without making a key. */
  private readonly numberFormatted = new Map<string, Map<number, number>>();
  /** The last style withStyle was given, and its text as part of a cache key: a restyle gives one
   *  style object for every cell of its range. */
  private lastStyle: CellStyle | null = null;
  private lastStyleKey = "";

  private constructor(
    private readonly xml: string,
    private readonly rootClose: number,
    private readonly positions: ReadonlyMap<SheetChild, Located>,
    private readonly lists: Record<ListName, StyleList>,
    numFmtIds: readonly number[],
  ) {
    let highest = FIRST_CUSTOM_NUMFMT_ID - 1;
    for (const numFmt of lists.numFmts.items) {
      const id = Number(attributeOf(numFmt, "numFmtId"));
      const code = attributeOf(numFmt, "formatCode");
      if (!Number.isInteger(id) || code === undefined) continue;
      if (!this.numFmtIdByCode.has(code)) this.numFmtIdByCode.set(code, id);
      this.codeByNumFmtId.set(id, code);
    }
    // Ids inside dxfs count too: a new custom id must not clash with any numFmt in the part.
    for (const id of numFmtIds) highest = Math.max(highest, id);
    this.nextNumFmtId = highest + 1;
  }

  /**
   * From xl/styles.xml's text, read by the tokenizer (comments, processing instructions and CDATA are
   * only what they are). Throws PackageUnsupported for XML the tokenizer refuses, prefixed elements
   * outside extension lists, or no <cellXfs>.
   */
  static parse(given: string): StylesPart {
    const xml = withMainNamespaceUnprefixed(given);
    const root = elementTree(xml, WHERE);
    const prefixed = prefixedOutsideExtensions(root);
    if (prefixed) throw new PackageUnsupported(`styles.xml: prefixed element <${prefixed.name}>`);
    if (root.name !== "styleSheet" || root.selfClosing) {
      throw new PackageUnsupported("styles.xml: no <styleSheet> root");
    }
    const positions = new Map<SheetChild, Located>();
    // In schema order, each the first of its name after the previous one among the root's children.
    let cursor = root.tagEnd;
    for (const name of STYLESHEET_ORDER) {
      const found = root.children.find((c) => c.name === name && c.start >= cursor);
      if (found) {
        positions.set(name, located(xml, found));
        cursor = found.end;
      }
    }
    if (!positions.has("cellXfs")) throw new PackageUnsupported("styles.xml: no <cellXfs>");
    const list = (name: ListName): StyleList => {
      const at = positions.get(name);
      const element = at && root.children.find((c) => c.start === at.start);
      const items = (element?.children ?? [])
        .filter((c) => c.name === LIST_CHILD[name])
        .map((c) => xml.slice(c.start, c.end));
      return new StyleList(name, at, items);
    };
    const lists = {
      numFmts: list("numFmts"),
      fonts: list("fonts"),
      fills: list("fills"),
      cellXfs: list("cellXfs"),
      dxfs: list("dxfs"),
    };
    if (lists.cellXfs.count === 0) throw new PackageUnsupported("styles.xml: <cellXfs> has no <xf>");
    // Ids inside dxfs count too: a new custom id must not clash with any numFmt in the part.
    const numFmtIds = descendantsOf(root)
      .filter((e) => e.name === "numFmt" && /^\d+$/.test(e.attributes["numFmtId"] ?? ""))
      .map((e) => Number(e.attributes["numFmtId"]));
    return new StylesPart(xml, root.innerEnd, positions, lists, numFmtIds);
  }

  /** Number of <xf> in <cellXfs>. */
  get cellXfCount(): number {
    return this.lists.cellXfs.count;
  }

  /** Whether anything was added since parse. */
  get changed(): boolean {
    return Object.values(this.lists).some((list) => list.added.length > 0);
  }

  /**
   * cellXfs index of a style equal to cellXfs[base] but with number format `formatCode`. Built-in ids only
   * for the locale-independent codes; any other code gets (or reuses) a custom <numFmt> id ≥ 164.
   */
  withNumberFormat(base: number, formatCode: string): number {
    const b = this.baseIndex(base);
    let byBase = this.numberFormatted.get(formatCode);
    if (byBase === undefined) {
      byBase = new Map();
      this.numberFormatted.set(formatCode, byBase);
    }
    const cached = byBase.get(b);
    if (cached !== undefined) return cached;
    const xf = this.lists.cellXfs.item(b)!;
    const current = Number(attributeOf(xf, "numFmtId") ?? "0");
    let id = BUILTIN_ID_BY_CODE.get(formatCode) ?? this.numFmtIdByCode.get(formatCode);
    let result = b;
    if (id !== current) {
      if (id === undefined) {
        id = this.nextNumFmtId++;
        this.lists.numFmts.add(`<numFmt numFmtId="${id}" formatCode="${escapeXmlAttribute(formatCode)}"/>`);
        this.numFmtIdByCode.set(formatCode, id);
        this.codeByNumFmtId.set(id, formatCode);
      }
      const { open, rest } = splitOpenTag(xf);
      const changed = withAttribute(withAttribute(open, "numFmtId", String(id)), "applyNumberFormat", "1");
      result = this.lists.cellXfs.add(changed + rest);
    }
    byBase.set(b, result);
    return result;
  }

  /** cellXfs index of cellXfs[base] changed by `style` (font, fill, alignment); base when nothing changes. */
  withStyle(base: number, style: CellStyle): number {
    const b = this.baseIndex(base);
    if (style !== this.lastStyle) {
      this.lastStyleKey = JSON.stringify(style);
      this.lastStyle = style;
    }
    const key = `s${b}\u0000${this.lastStyleKey}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const xf = this.lists.cellXfs.item(b)!;
    let { open, rest } = splitOpenTag(xf);
    let touched = false;

    const fontId = this.fontFor(Number(attributeOf(open, "fontId") ?? "0"), style);
    if (fontId !== undefined) {
      open = withAttribute(withAttribute(open, "fontId", String(fontId)), "applyFont", "1");
      touched = true;
    }

    if (style.fill !== undefined) {
      const fillId =
        style.fill === null
          ? 0
          : this.lists.fills.findOrAdd(
              `<fill><patternFill patternType="solid"><fgColor rgb="${argb(style.fill)}"/>` +
                `<bgColor indexed="64"/></patternFill></fill>`,
            );
      if (fillId !== Number(attributeOf(open, "fillId") ?? "0")) {
        open = withAttribute(withAttribute(open, "fillId", String(fillId)), "applyFill", "1");
        touched = true;
      }
    }

    const aligned = withAlignment(open, rest, style);
    if (aligned) {
      ({ open, rest } = aligned);
      open = withAttribute(open, "applyAlignment", "1");
      touched = true;
    }

    const result = touched ? this.lists.cellXfs.add(open + rest) : b;
    this.cache.set(key, result);
    return result;
  }

  /** cellXfs index of cellXfs[base] with its cells unlocked (typed in on a protected sheet). */
  unlocked(base: number): number {
    const b = this.baseIndex(base);
    const key = `u${b}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const xf = this.lists.cellXfs.item(b)!;
    const tree = entryTree(xf);
    const open = withAttribute(asOpenTag(xf.slice(0, tree.tagEnd)), "applyProtection", "1");
    const protection = '<protection locked="0"/>';
    let rest: string;
    if (tree.selfClosing) {
      rest = `${protection}</xf>`;
    } else {
      // CT_Xf's children come in the order alignment, protection, extLst.
      const old = tree.children.find((c) => c.name === "protection");
      const extLst = tree.children.find((c) => c.name === "extLst");
      const at = extLst ? extLst.start : tree.innerEnd;
      const edits = [{ start: at, end: at, text: protection }];
      if (old) edits.push({ start: old.start, end: old.end, text: "" });
      rest = spliced(xf, edits).slice(tree.tagEnd);
    }
    const result = this.lists.cellXfs.add(open + rest);
    this.cache.set(key, result);
    return result;
  }

  /** dxfs index for a conditional-format look (font colour, bold, solid fill); same look → same index. */
  dxf(look: { readonly fill: string; readonly fontColor: string; readonly bold?: boolean }): number {
    const xml =
      `<dxf><font>${look.bold ? "<b/>" : ""}<color rgb="${argb(look.fontColor)}"/></font>` +
      // In a dxf the solid colour is bgColor (Excel's own quirk, unlike cell fills).
      `<fill><patternFill patternType="solid"><bgColor rgb="${argb(look.fill)}"/></patternFill></fill></dxf>`;
    return this.lists.dxfs.findOrAdd(xml);
  }

  /** The number format code of cellXfs[index] (built-in ids give their en-US code). */
  numberFormatOf(index: number): string {
    const xf = this.lists.cellXfs.item(this.baseIndex(index))!;
    const id = Number(attributeOf(xf, "numFmtId") ?? "0");
    return this.codeByNumFmtId.get(id) ?? BUILTIN_CODE_BY_ID.get(id) ?? "General";
  }

  /** styles.xml text: the input itself when nothing changed; else only the lists that grew are edited. */
  toXml(): string {
    if (!this.changed) return this.xml;
    const edits: { at: number; end: number; text: string }[] = [];
    for (const list of Object.values(this.lists).sort(
      (a, b) => STYLESHEET_ORDER.indexOf(a.name) - STYLESHEET_ORDER.indexOf(b.name),
    )) {
      if (list.added.length === 0) continue;
      const added = list.added.join("");
      const at = list.located;
      if (!at) {
        edits.push({
          at: this.insertionPoint(list.name),
          end: this.insertionPoint(list.name),
          text: `<${list.name} count="${list.count}">${added}</${list.name}>`,
        });
        continue;
      }
      let open = asOpenTag(at.openTag);
      if (attributeOf(open, "count") !== undefined) open = withAttribute(open, "count", String(list.count));
      if (at.selfClosed) {
        edits.push({ at: at.start, end: at.end, text: `${open}${added}</${list.name}>` });
      } else {
        edits.push({ at: at.start, end: at.openEnd, text: open });
        edits.push({ at: at.closeStart, end: at.closeStart, text: added });
      }
    }
    edits.sort((a, b) => a.at - b.at); // stable: an insertion stays before an edit at the same place
    let out = "";
    let cursor = 0;
    for (const edit of edits) {
      out += this.xml.slice(cursor, edit.at) + edit.text;
      cursor = edit.end;
    }
    return out + this.xml.slice(cursor);
  }

  private baseIndex(base: number): number {
    return Number.isInteger(base) && base >= 0 && base < this.lists.cellXfs.count ? base : 0;
  }

  /** Where an absent list goes: before the next stylesheet child that is present, else before </styleSheet>. */
  private insertionPoint(name: SheetChild): number {
    for (const next of STYLESHEET_ORDER.slice(STYLESHEET_ORDER.indexOf(name) + 1)) {
      const at = this.positions.get(next);
      if (at) return at.start;
    }
    return this.rootClose;
  }

  /** The fontId for `baseFontId` changed by the style's font fields, or undefined when nothing changes. */
  private fontFor(baseFontId: number, style: CellStyle): number | undefined {
    if (
      style.bold === undefined &&
      style.italic === undefined &&
      style.fontSize === undefined &&
      style.fontColor === undefined
    ) {
      return undefined;
    }
    const baseFont = this.lists.fonts.item(baseFontId);
    if (baseFont === undefined && this.lists.fonts.count > 0) {
      throw new PackageUnsupported(`styles.xml: fontId ${baseFontId} is not in <fonts>`);
    }
    const tree = baseFont === undefined ? undefined : entryTree(baseFont);
    if (tree !== undefined && tree.name !== "font") {
      throw new PackageUnsupported(`styles.xml: unexpected <${tree.name}> element`);
    }
    const open = tree === undefined ? "<font>" : asOpenTag(baseFont!.slice(0, tree.tagEnd));
    const children = (tree?.children ?? []).map((c) => ({
      name: c.name,
      xml: baseFont!.slice(c.start, c.end),
    }));
    let changed = false;
    const set = (name: string, xml: string | undefined, same: (old: string | undefined) => boolean): void => {
      const at = children.findIndex((c) => c.name === name);
      const old = at >= 0 ? children[at]!.xml : undefined;
      if (same(old)) return;
      changed = true;
      if (at >= 0) children.splice(at, 1);
      if (xml !== undefined) children.push({ name, xml });
    };
    if (style.bold !== undefined) {
      const on = style.bold;
      set("b", on ? "<b/>" : undefined, (old) => booleanOn(old) === on && (on || old === undefined));
    }
    if (style.italic !== undefined) {
      const on = style.italic;
      set("i", on ? "<i/>" : undefined, (old) => booleanOn(old) === on && (on || old === undefined));
    }
    if (style.fontSize !== undefined) {
      const size = style.fontSize;
      set(
        "sz",
        `<sz val="${size}"/>`,
        (old) => old !== undefined && Number(attributeOf(old, "val")) === size,
      );
    }
    if (style.fontColor !== undefined) {
      const rgb = argb(style.fontColor);
      set("color", `<color rgb="${rgb}"/>`, (old) => {
        if (old === undefined) return false;
        const color = entryTree(old);
        const names = Object.keys(color.attributes);
        return color.selfClosing && names.length === 1 && color.attributes["rgb"] === rgb;
      });
    }
    if (!changed) return undefined;
    const rank = (name: string): number => {
      const i = FONT_ORDER.indexOf(name);
      return i < 0 ? FONT_ORDER.length : i;
    };
    children.sort((a, b) => rank(a.name) - rank(b.name));
    return this.lists.fonts.findOrAdd(`${open}${children.map((c) => c.xml).join("")}</font>`);
  }
}

/** An element's open tag as written and the rest of it (its children and close tag, or nothing). */
function splitOpenTag(xml: string): { open: string; rest: string } {
  const { tagEnd } = entryTree(xml);
  return { open: xml.slice(0, tagEnd), rest: xml.slice(tagEnd) };
}

/**
 * The xf with the style's alignment fields applied, or undefined when they change nothing. `open` is
 * the xf's start tag (its attributes perhaps already changed) and `rest` its children and end tag as
 * written.
 */
function withAlignment(
  open: string,
  rest: string,
  style: CellStyle,
): { open: string; rest: string } | undefined {
  if (style.wrap === undefined && style.horizontal === undefined && style.vertical === undefined) {
    return undefined;
  }
  // The xf's children found by the tokenizer in `rest` behind a bare start tag (`shift` long).
  const selfClosing = rest === "";
  const shift = "<xf>".length;
  const found = selfClosing
    ? undefined
    : entryTree(`<xf>${rest}`).children.find((c) => c.name === "alignment");
  const oldTag = found ? rest.slice(found.start - shift, found.tagEnd - shift) : "<alignment/>";
  let tag = oldTag;
  if (style.wrap !== undefined) {
    const wraps = attributeOf(tag, "wrapText");
    const isOn = wraps === "1" || wraps === "true";
    if (isOn !== style.wrap) tag = withAttribute(tag, "wrapText", style.wrap ? "1" : undefined);
  }
  if (style.horizontal !== undefined && attributeOf(tag, "horizontal") !== style.horizontal) {
    tag = withAttribute(tag, "horizontal", style.horizontal);
  }
  if (style.vertical !== undefined && attributeOf(tag, "vertical") !== style.vertical) {
    tag = withAttribute(tag, "vertical", style.vertical);
  }
  if (tag === oldTag) return undefined;
  if (found) {
    // Only the alignment's start tag changes (a non-empty <alignment> keeps its children and end tag).
    return {
      open,
      rest: rest.slice(0, found.start - shift) + tag + rest.slice(found.tagEnd - shift),
    };
  }
  // <alignment> is the xf's first child (CT_Xf: alignment, protection, extLst).
  if (selfClosing) return { open: asOpenTag(open), rest: `${tag}</xf>` };
  return { open, rest: tag + rest };
}
