import { conditionalLooksOf, equalityOf } from "../../src/core/reading/conditional-looks";
import type { ConditionalFormatSnapshot, SheetSnapshot } from "../../src/core/basics/snapshot";
import { type CellSpec, sheet } from "../support/snapshot-builder";

const RED = { fill: "#C00000", fontColor: "#FFFFFF" };
const AMBER = { fill: "#FFC000", fontColor: "#000000" };

/** A sheet with `rows` and these conditional formats. */
function withFormats(rows: CellSpec[][], formats: ConditionalFormatSnapshot[]): SheetSnapshot {
  return { ...sheet("Plan", rows), conditionalFormats: formats };
}

function rule(
  formula: string,
  look: { fill: string | null; fontColor: string | null },
  priority: number,
  type = "expression",
  operator: string | null = null,
) {
  return { type, operator, formula, ...look, priority };
}

describe("equalityOf", () => {
  it("reads the status rule Apply schema writes, TRIM and a column-absolute reference", () => {
    expect(equalityOf("expression", null, '=TRIM($E8)="Red"')).toEqual({
      reference: { row: 7, column: 4, rowAbsolute: false, columnAbsolute: true },
      trim: true,
      literal: "Red",
    });
  });

  it("reads a rule written literal first, with a doubled quote and no TRIM", () => {
    expect(equalityOf("expression", null, '="Say ""hi"""=B$2')).toEqual({
      reference: { row: 1, column: 1, rowAbsolute: true, columnAbsolute: false },
      trim: false,
      literal: 'Say "hi"',
    });
  });

  it("reads a cell-value-equals rule as a test of the cell itself", () => {
    expect(equalityOf("cellIs", "equal", '"Amber"')).toEqual({
      reference: null,
      trim: false,
      literal: "Amber",
    });
    expect(equalityOf("cellIs", "equal", "3")).toEqual({ reference: null, trim: false, literal: 3 });
  });

  it.each([
    ["expression", null, '=AND(LEN(TRIM($D2))=0,TRIM($E2)="Red")'],
    ["expression", null, "=ISNUMBER($F2)"],
    ["expression", null, '=Other!$E2="Red"'],
    ["cellIs", "greaterThan", "5"],
    ["containsText", null, '="Red"'],
  ])("does not evaluate a %s rule that is no simple equality: %s %s", (type, operator, formula) => {
    expect(equalityOf(type, operator, formula)).toBeNull();
  });
});

describe("conditionalLooksOf", () => {
  const rows: CellSpec[][] = [
    ["Ref", "Status"],
    ["1", "Red"],
    ["2", "  amber "],
    ["3", "Green"],
    ["4", null],
  ];
  const statusRules: ConditionalFormatSnapshot = {
    ranges: [{ top: 1, left: 1, bottom: 4, right: 1 }],
    rules: [rule('=TRIM($B2)="Red"', RED, 2), rule('=TRIM($B2)="Amber"', AMBER, 3)],
  };

  it("colours each status cell by its own word, the relative row moving with the cell", () => {
    const lookAt = conditionalLooksOf(withFormats(rows, [statusRules]));
    expect(lookAt(1, 1)).toEqual(RED);
    expect(lookAt(2, 1)).toEqual(AMBER);
    expect(lookAt(3, 1)).toBeNull();
    expect(lookAt(4, 1)).toBeNull();
  });

  it("leaves cells outside the format's range alone, even when the rule would match", () => {
    const lookAt = conditionalLooksOf(withFormats(rows, [statusRules]));
    expect(lookAt(1, 0)).toBeNull();
    expect(lookAt(0, 1)).toBeNull();
  });

  it("colours a whole row from a column-absolute reference", () => {
    const rowRule: ConditionalFormatSnapshot = {
      ranges: [{ top: 1, left: 0, bottom: 4, right: 1 }],
      rules: [rule('=$B2="Red"', RED, 1)],
    };
    const lookAt = conditionalLooksOf(withFormats(rows, [rowRule]));
    expect(lookAt(1, 0)).toEqual(RED);
    expect(lookAt(1, 1)).toEqual(RED);
    expect(lookAt(2, 0)).toBeNull();
  });

  it("compares without TRIM exactly, so padded words do not match", () => {
    const exact: ConditionalFormatSnapshot = {
      ranges: [{ top: 1, left: 1, bottom: 4, right: 1 }],
      rules: [rule('=B2="amber"', AMBER, 1)],
    };
    expect(conditionalLooksOf(withFormats(rows, [exact]))(2, 1)).toBeNull();
  });

  it("takes each colour from the matching rule with the lowest priority number, across formats", () => {
    const fillOnly: ConditionalFormatSnapshot = {
      ranges: [{ top: 1, left: 1, bottom: 1, right: 1 }],
      rules: [rule('"Red"', { fill: "#123456", fontColor: null }, 1, "cellIs", "equal")],
    };
    const lookAt = conditionalLooksOf(withFormats(rows, [statusRules, fillOnly]));
    expect(lookAt(1, 1)).toEqual({ fill: "#123456", fontColor: "#FFFFFF" });
  });

  it("shows nothing for a sheet whose reader gives no conditional formats", () => {
    expect(conditionalLooksOf(sheet("Plan", rows))(1, 1)).toBeNull();
  });
});
