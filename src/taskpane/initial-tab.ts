import type { PaneTab } from "./App";

const TABS: readonly PaneTab[] = ["overview", "check", "columns", "mine", "carry", "summary", "returns"];

/**
 * The tab a page address asks for: the ribbon's Check plan button opens the pane at
 * taskpane.html?view=check. Anything else opens the Overview.
 *   initialTabFor("?view=check") === "check"
 */
export function initialTabFor(search: string): PaneTab {
  const view = new URLSearchParams(search).get("view");
  return TABS.find((t) => t === view) ?? "overview";
}
