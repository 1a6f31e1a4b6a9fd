import { tableSchemaOps, statusRules } from "../../src/core/planning/table-schema";
import { actionTableName, tableNameFromText } from "../../src/core/basics/table-names";
import { STATUS_COLOURS } from "../../src/core/basics/status-colours";

const columns = [
  { column: 0, role: "ref" as const },
  { column: 1, role: "action" as const },
  { column: 2, role: "lead" as const },
  { column: 3, role: "update" as const },
  { column: 4, role: "status" as const },
  { column: 5, role: "due" as const },
];

describe("tableSchemaOps", () => {
  it("validates and formats whole data-body columns, with formulas anchored on the first data row", () => {
    const ops = tableSchemaOps({
      sheet: "2012-13",
      range: { top: 6, left: 0, bottom: 20, right: 5 },
      columns,
      tableName: "Actions_2012_13",
    });
    expect(ops.map((op) => op.kind)).toEqual([
      "addTable",
      "setValidation",
      "setValidation",
      "setConditionalFormats",
      "setConditionalFormats",
      "setConditionalFormats",
    ]);
    const formats = ops.flatMap((op) => (op.kind === "setConditionalFormats" ? [op] : []));
    expect(formats.map((f) => f.range)).toEqual([
      { top: 7, left: 4, bottom: 20, right: 4 },
      { top: 7, left: 3, bottom: 20, right: 3 },
      { top: 7, left: 5, bottom: 20, right: 5 },
    ]);
    expect(formats[1]?.rules[0]?.formula).toBe(
      '=AND(LEN(TRIM($D8))=0,OR(TRIM($E8)="Red",TRIM($E8)="Amber",TRIM($E8)="Complete"))',
    );
    expect(formats[2]?.rules[0]?.formula).toBe('=AND(ISNUMBER($F8),$F8<TODAY(),TRIM($E8)<>"Complete")');
  });

  it("adds no table when the range already is one", () => {
    const ops = tableSchemaOps({
      sheet: "Plan",
      range: { top: 0, left: 0, bottom: 3, right: 5 },
      columns,
      tableName: null,
    });
    expect(ops.some((op) => op.kind === "addTable")).toBe(false);
  });

  it("colours each status by its word so the word stays visible", () => {
    const rules = statusRules(4, 7);
    expect(rules.map((r) => r.formula)).toEqual(STATUS_COLOURS.map((c) => `=TRIM($E8)="${c.status}"`));
    expect(rules.every((r) => r.fill !== r.fontColor)).toBe(true);
  });

  it("refuses a table with no data row (a bug in the caller)", () => {
    expect(() =>
      tableSchemaOps({
        sheet: "P",
        range: { top: 0, left: 0, bottom: 0, right: 5 },
        columns,
        tableName: "T",
      }),
    ).toThrow(RangeError);
  });
});

describe("table names", () => {
  it("makes names Excel accepts from sheet names, unique workbook-wide", () => {
    const taken = new Set(["actions_1_asb"]);
    expect(actionTableName("1 ASB", taken)).toBe("Actions_1_ASB_2");
    expect(actionTableName("Action Plan 2009", taken)).toBe("Actions_Action_Plan_2009");
    expect(actionTableName("It's 2011-12", taken)).toBe("Actions_It_s_2011_12");
    expect(tableNameFromText("A1")).toBe("T_A1");
    expect(tableNameFromText("R1C1")).toBe("T_R1C1");
    expect(tableNameFromText("2011")).toBe("T_2011");
    expect(tableNameFromText("東京")).toBe("Table");
  });
});
