import { quoteSheetName, sheetRangeReference } from "../../src/core/basics/cell-address";

describe("quoteSheetName", () => {
  it("leaves a plain name as it is", () => {
    expect(quoteSheetName("Lists")).toBe("Lists");
    expect(quoteSheetName("Plan_2011.v2")).toBe("Plan_2011.v2");
  });

  it("quotes names with spaces, punctuation, a leading digit or non-Latin letters, doubling apostrophes", () => {
    expect(quoteSheetName("It's 2011")).toBe("'It''s 2011'");
    expect(quoteSheetName("2011-12")).toBe("'2011-12'");
    expect(quoteSheetName("Violence & exploitation 2023-24")).toBe("'Violence & exploitation 2023-24'");
    expect(quoteSheetName("Bezpieczeństwo")).toBe("'Bezpieczeństwo'");
  });

  it("quotes a name Excel would read as a cell reference", () => {
    expect(quoteSheetName("Q1")).toBe("'Q1'");
    expect(quoteSheetName("AB12")).toBe("'AB12'");
    expect(quoteSheetName("R1C1")).toBe("'R1C1'");
    expect(quoteSheetName("R")).toBe("'R'");
    expect(quoteSheetName("c3")).toBe("'c3'");
    expect(quoteSheetName("Q1_plan")).toBe("Q1_plan");
  });
});

describe("sheetRangeReference", () => {
  it("quotes the sheet and makes the range absolute", () => {
    expect(sheetRangeReference("Q1", { top: 1, left: 0, bottom: 8, right: 0 })).toBe("'Q1'!$A$2:$A$9");
    expect(sheetRangeReference("Jo's plan", { top: 0, left: 1, bottom: 0, right: 1 }, false)).toBe(
      "'Jo''s plan'!B1",
    );
  });
});
