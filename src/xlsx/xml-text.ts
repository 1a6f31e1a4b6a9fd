/** Text in and out of the XML of an .xlsx package's parts (the package writer, kept defined names). */
import { type XmlStartTag, XmlRefusal, scanXml } from "./xml-tokens";

export const escapeXml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Quotes escaped, and the white space attribute normalisation would otherwise turn into spaces. */
export const escapeXmlAttribute = (text: string): string =>
  escapeXml(text)
    .replace(/"/g, "&quot;")
    .replace(/[\t\n\r]/g, (ch) => `&#${ch.charCodeAt(0)};`);

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g, (whole, hex, dec, named) => {
    if (hex !== undefined) return String.fromCodePoint(parseInt(String(hex), 16));
    if (dec !== undefined) return String.fromCodePoint(parseInt(String(dec), 10));
    return ENTITIES[String(named)] ?? String(whole);
  });
}

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** The root's start tag of `xml` as the tokenizer reads it, or null for text with no element. */
function scanToRoot(xml: string, partName: string): XmlStartTag | null {
  let root: XmlStartTag | null = null;
  scanXml(
    xml,
    partName,
    {
      start(tag) {
        root = tag;
      },
    },
    null,
    true,
  );
  return root;
}

/** How much of a part is read first for its root's start tag: a prolog and a root tag are far shorter. */
const ROOT_PREFIX = 4096;

/**
 * The root's start tag as the tokenizer reads it (the scan stops there), or null for a part with no
 * element. Throws XmlRefusal for what the tokenizer refuses before it (a DOCTYPE, a bad prolog).
 * Only the part's beginning is read: the tokenizer checks every character of the text it is given
 * before its first token (a regular expression over a 1.7 MB shared strings part, twice when the
 * writer opens it), so it is given a prefix (4,096 characters, then eight times as many…) that holds
 * the root's start tag, and the whole part only where no prefix reads as far. What follows the root's
 * start tag is left to the part's reader. A prefix the tokenizer refuses (cut inside a comment, or
 * between the halves of a surrogate pair) is tried longer, and the whole part gives the refusal as
 * it is.
 */
export function rootStartTag(xml: string, partName: string): XmlStartTag | null {
  for (let length = ROOT_PREFIX; length < xml.length; length *= 8) {
    try {
      const tag = scanToRoot(xml.slice(0, length), partName);
      if (tag !== null) return tag;
    } catch (e) {
      if (!(e instanceof XmlRefusal)) throw e;
    }
  }
  return scanToRoot(xml, partName);
}

/** The root's start tag, or null for XML the tokenizer refuses (left to the part's reader). */
function rootTagOf(xml: string): XmlStartTag | null {
  try {
    return rootStartTag(xml, "the part");
  } catch (e) {
    if (e instanceof XmlRefusal) return null;
    throw e;
  }
}

/**
 * A part that writes SpreadsheetML with a prefix (`<x:worksheet xmlns:x="…/main">`, as the Open XML
 * SDK does) in Excel's own form: unprefixed, the main namespace the default. Both say the same to
 * an XML reader; the package writer edits the unprefixed form. The tags are found by the tokenizer,
 * so a comment, CDATA section or attribute value that reads like a tag is kept as it is. A part that
 * is not so (unprefixed already, or its prefix naming another namespace, or a default namespace of
 * its own) is returned as it is, as is XML the tokenizer refuses, for the part's reader to accept or
 * refuse.
 */
export function withMainNamespaceUnprefixed(xml: string): string {
  const root = rootTagOf(xml);
  if (root === null) return xml;
  const colon = root.name.indexOf(":");
  if (colon < 0) return xml;
  const prefix = root.name.slice(0, colon);
  if (root.attributes[`xmlns:${prefix}`] !== MAIN_NS) return xml;
  const defaultNs = root.attributes["xmlns"];
  if (defaultNs !== undefined && defaultNs !== MAIN_NS) return xml;
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const cut = (name: string, at: number): void => {
    if (name.startsWith(`${prefix}:`)) edits.push({ start: at, end: at + prefix.length + 1, text: "" });
  };
  try {
    scanXml(xml, "the part", {
      start: (tag) => cut(tag.name, tag.start + 1),
      end: (tag) => {
        if (tag.end > tag.start) cut(tag.name, tag.start + 2);
      },
    });
  } catch (e) {
    if (e instanceof XmlRefusal) return xml;
    throw e;
  }
  if (defaultNs === undefined) {
    const close = root.selfClosing ? root.end - 2 : root.end - 1;
    edits.push({ start: close, end: close, text: ` xmlns="${MAIN_NS}"` });
  }
  edits.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const edit of edits) {
    out += xml.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + xml.slice(at);
}
