/**
 * The in-Excel tests: the add-in's own operations run through the real Excel host (src/excel)
 * against a scratch workbook, checking what the fake cannot prove. Each test writes what it needs
 * through the host, runs an operation as the pane does, and reads the workbook back.
 * They run in the task pane (in-excel-pane.ts), never under Jest: there is no Excel here.
 */
import type { WorkbookSnapshot } from "../../src/core/basics/snapshot";
import type { CellWrite, WritePlan } from "../../src/core/basics/write-plan";
import type { WorkbookHost } from "../../src/core/basics/workbook-host";
import { readPlan } from "../../src/core/reading/read-plan";
import { applyOperation } from "../../src/operations/run-operation";
import { schemaOperation } from "../../src/operations/apply-schema";
import { carryOverOperation } from "../../src/operations/carry-over";
import { leadUpdateOperation } from "../../src/operations/lead-update";
import { summaryOperation } from "../../src/operations/summary";

export interface InExcelTest {
  readonly name: string;
  /** Throws (with what differed) when Excel did not do as the add-in expects; returns notes to report. */
  readonly run: (host: WorkbookHost) => Promise<readonly string[]>;
}

/** The plan sheet every test builds on: the year before the one carried into. */
export const PLAN_SHEET = "2011-12";
const HOSTILE = ["=SUM(1)", "+44 7700 900123", "-5", "@home", "3.10", "007"];

class ExpectationError extends Error {}

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new ExpectationError(`${what}: expected ${e}, Excel gave ${a}`);
}

function expectTrue(condition: boolean, what: string): void {
  if (!condition) throw new ExpectationError(what);
}

const text = (t: string): CellWrite => (t === "" ? { kind: "blank" } : { kind: "text", text: t });

/** A small plan as partnerships keep them, written through the host onto a new sheet. */
function scratchPlan(): WritePlan {
  const rows = [
    ["Ref", "Action", "Lead", "Update", "Status"],
    ["1", "Patrol the park after dark", "Police", "Started in May", "Amber"],
    ["2", "Paint over the graffiti", "Council", "Done", "Complete"],
    ["3", "Set up a youth forum", "Youth Service", "", "Red"],
  ];
  return {
    title: "Scratch plan",
    ops: [
      { kind: "addSheet", sheet: PLAN_SHEET, after: null },
      { kind: "writeCells", sheet: PLAN_SHEET, row: 0, column: 0, cells: rows.map((r) => r.map(text)) },
    ],
  };
}

function sheetNames(snapshot: WorkbookSnapshot): string[] {
  return snapshot.sheets.map((s) => s.name);
}

export const IN_EXCEL_TESTS: readonly InExcelTest[] = [
  {
    name: "the scratch workbook is blank, so nothing of the user's is touched",
    async run(host) {
      const snapshot = await host.readSnapshot();
      const used = snapshot.sheets.some((s) => s.cells.some((row) => row.some((c) => c !== null)));
      expectTrue(
        !used,
        "Open a new blank workbook before running the in-Excel tests: this one has cells in use",
      );
      await host.applyWritePlan(scratchPlan());
      return [];
    },
  },
  {
    name: "user text that looks like a formula or a number is kept as text",
    async run(host) {
      await host.applyWritePlan({
        title: "Hostile text",
        ops: [{ kind: "writeCells", sheet: PLAN_SHEET, row: 10, column: 0, cells: [HOSTILE.map(text)] }],
      });
      const row = (await host.readSnapshot()).sheets.find((s) => s.name === PLAN_SHEET)?.cells[10] ?? [];
      expectEqual(
        row.map((c) => c?.value ?? null),
        HOSTILE,
        "values read back",
      );
      expectEqual(
        row.map((c) => c?.formula ?? null),
        HOSTILE.map(() => null),
        "formulas read back",
      );
      await host.applyWritePlan({
        title: "Clear hostile text",
        ops: [{ kind: "clearRange", sheet: PLAN_SHEET, range: { top: 10, left: 0, bottom: 10, right: 5 } }],
      });
      return [];
    },
  },
  {
    name: "Apply schema makes the tables, the Lists sheet and names that grow with their tables",
    async run(host) {
      const outcome = await applyOperation(host, schemaOperation);
      expectTrue(
        outcome.report !== null,
        `nothing was written: ${outcome.preview.problems.map((p) => p.message).join(" ")}`,
      );
      const snapshot = await host.readSnapshot();
      const plan = snapshot.sheets.find((s) => s.name === PLAN_SHEET);
      expectEqual(plan?.tables.length, 1, "tables on the plan sheet");
      expectTrue(sheetNames(snapshot).includes("Lists"), "the Lists sheet exists");
      const leadCodes = snapshot.names.find((n) => n.name === "LeadCodes")?.formula;
      expectEqual(leadCodes, "=Leads[Code]", "LeadCodes");
      return outcome.report?.verification ?? [];
    },
  },
  {
    name: "Apply schema a second time has nothing to do",
    async run(host) {
      const outcome = await applyOperation(host, schemaOperation);
      expectTrue(outcome.preview.detail.alreadyApplied, "the schema reads as applied");
      expectEqual(outcome.report, null, "what was written");
      return [];
    },
  },
  {
    name: "a lead's update is written to that row only",
    async run(host) {
      const outcome = await applyOperation(
        host,
        leadUpdateOperation(
          {
            sheet: PLAN_SHEET,
            ref: "3",
            action: "Set up a youth forum",
            update: "-first meeting booked",
            status: "Amber",
          },
          "2012-05-01",
        ),
      );
      expectTrue(outcome.report !== null, "the update was written");
      const model = readPlan(await host.readSnapshot());
      const action = model.actions.find((a) => a.sheet === PLAN_SHEET && a.ref === "3");
      expectEqual(
        [action?.update, action?.status],
        ["01/05/2012: -first meeting booked", "Amber"],
        "action 3",
      );
      return outcome.report?.verification ?? [];
    },
  },
  {
    name: "Carry over puts the new year's sheet after the old one (desktop: outside the undo group)",
    async run(host) {
      const outcome = await applyOperation(
        host,
        carryOverOperation({ fromSheet: PLAN_SHEET, renumber: false }),
      );
      expectTrue(
        outcome.report !== null,
        `nothing was written: ${outcome.preview.problems.map((p) => p.message).join(" ")}`,
      );
      const names = sheetNames(await host.readSnapshot());
      expectEqual(
        names.slice(names.indexOf(PLAN_SHEET), names.indexOf(PLAN_SHEET) + 2),
        [PLAN_SHEET, "2012-13"],
        "tab order",
      );
      const carried = readPlan(await host.readSnapshot()).actions.filter((a) => a.sheet === "2012-13");
      expectEqual(
        carried.map((a) => a.action).sort(),
        ["Patrol the park after dark", "Set up a youth forum"],
        "carried actions",
      );
      return outcome.report?.verification ?? [];
    },
  },
  {
    name: "Summary builds a Summary sheet with a chart and print setup",
    async run(host) {
      const outcome = await applyOperation(host, summaryOperation("2012-06-30", "In-Excel test plan"));
      expectTrue(
        outcome.report !== null,
        `nothing was written: ${outcome.preview.problems.map((p) => p.message).join(" ")}`,
      );
      expectTrue(sheetNames(await host.readSnapshot()).includes("Summary"), "the Summary sheet exists");
      return [...(outcome.report?.skipped ?? []), ...(outcome.report?.verification ?? [])];
    },
  },
];
