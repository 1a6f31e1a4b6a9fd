/**
 * Every operation in turn on one workbook, as the pane and CLI run them (issue 7): read → apply
 * schema → carry-over → summary → a lead's write → re-read, re-reading the workbook before each, and
 * the checks every hostile workbook must pass (nothing lost, no text turned into a formula, every
 * problem with its sheet and cell).
 */
import type ExcelJS from "exceljs";
import { planApplySchema, type SchemaPlan } from "../../src/core/planning/apply-schema";
import { planCarryOver, type CarryOverPlan } from "../../src/core/planning/carry-over";
import { checkPlan } from "../../src/core/checking/check-plan";
import { planLeadUpdate, type LeadEdit, type LeadUpdatePlan } from "../../src/core/planning/lead-update";
import { defaultSourceSheet } from "../../src/core/basics/period-names";
import type { Action, PlanModel } from "../../src/core/basics/plan-model";
import type { Problem } from "../../src/core/basics/problem";
import { readPlan } from "../../src/core/reading/read-plan";
import type { WorkbookSnapshot } from "../../src/core/basics/snapshot";
import { planSummarySheet, summaryBlocker } from "../../src/core/planning/summary";
import { ALL_PERIODS } from "../../src/core/reading/table-periods";
import type { WorkbookHost } from "../../src/core/basics/workbook-host";
import type { WritePlan } from "../../src/core/basics/write-plan";
import { readWorkbookBuffer } from "./exceljs/xlsx-file";
import { snapshotFromWorkbook } from "./exceljs/xlsx-snapshot";
import { workbookBytes } from "./exceljs/xlsx-file";
import { applyWritePlanToBytes } from "../../src/xlsx/package-writer";
import { nodeCodec } from "../../src/xlsx/node-files";

export const TODAY = "2024-06-30";
export const SUMMARY = "Summary";

export interface PipelineOptions {
  /** The sheet to carry from; by default the latest year's sheet. */
  readonly carryFrom?: string;
  /** The carry-over target; by default "Carried"; null for the next period's name (nextPeriodSheetName). */
  readonly carryTo?: string | null;
  /** The lead's edit; by default an Amber update of the first action with a ref not on Summary. */
  readonly lead?: (model: PlanModel) => LeadEdit | null;
}

export interface PipelineRun {
  readonly before: WorkbookSnapshot;
  readonly beforeModel: PlanModel;
  readonly schema: SchemaPlan;
  readonly carry: CarryOverPlan | null;
  readonly summary: WritePlan | null;
  readonly summaryBlocker: string | null;
  readonly leadEdit: LeadEdit | null;
  readonly lead: LeadUpdatePlan | null;
  /** Read back after the last write (for the file shell: after a save and a fresh load). */
  readonly after: WorkbookSnapshot;
  readonly afterModel: PlanModel;
  /** Every problem every step reported, the check's included. */
  readonly problems: readonly Problem[];
  /** Sheets that got ops from the schema, carry-over and lead write. */
  readonly writtenSheets: ReadonlySet<string>;
}

/** The first action with a ref not on the Summary sheet, as a lead would pick it. */
export function firstActionWithRef(model: PlanModel): Action | undefined {
  return model.actions.find((a) => a.ref !== null && a.sheet !== SUMMARY);
}

function defaultLeadEdit(model: PlanModel): LeadEdit | null {
  const action = firstActionWithRef(model) ?? model.actions.find((a) => a.sheet !== SUMMARY);
  if (!action) return null;
  return {
    sheet: action.sheet,
    ref: action.ref,
    action: action.action,
    update: "Met the partners 👍 — on track",
    status: "Amber",
  };
}

function sheetsOf(plan: WritePlan): string[] {
  return plan.ops.flatMap((op) => ("sheet" in op ? [op.sheet] : []));
}

/** Runs every operation through `host`, re-reading before each, and reads the result back. */
export async function runPipeline(
  host: WorkbookHost,
  options: PipelineOptions = {},
  reload: () => Promise<WorkbookSnapshot> = () => host.readSnapshot(),
): Promise<PipelineRun> {
  const problems: Problem[] = [];
  const writtenSheets = new Set<string>();
  const before = await host.readSnapshot();
  const beforeModel = readPlan(before);
  problems.push(...checkPlan(beforeModel, TODAY));

  const schema = planApplySchema(before, beforeModel);
  problems.push(...schema.problems);
  sheetsOf(schema.plan).forEach((s) => writtenSheets.add(s));
  await host.applyWritePlan(schema.plan);

  let snapshot = await host.readSnapshot();
  let model = readPlan(snapshot);
  let carry: CarryOverPlan | null = null;
  const from = options.carryFrom ?? defaultSourceSheet(model);
  if (from !== null) {
    carry = planCarryOver(snapshot, model, {
      fromSheet: from,
      ...(options.carryTo === null ? {} : { toSheet: options.carryTo ?? "Carried" }),
      renumber: false,
    });
    problems.push(...carry.problems);
    sheetsOf(carry.plan).forEach((s) => writtenSheets.add(s));
    await host.applyWritePlan(carry.plan);
  }

  snapshot = await host.readSnapshot();
  model = readPlan(snapshot);
  const blocker = summaryBlocker(snapshot, model);
  let summary: WritePlan | null = null;
  if (blocker === null) {
    summary = planSummarySheet(snapshot, model, {
      todayIso: TODAY,
      planName: "Hostile plan",
      // Every period, so that every hostile sheet name meets the formulas.
      period: ALL_PERIODS,
    });
    await host.applyWritePlan(summary);
  }

  snapshot = await host.readSnapshot();
  model = readPlan(snapshot);
  const leadEdit = (options.lead ?? defaultLeadEdit)(model);
  let lead: LeadUpdatePlan | null = null;
  if (leadEdit !== null) {
    lead = planLeadUpdate(snapshot, model, leadEdit);
    problems.push(...lead.problems);
    if (lead.plan !== null) {
      sheetsOf(lead.plan).forEach((s) => writtenSheets.add(s));
      await host.applyWritePlan(lead.plan);
    }
  }

  const after = await reload();
  const afterModel = readPlan(after);
  problems.push(...checkPlan(afterModel, TODAY));
  return {
    before,
    beforeModel,
    schema,
    carry,
    summary,
    summaryBlocker: blocker,
    leadEdit,
    lead,
    after,
    afterModel,
    problems,
    writtenSheets,
  };
}

/**
 * The pipeline through the file shell as the CLI runs it, read back from the saved bytes: each plan
 * applied to the file's bytes by the package writer, each read a fresh load of the bytes with ExcelJS
 * (a reader independent of ours); `packages` are the bytes after each write (for the schema check,
 * ooxml-validate.ts).
 */
export async function runFileShell(
  workbook: ExcelJS.Workbook,
  options: PipelineOptions = {},
): Promise<PipelineRun & { saved: ExcelJS.Workbook; packages: Uint8Array[] }> {
  let bytes: Uint8Array = await workbookBytes(workbook);
  const packages: Uint8Array[] = [];
  const host: WorkbookHost = {
    readSnapshot: async () => snapshotFromWorkbook(await readWorkbookBuffer(bytes)),
    applyWritePlan: async (plan) => {
      const written = await applyWritePlanToBytes(bytes, plan, nodeCodec);
      bytes = written.bytes;
      packages.push(bytes);
      return written.report;
    },
    selectCell: () => Promise.resolve(),
  };
  const run = await runPipeline(host, options);
  return { ...run, saved: await readWorkbookBuffer(bytes), packages };
}

type Key = string;

function valueKey(value: unknown): Key {
  return `${typeof value}:${String(value)}`;
}

function multiset(keys: readonly Key[]): Map<Key, number> {
  const m = new Map<Key, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/** Values (not formulas) and formulas of a sheet's cells, as keys. */
function sheetKeys(snapshot: WorkbookSnapshot, sheet: string): { values: Key[]; formulas: Key[] } {
  const s = snapshot.sheets.find((x) => x.name === sheet);
  const values: Key[] = [];
  const formulas: Key[] = [];
  for (const row of s?.cells ?? []) {
    for (const cell of row) {
      if (cell === null) continue;
      if (cell.formula !== null) formulas.push(cell.formula);
      else if (cell.value !== null && cell.value !== "") values.push(valueKey(cell.value));
    }
  }
  return { values, formulas };
}

/**
 * What was on each sheet before is still on it after, wherever rows moved to: every value as a value
 * (so no text became a formula), every formula as a formula. `owned` lists values the operations may
 * rightly replace (status words they normalise, the cells a lead rewrote), as (sheet, value) pairs.
 */
export function lostValues(
  run: Pick<PipelineRun, "before" | "after">,
  owned: ReadonlyArray<{ sheet: string; value: unknown }> = [],
): string[] {
  const lost: string[] = [];
  for (const sheet of run.before.sheets) {
    const before = sheetKeys(run.before, sheet.name);
    const after = sheetKeys(run.after, sheet.name);
    const allowance = multiset(owned.filter((o) => o.sheet === sheet.name).map((o) => valueKey(o.value)));
    const afterValues = multiset(after.values);
    for (const [key, count] of multiset(before.values)) {
      const missing = count - (afterValues.get(key) ?? 0) - (allowance.get(key) ?? 0);
      if (missing > 0) lost.push(`'${sheet.name}': value ${key.slice(0, 80)} (${missing} missing)`);
    }
    const afterFormulas = multiset(after.formulas);
    for (const [key, count] of multiset(before.formulas)) {
      if ((afterFormulas.get(key) ?? 0) < count) lost.push(`'${sheet.name}': formula ${key}`);
    }
  }
  return lost;
}

/** Formulas on sheets other than Summary that were not in the workbook before (text turned formula). */
export function newFormulas(run: Pick<PipelineRun, "before" | "after">): string[] {
  const out: string[] = [];
  for (const sheet of run.after.sheets) {
    if (sheet.name === SUMMARY) continue;
    const before = multiset(sheetKeys(run.before, sheet.name).formulas);
    for (const [key, count] of multiset(sheetKeys(run.after, sheet.name).formulas)) {
      if (count > (before.get(key) ?? 0)) out.push(`'${sheet.name}': ${key}`);
    }
  }
  return out;
}

/** The values the run may rightly replace: status words readPlan normalises, the lead's two cells. */
export function ownedValues(run: PipelineRun): Array<{ sheet: string; value: unknown }> {
  const owned: Array<{ sheet: string; value: unknown }> = [];
  for (const a of run.beforeModel.actions) {
    if (a.statusText !== null && a.status !== null) owned.push({ sheet: a.sheet, value: a.statusText });
  }
  if (run.lead?.plan && run.leadEdit) {
    const action = run.beforeModel.actions.find(
      (a) =>
        a.sheet === run.leadEdit?.sheet && a.ref === run.leadEdit.ref && a.action === run.leadEdit.action,
    );
    if (action) {
      owned.push({ sheet: action.sheet, value: action.update });
      if (action.statusText !== null) owned.push({ sheet: action.sheet, value: action.statusText });
    }
  }
  return owned;
}

const A1 = /^[A-Z]{1,3}[1-9][0-9]*$/;

/** Problems that do not name a sheet of the workbook (or "" for a workbook-wide one) and a cell. */
export function problemsWithoutPlace(run: PipelineRun): Problem[] {
  const sheets = new Set([...run.before.sheets, ...run.after.sheets].map((s) => s.name));
  return run.problems.filter((p) => {
    if (p.sheet === "") return p.rule !== "table/none-found" && p.rule !== "schema/no-table";
    if (
      !sheets.has(p.sheet) &&
      p.rule !== "carry/no-source" &&
      p.rule !== "write/row-not-found" &&
      p.rule !== "write/sheet-gone"
    )
      return true;
    return p.cell !== "" && !A1.test(p.cell);
  });
}
