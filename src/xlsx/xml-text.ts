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
