/**
 * Hostile packages through the package reader: each gets one line naming the file and what it
 * found, as a WorkbookFileError, and no harm (no hang, no crash, no unbounded memory). Packages are
 * built here byte by byte with fflate, and real ones are mutated at random.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { snapshotFromPackage, type PackageReadOptions } from "../../src/xlsx/package-snapshot";
import { type PackageLimits, ZipPackage } from "../../src/xlsx/package-zip";
import { WorkbookFileError } from "../../src/xlsx/workbook-file-error";
import { crc32, zipOfEntries } from "../../src/xlsx/zip-parts";
import { applyWritePlanToBytes } from "../../src/xlsx/package-writer";
import { nodeBoundedInflate, nodeCodec } from "../../src/xlsx/node-files";
import { rawWorkbook, rowXml } from "../support/raw-workbook";
import { recordedCrc } from "../support/package-parts";

const FILE = "hostile.xlsx";
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

/** The parts of a one-sheet workbook, as strings, for tests to replace. */
function minimalParts(): Record<string, string> {
  return {
    "[Content_Types].xml":
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/></Types>',
    "_rels/.rels": `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    "xl/worksheets/sheet1.xml": `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Ref</t></is></c></row></sheetData></worksheet>`,
  };
}

function zipOf(parts: Readonly<Record<string, string | Uint8Array>>): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, data] of Object.entries(parts))
    zippable[name] = typeof data === "string" ? strToU8(data) : data;
  return zipSync(zippable);
}

function packageWith(replace: Readonly<Record<string, string | Uint8Array | null>>): Uint8Array {
  const parts: Record<string, string | Uint8Array> = minimalParts();
  for (const [name, data] of Object.entries(replace)) {
    if (data === null) delete parts[name];
    else parts[name] = data;
  }
  return zipOf(parts);
}

/** The error reading `bytes` gives, checked to be one line naming the file. */
function refusal(bytes: Uint8Array, options: PackageReadOptions = {}): WorkbookFileError {
  try {
    snapshotFromPackage(bytes, { file: FILE, ...options });
  } catch (e) {
    if (!(e instanceof WorkbookFileError)) throw e;
    expect(e.message.startsWith(FILE)).toBe(true);
    expect(e.message).not.toContain("\n");
    return e;
  }
  throw new Error("the package was read");
}

/** Sets the uncompressed size the zip's directory declares for `name`. */
function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const encoded = strToU8(name);
  for (let at = 0; at + 46 < out.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    const found = out.subarray(at + 46, at + 46 + nameLength);
    if (found.length === encoded.length && found.every((b, i) => b === encoded[i])) {
      view.setUint32(at + 24, size, true);
      return out;
    }
  }
  throw new Error(`no directory entry for ${name}`);
}

/** Bytes that deflate hardly at all, so their body is large (deterministic). */
function noise(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = 2463534242;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const MIB = 1024 * 1024;
const SMALL: PackageLimits = { maxPartBytes: 1 * MIB, maxTotalBytes: 2 * MIB, maxEntries: 100 };

describe("the package reader on hostile packages", () => {
  it("reads the minimal package these tests start from", () => {
    expect(snapshotFromPackage(packageWith({})).sheets[0]?.cells[0]?.[0]?.value).toBe("Ref");
  });

  it("refuses bytes that are not a zip", () => {
    expect(refusal(strToU8("Ref,Action\n1.1,Patrols\n"))).toMatchObject({ failure: "not-a-workbook" });
  });

  it("refuses a truncated package", () => {
    const bytes = packageWith({});
    const error = refusal(bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(error.failure).toBe("damaged");
    expect(error.message).toBe(
      `${FILE} is damaged or truncated: the zip package has no directory at its end.`,
    );
  });

  it("refuses a password-protected workbook and an old .xls by their compound-file header", () => {
    const cfb = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const encrypted = new Uint8Array([
      ...cfb,
      ...[..."EncryptedPackage"].flatMap((ch) => [ch.charCodeAt(0), 0]),
    ]);
    expect(refusal(encrypted).failure).toBe("password-protected");
    expect(refusal(new Uint8Array([...cfb, 0, 0, 0, 0])).failure).toBe("old-format");
  });

  it("refuses a part that declares more than a part may hold, before inflating anything", () => {
    const bytes = packageWith({ "xl/media/big.bin": new Uint8Array(2 * MIB) });
    const error = refusal(bytes, { limits: SMALL });
    expect(error.failure).toBe("unsafe");
    expect(error.message).toBe(
      `${FILE} is refused: its part xl/media/big.bin would inflate to 2 MB, past the 1 MB a part may hold (a zip bomb?).`,
    );
  });

  it("refuses parts that together declare more than a workbook may hold", () => {
    const part = new Uint8Array(0.9 * MIB);
    const bytes = packageWith({ "xl/media/a.bin": part, "xl/media/b.bin": part, "xl/media/c.bin": part });
    expect(refusal(bytes, { limits: SMALL }).message).toContain("a workbook may hold (a zip bomb?)");
  });

  it.each([
    ["fflate", undefined],
    ["Node's zlib", nodeBoundedInflate],
  ])("stops inflating a part that inflates past the size it declares (%s, in one call)", (_, inflate) => {
    const zeros = new Uint8Array(8 * MIB);
    const bytes = declareSize(
      packageWith({ "xl/worksheets/sheet1.xml": zeros }),
      "xl/worksheets/sheet1.xml",
      100,
    );
    const error = refusal(bytes, { ...(inflate ? { inflate } : {}) });
    expect(error.failure).toBe("unsafe");
    expect(error.message).toBe(
      `${FILE} is refused: its part xl/worksheets/sheet1.xml inflates past the size it declares (a zip bomb?).`,
    );
  });

  it("stops inflating a large part as a stream once it passes the size it declares", () => {
    // 64 KiB that barely deflate: too large a body to inflate in one call under a 1 MiB part limit.
    const sheet = noise(64 * 1024);
    const bytes = declareSize(
      packageWith({ "xl/worksheets/sheet1.xml": sheet }),
      "xl/worksheets/sheet1.xml",
      1000,
    );
    expect(refusal(bytes, { limits: SMALL }).message).toContain("inflates past the size it declares");
  });

  it("refuses a part named twice, exactly or in another case", () => {
    const sheet = strToU8(minimalParts()["xl/worksheets/sheet1.xml"]!);
    const entry = (name: string) => ({
      name,
      method: 0 as const,
      body: sheet,
      size: sheet.length,
      crc32: crc32(sheet),
      dosTime: 0,
      dosDate: 33,
    });
    const base = unzipSync(packageWith({}));
    const others = Object.entries(base)
      .filter(([name]) => name !== "xl/worksheets/sheet1.xml")
      .map(([name, data]) => ({
        name,
        method: 0 as const,
        body: data,
        size: data.length,
        crc32: crc32(data),
        dosTime: 0,
        dosDate: 33,
      }));
    const twice = zipOfEntries([
      ...others,
      entry("xl/worksheets/sheet1.xml"),
      entry("xl/worksheets/sheet1.xml"),
    ]);
    expect(refusal(twice).message).toBe(
      `${FILE} is damaged or truncated: the zip package holds the part xl/worksheets/sheet1.xml twice.`,
    );
    const cased = zipOfEntries([
      ...others,
      entry("xl/worksheets/sheet1.xml"),
      entry("XL/Worksheets/Sheet1.xml"),
    ]);
    expect(refusal(cased).message).toContain("holds the part XL/Worksheets/Sheet1.xml twice");
  });

  it("refuses a DOCTYPE, and expands none of its entities", () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>' +
      `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`;
    const error = refusal(packageWith({ "xl/worksheets/sheet1.xml": laughs }));
    expect(error.failure).toBe("unsafe");
    expect(error.message).toBe(
      `${FILE} cannot be read: xl/worksheets/sheet1.xml declares a DOCTYPE: a package part may not declare entities, and none is ever expanded.`,
    );
  });

  it("refuses an entity that is not one of XML's five", () => {
    const sheet = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row></sheetData></worksheet>`;
    expect(refusal(packageWith({ "xl/worksheets/sheet1.xml": sheet })).message).toMatch(
      /^hostile\.xlsx cannot be read: xl\/worksheets\/sheet1\.xml is not well-formed XML \(.*undefined entity/,
    );
  });

  it("refuses a package with no content types or no main document", () => {
    expect(refusal(packageWith({ "[Content_Types].xml": null })).failure).toBe("not-a-workbook");
    expect(refusal(packageWith({ "_rels/.rels": null })).message).toBe(
      `${FILE} is not an Excel workbook (.xlsx): its package names no main document.`,
    );
  });

  it("refuses a sheet whose relationship is missing", () => {
    const workbook = `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Plan" sheetId="1" r:id="rId9"/></sheets></workbook>`;
    expect(refusal(packageWith({ "xl/workbook.xml": workbook })).message).toBe(
      `${FILE} is damaged: the sheet 'Plan' points to relationship rId9, which xl/workbook.xml does not have.`,
    );
  });

  it("refuses a sheet whose relationship loops back to the workbook, or that another sheet shares", () => {
    const loop = `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="workbook.xml"/></Relationships>`;
    expect(refusal(packageWith({ "xl/_rels/workbook.xml.rels": loop })).message).toBe(
      `${FILE} is damaged: the sheet 'Plan' points back to xl/workbook.xml.`,
    );
    const shared = `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/><sheet name="Copy" sheetId="2" r:id="rId1"/></sheets></workbook>`;
    expect(refusal(packageWith({ "xl/workbook.xml": shared })).message).toBe(
      `${FILE} is damaged: the sheets 'Plan' and 'Copy' both point to xl/worksheets/sheet1.xml.`,
    );
  });

  it("refuses a sheet or table part that is missing", () => {
    expect(refusal(packageWith({ "xl/worksheets/sheet1.xml": null })).message).toBe(
      `${FILE} is damaged: the part of sheet 'Plan', xl/worksheets/sheet1.xml, is missing.`,
    );
    const sheet = `<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData/><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`;
    const rels = `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/table" Target="../tables/table1.xml"/></Relationships>`;
    expect(
      refusal(packageWith({ "xl/worksheets/sheet1.xml": sheet, "xl/worksheets/_rels/sheet1.xml.rels": rels }))
        .message,
    ).toBe(`${FILE} is damaged: its table part xl/tables/table1.xml is missing.`);
  });

  it("refuses a sheet whose id is no xsd:unsignedInt, naming the sheet: every workbook written would copy it", () => {
    const withId = (id: string): Uint8Array =>
      packageWith({
        "xl/workbook.xml": `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Plan" ${id} r:id="rId1"/></sheets></workbook>`,
      });
    expect(refusal(withId('sheetId="99999999999"')).message).toBe(
      `${FILE} is damaged: the sheet 'Plan' has the id '99999999999' in xl/workbook.xml, which is no sheet id (a whole number up to 4294967295).`,
    );
    expect(refusal(withId('sheetId="NaN"')).message).toContain("the sheet 'Plan' has the id 'NaN'");
    expect(refusal(withId('sheetId="-3"')).message).toContain("the sheet 'Plan' has the id '-3'");
    expect(refusal(withId("")).message).toBe(
      `${FILE} is damaged: the sheet 'Plan' has no id in xl/workbook.xml.`,
    );
    expect(snapshotFromPackage(withId('sheetId="4294967295"')).sheets.map((x) => x.name)).toEqual(["Plan"]);
  });

  it("refuses a style that is no xsd:unsignedInt, naming the sheet and the cell, row or columns", () => {
    const sheet = (body: string): Uint8Array =>
      packageWith({ "xl/worksheets/sheet1.xml": `<worksheet xmlns="${MAIN}">${body}</worksheet>` });
    const row = (cells: string, attributes = ""): string =>
      `<sheetData><row r="4"${attributes}>${cells}</row></sheetData>`;
    expect(refusal(sheet(row('<c r="B4" s="NaN" t="inlineStr"><is><t>Patrols</t></is></c>'))).message).toBe(
      `${FILE} is damaged: in sheet 'Plan', the style of cell B4 is 'NaN', which is no style number (a whole number up to 4294967295).`,
    );
    expect(refusal(sheet(row('<c s="-1"><v>1</v></c>'))).message).toContain(
      "in sheet 'Plan', the style of cell A4 is '-1'",
    );
    expect(refusal(sheet(row('<c r="C4" s="4294967296"><v>1</v></c>'))).message).toContain(
      "the style of cell C4 is '4294967296'",
    );
    expect(refusal(sheet(row("", ' s="x" customFormat="1"'))).message).toContain(
      "in sheet 'Plan', the style of row 4 is 'x'",
    );
    expect(refusal(sheet(`<cols><col min="2" max="4" style="1e3"/></cols>${row("")}`)).message).toContain(
      "in sheet 'Plan', the style of columns B:D is '1e3'",
    );
    // Leading zeros and white space are the same number to the schema.
    const kept = snapshotFromPackage(
      sheet(row('<c r="B4" s=" 007 " t="inlineStr"><is><t>Patrols</t></is></c>')),
    );
    expect(kept.sheets[0]?.cells[3]?.[1]?.value).toBe("Patrols");
  });

  it("refuses a cell naming a shared string the workbook does not hold, naming the sheet, the cell and the count", () => {
    const sst = `<sst xmlns="${MAIN}" count="2" uniqueCount="2"><si><t>Ref</t></si><si><t>Action</t></si></sst>`;
    const rels = `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
    const naming = (value: string, strings: string | null = sst): Uint8Array =>
      packageWith({
        "xl/_rels/workbook.xml.rels": rels,
        "xl/sharedStrings.xml": strings,
        "xl/worksheets/sheet1.xml": `<worksheet xmlns="${MAIN}"><sheetData><row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>${value}</v></c></row></sheetData></worksheet>`,
      });
    expect(snapshotFromPackage(naming("1")).sheets[0]?.cells[2]).toEqual([
      expect.objectContaining({ value: "Ref" }),
      expect.objectContaining({ value: "Action" }),
    ]);
    expect(refusal(naming("812")).message).toBe(
      `${FILE} is damaged: sheet 'Plan', cell B3 refers to shared string 812, but the workbook holds 2.`,
    );
    expect(refusal(naming("2")).message).toContain(
      "cell B3 refers to shared string 2, but the workbook holds 2",
    );
    // Read as a number, each of these named another string or none: it was read as "" or as string 1.
    // So do the array's own properties, which are no items: "length" read as a number, "map" as a function.
    for (const value of ["-1", "abc", "1.5", "1e308", " 1", "length", "map", "__proto__", "constructor"]) {
      expect(refusal(naming(value)).message).toBe(
        `${FILE} is damaged: sheet 'Plan', cell B3 refers to shared string '${value}', which names none.`,
      );
    }
    expect(refusal(naming("1", null)).message).toBe(
      `${FILE} is damaged: sheet 'Plan', cell A3 refers to shared string 0, but the workbook holds none (its shared strings part xl/sharedStrings.xml is missing).`,
    );
    expect(refusal(naming("1", `<sst xmlns="${MAIN}"/>`)).message).toContain(
      "cell A3 refers to shared string 0, but the workbook holds none (its shared strings part is empty).",
    );
    // A leading zero names the same string; an empty value names none, and is read as an empty cell.
    expect(snapshotFromPackage(naming("01")).sheets[0]?.cells[2]?.[1]?.value).toBe("Action");
    expect(snapshotFromPackage(naming("")).sheets[0]?.cells[2]?.[1] ?? null).toBeNull();
  });

  it("refuses a cell outside Excel's grid", () => {
    const sheet = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>`;
    expect(refusal(packageWith({ "xl/worksheets/sheet1.xml": sheet })).message).toBe(
      `${FILE} is damaged: xl/worksheets/sheet1.xml has a cell XFE1 outside the grid.`,
    );
  });
});

/** Reading gives a snapshot or one line naming the file; anything else fails the property. */
/** "read", or "refused" with one line naming the file; anything else (a crash, a bad message) is thrown. */
function readsOrRefuses(bytes: Uint8Array): "read" | "refused" {
  try {
    snapshotFromPackage(bytes, { file: FILE, limits: SMALL });
    return "read";
  } catch (e) {
    if (!(e instanceof WorkbookFileError)) throw e;
    if (!e.message.startsWith(FILE) || e.message.includes("\n")) {
      throw new Error(`The refusal is not one line naming the file: ${e.message}`);
    }
    return "refused";
  }
}

/** The zip with `name`'s directory entry renamed to `renamed` (same byte length) and its method set. */
function withDirectoryEntry(zip: Uint8Array, name: string, renamed: string, method: number): Uint8Array {
  const out = declareSize(zip, name, unzipSync(zip)[name]!.length);
  const view = new DataView(out.buffer);
  const encoded = strToU8(name);
  for (let at = 0; at + 46 < out.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const found = out.subarray(at + 46, at + 46 + view.getUint16(at + 28, true));
    if (found.length !== encoded.length || !found.every((b, i) => b === encoded[i])) continue;
    view.setUint16(at + 10, method, true);
    found.set(strToU8(renamed));
    return out;
  }
  throw new Error(`no directory entry for ${name}`);
}

describe("parts whose bytes are not the ones their zip recorded (their CRC-32)", () => {
  const DAMAGED = (part: string): string =>
    `${FILE} is damaged: its part ${part} is not what the zip recorded (its CRC-32 checksum does not match).`;

  it("refuses to copy a part no reader read into the workbook it writes, naming the part", async () => {
    const core =
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"/>';
    const bytes = recordedCrc(
      rawWorkbook({
        sheets: [{ name: "Plan", body: `<sheetData>${rowXml(1, ["Ref", "Action"])}</sheetData>` }],
        parts: { "docProps/core.xml": core },
        rootRels: [{ id: "rId9", type: "core-properties", target: "docProps/core.xml" }],
      }),
      "docProps/core.xml",
      0x12345678,
    );
    // Reading never inflates it; copying it would give Excel a damaged workbook.
    expect(snapshotFromPackage(bytes, { file: FILE }).sheets.map((x) => x.name)).toEqual(["Plan"]);
    const plan = {
      title: "Write",
      ops: [
        {
          kind: "writeCells" as const,
          sheet: "Plan",
          row: 1,
          column: 0,
          cells: [[{ kind: "text" as const, text: "1" }]],
        },
      ],
    };
    // As the CLI writes: the zip the snapshot was read from, its parts read already.
    const zip = ZipPackage.open(bytes, FILE);
    snapshotFromPackage(zip);
    await expect(applyWritePlanToBytes(bytes, plan, nodeCodec, zip)).rejects.toThrow(
      DAMAGED("docProps/core.xml"),
    );
    // Intact, the same part is copied as it was.
    const intact = recordedCrc(bytes, "docProps/core.xml", crc32(strToU8(core)));
    const written = await applyWritePlanToBytes(intact, plan, nodeCodec);
    expect(new TextDecoder().decode(unzipSync(written.bytes)["docProps/core.xml"])).toBe(core);
  });

  it("refuses a part a reader reads whose CRC-32 is not the one its zip recorded, naming it", () => {
    const bytes = recordedCrc(packageWith({}), "xl/worksheets/sheet1.xml", 0xdeadbeef);
    expect(refusal(bytes).message).toBe(DAMAGED("xl/worksheets/sheet1.xml"));
  });

  it("refuses a part stored without compression whose bytes changed, which no inflation would notice", () => {
    const sheet = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Patrols</t></is></c></row></sheetData></worksheet>`;
    const parts: Zippable = {};
    for (const [name, data] of Object.entries(minimalParts())) parts[name] = strToU8(data);
    parts["xl/worksheets/sheet1.xml"] = [strToU8(sheet), { level: 0 }];
    const zip = zipSync(parts);
    expect(snapshotFromPackage(zip).sheets[0]?.cells[0]?.[0]?.value).toBe("Patrols");
    const at = Buffer.from(zip).indexOf("Patrols");
    const changed = zip.slice();
    changed[at + 6] = "z".charCodeAt(0);
    expect(refusal(changed).message).toBe(DAMAGED("xl/worksheets/sheet1.xml"));
  });
});

describe("the package reader on a zip directory naming a part with a line break", () => {
  it("refuses it in one line, the break written as an escape", () => {
    const bytes = withDirectoryEntry(packageWith({ "xl/odd.xml": "<a/>" }), "xl/odd.xml", "xl/o\nd.xml", 99);
    expect(refusal(bytes).message).toBe(
      `${FILE} is damaged or truncated: its part xl/o\\u000ad.xml is compressed with zip method 99, which no workbook uses.`,
    );
  });
});

describe("the package reader on mutated packages", () => {
  // A copy as a plain Uint8Array: a Buffer's slice is a view, and the mutations must not reach it.
  const real = new Uint8Array(
    readFileSync(path.join(__dirname, "../../../shared/fixtures/psa-progress-report-2010.xlsx")),
  );

  it("reads or refuses in one line a real package with bytes changed, cut or inserted", () => {
    const outcomes: string[] = [];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: real.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.option(fc.nat({ max: real.length }), { nil: undefined }),
        (flips, cut) => {
          const bytes = real.slice(0, cut ?? real.length);
          for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
          outcomes.push(readsOrRefuses(bytes));
        },
      ),
      { numRuns: 300 },
    );
    expect(outcomes.length).toBeGreaterThanOrEqual(300);
    expect(outcomes.filter((o) => o !== "read" && o !== "refused")).toEqual([]);
  });

  it("reads or refuses in one line a package whose XML is changed character by character", () => {
    const outcomes: string[] = [];
    const parts = unzipSync(real);
    const names = Object.keys(parts).filter((n) => n.endsWith(".xml") || n.endsWith(".rels"));
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.nat({ max: 6 }),
            fc.constantFrom("<", ">", "&", '"', "/", "x", "<!DOCTYPE a>", "&#0;", ""),
          ),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        (name, edits) => {
          let xml = new TextDecoder().decode(parts[name]);
          for (const [at, remove, insert] of edits) {
            const i = at % (xml.length + 1);
            xml = xml.slice(0, i) + insert + xml.slice(i + remove);
          }
          outcomes.push(readsOrRefuses(zipSync({ ...parts, [name]: strToU8(xml) })));
        },
      ),
      { numRuns: 150 },
    );
    expect(outcomes.length).toBeGreaterThanOrEqual(150);
    expect(outcomes.filter((o) => o !== "read" && o !== "refused")).toEqual([]);
  });
});
