/**
 * The package writer's shared strings (package-workbook.ts) found from the reader's reading of the
 * part (part-shared-strings.ts, kept with the package the reader and the writer share): where the
 * root's tags lie, how many items it holds, and each plain item's text. The writer that reads the
 * part itself (no read before it) and the one that takes the reader's reading write the same bytes.
 */
import { strFromU8, unzipSync } from "fflate";
import { nodeCodec } from "../../src/xlsx/node-files";
import { PackageUnsupported } from "../../src/xlsx/package-unsupported";
import { isJsWhiteSpace, XlsxPackage } from "../../src/xlsx/package-workbook";
import { applyWritePlanToBytes } from "../../src/xlsx/package-writer";
import { snapshotFromPackage, zipOfWorkbook } from "../../src/xlsx/package-snapshot";
import { readSharedStrings } from "../../src/xlsx/part-shared-strings";
import { xmlTokens } from "../../src/xlsx/xml-tokens";
import { MAIN_NS, rawWorkbook } from "../support/raw-workbook";
import { textsPlan } from "../support/text-plans";

const STRINGS = "xl/sharedStrings.xml";
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A one-sheet workbook whose shared strings part is `sst` (none when null). */
function workbookWith(sst: string | null): Uint8Array {
  return rawWorkbook({
    sheets: [{ name: "Plan", body: "<sheetData/>" }],
    strings: sst === null ? [] : ["(replaced)"],
    parts: sst === null ? {} : { [STRINGS]: sst },
  });
}

/** The plan written by a writer that reads the part itself, and by one given the reader's zip. */
async function writtenBothWays(bytes: Uint8Array, texts: readonly string[]): Promise<Uint8Array[]> {
  const alone = await applyWritePlanToBytes(bytes, textsPlan(texts), nodeCodec);
  const zip = zipOfWorkbook(bytes);
  snapshotFromPackage(zip);
  const shared = await applyWritePlanToBytes(bytes, textsPlan(texts), nodeCodec, zip);
  return [alone.bytes, shared.bytes];
}

const partOf = (bytes: Uint8Array, path: string): string => strFromU8(unzipSync(bytes)[path]!);

/** The part's text, checked to be well-formed XML. */
function wellFormed(xml: string): string {
  expect(() => xmlTokens(xml, "written")).not.toThrow();
  return xml;
}

/** The text of each cell of row 1 as the reader reads the written workbook. */
const rowOne = (bytes: Uint8Array): unknown[] =>
  snapshotFromPackage(bytes).sheets[0]!.cells[0]!.map((c) => c?.value);

describe("the writer's shared strings from the reader's reading", () => {
  it("adds items before the root's end tag when a comment after the root holds </sst>", async () => {
    const sst =
      `${DECLARATION}<sst xmlns="${MAIN_NS}" count="2" uniqueCount="1"><si><t>One</t></si></sst>\n` +
      `<!-- </sst> <si><t>Ghost</t></si> -->`;
    const [alone, shared] = await writtenBothWays(workbookWith(sst), ["One", "New", "One"]);
    expect(Buffer.from(shared!)).toEqual(Buffer.from(alone!));
    expect(wellFormed(partOf(shared!, STRINGS))).toBe(
      `${DECLARATION}<sst xmlns="${MAIN_NS}" count="5" uniqueCount="2"><si><t>One</t></si>` +
        `<si><t>New</t></si></sst>\n<!-- </sst> <si><t>Ghost</t></si> -->`,
    );
    expect(rowOne(shared!)).toEqual(["One", "New", "One"]);
  });

  it("counts rich text and phonetic items, reusing only plain ones, and reads each item's text", async () => {
    const sst =
      `${DECLARATION}<sst xmlns="${MAIN_NS}" count="5" uniqueCount="5">` +
      `<si><r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> text</t></r></si>` +
      `<si><t>Plain &amp; simple</t></si>` +
      `<si><t>Kana</t><rPh sb="0" eb="1"><t>KA</t></rPh></si>` +
      `<si><t xml:space="preserve"> kept </t></si><si><t>x_x0041_y</t></si></sst>`;
    const bytes = workbookWith(sst);
    const texts = ["Bold text", "Plain & simple", "Kana", " kept ", "xAy", "Fresh"];
    const [alone, shared] = await writtenBothWays(bytes, texts);
    expect(Buffer.from(shared!)).toEqual(Buffer.from(alone!));
    expect(rowOne(shared!)).toEqual(texts);
    // The rich and phonetic items are not reused: their texts are added as plain items.
    expect(partOf(shared!, STRINGS)).toContain(
      `<si><t>x_x0041_y</t></si><si><t>Bold text</t></si><si><t>Kana</t></si><si><t>Fresh</t></si></sst>`,
    );

    const zip = zipOfWorkbook(bytes);
    const read = readSharedStrings(zip, STRINGS).texts;
    const pkg = await XlsxPackage.open(bytes, nodeCodec, "the workbook", zip);
    expect([0, 1, 2, 3, 4].map((i) => pkg.sharedString(i))).toEqual(read);
    expect(pkg.addSharedString("Fresh")).toBe(5);
    expect(pkg.sharedString(5)).toBe("Fresh");
  });

  it("opens an empty or self-closing root to add the first item", async () => {
    for (const root of [
      `<sst xmlns="${MAIN_NS}" count="0" uniqueCount="0"></sst>`,
      `<sst xmlns="${MAIN_NS}"/>`,
    ]) {
      const [alone, shared] = await writtenBothWays(workbookWith(`${DECLARATION}${root}`), ["First"]);
      expect(Buffer.from(shared!)).toEqual(Buffer.from(alone!));
      expect(wellFormed(partOf(shared!, STRINGS))).toBe(
        `${DECLARATION}<sst xmlns="${MAIN_NS}" count="1" uniqueCount="1"><si><t>First</t></si></sst>`,
      );
    }
  });

  it("adds a shared strings part to a package without one", async () => {
    const [alone, shared] = await writtenBothWays(workbookWith(null), ["First", "Second", "First"]);
    expect(Buffer.from(shared!)).toEqual(Buffer.from(alone!));
    expect(wellFormed(partOf(shared!, STRINGS))).toBe(
      `${DECLARATION}<sst xmlns="${MAIN_NS}" count="3" uniqueCount="2"><si><t>First</t></si><si><t>Second</t></si></sst>`,
    );
    expect(rowOne(shared!)).toEqual(["First", "Second", "First"]);
  });

  it("reads again an item nested in another, counting the root's children as before", async () => {
    const sst =
      `${DECLARATION}<sst xmlns="${MAIN_NS}" count="2" uniqueCount="2"><si><t>One</t></si>` +
      `<si><r><t>Two</t></r><si><t>Inner</t></si></si></sst>`;
    const bytes = workbookWith(sst);
    const zip = zipOfWorkbook(bytes);
    expect(readSharedStrings(zip, STRINGS).itemsAtRoot).toBe(false);
    const pkg = await XlsxPackage.open(bytes, nodeCodec, "the workbook", zip);
    expect([pkg.sharedString(0), pkg.sharedString(1)]).toEqual(["One", "TwoInner"]);
    expect(pkg.addSharedString("New")).toBe(2);
  });

  it("finishes the part once, with every string added before, and refuses a string after as a bug", async () => {
    const sst = `${DECLARATION}<sst xmlns="${MAIN_NS}" count="1" uniqueCount="1"><si><t>One</t></si></sst>`;
    const bytes = workbookWith(sst);
    const pkg = await XlsxPackage.open(bytes, nodeCodec, "the workbook", zipOfWorkbook(bytes));
    expect(pkg.addSharedString("New")).toBe(1);
    await pkg.finishSharedStrings();
    expect(() => pkg.addSharedString("Late")).toThrow(
      "A shared string was added after the part was finished",
    );
    // bytes() finishes it again: nothing is added twice.
    expect(partOf(await pkg.bytes(), STRINGS)).toBe(
      `${DECLARATION}<sst xmlns="${MAIN_NS}" count="2" uniqueCount="2"><si><t>One</t></si><si><t>New</t></si></sst>`,
    );
  });

  it("refuses a part the tokenizer refuses as PackageUnsupported naming it, when text is written", async () => {
    const sst = `${DECLARATION}<sst xmlns="${MAIN_NS}"><si><t>Bad \u0001</t></si></sst>`;
    const written = applyWritePlanToBytes(workbookWith(sst), textsPlan(["New"]), nodeCodec);
    await expect(written).rejects.toThrow(PackageUnsupported);
    await expect(written).rejects.toThrow(
      /xl\/sharedStrings\.xml is not well-formed XML \(2:.*disallowed character/,
    );
  });
});

describe("white space as JavaScript's \\s reads it", () => {
  it("is told by each UTF-16 code unit alone", () => {
    const differ: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (isJsWhiteSpace(code) !== /\s/.test(String.fromCharCode(code))) differ.push(code);
    }
    expect(differ).toEqual([]);
  });
});
