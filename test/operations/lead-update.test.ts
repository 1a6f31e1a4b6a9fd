import { leadUpdateOperation } from "../../src/operations/lead-update";
import { readPlan } from "../../src/core/reading/read-plan";
import type { WriteOp } from "../../src/core/basics/write-plan";
import { sheet, workbook } from "../support/snapshot-builder";

const snapshot = workbook(
  sheet("2012-13", [
    ["Ref", "Action", "Lead", "Update", "Status"],
    ["1", "Deploy mobile CCTV", "Police", "See report", "Amber"],
    ["2", "Youth outreach", "YOS", "", "Green"],
  ]),
);
const state = { snapshot, model: readPlan(snapshot) };

function updateCellText(ops: readonly WriteOp[] | undefined): string | null {
  const op = ops?.[0];
  const cell = op?.kind === "writeCells" ? op.cells[0]?.[0] : undefined;
  return cell?.kind === "text" ? cell.text : cell?.kind === "blank" ? "" : null;
}

describe("a lead's update, as every caller of the operation writes it", () => {
  it("puts the new update on top, dated the day given, and keeps the previous one below it", () => {
    const result = leadUpdateOperation(
      { sheet: "2012-13", ref: "1", action: "Deploy mobile CCTV", update: "new text", status: "Amber" },
      "2025-04-15",
    )(state);
    expect(result.problems).toEqual([]);
    expect(updateCellText(result.plan?.ops)).toBe("15/04/2025: new text\n\nSee report");
  });

  it("dates the first update of an action that had none, with nothing below it", () => {
    const result = leadUpdateOperation(
      { sheet: "2012-13", ref: "2", action: "Youth outreach", update: "Started", status: "Green" },
      "2025-04-15",
    )(state);
    expect(updateCellText(result.plan?.ops)).toBe("15/04/2025: Started");
  });

  it("keeps the previous update as it is when only the status changes", () => {
    const result = leadUpdateOperation(
      { sheet: "2012-13", ref: "1", action: "Deploy mobile CCTV", update: "", status: "Green" },
      "2025-04-15",
    )(state);
    expect(updateCellText(result.plan?.ops)).toBe("See report");
  });

  it("refuses Amber with no new words: the previous update does not explain today's status", () => {
    const result = leadUpdateOperation(
      { sheet: "2012-13", ref: "1", action: "Deploy mobile CCTV", update: " ", status: "Amber" },
      "2025-04-15",
    )(state);
    expect(result.plan).toBeNull();
    expect(result.problems.map((p) => p.rule)).toEqual(["edit/update-needed"]);
  });
});
