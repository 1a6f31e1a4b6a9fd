import { downloadName } from "../../src/playground/PlaygroundApp";
import {
  columnMinWidths,
  columnWidthShown,
  dropdownLabel,
  listValidationAt,
} from "../../src/playground/GridView";

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

  it("gives an empty column the width the workbook gives it, so the Update column is not the narrowest", () => {
    expect(columnWidthShown(0, 45)).toBe(40);
    expect(columnWidthShown(0, 13)).toBe(13);
    expect(columnWidthShown(10, 4)).toBe(11);
    expect(columnWidthShown(0, null)).toBe(3);
  });

  it("caps a column's narrowest width for a very long word", () => {
    expect(columnMinWidths([[{ text: "x".repeat(80) }]], 1)).toEqual([24]);
  });
});

describe("the playground grid's dropdown marks", () => {
  const validations = [
    { range: { top: 1, left: 4, bottom: 9, right: 4 }, source: "=StatusList" },
    { range: { top: 1, left: 2, bottom: 9, right: 2 }, source: "=LeadCodes" },
  ];

  it("finds the list validation over a cell, and none outside every range", () => {
    expect(listValidationAt(validations, 3, 4)?.source).toBe("=StatusList");
    expect(listValidationAt(validations, 9, 2)?.source).toBe("=LeadCodes");
    expect(listValidationAt(validations, 0, 4)).toBeNull();
    expect(listValidationAt(validations, 3, 3)).toBeNull();
  });

  it("labels the mark in words with the list it offers, so colour is not the only sign", () => {
    expect(dropdownLabel("=StatusList")).toBe("Dropdown: choose from StatusList");
  });
});
