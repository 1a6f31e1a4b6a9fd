import { type KeptBlock, pageStarts, rowBreaks, rowWithCopies } from "../../src/core/planning/print-layout";

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
