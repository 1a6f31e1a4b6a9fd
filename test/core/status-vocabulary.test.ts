import {
  statusFromKeyWords,
  statusFromText,
  statusFromTextWithKey,
  statusWordsOfKeyText,
} from "../../src/core/reading/status-vocabulary";
import { readPlan } from "../../src/core/reading/read-plan";
import { sheet, workbook } from "../support/snapshot-builder";

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

describe("a status the cell negates, hedges or asks about is not that status", () => {
  it.each([
    "Not complete",
    "Not completed",
    "not yet complete",
    "Not yet fully complete",
    "NOT DONE",
    "Nearly complete",
    "Almost done",
    "Largely achieved",
    "To be completed",
    "Yet to be delivered",
    "Due to complete Q3",
    "Expected to be complete by March",
    "Awaiting sign off",
    "Complete - awaiting sign off",
    "Closed (pending evaluation)",
    "Complete subject to audit",
    "Complete - not yet signed off",
    "Not fully achieved",
    "Not green",
    "Not red",
    "No slippage",
    "No significant issues",
    "Amber - not yet complete",
    "Complete?",
    "G?",
    "Red??",
  ])("reads %j as no status, for a person to decide", (typed) => {
    expect(statusFromText(typed)).toBeNull();
  });

  it.each([
    ["Not started", "Not started"],
    ["Not yet started", "Not started"],
    ["not started yet", "Not started"],
    ["Not on track", "Red"],
    ["Not achieved", "Red"],
    ["Not met", "Red"],
    ["Not due yet", "Not started"],
    ["Will not be delivered", "Red"],
    ["Fully achieved", "Complete"],
    ["Partially complete", "Amber"],
    ["Red - not funded", "Red"],
    ["Not funded - red", "Red"],
    ["Amber due to slippage", "Amber"],
    ["Delayed due to staff absence", "Amber"],
    ["Complete (Q2)", "Complete"],
    ["Complete May 2024", "Complete"],
    ["Amber - pending funding decision", "Amber"],
  ] as const)(
    "still reads %j, whose negation is its own phrase or is not about it, as %s",
    (typed, status) => {
      expect(statusFromText(typed)).toBe(status);
    },
  );

  it("does not let a key defining the letters read a question as the letter", () => {
    expect(statusFromTextWithKey("R?", new Map([["r", "Red"]]))).toBeNull();
    expect(statusFromTextWithKey("R", new Map([["r", "Red"]]))).toBe("Red");
  });
});

describe("a key's meaning that negates a status does not define that status", () => {
  it("passes over a negated phrase in a key's words", () => {
    expect(statusFromKeyWords("Not yet complete")).toBeNull();
    expect(statusFromKeyWords("Complete?")).toBeNull();
    expect(statusFromKeyWords("Action not complete, some slippage")).toBe("Amber");
  });

  it("never makes a letter mean the status its meaning negates", () => {
    expect(
      statusWordsOfKeyText("R – off track, A = not yet complete, C = not yet complete, B: complete").map(
        (w) => [w.token, w.status],
      ),
    ).toEqual([
      ["R", "Red"],
      ["A", "Amber"],
      ["C", null],
      ["B", "Complete"],
    ]);
  });

  it("reports a typed letter its sheet's key defines as a negated status, keeping what was typed", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Ref", "Action", "Status"],
          ["1", "Run the patrols at weekends", "C"],
          ["2", "Publish the guide", "G"],
          [],
          ["Status key: G = on track; C = not yet complete"],
        ]),
      ),
    );
    expect(model.actions.map((a) => [a.status, a.statusText])).toEqual([
      [null, "C"],
      ["Green", "G"],
    ]);
    expect(model.problems.filter((p) => p.rule === "status/invalid").map((p) => p.cell)).toEqual(["C2"]);
  });

  it("reads a typed negation as a status it cannot read, naming the cell", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          ["Ref", "Action", "Status"],
          ["1", "Run the patrols at weekends", "Not complete"],
          ["2", "Publish the guide", "Complete"],
        ]),
      ),
    );
    expect(model.actions.map((a) => a.status)).toEqual([null, "Complete"]);
    expect(model.problems.map((p) => [p.rule, p.cell])).toContainEqual(["status/invalid", "C2"]);
  });
});

describe("a key whose words describe a status word by another status's phrase", () => {
  it("keeps the word its own status when the words name it too", () => {
    expect(
      statusWordsOfKeyText(
        "Green - on track or completed; Amber - not on track or at risk; Red - significantly delayed",
      ).map((w) => [w.token, w.status]),
    ).toEqual([
      ["Green", "Green"],
      ["Amber", "Amber"],
      ["Red", "Red"],
    ]);
  });

  it("still lets the words decide a token that names no status of its own, or one they do not name", () => {
    expect(statusWordsOfKeyText("P = not on track or at risk").map((w) => [w.token, w.status])).toEqual([
      ["P", "Red"],
    ]);
    expect(statusWordsOfKeyText("B = on track").map((w) => [w.token, w.status])).toEqual([["B", "Green"]]);
  });

  it("reads a typed Amber as Amber under a key line that says 'Amber - not on track or at risk'", () => {
    const model = readPlan(
      workbook(
        sheet("Plan", [
          [
            "RAG Risk Status: Green - action on track or completed; Amber - not on track or at risk; Red - significantly delayed or at severe risk of failure",
          ],
          [],
          ["Ref", "Action", "Lead", "R/A/G"],
          ["1.1", "Review rural crime", "Policy Officer", "Amber"],
          ["1.2", "Publish the victims' report", "Victims Lead", "A"],
          ["1.3", "Re-tender the review", "Head of Commissioning", "Red"],
        ]),
      ),
    );
    expect(model.actions.map((a) => a.status)).toEqual(["Amber", "Amber", "Red"]);
  });
});
