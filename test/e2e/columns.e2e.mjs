// The Columns view in the browser: a workbook whose "Notes" column the reader is unsure of is opened
// with Open .xlsx, the column's role is changed and stored, the workbook is downloaded and opened again
// from those bytes (a fresh read of the file written, not the page's state), and the role is kept.
// Run by scripts/e2e.mjs (alone: `node scripts/e2e.mjs test/e2e/columns.e2e.mjs`).
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { axeScan, idle, openTab, pane } from "./pane-helpers.mjs";

const require = createRequire(import.meta.url);
const ExcelJS = require("exceljs");

const TODAY = "2025-01-15";
const SHEET = "Plan 2024-25";
const FILE = "partnership plan.xlsx";
const pageErrors = [];

/** The Columns view's entry for one header cell of the plan's sheet. */
function columnEntry(page, cell) {
  return pane(page).locator(`li[data-column="${SHEET}!${cell}"]`);
}

/**
 * A plan as another partnership keeps it: a title above, "Owner" for the lead, a "Notes" column the
 * reader can only guess is the update, and a "Key partners" column that takes no role.
 */
async function partnershipPlan() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.addRows([
    ["Safer Borough Partnership: community safety action plan 2024-25"],
    [],
    ["Ref", "Action", "Owner", "Notes", "Status", "Key partners"],
    [
      "1",
      "Run a joint patrol in the town centre at weekends",
      "Police",
      "Patrols started in May",
      "Green",
      "Council",
    ],
    [
      "2",
      "Publish a hate crime reporting guide in five languages",
      "Council",
      "Budget not agreed",
      "Red",
      "Police",
    ],
    [
      "3",
      "Train licensed premises staff to spot exploitation",
      "Licensing",
      "Two sessions held",
      "Amber",
      "Police",
    ],
  ]);
  ws.getColumn(2).width = 50;
  ws.getColumn(4).width = 30;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function openFile(page, name, buffer) {
  await page.locator('input[type="file"][aria-label="Open .xlsx"]').setInputFiles({
    name,
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer,
  });
  await page.getByText(`${name} · nothing leaves this page`).waitFor();
  await idle(page);
}

const state = { downloaded: null };

export const tests = [
  {
    name: "Columns: a workbook's unsure column is shown with its role, how sure the reader is, and why",
    async run(shared) {
      const page = await shared.context.newPage();
      shared.page = page;
      page.on("pageerror", (e) => pageErrors.push(String(e)));
      await page.goto(`${shared.origin}/playground.html?today=${TODAY}`);
      await pane(page)
        .getByRole("tab", { name: /^Overview/ })
        .waitFor();
      await idle(page);
      await openFile(page, FILE, await partnershipPlan());
      await openTab(page, "Columns");
      const notes = columnEntry(page, "D3");
      await notes.waitFor();
      const text = await notes.textContent();
      assert.match(text, /Unsure/);
      assert.match(text, /Read as Update \(progress\)/);
      assert.match(text, /'Notes' was read as the update column.*confirm it in Columns/);
      assert.match(await columnEntry(page, "C3").textContent(), /SureRead as Lead/);
      assert.match(await columnEntry(page, "F3").textContent(), /No roleRead as Extra column/);
      assert.equal(await notes.getByRole("combobox", { name: "D: Notes" }).inputValue(), "");
      mkdirSync(path.join(shared.root, "docs/screenshots"), { recursive: true });
      await pane(page).screenshot({ path: path.join(shared.root, "docs/screenshots/columns.png") });
    },
  },
  {
    name: "Columns: the view has no serious or critical accessibility violations",
    async run(shared) {
      await axeScan(shared, "Columns");
    },
  },
  {
    name: "Columns: a role changed by keyboard is previewed, then stored in the workbook",
    async run(shared) {
      const { page } = shared;
      const select = pane(page).getByRole("combobox", { name: "D: Notes" });
      // By keyboard, as a user without a mouse would: Tab from the Columns tab to the select, then type
      // the first letter of "Extra column (no role)" (the only choice starting with E).
      await pane(page)
        .getByRole("tab", { name: /^Columns/ })
        .focus();
      let tabs = 0;
      while (!(await select.evaluate((el) => el === document.activeElement))) {
        assert.ok((tabs += 1) <= 40, "the Notes select is reached with Tab");
        await page.keyboard.press("Tab");
      }
      await page.keyboard.press("e");
      assert.equal(await select.inputValue(), "ignore");
      await pane(page).getByRole("button", { name: "Store these column roles…" }).click();
      await idle(page);
      const preview = pane(page).getByRole("region", { name: "Preview: Store these column roles" });
      await preview.waitFor();
      assert.match(
        await pane(page).getByText("How the plan will be read").locator("..").textContent(),
        new RegExp(`'Notes' \\(D\\) on '${SHEET}': the update column → an extra column`),
      );
      assert.match(await preview.textContent(), /Columns/);
      await axeScan(shared, "the Columns preview");
      await pane(page).getByRole("button", { name: "Store column roles", exact: true }).click();
      await pane(page)
        .getByText(/^Column roles stored in the Columns table on the Lists sheet/)
        .waitFor();
      await idle(page);
      assert.match(await columnEntry(page, "D3").textContent(), /ConfirmedRead as Extra column/);
    },
  },
  {
    name: "Columns: the workbook downloaded and opened again keeps the role, for the pane and in its Columns table",
    async run(shared) {
      const { page } = shared;
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download" }).click(),
      ]);
      const bytes = readFileSync(await download.path());
      state.downloaded = bytes;
      // The Columns table as any co-author or the CLI sees it in the file.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes);
      const lists = wb.getWorksheet("Lists");
      assert.ok(lists, "the workbook has a Lists sheet");
      const rows = [];
      lists.eachRow((row) => rows.push(row.values.slice(1).map((v) => (v === undefined ? "" : String(v)))));
      assert.ok(
        rows.some((r) => r.join("|").includes(`${SHEET}||Notes|ignore`)),
        `the Columns table stores Notes=ignore: ${JSON.stringify(rows)}`,
      );

      // Open another workbook first, so what follows is a read of the downloaded file and nothing else.
      await openFile(page, "other.xlsx", await partnershipPlan());
      await openTab(page, "Columns");
      assert.match(await columnEntry(page, "D3").textContent(), /Unsure/);
      await openFile(page, "reopened.xlsx", bytes);
      await openTab(page, "Columns");
      const notes = columnEntry(page, "D3");
      await notes.waitFor();
      assert.match(await notes.textContent(), /ConfirmedRead as Extra column/);
      assert.doesNotMatch(await notes.textContent(), /confirm it in Columns/);
      assert.equal(await notes.getByRole("combobox", { name: "D: Notes" }).inputValue(), "ignore");
      assert.match(await columnEntry(page, "C3").textContent(), /SureRead as Lead/);
      await axeScan(shared, "Columns after reopening");
      assert.deepEqual(pageErrors, [], "uncaught errors in the page");
      await page.close();
      shared.page = null;
    },
  },
];
