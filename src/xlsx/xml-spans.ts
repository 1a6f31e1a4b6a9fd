/**
 * Spans of XML the package writer edits: the attributes of one start tag, read by a small lexer
 * that knows quoting (so a ">" or a name="…" inside a quoted value is only text), and the element
 * tree of a fragment, read by the tokenizer (xml-tokens.ts), each element with the spans of its tags.
 * A writer replaces a span and keeps every other byte. Markup is never matched by a regular
 * expression here: a comment, a CDATA section, a processing instruction or a prefix cannot mislead it.
 */
import { scanXml, XmlRefusal } from "./xml-tokens";
import { PackageUnsupported } from "./package-unsupported";
import { escapeXmlAttribute, unescapeXml } from "./xml-text";

/** One attribute of a start tag: `start` is where the white space before it begins. */
export interface AttributeSpan {
  readonly name: string;
  readonly start: number;
  /** The raw (still escaped) value is text.slice(valueStart, valueEnd). */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** Just after the closing quote. */
  readonly end: number;
}

const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;

/** Where a start tag's name ends (`<x:row r="1">` → 6); 0 for text that starts with no "<". */
function nameEnd(text: string): number {
  if (text.charCodeAt(0) !== 60) return 0; // "<"
  let i = 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isSpace(code) || code === 47 || code === 62) break; // "/", ">"
    i++;
  }
  return i;
}

/**
 * The attributes of a start tag (`<c r="A1" s='2'>`) or of a start tag's attribute text
 * (` r="A1" s='2'`), and where they close: the "/" or ">" ending the tag, or the text's length.
 * The text is well-formed (the tokenizer has read it): anything else is a bug, thrown as an Error.
 */
export function attributeSpans(text: string): { attributes: AttributeSpan[]; close: number } {
  const attributes: AttributeSpan[] = [];
  let i = nameEnd(text);
  for (;;) {
    const start = i;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    const code = text.charCodeAt(i);
    if (i >= text.length || code === 47 || code === 62) return { attributes, close: i };
    const nameStart = i;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 61 || isSpace(c)) break; // "="
      i++;
    }
    const name = text.slice(nameStart, i);
    while (isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 61) throw new Error(`Malformed start tag: ${text}`);
    i++;
    while (isSpace(text.charCodeAt(i))) i++;
    const quote = text.charCodeAt(i);
    if (quote !== 34 && quote !== 39) throw new Error(`Malformed start tag: ${text}`); // '"', "'"
    const valueEnd = text.indexOf(quote === 34 ? '"' : "'", i + 1);
    if (valueEnd < 0) throw new Error(`Malformed start tag: ${text}`);
    attributes.push({ name, start, valueStart: i + 1, valueEnd, end: valueEnd + 1 });
    i = valueEnd + 1;
  }
}

/** The raw (still escaped) value of attribute `name`, or null when the tag has none. */
export function rawAttribute(text: string, name: string): string | null {
  const found = attributeSpans(text).attributes.find((a) => a.name === name);
  return found === undefined ? null : text.slice(found.valueStart, found.valueEnd);
}

/** The names of the attributes, in order. */
export function attributeNames(text: string): string[] {
  return attributeSpans(text).attributes.map((a) => a.name);
}

/** The tag (or attribute text) with attribute `name` set to `value` (already escaped): its value
 *  replaced in place, or ` name="value"` added where the attributes close. */
export function withRawAttribute(text: string, name: string, value: string): string {
  const { attributes, close } = attributeSpans(text);
  const found = attributes.find((a) => a.name === name);
  if (found !== undefined) {
    return `${text.slice(0, found.start)} ${name}="${value}"${text.slice(found.end)}`;
  }
  return `${text.slice(0, close)} ${name}="${value}"${text.slice(close)}`;
}

/** The tag (or attribute text) without attribute `name` (and the white space before it). */
export function withoutAttribute(text: string, name: string): string {
  const found = attributeSpans(text).attributes.find((a) => a.name === name);
  return found === undefined ? text : text.slice(0, found.start) + text.slice(found.end);
}

/** The index just after the ">" of the start tag at the beginning of `text`. */
export function startTagEnd(text: string): number {
  const { close } = attributeSpans(text);
  return text.charCodeAt(close) === 47 ? close + 2 : close + 1;
}

/** An element of a fragment, with the spans of its tags in the fragment's text. */
export interface ElementSpan {
  /** The name as written (`x14:sqref`). */
  readonly name: string;
  /** The name resolved by the reader's `localOf` (SpreadsheetML's prefix taken off). */
  readonly local: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly start: number;
  /** Just after the start tag's ">". */
  readonly tagEnd: number;
  /** Where the end tag begins (tagEnd for a self-closing element). */
  innerEnd: number;
  end: number;
  readonly selfClosing: boolean;
  readonly children: ElementSpan[];
  /** The element's own character data, references resolved (CDATA included). */
  text: string;
}

/**
 * The root element of a fragment of a part (one element: a worksheet's child, a cell), read by the
 * tokenizer. XML the tokenizer refuses is refused as PackageUnsupported naming `where`.
 */
export function elementTree(
  xml: string,
  where: string,
  localOf: (name: string) => string = (name) => name,
): ElementSpan {
  const stack: ElementSpan[] = [];
  let root: ElementSpan | null = null;
  try {
    scanXml(xml, where, {
      start(tag) {
        const element: ElementSpan = {
          name: tag.name,
          local: localOf(tag.name),
          attributes: tag.attributes,
          start: tag.start,
          tagEnd: tag.end,
          innerEnd: tag.end,
          end: tag.end,
          selfClosing: tag.selfClosing,
          children: [],
          text: "",
        };
        const parent = stack[stack.length - 1];
        if (parent === undefined) root = element;
        else parent.children.push(element);
        stack.push(element);
      },
      end(tag) {
        const element = stack.pop()!;
        element.innerEnd = tag.start;
        element.end = tag.end;
      },
      text(text) {
        const element = stack[stack.length - 1];
        if (element !== undefined) element.text += text.text;
      },
    });
  } catch (e) {
    if (e instanceof XmlRefusal) throw new PackageUnsupported(e.message.replace(/\.$/, ""));
    throw e;
  }
  if (root === null) throw new PackageUnsupported(`${where} holds no element`);
  return root;
}

/** Every element below `root` (not root itself), in document order. */
export function descendantsOf(root: ElementSpan): ElementSpan[] {
  const out: ElementSpan[] = [];
  const walk = (element: ElementSpan): void => {
    for (const child of element.children) {
      out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

/** `text` with each span replaced (spans in any order, not overlapping). */
export function spliced(
  text: string,
  edits: ReadonlyArray<{ readonly start: number; readonly end: number; readonly text: string }>,
): string {
  if (edits.length === 0) return text;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** The unescaped value of attribute `name` of the start tag at the beginning of `tag`, or undefined. */
export function attributeValue(tag: string, name: string): string | undefined {
  const raw = rawAttribute(tag, name);
  return raw === null ? undefined : unescapeXml(raw);
}

/** The start tag with attribute `name` set to `value` (escaped here), or without it when undefined. */
export function withAttributeValue(tag: string, name: string, value: string | undefined): string {
  return value === undefined
    ? withoutAttribute(tag, name)
    : withRawAttribute(tag, name, escapeXmlAttribute(value));
}

/** A self-closing start tag as an open one (`<xf a="1"/>` → `<xf a="1">`); an open tag as it is. */
export function asOpenTag(tag: string): string {
  const { close } = attributeSpans(tag);
  return tag.charCodeAt(close) === 47 ? `${tag.slice(0, close).trimEnd()}>` : tag;
}
