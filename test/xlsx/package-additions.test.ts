/**
 * Parts the package writer adds to one after another (package-workbook.ts): a relationships part,
 * [Content_Types].xml, and the table parts a new table's id is counted from. Each addition finds
 * where the last one ended instead of reading the part again, and what it lists is what a fresh read
 * of the written part lists.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { parseRangeAddress } from "../../src/core/basics/cell-address";
import { nodeCodec } from "../../src/xlsx/node-files";
import { XlsxPackage } from "../../src/xlsx/package-workbook";
import { xmlTokens } from "../../src/xlsx/xml-tokens";
import { MAIN_NS, rawWorkbook } from "../support/raw-workbook";

const PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";

/** The part's text, checked to be well-formed XML. */
function wellFormed(xml: string): string {
  expect(() => xmlTokens(xml, "written")).not.toThrow();
  return xml;
}

const partOf = (bytes: Uint8Array, path: string): string => strFromU8(unzipSync(bytes)[path]!);

/** `bytes` with each part in `parts` replaced. */
function withParts(bytes: Uint8Array, parts: Record<string, string>): Uint8Array {
  const files = unzipSync(bytes);
  for (const [path, text] of Object.entries(parts)) files[path] = strToU8(text);
  return zipSync(files);
}

const table = (id: number, name: string, ref: string): string =>
  `<table xmlns="${MAIN_NS}" id="${id}" name="${name}" displayName="${name}" ref="${ref}">` +
  `<autoFilter ref="${ref}"/><tableColumns count="1"><tableColumn id="1" name="Ref"/></tableColumns></table>`;

describe("parts the writer adds to again and again", () => {
  it("list each relationship added as a fresh read of the written part lists them", async () => {
    for (const rels of [
      `<Relationships xmlns="${PKG_RELS}"/>`,
      `<Relationships xmlns="${PKG_RELS}"></Relationships><!-- </Relationships> -->`,
    ]) {
      const bytes = withParts(rawWorkbook({ sheets: [{ name: "Plan", body: "<sheetData/>" }] }), {
        "xl/worksheets/_rels/sheet1.xml.rels": rels,
      });
      const pkg = await XlsxPackage.open(bytes, nodeCodec);
      const owner = "xl/worksheets/sheet1.xml";
      const added = [];
      for (const name of ["a&b", "c d", "e\tf"]) {
        added.push(await pkg.addRelatedPart(owner, `xl/media/${name}`, ".png", REL_IMAGE, "image/png", "x"));
      }
      expect(added.map((a) => a.id)).toEqual(["rId1", "rId2", "rId3"]);
      const listed = await pkg.relationsOf(owner);
      expect(listed).toEqual(added.map(({ id, path }) => ({ id, type: REL_IMAGE, path })));

      const written = await pkg.bytes();
      wellFormed(partOf(written, "xl/worksheets/_rels/sheet1.xml.rels"));
      expect(await (await XlsxPackage.open(written, nodeCodec)).relationsOf(owner)).toEqual(listed);
    }
  });

  it("add content types before the root's end tag, not a comment's after it", async () => {
    const bytes = rawWorkbook({ sheets: [{ name: "Plan", body: "<sheetData/>" }] });
    const types = partOf(bytes, "[Content_Types].xml").replace("</Types>", "</Types><!-- </Types> -->");
    const pkg = await XlsxPackage.open(withParts(bytes, { "[Content_Types].xml": types }), nodeCodec);
    await pkg.addSheet("Two", null, `<worksheet xmlns="${MAIN_NS}"><sheetData/></worksheet>`);
    await pkg.addTable(
      "xl/worksheets/sheet1.xml",
      "One",
      parseRangeAddress("A1:A3"),
      ["Ref"],
      "TableStyleLight9",
    );
    await pkg.addSheet("Three", null, `<worksheet xmlns="${MAIN_NS}"><sheetData/></worksheet>`);
    const written = wellFormed(partOf(await pkg.bytes(), "[Content_Types].xml"));
    const type = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    expect(written).toContain(
      `<Override PartName="/xl/worksheets/sheet2.xml" ContentType="${type}.worksheet+xml"/>` +
        `<Override PartName="/xl/tables/table1.xml" ContentType="${type}.table+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet3.xml" ContentType="${type}.worksheet+xml"/></Types><!-- </Types> -->`,
    );
  });

  it("number each new table after the largest id, though a table was grown or added in between", async () => {
    const bytes = rawWorkbook({
      sheets: [
        {
          name: "Plan",
          body: '<sheetData/><tableParts count="1"><tablePart r:id="rId1"/></tableParts>',
          rels: [{ id: "rId1", type: "table", target: "../tables/table1.xml" }],
        },
      ],
      parts: { "xl/tables/table1.xml": table(7, "Old", "A1:A3") },
    });
    const pkg = await XlsxPackage.open(bytes, nodeCodec);
    const sheet = "xl/worksheets/sheet1.xml";
    const idOf = async (path: string): Promise<string | undefined> =>
      /<table [^>]*\bid="(\d+)"/.exec((await pkg.text(path)) ?? "")?.[1];
    await pkg.addTable(sheet, "First", parseRangeAddress("C1:C3"), ["Ref"], "TableStyleLight9");
    const old = (await pkg.findTable("Old"))!;
    await pkg.growTable(old, 9);
    await pkg.addTable(sheet, "Second", parseRangeAddress("E1:E3"), ["Ref"], "TableStyleLight9");
    await pkg.addTable(sheet, "Third", parseRangeAddress("G1:G3"), ["Ref"], "TableStyleLight9");
    const paths = (await pkg.tables()).map((t) => t.path);
    expect(await Promise.all(paths.map(idOf))).toEqual(["7", "8", "9", "10"]);
    expect((await pkg.findTable("Old"))!.ref).toEqual(parseRangeAddress("A1:A10"));
  });
});

describe("a part finished early", () => {
  const sheet = (text: string) =>
    `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row></sheetData></worksheet>`;

  it("is written with the text it was finished with, deflated while the other parts are made", async () => {
    const pkg = await XlsxPackage.open(
      rawWorkbook({ sheets: [{ name: "Plan", body: "<sheetData/>" }] }),
      nodeCodec,
    );
    pkg.finishPart("xl/worksheets/sheet1.xml", (out) => out(sheet("finished")));
    await pkg.addSheet("Two", null, sheet("added after"));
    const written = await pkg.bytes();
    expect(wellFormed(partOf(written, "xl/worksheets/sheet1.xml"))).toBe(sheet("finished"));
    expect(partOf(written, "xl/worksheets/sheet2.xml")).toBe(sheet("added after"));
  });

  it("is written with its last text when it is set again after it was finished", async () => {
    const pkg = await XlsxPackage.open(
      rawWorkbook({ sheets: [{ name: "Plan", body: "<sheetData/>" }] }),
      nodeCodec,
    );
    pkg.finishPart("xl/worksheets/sheet1.xml", (out) => out(sheet("first")));
    pkg.setText("xl/worksheets/sheet1.xml", sheet("second"));
    expect(partOf(await pkg.bytes(), "xl/worksheets/sheet1.xml")).toBe(sheet("second"));
  });
});
