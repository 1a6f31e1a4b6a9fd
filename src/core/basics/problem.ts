/**
 * What the user's workbook can cause is a value, not an exception: a Problem names the sheet and
 * cell, the rule broken, and says in plain English what is wrong and what to do.
 *
 * Every rule is in RULES, the one catalogue of rule ids ("area/what"), with its title, severity,
 * whether it stops a write, and its message template over typed arguments (the facts found: a typed
 * value, a cell list, why in a closed set of reasons; never a sentence composed elsewhere). Code makes
 * problems with `problem(sheet, cell, rule, args)` and asks the catalogue (stopsWrite, title) instead
 * of reading meaning into a rule id's text.
 */
export type Severity = "error" | "warning" | "info";

interface RuleSpec<A> {
  /** What the rule is about, in a few words: the heading of its group in Check ("No status"). */
  readonly title: string;
  readonly severity: Severity;
  /** A problem of this rule stops the whole operation's write (the pane disables Apply). */
  readonly stopsWrite: boolean;
  /** The message starts with the place, "Sheet!A1: ", for lists read out of context (the reader, Check). */
  readonly placed: boolean;
  /** The sentence, from the rule's typed arguments (and the place, for a template that words it itself). */
  readonly message: (args: A, at: Place) => string;
}

/** The sheet and cell a problem names. */
export interface Place {
  readonly sheet: string;
  readonly cell: string;
}

function rule<A = Record<string, never>>(spec: RuleSpec<A>): RuleSpec<A> {
  return spec;
}

const STATUS_WORDS = "Red, Amber, Green, Complete or Not started";

function clipped(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function plural(count: number): string {
  return count === 1 ? "" : "s";
}

/** "'Period', 'Status'" */
function quotedList(items: readonly string[]): string {
  return items.map((item) => `'${item}'`).join(", ");
}

/** A status as recorded for a period (the current reading has no period). */
interface Reading {
  readonly status: string;
  readonly period: string | null;
}

const HISTORY_NO_TABLE =
  "this sheet has no table with Period and Status columns, so no status history is read from it. Closing a period needs the table the add-in made here (Period, Sheet, Ref, Action, Lead, Status, Update, Recorded on).";

/** Where in a returned file a problem is: "TA return.xlsx, sheet 'Return', cell F11". */
function returnedPlace(file: string, at: Place): string {
  if (at.sheet === "") return file;
  return `${file}, sheet '${at.sheet}'${at.cell === "" ? "" : `, cell ${at.cell}`}`;
}

/** A return row's action as it was sent: "action 1.2 on '2012-13'", or without a ref "an action on …". */
function returnedAction(ref: string, planSheet: string): string {
  return ref !== "" ? `action ${ref} on '${planSheet}'` : `an action on '${planSheet}'`;
}

const FILE_NOT_MERGED = "Nothing from this file was merged.";

function rowNotMerged(row: number): string {
  return `This answer (row ${row}) was not merged.`;
}

/** Why a name cannot be a new sheet's: Excel's rules for sheet names, and the add-in's own sheets. */
export type SheetNameFault =
  | { readonly why: "blank" }
  | { readonly why: "too-long"; readonly length: number; readonly max: number }
  | { readonly why: "character"; readonly character: string }
  | { readonly why: "apostrophe" }
  | { readonly why: "excel-reserved"; readonly reserved: string }
  | { readonly why: "add-in-sheet"; readonly reserved: string };

/** Why `name` cannot be a new sheet's name, in words (the pane's field says it as it is typed). */
export function sheetNameFaultWords(name: string, fault: SheetNameFault): string {
  switch (fault.why) {
    case "blank":
      return "A sheet name cannot be blank.";
    case "too-long":
      return `'${name}' has ${fault.length} characters; Excel allows at most ${fault.max} in a sheet name.`;
    case "character":
      return `'${name}' contains '${fault.character}', which Excel does not allow in a sheet name.`;
    case "apostrophe":
      return `'${name}' starts or ends with an apostrophe, which Excel does not allow in a sheet name.`;
    case "excel-reserved":
      return `Excel reserves the sheet name '${fault.reserved}'.`;
    case "add-in-sheet":
      return `The add-in keeps its own '${fault.reserved}' sheet; choose another name.`;
  }
}

/** Every problem rule: its id, severity, whether it stops a write, and what it says. */
export const RULES = {
  // --- reading the plan (read-plan.ts, status-key.ts, lead-register.ts) ---
  "table/none-found": rule<{ readonly noSheets: boolean }>({
    title: "No action table found",
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ noSheets }) =>
      noSheets
        ? "The workbook has no sheets, so there is no action table to read."
        : "No action table found: the add-in looks for a header row with an Action (or Recommendation, Data gap…) column and at least one of Ref, Lead, Update, Status or Due.",
  }),
  "cell/error-value": rule<{ readonly shown: string; readonly formula: string | null }>({
    title: "Cell shows an error",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ shown, formula }) =>
      `the cell shows the error ${shown}${formula ? ` from the formula ${formula}` : ""}; the add-in keeps it as text. Fix the formula or type the value.`,
  }),
  "status/invalid": rule<{ readonly typed: string }>({
    title: "Not a status",
    severity: "error",
    stopsWrite: false,
    placed: true,
    message: ({ typed }) =>
      `status '${clipped(typed, 60)}' is not a status the add-in can read; use ${STATUS_WORDS}, or say what it means in a status key.`,
  }),
  "status/unknown-fill": rule<{ readonly fill: string }>({
    title: "Status fill colour not known",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ fill }) =>
      `the status cell is filled ${fill}, which is neither in the workbook's colour key nor a standard red, amber, green, blue or grey; type the status instead.`,
  }),
  "status/fill-guessed": rule<{ readonly fill: string; readonly status: string }>({
    title: "Status guessed from a fill colour",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ fill, status }) =>
      `the status cell is filled ${fill}, which the workbook's colour key does not define and which is not a clear ${status === "Complete" ? "blue" : "status colour"}; it is read as ${status} as a guess. Type the status, or add the colour to a key under the table; until then Apply schema leaves the cell and its colour as they are.`,
  }),
  "status/typed-differs-from-fill": rule<{
    readonly typed: string;
    readonly status: string;
    readonly fill: string;
    readonly fillStatus: string;
  }>({
    title: "Typed status and fill colour disagree",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ typed, status, fill, fillStatus }) =>
      `the cell says '${clipped(typed, 60)}' (${status}) but is filled ${fill}, which reads as ${fillStatus}; the typed status is used. Correct whichever is out of date.`,
  }),
  "status/key-unreadable": rule<{ readonly words: string; readonly fill: string }>({
    title: "Colour key entry not read",
    severity: "info",
    stopsWrite: false,
    placed: true,
    message: ({ words, fill }) =>
      `the colour key's '${words}' is not a status the add-in knows (${STATUS_WORDS.replace(" or ", ", ")}), so cells with fill ${fill} are not read as a status.`,
  }),
  "row/not-an-action": rule({
    title: "Row not read as an action",
    severity: "info",
    stopsWrite: false,
    placed: true,
    message: () =>
      "this row inside the action table has text but no action text or ref, so it is not read as an action.",
  }),
  "row/header-like": rule<{ readonly words: readonly string[] }>({
    title: "Row read as an action, not a header",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ words }) =>
      `this row has header words (${quotedList(words)}) but also reads as one of the table's actions, so it is read as an action. If it is the header of another table, put a title row above it, or make each table an Excel table (Insert › Table).`,
  }),
  "table/totals-row": rule<{ readonly label: string | null; readonly formula: string | null }>({
    title: "Totals row under a table",
    severity: "info",
    stopsWrite: false,
    placed: true,
    message: ({ label, formula }) =>
      `${label !== null ? `this row, '${clipped(label, 40)}',` : "this row"} totals the table${formula !== null ? ` (${clipped(formula, 60)})` : ""}, so the table ends above it: it is not read as an action, and the add-in leaves it where it is.`,
  }),
  "table/header-over-header": rule<{ readonly words: readonly string[]; readonly row: number }>({
    title: "Two header rows, one not read",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ words, row }) =>
      `this row reads as a header (${quotedList(words.map((w) => clipped(w, 30)))}), and so does row ${row} under it, which the add-in takes as the table's header: this row names no column. If it groups the columns under it, merge each of its cells across the columns it names (as 'Progress' over Q1 | Q2 | Q3); otherwise delete the header row that is not needed.`,
  }),
  "lead/conflicting-name": rule<{
    readonly code: string;
    readonly name: string;
    readonly seenName: string;
    readonly seenAt: string;
  }>({
    title: "Lead spelt two ways",
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
    title: "Red, Amber or Complete without an update",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ action, status, hasUpdateColumn }) =>
      hasUpdateColumn
        ? `${action} is ${status} but has no update; say what is happening${status === "Complete" ? " and how it was completed" : " and what will put it right"}.`
        : `${action} is ${status} but the table has no Update column to explain it.`,
  }),
  "lead/unknown": rule<{ readonly leads: readonly string[] }>({
    title: "Lead not in the register",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ leads }) =>
      `lead ${leads.join(", ")} ${leads.length > 1 ? "are" : "is"} not in the lead register (Lists sheet or ACTION POINT LEADS legend); correct the code or add it to the register.`,
  }),
  "ref/duplicate": rule<{ readonly ref: string; readonly firstCell: string }>({
    title: "Ref used twice",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ ref, firstCell }) =>
      `ref '${ref}' is also used at ${firstCell}; give each action its own ref so updates reach the right row.`,
  }),
  "status/missing": rule<{ readonly action: string }>({
    title: "No status",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ action }) => `${action} has no status; choose ${STATUS_WORDS}.`,
  }),
  "status/no-column": rule({
    title: "No Status column",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: () =>
      "this table has no Status column, so no action's progress can be reported; Apply schema adds one.",
  }),
  "lead/missing": rule<{ readonly action: string }>({
    title: "No lead",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ action }) => `${action} has no lead; name who is responsible for it.`,
  }),
  "lead/no-column": rule({
    title: "No Lead column",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: () => "this table has no Lead column, so nobody is named for any action; Apply schema adds one.",
  }),
  "update/awaiting-first": rule<{ readonly count: number; readonly refs: readonly string[] }>({
    title: "Carried actions awaiting their first update",
    severity: "info",
    stopsWrite: false,
    placed: true,
    message: ({ count, refs }) =>
      `${count} carried ${count === 1 ? "action is" : "actions are"} Red, Amber or Complete with only last period's update (${refs.join(", ")}); ${count === 1 ? "it needs" : "each needs"} its first update of the new period.`,
  }),
  "ref/missing": rule({
    title: "No ref",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: () => "this action has no ref; give it one so it can be found, updated and carried over.",
  }),
  "due/overdue": rule<{ readonly action: string; readonly due: string; readonly typed: string | null }>({
    title: "Overdue",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ action, due, typed }) =>
      `${action} was due on ${due}${typed === null ? "" : ` (typed as '${clipped(typed, 40)}')`} and is not Complete.`,
  }),
  "due/not-a-date": rule<{ readonly typed: string }>({
    title: "Due date not a date",
    severity: "info",
    stopsWrite: false,
    placed: true,
    message: ({ typed }) =>
      `the due date '${clipped(typed, 60)}' is not a date, so it cannot be checked for overdue; type the date (dd/mm/yyyy) if the action has one.`,
  }),

  // --- apply schema and the Lists sheet (apply-schema.ts, lists-sheet.ts) ---
  "schema/no-table": rule({
    title: "Schema: no action table",
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
    title: "Schema: no Status column",
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
    title: "Schema: cells where columns go",
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ range, sheet, columns, cells, count }) =>
      `The table at ${range} on '${sheet}' needs ${columns} column(s) at its right, but ${cells} ${count === 1 ? "is" : "are"} not empty. Move those cells and apply the schema again; this table was left as it is.`,
  }),
  "schema/rows-not-moved": rule<{ readonly rows: string; readonly sheet: string; readonly cells: string }>({
    title: "Schema: rows left inside a table",
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ rows, sheet, cells }) =>
      `The blank or repeated header rows ${rows} on '${sheet}' were left inside the table: closing them up would move rows whose cells beside the table (${cells}) would lose their row. Move those notes into the table or delete the empty rows yourself.`,
  }),
  "schema/rows-referenced": rule<{
    readonly rows: string;
    readonly sheet: string;
    readonly formulas: string;
  }>({
    title: "Schema: rows that formulas read, left in place",
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ rows, sheet, formulas }) =>
      `The blank or repeated header rows ${rows} on '${sheet}' were left inside the table: closing them up would move cells that formulas read (${formulas}), and those formulas would then read other cells. Delete the empty rows in Excel, which updates the formulas, then apply the schema again.`,
  }),
  "schema/no-rows": rule<{ readonly cell: string; readonly sheet: string }>({
    title: "Schema: table with no actions",
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
    title: "Lists: a table left alone",
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
    title: "Lists: cells where rows go",
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ table, sheet, rows, cells }) =>
      `The ${table} table on '${sheet}' needs ${rows} more row(s), but ${cells} below it are not empty. Move those cells and run Apply schema again.`,
  }),

  // --- carry over (carry-over.ts) ---
  "carry/no-source": rule<{ readonly sheet: string; readonly sheets: string }>({
    title: "Carry over: no such sheet",
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ sheet, sheets }) =>
      `There is no sheet named '${sheet}' to carry actions from${sheets === "" ? "" : ` (the sheets are ${sheets})`}.`,
  }),
  "carry/no-actions": rule<{ readonly sheet: string }>({
    title: "Carry over: no action table",
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ sheet }) => `No action table was found on '${sheet}', so there is nothing to carry over.`,
  }),
  "carry/target-name": rule<
    | { readonly why: "clash"; readonly target: string }
    | { readonly why: "itself"; readonly source: string }
    | { readonly why: "no-year"; readonly source: string }
    /** `from`: the source sheet the name was worked out from; null for a name the user gave. */
    | {
        readonly why: "bad-name";
        readonly name: string;
        readonly fault: SheetNameFault;
        readonly from: string | null;
      }
  >({
    title: "Carry over: new sheet's name",
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: (args) => {
      switch (args.why) {
        case "clash":
          return `Two of the chosen sheets would both be carried to '${args.target}': carry them one at a time with a name for each.`;
        case "itself":
          return `Actions cannot be carried from '${args.source}' into itself: choose another sheet for the new year.`;
        case "no-year":
          return `The sheet name '${args.source}' has no year in it, so the next year's name cannot be worked out: choose a name for the new sheet.`;
        case "bad-name":
          return args.from === null
            ? sheetNameFaultWords(args.name, args.fault)
            : `The next year's sheet name cannot be made from '${args.from}': ${sheetNameFaultWords(args.name, args.fault)}`;
      }
    },
  }),
  "carry/target-exists": rule<{ readonly sheet: string; readonly header: string }>({
    title: "Carry over: sheet name taken",
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ sheet, header }) =>
      `A sheet named '${sheet}' already exists and is not a carry-over sheet (it has no table with a '${header}' column). Choose another name for the new year's sheet.`,
  }),
  "carry/nothing-outstanding": rule<{ readonly sheet: string }>({
    title: "Carry over: nothing outstanding",
    severity: "info",
    stopsWrite: false,
    placed: false,
    message: ({ sheet }) =>
      `Every action on '${sheet}' is Complete (or unticked): there is nothing to carry over.`,
  }),
  "carry/column-missing": rule<{ readonly sheet: string; readonly header: string; readonly source: string }>({
    title: "Carry over: column not carried",
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ sheet, header, source }) =>
      `The table on '${sheet}' has no '${header}' column, so that column of '${source}' is not carried (it stays on '${source}').`,
  }),
  "carry/no-ref-column": rule<{ readonly sheet: string; readonly header: string }>({
    title: "Carry over: no Ref column",
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ sheet, header }) =>
      `The table on '${sheet}' has no Ref column, so the carried actions keep their refs in '${header}' and are not renumbered.`,
  }),
  "carry/in-the-way": rule<{ readonly sheet: string; readonly cells: string }>({
    title: "Carry over: cells where rows go",
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ sheet, cells }) =>
      `The rows below the table on '${sheet}' are not empty (${cells}), so the carried actions cannot be added there without overwriting them. Move those cells and try again.`,
  }),

  // --- the summary (operations/summary.ts) ---
  "summary/not-possible": rule<
    | { readonly why: "no-tables" }
    | { readonly why: "not-a-table"; readonly sheet: string; readonly cell: string }
    | {
        readonly why: "no-column";
        readonly table: string;
        readonly sheet: string;
        readonly column: "Action" | "Status";
      }
    | { readonly why: "protected"; readonly sheet: string }
  >({
    title: "Summary not possible",
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: (args) => {
      switch (args.why) {
        case "no-tables":
          return "No action tables were found, so there is nothing to summarise.";
        case "not-a-table":
          return `The table at '${args.sheet}'!${args.cell} is not an Excel table yet; apply the schema first so the summary can count it with live formulas.`;
        case "no-column":
          return `The Excel table ${args.table} on '${args.sheet}' has no ${args.column} column; apply the schema first.`;
        case "protected":
          return `The sheet '${args.sheet}' is protected: unprotect it so the summary can be rebuilt there.`;
      }
    },
  }),

  "summary/unknown-period": rule<{ readonly asked: string; readonly periods: readonly string[] }>({
    title: "Summary: no such period",
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ asked, periods }) =>
      periods.length === 0
        ? `No table names a period, so the period '${asked}' cannot be chosen: leave the period out to summarise the whole workbook.`
        : `No table covers the period '${asked}'; the periods found are ${periods.join(", ")}.`,
  }),

  // --- a lead's edit (lead-update.ts): each refuses the edit, nothing written ---
  "edit/not-a-status": rule<{ readonly typed: string; readonly statuses: string }>({
    title: "Update: not a status",
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ typed, statuses }) => `'${typed}' is not a status: choose one of ${statuses}.`,
  }),
  "edit/update-needed": rule<{ readonly status: string }>({
    title: "Update: words needed",
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ status }) =>
      status === "Complete"
        ? "Complete needs an update: say how the action was completed."
        : `${status} needs an update: say what is wrong and what is being done about it.`,
  }),
  "edit/no-due-column": rule<{ readonly action: string }>({
    title: "Update: no target date column",
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ action }) =>
      `The table holding ${action} has no target date column, so the date cannot be changed. Say the new date in the update instead.`,
  }),
  "edit/not-a-date": rule<{ readonly typed: string }>({
    title: "Update: not a date",
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ typed }) => `'${typed}' is not a date: choose the new target date.`,
  }),
  "edit/due-without-reason": rule({
    title: "Update: new date without a reason",
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: () => "Say why the target date moves: the board reads the reason with the new date.",
  }),
  "edit/row-ambiguous": rule<{ readonly action: string; readonly sheet: string; readonly cells: string }>({
    title: "Update: action found twice",
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ action, sheet, cells }) =>
      `${action} appears more than once on '${sheet}' (${cells}), so the add-in cannot tell which row is yours: nothing was written. Ask the plan's owner to make the refs unique.`,
  }),

  // --- writing: each stops the operation's whole write ---
  "write/protected-sheet": rule<{ readonly sheet: string; readonly operation: string }>({
    title: "Sheet protected",
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ sheet, operation }) =>
      `The sheet '${sheet}' is protected, so ${operation} wrote nothing to it. Unprotect it (Review › Unprotect Sheet), or ask the plan's owner to, and try again.`,
  }),
  "write/row-not-found": rule<{ readonly action: string; readonly sheet: string }>({
    title: "Action no longer there",
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ action, sheet }) =>
      `${action} is no longer on '${sheet}' (someone may have changed or removed it): nothing was written. Reload your actions and try again.`,
  }),
  "write/sheet-gone": rule<{ readonly sheet: string }>({
    title: "Sheet no longer there",
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ sheet }) => `The sheet '${sheet}' is no longer in the workbook: nothing was written.`,
  }),
  "write/no-column": rule<{ readonly action: string; readonly sheet: string; readonly missing: string }>({
    title: "Column missing for the update",
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ action, sheet, missing }) =>
      `The table holding ${action} on '${sheet}' has no ${missing} column: ask the plan's owner to apply the schema first. Nothing was written.`,
  }),
  "write/too-long": rule<{ readonly length: number; readonly max: number; readonly stacked?: boolean }>({
    title: "Too long for a cell",
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ length, max, stacked }) =>
      stacked === true
        ? `The update would have ${length.toLocaleString("en-GB")} characters; an Excel cell holds at most ${max.toLocaleString("en-GB")}. Shorten it (or ask the plan's owner to trim the older updates below it): nothing was written.`
        : `The update has ${length.toLocaleString("en-GB")} characters; an Excel cell holds at most ${max.toLocaleString("en-GB")}. Shorten it: nothing was written.`,
  }),
  "write/copied-too-long": rule<{
    /** The characters the copy would have. */
    readonly length: number;
    readonly max: number;
    /** Where it would be copied to, when the problem names the cell it is copied from. */
    readonly to: { readonly sheet: string; readonly cell: string; readonly file: string | null } | null;
  }>({
    title: "Too long to copy",
    severity: "error",
    stopsWrite: true,
    placed: true,
    message: ({ length, max, to }) => {
      const over = `${length.toLocaleString("en-GB")} characters, more than the ${max.toLocaleString("en-GB")} an Excel cell holds`;
      if (to === null) return `the text for this cell would have ${over}. Nothing was written.`;
      const where = `${to.file === null ? "" : `${to.file}, `}sheet '${to.sheet}', cell ${to.cell}`;
      return `copied to ${where}, this cell's text would have ${over}, so it cannot be written without cutting it. Shorten it here: nothing was written.`;
    },
  }),
  // --- the status history and closing a period (status-history.ts, close-period.ts) ---
  "history/no-table": rule({
    title: "Status history: no table",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: () => HISTORY_NO_TABLE,
  }),
  "history/column-missing": rule<{ readonly headers: readonly string[] }>({
    title: "Status history: column missing",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ headers }) =>
      `the status history table has no ${quotedList(headers)} column${plural(headers.length)}; put ${headers.length === 1 ? "it" : "them"} back so periods can be closed (the rows already recorded are kept).`,
  }),
  "history/period-missing": rule({
    title: "Status history: row without a period",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: () =>
      "this status history row has no period, so it is not part of any action's history; type the period it was recorded for.",
  }),
  "history/status-invalid": rule<{ readonly typed: string }>({
    title: "Status history: not a status",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ typed }) =>
      `'${clipped(typed, 60)}' is not a status (${STATUS_WORDS}), so this period counts as having no status for the action.`,
  }),
  "history/date-invalid": rule<{ readonly typed: string }>({
    title: "Status history: not a date",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ typed }) =>
      `'${clipped(typed, 60)}' is not a date; the Recorded on column holds the day the period was closed (dd/mm/yyyy). The row's status is still read.`,
  }),
  "history/duplicate": rule<{
    readonly actionSheet: string;
    readonly ref: string | null;
    readonly period: string;
    readonly alsoRow: number;
  }>({
    title: "Status history: row recorded twice",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ actionSheet, ref, period, alsoRow }) =>
      `this row records ${ref !== null ? `${actionSheet} ${ref}` : "the same action"} for '${period}' again (also row ${alsoRow}); this lower row is the one used. Delete the row that is wrong, or close '${period}' again to rewrite that period.`,
  }),
  "history/label-invalid": rule<{ readonly length: number; readonly max: number }>({
    title: "Close period: label not usable",
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ length, max }) =>
      length === 0
        ? "Give the period a label (for example 'Q2 2012-13') before closing it."
        : `The period label has ${length} characters; keep it to ${max} (for example 'Q2 2012-13').`,
  }),
  "history/no-actions": rule({
    title: "Close period: no actions",
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: () => "The workbook has no actions to record, so there is no period to close.",
  }),
  "history/close-no-table": rule({
    title: "Close period: no history table",
    severity: "error",
    stopsWrite: true,
    placed: true,
    message: () => HISTORY_NO_TABLE,
  }),
  "history/close-column-missing": rule<{ readonly headers: readonly string[] }>({
    title: "Close period: history column missing",
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ headers }) =>
      `The status history table has no ${quotedList(headers)} column${plural(headers.length)}, so the period cannot be recorded in it. Put the column${plural(headers.length)} back (the rows already recorded are kept).`,
  }),
  "history/in-the-way": rule<{ readonly rows: number; readonly cells: readonly string[] }>({
    title: "Close period: cells where rows go",
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ rows, cells }) =>
      `The status history table needs ${rows} more row${plural(rows)}, but ${cells.join(", ")} below it ${cells.length === 1 ? "is" : "are"} not empty. Move those cells and close the period again.`,
  }),

  // --- direction of travel (direction-checks.ts): a status reading is its status and its period ---
  "direction/worsened-twice": rule<{
    readonly action: string;
    readonly before: Reading;
    readonly last: Reading;
    readonly now: string;
  }>({
    title: "Worse two periods running",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ action, before, last, now }) =>
      `${action} is worse two periods running (${before.status} at ${before.period ?? "the period before last"}, ${last.status} at ${last.period ?? "the last period"}, ${now} now): say what is being done to turn it round.`,
  }),
  "direction/red-unchanged": rule<{
    readonly action: string;
    readonly before: string | null;
    readonly last: string | null;
  }>({
    title: "Red three periods running",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ action, before, last }) =>
      `${action} has been Red since ${before ?? "the period before last"} (Red at ${before ?? "the period before last"}, at ${last ?? "the last period"} and now): say what will change, or escalate it.`,
  }),

  // --- partner returns (returns-make.ts, returns-merge.ts): a returned file's problems start with the
  // file, its sheet and cell; a refused file says nothing from it was merged, a refused row which row ---
  "returns/no-actions": rule<{ readonly lead: string; readonly known: boolean }>({
    title: "Returns: lead with nothing to return",
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ lead, known }) =>
      known
        ? `${lead} has no open action to return (every one is Complete, or in a table without Status and Update columns): no return was made for them.`
        : `No action in the plan is led by '${lead}': no return was made for them.`,
  }),
  "returns/ambiguous-action": rule<{
    readonly lead: string;
    readonly ref: string | null;
    readonly times: number;
  }>({
    title: "Returns: action left out, found twice",
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ lead, ref, times }, at) =>
      `This action was left out of ${lead}'s return: ${ref !== null ? `the ref ${ref}` : "the same action text, with no ref,"} appears ${times} times on '${at.sheet}', so its answer could not be matched to one row. Make the refs unique and make the return again.`,
  }),
  "returns/no-status-column": rule({
    title: "Returns: table without Status or Update",
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: (_, at) =>
      `The actions of the table at ${at.cell} on '${at.sheet}' were left out of the returns: answers need a Status and an Update column to go back to. Add the missing one (head a column "Status" or "Update") and make the returns again.`,
  }),
  "returns/not-a-return": rule<
    { readonly file: string } & (
      | { readonly why: "no-sheets"; readonly returnSheet: string; readonly identitySheet: string }
      | { readonly why: "format"; readonly found: string; readonly expected: string }
      | { readonly why: "actions-changed" }
    )
  >({
    title: "Returns: not a return",
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: (args, at) =>
      `${returnedPlace(args.file, at)}: ${
        args.why === "no-sheets"
          ? `it is not a return made by the add-in (it has no '${args.returnSheet}' and hidden '${args.identitySheet}' sheets)`
          : args.why === "format"
            ? `its identity is not one this add-in reads (format '${args.found}', expected '${args.expected}')`
            : "its list of the actions sent has been changed"
      }. ${FILE_NOT_MERGED}`,
  }),
  "returns/foreign": rule<{
    readonly file: string;
    readonly madeFrom: string;
    readonly planHasReturns: boolean;
  }>({
    title: "Returns: from another plan",
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ file, madeFrom, planHasReturns }, at) =>
      `${returnedPlace(file, at)}: ${
        planHasReturns
          ? `this return was made from another plan ('${madeFrom}'), not this one.`
          : `this plan has never made returns, so the return (made from '${madeFrom}') cannot be from it.`
      } ${FILE_NOT_MERGED}`,
  }),
  "returns/tampered": rule<{
    readonly file: string;
    readonly row: number;
    readonly ref: string;
    readonly planSheet: string;
    readonly edited: "ref" | "words";
  }>({
    title: "Returns: action edited in the return",
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ file, row, ref, planSheet, edited }, at) =>
      `${returnedPlace(file, at)}: row ${row} (${returnedAction(ref, planSheet)}) no longer reads as it was sent: ${edited === "ref" ? "the ref was edited" : "the action's words were edited"}. ${FILE_NOT_MERGED}`,
  }),
  "returns/status-invalid": rule<{
    readonly file: string;
    readonly row: number;
    readonly typed: string;
    readonly statuses: readonly string[];
  }>({
    title: "Returns: not a status",
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ file, row, typed, statuses }, at) =>
      `${returnedPlace(file, at)}: '${clipped(typed, 60)}' is not a status: it must be one of ${statuses.join(", ")}. ${rowNotMerged(row)}`,
  }),
  "returns/too-long": rule<{
    readonly file: string;
    readonly row: number;
    readonly length: number;
    readonly max: number;
  }>({
    title: "Returns: update too long",
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ file, row, length, max }, at) =>
      `${returnedPlace(file, at)}: the new update has ${length.toLocaleString("en-GB")} characters; an Excel cell holds at most ${max.toLocaleString("en-GB")}, so it cannot be written without cutting it. Ask the lead to shorten it. ${rowNotMerged(row)}`,
  }),
  "returns/update-missing": rule<{ readonly file: string; readonly row: number; readonly status: string }>({
    title: "Returns: status without an update",
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ file, row, status }, at) =>
      `${returnedPlace(file, at)}: ${status} needs a new update saying why, and none was given. ${rowNotMerged(row)}`,
  }),
  "returns/status-missing": rule<{ readonly file: string; readonly row: number }>({
    title: "Returns: update without a status",
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ file, row }, at) =>
      `${returnedPlace(file, at)}: an update was given but no status, and the action had none: choose a status. ${rowNotMerged(row)}`,
  }),
  "returns/action-gone": rule<
    { readonly file: string; readonly row: number; readonly ref: string; readonly planSheet: string } & (
      { readonly why: "gone" | "reworded" } | { readonly why: "repeated"; readonly times: number }
    )
  >({
    title: "Returns: action no longer matches",
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: (args, at) => {
      const action = returnedAction(args.ref, args.planSheet);
      const why =
        args.why === "gone"
          ? `${action} is no longer in the plan`
          : args.why === "repeated"
            ? `${action} now appears ${args.times} times in the plan`
            : `the words of ${action} have changed in the plan since the return was sent`;
      return `${returnedPlace(args.file, at)}: ${why}. ${rowNotMerged(args.row)}`;
    },
  }),
  "returns/empty": rule<{ readonly file: string }>({
    title: "Returns: nothing changed",
    severity: "info",
    stopsWrite: false,
    placed: false,
    message: ({ file }, at) =>
      `${returnedPlace(file, at)}: the return came back with nothing changed: no new status or update in any row.`,
  }),
  "returns/answered-twice": rule<{
    readonly file: string;
    readonly ref: string | null;
    readonly planSheet: string;
    readonly mergedFrom: string;
  }>({
    title: "Returns: answered twice",
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ file, ref, planSheet, mergedFrom }, at) =>
      `${returnedPlace(file, at)}: ${ref !== null ? `action ${ref}` : "this action"} on '${planSheet}' was also answered in ${mergedFrom}, differently; the answer from ${mergedFrom} is the one merged.`,
  }),
  "returns/no-stamp-column": rule<{ readonly header: string; readonly ref: string | null }>({
    title: "Returns: no Updated column",
    severity: "error",
    stopsWrite: false,
    placed: false,
    message: ({ header, ref }) =>
      `Answers to this table are recorded in a column headed '${header}', but it has none and the column to its right is in use. Add a column headed '${header}' to the table and merge again; ${ref !== null ? `action ${ref}` : "this action"} was not merged.`,
  }),

  // --- the column reader (detect-tables.ts): a guess it is unsure of is shown, never made silently ---
  "column/ambiguous": rule<{
    readonly header: string;
    readonly role: string;
    readonly others: readonly string[];
    /** The other columns' header cells, in the order of `others`. */
    readonly otherCells: readonly string[];
  }>({
    title: "Column could be another",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ header, role, others, otherCells }, at) => {
      const first = others[0] ?? "";
      const firstCell = otherCells[0];
      return `'${header}' was read as the ${role} column, but ${others.map((o) => `'${o}'`).join(" or ")} could be it too; confirm it in Columns. To read '${first}'${firstCell ? ` (${at.sheet}!${firstCell})` : ""} as the ${role} column instead, choose it there, or give the command line --column "${first}=${role}".`;
    },
  }),
  "column/uncertain": rule<{ readonly header: string; readonly role: string; readonly byContents: boolean }>({
    title: "Column read from its contents",
    severity: "warning",
    stopsWrite: false,
    placed: true,
    message: ({ header, role, byContents }) =>
      `'${header}' was read as the ${role} column${byContents ? " from what its cells hold" : ""}; confirm it in Columns.`,
  }),
  "column/missing-role": rule<{ readonly missing: readonly string[]; readonly unnamed: readonly string[] }>({
    title: "Column not found",
    severity: "info",
    stopsWrite: false,
    placed: true,
    message: ({ missing, unnamed }) =>
      `this table has no ${missing.join(", ")} column that the add-in can see; if ${unnamed.map((u) => `'${u}'`).join(" or ")} is one, set it in Columns.`,
  }),

  // --- structure protection (structure-protection.ts) ---
  "write/structure-protected": rule<{ readonly sheets: readonly string[] }>({
    title: "Workbook structure protected",
    severity: "error",
    stopsWrite: true,
    placed: false,
    message: ({ sheets }) =>
      `This needs to add the sheet${plural(sheets.length)} ${quotedList(sheets)}, but the workbook's structure is protected, so nothing was changed. Unprotect it (Review › Protect Workbook, then enter the password if asked) or ask its owner to, then try again.`,
  }),

  "carry/status-not-in-list": rule<{
    readonly action: string;
    readonly typed: string;
    readonly kept: boolean;
  }>({
    title: "Carry over: status not in the list",
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ action, typed, kept }) =>
      kept
        ? `${action} has the status '${typed}', which is not in the status list: it is carried as typed, and the new sheet's Status dropdown will mark it until a lead chooses a status (or choose to clear it).`
        : `${action} has the status '${typed}', which is not in the status list: its status is left blank on the new sheet for a lead to choose.`,
  }),
  "carry/status-guessed": rule<{
    readonly action: string;
    readonly status: string;
    /** The status cell's fill, "#RRGGBB", or null when it cannot be named. */
    readonly fill: string | null;
  }>({
    title: "Carry over: status only guessed",
    severity: "warning",
    stopsWrite: false,
    placed: false,
    message: ({ action, status, fill }) =>
      `${action} looks ${status} only from its cell's ${fill === null ? "fill colour" : `fill ${fill}`}, which the workbook's colour key does not define, so it is carried${status === "Complete" ? " rather than left behind as done" : ""}, with its status left blank on the new sheet for a lead to choose. Untick it if it is done.`,
  }),
  "carry/past-due": rule<{
    readonly action: string;
    readonly due: string;
    /** The due text as typed, when the date was typed as text ("March 2025"); null for a date. */
    readonly typed: string | null;
    readonly choice: "keep" | "roll" | "clear";
    readonly rolledTo: string;
  }>({
    title: "Carry over: due date passed",
    severity: "info",
    stopsWrite: false,
    placed: false,
    message: ({ action, due, typed, choice, rolledTo }) => {
      const when = `${action} was due on ${due}${typed === null ? "" : ` (typed as '${clipped(typed, 40)}')`}, which has passed`;
      return choice === "keep"
        ? `${when}: the date is kept (or choose to move it on a year, or clear it).`
        : choice === "roll"
          ? `${when}: it is due on ${rolledTo} on the new sheet.`
          : `${when}: its due date is left blank on the new sheet.`;
    },
  }),
  "operation/changed-since-preview": rule<{ readonly changes: readonly string[] }>({
    title: "Changed since the preview",
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
 *   → "Plan!E7: status 'Redd' is not a status the add-in can read; use Red, Amber, Green, Complete or …"
 */
export function problem<R extends RuleId>(
  sheet: string,
  cell: string,
  rule: R,
  ...args: RuleArgs<R> extends Record<string, never> ? [] : [RuleArgs<R>]
): Problem {
  const spec = RULES[rule] as RuleSpec<RuleArgs<R> | Record<string, never>>;
  const text = spec.message(args[0] ?? {}, { sheet, cell });
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
