/**
 * The yardstick for the package model's tokenizer (src/xlsx/xml-tokens.ts): the same tokens and spans
 * read with saxes, a general conforming streaming parser. The tokenizer's tests hold it to this one
 * token for token on real parts, and refusal for refusal on damaged ones.
 */
import { SaxesParser } from "saxes";
import { XmlRefusal, type XmlToken } from "../../src/xlsx/xml-tokens";

/** Every token of `xml` as saxes reads it; an XmlRefusal where saxes finds the XML not well-formed. */
export function saxesTokens(xml: string, partName: string): XmlToken[] {
  const tokens: XmlToken[] = [];
  // Four handlers and no more: saxes keeps each as a property of the parser, and a parser given
  // many more is several times slower at every character (V8 stops treating it as a fixed shape).
  const parser = new SaxesParser<{ xmlns: false }>({ xmlns: false });
  /** Where the last tag or text ended: the start of any text that follows. */
  let lastEnd = 0;
  let depth = 0;

  parser.on("text", (text) => {
    // Reported when the next "<" has been read. White space around the root is not content.
    const end = parser.position - 1;
    if (depth > 0) tokens.push({ kind: "text", text, cdata: false, start: lastEnd, end });
    lastEnd = end;
  });
  parser.on("cdata", (text) => {
    const end = parser.position;
    // The section starts at or before its length back from its end (a carriage return in it is read
    // as a line feed, so it may be longer as written than as read).
    const start = xml.lastIndexOf("<![CDATA[", end - "<![CDATA[]]>".length - text.length);
    tokens.push({ kind: "text", text, cdata: true, start, end });
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
    tokens.push({
      kind: "start",
      name: tag.name,
      attributes: tag.attributes,
      selfClosing: tag.isSelfClosing,
      start,
      end,
    });
    lastEnd = end;
  });
  parser.on("closetag", (tag) => {
    const end = parser.position;
    const start = tag.isSelfClosing ? end : xml.lastIndexOf("<", end - 1);
    depth--;
    tokens.push({ kind: "end", name: tag.name, start, end });
    lastEnd = end;
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof XmlRefusal) throw e;
    // With no error handler, saxes throws its well-formedness errors.
    const message = e instanceof Error ? e.message : String(e);
    throw new XmlRefusal(`${partName} is not well-formed XML (${message.split("\n")[0]!.trim()}).`, partName);
  }
  return tokens;
}
