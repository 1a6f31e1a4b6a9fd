/**
 * What the user's workbook can cause is a value, not an exception: a Problem names the sheet and
 * cell, the rule broken, and says in plain English what is wrong and what to do.
 *
 * Every rule is in RULES, the one catalogue of rule ids ("area/what"), with its severity, whether it
 * stops a write, and its message template; code makes problems with `problem(sheet, cell, rule, args)`
 * and asks the catalogue (stopsWrite) instead of reading meaning into a rule id's text.
 */
export type Severity = "error" | "warning" | "info";

interface RuleSpec<A> {
  readonly severity: Severity;
  /** A problem of this rule stops the whole operation's write (the pane disables Apply). */
  readonly stopsWrite: boolean;
  /** The message starts with the place, "Sheet!A1: ", for lists read out of context (the reader, Check). */
  readonly placed: boolean;
  readonly message: (args: A) => string;
}

/** A rule whose sentence its call site composes. */
interface Detail {
  readonly detail: string;
}

function rule<A = Record<string, never>>(spec: RuleSpec<A>): RuleSpec<A> {
  return spec;
}

const STATUS_WORDS = "Red, Amber, Green, Complete or Not started";

function clipped(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Every problem rule: its id, severity, whether it stops a write, and what it says. */
export const RULES = {
  // --- reading the plan (read-plan.ts, status-key.ts, lead-register.ts) ---
  "table/none-found": rule<{ readonly noSheets: boolean }>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ noSheets }) =>
      noSheets
        ? "The workbook has no sheets, so there is no action table to read."
        : "No action table found: the add-in looks for a header row with an Action (or Recommendation, Data gap…) column and at least one of Ref, Lead, Update, Status or Due.",
  }),
  "cell/error-value": rule<{ readonly shown: string; readonly formula: string | null }>({
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ shown, formula }) =>
      `the cell shows the error ${shown}${formula ? ` from the formula ${formula}` : ""}; the add-in keeps it as text. Fix the formula or type the value.`,
  }),
  "status/invalid": rule<{ readonly typed: string }>({
    severity: "error",
    stopsWrite: false,
    placed: true,
    message: ({ typed }) =>
      `status '${clipped(typed, 60)}' is not a status the add-in can read; use ${STATUS_WORDS}, or say what it means in a status key.`,
  }),
  "status/unknown-fill": rule<{ readonly fill: string }>({
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ fill }) =>
      `the status cell is filled ${fill}, which is neither in the workbook's colour key nor a standard red, amber, green, blue or grey; type the status instead.`,
  }),
  "status/key-unreadable": rule<{ readonly words: string; readonly fill: string }>({
    severity: "info",
    stopsWrite: false,
    placed: true,
    message: ({ words, fill }) =>
      `the colour key's '${words}' is not a status the add-in knows (${STATUS_WORDS.replace(" or ", ", ")}), so cells with fill ${fill} are not read as a status.`,
  }),
  "row/not-an-action": rule({
    severity: "info",
    stopsWrite: false,
    placed: true,
    message: () =>
      "this row inside the action table has text but no action text or ref, so it is not read as an action.",
  }),
  "lead/conflicting-name": rule<{
    readonly code: string;
    readonly name: string;
    readonly seenName: string;
    readonly seenAt: string;
  }>({
    severity: "info",
    stopsWrite: false,
    placed: true,
    message: ({ code, name, seenName, seenAt }) =>
      `lead code '${code}' is '${name}' here but '${seenName}' at ${seenAt}; the add-in uses '${seenName}'. Correct whichever is misspelt.`,
  }),

  // --- checking the plan (check-plan.ts) ---
  "update/missing": rule<{
    readonly action: string;
    readonly status: string;
    readonly hasUpdateColumn: boolean;
  }>({
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ action, status, hasUpdateColumn }) =>
      hasUpdateColumn
        ? `${action} is ${status} but has no update; say what is happening${status === "Complete" ? " and how it was completed" : " and what will put it right"}.`
        : `${action} is ${status} but the table has no Update column to explain it.`,
  }),
  "lead/unknown": rule<{ readonly leads: readonly string[] }>({
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ leads }) =>
      `lead ${leads.join(", ")} ${leads.length > 1 ? "are" : "is"} not in the lead register (Lists sheet or ACTION POINT LEADS legend); correct the code or add it to the register.`,
  }),
  "ref/duplicate": rule<{ readonly ref: string; readonly firstCell: string }>({
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ ref, firstCell }) =>
      `ref '${ref}' is also used at ${firstCell}; give each action its own ref so updates reach the right row.`,
  }),
  "status/missing": rule<{ readonly action: string }>({
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ action }) => `${action} has no status; choose ${STATUS_WORDS}.`,
  }),
  "status/no-column": rule({
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: () =>
      "this table has no Status column, so no action's progress can be reported; Apply schema adds one.",
  }),
  "lead/missing": rule<{ readonly action: string }>({
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ action }) => `${action} has no lead; name who is responsible for it.`,
  }),
  "lead/no-column": rule({
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: () => "this table has no Lead column, so nobody is named for any action; Apply schema adds one.",
  }),
  "update/awaiting-first": rule<{ readonly count: number; readonly refs: readonly string[] }>({
    severity: "info",
    stopsWrite: false,
    placed: true,
    message: ({ count, refs }) =>
      `${count} carried ${count === 1 ? "action is" : "actions are"} Red, Amber or Complete with only last period's update (${refs.join(", ")}); ${count === 1 ? "it needs" : "each needs"} its first update of the new period.`,
  }),
  "ref/missing": rule({
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: () => "this action has no ref; give it one so it can be found, updated and carried over.",
  }),
  "due/overdue": rule<{ readonly action: string; readonly due: string }>({
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ action, due }) => `${action} was due on ${due} and is not Complete.`,
  }),

  // --- apply schema and the Lists sheet (apply-schema.ts, lists-sheet.ts) ---
  "schema/no-table": rule({
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: () =>
      "No action table was found, so there is nothing to apply the schema to. An action table needs a header row with at least an Action column.",
  }),
  "schema/missing-column": rule<{
    readonly table: string;
    readonly sheet: string;
    readonly nextCell: string;
  }>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ table, sheet, nextCell }) =>
      `The table ${table} on '${sheet}' has no Status column. Add one at its right (type "Status" in ${nextCell}) and apply the schema again.`,
  }),
  "schema/columns-in-the-way": rule<{
    readonly range: string;
    readonly sheet: string;
    readonly columns: string;
    readonly cells: string;
    readonly count: number;
  }>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ range, sheet, columns, cells, count }) =>
      `The table at ${range} on '${sheet}' needs ${columns} column(s) at its right, but ${cells} ${count === 1 ? "is" : "are"} not empty. Move those cells and apply the schema again; this table was left as it is.`,
  }),
  "schema/rows-not-moved": rule<{ readonly rows: string; readonly sheet: string; readonly cells: string }>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ rows, sheet, cells }) =>
      `The blank or repeated header rows ${rows} on '${sheet}' were left inside the table: closing them up would move rows whose cells beside the table (${cells}) would lose their row. Move those notes into the table or delete the empty rows yourself.`,
  }),
  "schema/no-rows": rule<{ readonly cell: string; readonly sheet: string }>({
    severity: "info",
    stopsWrite: false,
    placed: false,
    message: ({ cell, sheet }) =>
      `The table at ${cell} on '${sheet}' has no action rows, so it was not made an Excel table.`,
  }),
  "lists/table-unexpected": rule<{
    readonly table: string;
    readonly sheet: string;
    readonly range: string;
    readonly header: string;
    readonly list: string;
  }>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ table, sheet, range, header, list }) =>
      `The table '${table}' on '${sheet}' (${range}) has no '${header}' column, so the add-in left it alone. Rename that table if it is not the ${list} list.`,
  }),
  "lists/cells-in-the-way": rule<{
    readonly table: string;
    readonly sheet: string;
    readonly rows: number;
    readonly cells: string;
  }>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ table, sheet, rows, cells }) =>
      `The ${table} table on '${sheet}' needs ${rows} more row(s), but ${cells} below it are not empty. Move those cells and run Apply schema again.`,
  }),

  // --- carry over (carry-over.ts) ---
  "carry/no-source": rule<{ readonly sheet: string; readonly sheets: string }>({
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ sheet, sheets }) =>
      `There is no sheet named '${sheet}' to carry actions from${sheets === "" ? "" : ` (the sheets are ${sheets})`}.`,
  }),
  "carry/no-actions": rule<{ readonly sheet: string }>({
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ sheet }) => `No action table was found on '${sheet}', so there is nothing to carry over.`,
  }),
  "carry/target-name": rule<{ readonly reason: string }>({
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ reason }) => reason,
  }),
  "carry/target-exists": rule<{ readonly sheet: string; readonly header: string }>({
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ sheet, header }) =>
      `A sheet named '${sheet}' already exists and is not a carry-over sheet (it has no table with a '${header}' column). Choose another name for the new year's sheet.`,
  }),
  "carry/nothing-outstanding": rule<{ readonly sheet: string }>({
    severity: "info",
    stopsWrite: false,
    placed: false,
    message: ({ sheet }) =>
      `Every action on '${sheet}' is Complete (or unticked): there is nothing to carry over.`,
  }),
  "carry/column-missing": rule<{ readonly sheet: string; readonly header: string; readonly source: string }>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ sheet, header, source }) =>
      `The table on '${sheet}' has no '${header}' column, so that column of '${source}' is not carried (it stays on '${source}').`,
  }),
  "carry/no-ref-column": rule<{ readonly sheet: string; readonly header: string }>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ sheet, header }) =>
      `The table on '${sheet}' has no Ref column, so the carried actions keep their refs in '${header}' and are not renumbered.`,
  }),
  "carry/in-the-way": rule<{ readonly sheet: string; readonly cells: string }>({
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ sheet, cells }) =>
      `The rows below the table on '${sheet}' are not empty (${cells}), so the carried actions cannot be added there without overwriting them. Move those cells and try again.`,
  }),

  // --- the summary (operations/summary.ts) ---
  "summary/not-possible": rule<{ readonly reason: string }>({
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ reason }) => reason,
  }),

  // --- a lead's edit (lead-update.ts): each refuses the edit, nothing written ---
  "edit/not-a-status": rule<{ readonly typed: string; readonly statuses: string }>({
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ typed, statuses }) => `'${typed}' is not a status: choose one of ${statuses}.`,
  }),
  "edit/update-needed": rule<{ readonly status: string }>({
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ status }) =>
      status === "Complete"
        ? "Complete needs an update: say how the action was completed."
        : `${status} needs an update: say what is wrong and what is being done about it.`,
  }),
  "edit/no-due-column": rule<{ readonly action: string }>({
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ action }) =>
      `The table holding ${action} has no target date column, so the date cannot be changed. Say the new date in the update instead.`,
  }),
  "edit/not-a-date": rule<{ readonly typed: string }>({
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ typed }) => `'${typed}' is not a date: choose the new target date.`,
  }),
  "edit/due-without-reason": rule({
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: () => "Say why the target date moves: the board reads the reason with the new date.",
  }),
  "edit/row-ambiguous": rule<{ readonly action: string; readonly sheet: string; readonly cells: string }>({
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ action, sheet, cells }) =>
      `${action} appears more than once on '${sheet}' (${cells}), so the add-in cannot tell which row is yours: nothing was written. Ask the plan's owner to make the refs unique.`,
  }),

  // --- writing: each stops the operation's whole write ---
  "write/protected-sheet": rule<{ readonly sheet: string; readonly operation: string }>({
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ sheet, operation }) =>
      `The sheet '${sheet}' is protected, so ${operation} wrote nothing to it. Unprotect it (Review › Unprotect Sheet), or ask the plan's owner to, and try again.`,
  }),
  "write/row-not-found": rule<{ readonly action: string; readonly sheet: string }>({
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ action, sheet }) =>
      `${action} is no longer on '${sheet}' (someone may have changed or removed it): nothing was written. Reload your actions and try again.`,
  }),
  "write/sheet-gone": rule<{ readonly sheet: string }>({
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ sheet }) => `The sheet '${sheet}' is no longer in the workbook: nothing was written.`,
  }),
  "write/no-column": rule<{ readonly action: string; readonly sheet: string; readonly missing: string }>({
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ action, sheet, missing }) =>
      `The table holding ${action} on '${sheet}' has no ${missing} column: ask the plan's owner to apply the schema first. Nothing was written.`,
  }),
  "write/too-long": rule<{ readonly length: number; readonly max: number; readonly stacked?: boolean }>({
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ length, max, stacked }) =>
      stacked === true
        ? `The update would have ${length.toLocaleString("en-GB")} characters; an Excel cell holds at most ${max.toLocaleString("en-GB")}. Shorten it (or ask the plan's owner to trim the older updates below it): nothing was written.`
        : `The update has ${length.toLocaleString("en-GB")} characters; an Excel cell holds at most ${max.toLocaleString("en-GB")}. Shorten it: nothing was written.`,
  }),
  // --- rules whose words are still composed where they are found (status history, direction of
  // travel, partner returns, the column reader, structure protection): the catalogue holds their ids
  // and default severities; the call site passes the sentence.
  "history/label-invalid": rule<Detail>({
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "history/no-actions": rule<Detail>({
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "history/no-table": rule<Detail>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "history/column-missing": rule<Detail>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "history/period-missing": rule<Detail>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "history/status-invalid": rule<Detail>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "history/date-invalid": rule<Detail>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "history/duplicate": rule<Detail>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "history/in-the-way": rule<Detail>({
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "direction/worsened-twice": rule<Detail>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "direction/red-unchanged": rule<Detail>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "returns/no-actions": rule<Detail>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "returns/ambiguous-action": rule<Detail>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "returns/no-status-column": rule<Detail>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "returns/not-a-return": rule<Detail>({
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "returns/foreign": rule<Detail>({
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "returns/tampered": rule<Detail>({
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "returns/status-invalid": rule<Detail>({
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "returns/too-long": rule<Detail>({
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "returns/update-missing": rule<Detail>({
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "returns/status-missing": rule<Detail>({
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "returns/action-gone": rule<Detail>({
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "returns/empty": rule<Detail>({
    severity: "info",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "returns/answered-twice": rule<Detail>({
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "returns/no-stamp-column": rule<Detail>({
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "write/structure-protected": rule<Detail>({
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "column/ambiguous": rule<Detail>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "column/uncertain": rule<Detail>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "column/missing-role": rule<Detail>({
    severity: "info",
    stopsWrite: false,
    placed: false,
    message: ({ detail }) => detail,
  }),
  "carry/status-not-in-list": rule<{
    readonly action: string;
    readonly typed: string;
    readonly kept: boolean;
  }>({
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ action, typed, kept }) =>
      kept
        ? `${action} has the status '${typed}', which is not in the status list: it is carried as typed, and the new sheet's Status dropdown will mark it until a lead chooses a status (or choose to clear it).`
        : `${action} has the status '${typed}', which is not in the status list: its status is left blank on the new sheet for a lead to choose.`,
  }),
  "carry/past-due": rule<{
    readonly action: string;
    readonly due: string;
    readonly choice: "keep" | "roll" | "clear";
    readonly rolledTo: string;
  }>({
    severity: "info",
    stopsWrite: false,
    placed: false,
    message: ({ action, due, choice, rolledTo }) =>
      choice === "keep"
        ? `${action} was due on ${due}, which has passed: the date is kept (or choose to move it on a year, or clear it).`
        : choice === "roll"
          ? `${action} was due on ${due}, which has passed: it is due on ${rolledTo} on the new sheet.`
          : `${action} was due on ${due}, which has passed: its due date is left blank on the new sheet.`,
  }),
  "operation/changed-since-preview": rule<{ readonly changes: readonly string[] }>({
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ changes }) =>
      `The workbook changed since the preview (someone else may be editing it), so nothing was written. Preview again to see the changes as they are now. ${changes.join("; ")}.`,
  }),
} as const;

export type RuleId = keyof typeof RULES;

/** What a rule's message template needs. */
export type RuleArgs<R extends RuleId> = Parameters<(typeof RULES)[R]["message"]>[0];

export interface Problem {
  readonly sheet: string;
  /** A1 address ("E12"); "" only when the problem is about the whole workbook. */
  readonly cell: string;
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly message: string;
}

/**
 * The problem of `rule` at sheet!cell, its severity and message from the catalogue.
 *
 * @example problem("Plan", "E7", "status/invalid", { typed: "Redd" }).message
 *   → "Plan!E7: status 'Redd' is not a status; use Red, Amber, Green, Complete or Not started."
 */
export function problem<R extends RuleId>(
  sheet: string,
  cell: string,
  rule: R,
  ...args: RuleArgs<R> extends Record<string, never> ? [] : [RuleArgs<R>]
): Problem {
  const spec = RULES[rule] as RuleSpec<RuleArgs<R> | Record<string, never>>;
  const text = spec.message(args[0] ?? {});
  return {
    sheet,
    cell,
    rule,
    severity: spec.severity,
    message: spec.placed ? `${sheet}!${cell}: ${text}` : text,
  };
}

/** Whether the problem stops its operation's write (the rule says so, and it is an error). */
export function stopsWrite(p: Problem): boolean {
  return p.severity === "error" && RULES[p.rule].stopsWrite;
}
