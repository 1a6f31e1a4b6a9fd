import { buildLeadRegister, leadParts, splitLeads } from "../../src/core/reading/lead-register";

const codes = new Map([
  ["TA", "TA"],
  ["CS", "CS"],
  ["MW", "MW"],
]);

describe("splitLeads", () => {
  it("splits into codes only when every part is a known code", () => {
    expect(splitLeads("TA & CS", codes)).toEqual(["TA", "CS"]);
    expect(splitLeads("ta/cs,MW", codes)).toEqual(["TA", "CS", "MW"]);
    expect(splitLeads("TA\nCS", codes)).toEqual(["TA", "CS"]);
    expect(splitLeads("TA & Police", codes)).toEqual(["TA & Police"]);
    expect(splitLeads("Scanning & Challenge Group", codes)).toEqual(["Scanning & Challenge Group"]);
  });

  it("keeps the whole lead when there is no register, and gives [] for a blank lead", () => {
    expect(splitLeads("TA & CS", new Map())).toEqual(["TA & CS"]);
    expect(splitLeads("  ", codes)).toEqual([]);
    expect(splitLeads(null, codes)).toEqual([]);
  });

  it("splits on and, but not inside words", () => {
    expect(leadParts("Police and Sandwell Council")).toEqual(["Police", "Sandwell Council"]);
  });
});

describe("buildLeadRegister", () => {
  it("keeps a code's first entry and ignores the same name seen again", () => {
    const { leads, problems } = buildLeadRegister([
      { code: "MW", name: "Mick Williams", organisation: null, sheet: "1", cell: "B5" },
      { code: "mw", name: "mick williams", organisation: "Police", sheet: "5", cell: "B5" },
    ]);
    expect(leads.map((l) => [l.code, l.name, l.sheet])).toEqual([["MW", "Mick Williams", "1"]]);
    expect(problems).toEqual([]);
  });
});
