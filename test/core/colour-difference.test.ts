import fc from "fast-check";
import { converter, differenceCiede2000, formatHex, interpolate } from "culori";
import {
  ciede2000,
  hexOfRgb,
  labOfRgb,
  mixedRgb,
  oklchChroma,
  rgbOfHex,
} from "../../src/core/reading/colour-difference";

// culori (a devDependency) is the oracle: the product's own colour maths must agree with it.
const culoriDistance = differenceCiede2000();
const culoriLab = converter("lab65");
const culoriOklch = converter("oklch");

const hexColour = fc
  .integer({ min: 0, max: 0xffffff })
  .map((n) => `#${n.toString(16).padStart(6, "0").toUpperCase()}`);

describe("colour-difference", () => {
  it("gives the CIEDE2000 differences of Sharma, Wu and Dalal's published test pairs", () => {
    const pairs: Array<[[number, number, number], [number, number, number], number]> = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 3.1571, -77.2803], [50, 0, -82.7485], 2.8615],
      [[50, 2.8361, -74.02], [50, 0, -82.7485], 3.4412],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
    ];
    for (const [[l1, a1, b1], [l2, a2, b2], expected] of pairs) {
      expect(ciede2000({ l: l1, a: a1, b: b1 }, { l: l2, a: a2, b: b2 })).toBeCloseTo(expected, 4);
    }
  });

  it("reads #RRGGBB and nothing else, and writes it back the same", () => {
    expect(rgbOfHex("#FF8000")).toEqual({ r: 1, g: 128 / 255, b: 0 });
    expect(rgbOfHex("FF8000")).toBeNull();
    expect(rgbOfHex("#F80")).toBeNull();
    expect(rgbOfHex("#GG0000")).toBeNull();
    fc.assert(fc.property(hexColour, (hex) => hexOfRgb(rgbOfHex(hex)!) === hex.toLowerCase()));
  });

  it("agrees with culori on CIELAB, CIEDE2000 and OKLCH chroma for any two colours", () => {
    fc.assert(
      fc.property(hexColour, hexColour, (a, b) => {
        const ra = rgbOfHex(a)!;
        const rb = rgbOfHex(b)!;
        const lab = culoriLab(a)!;
        const mine = labOfRgb(ra);
        expect(mine.l).toBeCloseTo(lab.l, 9);
        expect(mine.a).toBeCloseTo(lab.a, 9);
        expect(mine.b).toBeCloseTo(lab.b, 9);
        expect(ciede2000(mine, labOfRgb(rb))).toBeCloseTo(culoriDistance(a, b), 9);
        expect(oklchChroma(ra)).toBeCloseTo(culoriOklch(a)!.c ?? 0, 9);
      }),
      { numRuns: 2000 },
    );
  });

  it("mixes towards white and black as culori's sRGB interpolation does", () => {
    fc.assert(
      fc.property(hexColour, fc.constantFrom(0.25, 0.4, 0.5, 0.6, 0.8), (hex, t) => {
        const rgb = rgbOfHex(hex)!;
        expect(hexOfRgb(mixedRgb(rgb, { r: 1, g: 1, b: 1 }, t))).toBe(
          formatHex(interpolate([hex, "#FFFFFF"], "rgb")(t)),
        );
        expect(hexOfRgb(mixedRgb(rgb, { r: 0, g: 0, b: 0 }, t))).toBe(
          formatHex(interpolate([hex, "#000000"], "rgb")(t)),
        );
      }),
    );
  });
});
