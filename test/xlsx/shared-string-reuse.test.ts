/**
 * Text the writer writes reuses a shared string the workbook holds already when that item holds just
 * that text in one plain <t>: the Summary lists thousands of actions whose texts are there.
 */
import { strFromU8, unzipSync } from "fflate";
import { nodeCodec } from "../../src/xlsx/node-files";
import { applyWritePlanToBytes } from "../../src/xlsx/package-writer";
import { snapshotFromPackage } from "../../src/xlsx/package-snapshot";
import { MAIN_NS, rawWorkbook } from "../support/raw-workbook";
import { textsPlan } from "../support/text-plans";

const STRINGS = "xl/sharedStrings.xml";

/** A one-sheet workbook whose shared strings part holds exactly `items`. */
function workbookWithItems(items: string): Uint8Array {
  return rawWorkbook({
    sheets: [{ name: "Plan", body: "<sheetData/>" }],
    strings: ["(replaced)"],
    parts: {
      [STRINGS]: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN_NS}" count="3" uniqueCount="3">${items}</sst>`,
    },
  });
}

/** Each written cell's shared string index, A1 onwards. */
function indexesOf(bytes: Uint8Array): number[] {
  const sheet = strFromU8(unzipSync(bytes)["xl/worksheets/sheet1.xml"]!);
  return [...sheet.matchAll(/<c r="[A-Z]+1"[^>]*t="s"[^>]*><v>(\d+)<\/v><\/c>/g)].map((m) => Number(m[1]));
}

describe("shared strings the writer adds", () => {
  it("reuse a plain item of the same text, never a rich-text one", async () => {
    const bytes = workbookWithItems(
      `<si><r><rPr><b/></rPr><t>Patrols</t></r></si><si><t>Patrols</t></si><si><t xml:space="preserve">Lead</t></si>`,
    );
    const written = await applyWritePlanToBytes(
      bytes,
      textsPlan(["Patrols", "Lead", "New", "Patrols"]),
      nodeCodec,
    );
    // Patrols: the plain item 1, not the bold one 0; Lead: item 2 (keeping spaces changes nothing
    // there); New: a new item; the second Patrols: item 1 again.
    expect(indexesOf(written.bytes)).toEqual([1, 2, 3, 1]);
    const sst = strFromU8(unzipSync(written.bytes)[STRINGS]!);
    expect(sst).toMatch(/count="7" uniqueCount="4"/);
    expect(sst).toContain(`<si><t xml:space="preserve">Lead</t></si><si><t>New</t></si></sst>`);
    const cells = snapshotFromPackage(written.bytes).sheets[0]!.cells[0]!.map((c) => c?.value);
    expect(cells).toEqual(["Patrols", "Lead", "New", "Patrols"]);
  });

  it("reuse an item whose text is escaped or keeps its spaces, but not one that may lose them", async () => {
    const bytes = workbookWithItems(
      `<si><t>A &amp; E</t></si><si><t xml:space="preserve"> padded </t></si><si><t> loose</t></si>`,
    );
    const written = await applyWritePlanToBytes(bytes, textsPlan(["A & E", " padded ", " loose"]), nodeCodec);
    // " loose" without xml:space="preserve" may be read without its space: a new item keeps it.
    expect(indexesOf(written.bytes)).toEqual([0, 1, 3]);
    const sst = strFromU8(unzipSync(written.bytes)[STRINGS]!);
    expect(sst).toMatch(/count="6" uniqueCount="4"/);
    expect(sst).toContain(`<si><t xml:space="preserve"> loose</t></si></sst>`);
  });
});
