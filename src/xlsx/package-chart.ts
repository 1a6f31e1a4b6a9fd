/**
 * The addChart op in a file: a DrawingML chart part (xl/charts/chartN.xml) in a drawing part
 * (xl/drawings/drawingN.xml) anchored over the op's cells, with their relationships and content
 * types (ECMA-376 Part 1, 21.2 charts and 20.5 spreadsheet drawing). A stacked bar of the source
 * range: its first column names the categories (themes), each further column is one series
 * (statuses, by columns, never by rows), coloured as the add-in colours the status, with a legend.
 * The series refer to the sheet's cells, so Excel and LibreOffice draw the counts the sheet holds.
 * Rebuilding replaces the chart of the same name; a sheet with a drawing of its own is left alone.
 */
import { columnLetters, quoteSheetName } from "../core/basics/cell-address";
import type { WriteOp } from "../core/basics/write-plan";
import { STATUSES, type Status } from "../core/basics/plan-model";
import { statusColour } from "../core/basics/status-colours";
import type { SheetPart } from "./package-sheet";
import { descendantsOf, elementTree } from "./xml-spans";
import type { XlsxPackage } from "./package-workbook";
import { escapeXml, escapeXmlAttribute } from "./xml-text";

type AddChart = Extract<WriteOp, { kind: "addChart" }>;

const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_DRAWING = `${RELATIONSHIPS}/drawing`;
const REL_CHART = `${RELATIONSHIPS}/chart`;
const TYPE_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const TYPE_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main";
const XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** An absolute reference to one column's cells from `top` to `bottom` (0-based): 'Summary'!$B$7:$B$9. */
function columnRef(sheet: string, column: number, top: number, bottom: number): string {
  const c = columnLetters(column);
  const end = bottom > top ? `:$${c}$${bottom + 1}` : "";
  return `${quoteSheetName(sheet)}!$${c}$${top + 1}${end}`;
}

/** The series colour: the status's own when the header names one (by position: Red, Amber, Green…). */
function seriesFill(index: number): string {
  const status: Status = STATUSES[index] ?? "Not started";
  return statusColour(status).fill.replace("#", "").toUpperCase();
}

/**
 * The chart part's XML: a horizontal stacked bar (barDir bar, grouping stacked, overlap 100), themes
 * top to bottom in sheet order (category axis maxMin), a title, and the legend below.
 */
export function chartXml(op: AddChart): string {
  const { source } = op;
  const firstRow = source.top + 1;
  const series: string[] = [];
  for (let column = source.left + 1, i = 0; column <= source.right; column++, i++) {
    series.push(
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:strRef><c:f>${escapeXml(columnRef(op.sheet, column, source.top, source.top))}</c:f></c:strRef></c:tx>` +
        `<c:spPr><a:solidFill><a:srgbClr val="${seriesFill(i)}"/></a:solidFill></c:spPr>` +
        `<c:invertIfNegative val="0"/>` +
        `<c:cat><c:strRef><c:f>${escapeXml(columnRef(op.sheet, source.left, firstRow, source.bottom))}</c:f></c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${escapeXml(columnRef(op.sheet, column, firstRow, source.bottom))}</c:f></c:numRef></c:val>` +
        `</c:ser>`,
    );
  }
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>${escapeXml(op.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title>`;
  const barDir = op.chartType === "barStacked" ? "bar" : "col";
  return (
    `${DECLARATION}<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${RELATIONSHIPS}">` +
    `<c:roundedCorners val="0"/><c:chart>${title}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="${barDir}"/><c:grouping val="stacked"/><c:varyColors val="0"/>${series.join("")}` +
    `<c:gapWidth val="60"/><c:overlap val="100"/><c:axId val="50010"/><c:axId val="50020"/></c:barChart>` +
    `<c:catAx><c:axId val="50010"/><c:scaling><c:orientation val="${barDir === "bar" ? "maxMin" : "minMax"}"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${barDir === "bar" ? "l" : "b"}"/><c:numFmt formatCode="General" sourceLinked="0"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="50020"/><c:crosses val="autoZero"/><c:auto val="1"/>` +
    `<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="50020"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${barDir === "bar" ? "b" : "l"}"/><c:majorGridlines/><c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/>` +
    `<a:p><a:r><a:t>Actions</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:numFmt formatCode="0" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010"/>` +
    `<c:crosses val="${barDir === "bar" ? "max" : "autoZero"}"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** The drawing part's XML: the chart anchored from the op's top-left cell to its bottom-right cell. */
export function drawingXml(op: AddChart, chartRelationshipId: string): string {
  const { anchor } = op;
  const marker = (tag: string, row: number, column: number) =>
    `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  // The alternative text says what the chart shows, for a screen reader (colour is not the only signal).
  const description = `${op.title}: a stacked bar for each theme, its actions split by status (${STATUSES.slice(0, op.source.right - op.source.left).join(", ")}); the counts are in the table above.`;
  return (
    `${DECLARATION}<xdr:wsDr xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}">` +
    `<xdr:twoCellAnchor editAs="oneCell">${marker("from", anchor.top, anchor.left)}${marker("to", anchor.bottom + 1, anchor.right + 1)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>` +
    `<xdr:cNvPr id="2" name="${escapeXmlAttribute(op.name)}" descr="${escapeXmlAttribute(description)}"/>` +
    `<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${C_NS}"><c:chart xmlns:c="${C_NS}" xmlns:r="${RELATIONSHIPS}" r:id="${escapeXmlAttribute(chartRelationshipId)}"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`
  );
}

/**
 * Writes the op's chart into the package for the sheet at `sheetPath`; returns why it was left out
 * (for the report's "skipped" list), or null when it was written.
 */
export async function addChartPart(
  pkg: XlsxPackage,
  sheetPath: string,
  sheet: SheetPart,
  op: AddChart,
): Promise<string | null> {
  const existing = sheet.drawingId();
  if (existing === null) {
    // The chart relationship id inside the new drawing is the drawing's first: rId1.
    const drawing = await pkg.addRelatedPart(
      sheetPath,
      "xl/drawings/drawing",
      ".xml",
      REL_DRAWING,
      TYPE_DRAWING,
      drawingXml(op, "rId1"),
    );
    const chart = await pkg.addRelatedPart(
      drawing.path,
      "xl/charts/chart",
      ".xml",
      REL_CHART,
      TYPE_CHART,
      chartXml(op),
    );
    pkg.setText(drawing.path, drawingXml(op, chart.id));
    sheet.addDrawing(drawing.id);
    return null;
  }
  // A rebuild: the drawing holds only the chart this op made before, so both are written again.
  const drawingPath = (await pkg.relationsOf(sheetPath)).find((r) => r.id === existing)?.path;
  const drawing = drawingPath === undefined ? null : await pkg.text(drawingPath);
  // Read by the tokenizer: one element in the drawing (its one anchor), naming the op's chart.
  const tree = drawing === null ? null : elementTree(drawing, drawingPath ?? "the drawing part");
  const anchors = tree?.children.length ?? 0;
  const ours =
    tree !== null &&
    descendantsOf(tree).some((e) => e.name.endsWith("cNvPr") && e.attributes["name"] === op.name);
  const chart =
    drawingPath === undefined
      ? undefined
      : (await pkg.relationsOf(drawingPath)).find((r) => r.type === REL_CHART);
  if (drawingPath === undefined || anchors !== 1 || !ours || chart === undefined) {
    return `The chart '${op.title}' on '${op.sheet}' (the sheet has drawings of its own, which are kept as they are)`;
  }
  pkg.setText(drawingPath, drawingXml(op, chart.id));
  pkg.setText(chart.path, chartXml(op));
  return null;
}
