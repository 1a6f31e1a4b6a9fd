/** `--today`, shared by every command that reads a date: a real day as YYYY-MM-DD, or the usage exit code. */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../../src/cli/main";
import { capture } from "../support/cli-capture";

const PLAN = path.resolve(__dirname, "../../../shared/fixtures/community-safety-plan-2011-12.xlsx");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "today-option-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const COMMANDS: Array<[string, (today: string) => string[]]> = [
  ["check", (today) => ["check", PLAN, "--today", today]],
  ["summary", (today) => ["summary", PLAN, "--json", "--today", today]],
  [
    "carry-over",
    (today) => ["carry-over", PLAN, "--from", "2011-12", "--today", today, "-o", path.join(dir, "o.xlsx")],
  ],
  [
    "returns make",
    (today) => ["returns", "make", PLAN, "--out", path.join(dir, "returns"), "--today", today],
  ],
  [
    "update",
    (today) => [
      "update",
      PLAN,
      "--sheet",
      "1 ASB",
      "--ref",
      "1",
      "--update",
      "x",
      "--today",
      today,
      "-o",
      path.join(dir, "o.xlsx"),
    ],
  ],
];

describe.each(COMMANDS)("%s --today", (_name, argv) => {
  it.each(["2025-13-45", "2025-02-30", "2025-2-3", "15/04/2025"])(
    "refuses %s as no day, with the usage exit code and nothing written",
    async (today) => {
      const io = capture();
      const code = await main(argv(today), io);
      expect(code).toBe(2);
      expect(io.stderr).toContain(
        `--today needs a real date as YYYY-MM-DD (for example 2013-01-15), not '${today}'`,
      );
      expect(io.stderr).toMatch(/usage: action-plan /);
      expect(readdirSync(dir)).toEqual([]);
    },
  );
});

describe("check --today", () => {
  it("takes 29 February in a leap year", async () => {
    const io = capture();
    expect(await main(["check", PLAN, "--today", "2024-02-29"], io)).toBe(0);
  });
});
