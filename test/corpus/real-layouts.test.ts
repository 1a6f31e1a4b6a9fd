import { readPlan } from "../../src/core/reading/read-plan";
import { corpusSnapshot } from "./corpus";
import { realLayoutCases, supersededCase } from "./real-layouts";

const cases = realLayoutCases();

describe("layouts drawn from published plans", () => {
  it("has at least ten distinct layouts", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  describe.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    it("reads every action exactly", () => {
      const model = readPlan(corpusSnapshot(c));
      const read = model.actions.map((a) => ({
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
      expect(read).toEqual(c.expected.map((e) => ({ ...e, leads: e.leads.map((l) => l.toLowerCase()) })));
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
