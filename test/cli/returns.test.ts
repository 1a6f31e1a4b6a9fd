import { copyFile, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { main } from "../../src/cli/main";
import { readPlan } from "../../src/core/reading/read-plan";
import { PLAN_ID_NAME } from "../../src/core/planning/returns-identity";
import { FIXTURES, editCells, fillReturn, snapshotOfBytes } from "../support/return-workbooks";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe("action-plan returns", () => {
  let dir = "";
  let plan = "";
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "returns-cli-"));
    plan = path.join(dir, "plan.xlsx");
    await copyFile(path.join(FIXTURES, "psa-progress-report-2010.xlsx"), plan);
  });

  it("makes one file per lead chosen, named for the lead and the period, and records the plan's id in the plan", async () => {
    const before = await readFile(plan);
    const out = path.join(dir, "returns");
    const made = await run([
      "returns",
      "make",
      plan,
      "--out",
      out,
      "--lead",
      "Police",
      "--lead",
      "SBC",
      "--today",
      "2026-11-30",
    ]);
    expect(made.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(["Police return 2010.xlsx", "SBC return 2010.xlsx"]);
    expect(made.out).toContain("Made 2 returns");
    expect(made.err).toContain(`the original is kept as ${plan}.bak`);
    expect(await readFile(`${plan}.bak`)).toEqual(before);
    const snapshot = await snapshotOfBytes(await readFile(plan));
    expect(snapshot.names.map((n) => n.name)).toContain(PLAN_ID_NAME);
    expect(readPlan(snapshot).actions).toHaveLength(readPlan(await snapshotOfBytes(before)).actions.length);
  });

  it("merges returned files into OUT, prints each answer, and exits 1 naming a refused file, writing nothing", async () => {
    const out = path.join(dir, "returns");
    expect(
      (await run(["returns", "make", plan, "--out", out, "--lead", "Police", "--today", "2026-11-30"])).code,
    ).toBe(0);
    const sent = path.join(out, "Police return 2010.xlsx");
    const filled = path.join(dir, "Police filled.xlsx");
    await writeFile(
      filled,
      await fillReturn(await readFile(sent), { 11: { status: "Green", update: "Templates fixed." } }),
    );
    const merged = path.join(dir, "merged.xlsx");
    const ok = await run(["returns", "merge", plan, filled, "-o", merged, "--today", "2026-12-04"]);
    expect(ok.err).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^applied: .*\(3\.2\.1\): Red, '.*' → Green, 'Templates fixed\.'/m);
    const action = readPlan(await snapshotOfBytes(await readFile(merged))).actions.find(
      (a) => a.ref === "3.2.1",
    );
    expect([action?.status, action?.update]).toEqual(["Green", "Templates fixed."]);

    const tampered = path.join(dir, "Police tampered.xlsx");
    await writeFile(
      tampered,
      await editCells(await readFile(filled), "xl/worksheets/sheet1.xml", { A11: "9.9.9" }),
    );
    const again = path.join(dir, "again.xlsx");
    const refused = await run(["returns", "merge", merged, tampered, "-o", again]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`${tampered}, sheet 'Return', cell A11: row 11`);
    // Exit 1 says nothing was written (README: Command line), so no copy of the plan reads as a merge.
    expect(refused.err).toContain(`Nothing was merged, so ${again} was not written.`);
    expect(refused.out).not.toContain("Nothing to merge");
    await expect(readFile(again)).rejects.toThrow(/ENOENT/);
  });

  it("writes OUT with the answers it merges and exits 0 when it refuses others, each refusal on stderr", async () => {
    const out = path.join(dir, "returns");
    await run([
      "returns",
      "make",
      plan,
      "--out",
      out,
      "--lead",
      "Police",
      "--lead",
      "SBC",
      "--today",
      "2026-11-30",
    ]);
    const [police, sbc] = ["Police", "SBC"].map((lead) => path.join(out, `${lead} return 2010.xlsx`));
    const answered = path.join(dir, "Police filled.xlsx");
    await writeFile(
      answered,
      await fillReturn(await readFile(police ?? ""), { 11: { status: "Green", update: "Templates fixed." } }),
    );
    // A status outside the list refuses that answer, naming the file, sheet and cell.
    const wrong = path.join(dir, "SBC filled.xlsx");
    await writeFile(
      wrong,
      await fillReturn(await readFile(sbc ?? ""), { 11: { status: "Sort of", update: "Hmm." } }),
    );
    const merged = path.join(dir, "partly.xlsx");
    const partly = await run([
      "returns",
      "merge",
      plan,
      answered,
      wrong,
      "-o",
      merged,
      "--today",
      "2026-12-04",
    ]);
    expect(partly.code).toBe(0);
    const refusals = partly.err.split("\n").filter((l) => l.includes(`${wrong}, sheet 'Return', cell F11`));
    expect(refusals).toEqual([expect.stringMatching(/^error: /)]);
    expect(partly.out).toContain(`Saved ${merged}.`);
    const action = readPlan(await snapshotOfBytes(await readFile(merged))).actions.find(
      (a) => a.ref === "3.2.1",
    );
    expect([action?.status, action?.update]).toEqual(["Green", "Templates fixed."]);
  });

  it("takes the returns' answers over conflicts only when asked to", async () => {
    const out = path.join(dir, "returns");
    await run(["returns", "make", plan, "--out", out, "--lead", "Police"]);
    const filled = path.join(dir, "filled.xlsx");
    const sent = await readFile(path.join(out, (await readdir(out))[0]!));
    await writeFile(filled, await fillReturn(sent, { 11: { status: "Amber", update: "From the lead." } }));
    // The plan moves on before the return comes back: another merge changes 3.2.1 first.
    const other = path.join(dir, "other.xlsx");
    await writeFile(other, await fillReturn(sent, { 11: { status: "Green", update: "From a colleague." } }));
    const first = path.join(dir, "first.xlsx");
    expect((await run(["returns", "merge", plan, other, "-o", first])).code).toBe(0);
    const kept = await run(["returns", "merge", first, filled, "-o", path.join(dir, "kept.xlsx")]);
    expect(kept.out).toContain("conflict (the plan's values kept)");
    expect(kept.err).toContain("1 conflict kept the plan's values");
    const taken = path.join(dir, "taken.xlsx");
    const take = await run(["returns", "merge", first, filled, "-o", taken, "--conflicts", "return"]);
    expect(take.out).toContain("conflict (the return's answer taken)");
    const action = readPlan(await snapshotOfBytes(await readFile(taken))).actions.find(
      (a) => a.ref === "3.2.1",
    );
    expect(action?.update).toBe("From the lead.");
  });

  it("exits 2 with the usage for a missing sub-command or argument", async () => {
    expect((await run(["returns"])).code).toBe(2);
    expect((await run(["returns", "make", plan])).err).toContain("--out DIR");
    expect((await run(["returns", "merge", plan, "-o", path.join(dir, "x.xlsx")])).err).toContain(
      "no returned file",
    );
  });
});
