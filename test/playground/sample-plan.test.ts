/**
 * The playground's sample plan, made by the package writer from a blank package: what the pane reads
 * from it, and that Excel would open it without repairs.
 */
import { readPlan } from "../../src/core/reading/read-plan";
import { sampleWorkbookBytes } from "../../src/playground/sample-plan";
import { nodeCodec } from "../../src/xlsx/node-files";
import { snapshotFromPackage } from "../../src/xlsx/package-snapshot";
import { packageProblems } from "../support/ooxml-validate";

describe("the playground's sample plan", () => {
  it("holds the three seed layouts in order, the 2009 sheet's ACTION header merged over two columns", async () => {
    const snapshot = snapshotFromPackage(await sampleWorkbookBytes(nodeCodec));
    expect(snapshot.sheets.map((s) => s.name)).toEqual(["1 ASB", "Action Plan 2009", "Plan 2011-12"]);
    const fills = snapshot.sheets[1];
    expect(fills?.merges).toEqual([
      { top: 3, left: 0, bottom: 3, right: 1 },
      { top: 9, left: 0, bottom: 9, right: 1 },
    ]);
    expect(snapshot.sheets[0]?.merges).toEqual([]);
  });

  it("reads as a plan whose 2009 statuses come from fills and key, and whose refs 3.1 and 3.10 stay apart", async () => {
    const model = readPlan(snapshotFromPackage(await sampleWorkbookBytes(nodeCodec)));
    const bySheet = (sheet: string) => model.actions.filter((a) => a.sheet === sheet);
    expect(bySheet("1 ASB").map((a) => a.ref)).toEqual(["1", "2", "3", "4"]);
    expect(bySheet("1 ASB").find((a) => a.ref === "3")?.leads).toEqual(["TA", "CS"]);
    const fillStatuses = bySheet("Action Plan 2009");
    expect(fillStatuses).toHaveLength(5);
    expect(fillStatuses.every((a) => a.statusFromFill)).toBe(true);
    expect(model.statusKey.map((k) => k.meaning)).toEqual([
      "Complete",
      "On track",
      "Some slippage",
      "Significant problems / not started",
    ]);
    const year = bySheet("Plan 2011-12");
    expect(year.map((a) => a.ref)).toEqual(["1", "2", "3", "3.1", "3.10", "4", "5", "6"]);
    expect(year.find((a) => a.ref === "3.10")?.due).toBe("2012-09-30");
    expect(year.find((a) => a.ref === "4")?.statusText).toBe("Red ");
  });

  it("validates against the schemas and keeps Excel's rules", async () => {
    const bytes = await sampleWorkbookBytes(nodeCodec);
    expect(await packageProblems([{ label: "the sample plan", bytes }])).toEqual([]);
  });
});
