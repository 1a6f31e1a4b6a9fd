/**
 * The XML of one package part as a stream of tokens (start tags, end tags, text), each with the span
 * of the part's text it came from, so a reader can take values out and a writer can patch a span and
 * keep the rest of the part byte for byte. A conforming, non-validating tokenizer of XML 1.0 made for
 * this model: one pass over the part's string with indexOf and charCodeAt, which reads the worksheets
 * of a 6,000-action plan several times faster than a general streaming parser (saxes, which its tests
 * hold it to token for token and refusal for refusal).
 *
 * What it refuses (an XmlRefusal naming the part): a DOCTYPE, and with it any entity declaration; a
 * reference to any entity beyond the five XML predefines (amp, lt, gt, quot, apos) and numeric
 * character references; anything not well-formed (tags that do not match, a second root, a duplicate
 * or unquoted attribute, a name or character XML does not allow, "--" in a comment, "]]>" in text).
 * No entity is ever expanded, so no "billion laughs". Line ends are normalised as XML 1.0 section
 * 2.11 says, and white space in attribute values as section 3.3.3 says.
 * No Node built-ins here, so the browser playground can use it too.
 */

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

/**
 * A way past the element a reader meets by the thousand (a worksheet's cells and rows, the shared
 * strings' items) in its commonest form, matched whole instead of token by token. `pattern` (sticky)
 * is tried at each "<" followed by one of the letters of `first` (one or two) inside the root; where it
 * matches, `take` gets the match in place of the element's tokens, and where it does not, the tokens
 * come as usual. The pattern must match only a well-formed element, or only the start tag of one:
 * literal names, no carriage return, no "]]>", no reference but XML's five predefined entities (which
 * `take` resolves), nothing else the tokenizer would read otherwise than as written. For a start tag
 * alone `take` returns the element's name, which the tokenizer then holds open as if it had read the
 * tag (its content and end tag come as tokens); for a whole element it returns nothing.
 */
export interface XmlShortcut {
  readonly first: string;
  readonly pattern: RegExp;
  take(match: RegExpExecArray, start: number, end: number): string | undefined | void;
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

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

/** XML 1.0 (fifth edition) Name: NameStartChar NameChar*. */
const NAME =
  /^[:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}][:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}\-.0-9\u00B7\u0300-\u036F\u203F\u2040]*$/u;

/**
 * Characters XML 1.0 does not allow anywhere (2.2 Char): C0 controls other than tab, LF and CR, and
 * U+FFFE/U+FFFF. Unpaired surrogates are the other kind, looked for with isWellFormed.
 */
const NOT_XML_CHARACTER = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The XML declaration (2.8), read where the document starts. */
const XML_DECLARATION =
  /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>/y;

function isXmlCharacter(code: number): boolean {
  return (
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Whether the string has an unpaired surrogate (isWellFormed where the engine has it: ES2024). */
function hasUnpairedSurrogate(text: string): boolean {
  const wellFormed = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return typeof wellFormed === "function" ? !wellFormed.call(text) : UNPAIRED_SURROGATE.test(text);
}

/** Line and column (both from 1) of a string index, for a refusal's message. */
function lineAndColumn(xml: string, at: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = xml.indexOf("\n"); i >= 0 && i < at; i = xml.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `${line}:${at - lineStart + 1}`;
}

/**
 * The common tokens, matched whole by one sticky expression: a start tag with its attributes (1 its
 * name, 2 its attributes, 3 "/" when it closes itself), an end tag (4 its name), or text up to the
 * next "<". A regular expression runs as native code from its first use, where a loop over characters
 * runs interpreted until V8 has optimised it, which takes most of a short process's life. Anything
 * else at a "<" (a comment, a processing instruction, CDATA, a DOCTYPE, markup that is not
 * well-formed) is read character by character. XML's white space is only these four characters.
 */
const COMMON_TOKEN =
  /<([^ \t\r\n/>!?<]+)((?:[ \t\r\n]+[^ \t\r\n=/>]+[ \t\r\n]*=[ \t\r\n]*(?:"[^"<]*"|'[^'<]*'))*)[ \t\r\n]*(\/?)>|<\/([^ \t\r\n/>]+)[ \t\r\n]*>|[^<]+/y;
/** One attribute of COMMON_TOKEN's group 2: 1 its name, 2 or 3 its value. */
const ATTRIBUTE = /[ \t\r\n]+([^ \t\r\n=/>]+)[ \t\r\n]*=[ \t\r\n]*(?:"([^"<]*)"|'([^'<]*)')/y;
/** What text needs beyond being taken as it is: a reference, a carriage return, or "]]>" to refuse. */
const SPECIAL_TEXT = /[&\r]|]]>/;
const SPECIAL_VALUE = /[&\t\n\r]/;

/**
 * Calls the visitor for every token of `xml`, in document order. Throws an XmlRefusal for a DOCTYPE,
 * an undeclared entity or XML that is not well-formed; an exception a visitor throws passes through.
 * With `stopAtRoot` the scan ends after the root's start tag (no end token for it), reading nothing
 * past it: for a reader that wants only the root's tag (xml-text.ts rootStartTag).
 *   scanXml(sheetXml, "xl/worksheets/sheet1.xml", { start: (tag) => { if (tag.name === "c") ... } });
 */
export function scanXml(
  xml: string,
  partName: string,
  visitor: XmlVisitor,
  shortcut: XmlShortcut | null = null,
  stopAtRoot = false,
): void {
  const n = xml.length;
  const fail = (at: number, what: string): XmlRefusal =>
    new XmlRefusal(
      `${partName} is not well-formed XML (${lineAndColumn(xml, Math.min(at, n))}: ${what}).`,
      partName,
    );
  const badCharacter = NOT_XML_CHARACTER.exec(xml);
  if (badCharacter !== null) throw fail(badCharacter.index, "disallowed character");
  if (hasUnpairedSurrogate(xml)) {
    throw fail(UNPAIRED_SURROGATE.exec(xml)?.index ?? 0, "disallowed character (an unpaired surrogate)");
  }

  /** Names already found to be XML names: an element's or attribute's name repeats thousands of times. */
  const names = new Set<string>();
  const checkName = (name: string, at: number, what: string): void => {
    if (names.has(name)) return;
    if (!NAME.test(name)) throw fail(at, `disallowed character in ${what} name`);
    names.add(name);
  };
  /** The end of a name starting at `at`: the next character that cannot follow a name in markup. */
  const nameEnd = (at: number): number => {
    let i = at;
    while (i < n) {
      const c = xml.charCodeAt(i);
      if (isSpace(c) || c === GT || c === SLASH || c === EQUALS || c === QUESTION || c === LT) break;
      i++;
    }
    return i;
  };
  const skipSpace = (at: number): number => {
    let i = at;
    while (i < n && isSpace(xml.charCodeAt(i))) i++;
    return i;
  };

  /** A reference's replacement text (`&amp;` → "&"); `at` is its "&". */
  const reference = (body: string, at: number): string => {
    switch (body) {
      case "amp":
        return "&";
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "quot":
        return '"';
      case "apos":
        return "'";
    }
    if (body.charCodeAt(0) !== 0x23) {
      throw fail(at, NAME.test(body) ? `undefined entity &${body};` : "disallowed character in entity name");
    }
    const code = /^#x[0-9A-Fa-f]+$/.test(body)
      ? parseInt(body.slice(2), 16)
      : /^#[0-9]+$/.test(body)
        ? parseInt(body.slice(1), 10)
        : NaN;
    if (!isXmlCharacter(code)) throw fail(at, `malformed character reference &${body};`);
    return String.fromCodePoint(code);
  };
  /** `raw` (from index `at` of the part) with its references replaced. */
  const resolveReferences = (raw: string, at: number): string => {
    let out = "";
    let from = 0;
    for (let amp = raw.indexOf("&"); amp >= 0; amp = raw.indexOf("&", from)) {
      const semicolon = raw.indexOf(";", amp + 1);
      if (semicolon < 0) throw fail(at + amp, "an & that starts no reference");
      out += raw.slice(from, amp) + reference(raw.slice(amp + 1, semicolon), at + amp);
      from = semicolon + 1;
    }
    return out + raw.slice(from);
  };
  /** Character data `raw` found at `at`: "]]>" refused, line ends normalised, references resolved. */
  const characterData = (raw: string, at: number): string => {
    const cdataEnd = raw.indexOf("]]>");
    if (cdataEnd >= 0) throw fail(at + cdataEnd, 'the string "]]>" is disallowed in char data');
    const text = raw.indexOf("\r") >= 0 ? raw.replace(/\r\n?/g, "\n") : raw;
    return text.indexOf("&") >= 0 ? resolveReferences(text, at) : text;
  };
  /** An attribute value as written (`at` its index) with its white space normalised and references resolved. */
  const attributeValue = (raw: string, at: number): string => {
    const spaced = raw.replace(/\r\n|[\t\n\r]/g, " ");
    return spaced.indexOf("&") >= 0 ? resolveReferences(spaced, at) : spaced;
  };
  const setAttribute = (
    attributes: Record<string, string>,
    name: string,
    value: string,
    at: number,
  ): void => {
    if (Object.hasOwn(attributes, name)) throw fail(at, `duplicate attribute: ${name}`);
    // "__proto__" would set the object's prototype, not a property.
    if (name === "__proto__") {
      Object.defineProperty(attributes, name, { value, enumerable: true, writable: true });
    } else attributes[name] = value;
  };

  /** Open elements' names, innermost last. */
  const open: string[] = [];
  let seenRoot = false;
  /** Set once the root's start tag has been read, with `stopAtRoot`. */
  let stopped = false;
  /** Where the last tag or text ended: the start of any text that follows. */
  let lastEnd = 0;

  const startTag = (
    name: string,
    attributes: Record<string, string>,
    selfClosing: boolean,
    start: number,
    end: number,
  ): void => {
    seenRoot = true;
    if (visitor.start) visitor.start({ kind: "start", name, attributes, selfClosing, start, end });
    if (stopAtRoot) {
      stopped = true;
      lastEnd = end;
      return;
    }
    if (selfClosing) {
      if (visitor.end) visitor.end({ kind: "end", name, start: end, end });
    } else open.push(name);
    lastEnd = end;
  };
  const endTag = (name: string, start: number, end: number): void => {
    const expected = open.pop();
    if (expected === undefined) throw fail(start, `unmatched closing tag: ${name}`);
    if (expected !== name) throw fail(start, `unexpected close tag ${name} (open: ${expected})`);
    if (visitor.end) visitor.end({ kind: "end", name, start, end });
    lastEnd = end;
  };

  /** The attributes of COMMON_TOKEN's group 2, `raw`, found at `at`. */
  const attributesOf = (raw: string, at: number): Record<string, string> => {
    const attributes: Record<string, string> = {};
    ATTRIBUTE.lastIndex = 0;
    for (let m = ATTRIBUTE.exec(raw); m !== null; m = ATTRIBUTE.exec(raw)) {
      const name = m[1]!;
      checkName(name, at + m.index, "attribute");
      const value = m[2] ?? m[3]!;
      setAttribute(
        attributes,
        name,
        SPECIAL_VALUE.test(value) ? attributeValue(value, at + m.index) : value,
        at + m.index,
      );
    }
    return attributes;
  };

  /**
   * The markup at `lt` that COMMON_TOKEN does not match, read character by character: a comment, a
   * processing instruction, CDATA, a DOCTYPE (refused), or the well-formedness error it holds.
   * Returns where the next token starts.
   */
  const uncommonMarkup = (lt: number, documentStart: number): number => {
    const next = xml.charCodeAt(lt + 1);
    if (next === SLASH) {
      // An end tag: </name S? >
      const end = nameEnd(lt + 2);
      const close = skipSpace(end);
      if (xml.charCodeAt(close) !== GT) throw fail(close, "disallowed character in closing tag");
      endTag(xml.slice(lt + 2, end), lt, close + 1);
      return close + 1;
    }
    if (next === BANG) {
      if (xml.startsWith("<!--", lt)) {
        const dashes = xml.indexOf("--", lt + 4);
        if (dashes < 0) throw fail(lt, "unclosed comment");
        if (xml.charCodeAt(dashes + 2) !== GT) throw fail(dashes, "malformed comment (-- inside it)");
        return dashes + 3;
      }
      if (xml.startsWith("<![CDATA[", lt)) {
        if (open.length === 0) throw fail(lt, "text data outside of root node");
        const close = xml.indexOf("]]>", lt + 9);
        if (close < 0) throw fail(lt, "unclosed CDATA section");
        const raw = xml.slice(lt + 9, close);
        const text = raw.indexOf("\r") >= 0 ? raw.replace(/\r\n?/g, "\n") : raw;
        if (visitor.text) visitor.text({ kind: "text", text, cdata: true, start: lt, end: close + 3 });
        lastEnd = close + 3;
        return close + 3;
      }
      if (xml.startsWith("<!DOCTYPE", lt) && !seenRoot) {
        throw new XmlRefusal(
          `${partName} declares a DOCTYPE: a package part may not declare entities, and none is ever expanded.`,
          partName,
          "doctype",
        );
      }
      throw fail(lt, "incorrect syntax");
    }
    if (next === QUESTION) {
      // A processing instruction: <?target (S anything)? ?>
      const end = nameEnd(lt + 2);
      const target = xml.slice(lt + 2, end);
      if (target === "") throw fail(lt, "processing instruction without a target");
      checkName(target, lt + 2, "processing instruction");
      if (target.toLowerCase() === "xml") {
        throw fail(
          lt,
          lt === documentStart
            ? "a malformed XML declaration"
            : "an XML declaration must be at the start of the document",
        );
      }
      const close = xml.indexOf("?>", end);
      if (close < 0) throw fail(lt, "unclosed processing instruction");
      if (close !== end && !isSpace(xml.charCodeAt(end))) {
        throw fail(end, "disallowed character in processing instruction name");
      }
      return close + 2;
    }
    // A start tag: <name (S name S? = S? "value")* S? /?>
    if (open.length === 0 && seenRoot) throw fail(lt, "documents may contain only one root");
    const end = nameEnd(lt + 1);
    const name = xml.slice(lt + 1, end);
    if (name === "") throw fail(lt + 1, "disallowed character in tag name");
    checkName(name, lt + 1, "tag");
    const attributes: Record<string, string> = {};
    let p = end;
    for (;;) {
      const spaced = p < n && isSpace(xml.charCodeAt(p));
      if (spaced) p = skipSpace(p);
      if (p >= n) throw fail(lt, `unclosed tag: ${name}`);
      const c = xml.charCodeAt(p);
      if (c === GT) {
        startTag(name, attributes, false, lt, p + 1);
        return p + 1;
      }
      if (c === SLASH) {
        if (xml.charCodeAt(p + 1) !== GT) throw fail(p, "forward-slash in opening tag not followed by >");
        startTag(name, attributes, true, lt, p + 2);
        return p + 2;
      }
      if (!spaced) {
        throw fail(p, p === end ? "disallowed character in tag name" : "no whitespace between attributes");
      }
      const attributeEnd = nameEnd(p);
      const attribute = xml.slice(p, attributeEnd);
      if (attribute === "") throw fail(p, "disallowed character in attribute name");
      checkName(attribute, p, "attribute");
      const at = p;
      p = skipSpace(attributeEnd);
      if (xml.charCodeAt(p) !== EQUALS) throw fail(p, "attribute without value");
      p = skipSpace(p + 1);
      const quote = xml.charCodeAt(p);
      if (quote !== QUOTE && quote !== APOSTROPHE) throw fail(p, "unquoted attribute value");
      const close = xml.indexOf(quote === QUOTE ? '"' : "'", p + 1);
      if (close < 0) throw fail(lt, `unclosed tag: ${name}`);
      const raw = xml.slice(p + 1, close);
      const less = raw.indexOf("<");
      if (less >= 0) throw fail(p + 1 + less, "disallowed character (<) in an attribute value");
      setAttribute(attributes, attribute, SPECIAL_VALUE.test(raw) ? attributeValue(raw, p + 1) : raw, at);
      p = close + 1;
    }
  };

  let at = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const documentStart = at;
  if (
    xml.startsWith("<?xml", at) &&
    (isSpace(xml.charCodeAt(at + 5)) || xml.charCodeAt(at + 5) === QUESTION)
  ) {
    XML_DECLARATION.lastIndex = at;
    if (!XML_DECLARATION.test(xml)) throw fail(at, "a malformed XML declaration");
    at = XML_DECLARATION.lastIndex;
  }
  const shortcutFirst = shortcut === null ? -1 : shortcut.first.charCodeAt(0);
  const shortcutSecond = shortcut === null || shortcut.first.length < 2 ? -1 : shortcut.first.charCodeAt(1);
  while (at < n && !stopped) {
    const next = xml.charCodeAt(at + 1);
    if (
      shortcut !== null &&
      (next === shortcutFirst || next === shortcutSecond) &&
      xml.charCodeAt(at) === LT &&
      open.length > 0
    ) {
      shortcut.pattern.lastIndex = at;
      const m = shortcut.pattern.exec(xml);
      if (m !== null) {
        const end = shortcut.pattern.lastIndex;
        const opened = shortcut.take(m, at, end);
        if (typeof opened === "string") open.push(opened);
        lastEnd = end;
        at = end;
        continue;
      }
    }
    COMMON_TOKEN.lastIndex = at;
    const m = COMMON_TOKEN.exec(xml);
    if (m === null) {
      at = uncommonMarkup(at, documentStart);
      continue;
    }
    const end = COMMON_TOKEN.lastIndex;
    const name = m[1];
    if (name !== undefined) {
      if (open.length === 0 && seenRoot) throw fail(at, "documents may contain only one root");
      checkName(name, at + 1, "tag");
      const raw = m[2]!;
      startTag(name, raw === "" ? {} : attributesOf(raw, at + 1 + name.length), m[3] === "/", at, end);
    } else if (m[4] !== undefined) {
      endTag(m[4], at, end);
    } else if (open.length > 0) {
      const raw = m[0];
      const text = SPECIAL_TEXT.test(raw) ? characterData(raw, at) : raw;
      if (visitor.text) visitor.text({ kind: "text", text, cdata: false, start: lastEnd, end });
      lastEnd = end;
    } else {
      if (skipSpace(at) < end) throw fail(skipSpace(at), "text data outside of root node");
      lastEnd = end;
    }
    at = end;
  }
  if (stopped) return;
  if (open.length > 0) throw fail(n, `unclosed tag: ${open[open.length - 1]}`);
  if (!seenRoot) throw fail(n, "document must contain a root element");
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
