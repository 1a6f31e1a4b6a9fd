/**
 * The reader shares a few long-lived values between reads (for speed: see NO_MERGES and NO_LEAD_NAMES);
 * each must answer exactly as a freshly made one, however many reads have used it before.
 */
import { LeadNames, NO_LEAD_NAMES } from "../../src/core/reading/lead-register";
import { MergeIndex, NO_MERGES, mergeIndexOf } from "../../src/core/reading/detect-tables";
import {
  statusFromKeyWords,
  statusFromText,
  statusFromTextWithKey,
} from "../../src/core/reading/status-vocabulary";
import { isOtherHeader } from "../../src/core/reading/header-roles";

const LEAD_TEXTS = [
  "Police",
  "POLICE\nSBC",
  "Scanning & Challenge Group",
  "MW, CS",
  "Youth Offending Service / Police",
  "  ",
  "A&E",
];

describe("the reader's shared values", () => {
  it("reads lead texts with the shared empty lead names as a new empty one does, before and after use", () => {
    const fresh = (): LeadNames => new LeadNames([], []);
    const expected = LEAD_TEXTS.map((t) => [fresh().isKnown(t), fresh().leadsOf(t)]);
    expect(LEAD_TEXTS.map((t) => [NO_LEAD_NAMES.isKnown(t), NO_LEAD_NAMES.leadsOf(t)])).toEqual(expected);
    expect(LEAD_TEXTS.map((t) => [NO_LEAD_NAMES.isKnown(t), NO_LEAD_NAMES.leadsOf(t)])).toEqual(expected);
    expect(expected[1]?.[1]).toEqual(["POLICE", "SBC"]);
  });

  it("gives each caller its own array of leads from the shared lead names", () => {
    const first = NO_LEAD_NAMES.leadsOf("MW, CS");
    first.push("changed by one caller");
    expect(NO_LEAD_NAMES.leadsOf("MW, CS")).toEqual(["MW", "CS"]);
  });

  it("indexes a sheet without merges by the shared empty index, and one with merges by its own", () => {
    expect(mergeIndexOf([])).toBe(NO_MERGES);
    expect(NO_MERGES.at(0, 0)).toBeNull();
    const merge = { top: 1, left: 2, bottom: 3, right: 2 };
    const index = mergeIndexOf([merge]);
    expect(index).toBeInstanceOf(MergeIndex);
    expect(index).not.toBe(NO_MERGES);
    expect([index.at(2, 2), index.at(2, 3), NO_MERGES.at(2, 2)]).toEqual([merge, null, null]);
  });

  it("reads a typed status the same when it is asked again, from the remembered answer, as the first time", () => {
    const typed = [
      "Red",
      "red ",
      "Off track",
      "Amber/Green",
      "Ongoing",
      "not on track",
      "G",
      "Not due yet",
      "",
    ];
    const first = typed.map(statusFromText);
    expect(first).toEqual(["Red", "Red", "Red", null, null, "Red", "Green", "Not started", null]);
    expect(typed.map(statusFromText)).toEqual(first);
    // A key's word wins over the remembered vocabulary reading of the same text.
    const key = new Map([["off track", "Amber" as const]]);
    expect(statusFromTextWithKey("Off track", key)).toBe("Amber");
    expect(statusFromText("Off track")).toBe("Red");
  });

  it("tells other headers the same when asked again as the first time", () => {
    const headers = [
      "Key partners",
      "Outcome / measure",
      "Previous update",
      "Action",
      "Lead officer",
      "Notes",
    ];
    const first = headers.map(isOtherHeader);
    expect(first).toEqual([true, true, true, false, false, false]);
    expect(headers.map(isOtherHeader)).toEqual(first);
  });

  it("reads a key's words the same when asked again, from the remembered answer, as the first time", () => {
    const meanings = [
      "Significant problems / not started",
      "On track",
      "Lunch",
      "R",
      "not on track",
      "Achieved",
    ];
    const first = meanings.map(statusFromKeyWords);
    expect(first).toEqual(["Red", "Green", null, "Red", "Red", "Complete"]);
    expect(meanings.map(statusFromKeyWords)).toEqual(first);
  });
});
