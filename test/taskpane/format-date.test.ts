import { formatDate, localIsoDate } from "../../src/taskpane/format-date";

describe("dates in the pane", () => {
  it("gives today's date in the user's own time zone, late in the evening too", () => {
    expect(localIsoDate(new Date(2013, 0, 5, 23, 59))).toBe("2013-01-05");
  });

  it("shows ISO dates the UK way, dd/mm/yyyy", () => {
    expect(formatDate("2012-09-30")).toBe("30/09/2012");
  });
});
