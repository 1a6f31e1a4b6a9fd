import fc from "fast-check";
import { readPlan } from "../../src/core/reading/read-plan";
import { HEADER_SETS, type Role, corpusSnapshot, layout, letters, words } from "./corpus";

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
});
