/** The file shell: `action-plan snapshot`, `update` and `inspect --json` over .xlsx files. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { readWorkbookFile } from "../support/exceljs/xlsx-file";
import { snapshotFromWorkbook } from "../support/exceljs/xlsx-snapshot";
import { readStatusHistory } from "../../src/core/reading/status-history";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "history-cli-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join(""), err: err.join("") };
}

/** A plan with a title above the table, a note to the right of it and four actions. */
async function planFile(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("2012-13");
  ws.addRow(["Community safety plan 2012-13"]);
  ws.addRow([]);
  ws.addRow(["Ref", "Action", "Lead", "Update", "Status"]);
  ws.addRow(["1.1", "Patrol the park", "POL", "Patrols weekly", "Green"]);
  ws.addRow(["1.2", "Youth club funding", "YOS", "Bid in", "Amber"]);
  ws.addRow(["1.3", "CCTV review", "CS", "Cameras down", "Red"]);
  ws.addRow(["1.4", "Not begun", "CS", "", "Not started"]);
  ws.getCell("H4").value = "note kept beside the table";
  const file = path.join(dir, "plan.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

interface JsonAction {
  ref: string;
  status: string | null;
  update: string;
  history: Array<{ period: string; status: string | null; update: string }>;
  direction: string | null;
}

async function inspect(file: string): Promise<{ actions: JsonAction[]; problems: Array<{ rule: string }> }> {
  const result = await run("inspect", file, "--json");
  expect(result.code).toBe(0);
  return JSON.parse(result.out) as { actions: JsonAction[]; problems: Array<{ rule: string }> };
}

describe("snapshot → update → inspect", () => {
  it("gives the right direction of travel to every action", async () => {
    const input = await planFile();
    const closed = path.join(dir, "closed.xlsx");
    const snap = await run("snapshot", input, "--label", "Q1 2012-13", "-o", closed);
    expect(snap).toMatchObject({ code: 0, err: "" });
    expect(snap.out).toContain("Recorded 4 actions under 'Q1 2012-13' on 'Status history'.");

    const up1 = path.join(dir, "up1.xlsx");
    expect(
      (
        await run(
          "update",
          closed,
          "--sheet",
          "2012-13",
          "--ref",
          "1.1",
          "--status",
          "amber",
          "--update",
          "Patrols cut",
          "--today",
          "2012-07-10",
          "-o",
          up1,
        )
      ).code,
    ).toBe(0);
    const up2 = path.join(dir, "up2.xlsx");
    expect(
      (
        await run(
          "update",
          up1,
          "--sheet",
          "2012-13",
          "--ref",
          "1.3",
          "--status",
          "Complete",
          "--update",
          "Cameras fixed",
          "--today",
          "2012-07-10",
          "-o",
          up2,
        )
      ).code,
    ).toBe(0);
    const up3 = path.join(dir, "up3.xlsx");
    expect(
      (
        await run(
          "update",
          up2,
          "--sheet",
          "2012-13",
          "--ref",
          "1.4",
          "--status",
          "Red",
          "--update",
          "Stalled",
          "--today",
          "2012-07-10",
          "-o",
          up3,
        )
      ).code,
    ).toBe(0);

    const json = await inspect(up3);
    expect(json.actions.map((a) => [a.ref, a.status, a.direction])).toEqual([
      ["1.1", "Amber", "worsened"],
      ["1.2", "Amber", "unchanged"],
      ["1.3", "Complete", "improved"],
      ["1.4", "Red", "worsened"],
    ]);
    expect(json.actions[0]?.history).toEqual([
      { period: "Q1 2012-13", status: "Green", update: "Patrols weekly" },
    ]);
    // The pane's rule: the new update on top, dated, the previous one kept below it.
    expect(json.actions[0]?.update).toBe("10/07/2012: Patrols cut\n\nPatrols weekly");
  });

  it("replaces a re-closed label's rows in the file, keeps the other labels and grows the table over the rows", async () => {
    const input = await planFile();
    const a = path.join(dir, "a.xlsx");
    const b = path.join(dir, "b.xlsx");
    const c = path.join(dir, "c.xlsx");
    const d = path.join(dir, "d.xlsx");
    await run("snapshot", input, "--label", "Q1", "-o", a);
    await run("snapshot", a, "--label", "Q2", "-o", b);
    await run("update", b, "--sheet", "2012-13", "--ref", "1.2", "--status", "Green", "-o", c);
    const again = await run("snapshot", c, "--label", "q2", "-o", d);
    expect(again.out).toContain("replacing the 4 rows recorded for 'q2' before");
    const history = readStatusHistory(snapshotFromWorkbook(await readWorkbookFile(d)));
    expect(history.problems).toEqual([]);
    expect(history.table?.rows.map((r) => `${r.period} ${r.ref ?? ""} ${r.status ?? ""}`)).toEqual([
      "Q1 1.1 Green",
      "Q1 1.2 Amber",
      "Q1 1.3 Red",
      "Q1 1.4 Not started",
      "q2 1.1 Green",
      "q2 1.2 Green",
      "q2 1.3 Red",
      "q2 1.4 Not started",
    ]);
    expect(history.table?.listObject?.range).toEqual({ top: 0, left: 0, bottom: 8, right: 7 });
    expect(history.table?.rows[0]?.recordedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("refuses an empty or over-long label, writing nothing", async () => {
    const input = await planFile();
    const out = path.join(dir, "out.xlsx");
    for (const label of ["  ", "x".repeat(256)]) {
      const result = await run("snapshot", input, "--label", label, "-o", out);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(
        /^action-plan: (Give the period a label|The period label has 256 characters)/,
      );
    }
    expect(() => readFileSync(out)).toThrow();
  });
});

describe("action-plan update", () => {
  it("writes the text as text and only that row's Update and Status cells", async () => {
    const input = await planFile();
    const out = path.join(dir, "out.xlsx");
    const result = await run(
      "update",
      input,
      "--sheet",
      "2012-13",
      "--ref",
      "1.2",
      "--status",
      "Red",
      "--update",
      "=SUM(A1:A3)",
      "--today",
      "2012-07-10",
      "-o",
      out,
    );
    expect(result).toMatchObject({ code: 0, err: "" });
    const before = snapshotFromWorkbook(await readWorkbookFile(input));
    const after = snapshotFromWorkbook(await readWorkbookFile(out));
    const changed: string[] = [];
    after.sheets.forEach((s, si) =>
      s.cells.forEach((row, r) =>
        row.forEach((cell, c) => {
          const old = before.sheets[si]?.cells[r]?.[c] ?? null;
          if (
            (old?.value ?? null) !== (cell?.value ?? null) ||
            (old?.formula ?? null) !== (cell?.formula ?? null)
          )
            changed.push(`${s.name}!${r},${c}=${String(cell?.value)}|${String(cell?.formula)}`);
        }),
      ),
    );
    expect(changed).toEqual(["2012-13!4,3=10/07/2012: =SUM(A1:A3)\n\nBid in|null", "2012-13!4,4=Red|null"]);
  });

  it.each([
    [["--status", "Amber", "--update", ""], /Amber needs an update/],
    [["--status", "Complete", "--update", " "], /Complete needs an update/],
    [["--status", "Purple"], /'Purple' is not a status/],
  ])("refuses %j with the pane's rule", async (flags, message) => {
    const input = await planFile();
    const out = path.join(dir, "out.xlsx");
    const result = await run("update", input, "--sheet", "2012-13", "--ref", "1.4", ...flags, "-o", out);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(message);
  });

  it("puts the new update on top, dated --today, keeping the previous one and its hyperlink below it", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("ASB 2024-25");
    ws.addRow(["ASB Action Plan"]);
    ws.addRow([]);
    ws.addRow(["Ref", "Action", "Lead", "Update", "Status"]);
    ws.addRow(["1", "Community trigger campaign", "CS", "Leaflets printed", "Green"]);
    ws.addRow(["2", "Deploy mobile CCTV", "Police", "See report", "Amber"]);
    ws.getCell("D5").value = { text: "See report", hyperlink: "https://example.org/cctv-report" };
    const input = path.join(dir, "links.xlsx");
    await wb.xlsx.writeFile(input);
    const out = path.join(dir, "out.xlsx");
    const result = await run(
      "update",
      input,
      "--sheet",
      "ASB 2024-25",
      "--ref",
      "2",
      "--update",
      "new text",
      "--today",
      "2025-04-15",
      "-o",
      out,
    );
    expect(result).toMatchObject({ code: 0, err: "" });
    const json = await inspect(out);
    expect(json.actions.map((a) => [a.ref, a.status, a.update])).toEqual([
      ["1", "Green", "Leaflets printed"],
      ["2", "Amber", "15/04/2025: new text\n\nSee report"],
    ]);
    // The link belonged to the previous update, which the cell still holds: it stays, as Excel keeps it.
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(out);
    expect(written.getWorksheet("ASB 2024-25")?.getCell("D5").hyperlink).toBe(
      "https://example.org/cctv-report",
    );
  });

  it.each(["2025-13-45", "2025-02-30", "15/04/2025", "today"])(
    "refuses --today %s with the usage exit code, writing nothing",
    async (today) => {
      const input = await planFile();
      const out = path.join(dir, "out.xlsx");
      const result = await run(
        "update",
        input,
        "--sheet",
        "2012-13",
        "--ref",
        "1.1",
        "--update",
        "x",
        "--today",
        today,
        "-o",
        out,
      );
      expect(result.code).toBe(2);
      expect(result.err).toContain(
        `--today needs a real date as YYYY-MM-DD (for example 2013-01-15), not '${today}'`,
      );
      expect(() => readFileSync(out)).toThrow();
    },
  );

  it("asks for --status rather than keep a status only guessed from the cell's colour", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("2012-13");
    ws.addRow(["Ref", "Action", "Lead", "Update", "Status"]);
    ws.addRow(["1.1", "Patrol the park", "POL", "Patrols weekly", null]);
    // A purple fill reads as Complete only as a guess (status/fill-guessed).
    ws.getCell("E2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF7030A0" } };
    const input = path.join(dir, "guessed.xlsx");
    await wb.xlsx.writeFile(input);
    const out = path.join(dir, "out.xlsx");
    const result = await run(
      "update",
      input,
      "--sheet",
      "2012-13",
      "--ref",
      "1.1",
      "--update",
      "Going",
      "-o",
      out,
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/only guessed as Complete from its colour/);
    expect(result.err).toMatch(/give one with --status/);
  });

  it("refuses a ref that is not on the sheet, and arguments it cannot use", async () => {
    const input = await planFile();
    const out = path.join(dir, "out.xlsx");
    const missing = await run(
      "update",
      input,
      "--sheet",
      "2012-13",
      "--ref",
      "9.9",
      "--status",
      "Green",
      "-o",
      out,
    );
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/action 9.9 is no longer on '2012-13'/);
    const nothing = await run("update", input, "--sheet", "2012-13", "--ref", "1.1", "-o", out);
    expect(nothing.code).toBe(2);
    expect(nothing.err).toMatch(/give --status, --update or both/);
  });
});
