import { formulaReferences, shiftFormula } from "../../src/core/basics/formula-references";

describe("a formula's text read from another cell", () => {
  it("shifts relative rows and columns and keeps absolute ones", () => {
    expect(shiftFormula("A1+$B$1+B$2+$C3", 2, 1)).toBe("B3+$B$1+C$2+$C5");
  });

  it("shifts whole-column and whole-row ranges and sheet-qualified references", () => {
    expect(shiftFormula("SUM(C:C)+SUM(2:3)+'1 ASB'!A1+Lists!$A1", 1, 1)).toBe(
      "SUM(D:D)+SUM(3:4)+'1 ASB'!B2+Lists!$A2",
    );
  });

  it("leaves string literals, function names, sheet names, structured references and numbers alone", () => {
    expect(shiftFormula('IF(A1="B2",LOG10(A1),Table1[[#This Row],[B2]])+1E5+ABC1!A1+0.5', 1, 0)).toBe(
      'IF(A2="B2",LOG10(A2),Table1[[#This Row],[B2]])+1E5+ABC1!A2+0.5',
    );
  });

  it("turns a reference shifted off the sheet into #REF!", () => {
    expect(shiftFormula("A1+B2", -1, 0)).toBe("#REF!+B1");
  });

  it("is the same text when it does not move", () => {
    expect(shiftFormula("A1*2", 0, 0)).toBe("A1*2");
  });
});

describe("the references in a formula", () => {
  const read = (formula: string) =>
    formulaReferences(formula).map((r) => ({
      sheet: r.sheet,
      text: formula.slice(r.start, r.end),
      from: [r.from.row, r.from.column],
      to: r.to === null ? null : [r.to.row, r.to.column],
    }));

  it("names the sheet of each reference, quoted or not, and null for the formula's own", () => {
    expect(read("SUM('1 ASB''s plan'!E4:E9)+Lists!$A$2+B3")).toEqual([
      { sheet: "1 ASB's plan", text: "E4:E9", from: [3, 4], to: [8, 4] },
      { sheet: "Lists", text: "$A$2", from: [1, 0], to: null },
      { sheet: null, text: "B3", from: [2, 1], to: null },
    ]);
  });

  it("reads whole columns and whole rows with no row or no column", () => {
    expect(read('COUNTIF(E:E,"Red")+SUM(Plan!3:5)')).toEqual([
      { sheet: null, text: "E:E", from: [null, 4], to: [null, 4] },
      { sheet: "Plan", text: "3:5", from: [2, null], to: [4, null] },
    ]);
  });

  it("finds no reference in strings, structured references, function names, numbers or defined names", () => {
    expect(read('IF(Status="A1",LOG10(2),Table1[[#This Row],[B2]])+1E5+0.5+StatusList')).toEqual([]);
  });

  it("marks another workbook's sheet with its index, and reads a sheet name in any script", () => {
    expect(read("[1]Plan!A1+Überblick!B2")).toEqual([
      { sheet: "[1]Plan", text: "A1", from: [0, 0], to: null },
      { sheet: "Überblick", text: "B2", from: [1, 1], to: null },
    ]);
  });
});
