import { dueDateOfText } from "../../src/core/reading/due-dates";

describe("a due date typed as text", () => {
  it.each([
    ["31/03/2025", "2025-03-31"],
    ["31/3/25", "2025-03-31"],
    ["31.03.2025", "2025-03-31"],
    ["31-03-2025", "2025-03-31"],
    ["2025-03-31", "2025-03-31"],
    ["31 March 2025", "2025-03-31"],
    ["31st Mar 2025", "2025-03-31"],
    ["31-Mar-25", "2025-03-31"],
    ["March 31, 2025", "2025-03-31"],
    ["by 31/03/2025", "2025-03-31"],
    ["  31/03/2025 ", "2025-03-31"],
  ])("reads %j as the day it names, %s", (typed, iso) => {
    expect(dueDateOfText(typed)).toBe(iso);
  });

  it("reads numbers day first, as in the UK: 03/04/2025 is 3 April, not 4 March", () => {
    expect(dueDateOfText("03/04/2025")).toBe("2025-04-03");
    expect(dueDateOfText("3/4/25")).toBe("2025-04-03");
  });

  it("takes no day the calendar lacks, and never swaps day and month to make one", () => {
    expect(dueDateOfText("31/02/2025")).toBeNull();
    expect(dueDateOfText("04/25/2025")).toBeNull();
    expect(dueDateOfText("29/02/2023")).toBeNull();
    expect(dueDateOfText("29/02/2024")).toBe("2024-02-29");
  });

  it("reads a month and year as the month's last day, by which the action is due", () => {
    expect(dueDateOfText("March 2025")).toBe("2025-03-31");
    expect(dueDateOfText("June 2025")).toBe("2025-06-30");
    expect(dueDateOfText("Feb 2024")).toBe("2024-02-29");
    expect(dueDateOfText("End of September 2025")).toBe("2025-09-30");
  });

  it("reads a financial year's quarter or the year itself (April to March) as its last day", () => {
    expect(dueDateOfText("Q1 2024-25")).toBe("2024-06-30");
    expect(dueDateOfText("Q3 2024/25")).toBe("2024-12-31");
    expect(dueDateOfText("Q4 2024-25")).toBe("2025-03-31");
    expect(dueDateOfText("2024-25")).toBe("2025-03-31");
    expect(dueDateOfText("2024/2025")).toBe("2025-03-31");
  });

  it.each([
    "Ongoing",
    "TBC",
    "Q4",
    "Q4 2025",
    "March",
    "Mar-25",
    "2025",
    "2024-05",
    "Monthly",
    "ASAP",
    "31/03",
  ])("finds no day in %j, rather than guess one", (typed) => {
    expect(dueDateOfText(typed)).toBeNull();
  });
});
