/**
 * Workbook structure protection (Review › Protect Workbook) stops Excel adding sheets. An operation
 * whose plan adds one is refused before anything is written, with a problem that says why and what
 * to do, rather than failing part-way in Excel.
 */
import { problem, type Problem } from "../basics/problem";
import type { WorkbookSnapshot } from "../basics/snapshot";
import type { WritePlan } from "../basics/write-plan";

/** The sheets a plan adds, in plan order. */
export function sheetsAdded(plan: WritePlan | null): string[] {
  return plan === null ? [] : plan.ops.flatMap((op) => (op.kind === "addSheet" ? [op.sheet] : []));
}

/**
 * The problem that stops `plan` on a structure-protected workbook, or null when nothing stops it.
 * Its rule stops the write (core/basics/problem.ts RULES), so the operation is not applied.
 *
 * @example
 * structureProtectionProblem({ ...snapshot, structureProtected: true }, carryOverPlan)?.rule
 * // → "write/structure-protected"
 */
export function structureProtectionProblem(
  snapshot: WorkbookSnapshot,
  plan: WritePlan | null,
): Problem | null {
  const added = sheetsAdded(plan);
  if (snapshot.structureProtected !== true || added.length === 0) return null;
  return problem(added[0] ?? "", "", "write/structure-protected", { sheets: added });
}

/** `result` with the structure-protection problem added when its plan adds a sheet to a protected workbook. */
export function guardStructure<
  T extends { readonly plan: WritePlan | null; readonly problems: readonly Problem[] },
>(snapshot: WorkbookSnapshot, result: T): T {
  const problem = structureProtectionProblem(snapshot, result.plan);
  return problem === null ? result : { ...result, problems: [...result.problems, problem] };
}
