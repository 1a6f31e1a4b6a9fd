/**
 * Partner returns over plans built by script (not the fixtures): actions without refs, a row taken
 * out of the plan after sending, two copies of a return answered differently, no room for the
 * Updated stamp, a protected plan sheet.
 */
import { readPlan } from "../src/core/reading/read-plan";
import { PLAN_ID_NAME } from "../src/core/planning/returns-identity";
import { planReturns, type ReturnsMade } from "../src/core/planning/returns-make";
import { planMergeReturns, type MergeResult } from "../src/core/planning/returns-merge";
import type { WorkbookSnapshot } from "../src/core/basics/snapshot";
import { canApply } from "../src/operations/run-operation";
import { returnWorkbookBytes, returnedFileFromBytes } from "../src/xlsx/return-files";
import { nodeCodec } from "../src/xlsx/node-files";
import { type CellSpec, sheet, workbookWithNames } from "./support/snapshot-builder";
import { type Answers, RETURN_DEFAULTS, fillReturn } from "./support/return-workbooks";

const ID = "plan-built-by-script";

function plan(rows: CellSpec[][], options: { isProtected?: boolean } = {}): WorkbookSnapshot {
  return workbookWithNames(
    [{ name: PLAN_ID_NAME, formula: `="${ID}"` }],
    sheet(
      "Plan 2012-13",
      [["Community safety action plan"], [], ["Ref", "Action", "Lead", "Update", "Status"], ...rows],
      options,
    ),
  );
}

function made(master: WorkbookSnapshot, leads: string[] | null = null): ReturnsMade {
  return planReturns(master, readPlan(master), { ...RETURN_DEFAULTS, newPlanId: "unused", leads });
}

async function filled(result: ReturnsMade, lead: string, answers: Answers): Promise<Uint8Array> {
  const leadReturn = result.returns.find((r) => r.lead === lead);
  if (!leadReturn) throw new Error(`no return for ${lead}`);
  return fillReturn(await returnWorkbookBytes(leadReturn, nodeCodec), answers);
}

async function mergeInto(master: WorkbookSnapshot, files: Array<[string, Uint8Array]>): Promise<MergeResult> {
  const returned = await Promise.all(files.map(([name, bytes]) => returnedFileFromBytes(bytes, name)));
  return planMergeReturns(master, readPlan(master), returned, { receivedIso: "2013-01-10", choices: {} });
}

describe("partner returns over plans built by script", () => {
  it("finds actions without refs by their words, and leaves out one whose words are repeated", async () => {
    const master = plan([
      [null, "Patrol the park", "TA", "", "Green"],
      [null, "Meet the school", "TA", "", "Amber"],
      [null, "Meet the school", "TA", "", "Red"],
    ]);
    const result = made(master);
    expect(result.planIdPlan).toBeNull();
    expect(result.returns.map((r) => r.actions.map((a) => a.action))).toEqual([["Patrol the park"]]);
    expect(result.problems.map((p) => [p.rule, p.cell])).toEqual([
      ["returns/ambiguous-action", "A5"],
      ["returns/ambiguous-action", "A6"],
    ]);
    const merge = await mergeInto(master, [
      ["TA.xlsx", await filled(result, "TA", { 11: { status: "Amber", update: "Fewer patrols." } })],
    ]);
    expect(merge.applied.map((a) => [a.cell, a.answer.status])).toEqual([["A4", "Amber"]]);
    expect(
      merge.plan?.ops
        .filter((op) => op.kind === "writeCells")
        .map((op) => op.kind === "writeCells" && [op.row, op.column]),
    ).toEqual([
      [3, 3],
      [3, 4],
      [2, 5],
      [3, 5],
    ]);
  });

  it("reports an action taken out of the plan since the return was sent, and merges the rest", async () => {
    const rows: CellSpec[][] = [
      ["1", "Patrol the park", "TA", "", "Green"],
      ["2", "Meet the school", "TA", "", "Amber"],
    ];
    const sent = made(plan(rows));
    const answers = await filled(sent, "TA", {
      11: { status: "Red", update: "Stopped." },
      12: { status: "Green", update: "Met." },
    });
    const merge = await mergeInto(plan([rows[1]!]), [["TA.xlsx", answers]]);
    expect(merge.problems.map((p) => [p.rule, p.cell])).toEqual([["returns/action-gone", "B11"]]);
    expect(merge.problems[0]?.message).toContain("action 1 on 'Plan 2012-13' is no longer in the plan");
    expect(merge.applied.map((a) => a.ref)).toEqual(["2"]);
  });

  it("merges the first of two copies of a return answered differently, and warns about the second", async () => {
    const master = plan([["1", "Patrol the park", "TA", "", "Green"]]);
    const sent = made(master);
    const first = await filled(sent, "TA", { 11: { status: "Amber", update: "First copy." } });
    const second = await filled(sent, "TA", { 11: { status: "Red", update: "Second copy." } });
    const merge = await mergeInto(master, [
      ["first.xlsx", first],
      ["second.xlsx", second],
    ]);
    expect(merge.applied.map((a) => [a.file, a.answer.update])).toEqual([["first.xlsx", "First copy."]]);
    expect(merge.problems.map((p) => [p.rule, p.severity])).toEqual([["returns/answered-twice", "warning"]]);
  });

  it("asks for a status when the action had none and only an update came back", async () => {
    const master = plan([["1", "Patrol the park", "TA", "", null]]);
    const merge = await mergeInto(master, [
      ["TA.xlsx", await filled(made(master), "TA", { 11: { update: "Started." } })],
    ]);
    expect(merge.problems.map((p) => [p.rule, p.cell])).toEqual([["returns/status-missing", "F11"]]);
    expect(merge.plan).toBeNull();
  });

  describe("an action read as Complete only from a fill colour the reader guessed at", () => {
    // #7030A0 (purple) reads as Complete only as a guess (status/fill-guessed).
    const guessed = () =>
      plan([
        ["1", "Patrol the park", "TA", "", { value: "", fill: "#7030A0" }],
        ["2", "Meet the school", "TA", "", "Complete"],
      ]);
    const statusNow = (result: ReturnsMade): string | null => {
      const op = result.returns[0]?.plan.ops.find((o) => o.kind === "writeCells" && o.row === 9);
      const cell = op?.kind === "writeCells" ? op.cells[1]?.[3] : undefined;
      return cell?.kind === "text" ? cell.text : null;
    };

    it("goes in the lead's return, as it may not be done, while a typed Complete stays out", () => {
      expect(made(guessed()).returns.map((r) => r.actions.map((a) => a.ref))).toEqual([["1"]]);
    });

    it("shows the lead the status as a guess, never as Complete for certain", () => {
      expect(statusNow(made(guessed()))).toBe("Complete? (only its colour says so)");
    });

    it("asks for a status when only an update comes back, as for an action with none", async () => {
      const master = guessed();
      const merge = await mergeInto(master, [
        ["TA.xlsx", await filled(made(master), "TA", { 11: { update: "Still going." } })],
      ]);
      expect(merge.problems.map((p) => [p.rule, p.cell])).toEqual([["returns/status-missing", "F11"]]);
    });

    it("merges the lead's chosen status and update with no conflict", async () => {
      const master = guessed();
      const merge = await mergeInto(master, [
        ["TA.xlsx", await filled(made(master), "TA", { 11: { status: "Complete", update: "Done in May." } })],
      ]);
      expect(merge.conflicts).toEqual([]);
      expect(merge.applied.map((a) => [a.ref, a.answer.status, a.answer.update])).toEqual([
        ["1", "Complete", "Done in May."],
      ]);
    });
  });

  it("writes nothing for a table with no room for the Updated stamp, and says how to make room", async () => {
    const master = plan([["1", "Patrol the park", "TA", "", "Green", "a note in the next column"]]);
    const merge = await mergeInto(master, [
      ["TA.xlsx", await filled(made(master), "TA", { 11: { status: "Amber", update: "Late." } })],
    ]);
    expect(merge.problems.map((p) => [p.rule, p.cell])).toEqual([["returns/no-stamp-column", "F3"]]);
    expect(merge.plan).toBeNull();
  });

  it("uses the table's own Updated column when it has one", async () => {
    const master = workbookWithNames(
      [{ name: PLAN_ID_NAME, formula: `="${ID}"` }],
      sheet("Plan", [
        ["Ref", "Action", "Lead", "Update", "Status", "Updated", "Notes"],
        ["1", "Patrol the park", "TA", "", "Green", "", "keep me"],
      ]),
    );
    const merge = await mergeInto(master, [
      ["TA.xlsx", await filled(made(master), "TA", { 11: { status: "Amber", update: "Late." } })],
    ]);
    const stamp = merge.plan?.ops.at(-1);
    expect(stamp).toMatchObject({
      kind: "writeCells",
      row: 1,
      column: 5,
      cells: [[{ kind: "text", text: "TA, return received 10/01/2013" }]],
    });
  });

  it("stops the whole merge when the plan's sheet is protected", async () => {
    const rows: CellSpec[][] = [["1", "Patrol the park", "TA", "", "Green"]];
    const sent = made(plan(rows));
    const merge = await mergeInto(plan(rows, { isProtected: true }), [
      ["TA.xlsx", await filled(sent, "TA", { 11: { status: "Amber", update: "Late." } })],
    ]);
    expect(merge.problems.map((p) => p.rule)).toEqual(["write/protected-sheet"]);
    expect(canApply({ plan: merge.plan, problems: merge.problems, detail: null })).toBe(false);
  });
});
