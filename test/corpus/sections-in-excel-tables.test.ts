/**
 * Section rows ("Reducing violence" alone in a row, merged across the table) and numbered parent rows
 * ("1 | Reducing violence" over "1.1", "1.2") name the theme of the actions under them. Apply schema
 * makes the table an Excel table, which holds no merged cell; the plan must read the same after it,
 * and still when a co-author adds rows to the Excel table later.
 */
import type { GridRange, SheetSnapshot, WorkbookSnapshot } from "../../src/core/basics/snapshot";
import type { PlanModel } from "../../src/core/basics/plan-model";
import { planApplySchema } from "../../src/core/planning/apply-schema";
import { readPlan } from "../../src/core/reading/read-plan";
import { snapshotFromPackage } from "../../src/xlsx/package-snapshot";
import { applyWritePlanToBytes } from "../../src/xlsx/package-writer";
import { nodeCodec } from "../../src/xlsx/node-files";
import { type CorpusCase, corpusWorkbook } from "./corpus";

type Row = Array<string | null>;

function plan(name: string, rows: Row[], merges: GridRange[] = []): CorpusCase {
  return {
    name,
    sheets: [
      { name: "Plan", rows: rows.map((r) => r.map((t) => (t === null ? null : { text: t }))), merges },
    ],
    expected: [],
  };
}

const across = (row: number, columns: number): GridRange => ({
  top: row,
  left: 0,
  bottom: row,
  right: columns - 1,
});

/** No ref column, the action first; each priority a row of its own merged across, in no section's words. */
const actionFirst = plan(
  "action first, merged priority rows",
  [
    ["Action", "Lead", "Progress", "RAG"],
    ["Reducing violence"],
    ["Train door staff in every late-night venue", "Police", "Ten venues trained", "Green"],
    ["Map violence hotspots in the town centre", "Council", "Data awaited", "Amber"],
    [],
    ["Tackling anti-social behaviour"],
    ["Review the public spaces protection order", "Council", "Consultation open", "Amber"],
  ],
  [across(1, 4), across(5, 4)],
);

/** A ref column first; each priority a row of its own merged across, in no section's words. */
const refFirst = plan(
  "ref first, merged priority rows",
  [
    ["Ref", "Action", "Lead", "Progress", "RAG"],
    ["Reducing violence"],
    ["1.1", "Train door staff in every late-night venue", "Police", "Ten venues trained", "Green"],
    ["1.2", "Map violence hotspots in the town centre", "Council", "Data awaited", "Amber"],
    ["Tackling anti-social behaviour"],
    ["2.1", "Review the public spaces protection order", "Council", "Consultation open", "Amber"],
  ],
  [across(1, 5), across(4, 5)],
);

/** Each priority a numbered row with its title only, its actions numbered under it. */
const numbered = plan("numbered parent rows", [
  ["Ref", "Action", "Lead", "Progress", "RAG"],
  ["1", "Reducing violence"],
  ["1.1", "Train door staff in every late-night venue", "Police", "Ten venues trained", "Green"],
  ["1.2", "Map violence hotspots in the town centre", "Council", "Data awaited", "Amber"],
  ["2", "Tackling anti-social behaviour"],
  ["2.1", "Review the public spaces protection order", "Council", "Consultation open", "Amber"],
]);

const VIOLENCE = "Reducing violence";
const ASB = "Tackling anti-social behaviour";
const THEMES = [VIOLENCE, VIOLENCE, ASB];

/** The plan read from its .xlsx file, and the file's snapshot once the package writer has applied the schema. */
async function withSchema(c: CorpusCase): Promise<{ before: PlanModel; after: WorkbookSnapshot }> {
  const bytes = new Uint8Array(await corpusWorkbook(c).xlsx.writeBuffer());
  const snapshot = snapshotFromPackage(bytes);
  const before = readPlan(snapshot);
  const { plan: ops } = planApplySchema(snapshot, before);
  return { before, after: snapshotFromPackage((await applyWritePlanToBytes(bytes, ops, nodeCodec)).bytes) };
}

/**
 * The workbook after a co-author types `texts` into a new row at `at` (0-based) of sheet Plan: the rows
 * from there move down, and an Excel table whose last row is just above it, or that spans it, grows
 * by the row, as Excel grows a table when a row is inserted in it or typed just under it.
 */
function withRowAdded(snapshot: WorkbookSnapshot, at: number, texts: Row): WorkbookSnapshot {
  const cells = texts.map((t) =>
    t === null ? null : { value: t, text: t, numberFormat: "General", fill: null, formula: null },
  );
  const sheets = snapshot.sheets.map((s): SheetSnapshot => {
    if (s.name !== "Plan") return s;
    const rows = [...s.cells];
    while (rows.length < at) rows.push([]);
    rows.splice(at, 0, cells);
    const tables = s.tables.map((t) => {
      if (t.range.top >= at)
        return { ...t, range: { ...t.range, top: t.range.top + 1, bottom: t.range.bottom + 1 } };
      if (t.range.bottom + 1 >= at) return { ...t, range: { ...t.range, bottom: t.range.bottom + 1 } };
      return t;
    });
    return { ...s, cells: rows, tables };
  });
  return { ...snapshot, sheets };
}

const themed = (m: PlanModel): Array<[string, string | null]> =>
  m.actions.map((a) => [a.ref ?? a.action, a.theme]);
const themesOf = (m: PlanModel): Array<string | null> => m.actions.map((a) => a.theme);
const tableBottom = (s: WorkbookSnapshot): number =>
  s.sheets.find((x) => x.name === "Plan")?.tables[0]?.range.bottom ?? -1;

describe("a plan grouped under priority rows, once Apply schema has made its table an Excel table", () => {
  it.each([actionFirst, refFirst, numbered].map((c) => [c.name, c] as const))(
    "%s: gives each action the theme of the priority row above it, as before",
    async (_name, c) => {
      const { before, after } = await withSchema(c);
      const model = readPlan(after);
      expect(after.sheets.find((s) => s.name === "Plan")?.tables).toHaveLength(1);
      expect(themesOf(before)).toEqual(THEMES);
      expect(themed(model)).toEqual(themed(before));
      expect(model.problems.filter((p) => p.rule.startsWith("row/"))).toEqual([]);
    },
  );
});

describe("a plan grouped under priority rows, when a co-author adds a row to its Excel table", () => {
  it("gives an action typed in the row under the table the theme of the last priority", async () => {
    const { after } = await withSchema(refFirst);
    const added = withRowAdded(after, tableBottom(after) + 1, [
      "2.2",
      "Run diversionary youth sessions",
      "Youth Service",
      "",
      "Green",
    ]);
    expect(tableBottom(added)).toBe(tableBottom(after) + 1);
    expect(themed(readPlan(added))).toEqual([
      ["1.1", VIOLENCE],
      ["1.2", VIOLENCE],
      ["2.1", ASB],
      ["2.2", ASB],
    ]);
  });

  it("gives an action inserted under the first priority that priority's theme", async () => {
    const { after } = await withSchema(refFirst);
    const added = withRowAdded(after, 4, ["1.3", "Fund a youth worker in the emergency department", "NHS"]);
    expect(themed(readPlan(added))).toEqual([
      ["1.1", VIOLENCE],
      ["1.2", VIOLENCE],
      ["1.3", VIOLENCE],
      ["2.1", ASB],
    ]);
  });

  it("keeps an action whose text alone is typed so far an action, never a priority of the actions under it", async () => {
    const { after } = await withSchema(actionFirst);
    const added = withRowAdded(after, 3, ["Fund a youth worker in the emergency department"]);
    expect(themed(readPlan(added))).toEqual([
      ["Train door staff in every late-night venue", VIOLENCE],
      ["Fund a youth worker in the emergency department", VIOLENCE],
      ["Map violence hotspots in the town centre", VIOLENCE],
      ["Review the public spaces protection order", ASB],
    ]);
  });

  it("reads a new priority typed in a row of its own as 'Priority 3: …' as the theme of the action under it", async () => {
    const { after } = await withSchema(refFirst);
    const bottom = tableBottom(after);
    const withPriority = withRowAdded(after, bottom + 1, ["Priority 3: Reducing reoffending"]);
    const added = withRowAdded(withPriority, bottom + 2, [
      "3.1",
      "Offer every prison leaver a housing appointment",
      "Probation",
    ]);
    expect(themed(readPlan(added)).slice(-2)).toEqual([
      ["2.1", ASB],
      ["3.1", "Priority 3: Reducing reoffending"],
    ]);
  });

  it("reads a new numbered row with its title only as the theme of the actions numbered under it", async () => {
    const { after } = await withSchema(numbered);
    const bottom = tableBottom(after);
    const withParent = withRowAdded(after, bottom + 1, ["3", "Reducing reoffending"]);
    const added = withRowAdded(withParent, bottom + 2, [
      "3.1",
      "Offer every prison leaver a housing appointment",
      "Probation",
    ]);
    const model = readPlan(added);
    expect(themed(model)).toEqual([
      ["1.1", VIOLENCE],
      ["1.2", VIOLENCE],
      ["2.1", ASB],
      ["3.1", "Reducing reoffending"],
    ]);
  });
});
