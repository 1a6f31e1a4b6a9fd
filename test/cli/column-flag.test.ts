import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { capture } from "../support/cli-capture";

interface Inspected {
  actions: Array<{ update: string; lead: string | null }>;
  problems: Array<{ rule: string; cell: string }>;
}

async function inspect(file: string, ...flags: string[]): Promise<Inspected> {
  const io = capture();
  expect(await main(["inspect", file, "--json", ...flags], io)).toBe(0);
  return JSON.parse(io.stdout) as Inspected;
}

let dir = "";
let plan = "";
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "column-flag-"));
  plan = path.join(dir, "plan.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("2024-25");
  ws.addRows([
    ["Ref", "Action", "Owner", "Notes", "Status"],
    ["1", "Run a joint patrol in the town centre at weekends", "Police", "Patrols started in May", "Green"],
    ["2", "Publish a hate crime reporting guide in five languages", "Council", "Budget not agreed", "Red"],
  ]);
  await wb.xlsx.writeFile(plan);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("--column HEADER=ROLE", () => {
  it("asks the user to confirm a column read from weak header words", async () => {
    const read = await inspect(plan);
    expect(read.actions.map((a) => a.update)).toEqual(["Patrols started in May", "Budget not agreed"]);
    expect(read.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: "column/uncertain", cell: "D1" })]),
    );
  });

  it("overrides the reader's choice in inspect, matching the header as the reader folds it", async () => {
    const read = await inspect(plan, "--column", "NOTES =ignore", "--column", "owner=ignore");
    expect(read.actions.map((a) => [a.update, a.lead])).toEqual([
      ["", null],
      ["", null],
    ]);
    expect(read.problems.filter((p) => p.rule.startsWith("column/uncertain"))).toEqual([]);
  });

  it("is stored by apply-schema in the Lists sheet's Columns table and honoured by a later inspect", async () => {
    const out = path.join(dir, "tidy.xlsx");
    const io = capture();
    expect(await main(["apply-schema", plan, "-o", out, "--column", "Notes=ignore"], io)).toBe(0);
    const read = await inspect(out);
    expect(read.actions.map((a) => a.update)).toEqual(["", ""]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const lists = wb.getWorksheet("Lists");
    const rows: string[][] = [];
    lists?.eachRow((row) =>
      rows.push((row.values as unknown[]).slice(1).map((v) => (typeof v === "string" ? v : ""))),
    );
    expect(rows.some((r) => r.join("|").includes("2024-25||Notes|ignore"))).toBe(true);
  });

  it("refuses a role that is not one of the eight, exiting with 2", async () => {
    const io = capture();
    expect(await main(["inspect", plan, "--column", "Notes=progress"], io)).toBe(2);
    expect(io.stderr).toMatch(/HEADER=ROLE/);
  });
});
