/**
 * Which ExcelApi requirement sets the host supports. Data validation needs 1.8, so 1.8 is the floor;
 * anything above it (1.9 fills, hidden rows and the headers and footers a protective marking is read from, 1.11 moving cells, 1.13 merged areas, 1.20 undo grouping) is used only
 * inside `if (excelApiSupported("1.x"))` or a ternary on it, so older hosts degrade instead of failing.
 */
import { UnsupportedHostError } from "./host-errors";

export const MINIMUM_EXCEL_API = "1.8";

/** excelApiSupported("1.9") is true on Excel on the web, Microsoft 365 and Excel 2021. */
export function excelApiSupported(version: string): boolean {
  if (typeof Office === "undefined") return false;
  return Office.context.requirements.isSetSupported("ExcelApi", version);
}

/** Whether this Excel can run the add-in at all (the pane disables its commands when not). */
export function isExcelHostSupported(): boolean {
  return excelApiSupported(MINIMUM_EXCEL_API);
}

/** Throws UnsupportedHostError on a host below ExcelApi 1.8. */
export function ensureExcelHostSupported(): void {
  if (!isExcelHostSupported()) throw new UnsupportedHostError();
}

export type ExcelPlatform = "web" | "windows" | "mac" | "other";

/** Which Excel the add-in runs in, from Office.context.platform ("OfficeOnline", "PC", "Mac"). */
export function excelPlatform(): ExcelPlatform {
  if (typeof Office === "undefined") return "other";
  const platform = String(Office.context.platform);
  return platform === "OfficeOnline"
    ? "web"
    : platform === "PC"
      ? "windows"
      : platform === "Mac"
        ? "mac"
        : "other";
}
