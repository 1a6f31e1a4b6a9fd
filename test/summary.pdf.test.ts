/**
 * `summary --pdf`: the Summary printed by LibreOffice (as CI has it) reads whole on A4. Checked on the
 * PDF's text boxes (`pdftotext -bbox-layout`, poppler-utils): no two lines overprint one another, and
 * every exception's action and latest update is there word for word.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../src/cli/main";
import { readPlan } from "../src/core/reading/read-plan";
import { summarisePlan } from "../src/core/planning/summary";
import { readWorkbookFile, writeWorkbookFile } from "./support/exceljs/xlsx-file";
import { snapshotFromWorkbook } from "./support/exceljs/xlsx-snapshot";
import { requireLibreOffice } from "./support/libreoffice-recalc";

const FIXTURE = path.resolve(__dirname, "../../shared/fixtures/strategic-assessment-action-plan-2009.xlsx");
const TODAY = "2012-04-01";
const dir = mkdtempSync(path.join(os.tmpdir(), "summary-pdf-"));

interface Box {
  readonly page: number;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
  readonly text: string;
}

/** The PDF's text lines with their boxes, and its pages' sizes, from pdftotext -bbox-layout. */
function pdfLayout(pdf: string): { lines: Box[]; pages: Array<{ width: number; height: number }> } {
  const html = execFileSync("pdftotext", ["-bbox-layout", pdf, "-"], { encoding: "utf8" });
  const lines: Box[] = [];
  const pages: Array<{ width: number; height: number }> = [];
  const number = (tag: string, name: string) => Number(new RegExp(`${name}="([\\d.]+)"`).exec(tag)?.[1]);
  for (const page of html.split("<page ").slice(1)) {
    pages.push({ width: number(page, "width"), height: number(page, "height") });
    for (const m of page.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)) {
      const words = [...(m[2] ?? "").matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((w) => w[1] ?? "");
      lines.push({
        page: pages.length,
        xMin: number(m[1] ?? "", "xMin"),
        yMin: number(m[1] ?? "", "yMin"),
        xMax: number(m[1] ?? "", "xMax"),
        yMax: number(m[1] ?? "", "yMax"),
        text: words
          .join(" ")
          .replace(/&amp;/g, "&")
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"'),
      });
    }
  }
  return { lines, pages };
}

/** Pairs of lines on one page whose boxes overlap by more than a point each way (overprinted text). */
function overlapping(lines: readonly Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const a = lines[i] as Box;
      const b = lines[j] as Box;
      if (a.page !== b.page) continue;
      const w = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const h = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      if (w > 1 && h > 1) out.push(`page ${a.page}: "${a.text}" / "${b.text}"`);
    }
  }
  return out;
}

/** The words of `text` missing from the PDF's words (each PDF word used once). */
function missingWords(text: string, pdfWords: Map<string, number>): string[] {
  const missing: string[] = [];
  for (const word of hyphenParts(text.split(/\s+/))) {
    const left = pdfWords.get(word) ?? 0;
    if (left === 0) missing.push(word);
    else pdfWords.set(word, left - 1);
  }
  return missing;
}

/** Words split after their hyphens, as LibreOffice may break a line there ("night-" / "time"). */
function hyphenParts(words: readonly string[]): string[] {
  return words.flatMap((w) => w.split(/(?<=-)/)).filter((w) => w !== "");
}

function wordCounts(lines: readonly Box[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    for (const w of hyphenParts(line.text.split(" "))) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return counts;
}

/** A plan whose exceptions run over several pages: long actions and updates, leads and a marking. */
async function longPlan(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("Plan 2013-14");
  ws.headerFooter = { oddFooter: "&COFFICIAL" };
  ws.addRow(["Ref", "Action", "Lead", "Update", "Status", "Due"]);
  const statuses = ["Red", "Amber", "Green", "Amber", "Red"];
  for (let i = 1; i <= 36; i++) {
    const action = `Action ${i}: work with partners on ${"the night-time economy, licensing and street lighting ".repeat(1 + (i % 3))}in ward ${i}.`;
    const update = `Update ${i}: ${"Meetings held with the licensing team; patrols increased at weekends. ".repeat(1 + (i % 4))}Next review in June.`;
    ws.addRow([
      `${i}`,
      action,
      i % 2 === 0 ? "Police" : "Council ASB Team",
      update,
      statuses[i % 5],
      new Date(Date.UTC(2013, i % 12, 1)),
    ]);
  }
  const file = path.join(dir, "long-plan.xlsx");
  await writeWorkbookFile(workbook, file);
  return file;
}

/** A plan of five themes with every status, for the chart. */
async function themedPlan(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("Plan 2013-14");
  ws.addRow(["Ref", "Action", "Theme", "Lead", "Update", "Status"]);
  const themes = ["Anti-social behaviour", "Alcohol", "Violence", "Drugs", "Criminal damage"];
  const statuses = ["Red", "Amber", "Green", "Complete"];
  themes.forEach((theme, t) => {
    for (let i = 0; i < 4; i++)
      ws.addRow([`${t + 1}.${i + 1}`, `Do ${theme} ${i}`, theme, "Police", "Done", statuses[(t + i) % 4]]);
  });
  const file = path.join(dir, "themed-plan.xlsx");
  await writeWorkbookFile(workbook, file);
  return file;
}

const soffice = requireLibreOffice();

(soffice ? describe : describe.skip)("the Summary printed to PDF by LibreOffice", () => {
  const cases: Array<{ name: string; input: string; pdf: string }> = [];

  beforeAll(async () => {
    for (const [name, input] of [
      ["the 2009 fixture", FIXTURE],
      ["a long plan", await longPlan()],
      ["a plan of five themes", await themedPlan()],
    ] as const) {
      const pdf = path.join(dir, `${cases.length}.pdf`);
      let err = "";
      const code = await main(["summary", input, "--pdf", pdf, "--today", TODAY], {
        out: () => undefined,
        err: (s) => (err += s),
      });
      if (code !== 0) throw new Error(`summary --pdf failed for ${name}: ${err}`);
      cases.push({ name, input, pdf });
    }
  }, 600_000);

  it("prints on A4 landscape pages", () => {
    for (const c of cases) {
      const { pages } = pdfLayout(c.pdf);
      expect(pages.length).toBeGreaterThan(0);
      for (const p of pages) expect([Math.round(p.width), Math.round(p.height)]).toEqual([842, 595]);
    }
  });

  it("prints no line of text over another", () => {
    for (const c of cases) expect(overlapping(pdfLayout(c.pdf).lines)).toEqual([]);
  });

  it("draws the chart of status by theme from the file's chart part, with its legend", () => {
    const themed = cases.find((c) => c.name === "a plan of five themes");
    const { lines, pages } = pdfLayout(themed?.pdf ?? "");
    const last = lines.filter((l) => l.page === pages.length).map((l) => l.text);
    // The chart's title, its category labels (themes) and its legend, drawn by LibreOffice.
    expect(last).toContain("Status by theme");
    expect(last).toEqual(expect.arrayContaining(["Anti-social behaviour", "Criminal damage", "Actions"]));
    // The legend: the four statuses side by side on one line below the bars.
    const legend = ["Red", "Amber", "Green", "Complete"].map((word) =>
      lines.filter((l) => l.page === pages.length && l.text.trim() === word).map((l) => Math.round(l.yMin)),
    );
    const shared = legend[0]?.filter((y) =>
      legend.every((ys) => ys.some((other) => Math.abs(other - y) <= 2)),
    );
    expect(shared?.length).toBeGreaterThan(0);
  });

  it("prints every exception's action and latest update whole", async () => {
    for (const c of cases.filter((x) => x.name !== "a plan of five themes")) {
      const model = readPlan(snapshotFromWorkbook(await readWorkbookFile(c.input)));
      const { exceptions } = summarisePlan(model, TODAY);
      expect(exceptions.length).toBeGreaterThan(3);
      const words = wordCounts(pdfLayout(c.pdf).lines);
      const missing = exceptions.flatMap((e) => missingWords(`${e.action} ${e.update}`, words));
      expect(missing).toEqual([]);
    }
  });

  it("runs the long plan over several pages, each with the title and the marking the plan prints", () => {
    const long = cases.find((c) => c.name === "a long plan");
    const { lines, pages } = pdfLayout(long?.pdf ?? "");
    expect(pages.length).toBeGreaterThan(2);
    for (let page = 1; page <= pages.length; page++) {
      const texts = lines.filter((l) => l.page === page).map((l) => l.text);
      expect(
        texts.some((t) => t.startsWith("long-plan: action plan summary, 2013-14, as at 01/04/2012")),
      ).toBe(true);
      expect(texts).toContain("OFFICIAL");
      expect(texts).toContain(`Page ${page} of ${pages.length}`);
    }
  });

  it("shows the exceptions' column headings again at the top of every page the list runs on to", () => {
    const long = cases.find((c) => c.name === "a long plan");
    const { lines } = pdfLayout(long?.pdf ?? "");
    const isException = (l: Box) => /^Action \d+:/.test(l.text);
    const pages = [...new Set(lines.filter(isException).map((l) => l.page))];
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      const on = lines.filter((l) => l.page === page);
      const firstException = Math.min(...on.filter(isException).map((l) => l.yMin));
      // The list's header row, above the page's first exception: every heading on one line.
      const anchor = on
        .filter((l) => l.text === "Latest update" && l.yMax <= firstException + 1)
        .sort((a, b) => b.yMin - a.yMin)[0];
      expect(anchor).toBeDefined();
      const headings = ["Action", "Ref", "Sheet", "Lead", "Status", "Due", "Why listed", "Theme"];
      const missing = headings.filter(
        (h) => !on.some((l) => l.text === h && Math.abs(l.yMin - (anchor?.yMin ?? -100)) < 4),
      );
      expect(missing.map((h) => `page ${page}: ${h}`)).toEqual([]);
    }
  });

  it("makes a PDF of the Summary alone: every page has its repeated title, none is a plan sheet's", () => {
    const { lines, pages } = pdfLayout(cases[0]?.pdf ?? "");
    for (let page = 1; page <= pages.length; page++) {
      const first = lines.find((l) => l.page === page);
      expect(first?.text).toMatch(/^strategic-assessment-action-plan-2009: action plan summary, 2009, as at/);
    }
  });
});

describe("summary --pdf without LibreOffice", () => {
  it("says how to get LibreOffice, and writes nothing", async () => {
    let err = "";
    const saved = process.env.ACTION_PLAN_SOFFICE;
    process.env.ACTION_PLAN_SOFFICE = path.join(dir, "no-such-soffice");
    try {
      const code = await main(["summary", FIXTURE, "--pdf", path.join(dir, "none.pdf")], {
        out: () => undefined,
        err: (s) => (err += s),
      });
      expect(code).not.toBe(0);
    } finally {
      if (saved === undefined) delete process.env.ACTION_PLAN_SOFFICE;
      else process.env.ACTION_PLAN_SOFFICE = saved;
    }
    expect(err).toMatch(/LibreOffice is not installed, so --pdf cannot make the PDF\. Install it/);
    expect(() => readFileSync(path.join(dir, "none.pdf"))).toThrow();
  });
});
