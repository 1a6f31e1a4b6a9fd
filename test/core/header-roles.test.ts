import { headerRole } from "../../src/core/reading/header-roles";

describe("headerRole", () => {
  it.each([
    ["Ref No.", "ref"],
    ["#", "ref"],
    ["Action No", "ref"],
    ["ACTIONS", "action"],
    ["Data gap", "action"],
    ["Lead Agency", "lead"],
    ["Responsible", "lead"],
    ["Latest update", "update"],
    ["Commentary", "update"],
    ["BRAG", "status"],
    ["Status (RAG)", "status"],
    ["By when?", "due"],
    ["Timescale", "due"],
    ["Priority", "theme"],
  ])("reads %j as %s", (header, role) => {
    expect(headerRole(header)).toBe(role);
  });

  it("gives null for other headers and for long text", () => {
    expect(headerRole("Notes")).toBeNull();
    expect(headerRole("Action to be taken by the partnership over the coming year")).toBeNull();
  });
});
