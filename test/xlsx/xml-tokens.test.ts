import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { strFromU8, unzipSync } from "fflate";
import { decodeXmlPart, scanXml, XmlRefusal, xmlTokens, type XmlToken } from "../../src/xlsx/xml-tokens";
import { saxesTokens } from "../support/saxes-tokens";

const PART = "xl/worksheets/sheet1.xml";

function spans(xml: string): string[] {
  return xmlTokens(xml, PART).map((t) => xml.slice(t.start, t.end));
}

function refusalOf(xml: string): XmlRefusal {
  try {
    xmlTokens(xml, PART);
  } catch (e) {
    if (e instanceof XmlRefusal) return e;
    throw e;
  }
  throw new Error("the XML was not refused");
}

describe("xmlTokens", () => {
  it("gives each start tag its name, decoded attributes and the exact span from < to >", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<a x="1" y='&amp;&lt;&#65;'><b\r\n z="&quot;"/></a>`;
    const tokens = xmlTokens(xml, PART);
    expect(tokens.map((t) => t.kind)).toEqual(["start", "start", "end", "end"]);
    expect(tokens[0]).toMatchObject({ name: "a", attributes: { x: "1", y: "&<A" }, selfClosing: false });
    expect(tokens[1]).toMatchObject({ name: "b", attributes: { z: '"' }, selfClosing: true });
    expect(spans(xml)).toEqual([`<a x="1" y='&amp;&lt;&#65;'>`, `<b\r\n z="&quot;"/>`, "", "</a>"]);
  });

  it("gives a self-closing tag an empty end span just after the tag", () => {
    const xml = `<r><c r="A1"/></r>`;
    const [, start, end] = xmlTokens(xml, PART);
    expect(end).toEqual({ kind: "end", name: "c", start: start!.end, end: start!.end });
  });

  it("gives an end tag with space before its > the whole span", () => {
    const xml = `<r><c>1</c  ></r >`;
    expect(spans(xml)).toEqual(["<r>", "<c>", "1", "</c  >", "</r >"]);
  });

  it("resolves the five predefined entities and numeric references in text, keeping the raw span", () => {
    const xml = `<t>a&amp;b&lt;c&gt;d&quot;e&apos;f&#x1F600;&#10;</t>`;
    const text = xmlTokens(xml, PART)[1];
    expect(text).toMatchObject({ kind: "text", text: `a&b<c>d"e'f\u{1F600}\n`, cdata: false });
    expect(xml.slice(text!.start, text!.end)).toBe("a&amp;b&lt;c&gt;d&quot;e&apos;f&#x1F600;&#10;");
  });

  it("reads a CDATA section as text with its raw span", () => {
    const xml = `<t><![CDATA[x < y & z]]></t>`;
    const text = xmlTokens(xml, PART)[1];
    expect(text).toMatchObject({ kind: "text", text: "x < y & z", cdata: true });
    expect(xml.slice(text!.start, text!.end)).toBe("<![CDATA[x < y & z]]>");
  });

  it("gives comments and processing instructions no token, leaving them inside the next text's span", () => {
    const xml = `<r>a<!-- note -->b<?pi body?>c</r>`;
    expect(xmlTokens(xml, PART).filter((t) => t.kind === "text")).toMatchObject([
      { text: "a" },
      { text: "b" },
      { text: "c" },
    ]);
    expect(spans(xml)).toEqual(["<r>", "a", "<!-- note -->b", "<?pi body?>c", "</r>"]);
  });

  it("measures spans in string indices past characters outside the Basic Multilingual Plane", () => {
    const xml = `<r><t>\u{1F600}\u{1F600}</t><u v="\u{1F600}"/></r>`;
    expect(spans(xml)).toEqual([
      "<r>",
      "<t>",
      "\u{1F600}\u{1F600}",
      "</t>",
      `<u v="\u{1F600}"/>`,
      "",
      "</r>",
    ]);
  });

  it("refuses a DOCTYPE with entity declarations and expands none of them", () => {
    const laughs =
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">` +
      `<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`;
    const refusal = refusalOf(laughs);
    expect(refusal.partName).toBe(PART);
    expect(refusal.message).toBe(
      `${PART} declares a DOCTYPE: a package part may not declare entities, and none is ever expanded.`,
    );
  });

  it("refuses a DOCTYPE with an external entity before reading any element", () => {
    const seen: string[] = [];
    expect(() =>
      scanXml(`<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>`, PART, {
        start: (tag) => seen.push(tag.name),
      }),
    ).toThrow(XmlRefusal);
    expect(seen).toEqual([]);
  });

  it("refuses a reference to an entity that is not one of the five predefined", () => {
    expect(refusalOf(`<r>&nbsp;</r>`).message).toMatch(
      /^xl\/worksheets\/sheet1\.xml is not well-formed XML \(/,
    );
    expect(refusalOf(`<r a="&copy;"/>`)).toBeInstanceOf(XmlRefusal);
  });

  it.each([
    ["an unclosed element", "<r><c>"],
    ["mismatched tags", "<r><c></r></c>"],
    ["a second root", "<r/><s/>"],
    ["an unquoted attribute", "<r a=1/>"],
    ["a character reference to no character", "<r>&#0;</r>"],
    ["no element at all", ""],
    ["text and no markup", "hello"],
  ])("refuses %s in one line naming the part", (_, xml) => {
    const refusal = refusalOf(xml);
    expect(refusal.message.startsWith(`${PART} is not well-formed XML (`)).toBe(true);
    expect(refusal.message).not.toContain("\n");
  });

  it("refuses a character XML does not allow, an unpaired surrogate among them", () => {
    for (const xml of ["<r>\u0001</r>", '<r a="\uFFFF"/>', "<r>\uD800x</r>", "<r>x\uDC00</r>"]) {
      expect(refusalOf(xml).message).toMatch(
        /^xl\/worksheets\/sheet1\.xml is not well-formed XML \(1:\d+: disallowed character/,
      );
    }
    expect(xmlTokens("<r>\uD83D\uDE00</r>", PART)[1]).toMatchObject({ text: "\u{1F600}" });
  });

  it("lets an exception from a visitor pass through unchanged", () => {
    const stop = new Error("stop here");
    expect(() =>
      scanXml("<r><c/></r>", PART, {
        start: (tag) => {
          if (tag.name === "c") throw stop;
        },
      }),
    ).toThrow(stop);
  });
});

/** A generated element tree, with the text and attribute values it should read back as. */
interface Tree {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly (Tree | string)[];
}

const names = fc.constantFrom("r", "c", "v", "x14:cfRule", "t", "si", "a_b", "é");
const value = fc.string({
  unit: fc.constantFrom("a", " ", "&", "<", ">", '"', "'", "é", "\u{1F600}", "\n", "\t"),
});

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

const { tree } = fc.letrec<{ tree: Tree; child: Tree | string }>((tie) => ({
  tree: fc.record({
    name: names,
    attributes: fc.dictionary(fc.constantFrom("a", "r", "s", "xml:space"), value, { maxKeys: 3 }),
    children: fc.array(tie("child"), { maxLength: 4 }),
  }),
  // At the depth bound oneof takes its first choice, a text, so trees stay finite.
  child: fc.oneof(
    { maxDepth: 4, depthIdentifier: "tree" },
    value.filter((s) => s !== ""),
    tie("tree"),
  ),
}));

function serialise(node: Tree | string): string {
  if (typeof node === "string") return escapeText(node);
  const attrs = Object.entries(node.attributes)
    .map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`)
    .join("");
  if (node.children.length === 0) return `<${node.name}${attrs}/>`;
  return `<${node.name}${attrs}>${node.children.map(serialise).join("")}</${node.name}>`;
}

/** The tokens a tree should give, text runs merged as a parser reports them. */
function expected(node: Tree | string, out: { kind: string; value: unknown }[]): void {
  if (typeof node === "string") {
    const last = out[out.length - 1];
    if (last?.kind === "text") last.value = `${String(last.value)}${node}`;
    else out.push({ kind: "text", value: node });
    return;
  }
  out.push({ kind: "start", value: [node.name, node.attributes] });
  node.children.forEach((child) => expected(child, out));
  out.push({ kind: "end", value: node.name });
}

function actual(token: XmlToken): { kind: string; value: unknown } {
  switch (token.kind) {
    case "start":
      return { kind: "start", value: [token.name, token.attributes] };
    case "end":
      return { kind: "end", value: token.name };
    case "text":
      return { kind: "text", value: token.text };
  }
}

describe("xmlTokens over generated documents", () => {
  it("reads back every name, attribute and text, and the spans tile the document", () => {
    fc.assert(
      fc.property(tree, (root) => {
        const xml = `<?xml version="1.0"?>\n${serialise(root)}`;
        const tokens = xmlTokens(xml, PART);
        const want: { kind: string; value: unknown }[] = [];
        expected(root, want);
        expect(tokens.map(actual)).toEqual(want);
        // Tokens abut: with no comments, the document after the declaration is exactly their spans.
        expect(tokens.map((t) => xml.slice(t.start, t.end)).join("")).toBe(serialise(root));
      }),
      { numRuns: 300 },
    );
  });
});

describe("decodeXmlPart", () => {
  const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

  it("decodes UTF-8 and leaves a byte-order mark out of the text", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encode("<r>é</r>")]);
    expect(decodeXmlPart(bytes, PART)).toEqual({ text: "<r>é</r>", bomLength: 3 });
    expect(decodeXmlPart(encode("<r/>"), PART)).toEqual({ text: "<r/>", bomLength: 0 });
  });

  it("refuses a part in UTF-16", () => {
    expect(() => decodeXmlPart(new Uint8Array([0xff, 0xfe, 0x3c, 0x00]), PART)).toThrow(
      `${PART} is encoded in UTF-16: only UTF-8 parts are read.`,
    );
  });

  it("refuses bytes that are not UTF-8", () => {
    expect(() => decodeXmlPart(new Uint8Array([0x3c, 0x72, 0xff, 0x3e]), PART)).toThrow(
      `${PART} holds bytes that are not UTF-8 text.`,
    );
  });
});

/** Tokens, or "refused" when the XML is refused. */
function outcome(read: () => XmlToken[]): XmlToken[] | "refused" {
  try {
    return read();
  } catch (e) {
    if (e instanceof XmlRefusal) return "refused";
    throw e;
  }
}

const FIXTURES = path.resolve(__dirname, "../../../shared/fixtures");

/** A high surrogate with no low one after it, or a low one with no high one before it. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every XML part of the shared fixtures, as text. */
function fixtureParts(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith(".xlsx"))) {
    const parts = unzipSync(readFileSync(path.join(FIXTURES, file)));
    for (const [name, bytes] of Object.entries(parts)) {
      if (name.endsWith(".xml") || name.endsWith(".rels")) out.push([`${file} ${name}`, strFromU8(bytes)]);
    }
  }
  return out;
}

/**
 * Pieces that exercise each rule of the grammar, spliced into real parts. (No unpaired surrogate:
 * saxes lets one through, the tokenizer refuses it, and no UTF-8 part can hold one.)
 */
const PIECES = [
  "<",
  ">",
  "&",
  "&amp;",
  "&#0;",
  "&#x41;",
  "&#X41;",
  "&#55296;",
  "&nbsp;",
  "&;",
  "\r\n",
  "\r",
  "\t",
  "<!-- c -->",
  "<!-- a--b -->",
  "<?pi x?>",
  "<?xml version='1.0'?>",
  "<?XML x?>",
  "<![CDATA[x<&]]>",
  "]]>",
  "--",
  '"',
  "'",
  "=",
  " ",
  "/",
  "<a>",
  "</a>",
  "<a/>",
  '<b x="1" x="2"/>',
  '<b x="1"y="2"/>',
  "<b x='a\r\nb\tc'/>",
  "<1a/>",
  "<x:y:z/>",
  "\u0001",
  "\uFFFE",
  "é",
  "\u{1F600}",
  "<!DOCTYPE a>",
  "",
];

describe("xmlTokens against saxes, a general conforming parser", () => {
  it("reads every part of every fixture to the same tokens and spans", () => {
    const parts = fixtureParts();
    expect(parts.length).toBeGreaterThan(20);
    for (const [name, xml] of parts) {
      expect([name, xmlTokens(xml, PART)]).toEqual([name, saxesTokens(xml, PART)]);
    }
  });

  it("reads or refuses real parts changed piece by piece exactly as saxes does", () => {
    const parts = fixtureParts().filter(([, xml]) => xml.length < 200_000);
    fc.assert(
      fc.property(
        fc.nat({ max: parts.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 4 }), fc.constantFrom(...PIECES)), {
          minLength: 1,
          maxLength: 4,
        }),
        (which, edits) => {
          let xml = parts[which]![1];
          for (const [at, remove, insert] of edits) {
            const i = at % (xml.length + 1);
            xml = xml.slice(0, i) + insert + xml.slice(i + remove);
          }
          // An edit can cut the emoji piece in two. saxes lets the unpaired half through; the tokenizer
          // refuses it, as no UTF-8 part can hold one (the pieces' note above).
          const expected = UNPAIRED_SURROGATE.test(xml) ? "refused" : outcome(() => saxesTokens(xml, PART));
          expect(outcome(() => xmlTokens(xml, PART))).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("reads or refuses short documents made of the grammar's pieces exactly as saxes does", () => {
    const content = fc.constantFrom(
      "<r>",
      "</r>",
      "x",
      "<c a='1'>",
      "</c>",
      "<c/>",
      "&lt;",
      '<c b="&#10;\n">',
      "\n  ",
    );
    let read = 0;
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.oneof(fc.constantFrom(...PIECES), content), { maxLength: 8 }),
        (wrap, pieces) => {
          const xml = wrap ? `<r>${pieces.join("")}</r>` : pieces.join("");
          const tokens = outcome(() => xmlTokens(xml, PART));
          if (tokens !== "refused") read++;
          expect(tokens).toEqual(outcome(() => saxesTokens(xml, PART)));
        },
      ),
      { numRuns: 3000 },
    );
    // Both ways are exercised: documents read as well as refused.
    expect(read).toBeGreaterThan(100);
  });
});

describe("scanXml told to stop at the root's start tag", () => {
  it("gives that tag alone, self-closing or not, and reads nothing after it", () => {
    const seen = (xml: string): string[] => {
      const tokens: string[] = [];
      scanXml(
        xml,
        PART,
        {
          start: (tag) =>
            tokens.push(`start ${tag.name} ${JSON.stringify(tag.attributes)} ${tag.selfClosing}`),
          end: (tag) => tokens.push(`end ${tag.name}`),
          text: (text) => tokens.push(`text ${text.text}`),
        },
        null,
        true,
      );
      return tokens;
    };
    expect(seen(`<?xml version="1.0"?><!-- c --><sst a="1">text<si/>`)).toEqual([
      'start sst {"a":"1"} false',
    ]);
    expect(seen(`<sst/>junk<<`)).toEqual(["start sst {} true"]);
    expect(() => seen(`<!DOCTYPE sst><sst/>`)).toThrow(XmlRefusal);
    expect(() => seen(`<!-- no root -->`)).toThrow(/document must contain a root element/);
  });
});
