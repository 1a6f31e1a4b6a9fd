/**
 * The task pane's entry: waits for Office, checks the host can run the add-in, and wires the Excel
 * host into the pane. office.js comes from Microsoft's CDN (taskpane.html), not from npm.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider } from "@fluentui/react-components";
import { isExcelHostSupported } from "../excel/api-support";
import { lazyReturnFiles } from "../xlsx/lazy-return-files";
import { createExcelHost } from "../excel/excel-host";
import { excelDiagnostics } from "../excel/diagnostics";
import { App } from "./App";
import { UnsupportedHost } from "./components/UnsupportedHost";
import { localIsoDate } from "../core/basics/excel-dates";
import { initialTabFor } from "./initial-tab";
import { createLocalLeadCodeStore } from "./lead-code-store";
import { themeForOffice } from "./pane-theme";

function officeBackground(): string | undefined {
  try {
    return Office.context.officeTheme?.bodyBackgroundColor;
  } catch {
    // officeTheme is missing on some hosts (Excel on the web before 2023, Mac): the light theme then.
    return undefined;
  }
}

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function render(info: Office.HostType | null): void {
  const container = document.getElementById("root");
  if (container === null) return;
  const root = createRoot(container);
  const theme = themeForOffice(officeBackground());
  // ExcelApi 1.8 (data validation) is the add-in's floor: an older Excel gets a message, not the pane.
  const supported = info === Office.HostType.Excel && isExcelHostSupported();
  root.render(
    <FluentProvider theme={theme} style={{ minHeight: "100vh" }}>
      {info !== Office.HostType.Excel ? (
        <UnsupportedHost reason="not-excel" />
      ) : !supported ? (
        <UnsupportedHost reason="old-excel" />
      ) : (
        <App
          host={createExcelHost()}
          todayIso={localIsoDate(new Date())}
          leadCodeStore={createLocalLeadCodeStore(localStorageOrNull())}
          initialTab={initialTabFor(window.location.search)}
          diagnostics={excelDiagnostics}
          returnFiles={lazyReturnFiles}
        />
      )}
    </FluentProvider>,
  );
}

void Office.onReady((info) => render(info.host ?? null));
