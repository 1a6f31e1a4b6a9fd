// What every browser test does to the playground's task pane: find it, wait for it to settle, open a
// tab, and scan it with axe. Shared by the *.e2e.mjs files (scripts/e2e.mjs runs only those, not this).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";

export function pane(page) {
  return page.locator('aside[aria-label="Task pane"]');
}

export async function idle(page) {
  await pane(page).getByRole("progressbar").waitFor({ state: "detached", timeout: 30_000 });
}

export async function openTab(page, name) {
  await pane(page)
    .getByRole("tab", { name: new RegExp(`^${name}`) })
    .click();
  await idle(page);
}

export async function axeScan(shared, label) {
  const { page, root } = shared;
  // A control that has just been enabled fades its colours in (a CSS transition): axe would measure
  // the contrast halfway. Wait for running transitions (not Fluent's endless spinner animations) to end.
  await page.waitForFunction(
    () => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== "running"),
    undefined,
    { timeout: 10_000 },
  );
  const source = readFileSync(path.join(root, "node_modules", "axe-core", "axe.min.js"), "utf8");
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(source);
  // Tabster (Fluent's keyboard navigation) adds aria-hidden focus sentinels (<i data-tabster-dummy>)
  // that pass focus straight on; axe reports them as focusable hidden elements, a known false positive.
  const results = await page.evaluate(() =>
    globalThis.axe.run({ exclude: [["[data-tabster-dummy]"]] }, { resultTypes: ["violations"] }),
  );
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    ),
    [],
    `axe found serious or critical violations on ${label}`,
  );
}

/** The test that a pane, as it stands after the tests before, has no serious or critical axe violations. */
export function axeTest(paneName) {
  return {
    name: `the ${paneName} pane has no serious or critical accessibility violations`,
    async run(shared) {
      await axeScan(shared, paneName);
    },
  };
}
