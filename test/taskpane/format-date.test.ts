import { formatDate } from "../../src/taskpane/format-date";

describe("dates in the pane", () => {
  it("shows ISO dates the UK way, dd/mm/yyyy", () => {
    expect(formatDate("2012-09-30")).toBe("30/09/2012");
  });
});
