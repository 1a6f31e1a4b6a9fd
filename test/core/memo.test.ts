import { memoise } from "../../src/core/basics/memo";

describe("memoise", () => {
  it("works an answer out once per argument, null answers included", () => {
    const asked: string[] = [];
    const hex = memoise(10, (text: string) => {
      asked.push(text);
      return text.startsWith("#") ? text : null;
    });
    expect([hex("#FF0000"), hex("red"), hex("#FF0000"), hex("red")]).toEqual([
      "#FF0000",
      null,
      "#FF0000",
      null,
    ]);
    expect(asked).toEqual(["#FF0000", "red"]);
  });

  it("works an answer of undefined out once too", () => {
    const asked: string[] = [];
    const found = memoise(10, (text: string): number | undefined => {
      asked.push(text);
      return text === "one" ? 1 : undefined;
    });
    expect([found("none"), found("one"), found("none"), found("one")]).toEqual([undefined, 1, undefined, 1]);
    expect(asked).toEqual(["none", "one"]);
  });

  it("forgets everything once it holds its limit, and still answers", () => {
    const asked: number[] = [];
    const double = memoise(2, (n: number) => {
      asked.push(n);
      return n * 2;
    });
    expect([1, 2, 3, 1].map(double)).toEqual([2, 4, 6, 2]);
    expect(asked).toEqual([1, 2, 3, 1]);
  });
});
