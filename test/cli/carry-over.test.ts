import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../../src/cli/main";
import { ACTIONS_SHOWN_PER_SHEET } from "../../src/cli/carry-over-command";
import { packageProblems } from "../support/ooxml-validate";
import { rawWorkbook, rowXml } from "../support/raw-workbook";
import { readPlan } from "../../src/core/reading/read-plan";
import { readWorkbookFile } from "../support/exceljs/xlsx-file";
import { snapshotFromWorkbook } from "../support/exceljs/xlsx-snapshot";

const FIXTURES = path.resolve(__dirname, "../../../shared/fixtures");
const PLAN_2009 = path.join(FIXTURES, "strategic-assessment-action-plan-2009.xlsx");
const PLAN_2011 = path.join(FIXTURES, "community-safety-plan-2011-12.xlsx");
const THEMES = ["1 ASB", "2 Alcohol", "3 Violence", "4 Drugs", "5 Criminal Damage", "6 Emerging Issues"];

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["carry-over", ...argv], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join(""), err: err.join("") };
}

async function sheetsAndActions(file: string) {
  const snapshot = snapshotFromWorkbook(await readWorkbookFile(file));
  return { sheets: snapshot.sheets.map((s) => s.name), actions: readPlan(snapshot).actions };
}

/** A workbook of one sheet holding `rows` of text from A1 (as Excel writes it, through raw XML). */
function oneSheetWorkbook(sheet: string, rows: ReadonlyArray<readonly string[]>): Uint8Array {
  const body = `<sheetData>${rows.map((r, i) => rowXml(i + 1, r)).join("")}</sheetData>`;
  return rawWorkbook({ sheets: [{ name: sheet, body }] });
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "carry-cli-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("action-plan carry-over", () => {
  it("writes the new year's sheet to the output, says what it carried and leaves the input alone", async () => {
    const input = path.join(dir, "plan.xlsx");
    copyFileSync(PLAN_2009, input);
    const original = readFileSync(input);
    const output = path.join(dir, "out.xlsx");
    const result = await run(input, "--from", "Action Plan 2009", "-o", output);
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Carried 16 actions from 'Action Plan 2009' to 'Action Plan 2010':/);
    expect(result.out).toContain("Action Plan 2009 / 11.1");
    expect(readFileSync(input).equals(original)).toBe(true);
    const written = await sheetsAndActions(output);
    expect(written.sheets).toEqual(["Action Plan 2009", "Action Plan 2010", "Lists"]);
    expect(written.actions.filter((a) => a.sheet === "Action Plan 2010")).toHaveLength(16);
  });

  it("renumbers and takes a target name when asked", async () => {
    const output = path.join(dir, "out.xlsx");
    const result = await run(
      PLAN_2009,
      "--from",
      "Action Plan 2009",
      "--to",
      "Plan 2010-11",
      "--renumber",
      "-o",
      output,
    );
    expect(result.code).toBe(0);
    const onTarget = (await sheetsAndActions(output)).actions.filter((a) => a.sheet === "Plan 2010-11");
    // The parent row "1 | Carried over from …" groups the actions numbered under it but names no
    // priority: they keep the themes they had on the 2009 sheet (none: it has no priority rows).
    expect(onTarget.slice(0, 3).map((a) => [a.ref, a.theme])).toEqual([
      ["1.1", null],
      ["1.2", null],
      ["1.3", null],
    ]);
  });

  it("chooses the latest year's sheet when --from is left out, and says so", async () => {
    const output = path.join(dir, "out.xlsx");
    const result = await run(PLAN_2009, "-o", output);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/Carrying from 'Action Plan 2009'/);
  });

  it("updates the file in place keeping a .bak, and adds nothing on a second run", async () => {
    const input = path.join(dir, "plan.xlsx");
    copyFileSync(PLAN_2009, input);
    const original = readFileSync(input);
    expect((await run(input, "--from", "Action Plan 2009", "--in-place")).code).toBe(0);
    expect(readFileSync(`${input}.bak`).equals(original)).toBe(true);
    const second = await run(input, "--from", "Action Plan 2009", "--in-place");
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/Nothing new to carry/);
    expect(second.out).toMatch(/Already on 'Action Plan 2010' \(not carried again\): 16/);
    const after = await sheetsAndActions(input);
    expect(after.actions.filter((a) => a.sheet === "Action Plan 2010")).toHaveLength(16);
  });

  it("prints one clear line and exits non-zero for a sheet that does not exist", async () => {
    const output = path.join(dir, "out.xlsx");
    const result = await run(PLAN_2009, "--from", "Plan 2008", "-o", output);
    expect(result.code).not.toBe(0);
    expect(result.err.trim().split("\n")).toHaveLength(1);
    expect(result.err).toMatch(/no sheet named 'Plan 2008'/);
    expect(existsSync(output)).toBe(false);
  });

  it("refuses a target name Excel would not accept, writing nothing", async () => {
    const output = path.join(dir, "out.xlsx");
    const result = await run(PLAN_2009, "--from", "Action Plan 2009", "--to", "2010/11", "-o", output);
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/'\/'/);
    expect(existsSync(output)).toBe(false);
  });

  it("refuses to overwrite the input without --in-place", async () => {
    const input = path.join(dir, "plan.xlsx");
    copyFileSync(PLAN_2009, input);
    const result = await run(input, "--from", "Action Plan 2009", "-o", input);
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/--in-place/);
  });

  it("names the file in one line when it is not a workbook", async () => {
    const input = path.join(dir, "notes.xlsx");
    writeFileSync(input, "just some text");
    const result = await run(input, "--from", "2011-12", "-o", path.join(dir, "out.xlsx"));
    expect(result.code).not.toBe(0);
    expect(result.err.trim().split("\n")).toHaveLength(1);
    expect(result.err).toContain("notes.xlsx");
  });

  it("carries a whole period kept as one sheet per theme with --from PERIOD, each to a sheet of the new period", async () => {
    const output = path.join(dir, "out.xlsx");
    const before = await sheetsAndActions(PLAN_2011);
    const result = await run(PLAN_2011, "--from", "2011-12", "--today", "2012-04-01", "-o", output);
    expect(result.code).toBe(0);
    const written = await sheetsAndActions(output);
    const newSheets = THEMES.map((t) => `${t} 2012-13`);
    expect(written.sheets).toEqual([...THEMES, ...newSheets, "Lists"]);
    for (const theme of THEMES) {
      const open = before.actions.filter((a) => a.sheet === theme && a.status !== "Complete");
      const carried = written.actions.filter((a) => a.sheet === `${theme} 2012-13`);
      expect(carried.map((a) => a.action)).toEqual(open.map((a) => a.action));
      expect(result.out).toContain(`from '${theme}' to '${theme} 2012-13'`);
    }
    expect(result.out).toMatch(/of 2011-12 from 6 sheets in all/);
    for (const theme of THEMES) {
      expect(written.actions.filter((a) => a.sheet === theme)).toEqual(
        before.actions.filter((a) => a.sheet === theme),
      );
    }
    expect(await packageProblems([{ label: "2011-12 carried over", bytes: readFileSync(output) }])).toEqual(
      [],
    );
    const again = await run(output, "--from", "2011-12", "--in-place");
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/Nothing new to carry from '1 ASB' to '1 ASB 2012-13'/);
    expect((await sheetsAndActions(output)).sheets).toEqual([...THEMES, ...newSheets, "Lists"]);
  });

  it("asks for the period when --from is left out and no sheet or title names one", async () => {
    const output = path.join(dir, "out.xlsx");
    const result = await run(PLAN_2011, "-o", output);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--from PERIOD/);
    expect(existsSync(output)).toBe(false);
  });

  it("still takes one sheet's name with --from", async () => {
    const output = path.join(dir, "out.xlsx");
    const result = await run(PLAN_2011, "--from", "2 Alcohol", "--to", "2 Alcohol 2012-13", "-o", output);
    expect(result.code).toBe(0);
    expect((await sheetsAndActions(output)).sheets).toEqual([
      ...THEMES.slice(0, 2),
      "2 Alcohol 2012-13",
      ...THEMES.slice(2),
      "Lists",
    ]);
  });

  it("refuses --to with a period of several sheets, and a period no table names, writing nothing", async () => {
    const output = path.join(dir, "out.xlsx");
    const several = await run(PLAN_2011, "--from", "2011-12", "--to", "Next", "-o", output);
    expect(several.code).not.toBe(0);
    expect(several.err).toMatch(/6 sheets/);
    const none = await run(PLAN_2009, "--from", "2008-09", "-o", output);
    expect(none.code).not.toBe(0);
    expect(none.err).toMatch(/No table names the period '2008-09' either \(the periods are 2009\)/);
    expect(existsSync(output)).toBe(false);
  });

  it("keeps a status outside the list and says so by default, clears it when asked, and refuses an unknown choice", async () => {
    const input = path.join(dir, "tbc.xlsx");
    const rows = [
      ["Plan 2011-12"],
      [],
      ["Ref", "Action", "Lead", "Update", "Status"],
      ["1", "Patrol the parks", "Police", "Started", "TBC"],
      ["2", "Train bar staff", "DAT", "Booked", "Amber"],
    ];
    writeFileSync(input, oneSheetWorkbook("2011-12", rows));
    const output = path.join(dir, "out.xlsx");
    const bad = await run(input, "--past-due", "later", "-o", output);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--past-due takes keep, roll, clear/);
    const kept = await run(input, "--from", "2011-12", "-o", output);
    expect(kept.code).toBe(0);
    expect(kept.err).toMatch(/warning: 2011-12!E4: .*'TBC'.*not in the status list/);
    const keptStatuses = (await sheetsAndActions(output)).actions.filter((a) => a.sheet === "2012-13");
    expect(keptStatuses.map((a) => a.statusText)).toEqual(["TBC", "Amber"]);
    const cleared = await run(input, "--from", "2011-12", "--unlisted-status", "clear", "-o", output);
    expect(cleared.code).toBe(0);
    const clearedStatuses = (await sheetsAndActions(output)).actions.filter((a) => a.sheet === "2012-13");
    expect(clearedStatuses.map((a) => a.statusText)).toEqual([null, "Amber"]);
  });

  it("lists the first actions it carried from a long sheet and says how many more the new sheet holds", async () => {
    const input = path.join(dir, "long.xlsx");
    const count = ACTIONS_SHOWN_PER_SHEET + 12;
    const rows = [
      ["Plan 2011-12"],
      [],
      ["Ref", "Action", "Lead", "Update", "Status"],
      ...Array.from({ length: count }, (_, i) => [
        String(i + 1),
        `Action number ${i + 1}`,
        "Police",
        "",
        "Amber",
      ]),
    ];
    writeFileSync(input, oneSheetWorkbook("2011-12", rows));
    const output = path.join(dir, "out.xlsx");
    const result = await run(input, "--from", "2011-12", "-o", output);
    expect(result.code).toBe(0);
    const lines = result.out.split("\n");
    expect(lines[0]).toBe(`Carried ${count} actions from '2011-12' to '2012-13':`);
    const listed = lines.filter((line) => /Action number \d+$/.test(line));
    expect(listed).toHaveLength(ACTIONS_SHOWN_PER_SHEET);
    expect(listed.at(-1)).toMatch(new RegExp(`Action number ${ACTIONS_SHOWN_PER_SHEET}$`));
    expect(lines[ACTIONS_SHOWN_PER_SHEET + 1]).toBe("  …and 12 more, all on '2012-13'.");
    const carried = (await sheetsAndActions(output)).actions.filter((a) => a.sheet === "2012-13");
    expect(carried).toHaveLength(count);
  });

  it("leaves out the actions named with --leave, by ref", async () => {
    const output = path.join(dir, "out.xlsx");
    const result = await run(PLAN_2009, "--from", "Action Plan 2009", "--leave", "11.1", "-o", output);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Carried 15 actions/);
    expect(result.out).not.toContain("Action Plan 2009 / 11.1 ");
    const carried = (await sheetsAndActions(output)).actions.filter((a) => a.sheet === "Action Plan 2010");
    expect(carried).toHaveLength(15);
  });

  it("prints what it did as one JSON object with --json", async () => {
    const output = path.join(dir, "out.xlsx");
    const result = await run(PLAN_2009, "--from", "Action Plan 2009", "-o", output, "--json");
    expect(result.code).toBe(0);
    expect(result.err).toBe("");
    const printed = JSON.parse(result.out) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual(["title", "changes", "problems", "skipped", "output", "backup"]);
    expect(printed.output).toBe(output);
    expect(printed.title).toMatch(/Carry 16 actions|16/);
  });
});

describe("carry-over of a sheet with a hidden column", () => {
  it("keeps the hidden column hidden on the new sheet, in a file that stays valid", async () => {
    const body = `<cols><col min="3" max="3" width="20" hidden="1" customWidth="1"/></cols><sheetData>${[
      ["Drugs and Alcohol Partnership 2024-25"],
      [],
      ["Ref", "Action", "Internal notes", "Lead", "Progress", "Status"],
      ["D1", "Naloxone in custody suites", "do not share", "Police", "Live in 2 of 3 suites", "Amber"],
      ["D2", "Alcohol IBA in A&E", "ok", "Health", "Running", "Green"],
    ]
      .map((r, i) => rowXml(i + 1, r))
      .join("")}</sheetData>`;
    const input = path.join(dir, "hidden.xlsx");
    writeFileSync(input, rawWorkbook({ sheets: [{ name: "Actions 2024-25", body }] }));
    const out = path.join(dir, "out.xlsx");
    const result = await run(input, "--today", "2025-04-15", "-o", out);
    expect(result.code).toBe(0);
    const snapshot = snapshotFromWorkbook(await readWorkbookFile(out));
    const carried = snapshot.sheets.find((s) => s.name === "Actions 2025-26");
    const header = carried?.cells.find((row) => row.some((c) => c?.text === "Internal notes")) ?? [];
    const notes = header.findIndex((c) => c?.text === "Internal notes");
    expect(notes).toBeGreaterThanOrEqual(0);
    expect(carried?.hiddenColumns).toEqual([notes]);
    expect(await packageProblems([{ label: "hidden column carried", bytes: readFileSync(out) }])).toEqual([]);
  });
});

describe("carry-over of a sheet with a hidden row", () => {
  it("keeps the hidden action's row hidden on the new sheet, and only it, in a file that stays valid", async () => {
    const rows = [
      ["Drugs and Alcohol Partnership 2024-25"],
      [],
      ["Ref", "Action", "Lead", "Progress", "Status"],
      ["D1", "Naloxone in custody suites", "Police", "Live in 2 of 3 suites", "Amber"],
      ["D2", "Alcohol IBA in A&E", "Health", "Running", "Green"],
      ["D3", "Drug-related death reviews", "Public Health", "Backlog of 6 cases", "Red"],
      ["D4", "Needle exchange in pharmacies", "Public Health", "Complete", "Complete"],
    ];
    const body = `<sheetData>${rows.map((r, i) => rowXml(i + 1, r, i === 5 ? ' hidden="1"' : "")).join("")}</sheetData>`;
    const input = path.join(dir, "hidden-row.xlsx");
    writeFileSync(input, rawWorkbook({ sheets: [{ name: "Actions 2024-25", body }] }));
    const out = path.join(dir, "out.xlsx");
    const result = await run(input, "--today", "2025-04-15", "-o", out);
    expect(result.code).toBe(0);
    const snapshot = snapshotFromWorkbook(await readWorkbookFile(out));
    const carried = snapshot.sheets.find((s) => s.name === "Actions 2025-26");
    const d3 =
      carried?.cells.findIndex((row) => row.some((c) => c?.text === "Drug-related death reviews")) ?? -1;
    expect(d3).toBeGreaterThan(0);
    expect(carried?.hiddenRows).toEqual([d3]);
    expect(await packageProblems([{ label: "hidden row carried", bytes: readFileSync(out) }])).toEqual([]);
  });
});
