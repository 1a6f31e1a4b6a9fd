/**
 * What the corpus tests compare, in one place: every field of every action the reader finds, leads
 * folded for case, against a case's expected actions; and a case read as a user's file is read, written
 * to .xlsx (by ExcelJS, an independent writer) and read back by the product's package reader.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { PlanModel } from "../../src/core/basics/plan-model";
import { readPlan } from "../../src/core/reading/read-plan";
import { snapshotFromPackage } from "../../src/xlsx/package-snapshot";
import { type CorpusCase, corpusWorkbook } from "./corpus";

/** What the held-back measure compares: every field of every action, leads folded for case. */
export function readings(model: PlanModel) {
  return model.actions.map((a) => ({
    sheet: a.sheet,
    ref: a.ref,
    action: a.action,
    lead: a.lead,
    leads: a.leads.map((l) => l.toLowerCase()),
    update: a.update,
    status: a.status,
    due: a.due,
    theme: a.theme,
    history: a.history,
  }));
}

/** A case's expected actions in the shape of `readings`. */
export function expectedReadings(c: CorpusCase) {
  return c.expected.map((e) => ({ ...e, leads: e.leads.map((l) => l.toLowerCase()) }));
}

/** The case saved as `dir/NAME.xlsx` and read back as the CLI reads a file. */
export async function planFromFile(c: CorpusCase, dir: string): Promise<PlanModel> {
  const file = path.join(dir, `${c.name}.xlsx`);
  await corpusWorkbook(c).xlsx.writeFile(file);
  return readPlan(snapshotFromPackage(readFileSync(file)));
}
