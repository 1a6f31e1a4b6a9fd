/**
 * A sheet's drawing part (xl/drawings/drawingN.xml: pictures, shapes, charts placed over the grid),
 * read with the XML tokenizer for its cell anchors, and patched by span when rows move: only the
 * text of each `<xdr:row>` that changes is replaced, every other byte of the part is kept
 * (ECMA-376 Part 1, 20.5 DrawingML - SpreadsheetML Drawing; rows and columns there are 0-based).
 *
 * What moves when a moveRows op moves rows (row-move.ts), as notes and hyperlinks do:
 * - A two-cell or one-cell anchor moves with the cell its top-left corner (`xdr:from`) is in: when
 *   that cell's row moves, `from` and `to` shift by the same number of rows, so the shape keeps its
 *   size and its offsets within the cells. A shape whose top-left cell stays (outside the block's
 *   columns or rows) stays, even where it reaches into the block.
 * - A two-cell anchor with editAs="absolute" is Excel's "Don't move or size with cells": it stays.
 *   An absolute anchor (`xdr:absoluteAnchor`) has no cell and stays.
 * - A shape whose top-left cell is on a row the move clears (a closed-up repeated header or blank
 *   row) is refused, naming the shape and its cell: deleting it would lose what the user placed, and
 *   leaving it would put it over an action it never belonged to (as for a note: row-move.ts).
 * Anchors inside mc:AlternateContent (its Choice and its Fallback) move alike.
 */
import { cellAddress } from "../core/basics/cell-address";
import { PackageUnsupported } from "./package-unsupported";
import type { RowMove } from "./row-move";
import { spliced } from "./xml-spans";
import { type XmlStartTag, scanXml } from "./xml-tokens";

const XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

/** One `<xdr:row>` or `<xdr:col>` of an anchor's from or to: its value and the span of its text. */
interface AnchorNumber {
  readonly value: number;
  /** The span of the element's content (between its start and end tags). */
  readonly start: number;
  readonly end: number;
}

interface AnchorCorner {
  row: AnchorNumber | null;
  col: AnchorNumber | null;
}

/** A cell anchor of the drawing, as read. */
export interface DrawingAnchor {
  readonly kind: "twoCellAnchor" | "oneCellAnchor";
  /** editAs on a two-cell anchor ("twoCell" when absent); "oneCell" for a one-cell anchor. */
  readonly editAs: string;
  /** What the anchor holds, for messages: "the picture 'Logo'". */
  readonly what: string;
  readonly from: { readonly row: AnchorNumber; readonly col: AnchorNumber };
  readonly to: { readonly row: AnchorNumber; readonly col: AnchorNumber } | null;
}

const KINDS: Readonly<Record<string, string>> = {
  pic: "the picture",
  sp: "the shape",
  grpSp: "the group of shapes",
  graphicFrame: "the chart or graphic",
  cxnSp: "the connector",
  contentPart: "the ink",
};

/** The local name of `name` when its prefix (or the default namespace) is SpreadsheetML Drawing's. */
function drawingLocal(name: string, scopes: ReadonlyArray<ReadonlyMap<string, string>>): string | null {
  const colon = name.indexOf(":");
  const prefix = colon < 0 ? "" : name.slice(0, colon);
  for (let i = scopes.length - 1; i >= 0; i--) {
    const uri = scopes[i]!.get(prefix);
    if (uri !== undefined) return uri === XDR_NS ? name.slice(colon + 1) : null;
  }
  return null;
}

function declarations(tag: XmlStartTag): Map<string, string> {
  const declared = new Map<string, string>();
  for (const [name, value] of Object.entries(tag.attributes)) {
    if (name === "xmlns") declared.set("", value);
    else if (name.startsWith("xmlns:")) declared.set(name.slice(6), value);
  }
  return declared;
}

/**
 * Every two-cell and one-cell anchor of a drawing part, in document order. Refuses (PackageUnsupported)
 * an anchor whose from or to names no row and column, or a row or column that is not a whole number.
 */
export function drawingAnchors(xml: string, partName: string): DrawingAnchor[] {
  const anchors: DrawingAnchor[] = [];
  const scopes: Array<ReadonlyMap<string, string>> = [];
  /** Local names of the open elements (null: not in the drawing namespace). */
  const open: Array<string | null> = [];
  let anchor: {
    kind: "twoCellAnchor" | "oneCellAnchor";
    editAs: string;
    what: string | null;
    from: AnchorCorner | null;
    to: AnchorCorner | null;
    depth: number;
  } | null = null;
  let corner: AnchorCorner | null = null;
  let number: { of: "row" | "col"; start: number; text: string } | null = null;

  const refuse = (found: string): never => {
    throw new PackageUnsupported(`its drawing part ${partName} holds ${found}`);
  };
  const cornerOf = (c: AnchorCorner | null, which: string): { row: AnchorNumber; col: AnchorNumber } => {
    if (c === null || c.row === null || c.col === null) {
      return refuse(`an anchor whose ${which} names no cell`);
    }
    return { row: c.row, col: c.col };
  };

  scanXml(xml, partName, {
    start(tag) {
      scopes.push(declarations(tag));
      const local = drawingLocal(tag.name, scopes);
      open.push(local);
      if (local === null) return;
      const depth = open.length;
      if (anchor === null) {
        if (local === "twoCellAnchor" || local === "oneCellAnchor") {
          anchor = {
            kind: local,
            editAs: local === "oneCellAnchor" ? "oneCell" : (tag.attributes["editAs"] ?? "twoCell"),
            what: null,
            from: null,
            to: null,
            depth,
          };
        }
        return;
      }
      if (depth === anchor.depth + 1 && (local === "from" || local === "to")) {
        corner = { row: null, col: null };
        if (local === "from") anchor.from = corner;
        else anchor.to = corner;
      } else if (corner !== null && (local === "row" || local === "col") && depth === anchor.depth + 2) {
        number = { of: local, start: tag.end, text: "" };
      } else if (anchor.what === null && depth === anchor.depth + 1 && KINDS[local] !== undefined) {
        anchor.what = KINDS[local]!;
      } else if (local === "cNvPr" && anchor.what !== null && !anchor.what.includes("'")) {
        const name = tag.attributes["name"];
        if (name !== undefined && name !== "") anchor.what = `${anchor.what} '${name}'`;
      }
    },
    text(text) {
      if (number !== null) number.text += text.text;
    },
    end(tag) {
      scopes.pop();
      const local = open.pop();
      if (local === null || local === undefined || anchor === null) return;
      const depth = open.length + 1;
      if (number !== null && depth === anchor.depth + 2 && local === number.of) {
        const trimmed = number.text.trim();
        // ST_RowID and ST_ColID: xsd:int, 0 or more.
        if (!/^\d{1,7}$/.test(trimmed)) refuse(`an anchor ${local} "${trimmed}" that is not a whole number`);
        const value = { value: Number(trimmed), start: number.start, end: tag.start };
        if (corner !== null) corner[number.of] = value;
        number = null;
      } else if (depth === anchor.depth + 1 && (local === "from" || local === "to")) {
        corner = null;
      } else if (depth === anchor.depth) {
        const from = cornerOf(anchor.from, "from");
        const to = anchor.kind === "twoCellAnchor" ? cornerOf(anchor.to, "to") : null;
        anchors.push({
          kind: anchor.kind,
          editAs: anchor.editAs,
          what: anchor.what ?? "a drawing",
          from,
          to,
        });
        anchor = null;
      }
    },
  });
  return anchors;
}

/**
 * The drawing part with each anchor moved with the row of its top-left cell (see the head of this
 * module), or `xml` itself when nothing moves. Only the text of the `<xdr:row>` elements that change
 * is replaced. Throws PackageUnsupported for a shape on a row the move clears.
 */
export function movedDrawingAnchors(xml: string, partName: string, move: RowMove): string {
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const anchor of drawingAnchors(xml, partName)) {
    if (anchor.editAs === "absolute") continue;
    const { row, col } = anchor.from;
    const to = move.rowOf(row.value, col.value);
    if (to === null) {
      throw new PackageUnsupported(
        `${anchor.what} at ${cellAddress(row.value, col.value)} is on a row that is closed up`,
      );
    }
    const delta = to - row.value;
    if (delta === 0) continue;
    edits.push({ start: row.start, end: row.end, text: String(to) });
    if (anchor.to !== null) {
      const bottom = anchor.to.row;
      edits.push({ start: bottom.start, end: bottom.end, text: String(Math.max(to, bottom.value + delta)) });
    }
  }
  return spliced(xml, edits);
}
