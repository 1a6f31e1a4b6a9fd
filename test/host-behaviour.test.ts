/**
 * One behaviour suite run against both shells: the file shell (createPackageHost over a workbook's
 * bytes) and the Excel shell (createExcelHost over the fake Excel). Each applies the same write
 * plans and must read back the same values, without throwing or logging.
 */
import { createExcelHost } from "../src/excel/excel-host";
import { newWorkbookBytes } from "../src/xlsx/blank-package";
import { nodeCodec } from "../src/xlsx/node-files";
import { createPackageHost } from "../src/xlsx/package-host";
import type { WorkbookHost } from "../src/core/basics/workbook-host";
import type { CellWrite, WritePlan } from "../src/core/basics/write-plan";
import type { WorkbookSnapshot } from "../src/core/basics/snapshot";
import { sheet, workbook } from "./support/snapshot-builder";
import { FakeExcel, installFakeOffice, uninstallFakeOffice } from "./fakes/fake-excel";

const HOSTILE = ["=SUM(1)", "+44 7700 900123", "-5", "@home", "3.10", "007", "Ünïcödé 👮 警察"];
const text = (t: string): CellWrite => ({ kind: "text", text: t });

const shells: Array<[string, () => Promise<WorkbookHost>]> = [
  [
    "file shell",
    async () => {
      const plan: WritePlan = {
        title: "Ref",
        ops: [{ kind: "writeCells", sheet: "Plan", row: 0, column: 0, cells: [[text("Ref")]] }],
      };
      return createPackageHost((await newWorkbookBytes("Plan", plan, nodeCodec)).bytes, nodeCodec);
    },
  ],
  [
    "Excel shell",
    () => {
      installFakeOffice(FakeExcel.fromSnapshot(workbook(sheet("Plan", [["Ref"]]))));
      return Promise.resolve(createExcelHost());
    },
  ],
];

const values = (snapshot: WorkbookSnapshot, name: string) =>
  (snapshot.sheets.find((s) => s.name === name)?.cells ?? []).map((row) =>
    row.map((c) => (c === null ? null : { value: c.value, formula: c.formula })),
  );

describe.each(shells)("the %s", (_name, makeHost) => {
  let errors: jest.SpyInstance;
  let warnings: jest.SpyInstance;
  beforeEach(() => {
    errors = jest.spyOn(console, "error").mockImplementation(() => undefined);
    warnings = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  });
  afterEach(() => {
    expect(errors).not.toHaveBeenCalled();
    expect(warnings).not.toHaveBeenCalled();
    jest.restoreAllMocks();
    uninstallFakeOffice();
  });

  it("keeps hostile text as text and reads back what it wrote", async () => {
    const host = await makeHost();
    const plan: WritePlan = {
      title: "Write",
      ops: [
        { kind: "writeCells", sheet: "Plan", row: 1, column: 0, cells: [HOSTILE.map(text)] },
        {
          kind: "writeCells",
          sheet: "Plan",
          row: 2,
          column: 0,
          cells: [
            [
              { kind: "number", value: 3.1 },
              { kind: "boolean", value: false },
              { kind: "date", iso: "2024-02-29" },
            ],
          ],
        },
      ],
    };
    await host.applyWritePlan(plan);
    const snapshot = await host.readSnapshot();
    expect(values(snapshot, "Plan")).toEqual([
      [{ value: "Ref", formula: null }],
      HOSTILE.map((t) => ({ value: t, formula: null })),
      [
        { value: 3.1, formula: null },
        { value: false, formula: null },
        { value: 45351, formula: null },
      ],
    ]);
    expect(snapshot.sheets[0]?.cells[2]?.[2]?.numberFormat).toBe("dd/mm/yyyy");
  });

  it("hides the rows a plan hides on a new sheet, and no others", async () => {
    const host = await makeHost();
    await host.applyWritePlan({
      title: "Hide",
      ops: [
        { kind: "addSheet", sheet: "2012-13", after: "Plan" },
        {
          kind: "writeCells",
          sheet: "2012-13",
          row: 0,
          column: 0,
          cells: [[text("Ref")], [text("1")], [text("2")], [text("3")], [text("4")]],
        },
        { kind: "hideRows", sheet: "2012-13", rows: [1, 3, 4] },
      ],
    });
    const snapshot = await host.readSnapshot();
    expect(snapshot.sheets.find((s) => s.name === "2012-13")?.hiddenRows).toEqual([1, 3, 4]);
    expect(snapshot.sheets.find((s) => s.name === "Plan")?.hiddenRows).toEqual([]);
  });

  it("adds a sheet with a table that grows over rows appended below it", async () => {
    const host = await makeHost();
    await host.applyWritePlan({
      title: "New year",
      ops: [
        { kind: "addSheet", sheet: "2012-13", after: "Plan" },
        {
          kind: "writeCells",
          sheet: "2012-13",
          row: 0,
          column: 0,
          cells: [
            [text("Ref"), text("Status")],
            [text("1"), text("Red")],
          ],
        },
        {
          kind: "addTable",
          sheet: "2012-13",
          range: { top: 0, left: 0, bottom: 1, right: 1 },
          name: "Plan2012",
          style: "TableStyleLight9",
        },
      ],
    });
    await host.applyWritePlan({
      title: "Append",
      ops: [
        {
          kind: "appendTableRows",
          sheet: "2012-13",
          table: "Plan2012",
          row: 2,
          column: 0,
          cells: [[text("2"), text("Amber")]],
        },
      ],
    });
    const snapshot = await host.readSnapshot();
    expect(snapshot.sheets.map((s) => s.name)).toEqual(["Plan", "2012-13"]);
    expect(values(snapshot, "2012-13")[2]).toEqual([
      { value: "2", formula: null },
      { value: "Amber", formula: null },
    ]);
    expect(snapshot.sheets[1]?.tables).toEqual([
      { name: "Plan2012", range: { top: 0, left: 0, bottom: 2, right: 1 }, columnNames: ["Ref", "Status"] },
    ]);
  });
});
