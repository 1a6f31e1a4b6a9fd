import ExcelJS from "exceljs";
import type { WritePlan } from "../../src/core/basics/write-plan";
import { newWorkbookBytes } from "../../src/xlsx/blank-package";
import { nodeCodec } from "../../src/xlsx/node-files";
import { snapshotFromPackage } from "../../src/xlsx/package-snapshot";
import { escapeXlsxText } from "../../src/xlsx/xlsx-text-escapes";
import { readWorkbookBuffer, workbookBytes } from "../support/exceljs/xlsx-file";

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
  it("escapes as Excel does: control characters and the underscore of a literal _xHHHH_", () => {
    expect(escapeXlsxText("a\u000Bb")).toBe("a_x000B_b");
    expect(escapeXlsxText("_x0041_")).toBe("_x005F_x0041_");
    expect(escapeXlsxText("nothing to do_x")).toBe("nothing to do_x");
  });

  it("comes back exactly as typed from the package writer's file, to ExcelJS and to our reader", async () => {
    const plan: WritePlan = {
      title: "Awkward text",
      ops: [
        {
          kind: "writeCells",
          sheet: "Plan",
          row: 0,
          column: 0,
          cells: AWKWARD.map((text) => [{ kind: "text", text }]),
        },
      ],
    };
    const { bytes } = await newWorkbookBytes("Plan", plan, nodeCodec);
    const sheet = (await readWorkbookBuffer(bytes)).getWorksheet("Plan");
    expect(AWKWARD.map((_, i) => sheet?.getCell(i + 1, 1).value)).toEqual(AWKWARD);
    const cells = snapshotFromPackage(bytes).sheets[0]?.cells ?? [];
    expect(AWKWARD.map((_, i) => cells[i]?.[0]?.value)).toEqual(AWKWARD);
  });

  it("comes back exactly as typed from the tests' ExcelJS save, rich text too, leaving the workbook as it was", async () => {
    const workbook = workbookOf(AWKWARD);
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.load((await workbookBytes(workbook)).buffer);
    expect(AWKWARD.map((_, i) => reread.getWorksheet("Plan")?.getCell(i + 1, 1).value)).toEqual(AWKWARD);
    expect(reread.getWorksheet("Plan")?.getCell(AWKWARD.length + 1, 1).value).toEqual({
      richText: [{ text: "rich\u000B" }, { text: "_x0041_" }],
    });
    expect(AWKWARD.map((_, i) => workbook.getWorksheet("Plan")?.getCell(i + 1, 1).value)).toEqual(AWKWARD);
  });
});
