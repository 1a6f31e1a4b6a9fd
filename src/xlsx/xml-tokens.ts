/**
 * The XML of one package part as a stream of tokens (start tags, end tags, text), each with the span
 * of the part's text it came from, so a reader can take values out and a writer can patch a span and
 * keep the rest of the part byte for byte. Built on saxes (a conforming, non-validating parser).
 *
 * What it refuses (an XmlRefusal naming the part): a DOCTYPE, and with it any entity declaration; a
 * reference to any entity beyond the five XML predefines (amp, lt, gt, quot, apos) or a numeric
 * character reference; anything not well-formed. No entity is ever expanded, so no "billion laughs".
 * No Node built-ins here, so the browser playground can use it too.
 */
import { SaxesParser } from "saxes";

/** A start tag `<name attr="value">` (or `<name/>`); `start`..`end` is its span, `<` to `>` inclusive. */
export interface XmlStartTag {
  readonly kind: "start";
  /** The qualified name as written (`x14:dataBar`). */
  readonly name: string;
  /** Attribute values with entities and character references resolved. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly selfClosing: boolean;
  readonly start: number;
  readonly end: number;
}

/**
 * An end tag `</name>`; `start`..`end` is its span. A self-closing tag has an end token too, an empty
 * span (start === end) just after its start tag, so depth tracking needs no special case.
 */
export interface XmlEndTag {
  readonly kind: "end";
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Character data inside the root element, references resolved; `start`..`end` is its raw span,
 * from the end of the token before it (a comment or processing instruction between them, which give
 * no tokens, lies inside that span). A CDATA section is text too (`cdata` true), its span its own.
 */
export interface XmlText {
  readonly kind: "text";
  readonly text: string;
  readonly cdata: boolean;
  readonly start: number;
  readonly end: number;
}

export type XmlToken = XmlStartTag | XmlEndTag | XmlText;

/** What to do with each token; offsets are indices into the part's text (JavaScript string indices). */
export interface XmlVisitor {
  start?(tag: XmlStartTag): void;
  end?(tag: XmlEndTag): void;
  text?(text: XmlText): void;
}

/** A part the tokenizer will not read: the message is one line naming the part and what it found. */
export class XmlRefusal extends Error {
  constructor(
    message: string,
    readonly partName: string,
    /** "doctype" for a DOCTYPE (entity declarations: refused as unsafe, not as damage). */
    readonly reason: "doctype" | "not-well-formed" | "encoding" = "not-well-formed",
  ) {
    super(message);
    this.name = "XmlRefusal";
  }
}

/**
 * Calls the visitor for every token of `xml`, in document order. Throws an XmlRefusal for a DOCTYPE,
 * an undeclared entity or XML that is not well-formed; an exception a visitor throws passes through.
 *   scanXml(sheetXml, "xl/worksheets/sheet1.xml", { start: (tag) => { if (tag.name === "c") ... } });
 */
export function scanXml(xml: string, partName: string, visitor: XmlVisitor): void {
  // Four handlers and no more: saxes keeps each as a property of the parser, and a parser given
  // many more is several times slower at every character (V8 stops treating it as a fixed shape).
  const parser = new SaxesParser<{ xmlns: false }>({ xmlns: false });
  /** Where the last tag or text ended: the start of any text that follows. */
  let lastEnd = 0;
  let depth = 0;
  /** Set while a visitor runs, so its exceptions are told from saxes' own. */
  let visiting = false;

  parser.on("text", (text) => {
    // Reported when the next "<" has been read. White space around the root is not content.
    const end = parser.position - 1;
    if (depth > 0 && visitor.text) {
      visiting = true;
      visitor.text({ kind: "text", text, cdata: false, start: lastEnd, end });
      visiting = false;
    }
    lastEnd = end;
  });
  parser.on("cdata", (text) => {
    const end = parser.position;
    if (visitor.text) {
      visiting = true;
      visitor.text({ kind: "text", text, cdata: true, start: xml.lastIndexOf("<![CDATA[", end), end });
      visiting = false;
    }
    lastEnd = end;
  });
  parser.on("opentag", (tag) => {
    const end = parser.position;
    // An attribute value cannot hold "<", so the nearest "<" before the tag's end is its start.
    const start = xml.lastIndexOf("<", end - 1);
    // A DOCTYPE may only stand in the prolog, before the root: looked for there, before any token.
    if (depth === 0 && xml.lastIndexOf("<!DOCTYPE", start) >= 0) {
      throw new XmlRefusal(
        `${partName} declares a DOCTYPE: a package part may not declare entities, and none is ever expanded.`,
        partName,
        "doctype",
      );
    }
    depth++;
    if (visitor.start) {
      visiting = true;
      visitor.start({
        kind: "start",
        name: tag.name,
        attributes: tag.attributes,
        selfClosing: tag.isSelfClosing,
        start,
        end,
      });
      visiting = false;
    }
    lastEnd = end;
  });
  parser.on("closetag", (tag) => {
    const end = parser.position;
    const start = tag.isSelfClosing ? end : xml.lastIndexOf("<", end - 1);
    depth--;
    if (visitor.end) {
      visiting = true;
      visitor.end({ kind: "end", name: tag.name, start, end });
      visiting = false;
    }
    lastEnd = end;
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    if (visiting || e instanceof XmlRefusal) throw e;
    // With no error handler, saxes throws its well-formedness errors.
    const message = e instanceof Error ? e.message : String(e);
    throw new XmlRefusal(`${partName} is not well-formed XML (${oneLine(message)}).`, partName);
  }
}

/** Every token of `xml` in document order (scanXml's tokens as an array; prefer scanXml for big parts). */
export function xmlTokens(xml: string, partName: string): XmlToken[] {
  const tokens: XmlToken[] = [];
  const push = (token: XmlToken): void => {
    tokens.push(token);
  };
  scanXml(xml, partName, { start: push, end: push, text: push });
  return tokens;
}

function oneLine(message: string): string {
  return message.split("\n")[0]!.trim();
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * A part's bytes as text, for scanXml. Office writes parts in UTF-8; a part in UTF-16 or with bytes
 * that are not UTF-8 is refused, so text decoded here encodes back to the same bytes (the byte-order
 * mark, when present, is left out of the text: `bomLength` says how many bytes it took).
 */
export function decodeXmlPart(bytes: Uint8Array, partName: string): { text: string; bomLength: number } {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw new XmlRefusal(
      `${partName} is encoded in UTF-16: only UTF-8 parts are read.`,
      partName,
      "encoding",
    );
  }
  const bomLength = UTF8_BOM.every((b, i) => bytes[i] === b) ? 3 : 0;
  try {
    return { text: utf8.decode(bomLength ? bytes.subarray(bomLength) : bytes), bomLength };
  } catch {
    throw new XmlRefusal(`${partName} holds bytes that are not UTF-8 text.`, partName, "encoding");
  }
}
