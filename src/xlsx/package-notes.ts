/**
 * A sheet's notes, kept in two parts apart from the cells: the comments part (xl/commentsN.xml, each
 * <comment ref>) and the legacy VML drawing that shows them (each note's shape names its cell in
 * <x:Row>/<x:Column> and is placed by <x:Anchor>). When rows move, each note moves with its cell in
 * both (ECMA-376 Part 1, 18.7 Comments; Part 4, 19.3 VML's x:ClientData).
 */
import { parseRangeAddress, rangeAddress } from "../core/basics/cell-address";
import { PackageUnsupported } from "./package-unsupported";
import type { RowMove } from "./row-move";
import { escapeXmlAttribute } from "./xml-text";
import { type ElementSpan, descendantsOf, elementTree, spliced, withRawAttribute } from "./xml-spans";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** The local part of a name as written (`x:Row` → Row). */
const localOf = (name: string): string => name.slice(name.indexOf(":") + 1);

/** The comments part with each <comment ref> moved with its cell; its other bytes kept. */
export function movedComments(xml: string, move: RowMove): string {
  const root = elementTree(xml, "the comments part");
  const prefix = root.name.includes(":") ? root.name.slice(0, root.name.indexOf(":")) : "";
  const ns = root.attributes[prefix === "" ? "xmlns" : `xmlns:${prefix}`];
  if (localOf(root.name) !== "comments" || ns !== MAIN_NS) {
    throw new PackageUnsupported("its comments part is not SpreadsheetML's <comments>");
  }
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const element of descendantsOf(root)) {
    if (element.name !== (prefix === "" ? "comment" : `${prefix}:comment`)) continue;
    const ref = element.attributes["ref"];
    if (ref === undefined) continue;
    const at = parseRangeAddress(ref);
    const to = move.rangeOf(at, "the note");
    if (to === at) continue;
    const tag = xml.slice(element.start, element.tagEnd);
    edits.push({
      start: element.start,
      end: element.tagEnd,
      text: withRawAttribute(tag, "ref", escapeXmlAttribute(rangeAddress(to))),
    });
  }
  return spliced(xml, edits);
}

/** The VML drawing with each note's shape moved with its cell: its row, and its anchor's rows; only
 *  the text of <x:Row> and <x:Anchor> changes. */
export function movedNoteShapes(vml: string, move: RowMove): string {
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const child = (data: ElementSpan, local: string): ElementSpan | undefined =>
    data.children.find((c) => localOf(c.name) === local);
  for (const data of descendantsOf(elementTree(vml, "the notes' VML drawing"))) {
    if (localOf(data.name) !== "ClientData" || data.attributes["ObjectType"] !== "Note") continue;
    const row = child(data, "Row");
    const column = child(data, "Column");
    const rowText = row?.text.trim() ?? "";
    const columnText = column?.text.trim() ?? "";
    if (row === undefined || column === undefined || !/^\d+$/.test(rowText) || !/^\d+$/.test(columnText)) {
      throw new PackageUnsupported("a note's VML shape names no cell (no <x:Row> and <x:Column>)");
    }
    const from = Number(rowText);
    const at = { top: from, bottom: from, left: Number(columnText), right: Number(columnText) };
    const to = move.rangeOf(at, "the note").top;
    if (to === from) continue;
    const delta = to - from;
    edits.push({ start: row.tagEnd, end: row.innerEnd, text: String(to) });
    const anchor = child(data, "Anchor");
    if (anchor === undefined) continue;
    const numbers = anchor.text.split(",").map((v) => v.trim());
    if (numbers.length !== 8 || numbers.some((v) => !/^\d+$/.test(v))) {
      throw new PackageUnsupported(`a note's VML anchor "${anchor.text.trim()}" is not 8 numbers`);
    }
    // LeftColumn, LeftOffset, TopRow, TopOffset, RightColumn, RightOffset, BottomRow, BottomOffset.
    const shifted = numbers.map((v, i) => (i === 2 || i === 6 ? String(Math.max(0, Number(v) + delta)) : v));
    edits.push({ start: anchor.tagEnd, end: anchor.innerEnd, text: shifted.join(", ") });
  }
  return spliced(vml, edits);
}
