/**
 * The Summary as a file prints as the board reads it: A4 landscape, row heights stored, page breaks,
 * the workbook's protective marking in the footer. Both file writers (the package writer, as the CLI
 * uses it, and ExcelJS, as the playground does) write it, and the sheet part validates against
 * ECMA-376's sml.xsd (xmllint, libxml2-utils).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { writeWorkbookFile } from "../support/exceljs/xlsx-file";

const FIXTURE = path.resolve(
  __dirname,
  "../../../shared/fixtures/strategic-assessment-action-plan-2009.xlsx",
);
const XSD = path.resolve(__dirname, "../../../shared/ooxml-xsd/sml.xsd");
const dir = mkdtempSync(path.join(os.tmpdir(), "summary-print-"));

/** The worksheet part of a sheet, by name. */
async function sheetXml(bytes: Buffer | Uint8Array, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const id = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const target =
    new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
  if (!target) throw new Error(`no part for sheet ${name}`);
  const part = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  return (await zip.file(part)?.async("string")) ?? "";
}

/** xmllint's verdict on a worksheet part, with Excel's extension attributes taken out as the XSD's README says. */
function validate(xml: string): string {
  const plain = xml
    .replace(/<mc:AlternateContent[\s\S]*?<\/mc:AlternateContent>/g, "")
    .replace(/\s(?:x14ac|xr|xr2|xr3|mc|xml):[A-Za-z]+="[^"]*"/g, "");
  const file = path.join(dir, `part-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, plain);
  try {
    execFileSync("xmllint", ["--noout", "--schema", XSD, file], { stdio: "pipe" });
    return "valid";
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  }
}

async function run(args: string[]): Promise<number> {
  return main(args, { out: () => undefined, err: () => undefined });
}

/** The 2009 fixture with a protective marking in its plan sheet's footer, as a council's template has. */
async function markedFixture(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(FIXTURE);
  const ws = workbook.getWorksheet("Action Plan 2009");
  if (!ws) throw new Error("fixture changed");
  ws.headerFooter = { oddFooter: '&L&"Arial,Bold"OFFICIAL-SENSITIVE&RPage &P' };
  const file = path.join(dir, "marked.xlsx");
  await writeWorkbookFile(workbook, file);
  return file;
}

function expectPrintReady(xml: string): void {
  expect(xml).toMatch(/<pageSetup [^>]*paperSize="9"/);
  expect(xml).toMatch(/<pageSetup [^>]*orientation="landscape"/);
  expect(xml).toMatch(/<pageSetup [^>]*fitToWidth="1"/);
  // Every written row has a stored height, so a reader that does not grow rows shows wrapped text whole.
  const rows = xml.match(/<row [^>]*>/g) ?? [];
  expect(rows.length).toBeGreaterThan(20);
  for (const row of rows) expect(row).toMatch(/customHeight="(1|true)"/);
  expect(xml).toMatch(/<oddFooter>&amp;COFFICIAL-SENSITIVE&amp;RPage &amp;P of &amp;N<\/oddFooter>/);
  expect(validate(xml)).toBe("valid");
}

/** The parts of the zip whose names match, with their text. */
async function partsNamed(bytes: Uint8Array, pattern: RegExp): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((n) => pattern.test(n))) {
    out.set(name, (await zip.file(name)?.async("string")) ?? "");
  }
  return out;
}

function validateWith(xml: string, schema: string): string {
  const file = path.join(dir, `part-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  try {
    execFileSync("xmllint", ["--noout", "--schema", path.join(path.dirname(XSD), schema), file], {
      stdio: "pipe",
    });
    return "valid";
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  }
}

describe("the Summary's chart in the file", () => {
  it("is a DrawingML stacked bar by status, valid against dml-chart.xsd and dml-spreadsheetDrawing.xsd", async () => {
    const output = path.join(dir, "chart.xlsx");
    expect(await run(["summary", FIXTURE, "-o", output, "--today", "2012-04-01"])).toBe(0);
    const { readFile } = await import("node:fs/promises");
    const bytes = await readFile(output);
    const charts = await partsNamed(bytes, /^xl\/charts\/chart\d+\.xml$/);
    const drawings = await partsNamed(bytes, /^xl\/drawings\/drawing\d+\.xml$/);
    expect(charts.size).toBe(1);
    expect(drawings.size).toBe(1);
    const chart = [...charts.values()][0] ?? "";
    expect(validateWith(chart, "dml-chart.xsd")).toBe("valid");
    expect(validateWith([...drawings.values()][0] ?? "", "dml-spreadsheetDrawing.xsd")).toBe("valid");
    expect(chart).toMatch(/<c:barDir val="bar"\/><c:grouping val="stacked"\/>/);
    // Series by columns: one per status, in the status colours, named by the header cells.
    expect([...chart.matchAll(/<a:srgbClr val="([0-9A-F]{6})"\/>/g)].map((m) => m[1])).toEqual([
      "C00000",
      "FFC000",
      "00B050",
      "0070C0",
    ]);
    expect(chart).toContain("<c:legend>");
    const types = (await partsNamed(bytes, /^\[Content_Types\]\.xml$/)).get("[Content_Types].xml") ?? "";
    expect(types).toContain(
      'ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"',
    );
    expect(await sheetXml(bytes, "Summary")).toMatch(/<drawing r:id="rId\d+"\/>/);
  });

  it("is replaced, not added to, when the Summary is rebuilt", async () => {
    const first = path.join(dir, "chart-first.xlsx");
    const second = path.join(dir, "chart-second.xlsx");
    expect(await run(["summary", FIXTURE, "-o", first])).toBe(0);
    expect(await run(["summary", first, "-o", second])).toBe(0);
    const { readFile } = await import("node:fs/promises");
    const bytes = await readFile(second);
    expect((await partsNamed(bytes, /^xl\/charts\//)).size).toBe(1);
    expect((await partsNamed(bytes, /^xl\/drawings\/drawing\d+\.xml$/)).size).toBe(1);
  });
});

describe("the Summary sheet printed from a file", () => {
  it("is print-ready through the package writer (the CLI)", async () => {
    const output = path.join(dir, "cli.xlsx");
    expect(await run(["summary", await markedFixture(), "-o", output, "--today", "2012-04-01"])).toBe(0);
    const { readFile } = await import("node:fs/promises");
    expectPrintReady(await sheetXml(await readFile(output), "Summary"));
  });

  it("writes manual page breaks as row breaks, valid in the schema", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(FIXTURE);
    const ws = workbook.getWorksheet("Action Plan 2009");
    // Long updates make the exception list run over more than one page.
    const file = path.join(dir, "long.xlsx");
    const sheet = ws as ExcelJS.Worksheet;
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      for (let c = 1; c <= row.cellCount; c++) {
        const cell = row.getCell(c);
        if (typeof cell.value === "string" && cell.value.length > 60)
          cell.value = `${cell.value} ${cell.value} ${cell.value}`;
      }
    }
    await writeWorkbookFile(workbook, file);
    const output = path.join(dir, "long-summary.xlsx");
    expect(await run(["summary", file, "-o", output, "--today", "2012-04-01"])).toBe(0);
    const { readFile } = await import("node:fs/promises");
    const xml = await sheetXml(await readFile(output), "Summary");
    expect(xml).toMatch(/<rowBreaks count="\d+" manualBreakCount="\d+"><brk id="\d+" max="16383" man="1"\/>/);
    expect(validate(xml)).toBe("valid");
  });
});
