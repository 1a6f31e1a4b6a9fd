import { downloadName } from "../../src/playground/PlaygroundApp";
import { columnMinWidths } from "../../src/playground/GridView";

describe("the playground's download name", () => {
  it("marks a changed workbook as updated and keeps an unchanged one's name", () => {
    expect(downloadName("plan.xlsx", true)).toBe("plan (updated).xlsx");
    expect(downloadName("Plan.XLSX", false)).toBe("Plan.xlsx");
  });
});

describe("the playground grid's column widths", () => {
  it("makes each column as wide as its longest word, so dates and statuses never break", () => {
    const cells = [
      [{ text: "Ref" }, { text: "Due" }, { text: "Status" }],
      [{ text: "3.10" }, { text: "31/03/2012" }, { text: "Complete" }],
      [null, { text: "" }, { text: "Not started" }],
    ];
    expect(columnMinWidths(cells, 3)).toEqual([4, 10, 8]);
  });

  it("caps a column's narrowest width for a very long word", () => {
    expect(columnMinWidths([[{ text: "x".repeat(80) }]], 1)).toEqual([24]);
  });
});
