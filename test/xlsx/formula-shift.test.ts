import { shiftFormula } from "../../src/xlsx/formula-shift";

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
