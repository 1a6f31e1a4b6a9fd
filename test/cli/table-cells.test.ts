import { oneLineCell } from "../../src/cli/table-cells";
import { seededIndexes } from "../support/seeded-random";

describe("a table cell's text on one line", () => {
  it("shows line breaks as a slash, a blank line as one, and other white space as one space", () => {
    expect(oneLineCell("Review CCTV\r\n\r\n  coverage", 40)).toBe("Review CCTV / coverage");
    expect(oneLineCell("  Police\tand\u00a0council \rlead \n", 40)).toBe("Police and council / lead");
  });

  it("cuts text longer than the cell with an ellipsis, keeping the cell's width", () => {
    expect(oneLineCell("Partnership tasking meeting", 12)).toBe("Partnership…");
    expect(oneLineCell("Partnership", 11)).toBe("Partnership");
    expect(oneLineCell("a".repeat(11) + "😀b", 13)).toBe(`${"a".repeat(11)}…`);
  });

  it("shows a long text's start as flattening the whole text would, however its white space falls", () => {
    const pieces = ["word", " ", "   ", "\n", "\r\n", "\t", "é", "😀", "x".repeat(9)];
    const next = seededIndexes(11);
    const wrong: string[] = [];
    for (let t = 0; t < 500; t++) {
      let text = "";
      const length = next(120);
      for (let k = 0; k < length; k++) text += pieces[next(pieces.length)]!;
      for (const width of [4, 12, 30]) {
        const whole = text
          .trim()
          .replace(/\s*(?:\r\n?|\n)\s*/g, " / ")
          .replace(/\s+/g, " ");
        const cut = whole.length <= width ? whole : whole.slice(0, width - 1);
        const expected = whole.length <= width ? whole : `${cut.replace(/[\ud800-\udbff]$/, "")}…`;
        if (oneLineCell(text, width) !== expected) wrong.push(`${JSON.stringify(text)} in ${width}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
