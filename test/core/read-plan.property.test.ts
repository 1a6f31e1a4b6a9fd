import fc from "fast-check";
import { checkPlan } from "../../src/core/checking/check-plan";
import { readPlan } from "../../src/core/reading/read-plan";
import { parseCellAddress } from "../../src/core/basics/cell-address";
import { sheet, workbook, type CellSpec } from "../support/snapshot-builder";

const words = fc.constantFrom(
  "Ref",
  "No",
  "Action",
  "Recommendation",
  "Lead",
  "Agency",
  "Update",
  "Status",
  "RAG",
  "Due",
  "Theme",
  "Key:",
  "ACTION POINT LEADS:",
  "LEADS: MW – Mick",
  "THEMATIC LEAD:",
  "Red",
  "A",
  "TBC",
  "MW",
  "TA & CS",
  "1",
  "3.10",
  "IV",
  "#REF!",
  "=SUM(A1)",
  "",
  " ",
  "🚓",
  "Complete",
  "Not started",
);
const cellSpec: fc.Arbitrary<CellSpec> = fc.oneof(
  fc.constant(null),
  words,
  fc.string({ maxLength: 12 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.record({
    value: fc.oneof(fc.constant(null), words, fc.integer({ min: -10, max: 3_000_000 })),
    fill: fc.constantFrom(null, "#FF0000", "#0070C0", "#7030A0", "#FFFFFF", "bad"),
    numberFormat: fc.constantFrom("General", "dd/mm/yyyy", "@", "0.00", ""),
    isError: fc.boolean(),
  }),
);
const grid = fc.array(fc.array(cellSpec, { maxLength: 8 }), { maxLength: 25 });
const range = fc
  .record({ top: fc.nat(25), left: fc.nat(8), height: fc.nat(3), width: fc.nat(3) })
  .map(({ top, left, height, width }) => ({ top, left, bottom: top + height, right: left + width }));

describe("readPlan on random grids", () => {
  it("never throws, and every problem names a sheet and a cell (or the workbook for none-found)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.constantFrom("Plan", "Lists", "Summary", "It's 2011", "Leads", "Sheet1"),
            rows: grid,
            merges: fc.array(range, { maxLength: 3 }),
          }),
          { maxLength: 3 },
        ),
        (sheets) => {
          const model = readPlan(workbook(...sheets.map((s) => sheet(s.name, s.rows, { merges: s.merges }))));
          const problems = checkPlan(model, "2024-06-01");
          for (const p of problems) {
            expect(typeof p.sheet).toBe("string");
            expect(p.message.length).toBeGreaterThan(0);
          }
          // A workbook-wide problem has no cell; every other names a sheet of the workbook and a cell.
          const workbookWide = problems.filter((p) => p.rule === "table/none-found");
          expect(workbookWide.filter((p) => p.cell !== "")).toEqual([]);
          const placed = problems.filter((p) => p.rule !== "table/none-found");
          const names: string[] = sheets.map((s) => s.name);
          expect(placed.filter((p) => !names.includes(p.sheet))).toEqual([]);
          for (const p of placed) expect(() => parseCellAddress(p.cell)).not.toThrow();
          for (const a of model.actions) expect(() => parseCellAddress(a.cell)).not.toThrow();
        },
      ),
      { numRuns: 400 },
    );
  });
});
