/**
 * The root's start tag of a part, read from the part's beginning only (xml-text.ts rootStartTag):
 * the tag the whole part's tokens give, refusals before it as the whole part's scan gives them, and
 * nothing after it read.
 */
import { rootStartTag, withMainNamespaceUnprefixed } from "../../src/xlsx/xml-text";
import { XmlRefusal, scanXml } from "../../src/xlsx/xml-tokens";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** The root's start tag as a scan of the whole part reads it. */
function firstStartTag(xml: string): unknown {
  let first: unknown = null;
  scanXml(xml, "part", {
    start(tag) {
      first ??= tag;
    },
  });
  return first;
}

/** The refusal a scan of the whole part gives, or null. */
function refusalOf(read: () => unknown): string | null {
  try {
    read();
    return null;
  } catch (e) {
    if (e instanceof XmlRefusal) return e.message;
    throw e;
  }
}

describe("the root's start tag of a part", () => {
  it("is the tag a scan of the whole part reads first, wherever the first prefix read ends", () => {
    const items = "<si><t>x</t></si>".repeat(2000);
    const parts = [
      `${DECLARATION}<sst xmlns="${MAIN_NS}" count="1">${items}</sst>`,
      `<sst xmlns="${MAIN_NS}"/>`,
      // A comment longer than the first prefix, holding what reads like a root.
      `${DECLARATION}<!-- <fake a="1"> ${"c".repeat(6000)} --><sst a="${"v".repeat(5000)}">${items}</sst>`,
      // A root tag whose attributes run past the first prefix.
      `${DECLARATION}<sst xmlns="${MAIN_NS}" note="${"long ".repeat(2000)}">${items}</sst>`,
      // A surrogate pair cut by the first prefix, in a processing instruction before the root.
      `${DECLARATION}<?pi ${"p".repeat(4096 - DECLARATION.length - 6)}\u{1F600}?><sst>${items}</sst>`,
    ];
    for (const xml of parts) expect(rootStartTag(xml, "part")).toEqual(firstStartTag(xml));
  });

  it("is read although a disallowed character follows it, which the part's reader refuses", () => {
    const xml = `${DECLARATION}<sst xmlns="${MAIN_NS}"><si><t>${"ok ".repeat(3000)}\u0001</t></si></sst>`;
    expect(rootStartTag(xml, "part")?.name).toBe("sst");
    expect(refusalOf(() => firstStartTag(xml))).toMatch(/disallowed character/);
  });

  it("is refused as a scan of the whole part refuses what comes before it", () => {
    const tail = `<sst>${"<si><t>x</t></si>".repeat(1000)}</sst>`;
    const refused = [
      `<!DOCTYPE sst [<!ENTITY e "x">]>${tail}`,
      `${DECLARATION}<!-- \u0002 -->${tail}`,
      `<?xml version="2.0"?>${tail}`,
      `${DECLARATION}<!-- ${"c".repeat(9000)} -- -->${tail}`,
      `${DECLARATION}${"c".repeat(9000)}${tail}`,
    ];
    for (const xml of refused) {
      const whole = refusalOf(() => firstStartTag(xml));
      expect(whole).not.toBeNull();
      expect(refusalOf(() => rootStartTag(xml, "part"))).toBe(whole);
    }
  });

  it("is refused for a part with no element, as a scan of the whole part refuses it", () => {
    expect(refusalOf(() => rootStartTag(`${DECLARATION}<!-- none -->`, "part"))).toMatch(/root element/);
  });
});

describe("a part written under the main namespace's prefix", () => {
  it("is written unprefixed wherever its root tag ends, and a part the tokenizer refuses is left as it is", () => {
    const prefixed = `${DECLARATION}<x:sst xmlns:x="${MAIN_NS}" note="${"n".repeat(5000)}"><x:si><x:t>a</x:t></x:si></x:sst>`;
    expect(withMainNamespaceUnprefixed(prefixed)).toBe(
      `${DECLARATION}<sst xmlns:x="${MAIN_NS}" note="${"n".repeat(5000)}" xmlns="${MAIN_NS}"><si><t>a</t></si></sst>`,
    );
    const refused = `${DECLARATION}<x:sst xmlns:x="${MAIN_NS}"><x:si><x:t>\u0001</x:t></x:si></x:sst>`;
    expect(withMainNamespaceUnprefixed(refused)).toBe(refused);
  });
});
