/**
 * Applying the schema must never create a problem Check did not have: the register it writes on the
 * Lists sheet is read back as the leads it was made from ("A&E" stays one lead, not 'A' and 'E').
 */
import ExcelJS from "exceljs";
import { checkPlan } from "../src/core/checking/check-plan";
import { planApplySchema } from "../src/core/planning/apply-schema";
import { readPlan } from "../src/core/reading/read-plan";
import { snapshotFromPackage } from "../src/xlsx/package-snapshot";
import { applyWritePlanToBytes } from "../src/xlsx/package-writer";
import { nodeCodec } from "../src/xlsx/node-files";

async function planBytes(rows: Array<Array<string | null>>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Plan 2012-13");
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function rulesOf(bytes: Uint8Array): string[] {
  return checkPlan(readPlan(snapshotFromPackage(bytes)), "2012-06-01")
    .map((p) => `${p.rule} ${p.sheet}!${p.cell}`)
    .sort();
}

describe("applying the schema", () => {
  it("creates no problem: a lead written with & stays one lead in the register it writes", async () => {
    const before = await planBytes([
      ["Ref", "Action", "Lead", "Update", "Status"],
      ["1", "Reduce waiting times for assault victims", "A&E", "Triage pilot running", "Green"],
      ["2", "Share anonymised assault data", "Police, A&E", "Monthly returns agreed", "Amber"],
      ["3", "Licensing visits to late bars", "Police", "Twelve visits made", "Green"],
    ]);
    const snapshot = snapshotFromPackage(before);
    const schema = planApplySchema(snapshot, readPlan(snapshot));
    expect(schema.plan.ops.length).toBeGreaterThan(0);
    const after = (await applyWritePlanToBytes(before, schema.plan, nodeCodec)).bytes;
    const model = readPlan(snapshotFromPackage(after));
    expect(model.actions.map((a) => a.leads)).toEqual([["A&E"], ["Police", "A&E"], ["Police"]]);
    expect(rulesOf(after)).toEqual(rulesOf(before));
  });
});
