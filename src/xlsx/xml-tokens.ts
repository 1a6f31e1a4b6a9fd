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
 * Character data inside the root element, references resolved; `start`..`end` is its raw span. A
 * CDATA section is text too (`cdata` true). Comments and processing instructions give no tokens (their
 * spans lie between the tokens around them).
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
  const parser = new SaxesParser<{ xmlns: false; fileName: string }>({ xmlns: false, fileName: partName });
  /** Where the last token, comment or instruction ended: the start of any text that follows. */
  let lastEnd = 0;
  let openStart = 0;
  let depth = 0;

  parser.on("error", (err) => {
    throw new XmlRefusal(`${partName} is not well-formed XML (${oneLine(err.message)}).`, partName);
  });
  parser.on("doctype", () => {
    throw new XmlRefusal(
      `${partName} declares a DOCTYPE: a package part may not declare entities, and none is ever expanded.`,
      partName,
    );
  });
  parser.on("xmldecl", () => {
    lastEnd = parser.position;
  });
  parser.on("processinginstruction", () => {
    lastEnd = parser.position;
  });
  parser.on("comment", () => {
    // saxes reports a comment at its closing "--", before the ">".
    lastEnd = parser.position + 1;
  });
  parser.on("text", (text) => {
    // Reported when the next "<" has been read. White space around the root is not content.
    const end = parser.position - 1;
    if (depth > 0) visitor.text?.({ kind: "text", text, cdata: false, start: lastEnd, end });
    lastEnd = end;
  });
  parser.on("cdata", (text) => {
    const end = parser.position;
    visitor.text?.({ kind: "text", text, cdata: true, start: xml.lastIndexOf("<![CDATA[", end), end });
    lastEnd = end;
  });
  parser.on("opentagstart", (tag) => {
    // Reported once the name and the character after it have been read; "<" comes just before the name.
    openStart = xml.lastIndexOf("<", parser.position - tag.name.length - 1);
  });
  parser.on("opentag", (tag) => {
    const end = parser.position;
    depth++;
    visitor.start?.({
      kind: "start",
      name: tag.name,
      attributes: tag.attributes,
      selfClosing: tag.isSelfClosing,
      start: openStart,
      end,
    });
    lastEnd = end;
  });
  parser.on("closetag", (tag) => {
    const end = parser.position;
    const start = tag.isSelfClosing ? end : xml.lastIndexOf("<", end - 1);
    depth--;
    visitor.end?.({ kind: "end", name: tag.name, start, end });
    lastEnd = end;
  });
  parser.write(xml).close();
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
    throw new XmlRefusal(`${partName} is encoded in UTF-16: only UTF-8 parts are read.`, partName);
  }
  const bomLength = UTF8_BOM.every((b, i) => bytes[i] === b) ? 3 : 0;
  try {
    return { text: utf8.decode(bomLength ? bytes.subarray(bomLength) : bytes), bomLength };
  } catch {
    throw new XmlRefusal(`${partName} holds bytes that are not UTF-8 text.`, partName);
  }
}
