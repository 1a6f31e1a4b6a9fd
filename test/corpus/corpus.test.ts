import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readPlan } from "../../src/core/reading/read-plan";
import { expectedReadings, planFromFile, readings } from "./corpus-readings";
import { corpusCases, corpusSnapshot } from "./corpus";

const cases = corpusCases();

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
      expect(readings(readPlan(corpusSnapshot(c)))).toEqual(expectedReadings(c));
    });

    it("reads every action exactly from the .xlsx file", async () => {
      const model = await planFromFile(c, dir);
      expect(readings(model)).toEqual(expectedReadings(c));
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
