import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { readWorkbookFile } from "../support/exceljs/xlsx-file";

const FIXTURES = path.resolve(__dirname, "../../../shared/fixtures");
const FIXTURE = path.join(FIXTURES, "psa-progress-report-2010.xlsx");

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe("action-plan apply-schema", () => {
  it("writes OUT.xlsx with the schema, prints the preview and leaves IN untouched", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cli-apply-"));
    const input = path.join(dir, "in.xlsx");
    copyFileSync(FIXTURE, input);
    const original = readFileSync(input);
    const output = path.join(dir, "out.xlsx");
    const result = await run(["apply-schema", input, "-o", output]);
    expect(result.code).toBe(0);
    // R was typed in F11; closing the blank row above moved it to F10.
    expect(result.out).toContain("On 'Data requirements', F10: 'R' → 'Red'");
    expect(readFileSync(input).equals(original)).toBe(true);
    const wb = await readWorkbookFile(output);
    expect(wb.getWorksheet("Lists")).toBeDefined();
    expect(wb.getWorksheet("Data requirements")?.getCell("F10").value).toBe("Red");
  });

  it("with --in-place rewrites IN and keeps the original as IN.bak", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cli-apply-"));
    const input = path.join(dir, "plan.xlsx");
    copyFileSync(FIXTURE, input);
    const original = readFileSync(input);
    expect((await run(["apply-schema", input, "--in-place"])).code).toBe(0);
    expect(readFileSync(`${input}.bak`).equals(original)).toBe(true);
    expect((await readWorkbookFile(input)).getWorksheet("Lists")).toBeDefined();
    const again = await run(["apply-schema", input, "--in-place"]);
    expect(again.out).toContain("already has the schema");
  });

  it("refuses to overwrite IN through -o and needs an output", async () => {
    expect((await run(["apply-schema", FIXTURE, "-o", FIXTURE])).err).toMatch(/would overwrite the input/);
    const noOutput = await run(["apply-schema", FIXTURE]);
    expect(noOutput.code).toBe(2);
    expect(noOutput.err).toMatch(/no output given/);
  });

  it("prints one clear line and exits non-zero for a file that is not a workbook", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cli-apply-"));
    const bogus = path.join(dir, "notes.xlsx");
    writeFileSync(bogus, "just text");
    const result = await run(["apply-schema", bogus, "-o", path.join(dir, "out.xlsx")]);
    expect(result.code).not.toBe(0);
    expect(result.err.trim().split("\n")).toHaveLength(1);
    expect(result.err).toContain("notes.xlsx");
    expect(existsSync(path.join(dir, "out.xlsx"))).toBe(false);
  });
});

describe("apply-schema --json", () => {
  it("prints the plan's title, its changes and the file saved as one JSON object", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cli-apply-json-"));
    try {
      const output = path.join(dir, "out.xlsx");
      const result = await run(["apply-schema", FIXTURE, "-o", output, "--json"]);
      expect(result.code).toBe(0);
      expect(result.err).toBe("");
      const printed = JSON.parse(result.out) as { title: string; changes: string[]; output: string };
      expect(printed.title).toMatch(/^Apply schema/);
      expect(printed.changes).toContain("On 'Data requirements', F10: 'R' → 'Red'");
      expect(printed.output).toBe(output);
      expect(existsSync(output)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("apply-schema's problems on stderr", () => {
  it("name the place as Sheet!A1, like the other commands", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "apply-problems-"));
    try {
      const input = path.join(dir, "locked.xlsx");
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("Locked plan");
      ws.addRow(["Ref", "Action", "Lead", "Update", "Status"]);
      ws.addRow(["1", "Patrol the park", "MW", "", "Green"]);
      await ws.protect("", {});
      await wb.xlsx.writeFile(input);
      const result = await run(["apply-schema", input, "-o", path.join(dir, "out.xlsx")]);
      expect(result.err).toContain("error: Locked plan!A1: The sheet 'Locked plan' is protected");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
