/** With --json, a failure is a JSON object on stdout as well as its one line on stderr. */
import path from "node:path";
import { main } from "../../src/cli/main";
import { capture } from "../support/cli-capture";

const PLAN = path.resolve(__dirname, "../../../shared/fixtures/community-safety-plan-2011-12.xlsx");

describe("a failure asked for with --json", () => {
  it("prints an error object on stdout with the exit code, and the line on stderr", async () => {
    const io = capture();
    const code = await main(["check", "/no/such/plan.xlsx", "--json"], io);
    expect(code).toBe(1);
    const out = JSON.parse(io.stdout) as { error: { message: string; exitCode: number } };
    expect(out.error.exitCode).toBe(1);
    expect(out.error.message).toContain("/no/such/plan.xlsx");
    expect(io.stderr).toBe(`action-plan: ${out.error.message}\n`);
  });

  it("says a usage error with exit code 2 the same way", async () => {
    const io = capture();
    expect(await main(["check", PLAN, "--json", "--today", "2025-02-30"], io)).toBe(2);
    expect(JSON.parse(io.stdout)).toEqual({
      error: { message: expect.stringContaining("--today needs a real date") as unknown, exitCode: 2 },
    });
  });

  it("prints nothing on stdout for a failure without --json", async () => {
    const io = capture();
    expect(await main(["check", "/no/such/plan.xlsx"], io)).toBe(1);
    expect(io.stdout).toBe("");
  });
});
