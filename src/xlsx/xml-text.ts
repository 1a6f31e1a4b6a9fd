/** Text in and out of the XML of an .xlsx package's parts (the package writer, kept defined names). */

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

const attributePatterns = new Map<string, RegExp>();

/** A (non-global, so reusable) pattern for attribute `name` and its value; compiled once per name. */
function attributePattern(name: string): RegExp {
  let re = attributePatterns.get(name);
  if (!re) {
    re = new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attributePatterns.set(name, re);
  }
  return re;
}

/** The unescaped value of attribute `name` in a start tag, or undefined when it has none. */
export function attributeOf(tag: string, name: string): string | undefined {
  const m = attributePattern(name).exec(tag);
  return m ? unescapeXml(m[1] ?? m[2] ?? "") : undefined;
}

/**
 * The start tag with attribute `name` set to `value` (escaped here; appended before the tag's end
 * when absent), or removed when `value` is undefined.
 */
export function withAttribute(tag: string, name: string, value: string | undefined): string {
  const re = attributePattern(name);
  const replacement = value === undefined ? "" : ` ${name}="${escapeXmlAttribute(value)}"`;
  if (re.test(tag)) return tag.replace(re, () => replacement);
  return value === undefined
    ? tag
    : tag.replace(/\s*(\/?)>$/, (_, close: string) => `${replacement}${close}>`);
}

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/**
 * A part that writes SpreadsheetML with a prefix (`<x:worksheet xmlns:x="…/main">`, as the Open XML
 * SDK does) in Excel's own form: unprefixed, the main namespace the default. Both say the same to
 * an XML reader; the package writer edits the unprefixed form. A part that is not so (unprefixed
 * already, or its prefix naming another namespace, or a default namespace of its own) is returned
 * as it is, for the part's reader to accept or refuse.
 */
export function withMainNamespaceUnprefixed(xml: string): string {
  let at = 0;
  for (;;) {
    at = xml.indexOf("<", at);
    if (at < 0) return xml;
    if (xml.startsWith("<?", at)) at = xml.indexOf("?>", at);
    else if (xml.startsWith("<!--", at)) at = xml.indexOf("-->", at);
    else break;
    if (at < 0) return xml;
  }
  const root = /^<([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*(?=[\s/>])[^>]*>/.exec(xml.slice(at));
  if (root === null) return xml;
  const prefix = root[1] ?? "";
  const tag = root[0];
  if (attributeOf(tag, `xmlns:${prefix}`) !== MAIN_NS) return xml;
  const defaultNs = attributeOf(tag, "xmlns");
  if (defaultNs !== undefined && defaultNs !== MAIN_NS) return xml;
  // "<" stands only at markup in XML text and attribute values, so every "<x:" and "</x:" is a tag.
  const escapedPrefix = prefix.replace(/[.-]/g, "\\$&");
  const unprefixed = xml.replace(new RegExp(`<(/?)${escapedPrefix}:`, "g"), "<$1");
  if (defaultNs !== undefined) return unprefixed;
  const rootEnd = unprefixed.indexOf(">", at);
  const close = unprefixed[rootEnd - 1] === "/" ? rootEnd - 1 : rootEnd;
  return `${unprefixed.slice(0, close)} xmlns="${MAIN_NS}"${unprefixed.slice(close)}`;
}
