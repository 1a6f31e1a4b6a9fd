import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { escapeXlsxText } from "../../src/xlsx/xlsx-text-escapes";
import { workbookBytes } from "../support/exceljs/xlsx-file";
import { readWorkbookFile, writeWorkbookFile } from "../support/exceljs/xlsx-file";

const AWKWARD = [
  "Shift+Enter from Word:\u000Bsecond line",
  "a start-of-heading \u0001 character",
  "typed literally: _x000B_ and _x005F_",
  "plain text, _underscores_ and x0001",
];

function workbookOf(texts: readonly string[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Plan");
  texts.forEach((text, i) => (sheet.getCell(i + 1, 1).value = text));
  sheet.getCell(texts.length + 1, 1).value = { richText: [{ text: "rich\u000B" }, { text: "_x0041_" }] };
  return workbook;
}

describe("text with control characters or _xHHHH_ sequences through a save", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), "escapes-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("escapes as Excel does: control characters and the underscore of a literal _xHHHH_", () => {
    expect(escapeXlsxText("a\u000Bb")).toBe("a_x000B_b");
    expect(escapeXlsxText("_x0041_")).toBe("_x005F_x0041_");
    expect(escapeXlsxText("nothing to do_x")).toBe("nothing to do_x");
  });

  it("comes back exactly as typed from a file written by writeWorkbookFile", async () => {
    const file = path.join(dir, "plan.xlsx");
    await writeWorkbookFile(workbookOf(AWKWARD), file);
    const sheet = (await readWorkbookFile(file)).getWorksheet("Plan");
    expect(AWKWARD.map((_, i) => sheet?.getCell(i + 1, 1).value)).toEqual(AWKWARD);
    expect(sheet?.getCell(AWKWARD.length + 1, 1).value).toEqual({
      richText: [{ text: "rich\u000B" }, { text: "_x0041_" }],
    });
  });

  it("comes back exactly as typed from the playground's download bytes, and leaves the workbook as it was", async () => {
    const workbook = workbookOf(AWKWARD);
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.load((await workbookBytes(workbook)).buffer);
    expect(AWKWARD.map((_, i) => reread.getWorksheet("Plan")?.getCell(i + 1, 1).value)).toEqual(AWKWARD);
    expect(AWKWARD.map((_, i) => workbook.getWorksheet("Plan")?.getCell(i + 1, 1).value)).toEqual(AWKWARD);
  });
});
