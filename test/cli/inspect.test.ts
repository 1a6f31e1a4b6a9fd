import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { main } from "../../src/cli/main";
import { capture } from "../support/cli-capture";

const FIXTURES = path.resolve(__dirname, "../../../shared/fixtures");
const REPO = path.resolve(__dirname, "../..");

describe("action-plan inspect", () => {
  it("prints exactly one JSON object with actions, lead register and problems", async () => {
    const io = capture();
    const code = await main(
      ["inspect", path.join(FIXTURES, "community-safety-plan-2011-12.xlsx"), "--json"],
      io,
    );
    expect(code).toBe(0);
    expect(io.stderr).toBe("");
    const out = JSON.parse(io.stdout) as Record<string, Array<Record<string, unknown>>>;
    expect(Object.keys(out)).toEqual(["actions", "leadRegister", "problems"]);
    expect(out.actions).toHaveLength(44);
    expect(out.actions?.find((a) => a.sheet === "3 Violence" && a.ref === "2")).toEqual({
      sheet: "3 Violence",
      ref: "2",
      action: expect.stringMatching(/^Maintain and develop/),
      lead: "TA & CS",
      leads: ["TA", "CS"],
      update: "",
      status: null,
      due: null,
      dueDate: null,
      theme: null,
      cell: "A8",
      history: [],
      direction: null,
    });
    expect(out.leadRegister?.[0]).toEqual({ code: "MW", name: "Mick Williams", organisation: null });
    expect(out.problems).toContainEqual(
      expect.objectContaining({
        sheet: "6 Emerging Issues",
        cell: "B6",
        rule: "lead/conflicting-name",
        severity: "info",
      }),
    );
    // The plan keeps no status column: each of its six tables says so once, at its header.
    expect(out.problems?.filter((p) => p.rule === "status/no-column").map((p) => p.sheet)).toHaveLength(6);
    expect(out.problems).toContainEqual(
      expect.objectContaining({ sheet: "4 Drugs", cell: "B12", rule: "lead/missing" }),
    );
  });

  it("prints a readable table and the problems without --json", async () => {
    const io = capture();
    const code = await main(["inspect", path.join(FIXTURES, "psa-progress-report-2010.xlsx")], io);
    expect(code).toBe(0);
    expect(io.stdout).toContain("15 actions in 2 tables");
    expect(io.stdout).toMatch(/A12\s+4\.2\.2\s+Red\s+Court/);
    // The Recommendations table names no lead and keeps no status: said once each, at its header; and
    // its two action-like columns (Data gap, Action) are the one reading the user is asked to confirm.
    expect(io.stdout).toContain("Problems (3)");
    expect(io.stdout).toMatch(/warning status\/no-column\s+Recommendations!A1/);
    expect(io.stdout).toMatch(/column\/ambiguous.*'Data gap' was read as the action column/);
  });

  it("fails with one line on stderr when the file cannot be read", async () => {
    const io = capture();
    const code = await main(["inspect", path.join(FIXTURES, "missing.xlsx")], io);
    expect(code).not.toBe(0);
    expect(io.stdout).toBe("");
    expect(io.stderr.trim().split("\n")).toEqual([
      `action-plan: ${path.join(FIXTURES, "missing.xlsx")}: no such file.`,
    ]);
  });

  it("rejects a missing file argument and unknown options", async () => {
    const io = capture();
    expect(await main(["inspect"], io)).toBe(2);
    expect(await main(["inspect", "a.xlsx", "--yaml"], io)).toBe(2);
    expect(io.stderr).toContain("usage: action-plan inspect FILE.xlsx [--json]");
  });

  it("runs as the npm script and prints JSON on stdout", () => {
    const stdout = execFileSync(
      "npm",
      [
        "run",
        "--silent",
        "action-plan",
        "--",
        "inspect",
        path.join(FIXTURES, "psa-2012-recommendations.xlsx"),
        "--json",
      ],
      { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
    );
    const out = JSON.parse(stdout) as { actions: Array<{ ref: string | null }> };
    expect(out.actions.map((a) => a.ref).slice(-2)).toEqual(["8", "9"]);
  });
});
