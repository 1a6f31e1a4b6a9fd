/**
 * A sheet's notes, kept in two parts apart from the cells: the comments part (xl/commentsN.xml, each
 * <comment ref>) and the legacy VML drawing that shows them (each note's shape names its cell in
 * <x:Row>/<x:Column> and is placed by <x:Anchor>). When rows move, each note moves with its cell in
 * both (ECMA-376 Part 1, 18.7 Comments; Part 4, 19.3 VML's x:ClientData).
 */
import { parseRangeAddress, rangeAddress } from "../core/cell-address";
import { PackageUnsupported } from "./package-unsupported";
import type { RowMove } from "./row-move";
import { attributeOf, withAttribute } from "./xml-text";

/** The comments part with each <comment ref> moved with its cell. */
export function movedComments(xml: string, move: RowMove): string {
  if (!/<comments[\s>]/.test(xml))
    throw new PackageUnsupported("its comments part has no unprefixed <comments>");
  return xml.replace(/<comment\b[^>]*>/g, (tag) => {
    const ref = attributeOf(tag, "ref");
    if (ref === undefined) return tag;
    const at = parseRangeAddress(ref);
    const to = move.rangeOf(at, "the note");
    return to === at ? tag : withAttribute(tag, "ref", rangeAddress(to));
  });
}

/** The VML drawing with each note's shape moved with its cell: its row, and its anchor's rows. */
export function movedNoteShapes(vml: string, move: RowMove): string {
  return vml.replace(
    /<((?:[\w-]+:)?)ClientData\b([^>]*)>([\s\S]*?)<\/\1ClientData>/g,
    (whole, prefix: string, attributes: string, body: string) => {
      if (!/ObjectType\s*=\s*["']Note["']/.test(attributes)) return whole;
      const row = new RegExp(`<${prefix}Row>\\s*(\\d+)\\s*</${prefix}Row>`).exec(body);
      const column = new RegExp(`<${prefix}Column>\\s*(\\d+)\\s*</${prefix}Column>`).exec(body);
      if (row === null || column === null) {
        throw new PackageUnsupported("a note's VML shape names no cell (no <x:Row> and <x:Column>)");
      }
      const from = Number(row[1]);
      const at = { top: from, bottom: from, left: Number(column[1]), right: Number(column[1]) };
      const to = move.rangeOf(at, "the note").top;
      if (to === from) return whole;
      const delta = to - from;
      const moved = body
        .replace(row[0], `<${prefix}Row>${to}</${prefix}Row>`)
        .replace(
          new RegExp(`(<${prefix}Anchor>)([^<]*)(</${prefix}Anchor>)`),
          (_, open: string, values: string, close: string) => {
            const numbers = values.split(",").map((v) => v.trim());
            if (numbers.length !== 8 || numbers.some((v) => !/^\d+$/.test(v))) {
              throw new PackageUnsupported(`a note's VML anchor "${values.trim()}" is not 8 numbers`);
            }
            // LeftColumn, LeftOffset, TopRow, TopOffset, RightColumn, RightOffset, BottomRow, BottomOffset.
            const shifted = numbers.map((v, i) =>
              i === 2 || i === 6 ? String(Math.max(0, Number(v) + delta)) : v,
            );
            return `${open}${shifted.join(", ")}${close}`;
          },
        );
      return `<${prefix}ClientData${attributes}>${moved}</${prefix}ClientData>`;
    },
  );
}
