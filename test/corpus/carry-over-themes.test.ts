/**
 * Carry-over keeps each action's theme on the new year's sheet, whatever layout named it: a Theme
 * column, a section row above the actions ("Priority 1: Reducing violence", a row merged across) or a
 * numbered parent row ("1 | Reducing violence" over 1.1, 1.2). Every layout drawn from published plans
 * is carried through the package writer, as the CLI carries it, and read back.
 */
import type { Action, PlanModel } from "../../src/core/basics/plan-model";
import { readPlan } from "../../src/core/reading/read-plan";
import { CARRIED_FROM_HEADER, carriedFromLabel, planCarryOver } from "../../src/core/planning/carry-over";
import { snapshotFromPackage } from "../../src/xlsx/package-snapshot";
import { bytesAfter, withSchemaApplied } from "../support/package-pipeline";
import { corpusWorkbook } from "./corpus";
import { realLayoutCases } from "./real-layouts";

const TARGET = "Next year";

interface Carried {
  readonly before: PlanModel;
  readonly after: PlanModel;
  readonly carried: readonly Action[];
}

async function carried(bytes: Uint8Array, renumber: boolean): Promise<Carried> {
  const snapshot = snapshotFromPackage(bytes);
  const before = readPlan(snapshot);
  const sheet = before.actions[0]?.sheet ?? "";
  const result = planCarryOver(snapshot, before, { fromSheet: sheet, toSheet: TARGET, renumber });
  expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  const after = readPlan(snapshotFromPackage(await bytesAfter(bytes, result.plan)));
  return { before, after, carried: result.carried };
}

/** Each carried action's theme before, and the theme read back from the new sheet, by its Carried from label. */
function themesBeforeAndAfter({ after, carried }: Carried): {
  before: Array<[string, string | null]>;
  after: Array<[string, string | null]>;
} {
  const onTarget = after.actions.filter((a) => a.sheet === TARGET);
  return {
    before: carried.map((a) => [carriedFromLabel(a), a.theme]),
    after: onTarget.map((a) => [a.extra[CARRIED_FROM_HEADER] ?? "", a.theme]),
  };
}

const cases = realLayoutCases();

describe("carry-over keeps the theme of every carried action, for every layout drawn from published plans", () => {
  it("has layouts whose themes come from section rows, parent rows and a Theme column", () => {
    // The corpus must hold themed layouts, or the checks below would prove nothing about themes.
    expect(cases.filter((c) => c.expected.some((e) => e.theme !== null)).length).toBeGreaterThanOrEqual(3);
  });

  describe.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    it.each([
      ["as kept", false, false],
      ["renumbered under a 'Carried over from' row", true, false],
      ["once Apply schema made it an Excel table", false, true],
      ["once Apply schema made it an Excel table, renumbered", true, true],
    ] as const)("reads the same themes back from the new sheet, %s", async (_how, renumber, schema) => {
      const raw = new Uint8Array(await corpusWorkbook(c).xlsx.writeBuffer());
      const bytes = schema ? (await withSchemaApplied(raw)).bytes : raw;
      const result = await carried(bytes, renumber);
      expect(result.carried.length).toBeGreaterThan(0);
      const themes = themesBeforeAndAfter(result);
      expect(themes.after).toEqual(themes.before);
      // The summary counts the new sheet by the same themes.
      const carriedThemes = new Set(result.carried.map((a) => a.theme).filter((t) => t !== null));
      for (const theme of carriedThemes) expect(result.after.themes).toContain(theme);
    });
  });
});
