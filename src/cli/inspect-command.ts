/** `action-plan inspect FILE.xlsx [--json]`: what the reader finds in a workbook, and its problems. */
import type { PlanModel } from "../core/basics/plan-model";
import type { Problem } from "../core/basics/problem";
import { localIsoDate } from "../core/basics/excel-dates";
import { inspectOperation } from "../operations/inspect";
import { previewOperation } from "../operations/run-operation";
import { COLUMN_OPTION, columnOverrides, onePositional, parseCommandArgs } from "./cli-args";
import { EXIT, problemJson, type CliIo } from "./cli-io";
import { oneLineCell } from "./table-cells";
import { openFileHost } from "./workbook-files";

const USAGE = `usage: action-plan inspect FILE.xlsx [--json] [--column "HEADER=ROLE"]…
  What the reader finds in the workbook: its action tables and actions, the lead register, and every
  problem (sheet, cell, rule, message). --json prints it as one JSON object.
  --column "HEADER=ROLE"  read the column headed HEADER as ROLE (ref, action, lead, update, status, due,
                          theme or ignore) instead of what the reader infers; repeatable`;

/** The JSON `inspect --json` prints: exactly these keys, in this order. */
export function inspectJson(model: PlanModel, problems: readonly Problem[]): unknown {
  return {
    actions: model.actions.map((a) => ({
      sheet: a.sheet,
      ref: a.ref,
      action: a.action,
      lead: a.lead,
      leads: a.leads,
      update: a.update,
      status: a.status,
      due: a.due,
      dueDate: a.dueDate,
      theme: a.theme,
      cell: a.cell,
      history: a.history.map((h) => ({ period: h.period, status: h.status, update: h.update })),
      direction: a.direction,
    })),
    leadRegister: model.leadRegister.map((l) => ({
      code: l.code,
      name: l.name,
      organisation: l.organisation,
    })),
    problems: problems.map(problemJson),
  };
}

function textTable(rows: readonly string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows
    .map((row) =>
      row
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** The readable report: actions by sheet, the lead register, then the problems. */
export function inspectText(file: string, model: PlanModel, problems: readonly Problem[]): string {
  const lines: string[] = [];
  lines.push(`${file}: ${model.actions.length} actions in ${model.tables.length} tables`);
  for (const table of model.tables) {
    const actions = model.actions.filter((a) => a.tableId === table.id);
    lines.push("");
    lines.push(
      `${table.sheet} (table at ${table.id.slice(table.sheet.length + 1)}${table.title ? `, "${table.title}"` : ""})`,
    );
    if (actions.length === 0) {
      lines.push("  (no actions)");
      continue;
    }
    const rows = [["Cell", "Ref", "Status", "Lead", "Action"]];
    for (const a of actions) {
      rows.push([
        a.cell,
        a.ref ?? "",
        a.statusGuessed
          ? `${a.status ?? ""}?`
          : (a.status ?? (a.statusText ? `? ${a.statusText.trim()}` : "")),
        oneLineCell(a.lead ?? "", 24),
        oneLineCell(a.action, 70),
      ]);
    }
    lines.push(
      ...textTable(rows)
        .split("\n")
        .map((l) => `  ${l}`),
    );
  }
  if (model.leadRegister.length > 0) {
    lines.push("", "Lead register");
    lines.push(
      ...textTable(model.leadRegister.map((l) => [l.code, l.name, l.organisation ?? ""]))
        .split("\n")
        .map((l) => `  ${l}`),
    );
  }
  lines.push("", problems.length === 0 ? "No problems found." : `Problems (${problems.length})`);
  for (const p of problems) lines.push(`  ${p.severity.padEnd(7)} ${p.rule.padEnd(20)} ${p.message}`);
  return lines.join("\n") + "\n";
}

/** Runs `inspect`: 0 when the file was read (even with problems); a CliError when it cannot be. */
export async function runInspect(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { json: { type: "boolean" }, ...COLUMN_OPTION },
    USAGE,
  );
  const file = onePositional(positionals, "workbook", USAGE);
  const host = await openFileHost(file);
  const { detail, problems } = await previewOperation(
    host,
    inspectOperation(localIsoDate(new Date()), columnOverrides(values.column, USAGE)),
  );
  io.out(
    values.json === true
      ? `${JSON.stringify(inspectJson(detail.model, problems))}\n`
      : inspectText(file, detail.model, problems),
  );
  return EXIT.ok;
}
