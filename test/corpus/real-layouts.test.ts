import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { PlanModel } from "../../src/core/basics/plan-model";
import { readPlan } from "../../src/core/reading/read-plan";
import { planApplySchema } from "../../src/core/planning/apply-schema";
import { snapshotFromPackage } from "../../src/xlsx/package-snapshot";
import { applyWritePlanToBytes } from "../../src/xlsx/package-writer";
import { nodeCodec } from "../../src/xlsx/node-files";
import { expectedReadings, planFromFile, readings } from "./corpus-readings";
import { corpusSnapshot, corpusWorkbook } from "./corpus";
import { type RealCase, realLayoutCases, supersededCase } from "./real-layouts";

const cases = realLayoutCases();

let dir = "";
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "real-layouts-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("layouts drawn from published plans", () => {
  it("has at least ten distinct layouts", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  describe.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    it("reads every action exactly", () => {
      const model = readPlan(corpusSnapshot(c));
      expect(readings(model)).toEqual(expectedReadings(c));
    });

    it("reads every action exactly from the .xlsx file", async () => {
      const model = await planFromFile(c, dir);
      expect(readings(model)).toEqual(expectedReadings(c));
    });

    it("reports no status it could not read, and asks about exactly the columns it is unsure of", () => {
      const model = readPlan(corpusSnapshot(c));
      expect(model.problems.filter((p) => p.rule.startsWith("status/"))).toEqual([]);
      expect(model.problems.filter((p) => p.rule.startsWith("column/")).map((p) => p.cell)).toEqual(c.asks);
      expect(model.problems.filter((p) => p.rule === "row/not-an-action")).toEqual([]);
    });
  });
});

describe("words for an action taken off the plan", () => {
  const { c, unread } = supersededCase();
  const model = readPlan(corpusSnapshot(c));

  it("reads 'Superseded' and 'Withdrawn' as no status, never as Complete", () => {
    expect(model.actions.map((a) => a.status)).toEqual(c.expected.map((e) => e.status));
    expect(model.actions.map((a) => a.statusText)).toEqual([
      "Superseded",
      "Complete",
      "Withdrawn",
      "Slippage",
    ]);
  });

  it("reports each such word as a problem on its own cell", () => {
    expect(model.problems.filter((p) => p.rule === "status/invalid").map((p) => p.cell)).toEqual(unread);
  });
});

describe("a colour key written without a 'Key:' label", () => {
  const council = cases.find((c) => c.name === "council-objective-outcome-measure");

  it("is read as the workbook's key, swatch by swatch", () => {
    expect(council).toBeDefined();
    const model = readPlan(corpusSnapshot(council as (typeof cases)[number]));
    expect(model.statusKey.map((k) => [k.cell, k.status])).toEqual([
      ["A7", "Red"],
      ["A8", "Amber"],
      ["A9", "Green"],
      ["A10", "Complete"],
    ]);
  });

  it("never becomes actions, even when the action column is the one beside the swatches", () => {
    const c = council as (typeof cases)[number];
    const sheet = c.sheets[0] as (typeof c.sheets)[number];
    // The action column moved to B, beside the key's swatches in A.
    const order = [0, 3, 1, 2, 4, 5, 6, 7, 8, 9, 10];
    const rows = sheet.rows.map((r) =>
      r.filter((x) => x !== null).length < 3 ? r : order.map((i) => r[i] ?? null),
    );
    const model = readPlan(corpusSnapshot({ ...c, sheets: [{ ...sheet, rows }] }));
    expect(model.actions.map((a) => a.action)).toEqual(c.expected.map((e) => e.action));
  });
});

/**
 * The case written to .xlsx as a user's file, read, given the schema by the package writer (as the CLI
 * applies it), and read again.
 */
async function readBeforeAndAfterApplySchema(c: RealCase): Promise<{ before: PlanModel; after: PlanModel }> {
  const bytes = new Uint8Array(await corpusWorkbook(c).xlsx.writeBuffer());
  const snapshot = snapshotFromPackage(bytes);
  const before = readPlan(snapshot);
  const schema = planApplySchema(snapshot, before);
  const after = readPlan(
    snapshotFromPackage((await applyWritePlanToBytes(bytes, schema.plan, nodeCodec)).bytes),
  );
  return { before, after };
}

describe("every layout, once Apply schema has made its tables Excel tables", () => {
  it.each(cases.map((c) => [c.name, c] as const))(
    "%s: reads the same actions, with the same refs, leads, updates, statuses, dates and themes, as before",
    async (_name, c) => {
      const { before, after } = await readBeforeAndAfterApplySchema(c);
      expect(readings(before)).toEqual(expectedReadings(c));
      expect(readings(after)).toEqual(readings(before));
      expect(after.themes).toEqual(before.themes);
    },
  );

  it.each(cases.map((c) => [c.name, c] as const))(
    "%s: reports no row it did not report before",
    async (_name, c) => {
      const { before, after } = await readBeforeAndAfterApplySchema(c);
      const rowRules = (m: PlanModel): string[] =>
        m.problems.filter((p) => p.rule.startsWith("row/")).map((p) => p.rule);
      expect(rowRules(after)).toEqual(rowRules(before));
    },
  );
});

describe("a header of two rows, a group row of merged cells over the names, once Apply schema has made it an Excel table", () => {
  const twoRowHeaders = cases.filter((c) =>
    [
      "youth-justice-progress-over-quarters",
      "reoffending-quarters-over-progress-and-rag",
      "update-merged-over-months",
    ].includes(c.name),
  );

  it.each(twoRowHeaders.map((c) => [c.name, c] as const))(
    "%s: reads every action exactly, with no table made of the group row and nothing asked",
    async (_name, c) => {
      expect(twoRowHeaders).toHaveLength(3);
      const bytes = new Uint8Array(await corpusWorkbook(c).xlsx.writeBuffer());
      const snapshot = snapshotFromPackage(bytes);
      const schema = planApplySchema(snapshot, readPlan(snapshot));
      const after = readPlan(
        snapshotFromPackage((await applyWritePlanToBytes(bytes, schema.plan, nodeCodec)).bytes),
      );
      expect(readings(after)).toEqual(expectedReadings(c));
      expect(after.tables.filter((t) => t.sheet === c.sheets[0]?.name)).toHaveLength(1);
      expect(
        after.problems.filter((p) => p.rule.startsWith("column/") || p.rule.startsWith("table/")),
      ).toEqual([]);
    },
  );
});
