import { readFileSync } from "node:fs";
import path from "node:path";
import { createPackageHost } from "../../src/xlsx/package-host";
import { snapshotFromPackage } from "../../src/xlsx/package-snapshot";
import { nodeBoundedInflate, nodeCodec } from "../../src/xlsx/node-files";
import type { BoundedInflate } from "../../src/xlsx/package-zip";

const FIXTURE = path.join(__dirname, "../../../shared/fixtures/psa-progress-report-2010.xlsx");

describe("createPackageHost", () => {
  it("inflates each part once for a read and the write that follows it, and afresh after a write", async () => {
    // The parts no read inflates: the write inflates each once, to check it before it is copied.
    const unread = ["docProps/app.xml", "docProps/core.xml"];
    const bytes = new Uint8Array(readFileSync(FIXTURE));
    let inflated = 0;
    const counting: BoundedInflate = (body, maxBytes) => {
      inflated++;
      return nodeBoundedInflate(body, maxBytes);
    };
    const host = createPackageHost(bytes, { ...nodeCodec, inflate: counting }, { inflate: counting });
    const sheet = (await host.readSnapshot()).sheets[0]!.name;
    const read = inflated;
    expect(read).toBeGreaterThan(3);
    const write = (text: string) =>
      host.applyWritePlan({
        title: "Write",
        ops: [{ kind: "writeCells", sheet, row: 0, column: 0, cells: [[{ kind: "text", text }]] }],
      });
    await write("First");
    // The sheet, the shared strings, the workbook and its relationships: all read already.
    expect(inflated).toBe(read + unread.length);
    await write("Second");
    // New bytes: the write opens them itself.
    expect(inflated).toBeGreaterThan(read + unread.length);
    expect(snapshotFromPackage(host.bytes()).sheets[0]!.cells[0]![0]!.value).toBe("Second");
  });

  it("reads the snapshot of its bytes", async () => {
    const bytes = new Uint8Array(readFileSync(FIXTURE));
    const host = createPackageHost(bytes, nodeCodec);
    expect(await host.readSnapshot()).toEqual(snapshotFromPackage(bytes));
    expect(host.bytes()).toBe(bytes);
  });

  it("applies a plan to new bytes that the next read and the download both see", async () => {
    const bytes = new Uint8Array(readFileSync(FIXTURE));
    const host = createPackageHost(bytes, nodeCodec);
    const sheet = (await host.readSnapshot()).sheets[0]!.name;
    const report = await host.applyWritePlan({
      title: "Write a note",
      ops: [
        { kind: "addSheet", sheet: "Notes", after: null },
        {
          kind: "writeCells",
          sheet: "Notes",
          row: 0,
          column: 0,
          cells: [[{ kind: "text", text: "Checked 01/04/2012" }]],
        },
      ],
    });
    expect(report.skipped).toEqual([]);
    expect(host.bytes()).not.toBe(bytes);
    const after = snapshotFromPackage(host.bytes());
    expect(after.sheets.map((s) => s.name)).toContain("Notes");
    expect(after.sheets.find((s) => s.name === "Notes")?.cells[0]?.[0]?.value).toBe("Checked 01/04/2012");
    expect(await host.readSnapshot()).toEqual(after);
    await expect(host.selectCell(sheet, "A1")).resolves.toBeUndefined();
  });

  it("refuses to select a cell on a sheet the workbook does not have", async () => {
    const host = createPackageHost(new Uint8Array(readFileSync(FIXTURE)), nodeCodec);
    await expect(host.selectCell("No such sheet", "A1")).rejects.toThrow(
      "The workbook has no sheet 'No such sheet'",
    );
  });
});
