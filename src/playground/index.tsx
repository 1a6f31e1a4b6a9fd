/**
 * The playground's entry: the task pane over a workbook's .xlsx bytes in the browser, through the
 * package host (read and written as the CLI reads and writes them). `?today=yyyy-mm-dd` fixes "today"
 * (screenshots and browser tests). The sample workbook is a write plan applied to a blank package.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { createPackageHost } from "../xlsx/package-host";
import { snapshotFromPackage } from "../xlsx/package-snapshot";
import { localIsoDate } from "../core/basics/excel-dates";
import { createLocalLeadCodeStore } from "../taskpane/lead-code-store";
import { themeForScheme } from "../taskpane/pane-theme";
import { type BytesHost, PlaygroundApp } from "./PlaygroundApp";
import { sampleWorkbookBytes } from "./sample-plan";
import { lazyReturnFiles } from "../xlsx/lazy-return-files";

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

/** The workbook's bytes, once read through the package model: a file that is no workbook is refused here. */
function openWorkbook(data: ArrayBuffer, fileName: string): Promise<Uint8Array> {
  const bytes = new Uint8Array(data);
  try {
    snapshotFromPackage(bytes, { file: fileName });
    return Promise.resolve(bytes);
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

function downloadWorkbook(workbook: Uint8Array, fileName: string): Promise<void> {
  const blob = new Blob([workbook as Uint8Array<ArrayBuffer>], {
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
  return Promise.resolve();
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function exposeForTests(host: BytesHost): void {
  window.__playground = {
    snapshot: () => host.readSnapshot(),
    xlsxBase64: () => Promise.resolve(bytesToBase64(host.bytes())),
  };
}

const createHost = (workbook: Uint8Array): BytesHost => createPackageHost(workbook);

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
  const [sample, setSample] = useState<Uint8Array | null>(null);
  useEffect(() => {
    void sampleWorkbookBytes().then(setSample);
  }, []);
  useEffect(() => {
    const onChange = (e: MediaQueryListEvent) => setDark(e.matches);
    darkQuery?.addEventListener("change", onChange);
    return () => darkQuery?.removeEventListener("change", onChange);
  }, []);
  return (
    <FluentProvider theme={themeForScheme(dark)}>
      {sample === null ? null : (
        <PlaygroundApp
          initialWorkbook={sample}
          initialFileName="sample-action-plan.xlsx"
          todayIso={todayFromQuery()}
          leadCodeStore={createLocalLeadCodeStore(localStorageOrNull())}
          createHost={createHost}
          openWorkbook={openWorkbook}
          downloadWorkbook={downloadWorkbook}
          returnFiles={lazyReturnFiles}
          onWorkbookChange={exposeForTests}
        />
      )}
    </FluentProvider>
  );
}

const container = document.getElementById("root");
if (container !== null) createRoot(container).render(<Root />);
