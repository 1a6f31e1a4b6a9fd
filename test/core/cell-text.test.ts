import fc from "fast-check";
import { foldText } from "../../src/core/basics/cell-text";

/** The folding rule as stated: lower case, runs of anything but letters, digits and # as one space, trimmed. */
function foldedByPattern(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}#]+/gu, " ")
    .trim();
}

describe("foldText", () => {
  it.each([
    ["Ref No.", "ref no"],
    ["RAG  Status:", "rag status"],
    ["  #  ", "#"],
    ["1.23", "1 23"],
    ["Échéance (Date)", "échéance date"],
    ["Lead\u00a0officer", "lead officer"],
    ["", ""],
    ["?!", ""],
  ])("folds %j to %j", (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it("folds any text as the Unicode pattern does, plain ASCII or not", () => {
    const ascii = fc.string({ unit: "binary-ascii", maxLength: 30 });
    const any = fc.string({ unit: "binary", maxLength: 30 });
    const mixed = fc
      .array(fc.oneof(fc.constantFrom("Ref", " ", ".", "#", "É", "\u212a", "İ", "\u00a0", "7"), any), {
        maxLength: 8,
      })
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.oneof(ascii, any, mixed), (text) => {
        expect(foldText(text)).toBe(foldedByPattern(text));
      }),
      { numRuns: 2000 },
    );
  });
});
