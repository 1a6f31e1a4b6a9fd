/**
 * The status colours' table (core/reading/fill-prototypes.ts) is its lists worked out: each base fill
 * with its tints and shades mixed in RGB, every colour in CIELAB, as culori computes them. The table
 * saves every command that work on load; this holds it to the lists, so an edit to a list that is not
 * carried into the table fails here.
 */
import { converter, formatHex, interpolate, parse } from "culori";
import {
  BASE_FILLS,
  FILL_PROTOTYPES,
  GREYS,
  PALE_FILLS,
  SHADES,
  TINTS,
} from "../../src/core/reading/fill-prototypes";
import { standardStatusOfFill } from "../../src/core/reading/fill-colours";

const toLab = converter("lab65");

/** The table as the lists make it, worked out now. */
function workedOut(): Array<readonly [string, string, number, number, number]> {
  const colours: Array<readonly [string, string]> = [];
  for (const [status, fills] of BASE_FILLS) {
    for (const hex of fills) {
      colours.push([status, hex]);
      const toWhite = interpolate([hex, "#FFFFFF"], "rgb");
      const toBlack = interpolate([hex, "#000000"], "rgb");
      for (const t of TINTS) colours.push([status, formatHex(toWhite(t))]);
      for (const s of SHADES) colours.push([status, formatHex(toBlack(s))]);
    }
  }
  for (const [status, fills] of PALE_FILLS) for (const hex of fills) colours.push([status, hex]);
  for (const hex of GREYS) colours.push(["Not started", hex]);
  return colours.map(([status, hex]) => {
    const lab = toLab(parse(hex)!);
    return [status, hex, lab.l, lab.a, lab.b] as const;
  });
}

describe("the status colours' table", () => {
  it("holds exactly the lists' colours, tints and shades in CIELAB as culori works them out", () => {
    expect(FILL_PROTOTYPES).toEqual(workedOut());
    expect(FILL_PROTOTYPES).toHaveLength(194);
  });

  it("reads a tint and a shade of a base fill as that fill's status", () => {
    // #FF6666 is red lightened 40 %, #806000 amber (#FFC000) darkened 50 %, both in the table.
    expect(standardStatusOfFill("#FF6666")).toBe("Red");
    expect(standardStatusOfFill("#806000")).toBe("Amber");
    expect(standardStatusOfFill("#A6A6A6")).toBe("Not started");
  });
});
