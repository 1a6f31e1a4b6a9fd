import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readPlan } from "../../src/core/reading/read-plan";
import type { PlanModel } from "../../src/core/basics/plan-model";
import { readWorkbookFile } from "../support/exceljs/xlsx-file";
import { snapshotFromWorkbook } from "../support/exceljs/xlsx-snapshot";
import { type CorpusCase, corpusCases, corpusSnapshot, corpusWorkbook } from "./corpus";

const cases = corpusCases();

/** What the held-back measure compares: every field of every action, leads folded for case. */
function readings(model: PlanModel) {
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

function expectedOf(c: CorpusCase) {
  return c.expected.map((e) => ({ ...e, leads: e.leads.map((l) => l.toLowerCase()) }));
}

let dir = "";
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "corpus-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the generated corpus", () => {
  it("has at least 25 workbooks, each with a distinct name", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  describe.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    it("reads every action exactly from the snapshot", () => {
      expect(readings(readPlan(corpusSnapshot(c)))).toEqual(expectedOf(c));
    });

    it("reads every action exactly from the .xlsx file", async () => {
      const file = path.join(dir, `${c.name}.xlsx`);
      await corpusWorkbook(c).xlsx.writeFile(file);
      const model = readPlan(snapshotFromWorkbook(await readWorkbookFile(file)));
      expect(readings(model)).toEqual(expectedOf(c));
    });

    it("reports no status it could not read and names each lead in one spelling", () => {
      const model = readPlan(corpusSnapshot(c));
      expect(model.problems.filter((p) => p.rule.startsWith("status/"))).toEqual([]);
      const spellings = new Map<string, Set<string>>();
      for (const lead of model.actions.flatMap((a) => a.leads)) {
        spellings.set(lead.toLowerCase(), (spellings.get(lead.toLowerCase()) ?? new Set()).add(lead));
      }
      expect([...spellings.values()].filter((s) => s.size > 1)).toEqual([]);
    });
  });
});
