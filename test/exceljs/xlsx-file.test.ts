/**
 * The tests' ExcelJS oracle (test/support/exceljs): the independent reader, and the writer other tests
 * compare the package writer with, checked on their own so a fault in them cannot pass for the product's.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { WorkbookFileError } from "../../src/xlsx/workbook-file-error";
import { readWorkbookBuffer, readWorkbookFile, writeWorkbookFile } from "../support/exceljs/xlsx-file";

const FIXTURE = path.resolve(__dirname, "../../../shared/fixtures/psa-2012-recommendations.xlsx");

describe("readWorkbookFile and writeWorkbookFile", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "xlsx-file-"));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function failureOf(file: string): Promise<WorkbookFileError> {
    try {
      await readWorkbookFile(file);
    } catch (e) {
      if (e instanceof WorkbookFileError) return e;
      throw e;
    }
    throw new Error(`${file} was read`);
  }

  it("reads a real workbook", async () => {
    const workbook = await readWorkbookFile(FIXTURE);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      "Progress on 2011 recs",
      "Recommendations 2012-13",
    ]);
  });

  it("names a missing file in one line", async () => {
    const error = await failureOf(path.join(dir, "nope.xlsx"));
    expect(error.failure).toBe("missing");
    expect(error.message).toBe(`${path.join(dir, "nope.xlsx")}: no such file.`);
  });

  it("says a text file is not a workbook", async () => {
    const file = path.join(dir, "notes.xlsx");
    fs.writeFileSync(file, "Ref,Action\n1,Do it\n");
    const error = await failureOf(file);
    expect(error.failure).toBe("not-a-workbook");
    expect(error.message).toContain(file);
    expect(error.message).not.toContain("\n");
  });

  it("says an encrypted workbook is password-protected", async () => {
    const file = path.join(dir, "locked.xlsx");
    const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    fs.writeFileSync(
      file,
      Buffer.concat([header, Buffer.alloc(504), Buffer.from("EncryptedPackage", "utf16le")]),
    );
    const error = await failureOf(file);
    expect(error.failure).toBe("password-protected");
    expect(error.message).toBe(
      `${file} is password-protected (encrypted): save a copy without a password and try again.`,
    );
  });

  it("says an old .xls file must be saved as .xlsx", async () => {
    const file = path.join(dir, "old.xls");
    fs.writeFileSync(
      file,
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]),
    );
    expect((await failureOf(file)).failure).toBe("old-format");
  });

  it("says a truncated workbook is damaged", async () => {
    const file = path.join(dir, "cut.xlsx");
    const bytes = fs.readFileSync(FIXTURE);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await failureOf(file);
    expect(error.failure).toBe("damaged");
    expect(error.message.startsWith(`${file} is damaged or truncated`)).toBe(true);
    expect(error.message).not.toContain("\n");
  });

  it("writes a workbook that reads back, and reads from bytes too", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Plan").getCell("A1").value = "3.10";
    const file = path.join(dir, "out.xlsx");
    await writeWorkbookFile(workbook, file);
    const back = await readWorkbookBuffer(fs.readFileSync(file), "out.xlsx");
    expect(back.getWorksheet("Plan")?.getCell("A1").value).toBe("3.10");
  });

  it("reports a write into a missing folder as a WorkbookFileError", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Plan");
    await expect(writeWorkbookFile(workbook, path.join(dir, "no-such-dir", "x.xlsx"))).rejects.toThrow(
      WorkbookFileError,
    );
  });
});
