/**
 * The playground's entry: the task pane over an ExcelJS workbook in the browser, through the same
 * xlsx host the CLI uses. `?today=yyyy-mm-dd` fixes "today" (screenshots and browser tests).
 */
import { createRoot } from "react-dom/client";
import { FluentProvider } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type ExcelJS from "exceljs";
import type { WorkbookHost } from "../core/workbook-host";
import { createXlsxHost } from "../xlsx/xlsx-host";
import { readWorkbookBuffer } from "../xlsx/xlsx-buffer";
import { localIsoDate } from "../core/excel-dates";
import { createLocalLeadCodeStore } from "../taskpane/lead-code-store";
import { themeForScheme } from "../taskpane/pane-theme";
import { PlaygroundApp } from "./PlaygroundApp";
import { createSampleWorkbook } from "./sample-plan";
import { workbookBytes } from "../xlsx/xlsx-text-escapes";

interface PlaygroundHandle {
  /** The workbook as the pane sees it now. */
  snapshot(): Promise<unknown>;
  /** The workbook as .xlsx bytes, base64 (what Download would save). */
  xlsxBase64(): Promise<string>;
}

declare global {
  interface Window {
    __playground?: PlaygroundHandle;
  }
}

function todayFromQuery(): string {
  const param = new URLSearchParams(window.location.search).get("today");
  return param !== null && /^\d{4}-\d{2}-\d{2}$/.test(param) ? param : localIsoDate(new Date());
}

async function downloadWorkbook(workbook: ExcelJS.Workbook, fileName: string): Promise<void> {
  const blob = new Blob([await workbookBytes(workbook)], {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName.toLowerCase().endsWith(".xlsx") ? fileName : `${fileName}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function exposeForTests(workbook: ExcelJS.Workbook, host: WorkbookHost): void {
  window.__playground = {
    snapshot: () => host.readSnapshot(),
    xlsxBase64: async () => bytesToBase64(await workbookBytes(workbook)),
  };
}

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const darkQuery = window.matchMedia?.("(prefers-color-scheme: dark)");

function Root() {
  const [dark, setDark] = useState(darkQuery?.matches ?? false);
  useEffect(() => {
    const onChange = (e: MediaQueryListEvent) => setDark(e.matches);
    darkQuery?.addEventListener("change", onChange);
    return () => darkQuery?.removeEventListener("change", onChange);
  }, []);
  return (
    <FluentProvider theme={themeForScheme(dark)}>
      <PlaygroundApp
        initialWorkbook={createSampleWorkbook()}
        initialFileName="sample-action-plan.xlsx"
        todayIso={todayFromQuery()}
        leadCodeStore={createLocalLeadCodeStore(localStorageOrNull())}
        createHost={createXlsxHost}
        openWorkbook={readWorkbookBuffer}
        downloadWorkbook={downloadWorkbook}
        onWorkbookChange={exposeForTests}
      />
    </FluentProvider>
  );
}

const container = document.getElementById("root");
if (container !== null) createRoot(container).render(<Root />);
