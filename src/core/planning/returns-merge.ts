/**
 * Merging partner returns back into the plan. Each returned workbook's identity must name this plan
 * and its actions must read as they were sent; each answer is applied only where the plan still
 * holds the status and update that were sent, else it is a conflict the analyst settles. Every
 * applied answer is stamped "Updated" beside its row (who, and the date it was received).
 */
import { cellAddress } from "../basics/cell-address";
import { isoToUkDate } from "../basics/excel-dates";
import { planLeadUpdate } from "./lead-update";
import {
  STATUSES,
  knownStatus,
  type Action,
  type ActionTable,
  type PlanModel,
  type Status,
} from "../basics/plan-model";
import { problem, type Problem } from "../basics/problem";
import type { WorkbookSnapshot } from "../basics/snapshot";
import { MAX_CELL_TEXT_LENGTH, type WriteOp, type WritePlan } from "../basics/write-plan";
import { cellAt, cellText } from "../basics/cell-text";
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

/** Why a return row's action cannot be found in the plan any more (rule "returns/action-gone"). */
type ActionGone =
  { readonly why: "gone" | "reworded" } | { readonly why: "repeated"; readonly times: number };

/** The plan's action a return row was sent for, or why it cannot be found any more. */
function findAction(model: PlanModel, issued: IssuedAction): Action | ActionGone {
  const onSheet = model.actions.filter((a) => a.sheet === issued.sheet);
  const found =
    issued.ref !== ""
      ? onSheet.filter((a) => a.ref === issued.ref)
      : onSheet.filter((a) => a.ref === null && textDigest(a.action) === issued.digest);
  if (found.length === 0) return { why: "gone" };
  if (found.length > 1) return { why: "repeated", times: found.length };
  const action = found[0]!;
  if (textDigest(action.action) !== issued.digest) return { why: "reworded" };
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
  const refused = (refusal: Problem): FileReading => ({ answers: [], problems: [refusal], empty: false });
  const reading = readReturnIdentity(snapshot);
  if ("refused" in reading) {
    const sheet = reading.cell === "" ? "" : RETURN_IDENTITY_SHEET;
    return refused(problem(sheet, reading.cell, "returns/not-a-return", { file, ...reading.refused }));
  }
  const identity: ReturnIdentity = reading.identity;
  if (planId === null || identity.planId !== planId) {
    return refused(
      problem(RETURN_IDENTITY_SHEET, "B2", "returns/foreign", {
        file,
        madeFrom: identity.planName,
        planHasReturns: planId !== null,
      }),
    );
  }
  const sheet = snapshot.sheets.find((s) => s.name === RETURN_SHEET)!;
  // First the whole file: an action edited in the return means the file cannot be trusted.
  for (const issued of identity.actions) {
    const ref = typedText(sheet, issued.returnRow, 0);
    const words = typedText(sheet, issued.returnRow, 1);
    if (ref !== issued.ref || textDigest(words) !== issued.digest) {
      const edited = ref !== issued.ref ? "ref" : "words";
      return refused(
        problem(RETURN_SHEET, cellAddress(issued.returnRow, edited === "ref" ? 0 : 1), "returns/tampered", {
          file,
          row: issued.returnRow + 1,
          ref: issued.ref,
          planSheet: issued.sheet,
          edited,
        }),
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
    const newStatus = statusTyped.trim() === "" ? null : listedStatus(statusTyped);
    if (statusTyped.trim() !== "" && newStatus === null) {
      problems.push(
        problem(RETURN_SHEET, statusCell, "returns/status-invalid", {
          file,
          row: row + 1,
          typed: statusTyped,
          statuses: STATUSES,
        }),
      );
      continue;
    }
    if (updateTyped.length > MAX_CELL_TEXT_LENGTH) {
      problems.push(
        problem(RETURN_SHEET, updateCell, "returns/too-long", {
          file,
          row: row + 1,
          length: updateTyped.length,
          max: MAX_CELL_TEXT_LENGTH,
        }),
      );
      continue;
    }
    if (
      newStatus !== null &&
      (newStatus === "Red" || newStatus === "Amber" || newStatus === "Complete") &&
      !hasUpdate
    ) {
      problems.push(
        problem(RETURN_SHEET, updateCell, "returns/update-missing", {
          file,
          row: row + 1,
          status: newStatus,
        }),
      );
      continue;
    }
    const status = newStatus ?? issued.status;
    if (status === null) {
      problems.push(problem(RETURN_SHEET, statusCell, "returns/status-missing", { file, row: row + 1 }));
      continue;
    }
    const found = findAction(model, issued);
    if ("why" in found) {
      problems.push(
        problem(RETURN_SHEET, cellAddress(row, 1), "returns/action-gone", {
          file,
          row: row + 1,
          ref: issued.ref,
          planSheet: issued.sheet,
          ...found,
        }),
      );
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
      // A status guessed from a fill colour was sent as none (returns-make.ts), and compares as none.
      plan: { status: knownStatus(found), update: found.update },
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
      problems.push(problem("", "", "returns/empty", { file: returned.file }));
    }
    for (const answer of reading.answers) {
      const key = `${answer.sheet}\u0000${answer.cell}`;
      const earlier = taken.get(key);
      if (earlier !== undefined) {
        if (!sameValues(earlier.answer, answer.answer)) {
          problems.push(
            problem(
              RETURN_SHEET,
              cellAddress(answer.returnRow, NEW_STATUS_COLUMN),
              "returns/answered-twice",
              {
                file: answer.file,
                ref: answer.ref,
                planSheet: answer.sheet,
                mergedFrom: earlier.file,
              },
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
      problems.push(
        problem(table.sheet, cellAddress(table.headerRow, table.range.right + 1), "returns/no-stamp-column", {
          header: UPDATED_HEADER,
          ref: answer.ref,
        }),
      );
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
