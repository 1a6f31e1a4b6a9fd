/**
 * A plan workbook holding everything a file must keep through a write (issue 14, part 4), built from
 * the XML Excel writes: notes (comments + VML), a hyperlink, an image, validations and conditional
 * formats (an x14 data bar and a cross-sheet x14 list validation among them), custom document
 * properties, a frozen pane, print titles and area, an OFFICIAL header and footer, page setup, column
 * widths, row heights, defined names, and a sheet-level autoFilter over the action table. Its
 * repeated header row (row 6) makes Apply schema close up the rows below it.
 */
import { strToU8 } from "fflate";
import { rawWorkbook, rowXml } from "./raw-workbook";

const HEADER = ["Ref", "Action", "Lead", "Update", "Status"];

export const KEPT_CUSTOM_PROPS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
  '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="ContentTypeId"><vt:lpwstr>0x0101006F</vt:lpwstr></property>' +
  '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="MSIP_Label_Classification"><vt:lpwstr>OFFICIAL</vt:lpwstr></property></Properties>';

export const KEPT_DRAWING =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
  '<xdr:oneCellAnchor><xdr:from><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>0</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="952500" cy="952500"/>' +
  '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Logo" descr="Partnership logo"/><xdr:cNvPicPr/></xdr:nvPicPr>' +
  '<xdr:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>' +
  '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>';

/** A 1×1 PNG. */
export const KEPT_IMAGE = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

const noteShape = (row: number, column: number, id: number): string =>
  `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:100pt;margin-top:10pt;width:108pt;height:59.25pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
  '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
  `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>\n ${column + 1}, 15, ${row - 1}, 10, ${column + 3}, 15, ${row + 3}, 4</x:Anchor><x:AutoFill>False</x:AutoFill>` +
  `<x:Row>${row}</x:Row><x:Column>${column}</x:Column></x:ClientData></v:shape>`;

export const keptVml = (shapes: string): string =>
  '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
  '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>' +
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
  `${shapes}</xml>`;

/** Notes on B7 ("Street lights", which moves up to row 6) and A2 (which stays). */
export const KEPT_VML = keptVml(noteShape(6, 1, 1025) + noteShape(1, 0, 1026));

export const KEPT_COMMENTS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Analyst</author></authors><commentList>' +
  '<comment ref="B7" authorId="0"><text><r><t xml:space="preserve">Ask SBC about the lights</t></r></text></comment>' +
  '<comment ref="A2" authorId="0"><text><t>Plan owner: CSP</t></text></comment></commentList></comments>';

const X14_NS = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
const XM_NS = "http://schemas.microsoft.com/office/excel/2006/main";

export const KEPT_EXT =
  `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="${X14_NS}"><x14:conditionalFormattings>` +
  `<x14:conditionalFormatting xmlns:xm="${XM_NS}"><x14:cfRule type="dataBar" id="{00000000-000E-0000-0000-000001000000}"><x14:dataBar minLength="0" maxLength="100" gradient="0"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/><x14:negativeFillColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/></x14:dataBar></x14:cfRule><xm:sqref>H4:H9</xm:sqref></x14:conditionalFormatting>` +
  `<x14:conditionalFormatting xmlns:xm="${XM_NS}"><x14:cfRule type="iconSet" priority="3" id="{00000000-000E-0000-0000-000002000000}"><x14:iconSet iconSet="3Triangles"><x14:cfvo type="percent"><xm:f>0</xm:f></x14:cfvo><x14:cfvo type="percent"><xm:f>33</xm:f></x14:cfvo><x14:cfvo type="percent"><xm:f>67</xm:f></x14:cfvo></x14:iconSet></x14:cfRule><xm:sqref>I4:I9</xm:sqref></x14:conditionalFormatting>` +
  `</x14:conditionalFormattings></ext>` +
  `<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="${X14_NS}"><x14:dataValidations count="1" xmlns:xm="${XM_NS}"><x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Reference!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>J4:J9</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>`;

export const KEPT_HEADER_FOOTER =
  '<headerFooter><oddHeader>&amp;C&amp;"-,Bold"OFFICIAL</oddHeader><oddFooter>&amp;COFFICIAL&amp;RPage &amp;P of &amp;N</oddFooter></headerFooter>';

/** The workbook's bytes. */
export function keptWorkbook(): Uint8Array {
  const rows =
    rowXml(1, ["Community safety action plan 2024-25"], ' ht="24" customHeight="1"') +
    rowXml(2, ["Owner: CSP"]) +
    rowXml(3, [...HEADER, null, null, "Progress", "Trend", "Theme"]) +
    rowXml(4, ["1.1", "Patrols in the park", "Police", "Weekly patrols", "Green", null, null, 50, 1, "ASB"]) +
    rowXml(5, ["1.2", "CCTV review", "SBC", "", "Amber", null, null, 20, 2, "ASB"]) +
    rowXml(6, HEADER) +
    rowXml(
      7,
      ["1.3", "Street lights", "SBC", "Survey done", "Red", null, null, 10, 3, "ASB"],
      ' ht="30" customHeight="1"',
    ) +
    rowXml(8, ["1.4", "Youth club", "YOS", "", "Red", null, null, 0, 1, "ASB"]);
  return rawWorkbook({
    sheets: [
      {
        name: "Plan 2024",
        body:
          '<sheetPr><tabColor rgb="FF00B050"/></sheetPr><dimension ref="A1:J8"/>' +
          '<sheetViews><sheetView tabSelected="1" zoomScale="85" workbookViewId="0"><pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="B4" sqref="B4"/></sheetView></sheetViews>' +
          '<sheetFormatPr defaultRowHeight="15"/>' +
          '<cols><col min="1" max="1" width="6.5" customWidth="1"/><col min="2" max="2" width="48" customWidth="1"/></cols>' +
          `<sheetData>${rows}</sheetData>` +
          '<autoFilter ref="A3:E8"><filterColumn colId="4"><filters><filter val="Red"/><filter val="Amber"/><filter val="Green"/></filters></filterColumn></autoFilter>' +
          '<mergeCells count="1"><mergeCell ref="A1:E1"/></mergeCells>' +
          '<conditionalFormatting sqref="H4:H9"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar>' +
          '<extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:id>{00000000-000E-0000-0000-000001000000}</x14:id></ext></extLst></cfRule></conditionalFormatting>' +
          '<dataValidations count="1"><dataValidation type="whole" allowBlank="1" showErrorMessage="1" sqref="H4:H9"><formula1>0</formula1><formula2>100</formula2></dataValidation></dataValidations>' +
          '<hyperlinks><hyperlink ref="B7" r:id="rId4" tooltip="Lighting survey"/><hyperlink ref="A2" location="\'Reference\'!A1" display="Reference"/></hyperlinks>' +
          '<printOptions gridLines="1"/><pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
          '<pageSetup paperSize="9" orientation="landscape" fitToHeight="0"/>' +
          KEPT_HEADER_FOOTER +
          '<drawing r:id="rId2"/><legacyDrawing r:id="rId3"/>' +
          KEPT_EXT,
        rels: [
          { id: "rId1", type: "comments", target: "../comments1.xml" },
          { id: "rId2", type: "drawing", target: "../drawings/drawing1.xml" },
          { id: "rId3", type: "vmlDrawing", target: "../drawings/vmlDrawing1.vml" },
          { id: "rId4", type: "hyperlink", target: "https://example.org/lights", external: true },
        ],
      },
      {
        name: "Reference",
        body: `<sheetData>${rowXml(1, ["ASB"])}${rowXml(2, ["Burglary"])}${rowXml(3, ["Violence"])}</sheetData>`,
      },
    ],
    definedNames:
      '<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">\'Plan 2024\'!$A$3:$E$8</definedName>' +
      '<definedName name="_xlnm.Print_Area" localSheetId="0">\'Plan 2024\'!$A$1:$J$8</definedName>' +
      '<definedName name="_xlnm.Print_Titles" localSheetId="0">\'Plan 2024\'!$3:$3</definedName>' +
      '<definedName name="ThemeRange">Reference!$A$1:$A$3</definedName>',
    parts: {
      "xl/comments1.xml": KEPT_COMMENTS,
      "xl/drawings/vmlDrawing1.vml": KEPT_VML,
      "xl/drawings/drawing1.xml": KEPT_DRAWING,
      "xl/drawings/_rels/drawing1.xml.rels":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/image1.png"/></Relationships>',
      "xl/media/image1.png": KEPT_IMAGE,
      "docProps/custom.xml": strToU8(KEPT_CUSTOM_PROPS),
    },
    rootRels: [{ id: "rId2", type: "custom-properties", target: "docProps/custom.xml" }],
  });
}
