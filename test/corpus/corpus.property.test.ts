import fc from "fast-check";
import { cellAddress } from "../../src/core/basics/cell-address";
import { readPlan } from "../../src/core/reading/read-plan";
import {
  HEADER_SETS,
  type Role,
  type StatusWriter,
  corpusSnapshot,
  layout,
  letters,
  standardFills,
  words,
} from "./corpus";

const ROLES: readonly Role[] = ["ref", "action", "lead", "update", "status", "due"];

/** Each role's header words across the corpus's vocabulary. */
const vocabulary = Object.fromEntries(
  ROLES.map((role) => [role, [...new Set(HEADER_SETS.map((h) => h[role]).filter((w): w is string => !!w))]]),
) as Record<Role, string[]>;

const headers = fc.record(
  Object.fromEntries(ROLES.map((role) => [role, fc.constantFrom(...vocabulary[role])])) as Record<
    Role,
    fc.Arbitrary<string>
  >,
);
const order = fc.shuffledSubarray([...ROLES], { minLength: ROLES.length, maxLength: ROLES.length });
const noiseAbove = fc.array(
  fc.constantFrom(
    "Community Safety Partnership",
    "Action plan 2024/25",
    "Version 3 – agreed at the board on 12/06/2024",
    "This plan is owned by the partnership's analysts; leads update it each quarter.",
    "",
  ),
  { maxLength: 4 },
);
const noiseBelow = fc.array(
  fc.constantFrom(
    "Prepared by the community safety team.",
    "Next review: September",
    "For questions about this plan contact the partnership analyst.",
  ),
  { maxLength: 3 },
);

function read(options: Parameters<typeof layout>[0]) {
  const c = layout(options);
  return {
    got: readPlan(corpusSnapshot(c)).actions.map((a) => ({
      ref: a.ref,
      action: a.action,
      lead: a.lead,
      update: a.update,
      status: a.status,
      due: a.due,
    })),
    want: c.expected.map((e) => ({
      ref: e.ref,
      action: e.action,
      lead: e.lead,
      update: e.update,
      status: e.status,
      due: e.due,
    })),
  };
}

describe("reading is the same whatever the layout's incidentals", () => {
  it("reads the same actions with the columns in any order and headers from the vocabulary", () => {
    fc.assert(
      fc.property(headers, order, fc.boolean(), (h, o, useLetters) => {
        const { got, want } = read({ name: "p", headers: h, order: o, status: useLetters ? letters : words });
        expect(got).toEqual(want);
      }),
      { numRuns: 150 },
    );
  });

  it("reads the same actions with titles and notes added above and below the table", () => {
    fc.assert(
      fc.property(headers, noiseAbove, noiseBelow, (h, above, below) => {
        const { got, want } = read({
          name: "p",
          headers: h,
          order: ROLES,
          status: words,
          above: above.map((t) => [t]),
          below: [[], ...below.map((t) => [{ text: t }])],
        });
        expect(got).toEqual(want);
      }),
      { numRuns: 150 },
    );
  });

  it("reads the same actions with only some of the columns, in any order, statuses typed or filled", () => {
    // The action and the lead always, any of the others: a role left out reads as none.
    const others = fc.shuffledSubarray(["ref", "update", "status", "due"] as Role[]);
    const writers: Record<string, StatusWriter> = { words, letters, fills: standardFills };
    fc.assert(
      fc.property(headers, others, fc.nat(), fc.constantFrom("words", "letters", "fills"), (h, o, at, w) => {
        const order: Role[] = ["lead", ...o];
        order.splice(at % (order.length + 1), 0, "action");
        const { got, want } = read({ name: "p", headers: h, order, status: writers[w]! });
        expect(got).toEqual(want);
      }),
      { numRuns: 150 },
    );
  });

  it("names the status cell of a status it cannot read, wherever the status column stands", () => {
    // "Not started" written as "TBC", which no list or key defines.
    const tbc: StatusWriter = (s) => (s === "Not started" ? { text: "TBC" } : words(s));
    fc.assert(
      fc.property(headers, order, (h, o) => {
        const c = layout({ name: "p", headers: h, order: o, status: tbc });
        const model = readPlan(corpusSnapshot(c));
        const unread = model.actions.filter((a) => a.statusText === "TBC");
        expect(unread.length).toBe(c.expected.filter((e) => e.status === "Not started").length);
        expect(unread.length).toBeGreaterThan(0);
        const invalid = model.problems.filter((p) => p.rule === "status/invalid");
        expect(invalid.map((p) => `${p.sheet}!${p.cell}`)).toEqual(
          unread.map((a) => `${a.sheet}!${cellAddress(a.row, o.indexOf("status"))}`),
        );
        expect(unread.every((a) => a.status === null)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
