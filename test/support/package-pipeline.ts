/**
 * A plan applied to a workbook's bytes as the CLI and the playground apply it: read with the package
 * reader, written with the package writer. Tests read the result back with ExcelJS (support/exceljs),
 * a reader independent of ours.
 */
import { planApplySchema } from "../../src/core/planning/apply-schema";
import type { PlanModel } from "../../src/core/basics/plan-model";
import { readPlan } from "../../src/core/reading/read-plan";
import type { WritePlan } from "../../src/core/basics/write-plan";
import { nodeCodec } from "../../src/xlsx/node-files";
import { snapshotFromPackage } from "../../src/xlsx/package-snapshot";
import { applyWritePlanToBytes } from "../../src/xlsx/package-writer";

/** The workbook in `bytes` after `plan`, as the package writer writes it. */
export async function bytesAfter(bytes: Uint8Array, plan: WritePlan): Promise<Uint8Array> {
  return (await applyWritePlanToBytes(bytes, plan, nodeCodec)).bytes;
}

/** The workbook in `bytes` with the schema applied, and the plan model read before it was. */
export async function withSchemaApplied(
  bytes: Uint8Array,
): Promise<{ readonly bytes: Uint8Array; readonly model: PlanModel }> {
  const snapshot = snapshotFromPackage(bytes);
  const model = readPlan(snapshot);
  return { bytes: await bytesAfter(bytes, planApplySchema(snapshot, model).plan), model };
}
