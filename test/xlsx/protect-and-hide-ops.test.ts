/**
 * The write ops a partner return needs (protectSheet, setSheetVisibility, a text-constant name),
 * written by the package writer over a blank package and read back with ExcelJS.
 */
import type { WritePlan } from "../../src/core/basics/write-plan";
import { PLAN_ID_NAME, planIdOf, textDigest } from "../../src/core/planning/returns-identity";
import { blankWorkbookBytes } from "../../src/xlsx/blank-package";
import { applyWritePlanToBytes } from "../../src/xlsx/package-writer";
import { nodeCodec } from "../../src/xlsx/node-files";
import { readWorkbookBuffer } from "../support/exceljs/xlsx-file";
import { snapshotFromWorkbook } from "../support/exceljs/xlsx-snapshot";
import { partText } from "../support/package-parts";

const plan: WritePlan = {
  title: "Protect and hide",
  ops: [
    {
      kind: "writeCells",
      sheet: "Main",
      row: 0,
      column: 0,
      cells: [[{ kind: "text", text: "Read me" }, { kind: "blank" }]],
    },
    { kind: "addSheet", sheet: "Secret", after: "Main" },
    { kind: "writeCells", sheet: "Secret", row: 0, column: 0, cells: [[{ kind: "text", text: "hidden" }]] },
    { kind: "defineName", name: PLAN_ID_NAME, formula: '="a ""quoted"" id"', comment: "" },
    { kind: "setSheetVisibility", sheet: "Secret", visibility: "veryHidden" },
    { kind: "protectSheet", sheet: "Main", unlocked: [{ top: 0, left: 1, bottom: 2, right: 1 }] },
  ],
};

function part(bytes: Uint8Array, name: string): string {
  return partText(bytes, name);
}

/** The cellXfs index ("s") of a cell in a worksheet part, 0 when it has none. */
function styleIndex(sheetXml: string, address: string): number {
  return Number(new RegExp(`<c r="${address}"[^>]*? s="(\\d+)"`).exec(sheetXml)?.[1] ?? 0);
}

function xfLocked(stylesXml: string, index: number): boolean {
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? "";
  const xf = xfs.match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)?.[index] ?? "";
  return !/<protection locked="0"\/>/.test(xf);
}

describe("protecting and hiding sheets in files", () => {
  it("the package writer protects with only the chosen cells unlocked, and hides a sheet very well", async () => {
    const { bytes } = await applyWritePlanToBytes(await blankWorkbookBytes("Main"), plan, nodeCodec);
    const snapshot = snapshotFromWorkbook(await readWorkbookBuffer(bytes));
    expect(snapshot.sheets.map((s) => [s.name, s.visibility, s.isProtected])).toEqual([
      ["Main", "visible", true],
      ["Secret", "veryHidden", false],
    ]);
    expect(planIdOf(snapshot.names)).toBe('a "quoted" id');
    const styles = part(bytes, "xl/styles.xml");
    const main = part(bytes, "xl/worksheets/sheet1.xml");
    expect(["A1", "B1", "B2", "B3"].map((a) => xfLocked(styles, styleIndex(main, a)))).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});

describe("the digest of an action's text", () => {
  it("is the same for the same words, whatever the line endings, and differs for a changed letter", () => {
    expect(textDigest("Reduce ASB\r\nin the town centre")).toBe(textDigest("Reduce ASB\nin the town centre"));
    expect(textDigest("Reduce ASB")).not.toBe(textDigest("Reduce ASb"));
    expect(textDigest("")).toBe("cbf29ce484222325");
    expect(textDigest("a")).toMatch(/^[0-9a-f]{16}$/);
  });
});
