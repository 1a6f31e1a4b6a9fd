/**
 * The files partner returns write are sound: every part a return and a merged plan hold validates
 * against the ECMA-376 schemas (../shared/ooxml-xsd), and LibreOffice opens them, and a return saved
 * again by LibreOffice still merges.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readPlan } from "../src/core/reading/read-plan";
import { planMergeReturns } from "../src/core/planning/returns-merge";
import { applyWritePlanToBytes } from "../src/xlsx/package-writer";
import { returnedFileFromBytes } from "../src/xlsx/return-files";
import { nodeCodec } from "../src/xlsx/node-files";
import { zipParts } from "./support/package-parts";
import { LIBREOFFICE_INSTALL, convertWithLibreOffice } from "./support/libreoffice";
import { fillReturn, fixtureBytes, sendReturns, snapshotOfBytes } from "./support/return-workbooks";

const XSD = path.resolve(__dirname, "../../shared/ooxml-xsd/sml.xsd");
const SPREADSHEET_PART = /^xl\/(workbook|styles|sharedStrings|worksheets\/[^/]+|tables\/[^/]+)\.xml$/;

/**
 * A part as the schema judges it: markup from other namespaces set aside as Excel's own files need
 * (mc:AlternateContent by its Fallback; prefixed attributes such as x14ac:dyDescent and xml:space).
 */
function schemaView(xml: string): string {
  return xml
    .replace(
      /<mc:AlternateContent\b[\s\S]*?<\/mc:AlternateContent>/g,
      (block) => /<mc:Fallback>([\s\S]*?)<\/mc:Fallback>/.exec(block)?.[1] ?? "",
    )
    .replace(/\s(?!r:|xmlns)[A-Za-z][\w.-]*:[\w.-]+="[^"]*"/g, "");
}

/** xmllint's verdict on every SpreadsheetML part of the package ("" when all validate). */
function schemaErrors(bytes: Uint8Array): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "returns-xsd-"));
  const files: string[] = [];
  for (const entry of zipParts(bytes)) {
    if (!SPREADSHEET_PART.test(entry.name)) continue;
    const file = path.join(dir, entry.name.replace(/\//g, "_"));
    writeFileSync(file, schemaView(new TextDecoder().decode(entry.data)));
    files.push(file);
  }
  expect(files.length).toBeGreaterThanOrEqual(4);
  try {
    execFileSync("xmllint", ["--noout", "--schema", XSD, ...files], { stdio: ["ignore", "pipe", "pipe"] });
    return "";
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  }
}

async function sentAndFilled() {
  const sent = await sendReturns(await fixtureBytes("psa-progress-report-2010"));
  const police = sent.files.get("Police")!;
  const filled = await fillReturn(police, { 11: { status: "Amber", update: "=cmd|' /C calc'!A0 & more" } });
  return { sent, police, filled };
}

describe("the files of partner returns", () => {
  it("validate against the ECMA-376 schemas: a return, a filled return and the merged plan", async () => {
    const { sent, police, filled } = await sentAndFilled();
    expect(schemaErrors(police)).toBe("");
    expect(schemaErrors(filled)).toBe("");
    const snapshot = await snapshotOfBytes(sent.master);
    const merge = planMergeReturns(
      snapshot,
      readPlan(snapshot),
      [await returnedFileFromBytes(filled, "Police.xlsx")],
      {
        receivedIso: "2026-12-01",
        choices: {},
      },
    );
    expect(merge.applied).toHaveLength(1);
    const merged = await applyWritePlanToBytes(sent.master, merge.plan!, nodeCodec);
    expect(schemaErrors(merged.bytes)).toBe("");
  });

  // Without LibreOffice this fails, naming the package to install (convertWithLibreOffice says so).
  it(`open in LibreOffice, and a return LibreOffice saved again still merges (${LIBREOFFICE_INSTALL})`, async () => {
    const { sent, filled } = await sentAndFilled();
    const dir = mkdtempSync(path.join(os.tmpdir(), "returns-lo-"));
    const input = path.join(dir, "Police return.xlsx");
    writeFileSync(input, filled);
    const csv = readFileSync(convertWithLibreOffice(input, dir, "csv"), "utf8");
    expect(csv).toContain("Action plan return for Police");
    expect(csv).toContain("=cmd|' /C calc'!A0 & more");
    // The lead opens the return in LibreOffice and saves it: the answers and the identity survive.
    const resaved = path.join(dir, "resaved");
    const again = readFileSync(convertWithLibreOffice(input, resaved, "xlsx"));
    const snapshot = await snapshotOfBytes(sent.master);
    const merge = planMergeReturns(
      snapshot,
      readPlan(snapshot),
      [await returnedFileFromBytes(again, "resaved.xlsx")],
      {
        receivedIso: "2026-12-01",
        choices: {},
      },
    );
    expect(merge.problems).toEqual([]);
    expect(merge.applied.map((a) => [a.ref, a.answer.status, a.answer.update])).toEqual([
      ["3.2.1", "Amber", "=cmd|' /C calc'!A0 & more"],
    ]);
  });
});
