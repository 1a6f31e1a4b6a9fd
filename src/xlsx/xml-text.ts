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
