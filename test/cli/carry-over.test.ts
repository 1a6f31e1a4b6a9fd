import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../../src/cli/main";
import { readPlan } from "../../src/core/read-plan";
import { readWorkbookFile } from "../../src/xlsx/xlsx-file";
import { snapshotFromWorkbook } from "../../src/xlsx/xlsx-snapshot";

const FIXTURES = path.resolve(__dirname, "../../../shared/fixtures");
const PLAN_2009 = path.join(FIXTURES, "strategic-assessment-action-plan-2009.xlsx");

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["carry-over", ...argv], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join(""), err: err.join("") };
}

async function sheetsAndActions(file: string) {
  const snapshot = snapshotFromWorkbook(await readWorkbookFile(file));
  return { sheets: snapshot.sheets.map((s) => s.name), actions: readPlan(snapshot).actions };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "carry-cli-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("action-plan carry-over", () => {
  it("writes the new year's sheet to the output, says what it carried and leaves the input alone", async () => {
    const input = path.join(dir, "plan.xlsx");
    copyFileSync(PLAN_2009, input);
    const original = readFileSync(input);
    const output = path.join(dir, "out.xlsx");
    const result = await run(input, "--from", "Action Plan 2009", "-o", output);
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Carried 16 actions from 'Action Plan 2009' to 'Action Plan 2010':/);
    expect(result.out).toContain("Action Plan 2009 / 11.1");
    expect(readFileSync(input).equals(original)).toBe(true);
    const written = await sheetsAndActions(output);
    expect(written.sheets).toEqual(["Action Plan 2009", "Action Plan 2010", "Lists"]);
    expect(written.actions.filter((a) => a.sheet === "Action Plan 2010")).toHaveLength(16);
  });

  it("renumbers and takes a target name when asked", async () => {
    const output = path.join(dir, "out.xlsx");
    const result = await run(
      PLAN_2009,
      "--from",
      "Action Plan 2009",
      "--to",
      "Plan 2010-11",
      "--renumber",
      "-o",
      output,
    );
    expect(result.code).toBe(0);
    const onTarget = (await sheetsAndActions(output)).actions.filter((a) => a.sheet === "Plan 2010-11");
    expect(onTarget.slice(0, 3).map((a) => a.ref)).toEqual(["1", "1.1", "1.2"]);
  });

  it("chooses the latest year's sheet when --from is left out, and says so", async () => {
    const output = path.join(dir, "out.xlsx");
    const result = await run(PLAN_2009, "-o", output);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/Carrying from 'Action Plan 2009'/);
  });

  it("updates the file in place keeping a .bak, and adds nothing on a second run", async () => {
    const input = path.join(dir, "plan.xlsx");
    copyFileSync(PLAN_2009, input);
    const original = readFileSync(input);
    expect((await run(input, "--from", "Action Plan 2009", "--in-place")).code).toBe(0);
    expect(readFileSync(`${input}.bak`).equals(original)).toBe(true);
    const second = await run(input, "--from", "Action Plan 2009", "--in-place");
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/Nothing new to carry/);
    expect(second.out).toMatch(/Already on 'Action Plan 2010' \(not carried again\): 16/);
    const after = await sheetsAndActions(input);
    expect(after.actions.filter((a) => a.sheet === "Action Plan 2010")).toHaveLength(16);
  });

  it("prints one clear line and exits non-zero for a sheet that does not exist", async () => {
    const output = path.join(dir, "out.xlsx");
    const result = await run(PLAN_2009, "--from", "Plan 2008", "-o", output);
    expect(result.code).not.toBe(0);
    expect(result.err.trim().split("\n")).toHaveLength(1);
    expect(result.err).toMatch(/no sheet named 'Plan 2008'/);
    expect(existsSync(output)).toBe(false);
  });

  it("refuses a target name Excel would not accept, writing nothing", async () => {
    const output = path.join(dir, "out.xlsx");
    const result = await run(PLAN_2009, "--from", "Action Plan 2009", "--to", "2010/11", "-o", output);
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/'\/'/);
    expect(existsSync(output)).toBe(false);
  });

  it("refuses to overwrite the input without --in-place", async () => {
    const input = path.join(dir, "plan.xlsx");
    copyFileSync(PLAN_2009, input);
    const result = await run(input, "--from", "Action Plan 2009", "-o", input);
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/--in-place/);
  });

  it("names the file in one line when it is not a workbook", async () => {
    const input = path.join(dir, "notes.xlsx");
    writeFileSync(input, "just some text");
    const result = await run(input, "--from", "2011-12", "-o", path.join(dir, "out.xlsx"));
    expect(result.code).not.toBe(0);
    expect(result.err.trim().split("\n")).toHaveLength(1);
    expect(result.err).toContain("notes.xlsx");
  });

  it("leaves out the actions named with --leave, by ref", async () => {
    const output = path.join(dir, "out.xlsx");
    const result = await run(PLAN_2009, "--from", "Action Plan 2009", "--leave", "11.1", "-o", output);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Carried 15 actions/);
    expect(result.out).not.toContain("Action Plan 2009 / 11.1 ");
    const carried = (await sheetsAndActions(output)).actions.filter((a) => a.sheet === "Action Plan 2010");
    expect(carried).toHaveLength(15);
  });

  it("prints what it did as one JSON object with --json", async () => {
    const output = path.join(dir, "out.xlsx");
    const result = await run(PLAN_2009, "--from", "Action Plan 2009", "-o", output, "--json");
    expect(result.code).toBe(0);
    expect(result.err).toBe("");
    const printed = JSON.parse(result.out) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual(["title", "changes", "problems", "skipped", "output", "backup"]);
    expect(printed.output).toBe(output);
    expect(printed.title).toMatch(/Carry 16 actions|16/);
  });
});
