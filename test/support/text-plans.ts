/**
 * Write plans for tests of how the writer stores text (shared strings): one row of text cells.
 */
import type { WritePlan } from "../../src/core/basics/write-plan";

/** A plan writing `texts` into Plan!A1 rightwards, one text cell each. */
export const textsPlan = (texts: readonly string[]): WritePlan => ({
  title: "Write",
  ops: [
    {
      kind: "writeCells",
      sheet: "Plan",
      row: 0,
      column: 0,
      cells: [texts.map((text) => ({ kind: "text" as const, text }))],
    },
  ],
});
