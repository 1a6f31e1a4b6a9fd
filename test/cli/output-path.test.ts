/** Every command that writes checks where it writes before it works or says what it did. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../../src/cli/main";
import { capture } from "../support/cli-capture";

const PLAN = path.resolve(__dirname, "../../../shared/fixtures/community-safety-plan-2011-12.xlsx");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "output-path-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const WRITERS: Array<[string, (out: string) => string[]]> = [
  ["apply-schema", (out) => ["apply-schema", PLAN, "-o", out]],
  ["carry-over", (out) => ["carry-over", PLAN, "--from", "2011-12", "-o", out]],
  ["summary", (out) => ["summary", PLAN, "-o", out]],
  ["snapshot", (out) => ["snapshot", PLAN, "--label", "Q1 2011-12", "-o", out]],
  ["update", (out) => ["update", PLAN, "--sheet", "1 ASB", "--ref", "1", "--status", "Green", "-o", out]],
  ["returns merge", (out) => ["returns", "merge", PLAN, PLAN, "-o", out]],
];

describe.each(WRITERS)("%s -o into a folder that is not there", (_name, argv) => {
  it("fails with exit 1 and one line naming the folder, before saying anything was done", async () => {
    const io = capture();
    const out = path.join(dir, "no such folder", "out.xlsx");
    const code = await main(argv(out), io);
    expect(code).toBe(1);
    expect(io.stdout).toBe("");
    expect(io.stderr).toBe(
      `action-plan: ${out} cannot be written: the folder ${path.dirname(out)} does not exist.\n`,
    );
  });
});

describe("an output whose folder is a file", () => {
  it("is refused before the work, naming it", async () => {
    const file = path.join(dir, "plain-file");
    writeFileSync(file, "x");
    const io = capture();
    const out = path.join(file, "out.xlsx");
    expect(await main(["apply-schema", PLAN, "-o", out], io)).toBe(1);
    expect(io.stdout).toBe("");
    expect(io.stderr).toBe(`action-plan: ${out} cannot be written: ${file} is not a folder.\n`);
  });
});
