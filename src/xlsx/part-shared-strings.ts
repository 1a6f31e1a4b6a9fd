/**
 * Reading xl/sharedStrings.xml: each string item's text, rich text runs joined, phonetic runs (rPh)
 * left out as Excel shows them, OOXML's _xHHHH_ escapes decoded.
 */
import type { ZipPackage } from "./package-zip";
import { localName, scanPart } from "./part-package";
import type { XmlShortcut } from "./xml-tokens";
import { unsignedIntOf } from "./unsigned-int";

/** A rich text run's text and the font emphasis it is shown with. */
export interface TextRun {
  readonly text: string;
  readonly bold: boolean;
  readonly italic: boolean;
}

export interface SharedStringsPart {
  /** Each item's text, by index. */
  readonly texts: readonly string[];
  /** The runs of the items that are rich text (by index); plain items have none. */
  readonly runs: ReadonlyMap<number, readonly TextRun[]>;
  /**
   * How each item is written, by index (ITEM_FORM): plain for `<si><t>text</t></si>`, plainKept with
   * xml:space="preserve", other for any other form (rich text, phonetic runs, character references…).
   */
  readonly forms: Uint8Array;
  /**
   * Where the part's root element lies in the text read (null for no part), for the writer of the same
   * read, which adds items at its end without reading the part again.
   */
  readonly root: SharedStringsRoot | null;
  /**
   * Whether every item read is an unprefixed <si> child of the root, so that `texts` counts the
   * root's <si> children (a part of any other shape is read again by the writer, token by token).
   */
  readonly itemsAtRoot: boolean;
  /**
   * Whether the root's count and uniqueCount are each absent or an xsd:unsignedInt: the writer writes
   * them again where they are not, though it adds no string.
   */
  readonly countsValid: boolean;
}

/** The root element's tags: start tag from `start` to `tagEnd`, end tag from `innerEnd` to `end`. */
export interface SharedStringsRoot {
  readonly name: string;
  readonly start: number;
  readonly tagEnd: number;
  /** Where the end tag begins (tagEnd for a self-closing root, whose end is its start tag's end). */
  readonly innerEnd: number;
  readonly end: number;
  readonly selfClosing: boolean;
}

/** SharedStringsPart.forms: an item that is one plain <t>, without and with xml:space="preserve". */
export const ITEM_FORM = { other: 0, plain: 1, plainKept: 2 } as const;

/**
 * OOXML's escape for characters XML cannot hold (ST_Xstring: "_x000D_" is a carriage return;
 * "_x005F_" escapes an underscore).
 */
export function decodeXstring(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * A string item as Excel writes most of them, matched whole (xml-tokens.ts XmlShortcut):
 * `<si><t>text</t></si>`, its text (1) holding no markup and no reference but XML's five predefined
 * entities (written as plain runs between them, so no input makes the expression backtrack). Rich
 * text, phonetic runs, character references and white space between the tags are read token by token.
 * The writer (package-workbook.ts) takes the same items whole, so the two agree on what a plain item is.
 */
export const PLAIN_ITEM =
  /<si><t(?: xml:space="preserve")?>([^<&\r\]]*(?:&(?:amp|lt|gt|quot|apos);[^<&\r\]]*)*)<\/t><\/si>/y;
const PREDEFINED_ENTITY = /&(amp|lt|gt|quot|apos);/g;
const PREDEFINED_TEXT: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

/**
 * Reads the shared strings part; none when `partName` is null or missing. Read once per package
 * (ZipPackage.reading): the writer of the same read finds the texts there.
 */
export function readSharedStrings(zip: ZipPackage, partName: string | null): SharedStringsPart {
  if (partName === null) {
    return {
      texts: [],
      runs: new Map(),
      forms: new Uint8Array(0),
      root: null,
      itemsAtRoot: true,
      countsValid: true,
    };
  }
  return zip.reading(partName, "shared-strings", () => sharedStringsOf(zip, partName));
}

function sharedStringsOf(zip: ZipPackage, partName: string): SharedStringsPart {
  const texts: string[] = [];
  const runs = new Map<number, TextRun[]>();
  const plainAt: number[] = [];
  const keptAt: number[] = [];
  let item: string[] | null = null;
  let itemRuns: TextRun[] | null = null;
  let run: { text: string; bold: boolean; italic: boolean } | null = null;
  let inText = false;
  let phonetic = 0;
  /** Elements open around the token: the root's children are at depth 1. */
  let depth = 0;
  let rootTag: { name: string; start: number; tagEnd: number; selfClosing: boolean } | null = null;
  let root: SharedStringsRoot | null = null;
  let itemsAtRoot = true;
  let countsValid = true;
  const plainItem: XmlShortcut = {
    first: "s",
    pattern: PLAIN_ITEM,
    take(m) {
      const raw = m[1]!;
      const text = raw.includes("&")
        ? raw.replace(PREDEFINED_ENTITY, (_, name: string) => PREDEFINED_TEXT[name]!)
        : raw;
      // "<si><t " has an attribute: the pattern allows only xml:space="preserve".
      if (depth !== 1) itemsAtRoot = false;
      (m[0].charCodeAt(6) === 32 ? keptAt : plainAt).push(texts.length);
      texts.push(decodeXstring(text));
    },
  };
  scanPart(
    zip,
    partName,
    {
      start(tag) {
        if (depth === 0) {
          rootTag = { name: tag.name, start: tag.start, tagEnd: tag.end, selfClosing: tag.selfClosing };
          const { count, uniqueCount } = tag.attributes;
          countsValid =
            (count === undefined || unsignedIntOf(count) !== null) &&
            (uniqueCount === undefined || unsignedIntOf(uniqueCount) !== null);
        }
        depth++;
        switch (localName(tag.name)) {
          case "si":
            if (depth !== 2 || tag.name !== "si") itemsAtRoot = false;
            item = [];
            itemRuns = null;
            break;
          case "r":
            if (item !== null && phonetic === 0) run = { text: "", bold: false, italic: false };
            break;
          case "b":
            if (run !== null && tag.attributes.val !== "0" && tag.attributes.val !== "false") run.bold = true;
            break;
          case "i":
            if (run !== null && tag.attributes.val !== "0" && tag.attributes.val !== "false")
              run.italic = true;
            break;
          case "rPh":
            phonetic++;
            break;
          case "t":
            inText = phonetic === 0;
            break;
        }
      },
      text(text) {
        if (!inText || item === null) return;
        const decoded = decodeXstring(text.text);
        item.push(decoded);
        if (run !== null) run.text += decoded;
      },
      end(tag) {
        depth--;
        if (depth === 0 && rootTag !== null) root = { ...rootTag, innerEnd: tag.start, end: tag.end };
        switch (localName(tag.name)) {
          case "t":
            inText = false;
            break;
          case "rPh":
            phonetic--;
            break;
          case "r":
            if (run !== null) {
              itemRuns ??= [];
              itemRuns.push(run);
              run = null;
            }
            break;
          case "si":
            if (item !== null) {
              if (itemRuns !== null) runs.set(texts.length, itemRuns);
              texts.push(item.length === 1 ? item[0]! : item.join(""));
              item = null;
            }
            break;
        }
      },
    },
    plainItem,
  );
  const forms = new Uint8Array(texts.length);
  for (const i of plainAt) forms[i] = ITEM_FORM.plain;
  for (const i of keptAt) forms[i] = ITEM_FORM.plainKept;
  return { texts, runs, forms, root, itemsAtRoot, countsValid };
}
