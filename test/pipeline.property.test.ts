/**
 * Random plans through every operation (issue 7): apply schema → carry-over → summary → a lead's
 * write → re-read, through the file shell with a real save and load at each end. Whatever the sheet
 * names, refs, text, statuses and leads, nothing throws, no value is lost and no text becomes a formula.
 */
import fc from "fast-check";
import ExcelJS from "exceljs";
import {
  lostValues,
  newFormulas,
  ownedValues,
  problemsWithoutPlace,
  runFileShell,
} from "./support/hostile-pipeline";
import { type PackageToValidate, packageProblems } from "./support/ooxml-validate";

/**
 * Anything a person can type or paste: emoji, combining marks, control characters (a vertical tab
 * pasted from Word) and literal "_x000B_" sequences, which the file shell escapes as Excel does.
 */
const typed = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom("line\u000Bbreak from Word", "\u0001start", "typed _x000B_ literally"),
);

const prefixed = fc
  .tuple(fc.constantFrom("=", "+", "-", "@", "", "'", "#REF!"), typed)
  .map(([p, s]) => p + s);

const text = fc.oneof(
  prefixed,
  fc.constantFrom("=SUM(1)", "=1+1", "+44 7700 900123", "-5", "@home", "👮‍♀️🚓", "社区安全", "Zażółć", "a\nb"),
);

const sheetName = fc.oneof(
  fc.constantFrom(
    "2023-24",
    "Jo's plan",
    "It's 2011-12",
    "Violence & exploitation 2023-24",
    "Plan 🚓",
    "Bezpieczeństwo 2022-23",
    "Q1",
    "A 1",
  ),
  typed
    .map((s) =>
      s
        .replace(/[[\]:*?/\\\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]/g, "")
        .replace(/^'+|'+$/g, "")
        .trim(),
    )
    .filter((s) => s.length > 0 && s.length <= 31),
);

const ref = fc.oneof(
  fc.constantFrom("3.1", "3.10", "1", "2", "11.1", "IV", "ASB1", "=1"),
  fc.constantFrom(1, 2, 3.1, 10),
  fc.constant(null),
);

const lead = fc.oneof(fc.constantFrom("A & B", "MW", "TA & CS", "Police, DAT", "=MW", null), typed);

type StatusCell = { value: string | null; fill: string | null };
const status: fc.Arbitrary<StatusCell> = fc.oneof(
  fc
    .constantFrom("Red", "red", "AMBER", "A", "G", "Complete", "C", "Not started", "TBC", "Red ", "=Red", "")
    .map((value) => ({ value, fill: null })),
  fc.constantFrom("FFFF0000", "FFFFC000", "FF00B050", "FF0070C0").map((fill) => ({ value: null, fill })),
);

const row = fc.record({
  ref,
  action: text,
  lead,
  update: fc.oneof(text, fc.constant("")),
  status,
});

type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;

const plan = fc.uniqueArray(
  fc.record({ name: sheetName, rows: fc.array(row, { minLength: 1, maxLength: 6 }) }),
  {
    minLength: 1,
    maxLength: 2,
    selector: (s) => s.name.toLowerCase(),
  },
);

const RESERVED = new Set(["lists", "summary", "carried", "history"]);

function build(sheets: ReadonlyArray<{ name: string; rows: ReadonlyArray<Row> }>) {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.getCell("A1").value = "Action plan";
    ["Ref", "Action", "Lead", "Update", "Status"].forEach((h, c) => (ws.getCell(3, c + 1).value = h));
    s.rows.forEach((r, i) => {
      const put = (c: number, v: string | number | null) => {
        if (v !== null && v !== "") ws.getCell(4 + i, c).value = v;
      };
      put(1, r.ref);
      put(2, r.action);
      put(3, r.lead);
      put(4, r.update);
      put(5, r.status.value);
      if (r.status.fill !== null) {
        ws.getCell(4 + i, 5).fill = { type: "pattern", pattern: "solid", fgColor: { argb: r.status.fill } };
      }
    });
  }
  return wb;
}

describe("random plans through every operation, saved and loaded", () => {
  it("lose no value, turn no text into a formula, and place every problem", async () => {
    const reached = { carried: 0, summaries: 0, leadWrites: 0 };
    const written: PackageToValidate[] = [];
    await fc.assert(
      fc.asyncProperty(
        plan.filter((sheets) => sheets.every((s) => !RESERVED.has(s.name.toLowerCase()))),
        async (sheets) => {
          const run = await runFileShell(build(sheets));
          run.packages.forEach((bytes, i) =>
            written.push({ label: `${JSON.stringify(sheets)} write ${i + 1}`, bytes }),
          );
          if ((run.carry?.carried.length ?? 0) > 0) reached.carried++;
          if (run.summary !== null) reached.summaries++;
          if (run.lead?.plan) reached.leadWrites++;
          expect(lostValues(run, ownedValues(run))).toEqual([]);
          expect(newFormulas(run)).toEqual([]);
          expect(problemsWithoutPlace(run)).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
    // The random plans reach every operation, not only the reader.
    expect(reached.carried).toBeGreaterThan(0);
    expect(reached.summaries).toBeGreaterThan(0);
    expect(reached.leadWrites).toBeGreaterThan(0);
    // Every package written is one Excel opens without repairs (validated together: one xmllint per schema).
    expect(written.length).toBeGreaterThan(30);
    expect(await packageProblems(written)).toEqual([]);
    // 30 random workbooks through four operations take about 30 s alone; a loaded CI machine, twice that.
  }, 180000);
});
