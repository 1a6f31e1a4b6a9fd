/**
 * Pictures and shapes anchored in rows that move (issue 14, part 4): the drawing part's anchors move
 * with the row of their top-left cell, patched by span, every other byte of the part kept; a shape
 * on a row that is closed up is refused; the written package validates.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { planApplySchema } from "../../src/core/planning/apply-schema";
import { readPlan } from "../../src/core/reading/read-plan";
import type { WritePlan } from "../../src/core/basics/write-plan";
import { PackageUnsupported } from "../../src/xlsx/package-unsupported";
import { applyWritePlanToBytes } from "../../src/xlsx/package-writer";
import { snapshotFromPackage } from "../../src/xlsx/package-snapshot";
import { drawingAnchors, movedDrawingAnchors } from "../../src/xlsx/part-drawing";
import { RowMove } from "../../src/xlsx/row-move";
import { nodeCodec } from "../../src/xlsx/node-files";
import { KEPT_IMAGE } from "../support/kept-workbook";
import {
  LIBREOFFICE_INSTALL,
  convertWithLibreOffice,
  findSoffice,
  missingLibreOfficeAllowed,
} from "../support/libreoffice";
import { packageProblems } from "../support/ooxml-validate";
import { rawWorkbook, rowXml } from "../support/raw-workbook";

const XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DRAWING = "xl/drawings/drawing1.xml";

const corner = (p: string, which: "from" | "to", col: number, row: number): string =>
  `<${p}${which}><${p}col>${col}</${p}col><${p}colOff>19050</${p}colOff><${p}row>${row}</${p}row><${p}rowOff>9525</${p}rowOff></${p}${which}>`;

/** A picture (the package's image, rId1) as Excel writes one; `p` is the drawing namespace's prefix. */
const picture = (p: string, id: number, name: string): string =>
  `<${p}pic><${p}nvPicPr><${p}cNvPr id="${id}" name="${name}" descr="A photo &gt; words"/><${p}cNvPicPr><a:picLocks noChangeAspect="1"/></${p}cNvPicPr></${p}nvPicPr>` +
  `<${p}blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></${p}blipFill>` +
  `<${p}spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="476250"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></${p}spPr></${p}pic><${p}clientData/>`;

const twoCell = (
  p: string,
  from: [number, number],
  to: [number, number],
  body: string,
  editAs = "",
): string =>
  `<${p}twoCellAnchor${editAs === "" ? "" : ` editAs="${editAs}"`}>${corner(p, "from", ...from)}${corner(p, "to", ...to)}${body}</${p}twoCellAnchor>`;

const oneCell = (p: string, from: [number, number], body: string): string =>
  `<${p}oneCellAnchor>${corner(p, "from", ...from)}<${p}ext cx="952500" cy="476250"/>${body}</${p}oneCellAnchor>`;

const drawingPart = (anchors: string, p = "xdr:"): string =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
  `<${p}wsDr ${p === "" ? "xmlns" : `xmlns:${p.slice(0, -1)}`}="${XDR_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}">${anchors}</${p}wsDr>`;

/** Every byte of `after` equals `before` but the text of the `<…row>` elements listed. */
function withoutRows(xml: string): string {
  return xml.replace(/row>\d+</g, "row>#<");
}

describe("drawingAnchors", () => {
  it("reads each anchor's kind, editAs, what it holds and its from and to cells, whatever the prefix", () => {
    for (const p of ["xdr:", "", "sd:"]) {
      const xml = drawingPart(
        twoCell(p, [1, 4], [3, 6], picture(p, 2, "Photo")) + oneCell(p, [6, 9], picture(p, 3, "Logo")),
        p,
      );
      const anchors = drawingAnchors(xml, DRAWING).map((a) => ({
        kind: a.kind,
        editAs: a.editAs,
        what: a.what,
        from: [a.from.col.value, a.from.row.value],
        to: a.to === null ? null : [a.to.col.value, a.to.row.value],
      }));
      expect([p, anchors]).toEqual([
        p,
        [
          { kind: "twoCellAnchor", editAs: "twoCell", what: "the picture 'Photo'", from: [1, 4], to: [3, 6] },
          { kind: "oneCellAnchor", editAs: "oneCell", what: "the picture 'Logo'", from: [6, 9], to: null },
        ],
      ]);
    }
  });

  it("refuses an anchor whose row is not a whole number, naming the part", () => {
    const xml = drawingPart(
      twoCell("xdr:", [1, 4], [3, 6], picture("xdr:", 2, "Photo")).replace("<xdr:row>4<", "<xdr:row>-4<"),
    );
    expect(() => drawingAnchors(xml, DRAWING)).toThrow(
      new PackageUnsupported(
        `its drawing part ${DRAWING} holds an anchor row "-4" that is not a whole number`,
      ),
    );
  });
});

describe("movedDrawingAnchors", () => {
  // Block A3:E8 (0-based rows 2..7, columns 0..4): rows 4..7 move up to 3..6, row 3 is closed up.
  const move = new RowMove({ top: 2, left: 0, bottom: 7, right: 4 }, [2, 4, 5, 6, 7]);

  it("moves a picture whose top-left cell moves, from and to by the same rows, and changes nothing else", () => {
    const xml = drawingPart(twoCell("xdr:", [1, 5], [3, 7], picture("xdr:", 2, "Photo")));
    const moved = movedDrawingAnchors(xml, DRAWING, move);
    expect(drawingAnchors(moved, DRAWING).map((a) => [a.from.row.value, a.to?.row.value])).toEqual([[4, 6]]);
    expect(withoutRows(moved)).toBe(withoutRows(xml));
    expect(moved.length).toBe(xml.length);
  });

  it("leaves a shape whose top-left cell is outside the block's columns or rows, and an absolute one", () => {
    const xml = drawingPart(
      twoCell("xdr:", [6, 5], [8, 7], picture("xdr:", 2, "Beside the table")) +
        oneCell("xdr:", [0, 0], picture("xdr:", 3, "Title logo")) +
        twoCell("xdr:", [1, 5], [2, 6], picture("xdr:", 4, "Pinned"), "absolute") +
        `<xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="1" cy="1"/>${picture("xdr:", 5, "Free")}</xdr:absoluteAnchor>`,
    );
    expect(movedDrawingAnchors(xml, DRAWING, move)).toBe(xml);
  });

  it("moves anchors in both the Choice and the Fallback of mc:AlternateContent, and one written unprefixed", () => {
    const MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
    const inner = twoCell("xdr:", [0, 4], [2, 4], picture("xdr:", 2, "Chart"));
    const xml = drawingPart(
      `<mc:AlternateContent xmlns:mc="${MC}"><mc:Choice Requires="a14">${inner}</mc:Choice><mc:Fallback>${inner}</mc:Fallback></mc:AlternateContent>` +
        `<twoCellAnchor xmlns="${XDR_NS}">${corner("", "from", 2, 6)}${corner("", "to", 2, 6)}${picture("", 3, "Plain")}</twoCellAnchor>`,
    );
    const moved = movedDrawingAnchors(xml, DRAWING, move);
    expect(drawingAnchors(moved, DRAWING).map((a) => [a.from.row.value, a.to?.row.value])).toEqual([
      [3, 3],
      [3, 3],
      [5, 5],
    ]);
    expect(withoutRows(moved)).toBe(withoutRows(xml));
  });

  it("is not confused by comments, CDATA, processing instructions or '>' in attribute values", () => {
    const anchor =
      `<xdr:twoCellAnchor editAs='oneCell'><!-- <xdr:row>2</xdr:row> -->` +
      `<xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row><![CDATA[5]]></xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<?keep <xdr:row>9</xdr:row>?><xdr:to><xdr:col>2</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row> 6 </xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
      `${picture("xdr:", 2, "a > b <xdr:row>1</xdr:row>".replace(/</g, "&lt;"))}</xdr:twoCellAnchor>`;
    const xml = drawingPart(anchor);
    const moved = movedDrawingAnchors(xml, DRAWING, move);
    expect(moved).toBe(
      xml
        .replace("<xdr:row><![CDATA[5]]></xdr:row>", "<xdr:row>4</xdr:row>")
        .replace("<xdr:row> 6 </xdr:row>", "<xdr:row>5</xdr:row>"),
    );
  });

  it("refuses a picture on a row that is closed up, naming it and its cell", () => {
    const xml = drawingPart(oneCell("xdr:", [2, 3], picture("xdr:", 2, "Header art")));
    expect(() => movedDrawingAnchors(xml, DRAWING, move)).toThrow(
      new PackageUnsupported("the picture 'Header art' at C4 is on a row that is closed up"),
    );
  });
});

describe("Apply schema on a plan whose action row carries a picture", () => {
  const HEADER = ["Ref", "Action", "Lead", "Update", "Status"];
  /** Row 4 (0-based 3) repeats the header: Apply schema closes it up, moving rows 5 and 6 up. */
  const rows =
    rowXml(1, ["Community safety action plan"]) +
    rowXml(2, HEADER) +
    rowXml(3, ["1.1", "Patrols in the park", "Police", "Weekly", "Green"]) +
    rowXml(4, HEADER) +
    rowXml(5, ["1.2", "Street lights", "SBC", "Survey done", "Red"]) +
    rowXml(6, ["1.3", "Youth club", "YOS", "", "Amber"]);
  /** A photo over the Street lights action (row 5, 0-based 4: moves to 3), a logo on row 1 (stays),
   *  a pinned one (absolute) on row 6. */
  const drawing = drawingPart(
    twoCell("xdr:", [1, 4], [2, 4], picture("xdr:", 2, "Street lights photo")) +
      oneCell("xdr:", [6, 0], picture("xdr:", 3, "Logo")) +
      twoCell("xdr:", [3, 5], [4, 5], picture("xdr:", 4, "Pinned"), "absolute"),
  );
  const parts = (extraDrawing = drawing): Parameters<typeof rawWorkbook>[0] => ({
    sheets: [
      {
        name: "Plan",
        body: `<dimension ref="A1:E6"/><sheetData>${rows}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId1"/>`,
        rels: [{ id: "rId1", type: "drawing", target: "../drawings/drawing1.xml" }],
      },
    ],
    parts: {
      [DRAWING]: extraDrawing,
      "xl/drawings/_rels/drawing1.xml.rels":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/image1.png"/></Relationships>',
      "xl/media/image1.png": KEPT_IMAGE,
    },
  });

  async function applySchema(bytes: Uint8Array): Promise<{ plan: WritePlan; out: Uint8Array }> {
    const snapshot = snapshotFromPackage(bytes);
    const plan = planApplySchema(snapshot, readPlan(snapshot)).plan;
    return { plan, out: (await applyWritePlanToBytes(bytes, plan, nodeCodec)).bytes };
  }

  it("moves the photo with its action, keeps the rest of the drawing byte for byte, and validates", async () => {
    const input = rawWorkbook(parts());
    const { plan, out } = await applySchema(input);
    expect(plan.ops.some((op) => op.kind === "moveRows")).toBe(true);
    const written = strFromU8(unzipSync(out)[DRAWING] ?? new Uint8Array());
    expect(written).toBe(
      drawing
        .replace(corner("xdr:", "from", 1, 4), corner("xdr:", "from", 1, 3))
        .replace(corner("xdr:", "to", 2, 4), corner("xdr:", "to", 2, 3)),
    );
    // The action the photo belongs to is on the row the photo now starts on.
    const sheet = snapshotFromPackage(out).sheets[0]!;
    expect(sheet.cells[3]?.[1]?.text).toBe("Street lights");
    expect(await packageProblems([{ label: "with a moved photo", bytes: out }])).toEqual([]);
  });

  if (findSoffice() === null) {
    it("has LibreOffice to open the workbook with the moved photo", () => {
      // Loud on purpose, as test/libreoffice.test.ts: only ALLOW_MISSING_LIBREOFFICE=1 lets it pass.
      if (!missingLibreOfficeAllowed())
        throw new Error(`LibreOffice is not installed: ${LIBREOFFICE_INSTALL}`);
      expect(missingLibreOfficeAllowed()).toBe(true);
    });
  } else {
    it("opens in LibreOffice, which places the photo on the row its action moved to", async () => {
      const { out } = await applySchema(rawWorkbook(parts()));
      const dir = mkdtempSync(path.join(os.tmpdir(), "drawing-moved-"));
      const input = path.join(dir, "moved.xlsx");
      writeFileSync(input, out);
      const converted = convertWithLibreOffice(input, path.join(dir, "out"), "xlsx");
      const files = unzipSync(readFileSync(converted));
      const drawingPart = Object.keys(files).find((name) => /^xl\/drawings\/drawing\d+\.xml$/.test(name));
      const anchors = drawingAnchors(strFromU8(files[drawingPart ?? ""] ?? new Uint8Array()), "converted");
      const photo = anchors.find((a) => a.what.includes("Street lights photo"));
      expect(photo?.from.row.value).toBe(3);
    }, 120000);
  }

  it("refuses to close up a row carrying a picture, naming the sheet, the picture and its cell", async () => {
    const onHeader = drawingPart(oneCell("xdr:", [3, 3], picture("xdr:", 2, "Divider")));
    await expect(applySchema(rawWorkbook(parts(onHeader)))).rejects.toThrow(
      new PackageUnsupported("the picture 'Divider' at D4 is on a row that is closed up", "Plan"),
    );
  });
});
