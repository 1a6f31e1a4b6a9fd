import { sheet, workbook } from "../support/snapshot-builder";
import {
  FakeExcel,
  installFakeOffice,
  uninstallFakeOffice,
  type FakeRequestContext,
} from "../fakes/fake-excel";

afterEach(() => uninstallFakeOffice());

const fakeWith = (options = {}) =>
  FakeExcel.fromSnapshot(
    workbook(
      sheet("Plan", [
        ["Ref", "Action"],
        ["1", "Do it"],
      ]),
    ),
    options,
  );

describe("the fake Excel", () => {
  it("throws when a property is read before load and sync, as Excel does", async () => {
    const fake = fakeWith();
    await fake.run(async (context: FakeRequestContext) => {
      const range = context.workbook.worksheets.getItem("Plan").getRange("A1:B2");
      expect(() => range.values).toThrow(/not available/);
      range.load("address");
      await context.sync();
      expect(() => range.values).toThrow(/not available/);
      expect(range.address).toBe("Plan!A1:B2");
    });
  });

  it("makes queued writes visible only after sync, and counts syncs", async () => {
    const fake = fakeWith();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Plan").getRange("B2").values = [["Done"]];
      expect(fake.value("Plan", "B2")).toBe("Do it");
      await context.sync();
    });
    expect(fake.value("Plan", "B2")).toBe("Done");
    expect(fake.syncCount).toBe(1);
  });

  it("turns text beginning with =, + or - into formulas and number-like text into numbers unless formatted as text", async () => {
    const fake = fakeWith();
    await fake.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Plan");
      s.getRange("A3:C3").values = [["=SUM(1)", "+44 7700", "007"]];
      const guarded = s.getRange("A4:C4");
      guarded.numberFormat = [["@", "@", "@"]];
      guarded.values = [["=SUM(1)", "+44 7700", "007"]];
      await context.sync();
    });
    expect([fake.formula("Plan", "A3"), fake.formula("Plan", "B3"), fake.value("Plan", "C3")]).toEqual([
      "=SUM(1)",
      "=+44 7700",
      7,
    ]);
    expect([fake.value("Plan", "A4"), fake.value("Plan", "B4"), fake.value("Plan", "C4")]).toEqual([
      "=SUM(1)",
      "+44 7700",
      "007",
    ]);
  });

  it("rejects Worksheet.copy, protection calls and TableRowCollection.add with the reason", async () => {
    const fake = FakeExcel.fromSnapshot(
      workbook(
        sheet("Plan", [["Ref"], ["1"]], {
          tables: [{ name: "T", range: { top: 0, left: 0, bottom: 1, right: 0 }, columnNames: ["Ref"] }],
        }),
      ),
    );
    await fake.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Plan");
      expect(() => s.copy()).toThrow(/undo stack/);
      expect(() => s.protection.protect()).toThrow(/undo stack/);
      expect(() => s.tables.getItem("T").rows.add()).toThrow(/co-authoring/);
      await context.sync();
    });
  });

  it("fails every sync with InvalidOperationInCellEditMode while a cell is being edited", async () => {
    const fake = fakeWith();
    fake.cellEditMode = true;
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Plan").getRange("A1").values = [["x"]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    expect(fake.value("Plan", "A1")).toBe("Ref");
  });

  it("fails a request over 5 MB whole, writing nothing", async () => {
    const fake = fakeWith();
    const big = Array.from({ length: 6000 }, () => ["z".repeat(1000)]);
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Plan").getRange("D1:D6000").values = big;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(fake.value("Plan", "D1")).toBe("");
  });

  it("fails a write to a protected sheet with AccessDenied", async () => {
    const fake = FakeExcel.fromSnapshot(workbook(sheet("Locked", [["a"]], { isProtected: true })));
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Locked").getRange("A1").values = [["b"]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "AccessDenied" });
    expect(fake.value("Locked", "A1")).toBe("a");
  });

  it("fails a run that ends with commands never synced", async () => {
    const fake = fakeWith();
    await expect(
      fake.run((context) => {
        context.workbook.worksheets.getItem("Plan").getRange("A1").values = [["x"]];
        return Promise.resolve();
      }),
    ).rejects.toMatchObject({ code: "FakeUnsyncedCommands" });
  });

  it("answers isSetSupported up to its configured ExcelApi version", () => {
    installFakeOffice(fakeWith({ apiVersion: "1.9" }));
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(true);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.13")).toBe(false);
  });
});
