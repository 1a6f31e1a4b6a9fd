/**
 * Partner returns over the shared fixtures, in the file shell: make the returns, fill them in as a
 * lead would (editing the saved package), merge them back.
 */
import { cellAddress } from "../src/core/basics/cell-address";
import { readPlan } from "../src/core/reading/read-plan";
import type { Action, PlanModel } from "../src/core/basics/plan-model";
import {
  PLAN_ID_NAME,
  RETURN_IDENTITY_SHEET,
  RETURN_SHEET,
  planIdOf,
  readReturnIdentity,
  textDigest,
} from "../src/core/planning/returns-identity";
import { RETURN_COLUMNS, RETURN_HEADER_ROW } from "../src/core/planning/returns-make";
import { planMergeReturns, type ConflictChoice, type MergeResult } from "../src/core/planning/returns-merge";
import type { WorkbookSnapshot } from "../src/core/basics/snapshot";
import type { WritePlan } from "../src/core/basics/write-plan";
import { cellAt, cellText } from "../src/core/basics/cell-text";
import { applyWritePlanToBytes } from "../src/xlsx/package-writer";
import { nodeCodec } from "../src/xlsx/node-files";
import { returnedFileFromBytes } from "../src/xlsx/return-files";
import {
  editCells,
  fillReturn,
  fixtureBytes,
  sendReturns,
  snapshotOfBytes,
  type SentReturns,
} from "./support/return-workbooks";

const PSA = "psa-progress-report-2010";

function actionsOf(model: PlanModel, lead: string): Action[] {
  return model.actions.filter((a) => a.leads.includes(lead) && a.status !== "Complete");
}

function returnFile(sent: SentReturns, lead: string): Uint8Array {
  const file = sent.files.get(lead);
  if (file === undefined) throw new Error(`No return for ${lead}`);
  return file;
}

interface Merged {
  readonly result: MergeResult;
  /** The plan after writing the merge (the plan as it was when there was nothing to write). */
  readonly after: Uint8Array;
  readonly snapshot: WorkbookSnapshot;
  readonly model: PlanModel;
}

async function merge(
  master: Uint8Array,
  files: ReadonlyArray<readonly [string, Uint8Array]>,
  choices: Record<string, ConflictChoice> = {},
): Promise<Merged> {
  const snapshot = await snapshotOfBytes(master);
  const returned = await Promise.all(files.map(([file, bytes]) => returnedFileFromBytes(bytes, file)));
  const result = planMergeReturns(snapshot, readPlan(snapshot), returned, {
    receivedIso: "2026-12-04",
    choices,
  });
  const after =
    result.plan === null ? master : (await applyWritePlanToBytes(master, result.plan, nodeCodec)).bytes;
  const afterSnapshot = await snapshotOfBytes(after);
  return { result, after, snapshot: afterSnapshot, model: readPlan(afterSnapshot) };
}

function findAction(model: PlanModel, ref: string): Action {
  const found = model.actions.find((a) => a.ref === ref);
  if (!found) throw new Error(`No action ${ref}`);
  return found;
}

/** The text of the cell `columnsRight` columns right of the action's table's last column, on its row. */
function stampOf(merged: Merged, ref: string): string {
  const action = findAction(merged.model, ref);
  const sheet = merged.snapshot.sheets.find((s) => s.name === action.sheet)!;
  const headerRow = merged.model.tables.find((t) => t.id === action.tableId)!.headerRow;
  const column = sheet.cells[headerRow]!.findIndex((c) => cellText(c) === "Updated");
  return cellText(cellAt(sheet, action.row, column));
}

async function sentPsa(): Promise<SentReturns> {
  return sendReturns(await fixtureBytes(PSA));
}

async function writeToPlan(master: Uint8Array, plan: WritePlan): Promise<Uint8Array> {
  return (await applyWritePlanToBytes(master, plan, nodeCodec)).bytes;
}

describe("making partner returns", () => {
  it("makes one return per lead holding only that lead's open actions, to read and to answer", async () => {
    const sent = await sentPsa();
    const model = readPlan(await snapshotOfBytes(await fixtureBytes(PSA)));
    expect(sent.made.returns.map((r) => r.lead)).toEqual([
      "Police",
      "SBC",
      "A&E",
      "JSU",
      "Court",
      "SBC Police Probation",
    ]);
    const police = await snapshotOfBytes(returnFile(sent, "Police"));
    const sheet = police.sheets.find((s) => s.name === RETURN_SHEET)!;
    expect(sheet.cells[RETURN_HEADER_ROW]!.map(cellText)).toEqual([...RETURN_COLUMNS]);
    const expected = actionsOf(model, "Police");
    expect(expected.length).toBe(2);
    expected.forEach((action, i) => {
      const row = sheet.cells[RETURN_HEADER_ROW + 1 + i]!;
      expect(row.slice(0, 5).map(cellText)).toEqual([
        action.ref,
        action.action,
        action.due ?? "",
        action.status ?? "",
        action.update,
      ]);
      expect(row.slice(5, 7).map(cellText)).toEqual(["", ""]);
    });
    expect(cellText(sheet.cells[0]![0])).toBe("Action plan return for Police");
    expect(sheet.cells.slice(1, 9).map((r) => cellText(r[0]))).toEqual(
      expect.arrayContaining([
        "Partnership: Safer Testing Partnership",
        "Plan: Test plan",
        expect.stringMatching(/^What to do: /),
      ]),
    );
  });

  it("protects the return, hides its identity from the lead, and records the plan's id in the plan", async () => {
    const sent = await sentPsa();
    const police = await snapshotOfBytes(returnFile(sent, "Police"));
    expect(police.sheets.map((s) => [s.name, s.visibility, s.isProtected])).toEqual([
      [RETURN_SHEET, "visible", true],
      [RETURN_IDENTITY_SHEET, "veryHidden", false],
    ]);
    const reading = readReturnIdentity(police);
    if (!("identity" in reading)) throw new Error(reading.refused.why);
    const master = await snapshotOfBytes(sent.master);
    expect(planIdOf(master.names)).toBe(reading.identity.planId);
    expect(master.names.map((n) => n.name)).toContain(PLAN_ID_NAME);
    const model = readPlan(master);
    expect(reading.identity.actions).toEqual(
      actionsOf(model, "Police").map((a, i) => ({
        returnRow: RETURN_HEADER_ROW + 1 + i,
        sheet: a.sheet,
        ref: a.ref,
        digest: textDigest(a.action),
        status: a.status,
        update: a.update,
      })),
    );
  });

  it("keeps the plan's id once recorded, so later returns belong to the same plan", async () => {
    const first = await sentPsa();
    const second = await sendReturns(first.master, { newPlanId: "another-id" });
    expect(second.made.planIdPlan).toBeNull();
    expect(second.made.planId).toBe(first.made.planId);
  });

  it("makes returns from the other fixtures, leaving out tables without a Status column and saying so", async () => {
    const strategic = await sendReturns(await fixtureBytes("strategic-assessment-action-plan-2009"));
    expect(strategic.made.returns.length).toBeGreaterThan(5);
    const community = await sendReturns(await fixtureBytes("community-safety-plan-2011-12"));
    expect(community.made.returns).toEqual([]);
    expect(community.made.problems.map((p) => p.rule)).toEqual(Array(6).fill("returns/no-status-column"));
    // The analyst adds a Status column to each table, as the warning says; then every lead gets a return.
    const model = readPlan(await snapshotOfBytes(community.master));
    const withStatus = await writeToPlan(community.master, {
      title: "Add Status columns",
      ops: model.tables.map((t) => ({
        kind: "writeCells" as const,
        sheet: t.sheet,
        row: t.headerRow,
        column: t.range.right + 1,
        cells: [[{ kind: "text" as const, text: "Status" }]],
      })),
    });
    const again = await sendReturns(withStatus);
    expect(again.made.returns.map((r) => r.lead)).toEqual(expect.arrayContaining(["TA", "CS"]));
    expect(again.made.problems).toEqual([]);
  });

  it("asks for the leads chosen only, and says when a lead has nothing to return", async () => {
    const sent = await sendReturns(await fixtureBytes(PSA), { leads: ["police", "Nobody"] });
    expect(sent.made.returns.map((r) => r.lead)).toEqual(["Police"]);
    expect(sent.made.problems.map((p) => p.rule)).toEqual(["returns/no-actions"]);
    expect(sent.made.problems[0]?.message).toContain("'Nobody'");
  });
});

describe("merging partner returns", () => {
  it("applies an answer where the plan still holds what was sent, and stamps who and when", async () => {
    const sent = await sentPsa();
    const filled = await fillReturn(returnFile(sent, "Police"), {
      11: { status: "Amber", update: "Templates changed in May.\nData from June." },
    });
    const merged = await merge(sent.master, [["Police return.xlsx", filled]]);
    expect(merged.result.problems).toEqual([]);
    expect(merged.result.applied.map((a) => [a.ref, a.plan.status, a.answer.status])).toEqual([
      ["3.2.1", "Red", "Amber"],
    ]);
    const action = findAction(merged.model, "3.2.1");
    expect([action.status, action.update]).toEqual(["Amber", "Templates changed in May.\nData from June."]);
    expect(stampOf(merged, "3.2.1")).toBe("Police, return received 04/12/2026");
    // The other action the return held was left blank: it is as it was.
    const other = findAction(merged.model, "3.2.3");
    const before = findAction(readPlan(await snapshotOfBytes(sent.master)), "3.2.3");
    expect([other.status, other.update]).toEqual([before.status, before.update]);
  });

  it("changes nothing when the same return is merged twice", async () => {
    const sent = await sentPsa();
    const filled = await fillReturn(returnFile(sent, "Police"), {
      11: { status: "Green", update: "Fixed." },
    });
    const once = await merge(sent.master, [["Police return.xlsx", filled]]);
    expect(once.result.applied).toHaveLength(1);
    const twice = await merge(once.after, [["Police return.xlsx", filled]]);
    expect(twice.result.plan).toBeNull();
    expect(twice.result.alreadyMerged.map((a) => a.ref)).toEqual(["3.2.1"]);
    expect(twice.result.conflicts).toEqual([]);
    expect(twice.after).toBe(once.after);
  });

  it("shows a conflict with both values when the plan changed since the return was sent, and applies the choice", async () => {
    const sent = await sentPsa();
    const model = readPlan(await snapshotOfBytes(sent.master));
    const action = findAction(model, "3.2.1");
    const table = model.tables.find((t) => t.id === action.tableId)!;
    const updateColumn = table.columns.find((c) => c.role === "update")!.column;
    const changed = await writeToPlan(sent.master, {
      title: "The analyst edits the update",
      ops: [
        {
          kind: "writeCells",
          sheet: action.sheet,
          row: action.row,
          column: updateColumn,
          cells: [[{ kind: "text", text: "Raised at the May board." }]],
        },
      ],
    });
    const filled = await fillReturn(returnFile(sent, "Police"), {
      11: { status: "Amber", update: "In hand." },
    });
    const open = await merge(changed, [["Police return.xlsx", filled]]);
    expect(open.result.plan).toBeNull();
    expect(open.result.conflicts).toEqual([
      expect.objectContaining({
        ref: "3.2.1",
        choice: null,
        sent: { status: "Red", update: action.update },
        plan: { status: "Red", update: "Raised at the May board." },
        answer: { status: "Amber", update: "In hand." },
      }),
    ]);
    const id = open.result.conflicts[0]!.id;
    const keep = await merge(changed, [["Police return.xlsx", filled]], { [id]: "plan" });
    expect(keep.result.plan).toBeNull();
    const take = await merge(changed, [["Police return.xlsx", filled]], { [id]: "return" });
    expect([findAction(take.model, "3.2.1").status, findAction(take.model, "3.2.1").update]).toEqual([
      "Amber",
      "In hand.",
    ]);
  });

  it("refuses a return whose action text was edited, naming the file and the row, and merges nothing from it", async () => {
    const sent = await sentPsa();
    const filled = await fillReturn(returnFile(sent, "Police"), {
      11: { status: "Green", update: "Done." },
      12: { status: "Green", update: "Done too." },
    });
    const tampered = await editCells(filled, "xl/worksheets/sheet1.xml", { B12: "Something else entirely" });
    const merged = await merge(sent.master, [["Police return.xlsx", tampered]]);
    expect(merged.result.plan).toBeNull();
    expect(merged.result.problems).toEqual([
      expect.objectContaining({
        rule: "returns/tampered",
        sheet: RETURN_SHEET,
        cell: "B12",
        severity: "error",
      }),
    ]);
    expect(merged.result.problems[0]?.message).toMatch(
      /^Police return\.xlsx, sheet 'Return', cell B12: row 12 \(action 3\.2\.3/,
    );
  });

  it("refuses a return made from another plan", async () => {
    const sent = await sentPsa();
    const other = await sendReturns(await fixtureBytes(PSA), {
      newPlanId: "someone-elses-plan",
      planName: "Other plan",
    });
    const filled = await fillReturn(returnFile(other, "Police"), {
      11: { status: "Green", update: "Done." },
    });
    const merged = await merge(sent.master, [["other.xlsx", filled]]);
    expect(merged.result.plan).toBeNull();
    expect(merged.result.problems.map((p) => [p.rule, p.cell])).toEqual([["returns/foreign", "B2"]]);
    expect(merged.result.problems[0]?.message).toContain("other.xlsx");
    expect(merged.result.problems[0]?.message).toContain("'Other plan'");
  });

  it("refuses a workbook that is not a return", async () => {
    const sent = await sentPsa();
    const merged = await merge(sent.master, [["plan-itself.xlsx", sent.master]]);
    expect(merged.result.problems.map((p) => p.rule)).toEqual(["returns/not-a-return"]);
  });

  it("reports a return that came back with nothing changed", async () => {
    const sent = await sentPsa();
    const merged = await merge(sent.master, [["Police return.xlsx", returnFile(sent, "Police")]]);
    expect(merged.result.plan).toBeNull();
    expect(merged.result.empty).toEqual(["Police return.xlsx"]);
    expect(merged.result.problems.map((p) => [p.rule, p.severity])).toEqual([["returns/empty", "info"]]);
  });

  it("holds the form's rules: a status outside the list, and Red, Amber or Complete without an update", async () => {
    const sent = await sentPsa();
    const sbc = readPlan(await snapshotOfBytes(sent.master)).actions.filter((a) => a.leads.includes("SBC"));
    expect(sbc.length).toBeGreaterThanOrEqual(4);
    const filled = await fillReturn(returnFile(sent, "SBC"), {
      11: { status: "Purple", update: "Fine." },
      12: { status: "Red" },
      13: { status: "Complete", update: "   " },
      14: { status: "Green" },
    });
    const merged = await merge(sent.master, [["SBC.xlsx", filled]]);
    expect(merged.result.problems.map((p) => [p.rule, p.sheet, p.cell])).toEqual([
      ["returns/status-invalid", RETURN_SHEET, "F11"],
      ["returns/update-missing", RETURN_SHEET, "G12"],
      ["returns/update-missing", RETURN_SHEET, "G13"],
    ]);
    expect(merged.result.problems[0]?.message).toContain(
      "SBC.xlsx, sheet 'Return', cell F11: 'Purple' is not a status",
    );
    expect(merged.result.applied.map((a) => a.answer.status)).toEqual(["Green"]);
  });

  it("keeps the lead's words exactly: formula-looking text stays text, control characters stay, over 32,767 characters is refused", async () => {
    const sent = await sentPsa();
    const hostile = "=cmd|' /C calc'!A0";
    const controls = "Line one\r\nLine two\tafter a tab \u0007 bell";
    const filled = await fillReturn(returnFile(sent, "SBC"), {
      11: { status: "Amber", update: { formula: hostile } },
      12: { status: "Amber", update: "+44 1642 000000 =SUM(A1)" },
      13: { status: "Green", update: controls },
      14: { status: "Amber", update: "x".repeat(40_000) },
    });
    const merged = await merge(sent.master, [["SBC.xlsx", filled]]);
    expect(merged.result.problems.map((p) => [p.rule, p.cell])).toEqual([["returns/too-long", "G14"]]);
    expect(merged.result.problems[0]?.message).toContain("40,000 characters");
    const written = merged.result.applied.map((a) => findAction(merged.model, a.ref!));
    expect(written.map((a) => a.update)).toEqual([
      hostile,
      "+44 1642 000000 =SUM(A1)",
      controls.replace(/\r\n/g, "\n"),
    ]);
    for (const action of written) {
      const table = merged.model.tables.find((t) => t.id === action.tableId)!;
      const column = table.columns.find((c) => c.role === "update")!.column;
      const sheet = merged.snapshot.sheets.find((s) => s.name === action.sheet)!;
      expect(cellAt(sheet, action.row, column)?.formula).toBeNull();
      expect(cellAddress(action.row, column)).toMatch(/^[A-Z]+\d+$/);
    }
  });
});
