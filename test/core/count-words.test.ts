import { countWords, groupedNumber } from "../../src/core/basics/count-words";

describe("groupedNumber", () => {
  it("groups thousands with commas as UK English writes them", () => {
    expect(groupedNumber(0)).toBe("0");
    expect(groupedNumber(999)).toBe("999");
    expect(groupedNumber(1000)).toBe("1,000");
    expect(groupedNumber(6000)).toBe("6,000");
    expect(groupedNumber(1234567)).toBe("1,234,567");
    expect(groupedNumber(-32767)).toBe("-32,767");
    // Intl writes "-0" here; a count that rounds to nothing is 0.
    expect(groupedNumber(-0.4)).toBe("0");
  });

  it("writes every count as Intl's en-GB whole-number format does", () => {
    const intl = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
    const values = [
      0,
      1,
      9,
      10,
      99,
      100,
      999,
      1000,
      1001,
      9999,
      10_000,
      99_999,
      100_000,
      999_999,
      1_000_000,
      32_767,
      1_048_576,
      2 ** 31,
      2 ** 53 - 1,
      0.4,
      0.5,
      1.5,
      2.5,
      999.5,
      1234.49,
      -1,
      -2.5,
      -1234.5,
    ];
    for (let i = 0; i < 500; i++) values.push(Math.floor((i * 7919) ** 1.7));
    for (const n of values) expect([n, groupedNumber(n)]).toEqual([n, intl.format(n)]);
  });
});

describe("countWords", () => {
  it("says one thing in the singular and other counts in the plural", () => {
    expect(countWords(1, "table")).toBe("1 table");
    expect(countWords(0, "table")).toBe("0 tables");
    expect(countWords(6000, "action")).toBe("6,000 actions");
    expect(countWords(2, "summary", "summaries")).toBe("2 summaries");
  });
});
