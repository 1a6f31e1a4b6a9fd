/**
 * Merging partner returns back into the plan. Each returned workbook's identity must name this plan
 * and its actions must read as they were sent; each answer is applied only where the plan still
 * holds the status and update that were sent, else it is a conflict the analyst settles. Every
 * applied answer is stamped "Updated" beside its row (who, and the date it was received).
 */
import { cellAddress } from "./cell-address";
import { isoToUkDate } from "./excel-dates";
import { MAX_CELL_TEXT_LENGTH, planLeadUpdate } from "./lead-update";
import { STATUSES, type Action, type ActionTable, type PlanModel, type Status } from "./plan-model";
import type { Problem, RuleId } from "./problem";
import type { WorkbookSnapshot } from "./snapshot";
import type { WriteOp, WritePlan } from "./write-plan";
import { cellAt, cellText } from "./cell-text";
import {
  RETURN_IDENTITY_SHEET,
  RETURN_SHEET,
  type IssuedAction,
  type ReturnIdentity,
  listedStatus,
  planIdOf,
  readReturnIdentity,
  textDigest,
  typedText,
} from "./returns-identity";
import { NEW_STATUS_COLUMN, NEW_UPDATE_COLUMN } from "./returns-make";

/** A returned workbook as read: its file name (for messages) and its snapshot. */
export interface ReturnedFile {
  readonly file: string;
  readonly snapshot: WorkbookSnapshot;
}

/** How the analyst settles a conflict: take the lead's answer, or keep what the plan holds now. */
export type ConflictChoice = "return" | "plan";

export interface MergeOptions {
  /** The date the returns were received (today), ISO yyyy-mm-dd. */
  readonly receivedIso: string;
  /** Choices by conflict id; a conflict without one keeps the plan's values. */
  readonly choices: Readonly<Record<string, ConflictChoice>>;
}

export interface StatusAndUpdate {
  readonly status: Status | null;
  readonly update: string;
}

/** One answer of one return, matched to its action in the plan. */
export interface ReturnAnswer {
  /** Stable across previews of the same returns: "TA|2011-12|3.10". */
  readonly id: string;
  readonly file: string;
  readonly lead: string;
  readonly sheet: string;
  readonly ref: string | null;
  readonly action: string;
  /** The action's cell in the plan ("A14"). */
  readonly cell: string;
  /** The row's cells in the return ("F12"). */
  readonly returnRow: number;
  readonly sent: StatusAndUpdate;
  /** What the plan holds now. */
  readonly plan: StatusAndUpdate;
  /** What the lead answered. */
  readonly answer: StatusAndUpdate;
}

export interface ReturnConflict extends ReturnAnswer {
  readonly choice: ConflictChoice | null;
}

export interface MergeResult {
  /** The cells to write (statuses, updates, stamps), or null when nothing is to be written. */
  readonly plan: WritePlan | null;
  /** Answers written by the plan (conflicts settled for the return included). */
  readonly applied: readonly ReturnAnswer[];
  /** Answers the plan already holds (a return merged before): nothing to write. */
  readonly alreadyMerged: readonly ReturnAnswer[];
  readonly conflicts: readonly ReturnConflict[];
  /** Files that came back with nothing answered. */
  readonly empty: readonly string[];
  readonly problems: readonly Problem[];
}

/** The header of the column that records each applied answer. */
export const UPDATED_HEADER = "Updated";

const same = (a: string, b: string): boolean =>
  a.replace(/\r\n?/g, "\n").trim() === b.replace(/\r\n?/g, "\n").trim();

function sameValues(a: StatusAndUpdate, b: StatusAndUpdate): boolean {
  return a.status === b.status && same(a.update, b.update);
}

function fileProblem(
  file: string,
  sheet: string,
  cell: string,
  rule: RuleId,
  message: string,
  severity: Problem["severity"] = "error",
): Problem {
  const place = sheet === "" ? file : `${file}, sheet '${sheet}'${cell === "" ? "" : `, cell ${cell}`}`;
  return { sheet, cell, rule, severity, message: `${place}: ${message}` };
}

function describeRow(issued: IssuedAction): string {
  return issued.ref !== "" ? `action ${issued.ref} on '${issued.sheet}'` : `an action on '${issued.sheet}'`;
}

/** The plan's action a return row was sent for, or why it cannot be found any more. */
function findAction(model: PlanModel, issued: IssuedAction): Action | string {
  const onSheet = model.actions.filter((a) => a.sheet === issued.sheet);
  const found =
    issued.ref !== ""
      ? onSheet.filter((a) => a.ref === issued.ref)
      : onSheet.filter((a) => a.ref === null && textDigest(a.action) === issued.digest);
  if (found.length === 0) return `${describeRow(issued)} is no longer in the plan`;
  if (found.length > 1) return `${describeRow(issued)} now appears ${found.length} times in the plan`;
  const action = found[0]!;
  if (textDigest(action.action) !== issued.digest) {
    return `the words of ${describeRow(issued)} have changed in the plan since the return was sent`;
  }
  return action;
}

interface Stamp {
  readonly table: ActionTable;
  readonly column: number;
  /** Whether the header "Updated" must be written (the column is new). */
  readonly newHeader: boolean;
}

/**
 * Where a table records answers: its column headed "Updated", else the empty column right of it
 * (headed "Updated" by the merge); null when that column holds anything.
 */
function stampColumn(snapshot: WorkbookSnapshot, table: ActionTable): Stamp | null {
  const own = table.columns.find((c) => c.header.trim().toLowerCase() === UPDATED_HEADER.toLowerCase());
  if (own !== undefined) return { table, column: own.column, newHeader: false };
  const sheet = snapshot.sheets.find((s) => s.name === table.sheet);
  if (sheet === undefined) return null;
  const column = table.range.right + 1;
  const header = cellText(cellAt(sheet, table.headerRow, column)).trim();
  if (header.toLowerCase() === UPDATED_HEADER.toLowerCase()) return { table, column, newHeader: false };
  for (let row = table.headerRow; row <= table.range.bottom; row++) {
    if (cellText(cellAt(sheet, row, column)).trim() !== "") return null;
  }
  return { table, column, newHeader: true };
}

interface FileReading {
  readonly answers: ReturnAnswer[];
  readonly problems: Problem[];
  readonly empty: boolean;
}

/** The answers of one returned file, checked against the plan; a refused file gives only problems. */
function readFile(returned: ReturnedFile, planId: string | null, model: PlanModel): FileReading {
  const { file, snapshot } = returned;
  const refused = (sheet: string, cell: string, rule: RuleId, message: string): FileReading => ({
    answers: [],
    problems: [fileProblem(file, sheet, cell, rule, `${message} Nothing from this file was merged.`)],
    empty: false,
  });
  const reading = readReturnIdentity(snapshot);
  if ("refused" in reading) {
    return refused(
      reading.cell === "" ? "" : RETURN_IDENTITY_SHEET,
      reading.cell,
      "returns/not-a-return",
      `${reading.refused}.`,
    );
  }
  const identity: ReturnIdentity = reading.identity;
  if (planId === null || identity.planId !== planId) {
    return refused(
      RETURN_IDENTITY_SHEET,
      "B2",
      "returns/foreign",
      planId === null
        ? `this plan has never made returns, so the return (made from '${identity.planName}') cannot be from it.`
        : `this return was made from another plan ('${identity.planName}'), not this one.`,
    );
  }
  const sheet = snapshot.sheets.find((s) => s.name === RETURN_SHEET)!;
  // First the whole file: an action edited in the return means the file cannot be trusted.
  for (const issued of identity.actions) {
    const ref = typedText(sheet, issued.returnRow, 0);
    const words = typedText(sheet, issued.returnRow, 1);
    if (ref !== issued.ref || textDigest(words) !== issued.digest) {
      return refused(
        RETURN_SHEET,
        cellAddress(issued.returnRow, ref !== issued.ref ? 0 : 1),
        "returns/tampered",
        `row ${issued.returnRow + 1} (${describeRow(issued)}) no longer reads as it was sent: the ${ref !== issued.ref ? "ref" : "action's words"} were edited.`,
      );
    }
  }
  const answers: ReturnAnswer[] = [];
  const problems: Problem[] = [];
  let answered = 0;
  for (const issued of identity.actions) {
    const row = issued.returnRow;
    const statusCell = cellAddress(row, NEW_STATUS_COLUMN);
    const updateCell = cellAddress(row, NEW_UPDATE_COLUMN);
    const statusTyped = typedText(sheet, row, NEW_STATUS_COLUMN);
    const updateTyped = typedText(sheet, row, NEW_UPDATE_COLUMN);
    const hasUpdate = updateTyped.trim() !== "";
    if (statusTyped.trim() === "" && !hasUpdate) continue;
    answered++;
    const rowProblem = (cell: string, rule: RuleId, message: string): void => {
      problems.push(
        fileProblem(
          file,
          RETURN_SHEET,
          cell,
          rule,
          `${message} This answer (row ${row + 1}) was not merged.`,
        ),
      );
    };
    const newStatus = statusTyped.trim() === "" ? null : listedStatus(statusTyped);
    if (statusTyped.trim() !== "" && newStatus === null) {
      rowProblem(
        statusCell,
        "returns/status-invalid",
        `'${statusTyped}' is not a status: it must be one of ${STATUSES.join(", ")}.`,
      );
      continue;
    }
    if (updateTyped.length > MAX_CELL_TEXT_LENGTH) {
      rowProblem(
        updateCell,
        "returns/too-long",
        `the new update has ${updateTyped.length.toLocaleString("en-GB")} characters; an Excel cell holds at most ${MAX_CELL_TEXT_LENGTH.toLocaleString("en-GB")}, so it cannot be written without cutting it. Ask the lead to shorten it.`,
      );
      continue;
    }
    if (
      newStatus !== null &&
      (newStatus === "Red" || newStatus === "Amber" || newStatus === "Complete") &&
      !hasUpdate
    ) {
      rowProblem(
        updateCell,
        "returns/update-missing",
        `${newStatus} needs a new update saying why, and none was given.`,
      );
      continue;
    }
    const status = newStatus ?? issued.status;
    if (status === null) {
      rowProblem(
        statusCell,
        "returns/status-missing",
        "an update was given but no status, and the action had none: choose a status.",
      );
      continue;
    }
    const found = findAction(model, issued);
    if (typeof found === "string") {
      rowProblem(cellAddress(row, 1), "returns/action-gone", `${found}.`);
      continue;
    }
    answers.push({
      id: `${identity.lead}|${issued.sheet}|${issued.ref !== "" ? issued.ref : issued.digest}`,
      file,
      lead: identity.lead,
      sheet: found.sheet,
      ref: found.ref,
      action: found.action,
      cell: found.cell,
      returnRow: row,
      sent: { status: issued.status, update: issued.update },
      plan: { status: found.status, update: found.update },
      answer: { status, update: hasUpdate ? updateTyped : issued.update },
    });
  }
  return { answers, problems, empty: answered === 0 };
}

function statusWords(values: StatusAndUpdate): string {
  return values.status ?? "no status";
}

/**
 * The merge of `returns` into the plan read in `snapshot`/`model` (read fresh at write time), with
 * the analyst's `choices` for conflicts. Merging a return already merged finds every answer in the
 * plan already and writes nothing.
 *   planMergeReturns(snapshot, readPlan(snapshot), [{ file: "TA return.xlsx", snapshot: returned }],
 *     { receivedIso: "2026-11-30", choices: {} })
 *   → { applied: [{ sheet: "2011-12", ref: "3.10", plan: { status: "Amber", … }, answer: { status: "Green", … } }], plan: {…} }
 */
export function planMergeReturns(
  snapshot: WorkbookSnapshot,
  model: PlanModel,
  returns: readonly ReturnedFile[],
  options: MergeOptions,
): MergeResult {
  const planId = planIdOf(snapshot.names);
  const problems: Problem[] = [];
  const toWrite: ReturnAnswer[] = [];
  const alreadyMerged: ReturnAnswer[] = [];
  const conflicts: ReturnConflict[] = [];
  const empty: string[] = [];
  const taken = new Map<string, ReturnAnswer>();
  for (const returned of returns) {
    const reading = readFile(returned, planId, model);
    problems.push(...reading.problems);
    if (reading.empty && reading.problems.length === 0) {
      empty.push(returned.file);
      problems.push(
        fileProblem(
          returned.file,
          "",
          "",
          "returns/empty",
          "the return came back with nothing changed: no new status or update in any row.",
          "info",
        ),
      );
    }
    for (const answer of reading.answers) {
      const key = `${answer.sheet}\u0000${answer.cell}`;
      const earlier = taken.get(key);
      if (earlier !== undefined) {
        if (!sameValues(earlier.answer, answer.answer)) {
          problems.push(
            fileProblem(
              answer.file,
              RETURN_SHEET,
              cellAddress(answer.returnRow, NEW_STATUS_COLUMN),
              "returns/answered-twice",
              `${answer.ref !== null ? `action ${answer.ref}` : "this action"} on '${answer.sheet}' was also answered in ${earlier.file}, differently; the answer from ${earlier.file} is the one merged.`,
              "warning",
            ),
          );
        }
        continue;
      }
      taken.set(key, answer);
      if (sameValues(answer.plan, answer.answer)) alreadyMerged.push(answer);
      else if (sameValues(answer.plan, answer.sent)) toWrite.push(answer);
      else {
        const choice = options.choices[answer.id] ?? null;
        conflicts.push({ ...answer, choice });
        if (choice === "return") toWrite.push(answer);
      }
    }
  }

  const ops: WriteOp[] = [];
  const applied: ReturnAnswer[] = [];
  const stamps = new Map<string, Stamp | null>();
  const headersWritten = new Set<string>();
  for (const answer of toWrite) {
    const action = model.actions.find((a) => a.sheet === answer.sheet && a.cell === answer.cell)!;
    const table = model.tables.find((t) => t.id === action.tableId)!;
    if (!stamps.has(table.id)) stamps.set(table.id, stampColumn(snapshot, table));
    const stamp = stamps.get(table.id) ?? null;
    if (stamp === null) {
      problems.push({
        sheet: table.sheet,
        cell: cellAddress(table.headerRow, table.range.right + 1),
        rule: "returns/no-stamp-column",
        severity: "error",
        message: `Answers to this table are recorded in a column headed '${UPDATED_HEADER}', but it has none and the column to its right is in use. Add a column headed '${UPDATED_HEADER}' to the table and merge again; ${answer.ref !== null ? `action ${answer.ref}` : "this action"} was not merged.`,
      });
      continue;
    }
    const update = planLeadUpdate(snapshot, model, {
      sheet: answer.sheet,
      ref: answer.ref,
      action: answer.action,
      update: answer.answer.update,
      status: answer.answer.status ?? "Not started",
    });
    if (update.plan === null) {
      problems.push(...update.problems);
      continue;
    }
    const label = `${answer.ref !== null ? answer.ref : answer.cell} on '${answer.sheet}'`;
    const [first, ...rest] = update.plan.ops;
    if (first?.kind === "writeCells") {
      const updateChange = same(answer.plan.update, answer.answer.update) ? "update unchanged" : "new update";
      ops.push({
        ...first,
        note: `${label}: ${statusWords(answer.plan)} → ${statusWords(answer.answer)}, ${updateChange} (from ${answer.lead}'s return)`,
      });
    }
    for (const op of rest) ops.push(op.kind === "writeCells" ? { ...op, note: "" } : op);
    if (stamp.newHeader && !headersWritten.has(table.id)) {
      headersWritten.add(table.id);
      ops.push({
        kind: "writeCells",
        sheet: table.sheet,
        row: table.headerRow,
        column: stamp.column,
        cells: [[{ kind: "text", text: UPDATED_HEADER }]],
        note: `Head ${cellAddress(table.headerRow, stamp.column)} on '${table.sheet}' '${UPDATED_HEADER}', for the record of each answer merged`,
      });
    }
    ops.push({
      kind: "writeCells",
      sheet: table.sheet,
      row: action.row,
      column: stamp.column,
      cells: [
        [{ kind: "text", text: `${answer.lead}, return received ${isoToUkDate(options.receivedIso)}` }],
      ],
      note: "",
    });
    applied.push(answer);
  }
  const files = new Set(applied.map((a) => a.file)).size;
  const plan: WritePlan | null =
    ops.length === 0
      ? null
      : {
          title: `Merge ${applied.length} answer${applied.length === 1 ? "" : "s"} from ${files} return${files === 1 ? "" : "s"}`,
          ops,
        };
  return { plan, applied, alreadyMerged, conflicts, empty, problems };
}
