import fc from "fast-check";
import {
  type KeptBlock,
  cellHeight,
  cellHeightBound,
  pageStarts,
  printedRows,
  rowBreaks,
  rowHeight,
  rowRuns,
  rowWithCopies,
  wrappedLines,
} from "../../src/core/planning/print-layout";
import { seededIndexes } from "../support/seeded-random";

/** Points of an A4 landscape page the layout fills at scale 1 (595 less 108 of margins, 90% of it). */
const PAGE = (595 - 108) * 0.9;

/** Rows 0–1 titles, 2 a heading, 3 a header row, 4… a list of `count` rows `tall` points each. */
function list(count: number, tall: number): { heights: Map<number, number>; blocks: KeptBlock[] } {
  const heights = new Map<number, number>([
    [0, 20],
    [1, 15],
    [2, 20],
    [3, 30],
  ]);
  for (let i = 0; i < count; i++) heights.set(4 + i, tall);
  // The heading, header and first row together; then each row on its own; then a 10-row block after.
  const blocks: KeptBlock[] = [{ first: 2, last: 4 }];
  for (let r = 5; r < 4 + count; r++) blocks.push({ first: r, last: r });
  blocks.push({ first: 4 + count, last: 4 + count + 9 });
  return { heights, blocks };
}

describe("pageStarts", () => {
  it("breaks as rowBreaks does, and copies nothing, without a continued header", () => {
    const { heights, blocks } = list(30, 40);
    const pages = pageStarts(heights, blocks, { first: 0, last: 1 }, 1);
    expect(pages.breaks).toEqual(rowBreaks(heights, blocks, { first: 0, last: 1 }, 1));
    expect(pages.breaks.length).toBeGreaterThan(2);
    expect(pages.headerBefore).toEqual([]);
  });

  it("starts each page the list runs on to with the header's copy, and leaves room for it", () => {
    const { heights, blocks } = list(30, 40);
    const pages = pageStarts(heights, blocks, { first: 0, last: 1 }, 1, { row: 3, first: 4, last: 33 });
    const inList = pages.breaks.filter((b) => b >= 4 && b <= 33);
    expect(inList.length).toBeGreaterThan(1);
    expect(pages.headerBefore).toEqual(inList);
    // Each page: the titles, the copy where there is one, and its rows, within the page.
    const all = [...pages.breaks, 4 + 30 + 10];
    for (let i = 0; i < all.length - 1; i++) {
      const from = all[i] ?? 0;
      let used = 35 + (pages.headerBefore.includes(from) ? 30 : 0);
      for (let r = from; r < (all[i + 1] ?? 0); r++) used += heights.get(r) ?? 15;
      expect(used).toBeLessThanOrEqual(PAGE);
    }
  });

  it("puts no copy before a page that starts after the list (the chart below it)", () => {
    // Rows that just fill the first page, so the block after the list starts the next.
    const { heights, blocks } = list(7, 40);
    const pages = pageStarts(heights, blocks, { first: 0, last: 1 }, 1, { row: 3, first: 4, last: 10 });
    expect(pages.breaks).toEqual([11]);
    expect(pages.headerBefore).toEqual([]);
  });

  it("breaks sooner when the rows print larger", () => {
    const { heights, blocks } = list(30, 40);
    const full = pageStarts(heights, blocks, { first: 0, last: 1 }, 1, { row: 3, first: 4, last: 33 });
    const small = pageStarts(heights, blocks, { first: 0, last: 1 }, 1.5, { row: 3, first: 4, last: 33 });
    expect(small.breaks.length).toBeGreaterThan(full.breaks.length);
  });
});

describe("rowWithCopies", () => {
  it("moves a row down one for every copy written at or above it", () => {
    expect(rowWithCopies(3, [10, 20])).toBe(3);
    expect(rowWithCopies(10, [10, 20])).toBe(11);
    expect(rowWithCopies(25, [10, 20])).toBe(27);
  });
});

describe("printedRows", () => {
  it("gives every row the place rowWithCopies gives it", () => {
    const copies = [10, 20, 21];
    expect(printedRows(30, copies)).toEqual([...Array(31).keys()].map((r) => rowWithCopies(r, copies)));
  });

  it("moves nothing when there are no copies, and takes the copies in any order", () => {
    expect(printedRows(3, [])).toEqual([0, 1, 2, 3]);
    expect(printedRows(4, [4, 2])).toEqual([0, 1, 3, 4, 6]);
  });
});

describe("rowRuns", () => {
  it("joins consecutive rows with the same key into one run", () => {
    expect(
      rowRuns([
        { row: 4, key: "Red" },
        { row: 5, key: "Red" },
        { row: 6, key: "Red" },
        { row: 7, key: "Amber" },
        { row: 8, key: "Amber" },
      ]),
    ).toEqual([
      { top: 4, bottom: 6, key: "Red" },
      { top: 7, bottom: 8, key: "Amber" },
    ]);
  });

  it("starts a new run after a gap, as where a header's copy comes between two rows", () => {
    expect(
      rowRuns([
        { row: 4, key: "Red" },
        { row: 6, key: "Red" },
        { row: 7, key: "Red" },
      ]),
    ).toEqual([
      { top: 4, bottom: 4, key: "Red" },
      { top: 6, bottom: 7, key: "Red" },
    ]);
  });

  it("starts a new run when the key changes and comes back", () => {
    expect(rowRuns([1, 2, 3].map((row) => ({ row, key: row === 2 ? "Green" : "Red" })))).toHaveLength(3);
    expect(rowRuns([])).toEqual([]);
  });
});

describe("cellHeight", () => {
  it("gives an empty cell the default row's height and one line of 11-point text its line and padding", () => {
    expect(cellHeight("", 11, true, 11)).toBe(15);
    expect(cellHeight("Red", 11, true, 11)).toBe(18);
  });

  it("gives wrapped text room for each of its lines, and unwrapped text one line", () => {
    expect(cellHeight("Red, overdue by 43 days", 11, true, 11)).toBe(48);
    expect(cellHeight("Red, overdue by 43 days", 11, false, 11)).toBe(18);
  });

  it("grows with the font and stops at Excel's 409 points", () => {
    expect(cellHeight("Title", 40, false, 14)).toBeGreaterThan(cellHeight("Title", 40, false, 11));
    expect(cellHeight("word ".repeat(2000), 11, true, 11)).toBe(409);
  });

  it("gives a row the height of its tallest cell", () => {
    const cells = [
      { column: 0, text: "Short", wrap: true, fontSize: 11 },
      { column: 1, text: "Red, overdue by 43 days", wrap: true, fontSize: 11 },
    ];
    expect(
      rowHeight(
        cells,
        new Map([
          [0, 40],
          [1, 11],
        ]),
      ),
    ).toBe(48);
  });
});

describe("pageStarts over heights by row", () => {
  it("breaks where it does with the same heights in a map", () => {
    const heights = [...Array(80).keys()].map((r) => (r % 3 === 0 ? 45 : 15));
    const blocks: KeptBlock[] = [...Array(78).keys()].map((i) => ({ first: i + 2, last: i + 2 }));
    const fromMap = pageStarts(new Map(heights.map((h, r) => [r, h])), blocks, { first: 0, last: 1 }, 1);
    expect(fromMap.breaks.length).toBeGreaterThan(1);
    expect(pageStarts(heights, blocks, { first: 0, last: 1 }, 1)).toEqual(fromMap);
  });
});

/** A character's width by the rules wrappedLines documents, in twentieths of a "0" (whole numbers,
 *  so that the sums are exact here as there). */
function charWidth(unit: string): number {
  const code = unit.charCodeAt(0);
  if (code >= 0xdc00 && code <= 0xdfff) return 0; // the second half of a surrogate pair
  if (code >= 128) return 19;
  if ("MW@%".includes(unit)) return 30;
  if (unit >= "A" && unit <= "Z") return 24;
  if (unit === "m" || unit === "w") return 27;
  if ("iljtf.,;:'!|()[]".includes(unit)) return 11;
  if (unit >= "0" && unit <= "9") return 20;
  return 19;
}

/** wrappedLines the long way: the text split into paragraphs and words, each word filled in greedily. */
function linesByWords(text: string, width: number, scale: number): number {
  const room = (Math.max(1, width - 1) / scale) * 20;
  let lines = 0;
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    lines += 1;
    let line = 0;
    for (const word of paragraph.split(" ")) {
      let w = 0;
      for (let i = 0; i < word.length; i++) w += charWidth(word.charAt(i));
      const needed = line === 0 ? w : line + 10 + w;
      if (needed <= room) {
        line = needed;
        continue;
      }
      if (line > 0) lines += 1;
      while (w > room) {
        lines += 1;
        w -= room;
      }
      line = w;
    }
  }
  return lines;
}

describe("wrappedLines", () => {
  it("breaks at spaces as Excel does, and inside a word longer than the line", () => {
    expect(wrappedLines("Red, overdue by 43 days", 10)).toBe(3);
    expect(wrappedLines("Red", 10)).toBe(1);
    expect(wrappedLines("", 10)).toBe(1);
    expect(wrappedLines("x".repeat(45), 11)).toBe(5);
  });

  it("starts a line at each line break, a Windows break counting once", () => {
    expect(wrappedLines("a\nb", 20)).toBe(2);
    expect(wrappedLines("a\r\nb", 20)).toBe(2);
    expect(wrappedLines("a\rb\n\nc", 20)).toBe(4);
  });

  it("counts lines as filling each paragraph word by word does, whatever the characters", () => {
    // Varied text from a fixed seed: capitals, wide and narrow letters, digits, runs of spaces, line
    // breaks of each kind, tabs, accents, dashes, an emoji (a surrogate pair) and lone halves of one.
    const pieces = [
      "a",
      "e",
      "Q",
      "M",
      "W",
      "m",
      "w",
      "i",
      "l",
      ".",
      "(",
      "7",
      "@",
      "%",
      " ",
      " ",
      " ",
      "  ",
      "\n",
      "\r\n",
      "\r",
      "\t",
      "é",
      "—",
      "😀",
      "\ud83d",
      "\ude00",
      "partnership",
      "ASB",
      "x".repeat(30),
    ];
    const next = seededIndexes(7);
    const mismatches: string[] = [];
    let checked = 0;
    for (let t = 0; t < 400; t++) {
      let text = "";
      const length = next(60);
      for (let k = 0; k < length; k++) text += pieces[next(pieces.length)]!;
      for (const width of [3, 8.43, 11, 40, 45]) {
        for (const scale of [1, 12 / 11, 14 / 11]) {
          const lines = wrappedLines(text, width, scale);
          const expected = linesByWords(text, width, scale);
          if (lines !== expected)
            mismatches.push(`${JSON.stringify(text)} in ${width}×${scale}: ${lines} ≠ ${expected}`);
          checked += 1;
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(6000);
  });
});

describe("cellHeightBound", () => {
  /** Text made of the characters that stress the bound: the widest, the narrowest, breaks and spaces. */
  const piece = fc.constantFrom(
    "M",
    "W",
    "@",
    "%",
    "i",
    ".",
    "a",
    "0",
    "é",
    "😀",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "\t",
  );
  const texts = fc.oneof(
    fc.array(piece, { maxLength: 400 }).map((p) => p.join("")),
    fc.string({ maxLength: 300 }),
    fc
      .array(fc.constantFrom("Red", "overdue", "by", "43", "days,", "MWMWMWMWMWMWMWMW", "x"), {
        maxLength: 80,
      })
      .map((w) => w.join(" ")),
  );

  it("is never less than the height cellHeight measures, for any text, width, wrapping and font size", () => {
    fc.assert(
      fc.property(
        texts,
        fc.constantFrom(0, 1, 1.5, 2, 8.43, 11, 40, 45, 60),
        fc.boolean(),
        fc.constantFrom(11, 12, 14),
        (text, width, wrap, fontSize) => {
          expect(cellHeightBound(text, width, wrap, fontSize)).toBeGreaterThanOrEqual(
            cellHeight(text, width, wrap, fontSize),
          );
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("is the measured height for text that is one short line or none", () => {
    expect(cellHeightBound("", 45, true, 11)).toBe(cellHeight("", 45, true, 11));
    expect(cellHeightBound("Red", 45, true, 11)).toBe(cellHeight("Red", 45, true, 11));
    expect(cellHeightBound("A long line that is not wrapped", 5, false, 11)).toBe(18);
  });

  it("stays at or under a long action's height for an update a third as long, which then goes unmeasured", () => {
    const action =
      "Deliver item 12 of the ASB plan with the named lead: promote the ASB team and hotline when responding to calls in the wards ranked lowest for incidents reported, and report progress to the ASB group each quarter.";
    const update = "Quarter 2: progress reported at the ASB group; next step agreed.";
    expect(cellHeightBound(update, 45, true, 11)).toBeLessThanOrEqual(cellHeight(action, 40, true, 11));
  });
});
