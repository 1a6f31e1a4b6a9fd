/**
 * The in-Excel test pane: built in place of the task pane (`webpack --env harness`), it runs
 * IN_EXCEL_TESTS one after another against the open (blank) workbook through the real Excel host,
 * shows each result, and posts it to the local report server (report-server.ts).
 */
import { createExcelHost } from "../../src/excel/excel-host";
import { diagnosticsText, excelDiagnostics } from "../../src/excel/diagnostics";
import { REPORT_PORT, type HarnessMessage } from "./harness-protocol";
import { IN_EXCEL_TESTS } from "./in-excel-tests";

function reportUrl(): string {
  const secure = window.location.protocol === "https:";
  return `${secure ? "https" : "http"}://localhost:${REPORT_PORT}/results`;
}

async function post(message: HarnessMessage): Promise<void> {
  try {
    await fetch(reportUrl(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(message),
    });
  } catch {
    // No report server (someone running the tests by hand): the pane still shows every result.
  }
}

function line(list: HTMLElement, textContent: string): void {
  const item = document.createElement("li");
  item.textContent = textContent;
  list.appendChild(item);
}

async function runAll(root: HTMLElement): Promise<void> {
  const heading = document.createElement("h1");
  heading.textContent = "In-Excel tests";
  const status = document.createElement("p");
  status.setAttribute("role", "status");
  const list = document.createElement("ol");
  root.replaceChildren(heading, status, list);
  const host = createExcelHost();
  let passed = 0;
  let failed = 0;
  for (const test of IN_EXCEL_TESTS) {
    status.textContent = `Running: ${test.name}`;
    const started = performance.now();
    let notes: readonly string[] = [];
    let detail = "";
    try {
      // One test after another: each builds on the workbook the one before left.
      notes = await test.run(host);
    } catch (error) {
      detail = error instanceof Error ? error.message : String(error);
    }
    const ms = Math.round(performance.now() - started);
    if (detail === "") passed += 1;
    else failed += 1;
    line(list, `${detail === "" ? "Passed" : "Failed"}: ${test.name}${detail ? ` — ${detail}` : ""}`);
    notes.forEach((note) => line(list, `  Note: ${note}`));
    await post({
      kind: "result",
      name: test.name,
      passed: detail === "",
      detail: [detail, ...notes].filter(Boolean).join(" | "),
      ms,
    });
  }
  const about = diagnosticsText(excelDiagnostics());
  status.textContent = `${passed} passed, ${failed} failed`;
  const pre = document.createElement("pre");
  pre.textContent = about;
  root.appendChild(pre);
  await post({ kind: "done", passed, failed, host: about.split("\n").slice(1, 5).join("; ") });
}

void Office.onReady(() => {
  const root = document.getElementById("root");
  if (root) void runAll(root);
});
