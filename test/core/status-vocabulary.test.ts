import { statusFromKeyWords, statusFromText } from "../../src/core/reading/status-vocabulary";

describe("statusFromText", () => {
  it("reads the letters and words partnerships type, ignoring case and spaces", () => {
    expect(["Red ", "r", "AMBER", "a", "g", "Done", "b", "ns", "Gray"].map(statusFromText)).toEqual([
      "Red",
      "Red",
      "Amber",
      "Amber",
      "Green",
      "Complete",
      "Complete",
      "Not started",
      "Not started",
    ]);
  });

  it("gives null for text that is not a status rather than guessing", () => {
    expect(["TBC", "Redish", "On hold", "", "x".repeat(50)].map(statusFromText)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe("statusFromKeyWords", () => {
  it("maps a colour key's words, the first phrase in the text winning", () => {
    expect(statusFromKeyWords("Complete")).toBe("Complete");
    expect(statusFromKeyWords("On track")).toBe("Green");
    expect(statusFromKeyWords("Some slippage")).toBe("Amber");
    expect(statusFromKeyWords("Significant problems / not started")).toBe("Red");
    expect(statusFromKeyWords("Not started")).toBe("Not started");
    expect(statusFromKeyWords("Meeting room")).toBeNull();
  });
});

describe("status words from published plans' keys and year-end reviews", () => {
  it.each([
    ["Partially achieved", "Amber"],
    ["Partially met", "Amber"],
    ["Lagging", "Amber"],
    ["Minor delay", "Amber"],
    ["Some progress", "Amber"],
    ["Overdue", "Red"],
    ["Not met", "Red"],
    ["No progress", "Red"],
    ["Insufficient progress", "Red"],
    ["Ahead of schedule", "Green"],
    ["Excellent progress", "Green"],
  ] as const)("reads %s as %s", (typed, status) => {
    expect(statusFromText(typed)).toBe(status);
  });

  it.each([
    "Superseded",
    "Withdrawn",
    "Cancelled",
    "Deferred",
    "No longer required",
    "Under control",
    "In progress",
  ])("reads %s as no status, for a person to decide", (typed) => {
    expect(statusFromText(typed)).toBeNull();
  });
});
