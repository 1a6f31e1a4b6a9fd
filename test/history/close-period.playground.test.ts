/** Closing periods in the playground's shell (the package host the browser playground runs). */
import ExcelJS from "exceljs";
import { nodeCodec } from "../../src/xlsx/node-files";
import { createPackageHost } from "../../src/xlsx/package-host";
import { workbookBytes } from "../support/exceljs/xlsx-file";
import { applyOperation } from "../../src/operations/run-operation";
import { closePeriodOperation } from "../../src/operations/close-period";
import { readStatusHistory } from "../../src/core/reading/status-history";

function planWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("2012-13");
  ws.addRow(["Ref", "Action", "Lead", "Update", "Status"]);
  ws.addRow(["1", "Patrol the park", "POL", "On track", "Green"]);
  ws.addRow(["2", "=SUM(1) stays text", "YOS", "@home visits", "Amber"]);
  return wb;
}

it("appends a new period and replaces a re-closed one, the table covering every row", async () => {
  const host = createPackageHost(await workbookBytes(planWorkbook()), nodeCodec);
  for (const label of ["Q1", "Q2", "Q2"]) {
    const outcome = await applyOperation(host, closePeriodOperation({ label, todayIso: "2012-10-01" }));
    expect(outcome.report).not.toBeNull();
  }
  const history = readStatusHistory(await host.readSnapshot());
  expect(history.problems).toEqual([]);
  expect(history.table?.listObject?.range).toEqual({ top: 0, left: 0, bottom: 4, right: 7 });
  expect(history.table?.rows.map((r) => [r.period, r.ref, r.action, r.update])).toEqual([
    ["Q1", "1", "Patrol the park", "On track"],
    ["Q1", "2", "=SUM(1) stays text", "@home visits"],
    ["Q2", "1", "Patrol the park", "On track"],
    ["Q2", "2", "=SUM(1) stays text", "@home visits"],
  ]);
});
