/**
 * Issue 18: what real Excel does that a forgiving fake did not. Each behaviour is played by the fake
 * (test/fakes/fake-excel.ts, with the page it comes from) and each test runs the add-in's own Excel
 * host against it, as the pane does.
 */
import { planApplySchema } from "../../src/core/planning/apply-schema";
import { readPlan } from "../../src/core/reading/read-plan";
import type { WorkbookSnapshot } from "../../src/core/basics/snapshot";
import type { WriteOp, WritePlan } from "../../src/core/basics/write-plan";
import { createExcelHost } from "../../src/excel/excel-host";
import { excelDiagnostics } from "../../src/excel/diagnostics";
import {
  HostBusyError,
  StructureProtectedError,
  UndoNotSupportedError,
  toHostError,
} from "../../src/excel/host-errors";
import { applyOperation } from "../../src/operations/run-operation";
import { carryOverOperation } from "../../src/operations/carry-over";
import { schemaOperation } from "../../src/operations/apply-schema";
import { type CellSpec, sheet, workbook, workbookWithNames } from "../support/snapshot-builder";
import {
  FakeExcel,
  FakeOfficeError,
  type FakeExcelOptions,
  installFakeOffice,
  uninstallFakeOffice,
} from "../fakes/fake-excel";

afterEach(() => uninstallFakeOffice());

const HEADER: CellSpec[] = ["Ref", "Action", "Lead", "Update", "Status"];

/** A year's plan with one outstanding and one complete action, and a sheet after it. */
function yearPlan(): WorkbookSnapshot {
  return workbook(
    sheet("2011-12", [
      HEADER,
      ["1", "Patrol the park", "Police", "Going slowly", "Amber"],
      ["2", "Paint the wall", "Council", "Done", "Complete"],
    ]),
    sheet("Notes", [["Kept by the analyst"]]),
  );
}

function hostOn(fake: FakeExcel) {
  installFakeOffice(fake);
  return createExcelHost();
}

function fakeOf(snapshot: WorkbookSnapshot, options: FakeExcelOptions = {}): FakeExcel {
  return FakeExcel.fromSnapshot(snapshot, options);
}

const text = (t: string) => ({ kind: "text" as const, text: t });
type AppendTableRows = Extract<WriteOp, { kind: "appendTableRows" }>;

// "If an API within the group doesn't offer undo support, the UndoNotSupported error is thrown"; the
// page's table of unsupported APIs lists Worksheet.position (supported on the web, not on Windows or
// Mac) and NamedItem.comment (not on the web). learn.microsoft.com/office/dev/add-ins/excel/
// excel-add-ins-undo-capabilities
describe("Excel's undo groups (item 1)", () => {
  it("carries over on desktop Excel, where Worksheet.position refuses an undo group, putting the new sheet after the old", async () => {
    const fake = fakeOf(yearPlan(), { platform: "windows" });
    const host = hostOn(fake);
    const outcome = await applyOperation(host, carryOverOperation({ fromSheet: "2011-12", renumber: false }));
    expect(outcome.report).not.toBeNull();
    expect(fake.sheetNames().slice(0, 3)).toEqual(["2011-12", "2012-13", "Notes"]);
    // The write ran outside an undo group (each sync its own undo step) instead of failing.
    const write = fake.runs.find((r) => r.syncs > 0 && r !== fake.runs[0]);
    expect(write?.options).toEqual({ delayForCellEdit: true });
  });

  async function movedInUndoGroup(platform: "windows" | "mac" | "web"): Promise<string> {
    const fake = fakeOf(workbook(sheet("A", [["a"]]), sheet("B", [["b"]])), { platform });
    return fake
      .run({ mergeUndoGroup: true }, async (context) => {
        context.workbook.worksheets.getItem("B").position = 0;
        await context.sync();
      })
      .then(
        () => "moved",
        (e: { code?: string }) => e.code ?? "failed",
      );
  }

  it("the fake refuses Worksheet.position in an undo group on Windows and Mac, not on the web", async () => {
    expect(await movedInUndoGroup("windows")).toBe("UndoNotSupported");
    expect(await movedInUndoGroup("mac")).toBe("UndoNotSupported");
    expect(await movedInUndoGroup("web")).toBe("moved");
  });

  it("applies the schema on Excel on the web, where a name's comment refuses an undo group, grouped and without comments", async () => {
    const fake = fakeOf(yearPlan(), { platform: "web" });
    const host = hostOn(fake);
    const outcome = await applyOperation(host, schemaOperation);
    expect(outcome.report).not.toBeNull();
    expect(fake.name("StatusList")).toMatchObject({ comment: "" });
    expect(fake.runs.some((r) => r.options?.mergeUndoGroup === true)).toBe(true);
  });

  it("keeps names' comments on desktop, where they support undo", async () => {
    const fake = fakeOf(yearPlan(), { platform: "mac" });
    await applyOperation(hostOn(fake), schemaOperation);
    expect(fake.name("StatusList")?.comment).toMatch(/Statuses/);
  });

  it("maps UndoNotSupported to a message that says what happened and what to do", () => {
    const mapped = toHostError(new FakeOfficeError("UndoNotSupported", "Worksheet.position"));
    expect(mapped).toBeInstanceOf(UndoNotSupportedError);
    expect((mapped as Error).message).toMatch(/one undo step.*part-way.*run the command again/);
  });
});

// "Coauthoring in Excel add-ins" (Use Range.values to add rows): a table expands over rows written
// below it when no data validation lies below it and the data is real. office-js #2097 (by design):
// "the code consider the first value of array ... as blank and the length ==0, so will skip
// auto-expanded them as table rows".
describe("tables grow over rows written below them only under conditions (item 2)", () => {
  /** A workbook whose Lists sheet holds a Leads table over its header and these leads. */
  const withTable = (options: FakeExcelOptions = {}, leads: CellSpec[][] = [["MW", "Mick Williams"]]) =>
    fakeOf(
      workbook(
        sheet("Lists", [["Code", "Name"], ...leads], {
          tables: [
            {
              name: "Leads",
              range: { top: 0, left: 0, bottom: leads.length, right: 1 },
              columnNames: ["Code", "Name"],
            },
          ],
        }),
      ),
      options,
    );

  /** A plan that appends one row of cells to the Leads table at `row` (0-based). */
  const addLead = (row: number, cells: AppendTableRows["cells"][number]): WritePlan => ({
    title: "Add a lead",
    ops: [{ kind: "appendTableRows", sheet: "Lists", table: "Leads", row, column: 0, cells: [cells] }],
  });

  it("the fake does not grow a table over a block whose first value is empty (office-js #2097)", async () => {
    const fake = withTable();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Lists").getRange("A3:B3").values = [["", "Someone"]];
      await context.sync();
    });
    expect(fake.table("Leads")?.range.bottom).toBe(1);
  });

  it("the fake does not grow a table over rows that have data validation", async () => {
    const fake = withTable();
    fake.sheet("Lists").validations.push({
      range: { top: 2, left: 0, bottom: 9, right: 0 },
      rule: {},
      errorAlert: null,
      prompt: null,
    });
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Lists").getRange("A3:B3").values = [["JS", "Jo Smith"]];
      await context.sync();
    });
    expect(fake.table("Leads")?.range.bottom).toBe(1);
  });

  const appendBlankFirst = addLead(2, [{ kind: "blank" }, text("Jo Smith")]);

  it("resizes the table (ExcelApi 1.13) when Excel did not absorb the appended rows, and says so", async () => {
    const fake = withTable();
    const host = hostOn(fake);
    await host.readSnapshot();
    const before = fake.syncCount;
    const report = await host.applyWritePlan(appendBlankFirst);
    expect(fake.table("Leads")?.range.bottom).toBe(2);
    expect(report.verification).toEqual([
      expect.stringMatching(/did not grow the Leads table .*row 3.* resized/),
    ]);
    expect(fake.syncCount - before).toBeLessThanOrEqual(3);
  });

  it("below ExcelApi 1.13 reports the rows left outside the table, with what to do", async () => {
    const fake = withTable({ apiVersion: "1.12" });
    const host = hostOn(fake);
    await host.readSnapshot();
    const report = await host.applyWritePlan(appendBlankFirst);
    expect(fake.table("Leads")?.range.bottom).toBe(1);
    expect(report.verification).toEqual([expect.stringMatching(/Table Design › Resize Table/)]);
  });

  it("reports rows appended without the dropdown the row above them has", async () => {
    const fake = withTable({}, [
      ["MW", "Mick Williams"],
      ["AB", "Ann Brown"],
    ]);
    // A dropdown on the last row only: it is not the table's whole column, so it does not grow.
    fake.sheet("Lists").validations.push({
      range: { top: 2, left: 0, bottom: 2, right: 0 },
      rule: { list: { source: "MW" } },
      errorAlert: null,
      prompt: null,
    });
    const host = hostOn(fake);
    await host.readSnapshot();
    const report = await host.applyWritePlan(addLead(3, [text("JS"), text("Jo Smith")]));
    expect(report.verification).toEqual([
      expect.stringMatching(/row 4 added to the Leads table .* no dropdowns/),
    ]);
  });

  it("reports nothing when the table grew as asked", async () => {
    const fake = withTable();
    const host = hostOn(fake);
    await host.readSnapshot();
    const report = await host.applyWritePlan(addLead(2, [text("JS"), text("Jo Smith")]));
    expect(fake.table("Leads")?.range.bottom).toBe(2);
    expect(report.verification).toEqual([]);
  });
});

// Excel.ChartSeriesBy: "In Excel on desktop, the "auto" option will inspect the source data shape to
// automatically guess whether the data is by rows or columns. In Excel on the web, "auto" will simply
// default to "columns"." learn.microsoft.com/javascript/api/excel/excel.chartseriesby
describe("charts (item 3)", () => {
  const chartPlan: WritePlan = {
    title: "Chart",
    ops: [
      {
        kind: "addChart",
        sheet: "Summary",
        name: "Status by theme",
        chartType: "barStacked",
        // Two themes down, five statuses across: fewer themes than statuses.
        source: { top: 0, left: 0, bottom: 2, right: 5 },
        anchor: { top: 5, left: 0, bottom: 20, right: 6 },
        title: "Status by theme",
      },
    ],
  };

  it("plots one series per status column on desktop, where 'Auto' would plot by rows", async () => {
    const fake = fakeOf(
      workbook(sheet("Summary", [["Theme", "Red", "Amber", "Green", "Complete", "Not started"]])),
      {
        platform: "windows",
      },
    );
    const host = hostOn(fake);
    await host.readSnapshot();
    await host.applyWritePlan(chartPlan);
    expect(fake.sheet("Summary").charts[0]?.seriesBy).toBe("Columns");
  });
});

// office-js #740: names.add("MyNamedItem", "=MyTable[[#Headers],[MyColumn]]") reads back as
// "=Sheet1!$A$1"; "If you change previous example to use addFormulaLocal method ... then it returns
// correct value".
describe("names over structured references (item 4) and the order of writes (item 7)", () => {
  it("defines LeadCodes, StatusList and ThemeList as structured references even where names.add gives fixed ranges", async () => {
    const fake = fakeOf(yearPlan());
    const host = hostOn(fake);
    const outcome = await applyOperation(host, schemaOperation);
    expect(fake.name("LeadCodes")?.formula).toBe("=Leads[Code]");
    expect(fake.name("StatusList")?.formula).toBe("=Statuses[Status]");
    expect(outcome.report?.verification).toContainEqual(
      expect.stringMatching(/LeadCodes into the fixed range .* defined it again/),
    );
  });

  it("the fake turns a name over a structured reference into the column's fixed range, as office-js #740 reports", async () => {
    const fake = fakeOf(
      workbook(
        sheet("Lists", [["Code"], ["MW"], ["JS"]], {
          tables: [{ name: "Leads", range: { top: 0, left: 0, bottom: 2, right: 0 }, columnNames: ["Code"] }],
        }),
      ),
    );
    await fake.run(async (context) => {
      context.workbook.names.add("LeadCodes", "=Leads[Code]");
      await context.sync();
    });
    expect(fake.name("LeadCodes")?.formula).toBe("=Lists!$A$2:$A$3");
  });

  it("plans the Lists sheet and its names before any validation that refers to them", () => {
    const snapshot = yearPlan();
    const ops = planApplySchema(snapshot, readPlan(snapshot)).plan.ops;
    const lastName = Math.max(...ops.flatMap((op, i) => (op.kind === "defineName" ? [i] : [])));
    const firstValidation = ops.findIndex((op) => op.kind === "setValidation");
    expect(lastName).toBeGreaterThan(-1);
    expect(firstValidation).toBeGreaterThan(lastName);
  });
});

// Range.getMergedAreasOrNullObject is ExcelApi 1.13: below it the snapshot has no merges, and
// tables.add over a merged cell fails with MergedRangeConflict (issue 18 item 5).
describe("merged cells (item 5)", () => {
  it("makes a table over a merged header on an Excel that cannot read merges (below ExcelApi 1.13)", async () => {
    const snapshot = workbook(
      sheet(
        "Plan",
        [
          ["ACTION", null, "Lead", "Update", "Status"],
          ["1", "Patrol the park", "Police", "Slow", "Amber"],
          ["2", "Paint the wall", "Council", "Done", "Complete"],
        ],
        { merges: [{ top: 0, left: 0, bottom: 0, right: 1 }] },
      ),
    );
    const fake = fakeOf(snapshot, { apiVersion: "1.8" });
    const outcome = await applyOperation(hostOn(fake), schemaOperation);
    expect(outcome.report).not.toBeNull();
    expect(fake.sheet("Plan").merges).toEqual([]);
    expect(fake.tables.some((t) => t.sheet.name === "Plan")).toBe(true);
  });
});

// Tables and defined names share one namespace (core/basics/table-names.ts: "unique case-insensitively
// across every table and defined name in the workbook").
describe("name clashes (item 6)", () => {
  const withLeadsName = () =>
    workbookWithNames(
      [{ name: "Leads", formula: "='2011-12'!$C$2:$C$3" }],
      sheet("2011-12", [HEADER, ["1", "Patrol the park", "Police", "Slow", "Amber"]]),
    );

  it("gives the Leads list a free table name when a defined name Leads exists", () => {
    const snapshot = withLeadsName();
    const ops = planApplySchema(snapshot, readPlan(snapshot)).plan.ops;
    expect(ops).toContainEqual(expect.objectContaining({ kind: "addTable", name: "Leads_2" }));
    expect(ops).toContainEqual(
      expect.objectContaining({ kind: "defineName", name: "LeadCodes", formula: "=Leads_2[Code]" }),
    );
  });

  it("applies in Excel, and a second apply finds the list through LeadCodes instead of adding another", async () => {
    const fake = fakeOf(withLeadsName());
    const host = hostOn(fake);
    const first = await applyOperation(host, schemaOperation);
    expect(first.report).not.toBeNull();
    expect(fake.table("Leads_2")).toBeDefined();
    const second = await applyOperation(host, schemaOperation);
    expect(second.preview.detail.alreadyApplied).toBe(true);
    expect(fake.tables.filter((t) => t.name.startsWith("Leads"))).toHaveLength(1);
  });
});

// Excel.WorkbookProtection (ExcelApi 1.7): "protected: Specifies if the workbook is protected."
// learn.microsoft.com/javascript/api/excel/excel.workbookprotection
describe("workbook structure protection (item 8)", () => {
  it("refuses to carry over into a new sheet before writing anything, and says why", async () => {
    const fake = fakeOf(yearPlan());
    fake.structureProtected = true;
    const outcome = await applyOperation(
      hostOn(fake),
      carryOverOperation({ fromSheet: "2011-12", renumber: false }),
    );
    expect(outcome.report).toBeNull();
    expect(outcome.preview.problems).toContainEqual(
      expect.objectContaining({
        rule: "write/structure-protected",
        message: expect.stringMatching(/Protect Workbook/),
      }),
    );
    expect(fake.sheetNames()).toEqual(["2011-12", "Notes"]);
  });

  it("reads the protection into the snapshot, and the host refuses a plan that adds a sheet", async () => {
    const fake = fakeOf(yearPlan());
    fake.structureProtected = true;
    const host = hostOn(fake);
    expect((await host.readSnapshot()).structureProtected).toBe(true);
    await expect(
      host.applyWritePlan({ title: "New", ops: [{ kind: "addSheet", sheet: "New", after: null }] }),
    ).rejects.toBeInstanceOf(StructureProtectedError);
    expect(fake.sheetNames()).not.toContain("New");
  });
});

// "Read or write to a large range using the Excel JavaScript API": "attempting to perform read or
// write operations for a large range may result in an API error ... we recommend that you run separate
// read or write operations for smaller subsets of a large range"; issue 18 item 9: reads of more than
// 5,000,000 cells return null values.
describe("big ranges (item 9)", () => {
  it("reads a sheet whose used range passes the cells Excel gives in one read in blocks, on desktop where no payload limit stops it first", async () => {
    // Excel's limit is 5,000,000 cells (MAX_CELLS_PER_READ); the fake's is scaled down here to keep
    // the test fast: A1 and a stray value at Z3000 make 78,000 cells against a limit of 60,000.
    const rows: CellSpec[][] = [["Ref", "Action"]];
    for (let r = 1; r < 2999; r++) rows[r] = [];
    rows[2999] = Array<CellSpec>(25).fill(null).concat(["stray"]);
    const fake = fakeOf(workbook(sheet("Big", rows)), { platform: "windows" });
    fake.maxCellsPerRead = 60_000;
    const snapshot = await hostOn(fake).readSnapshot();
    expect(snapshot.sheets[0]?.cells[0]?.[0]?.value).toBe("Ref");
    expect(snapshot.sheets[0]?.cells[2999]?.[25]?.value).toBe("stray");
  });

  it("the fake gives null values for a read over its limit", async () => {
    const fake = fakeOf(workbook(sheet("Big", [["a"]])));
    fake.maxCellsPerRead = 100;
    const values = await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Big").getRange("A1:K10").load("values");
      await context.sync();
      return range.values;
    });
    expect(values).toBeNull();
  });
});

// office-js #1860 "horizontalFitToPages does not set if Page Layout tab is not selected"; zoom =
// { scale: 200 } is kept.
describe("print layout (item 10)", () => {
  const pagePlan: WritePlan = {
    title: "Summary",
    ops: [
      {
        kind: "setColumnWidths",
        sheet: "Summary",
        widths: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((column) => ({ column, width: 14 })),
      },
      {
        kind: "setPageLayout",
        sheet: "Summary",
        orientation: "landscape",
        fitToPagesWide: 1,
        printTitleRows: null,
      },
    ],
  };

  it("falls back to a print scale that fits the columns when desktop Excel drops fit-to-width, and says so", async () => {
    const fake = fakeOf(workbook(sheet("Summary", [["Summary"]])), { platform: "windows" });
    const host = hostOn(fake);
    await host.readSnapshot();
    const report = await host.applyWritePlan(pagePlan);
    // 12 columns of 14 characters (882 points) on A4 landscape's 741 printable points: 84%.
    expect(fake.sheet("Summary").pageLayout.zoom).toEqual({ scale: 84 });
    expect(report.verification).toEqual([expect.stringMatching(/print scale to 84%/)]);
  });

  it("keeps fit-to-width on the web, with nothing to report", async () => {
    const fake = fakeOf(workbook(sheet("Summary", [["Summary"]])), { platform: "web" });
    const host = hostOn(fake);
    await host.readSnapshot();
    const report = await host.applyWritePlan(pagePlan);
    expect(fake.sheet("Summary").pageLayout.zoom).toEqual({ horizontalFitToPages: 1 });
    expect(report.verification).toEqual([]);
  });
});

// Workbook.Date1904 (VBA reference): "True if the workbook uses the 1904 date system". Range.values
// gives the workbook's own serials; the file path gives 1900-system serials (xlsx-snapshot.ts).
describe("1904 dates (item 12)", () => {
  // 1 January 2024 is 45292 in the 1900 system and 43830 in the 1904 system.
  const dated1904 = () =>
    workbook(
      sheet("Plan", [
        ["Ref", "Due"],
        ["1", { value: 43830, text: "01/01/2024", numberFormat: "dd/mm/yyyy" }],
      ]),
    );

  it("reads a 1904-system workbook's dates as the 1900-system serials the core uses", async () => {
    const snapshot = await hostOn(fakeOf(dated1904())).readSnapshot();
    expect(snapshot.sheets[0]?.cells[1]?.[1]?.value).toBe(45292);
  });

  it("writes dates as the workbook's own 1904-system serials", async () => {
    const fake = fakeOf(dated1904());
    const host = hostOn(fake);
    await host.readSnapshot();
    const op: WriteOp = {
      kind: "writeCells",
      sheet: "Plan",
      row: 2,
      column: 1,
      cells: [[{ kind: "date", iso: "2024-01-02" }]],
    };
    await host.applyWritePlan({ title: "Date", ops: [op] });
    expect(fake.value("Plan", "B3")).toBe(43831);
  });

  it("leaves a 1900-system workbook's dates as they are", async () => {
    const snapshot = await hostOn(
      fakeOf(
        workbook(
          sheet("Plan", [["Due"], [{ value: 45292, text: "01/01/2024", numberFormat: "dd/mm/yyyy" }]]),
        ),
      ),
    ).readSnapshot();
    expect(snapshot.sheets[0]?.cells[1]?.[0]?.value).toBe(45292);
  });
});

// Excel.RunOptions.delayForCellEdit: "When true, the batch request is executed immediately if the
// user is not in cell edit mode, but if the user is in cell edit mode then the batch request is
// delayed until the user exits cell edit mode." learn.microsoft.com/javascript/api/excel/excel.runoptions
describe("cell edit mode (item 13)", () => {
  it("waits for the user to finish editing where Excel can delay the batch (delayForCellEdit)", async () => {
    const fake = fakeOf(yearPlan());
    fake.delaysForCellEdit = true;
    const host = hostOn(fake);
    fake.cellEditMode = true;
    const reading = host.readSnapshot();
    await new Promise((resolve) => setTimeout(resolve, 10));
    fake.cellEditMode = false;
    await expect(reading).resolves.toMatchObject({ sheets: expect.any(Array) });
  });

  it("maps a plain InvalidOperation during cell edit to the finish-editing message", async () => {
    const fake = fakeOf(yearPlan());
    fake.cellEditErrorCode = "InvalidOperation";
    fake.cellEditMode = true;
    await expect(hostOn(fake).readSnapshot()).rejects.toBeInstanceOf(HostBusyError);
  });

  it("leaves other invalid operations as they are", () => {
    const error = new FakeOfficeError("InvalidOperation", "A table can't overlap another table.");
    expect(toHostError(error)).toBe(error);
  });
});

describe("diagnostics", () => {
  it("knows the platform, the requirement sets and what the last write's verification found", async () => {
    const fake = fakeOf(yearPlan(), { platform: "mac", apiVersion: "1.13" });
    await applyOperation(hostOn(fake), schemaOperation);
    const info = excelDiagnostics();
    expect(info.platform).toBe("mac");
    expect(info.requirementSets[info.requirementSets.length - 1]).toBe("1.13");
    expect(info.lastVerification?.operation).toMatch(/Apply schema/);
    expect(info.lastVerification?.findings).toContainEqual(expect.stringMatching(/LeadCodes/));
  });
});
