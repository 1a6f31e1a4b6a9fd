/**
 * Where a moveRows op takes each cell of its block (core/basics/write-plan.ts): the rows listed move up to
 * consecutive rows from the block's top; the block's other rows are cleared. What is anchored to a
 * cell apart from the cell itself (a hyperlink, a note and its VML shape) follows it with these.
 */
import { rangeAddress } from "../core/basics/cell-address";
import type { GridRange } from "../core/basics/snapshot";
import { PackageUnsupported } from "./package-unsupported";

export class RowMove {
  private readonly destination = new Map<number, number>();

  constructor(
    readonly block: GridRange,
    rows: readonly number[],
  ) {
    rows.forEach((from, i) => this.destination.set(from, block.top + i));
  }

  /** Whether any row of the block changes place or is cleared. */
  get changesAnything(): boolean {
    for (let row = this.block.top; row <= this.block.bottom; row++) {
      if (this.destination.get(row) !== row) return true;
    }
    return false;
  }

  private inBlockColumns(column: number): boolean {
    return column >= this.block.left && column <= this.block.right;
  }

  /** The 0-based row the cell (row, column) is at after the move; null when the move clears it. */
  rowOf(row: number, column: number): number | null {
    if (!this.inBlockColumns(column) || row < this.block.top || row > this.block.bottom) return row;
    return this.destination.get(row) ?? null;
  }

  /**
   * Where `range`, anchoring `what` ("the hyperlink", "the note"), is after the move: the same range,
   * or moved with its cells. A range the move would split or clear is refused: what it anchors would
   * land on cells it never belonged to, or be lost with them.
   */
  rangeOf(range: GridRange, what: string): GridRange {
    const b = this.block;
    if (range.bottom < b.top || range.top > b.bottom || range.right < b.left || range.left > b.right) {
      return range;
    }
    const top = this.rowOf(range.top, range.left);
    const moves = top !== range.top;
    const wholeColumns = range.left >= b.left && range.right <= b.right;
    for (let row = range.top; row <= range.bottom; row++) {
      const to = this.rowOf(row, Math.max(range.left, b.left));
      if (to === null) {
        throw new PackageUnsupported(`${what} at ${rangeAddress(range)} is on a row that is closed up`);
      }
      if (top === null || to !== top + (row - range.top) || (moves && !wholeColumns)) {
        throw new PackageUnsupported(
          `${what} at ${rangeAddress(range)} would be split by the rows that move`,
        );
      }
    }
    return top === null ? range : { ...range, top, bottom: top + (range.bottom - range.top) };
  }
}
