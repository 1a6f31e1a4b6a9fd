import { downloadName } from "../../src/playground/PlaygroundApp";

describe("the playground's download name", () => {
  it("marks a changed workbook as updated and keeps an unchanged one's name", () => {
    expect(downloadName("plan.xlsx", true)).toBe("plan (updated).xlsx");
    expect(downloadName("Plan.XLSX", false)).toBe("Plan.xlsx");
  });
});
