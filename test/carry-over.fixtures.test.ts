/**
 * Carry-over through the file shell on the shared fixtures (read in place): read → snapshot → readPlan →
 * planCarryOver → apply → write → read back, then check lineage, the untouched source and a second run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import {
  CARRIED_FROM_HEADER,
  PREVIOUS_UPDATE_HEADER,
  carrySources,
  planCarryOver,
  type CarryOverOptions,
} from "../src/core/planning/carry-over";
import type { Action, PlanModel } from "../src/core/basics/plan-model";
import { readPlan } from "../src/core/reading/read-plan";
import { isSchemaApplied } from "../src/core/planning/apply-schema";
import type { WorkbookSnapshot } from "../src/core/basics/snapshot";
import { snapshotFromPackage } from "../src/xlsx/package-snapshot";
import { readWorkbookFile, workbookBytes } from "./support/exceljs/xlsx-file";
import { bytesAfter, withSchemaApplied } from "./support/package-pipeline";
import {
  LIBREOFFICE_INSTALL,
  convertWithLibreOffice,
  findSoffice,
  missingLibreOfficeAllowed,
} from "./support/libreoffice";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");

interface ExpectedAction {
  readonly sheet: string;
  readonly ref: string | null;
  readonly action: string;
  readonly lead: string | null;
  readonly update: string;
  readonly status: string | null;
}

function expectedActions(fixture: string): ExpectedAction[] {
  const file = path.join(FIXTURES, "expected", fixture.replace(/\.xlsx$/, ".json"));
  return (JSON.parse(readFileSync(file, "utf8")) as { actions: ExpectedAction[] }).actions;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "carry-over-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Carried {
  readonly before: WorkbookSnapshot;
  readonly after: WorkbookSnapshot;
  readonly afterModel: PlanModel;
  readonly result: ReturnType<typeof planCarryOver>;
  readonly file: string;
}

let counter = 0;
/** A file's, an ExcelJS-built workbook's or these bytes carried over by the package writer, as the CLI does. */
async function carryFile(
  input: string | Uint8Array | ExcelJS.Workbook,
  options: CarryOverOptions,
): Promise<Carried> {
  const bytes =
    typeof input === "string"
      ? readFileSync(input)
      : input instanceof Uint8Array
        ? input
        : await workbookBytes(input);
  const before = snapshotFromPackage(bytes);
  const result = planCarryOver(before, readPlan(before), options);
  const file = path.join(dir, `carried-${++counter}.xlsx`);
  writeFileSync(file, await bytesAfter(bytes, result.plan));
  const after = snapshotFromPackage(readFileSync(file));
  return { before, after, afterModel: readPlan(after), result, file };
}

function sheetOf(snapshot: WorkbookSnapshot, name: string) {
  const found = snapshot.sheets.find((s) => s.name === name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

const fold = (s: string | null): string | null => (s === null || s === "" ? null : s);

function expectLineage(
  carried: readonly Action[],
  expected: readonly ExpectedAction[],
  source: string,
): void {
  expect(carried.map((a) => [a.ref, a.action, fold(a.lead), a.status])).toEqual(
    expected.map((e) => [e.ref, e.action, fold(e.lead), e.status]),
  );
  expect(carried.map((a) => a.update)).toEqual(expected.map(() => ""));
  expect(carried.map((a) => a.extra[PREVIOUS_UPDATE_HEADER] ?? "")).toEqual(expected.map((e) => e.update));
  expect(carried.every((a) => (a.extra[CARRIED_FROM_HEADER] ?? "").startsWith(`${source} / `))).toBe(true);
}

const CASES: Array<{ fixture: string; from: string; to?: string; target: string }> = [
  {
    fixture: "strategic-assessment-action-plan-2009.xlsx",
    from: "Action Plan 2009",
    target: "Action Plan 2010",
  },
  {
    fixture: "psa-progress-report-2010.xlsx",
    from: "Data requirements",
    to: "Data requirements 2011",
    target: "Data requirements 2011",
  },
  {
    fixture: "community-safety-plan-2011-12.xlsx",
    from: "1 ASB",
    to: "1 ASB 2012-13",
    target: "1 ASB 2012-13",
  },
  {
    fixture: "psa-2012-recommendations.xlsx",
    from: "Recommendations 2012-13",
    target: "Recommendations 2013-14",
  },
  {
    fixture: "psa-2012-recommendations.xlsx",
    from: "Progress on 2011 recs",
    target: "Progress on 2012 recs",
  },
];

describe.each(CASES)("carry-over of $fixture '$from'", ({ fixture, from, to, target }) => {
  let carried: Carried;
  const outstanding = expectedActions(fixture).filter((a) => a.sheet === from && a.status !== "Complete");

  beforeAll(async () => {
    carried = await carryFile(path.join(FIXTURES, fixture), {
      fromSheet: from,
      ...(to !== undefined ? { toSheet: to } : {}),
      renumber: false,
    });
  });

  it("carries exactly the outstanding actions, with their lineage, to the new sheet", () => {
    expect(carried.result.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(carried.result.targetSheet).toBe(target);
    expect(outstanding.length).toBeGreaterThan(0);
    const onTarget = carried.afterModel.actions.filter((a) => a.sheet === target);
    expectLineage(onTarget, outstanding, from);
    const labels = onTarget.map((a) => a.extra[CARRIED_FROM_HEADER]);
    expect(labels).toEqual(carried.result.carried.map((a) => `${from} / ${a.ref ?? a.cell}`));
  });

  it("leaves the source sheet identical, cell for cell", () => {
    expect(sheetOf(carried.after, from)).toEqual(sheetOf(carried.before, from));
  });

  it("makes the new sheet an Excel table with status validation and formats", async () => {
    const workbook = await readWorkbookFile(carried.file);
    const ws = workbook.getWorksheet(target);
    expect(ws).toBeDefined();
    expect(sheetOf(carried.after, target).tables).toHaveLength(1);
    const validations = Object.values(
      (ws as unknown as { dataValidations: { model: Record<string, { formulae?: string[] }> } })
        .dataValidations.model,
    );
    expect(validations.some((v) => v.formulae?.[0] === "StatusList")).toBe(true);
    expect(
      ((ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings ?? []).length,
    ).toBeGreaterThan(0);
    expect(carried.after.names).toEqual(
      expect.arrayContaining([
        { name: "StatusList", formula: "=Statuses[Status]" },
        { name: "LeadCodes", formula: "=Leads[Code]" },
      ]),
    );
  });

  it("leaves a workbook whose schema was applied still fully applied, with the Lists sheet topped up", async () => {
    const applied = (await withSchemaApplied(readFileSync(path.join(FIXTURES, fixture)))).bytes;
    const listsBefore = sheetOf(snapshotFromPackage(applied), "Lists");
    const after = await carryFile(applied, {
      fromSheet: from,
      ...(to !== undefined ? { toSheet: to } : {}),
      renumber: false,
    });
    expect(isSchemaApplied(after.after, after.afterModel)).toBe(true);
    expect(after.result.plan.ops.some((op) => op.kind === "addSheet" && op.sheet === "Lists")).toBe(false);
    const listsAfter = sheetOf(after.after, "Lists");
    // Every Lists cell that was there is still there: the sheet only gains rows.
    listsBefore.cells.forEach((row, r) =>
      row.forEach((cell, c) => expect(listsAfter.cells[r]?.[c]?.value ?? null).toEqual(cell?.value ?? null)),
    );
  });

  it("adds nothing on a second run", async () => {
    const second = await carryFile(carried.file, {
      fromSheet: from,
      ...(to !== undefined ? { toSheet: to } : {}),
      renumber: false,
    });
    expect(second.result.carried).toEqual([]);
    expect(second.result.alreadyThere).toHaveLength(outstanding.length);
    expect(second.result.plan.ops).toEqual([]);
    expect(sheetOf(second.after, target)).toEqual(sheetOf(carried.after, target));
  });
});

describe("carry-over of the 2011-12 plan's six theme sheets as one period", () => {
  const fixture = "community-safety-plan-2011-12.xlsx";
  const themes = ["1 ASB", "2 Alcohol", "3 Violence", "4 Drugs", "5 Criminal Damage", "6 Emerging Issues"];
  let carried: Carried;

  beforeAll(async () => {
    const workbook = readFileSync(path.join(FIXTURES, fixture));
    const snapshot = snapshotFromPackage(workbook);
    const sources = carrySources(snapshot, readPlan(snapshot), "2011-12");
    if (sources.join("|") !== themes.join("|")) throw new Error(`2011-12 is ${sources.join(", ")}`);
    carried = await carryFile(workbook, { fromSheet: sources, period: "2011-12", renumber: false });
  });

  it("carries each sheet's outstanding actions, with lineage, to its own sheet of 2012-13", () => {
    expect(carried.result.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(carried.after.sheets.map((s) => s.name)).toEqual([
      ...themes,
      ...themes.map((t) => `${t} 2012-13`),
      "Lists",
    ]);
    for (const theme of themes) {
      const outstanding = expectedActions(fixture).filter(
        (a) => a.sheet === theme && a.status !== "Complete",
      );
      expect(outstanding.length).toBeGreaterThan(0);
      expectLineage(
        carried.afterModel.actions.filter((a) => a.sheet === `${theme} 2012-13`),
        outstanding,
        theme,
      );
      expect(sheetOf(carried.after, theme)).toEqual(sheetOf(carried.before, theme));
    }
  });

  // Without LibreOffice this fails, naming the package to install (convertWithLibreOffice says so).
  it(`writes a file LibreOffice opens, the new sheets holding the carried actions (${LIBREOFFICE_INSTALL})`, () => {
    // The 12th CSV filter token picks the sheet to export: the seventh, '1 ASB 2012-13'.
    const csv = convertWithLibreOffice(
      carried.file,
      dir,
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,7",
    );
    const text = readFileSync(csv, "utf8");
    expect(text).toContain("Actions carried over from 1 ASB");
    expect(text).toContain("1 ASB / 1");
  });
});

describe("carry-over with renumbering on the 2009 plan", () => {
  it("writes a file LibreOffice opens", async () => {
    const { file } = await carryFile(path.join(FIXTURES, "strategic-assessment-action-plan-2009.xlsx"), {
      fromSheet: "Action Plan 2009",
      renumber: true,
    });
    const installed = findSoffice() !== null;
    // Loud on purpose: CI must fail; elsewhere only ALLOW_MISSING_LIBREOFFICE=1 lets it pass.
    if (!installed) console.warn(`*** LibreOffice is not installed: install it (${LIBREOFFICE_INSTALL}) ***`);
    expect(installed || missingLibreOfficeAllowed()).toBe(true);
    if (!installed) return;
    // The 12th CSV filter token picks the sheet to export: the second, the new year's.
    const csv = convertWithLibreOffice(
      file,
      dir,
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2",
    );
    const text = readFileSync(csv, "utf8");
    expect(text).toContain("Carried over from Action Plan 2009");
    expect(text).toContain("Action Plan 2009 / 11.1");
  });

  it("puts the carried actions under a parent row, as the seed plan does with 11 and 11.1–11.6, each keeping its own theme", async () => {
    const { after, afterModel, result } = await carryFile(
      path.join(FIXTURES, "strategic-assessment-action-plan-2009.xlsx"),
      {
        fromSheet: "Action Plan 2009",
        renumber: true,
      },
    );
    const onTarget = afterModel.actions.filter((a) => a.sheet === "Action Plan 2010");
    const outstanding = expectedActions("strategic-assessment-action-plan-2009.xlsx").filter(
      (a) => a.status !== "Complete",
    );
    // The parent row holds a ref and a title only, so it is no action of its own; as carry-over's
    // lineage row it names no priority, so the actions under it keep the themes they had.
    const first = onTarget[0];
    const parentRow = sheetOf(after, "Action Plan 2010").cells[(first?.row ?? 0) - 1] ?? [];
    expect(parentRow.map((c) => c?.text ?? "").filter((t) => t !== "")).toEqual([
      "1",
      "Carried over from Action Plan 2009",
    ]);
    expect(onTarget.map((a) => a.ref)).toEqual(outstanding.map((_, i) => `1.${i + 1}`));
    expect(onTarget.map((a) => a.theme)).toEqual(result.carried.map((a) => a.theme));
    expect(onTarget.map((a) => a.theme)).not.toContain("Carried over from Action Plan 2009");
    expect(onTarget.map((a) => a.extra[CARRIED_FROM_HEADER])).toEqual(
      outstanding.map((a) => `Action Plan 2009 / ${a.ref ?? ""}`),
    );
  });
});

describe("carry-over of awkward text and names through the file shell", () => {
  function hostileWorkbook(sheetName: string): ExcelJS.Workbook {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet(sheetName);
    ws.addRow([`${sheetName} action plan`]);
    ws.addRow([]);
    ws.addRow(["Ref", "Action", "Lead", "Update", "Status"]);
    ws.addRow(["3.10", "=SUM(A1:A3)", "+44 1642 526000", "-5 officers", "Red"]);
    ws.addRow(["3.1", "@everyone 👮 安全", "Police", '=HYPERLINK("http://x")', "Amber"]);
    ws.addRow(["4", "Done already", "CS", "Closed", "Complete"]);
    return workbook;
  }

  it("keeps text beginning with = + - @ as text, and refs 3.10 and 3.1 apart", async () => {
    const { after, afterModel } = await carryFile(hostileWorkbook("2011-12"), {
      fromSheet: "2011-12",
      renumber: false,
    });
    const onTarget = afterModel.actions.filter((a) => a.sheet === "2012-13");
    expect(onTarget.map((a) => [a.ref, a.action, a.lead, a.extra[PREVIOUS_UPDATE_HEADER]])).toEqual([
      ["3.10", "=SUM(A1:A3)", "+44 1642 526000", "-5 officers"],
      ["3.1", "@everyone 👮 安全", "Police", '=HYPERLINK("http://x")'],
    ]);
    const cells = sheetOf(after, "2012-13").cells.flat();
    expect(cells.filter((c) => c?.formula != null)).toEqual([]);
  });

  it("appends a late action below the carried table on a second run, and only that one", async () => {
    const first = await carryFile(hostileWorkbook("2011-12"), { fromSheet: "2011-12", renumber: false });
    const workbook = await readWorkbookFile(first.file);
    workbook.getWorksheet("2011-12")?.addRow(["7", "A late action", "CS", "", "Red"]);
    const second = await carryFile(workbook, { fromSheet: "2011-12", renumber: false });
    expect(second.result.carried.map((a) => a.ref)).toEqual(["7"]);
    expect(second.result.alreadyThere.map((a) => a.ref)).toEqual(["3.10", "3.1"]);
    const onTarget = second.afterModel.actions.filter((a) => a.sheet === "2012-13");
    expect(onTarget.map((a) => a.extra[CARRIED_FROM_HEADER])).toEqual([
      "2011-12 / 3.10",
      "2011-12 / 3.1",
      "2011-12 / 7",
    ]);
    const [table] = sheetOf(second.after, "2012-13").tables;
    expect(table?.range).toMatchObject({ top: 3, bottom: 6 });
  });

  it("moves a 31-character name with an apostrophe on to the next year", async () => {
    const name = "Partners' Safety Plan 2011-2012";
    expect(name).toHaveLength(31);
    const { result, afterModel } = await carryFile(hostileWorkbook(name), {
      fromSheet: name,
      renumber: false,
    });
    expect(result.targetSheet).toBe("Partners' Safety Plan 2012-2013");
    expect(afterModel.actions.filter((a) => a.sheet === result.targetSheet)).toHaveLength(2);
  });
});
