// The browser suite: the playground in Chromium, through every pane, asserting on the workbook the
// pane writes. Run by scripts/e2e.mjs, which builds, serves and launches the browser; the tests run
// in order and share one page, as a user would work through the panes.
import assert from "node:assert/strict";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { axeScan, axeTest, idle, openTab, pane } from "./pane-helpers.mjs";

const require = createRequire(import.meta.url);
const ExcelJS = require("exceljs");
/** yyyy-mm-dd → dd/mm/yyyy, as the pane dates an update. */
function ukDate(iso) {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

const TODAY = "2012-05-01";
const SCREENSHOTS = "docs/screenshots";

/** Requests the page made, to check that nothing leaves it. */
const requests = [];
const pageErrors = [];

/** Types a lead's words into My actions' update form for Plan 2011-12, saves, and waits for the pane to say so. */
async function saveUpdate(page, form, words) {
  await form.getByRole("textbox", { name: /New update/ }).fill(words);
  await form.getByRole("button", { name: "Save update" }).click();
  await pane(page)
    .getByText(/^Saved to Plan 2011-12!/)
    .waitFor({ timeout: 30_000 });
}

async function screenshot(shared, name) {
  const dir = path.join(shared.root, SCREENSHOTS);
  mkdirSync(dir, { recursive: true });
  await pane(shared.page).screenshot({ path: path.join(dir, `${name}.png`) });
}

/** The workbook as the playground holds it now, read back with ExcelJS in Node. */
async function currentWorkbook(page) {
  const base64 = await page.evaluate(() => window.__playground.xlsxBase64());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, "base64"));
  return workbook;
}

function cellText(cell) {
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
  if (typeof v === "object" && "result" in v) return String(v.result ?? "");
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** The 1-based row on a sheet whose column A holds exactly `ref` (refs are labels: "3.1" ≠ "3.10"). */
function rowOfRef(ws, ref) {
  for (let r = 1; r <= ws.rowCount; r += 1) if (cellText(ws.getCell(r, 1)) === ref) return ws.getRow(r);
  throw new Error(`No row with ref ${ref} on ${ws.name}`);
}

/** Column number (1-based) of the header `name` in the header row above `row`. */
function columnOf(ws, name) {
  for (let r = 1; r <= ws.rowCount; r += 1) {
    const row = ws.getRow(r);
    for (let c = 1; c <= ws.columnCount; c += 1) if (cellText(row.getCell(c)) === name) return c;
  }
  throw new Error(`No header ${name} on ${ws.name}`);
}

function sheetTexts(snapshot, sheet) {
  const s = snapshot.sheets.find((x) => x.name === sheet);
  assert.ok(s, `sheet ${sheet} exists`);
  return s.cells.flatMap((row) => row.map((c) => (c ? c.text : "")));
}

/** The shared fixtures: workbooks partnerships really keep, read in place (never copied into the repo). */
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/fixtures");
const FIXTURE_FILES = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".xlsx"))
  .sort();

/** The status colours Apply schema's conditional formats give each word, as the browser reports them. */
const STATUS_FILLS = {
  Red: "rgb(192, 0, 0)",
  Amber: "rgb(255, 192, 0)",
  Green: "rgb(0, 176, 80)",
  Complete: "rgb(0, 112, 192)",
  "Not started": "rgb(217, 217, 217)",
};

/** The playground's grid, beside the pane. */
function grid(page) {
  return page.locator('section[aria-label="Workbook"]');
}

/**
 * A newcomer's path through one workbook, as a browser test per step: open it with Open .xlsx, apply
 * the schema, check it, update one action as a lead, carry the year over, build the summary and
 * download it, with an axe scan of every view on the way. The steps share `state` and run in order;
 * where a workbook cannot go through a step, the step asserts the message the user is given instead.
 */
function newcomerPath(file) {
  const state = { updateText: null, carriedSheet: null };
  const label = `the newcomer's path on ${file}`;
  return [
    {
      // Opening: the file input reads the workbook and the pane's Overview finds its action tables.
      name: `${label}: opens it with Open .xlsx and the Overview finds its action tables`,
      async run(shared) {
        const { page } = shared;
        await openTab(page, "Overview");
        await page
          .locator('input[type="file"][aria-label="Open .xlsx"]')
          .setInputFiles(path.join(FIXTURES, file));
        await page.getByText(`${file} · nothing leaves this page`).waitFor();
        await idle(page);
        await pane(page)
          .getByText(/actions? by status$/)
          .waitFor();
        assert.ok(
          (await pane(page)
            .getByRole("table", { name: /^Action tables found/ })
            .count()) === 1,
          "the Overview lists the action tables it found",
        );
        await axeScan(shared, `Overview of ${file}`);
      },
    },
    {
      // Apply schema: a preview that starts with one plain sentence, then the write; afterwards the
      // workbook has a Lists sheet and the grid shows the dropdowns and status colours the schema
      // wrote, read back from the workbook (its validations and conditional formats), not from memory.
      name: `${label}: applies the schema, and the grid shows its dropdowns and status colours`,
      async run(shared) {
        const { page } = shared;
        await pane(page).getByRole("button", { name: "Apply schema…" }).click();
        await idle(page);
        const preview = pane(page).getByRole("region", { name: "Changes that will be written" });
        await preview.waitFor();
        assert.match(await preview.textContent(), /^Turns \d+ tables? into /);
        await axeScan(shared, `Apply schema's preview on ${file}`);
        await pane(page).getByRole("button", { name: "Apply schema", exact: true }).click();
        await pane(page)
          .getByText(/^Schema applied/)
          .waitFor({ timeout: 30_000 });
        await idle(page);
        const snapshot = await page.evaluate(() => window.__playground.snapshot());
        assert.ok(
          snapshot.sheets.some((s) => s.name === "Lists"),
          "the Lists sheet was added",
        );
        const withStatus = snapshot.sheets.filter((s) =>
          (s.validations ?? []).some((v) => v.source === "=StatusList"),
        );
        assert.ok(withStatus.length > 0, "the workbook holds a status dropdown");
        const sheet = withStatus[0];
        await page
          .getByRole("tablist", { name: "Sheets" })
          .getByRole("tab", { name: sheet.name, exact: true })
          .click();
        await grid(page)
          .getByRole("region", { name: `Sheet ${sheet.name}, read only` })
          .waitFor();
        const statusCells = sheet.validations
          .filter((v) => v.source === "=StatusList")
          .reduce((n, v) => n + (v.range.bottom - v.range.top + 1) * (v.range.right - v.range.left + 1), 0);
        const shown = await grid(page)
          .locator("td:has([data-dropdown='=StatusList'])")
          .evaluateAll((tds) =>
            tds.map((td) => ({
              cell: td.getAttribute("data-cell"),
              text: td.textContent.replace("▾", "").trim(),
              coloured: td.getAttribute("data-conditional") === "true",
              fill: getComputedStyle(td).backgroundColor,
              mark: td.querySelector("[data-dropdown]").getAttribute("aria-label"),
            })),
          );
        assert.equal(shown.length, statusCells, "every status cell shows its dropdown mark");
        for (const cell of shown) {
          assert.equal(cell.mark, "Dropdown: choose from StatusList", `${cell.cell}'s mark says so in words`);
          const expected = STATUS_FILLS[cell.text];
          assert.equal(
            cell.coloured,
            expected !== undefined,
            `${cell.cell} ('${cell.text}') is coloured by its word`,
          );
          if (expected !== undefined)
            assert.equal(cell.fill, expected, `${cell.cell} has ${cell.text}'s colour`);
        }
        await axeScan(shared, `Overview after Apply schema on ${file}`);
      },
    },
    {
      // Check: the problems are counted once, the same in the tab and in the summary line.
      name: `${label}: Check counts its problems the same in the tab and the summary`,
      async run(shared) {
        const { page } = shared;
        await openTab(page, "Check");
        const tab = await pane(page)
          .getByRole("tab", { name: /^Check/ })
          .textContent();
        const summary = pane(page).getByText(/^(\d[\d,]* problems?:|No problems found)/);
        await summary.waitFor();
        const said = await summary.textContent();
        const count = said.startsWith("No problems") ? 0 : Number(said.replace(/,/g, "").match(/^\d+/)[0]);
        const inTab = /\((\d[\d,]*)\)/.exec(tab);
        assert.equal(inTab === null ? 0 : Number(inTab[1].replace(/,/g, "")), count);
        await axeScan(shared, `Check on ${file}`);
      },
    },
    {
      // My actions: the first lead with actions updates one (Amber, with a dated update); the update
      // lands on that action's row. A workbook whose actions name no lead says so instead.
      name: `${label}: a lead updates one of their actions from My actions`,
      async run(shared) {
        const { page } = shared;
        await openTab(page, "My actions");
        const who = pane(page).getByRole("combobox", { name: "I am" });
        const choices = await who.locator("option").count();
        if (choices <= 1) {
          await pane(page)
            .getByText("No action in this workbook names a lead yet", { exact: false })
            .waitFor();
          await axeScan(shared, `My actions on ${file}`);
          return;
        }
        const updateButtons = pane(page).getByRole("button", { name: /^Update action .+ on .+$/ });
        for (let i = 1; i < choices && (await updateButtons.count()) === 0; i += 1) {
          await who.selectOption({ index: i });
        }
        const button = updateButtons.first();
        const [, ref, sheet] = /^Update action (.+) on (.+)$/.exec(await button.getAttribute("aria-label"));
        await button.click();
        const form = pane(page).getByRole("form", { name: `Update action ${ref}` });
        await form.getByRole("combobox", { name: /Status/ }).selectOption("Amber");
        state.updateText = `Reviewed in the playground (${file}).`;
        await form.getByRole("textbox", { name: /New update/ }).fill(state.updateText);
        await axeScan(shared, `My actions' update form on ${file}`);
        await form.getByRole("button", { name: "Save update" }).click();
        await pane(page).getByText(`Saved to ${sheet}!`, { exact: false }).waitFor({ timeout: 30_000 });
        await idle(page);
        const snapshot = await page.evaluate(() => window.__playground.snapshot());
        const rows = snapshot.sheets
          .find((s) => s.name === sheet)
          .cells.map((row) => row.map((c) => (c ? c.text : "")));
        const written = rows.filter((row) =>
          row.some((t) => t.startsWith(`01/05/2012: ${state.updateText}`)),
        );
        assert.equal(written.length, 1, "the dated update is on one row");
        assert.ok(written[0].includes("Amber"), "with the status the lead chose");
      },
    },
    {
      // Carry over: the latest period's sheets (each ticked one) go to new sheets and the old ones are
      // unchanged. Where no sheet or title names the period, the user says which; where the one sheet's
      // name has no year to step on, the user is asked for the new sheet's name first.
      name: `${label}: carries the year over to new sheets, leaving the old ones unchanged`,
      async run(shared) {
        const { page } = shared;
        await openTab(page, "Carry over");
        const sheetsList = pane(page).getByRole("list", { name: "Sheets to carry over" });
        await sheetsList.waitFor();
        assert.ok(
          (await sheetsList.getByRole("checkbox", { checked: true }).count()) > 0,
          "a sheet is ticked",
        );
        const periodBox = pane(page).getByRole("textbox", { name: /The period these sheets cover/ });
        if ((await periodBox.count()) > 0 && (await periodBox.inputValue()) === "") {
          await periodBox.fill("2011-12");
        }
        const next = pane(page).getByRole("button", { name: "Next: preview" });
        const target = pane(page).getByRole("textbox", { name: /New sheet/ });
        if ((await target.count()) > 0 && (await target.inputValue()) === "") {
          assert.ok(await next.isDisabled(), "no preview without a name for the new sheet");
          await target.fill("Carried over 2012-13");
        }
        await axeScan(shared, `Carry over on ${file}`);
        const beforeSnapshot = await page.evaluate(() => window.__playground.snapshot());
        const beforeNames = new Set(beforeSnapshot.sheets.map((s) => s.name));
        const before = new Map(
          beforeSnapshot.sheets.map((s) => [s.name, sheetTexts(beforeSnapshot, s.name)]),
        );
        await next.click();
        await idle(page);
        const carry = pane(page).getByRole("button", { name: /^Carry over [\d,]+ actions?$/ });
        await carry.waitFor();
        await axeScan(shared, `Carry over's preview on ${file}`);
        await carry.click();
        await pane(page)
          .getByText(/^Carried [\d,]+ actions? to /)
          .waitFor({ timeout: 30_000 });
        await idle(page);
        const snapshot = await page.evaluate(() => window.__playground.snapshot());
        const added = snapshot.sheets
          .map((s) => s.name)
          .filter((name) => !beforeNames.has(name) && name !== "Lists");
        assert.ok(added.length > 0, "the year is carried to at least one new sheet");
        for (const name of added) {
          assert.ok(
            sheetTexts(snapshot, name).join("\n").includes("Carried from"),
            `${name} says where from`,
          );
        }
        for (const [name, texts] of before) {
          if (name === "Lists") continue;
          assert.deepEqual(sheetTexts(snapshot, name), texts, `'${name}' is unchanged`);
        }
        state.carriedSheet = added[0];
        // The grid gives the new sheet's columns the widths carry-over wrote: the Update column,
        // empty until leads type in it, is shown as wide as the workbook makes it, not narrowest.
        const widths = snapshot.sheets.find((s) => s.name === state.carriedSheet).columnWidths ?? [];
        const wide = widths.flatMap((w, c) => (w !== null && w >= 40 ? [c] : []));
        const narrow = widths.flatMap((w, c) => (w !== null && w <= 13 ? [c] : []));
        assert.ok(wide.length > 0 && narrow.length > 0, "carry-over set wide and narrow columns");
        await page
          .getByRole("tablist", { name: "Sheets" })
          .getByRole("tab", { name: state.carriedSheet, exact: true })
          .click();
        const region = grid(page).getByRole("region", { name: `Sheet ${state.carriedSheet}, read only` });
        await region.waitFor();
        const shownWidths = await region
          .locator("thead th")
          .evaluateAll((ths) => ths.map((th) => th.offsetWidth));
        // shownWidths[0] is the row-number column.
        const narrowest = Math.min(...wide.map((c) => shownWidths[c + 1]));
        for (const c of narrow) assert.ok(narrowest >= shownWidths[c + 1], `column ${c + 1} is not wider`);
      },
    },
    {
      // Summary: the pane's Status by theme, then the Summary sheet built and dated dd/mm/yyyy.
      name: `${label}: builds the Summary sheet`,
      async run(shared) {
        const { page } = shared;
        await openTab(page, "Summary");
        await pane(page).getByRole("list", { name: "Status by theme" }).waitFor();
        await axeScan(shared, `Summary on ${file}`);
        await pane(page)
          .getByRole("button", { name: /^(Build|Refresh) summary sheet…$/ })
          .click();
        await idle(page);
        await pane(page).getByRole("button", { name: "Build summary", exact: true }).click();
        await pane(page)
          .getByText(/^The Summary sheet is (built|refreshed)/)
          .waitFor({ timeout: 30_000 });
        await idle(page);
        const snapshot = await page.evaluate(() => window.__playground.snapshot());
        assert.match(sheetTexts(snapshot, "Summary").join("\n"), /01\/05\/2012/);
      },
    },
    {
      // Download: named as changed, confirmed on the page, and the file holds every step's work.
      name: `${label}: downloads the changed workbook under a new name, with every step in it`,
      async run(shared) {
        const { page } = shared;
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("button", { name: "Download" }).click(),
        ]);
        const name = `${file.replace(/\.xlsx$/, "")} (updated).xlsx`;
        assert.equal(download.suggestedFilename(), name);
        await page.getByText(`Downloaded ${name}`, { exact: false }).waitFor();
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(await download.path());
        const names = wb.worksheets.map((w) => w.name);
        for (const sheet of ["Lists", "Summary", state.carriedSheet]) {
          assert.ok(names.includes(sheet), `${sheet} is in the downloaded workbook`);
        }
        if (state.updateText !== null) {
          const texts = wb.worksheets.flatMap((ws) => {
            const out = [];
            ws.eachRow((row) => row.eachCell((cell) => out.push(cellText(cell))));
            return out;
          });
          assert.ok(
            texts.some((t) => t.includes(state.updateText)),
            "the lead's update is in the file",
          );
        }
      },
    },
  ];
}

export const tests = [
  {
    name: "opens the playground on the sample plan with the Overview pane",
    async run(shared) {
      const page = await shared.context.newPage();
      shared.page = page;
      page.on("request", (r) => requests.push(r.url()));
      page.on("pageerror", (e) => pageErrors.push(String(e)));
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          (window.__cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      await page.goto(`${shared.origin}/playground.html?today=${TODAY}`);
      await pane(page)
        .getByRole("tab", { name: /^Overview/ })
        .waitFor();
      await idle(page);
      await pane(page)
        .getByText(/actions? by status/)
        .waitFor();
      await page.getByRole("region", { name: /Sheet 1 ASB/ }).waitFor();
      await page
        .screenshot({ path: path.join(shared.root, SCREENSHOTS, "playground.png") })
        .catch(async () => {
          mkdirSync(path.join(shared.root, SCREENSHOTS), { recursive: true });
          await page.screenshot({ path: path.join(shared.root, SCREENSHOTS, "playground.png") });
        });
      await screenshot(shared, "overview");
    },
  },
  axeTest("Overview"),
  {
    name: "applies the schema after showing what it will write",
    async run({ page }) {
      await pane(page).getByRole("button", { name: "Apply schema…" }).click();
      await idle(page);
      const preview = pane(page).getByRole("region", { name: "Changes that will be written" });
      await preview.waitFor();
      assert.match(
        await preview.textContent(),
        /^Turns \d+ tables? into /,
        "the preview opens with one sentence of what will happen",
      );
      assert.ok((await preview.getByRole("listitem").count()) > 0, "the preview lists the changes");
      await pane(page)
        .getByRole("note")
        .getByText("your file is unchanged until you download it", { exact: false })
        .waitFor();
      await pane(page).getByRole("button", { name: "Apply schema", exact: true }).click();
      await pane(page)
        .getByText(/^Schema applied/)
        .waitFor({ timeout: 30_000 });
      await idle(page);
      const snapshot = await page.evaluate(() => window.__playground.snapshot());
      assert.ok(
        snapshot.sheets.some((s) => s.name === "Lists"),
        "the Lists sheet was added",
      );
      const plan = snapshot.sheets.find((s) => s.name === "Plan 2011-12");
      assert.ok(plan.tables.length >= 1, "the year's action table is an Excel table");
      const wb = await currentWorkbook(page);
      const ws = wb.getWorksheet("Plan 2011-12");
      assert.equal(
        cellText(rowOfRef(ws, "3.10").getCell(columnOf(ws, "Status"))),
        "TBC",
        "what the user typed is kept",
      );
      assert.equal(
        await pane(page).getByText("The schema is applied", { exact: false }).count(),
        0,
        "one green bar says the schema was applied, not two",
      );
      assert.equal(
        await pane(page)
          .getByText(/^Schema applied/)
          .count(),
        1,
      );
    },
  },
  {
    name: "Check lists each problem with its cell, and choosing one selects that cell",
    async run(shared) {
      const { page } = shared;
      await openTab(page, "Check");
      const invalid = pane(page).locator('button[data-rule="status/invalid"]').first();
      await invalid.waitFor();
      const where = await invalid.getAttribute("data-cell");
      assert.match(where, /^Plan 2011-12!E\d+$/, "the TBC status is reported on its sheet and cell");
      await screenshot(shared, "check");
      await invalid.focus();
      await page.keyboard.press("Enter");
      await pane(page).getByText(`Selected ${where} in the workbook.`).waitFor();
      const selected = page.locator('td[aria-current="true"]');
      await selected.waitFor();
      assert.equal(await selected.getAttribute("data-cell"), where.split("!")[1]);
      // The status column has a dropdown: its ▾ mark is not part of the value.
      assert.equal((await selected.textContent()).replace("▾", "").trim(), "TBC");
      assert.equal(
        await page.getByRole("tab", { name: "Plan 2011-12" }).getAttribute("aria-selected"),
        "true",
        "the grid shows the problem's sheet",
      );
      assert.ok(
        (await pane(page).locator('[data-rule="update/missing"]').count()) >= 1,
        "a Red action without an update is reported",
      );
    },
  },
  axeTest("Check"),
  {
    name: "a lead fixes the TBC status from My actions, and Check no longer reports it",
    async run(shared) {
      const { page } = shared;
      await openTab(page, "My actions");
      await pane(page).getByRole("combobox", { name: "I am" }).selectOption("MW");
      await pane(page).getByRole("button", { name: "Update action 3.10 on Plan 2011-12" }).click();
      const form = pane(page).getByRole("form", { name: "Update action 3.10" });
      await form.getByRole("combobox", { name: /Status/ }).selectOption("Green");
      await saveUpdate(page, form, "Violent offenders added to the IOM cohort in April.");
      const wb = await currentWorkbook(page);
      const ws = wb.getWorksheet("Plan 2011-12");
      const row = rowOfRef(ws, "3.10");
      assert.equal(cellText(row.getCell(columnOf(ws, "Status"))), "Green");
      assert.match(
        cellText(row.getCell(columnOf(ws, "Update"))),
        new RegExp(`^${ukDate(TODAY)}: Violent offenders added to the IOM cohort in April\\.`),
        "the new update goes on top, dated",
      );
      assert.equal(
        cellText(rowOfRef(ws, "3.1").getCell(columnOf(ws, "Status"))),
        "Complete",
        "3.1 is another row",
      );
      await openTab(page, "Check");
      assert.equal(await pane(page).locator('[data-rule="status/invalid"]').count(), 0);
    },
  },
  {
    name: "a lead's update is held to the rules (Amber needs an update) and written to that row only",
    async run(shared) {
      const { page } = shared;
      await openTab(page, "My actions");
      await pane(page).getByRole("combobox", { name: "I am" }).selectOption("CS");
      assert.equal(await page.evaluate(() => localStorage.getItem("action-plan.lead-code")), "CS");
      const before = await currentWorkbook(page);
      await pane(page).getByRole("button", { name: "Update action 2 on Plan 2011-12" }).click();
      const form = pane(page).getByRole("form", { name: "Update action 2" });
      await form.getByRole("combobox", { name: /Status/ }).selectOption("Amber");
      await form.getByRole("button", { name: "Save update" }).click();
      await form.getByText("Amber needs an update saying why and what will be done.").waitFor();
      await screenshot(shared, "my-actions");
      await saveUpdate(page, form, '=HYPERLINK("x") register drafted; sign-off due June.');
      const after = await currentWorkbook(page);
      const ws = after.getWorksheet("Plan 2011-12");
      const row = rowOfRef(ws, "2");
      assert.equal(cellText(row.getCell(columnOf(ws, "Status"))), "Amber");
      const update = row.getCell(columnOf(ws, "Update"));
      const previous = cellText(
        rowOfRef(before.getWorksheet("Plan 2011-12"), "2").getCell(columnOf(ws, "Update")),
      );
      assert.equal(
        cellText(update),
        `${ukDate(TODAY)}: =HYPERLINK("x") register drafted; sign-off due June.${previous === "" ? "" : `\n\n${previous}`}`,
        "the lead's words go on top, dated, with the previous update kept below",
      );
      assert.equal(update.formula, undefined, "text with = in it stays text");
      const old = before.getWorksheet("Plan 2011-12");
      let changed = 0;
      for (let r = 1; r <= Math.max(old.rowCount, ws.rowCount); r += 1) {
        for (let c = 1; c <= Math.max(old.columnCount, ws.columnCount); c += 1) {
          if (cellText(old.getCell(r, c)) !== cellText(ws.getCell(r, c))) changed += 1;
        }
      }
      assert.equal(changed, 2, "only that row's Update and Status cells changed");
    },
  },
  axeTest("My actions"),
  {
    name: "carries outstanding actions to 2012-13, leaving out an unticked one and the source unchanged",
    async run(shared) {
      const { page } = shared;
      await openTab(page, "Carry over");
      const period = pane(page).getByRole("combobox", { name: "Carry over the period" });
      assert.equal(await period.inputValue(), "2011-12", "the latest period is the default");
      assert.equal(
        await pane(page).getByRole("checkbox", { name: "Plan 2011-12", exact: true }).isChecked(),
        true,
        "the latest period's sheet is ticked",
      );
      assert.equal(
        await pane(page).getByRole("alert").count(),
        0,
        "no error is shown before the user has typed anything",
      );
      assert.equal(
        await pane(page)
          .getByRole("textbox", { name: /New sheet/ })
          .inputValue(),
        "Plan 2012-13",
      );
      const sourceBefore = sheetTexts(
        await page.evaluate(() => window.__playground.snapshot()),
        "Plan 2011-12",
      );
      await pane(page).getByRole("button", { name: "Next: preview" }).click();
      await idle(page);
      const untick = pane(page).getByRole("checkbox", { name: /Publish a public summary/ });
      await untick.waitFor();
      assert.equal(
        await pane(page)
          .getByRole("checkbox", { name: /Raise awareness of domestic violence/ })
          .count(),
        0,
        "a Complete action is not offered",
      );
      await untick.uncheck();
      await screenshot(shared, "carry-over");
      await axeScan(shared, "Carry over");
      await pane(page)
        .getByRole("button", { name: /^Carry over \d+ actions?$/ })
        .click();
      await pane(page)
        .getByText(/^Carried \d+ actions? to 'Plan 2012-13'/)
        .waitFor({ timeout: 30_000 });
      const snapshot = await page.evaluate(() => window.__playground.snapshot());
      const target = sheetTexts(snapshot, "Plan 2012-13").join("\n");
      assert.match(target, /Secure outcome data from the Courts/);
      assert.match(target, /Carried from/);
      assert.match(target, /Plan 2011-12 \/ 4/);
      assert.doesNotMatch(target, /Publish a public summary/, "the unticked action stays behind");
      assert.doesNotMatch(target, /Raise awareness of domestic violence/, "Complete actions stay behind");
      assert.deepEqual(sheetTexts(snapshot, "Plan 2011-12"), sourceBefore, "the source sheet is unchanged");
    },
  },
  {
    name: "chooses a period in the Summary pane: the latest by default, and the counts follow the choice",
    async run(shared) {
      const { page } = shared;
      await openTab(page, "Summary");
      const period = pane(page).getByRole("combobox", { name: "Period" });
      await period.waitFor();
      const options = await period.locator("option").allTextContents();
      assert.deepEqual(
        options,
        ["2012-13 (latest)", "2011-12", "2009", "All periods"],
        "periods newest first",
      );
      const themes = pane(page).getByRole("list", { name: "Status by theme" });
      const chart = pane(page).getByRole("img", { name: /^Status by theme, 2012-13\./ });
      await chart.waitFor();
      // The year's plan is counted under its title; the sheet with no period ("1 ASB") in every period.
      assert.match(await themes.innerText(), /COMMUNITY SAFETY ACTION PLAN 2012-13/);
      assert.match(await themes.innerText(), /ANTI SOCIAL BEHAVIOUR/);
      assert.doesNotMatch(await themes.innerText(), /ACTION PLAN 2011-12/, "the latest period only");
      await period.selectOption("2011-12");
      await pane(page)
        .getByRole("img", { name: /^Status by theme, 2011-12\./ })
        .waitFor();
      assert.match(await themes.innerText(), /COMMUNITY SAFETY ACTION PLAN 2011-12/);
      assert.doesNotMatch(await themes.innerText(), /ACTION PLAN 2012-13/, "the chosen period only");
      await period.selectOption("2012-13");
    },
  },
  {
    name: "builds the Summary sheet from the Summary pane",
    async run(shared) {
      const { page } = shared;
      await openTab(page, "Summary");
      await pane(page).getByRole("list", { name: "Status by theme" }).waitFor();
      await screenshot(shared, "summary");
      await axeScan(shared, "Summary");
      // The schema was applied earlier and carry-over keeps it applied: no "apply first" detour.
      const applyFirst = await pane(page).getByRole("button", { name: "Apply schema first…" }).count();
      if (applyFirst !== 0)
        throw new Error("The Summary pane asks to apply the schema again after a carry-over");
      await pane(page)
        .getByRole("button", { name: /^(Build|Refresh) summary sheet…$/ })
        .click();
      await idle(page);
      await pane(page).getByRole("button", { name: "Build summary", exact: true }).click();
      await pane(page)
        .getByText(/^The Summary sheet is (built|refreshed)/)
        .waitFor({ timeout: 30_000 });
      const snapshot = await page.evaluate(() => window.__playground.snapshot());
      const texts = sheetTexts(snapshot, "Summary").join("\n");
      assert.match(texts, /01\/05\/2012/, "the summary is dated dd/mm/yyyy");
      assert.match(texts, /Community safety action plan/);
    },
  },
  {
    name: "Download saves the workbook as an .xlsx file with every change in it",
    async run(shared) {
      const { page } = shared;
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download" }).click(),
      ]);
      assert.equal(
        download.suggestedFilename(),
        "sample-action-plan (updated).xlsx",
        "a changed workbook is named as changed",
      );
      await page.getByText("Downloaded sample-action-plan (updated).xlsx", { exact: false }).waitFor();
      const file = await download.path();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const names = wb.worksheets.map((w) => w.name);
      for (const name of ["1 ASB", "Action Plan 2009", "Plan 2011-12", "Lists", "Plan 2012-13", "Summary"]) {
        assert.ok(names.includes(name), `${name} is in the downloaded workbook`);
      }
      const ws = wb.getWorksheet("Plan 2011-12");
      assert.equal(cellText(rowOfRef(ws, "3.10").getCell(columnOf(ws, "Status"))), "Green");
    },
  },
  {
    name: "closes the period, and after a lead changes a status My actions shows the direction of travel",
    async run(shared) {
      const { page } = shared;
      await openTab(page, "Overview");
      await pane(page)
        .getByRole("textbox", { name: /Period/ })
        .fill("Q1 2012-13");
      await pane(page).getByRole("button", { name: "Close the period…" }).click();
      await idle(page);
      // The preview is a region grouped by sheet (PreviewList), as Apply schema's is.
      await pane(page).getByRole("region", { name: "Changes that will be written" }).waitFor();
      await pane(page).getByRole("button", { name: "Close the period", exact: true }).click();
      await pane(page).getByText("Period 'Q1 2012-13' closed.").waitFor({ timeout: 30_000 });
      await idle(page);
      await axeScan(shared, "Overview with Close the period");
      const wb = await currentWorkbook(page);
      const history = wb.getWorksheet("Status history");
      assert.ok(history, "the Status history sheet was added");
      const recorded = [];
      for (let r = 2; r <= history.rowCount; r += 1) {
        const row = history.getRow(r);
        if (cellText(row.getCell(1)) === "") continue;
        recorded.push(
          `${cellText(row.getCell(1))}|${cellText(row.getCell(2))}|${cellText(row.getCell(3))}|${cellText(row.getCell(6))}`,
        );
      }
      assert.ok(
        recorded.includes("Q1 2012-13|Plan 2011-12|2|Amber"),
        "action 2's Amber is recorded under the label",
      );

      await openTab(page, "My actions");
      await pane(page).getByRole("combobox", { name: "I am" }).selectOption("CS");
      const card = pane(page)
        .getByRole("listitem")
        .filter({
          has: page.getByRole("button", { name: "Update action 2 on Plan 2011-12" }),
        });
      assert.equal((await card.locator("[data-direction]").textContent()).trim(), "→ same as Q1 2012-13");
      await card.getByRole("button", { name: "Update action 2 on Plan 2011-12" }).click();
      const form = pane(page).getByRole("form", { name: "Update action 2" });
      await form.getByRole("combobox", { name: /Status/ }).selectOption("Red");
      await saveUpdate(page, form, "Sign-off slipped to September.");
      await idle(page);
      const direction = card.locator("[data-direction]");
      assert.equal((await direction.textContent()).trim(), "↓ worse than Q1 2012-13");
      assert.equal(await direction.getAttribute("data-direction"), "worsened");
      await screenshot(shared, "direction-of-travel");
      await axeScan(shared, "My actions with direction of travel");
      // The Summary of that period lists the Red action with its direction in words.
      await openTab(page, "Summary");
      const periodPicker = pane(page).getByRole("combobox", { name: /Period/ });
      const chosen = await periodPicker.locator("option", { hasText: /^2011-12/ }).getAttribute("value");
      await periodPicker.selectOption(chosen);
      await pane(page)
        .getByRole("button", { name: /^(Build|Refresh) summary sheet…$/ })
        .click();
      await idle(page);
      await pane(page).getByRole("button", { name: "Build summary", exact: true }).click();
      await pane(page)
        .getByText(/^The Summary sheet is (built|refreshed)/)
        .waitFor({ timeout: 30_000 });
      const summaryRows = (await page.evaluate(() => window.__playground.snapshot())).sheets
        .find((s) => s.name === "Summary")
        .cells.map((row) => row.map((c) => (c ? c.text : "")));
      const row = summaryRows.find((r) =>
        r.some((t) => t.startsWith("Develop a multi-agency Risk Assessment")),
      );
      assert.ok(row !== undefined, "the Red action is among the exceptions");
      assert.ok(row.includes("Worsened"), `its direction of travel is in words: ${row.join(" | ")}`);
    },
  },
  {
    name: "makes a lead's return, downloads it, and merges it back once filled in, from the Returns pane",
    async run(shared) {
      const { page } = shared;
      await openTab(page, "Returns");
      const make = pane(page).getByRole("button", { name: /^Make \d+ returns?$/ });
      await make.waitFor();
      await make.click();
      await pane(page)
        .getByText(/returns? ready to download/)
        .waitFor({ timeout: 30_000 });
      const link = pane(page)
        .getByRole("link", { name: /^Download .+ return .+\.xlsx$/ })
        .first();
      const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
      assert.match(download.suggestedFilename(), / return .+\.xlsx$/);
      // The lead fills it in (a script edits the file, as the lead would in Excel) and sends it back.
      const returned = new ExcelJS.Workbook();
      await returned.xlsx.readFile(await download.path());
      const sheet = returned.getWorksheet("Return");
      assert.equal(returned.getWorksheet("ReturnIdentity").state, "veryHidden");
      const ref = cellText(sheet.getCell("A11"));
      const words = "Checked in the browser =1+1";
      sheet.getCell("F11").value = "Amber";
      sheet.getCell("G11").value = words;
      const buffer = Buffer.from(await returned.xlsx.writeBuffer());
      await pane(page)
        .locator('input[type="file"]')
        .setInputFiles({ name: "filled return.xlsx", mimeType: "application/octet-stream", buffer });
      await pane(page)
        .getByText(/^To be written \(1\)$/)
        .waitFor({ timeout: 30_000 });
      await screenshot(shared, "returns");
      await axeScan(shared, "Returns");
      await pane(page).getByRole("button", { name: "Apply 1 answer" }).click();
      await pane(page)
        .getByText(/^Merge 1 answer from 1 return/)
        .waitFor({ timeout: 30_000 });
      const texts = (await page.evaluate(() => window.__playground.snapshot())).sheets
        .flatMap((s) => s.cells.flatMap((row) => row.map((c) => (c ? c.text : ""))))
        .join("\n");
      assert.ok(texts.includes(words), `the lead's update for ${ref} is in the workbook, as text`);
      assert.match(texts, /return received 01\/05\/2012/);
      await openTab(page, "Overview");
    },
  },
  {
    name: "an opened workbook's cell text is shown only as text, never as markup",
    async run(shared) {
      const { page } = shared;
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("Plan 2013-14");
      ws.addRow(["Ref", "Action", "Lead", "Update", "Status"]);
      const hostile = '<img src=x onerror="window.__xss=1"><b>bold</b>';
      ws.addRow(["1", hostile, "Police", "", "Red"]);
      const buffer = Buffer.from(await wb.xlsx.writeBuffer());
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: "hostile.xlsx", mimeType: "application/octet-stream", buffer });
      await page.getByText(/^hostile\.xlsx/).waitFor();
      await idle(page);
      const cell = page.locator('td[data-cell="B2"]');
      assert.equal(await cell.textContent(), hostile);
      await openTab(page, "Check");
      assert.equal(await page.locator("img").count(), 0, "no element was made from cell text");
      assert.equal(await page.evaluate(() => window.__xss), undefined);
    },
  },
  {
    name: "a file that is not a workbook gets a clear message and the workbook stays open",
    async run(shared) {
      const { page } = shared;
      await page.locator('input[type="file"]').setInputFiles({
        name: "notes.xlsx",
        mimeType: "application/octet-stream",
        buffer: Buffer.from("these are not the workbooks you are looking for"),
      });
      await page.getByText(/notes\.xlsx could not be opened/).waitFor();
      await page.getByText(/^hostile\.xlsx/).waitFor();
    },
  },
  ...FIXTURE_FILES.flatMap(newcomerPath),
  {
    name: "the page sends no request to any other host, breaks none of its CSP, and throws no error",
    async run(shared) {
      const { page, origin } = shared;
      const foreign = requests.filter((url) => {
        if (url.startsWith("data:") || url.startsWith("blob:")) return false;
        const host = new URL(url);
        return host.origin !== origin && host.hostname !== "appsforoffice.microsoft.com";
      });
      assert.ok(requests.length > 0, "requests were recorded");
      assert.deepEqual(foreign, [], "requests to other hosts");
      const violations = await page.evaluate(() => window.__cspViolations ?? []);
      assert.deepEqual(violations, [], "Content-Security-Policy violations");
      assert.deepEqual(pageErrors, [], "uncaught errors in the page");
    },
  },
];
