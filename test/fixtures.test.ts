import * as fs from "node:fs";
import * as path from "node:path";
import { readPlan } from "../src/core/reading/read-plan";
import { readWorkbookFile } from "./support/exceljs/xlsx-file";
import { snapshotFromWorkbook } from "./support/exceljs/xlsx-snapshot";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");

interface ExpectedAction {
  sheet: string;
  ref: string | null;
  action: string;
  lead: string | null;
  update: string;
  status: string | null;
  leadCodes?: string[];
  extra?: Record<string, string>;
  theme?: string;
}

interface Expected {
  actions: ExpectedAction[];
  leadRegister?: Array<{ code: string; name: string }>;
}

const names = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".xlsx"))
  .map((f) => f.replace(/\.xlsx$/, ""));

describe("the shared fixtures, read through the file reader", () => {
  it("finds the four shared workbooks", () => {
    expect(names.length).toBeGreaterThanOrEqual(4);
  });

  describe.each(names)("%s", (name) => {
    const expected = JSON.parse(
      fs.readFileSync(path.join(FIXTURES, "expected", `${name}.json`), "utf8"),
    ) as Expected;
    let model: ReturnType<typeof readPlan>;

    beforeAll(async () => {
      model = readPlan(snapshotFromWorkbook(await readWorkbookFile(path.join(FIXTURES, `${name}.xlsx`))));
    });

    it("gives exactly the expected actions, in sheet then row order", () => {
      const got = model.actions.map((a) => ({
        sheet: a.sheet,
        ref: a.ref,
        action: a.action,
        lead: a.lead,
        update: a.update,
        status: a.status,
      }));
      const want = expected.actions.map((a) => ({
        sheet: a.sheet,
        ref: a.ref,
        action: a.action,
        // The fixtures README says a blank lead is null, but the 2009 file lists action 11's blank
        // lead as "": the reader returns null, so "" is read as null here (for lead only).
        lead: a.lead === "" ? null : a.lead,
        update: a.update,
        status: a.status,
      }));
      expect(got).toEqual(want);
    });

    it("splits leads into register codes where the expected answer does", () => {
      for (const want of expected.actions.filter((a) => a.leadCodes !== undefined)) {
        const got = model.actions.find((a) => a.sheet === want.sheet && a.ref === want.ref);
        expect({ sheet: want.sheet, ref: want.ref, leads: got?.leads }).toEqual({
          sheet: want.sheet,
          ref: want.ref,
          leads: want.leadCodes,
        });
      }
    });

    it("keeps other columns by their header and reads themes where expected", () => {
      const wanted = expected.actions.filter((a) => a.extra !== undefined || a.theme !== undefined);
      const got = wanted.map((want) =>
        model.actions.find((a) => a.sheet === want.sheet && a.ref === want.ref),
      );
      // Each expected action's extra columns and theme, where the fixture's expectations name them.
      const extraNamed = (a: (typeof got)[number], keys: readonly string[]) =>
        Object.fromEntries(keys.map((k) => [k, a?.extra[k]]));
      expect(got.map((a, i) => extraNamed(a, Object.keys(wanted[i]?.extra ?? {})))).toEqual(
        wanted.map((w) => w.extra ?? {}),
      );
      expect(got.map((a, i) => (wanted[i]?.theme !== undefined ? a?.theme : null))).toEqual(
        wanted.map((w) => (w.theme !== undefined ? w.theme : null)),
      );
    });

    it("builds the expected lead register", () => {
      const got = model.leadRegister.map((l) => ({ code: l.code, name: l.name }));
      expect(got).toEqual(expected.leadRegister ?? []);
    });

    it("reports no unreadable status and finds at least one table", () => {
      expect(
        model.problems.filter((p) => p.rule.startsWith("status/") || p.rule === "table/none-found"),
      ).toEqual([]);
    });
  });
});
