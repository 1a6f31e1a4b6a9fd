/**
 * The ribbon's function file (manifest: FunctionFile → commands.html). "Summary" runs here without the
 * pane (ExecuteFunction "buildSummary"): the summary operation (src/operations/summary.ts), read and
 * write — two round trips, or four where it applies the schema first, as everywhere. Opened as a
 * dialog (commands.html?notice=…) the same page shows the message a function command cannot show any
 * other way: what was done besides the summary, what stopped it, or what went wrong.
 */
import type { ApplyReport, WorkbookHost } from "../core/basics/workbook-host";
import { applyOperation } from "../operations/run-operation";
import { summaryOperation } from "../operations/summary";
// The one adapter the ribbon wires in (as taskpane/index.tsx does): the rest goes through the port.
import { createExcelHost } from "../excel/excel-host";
import { describeFailure } from "../operations/failure-messages";
import { localIsoDate } from "../core/basics/excel-dates";

/** The FunctionName in manifest.xml. */
export const BUILD_SUMMARY_ACTION = "buildSummary";

export type SummaryOutcome =
  /** `schemaFirst`: the schema was not applied, so the operation applied it before the summary. */
  | { readonly kind: "built"; readonly report: ApplyReport; readonly schemaFirst: boolean }
  /** Something in the workbook stops the summary (a protected Summary sheet…), in words. */
  | { readonly kind: "blocked"; readonly reason: string };

/**
 * Builds or refreshes the Summary sheet through `host` with the summary operation, under its one
 * policy: where the schema is missing it is applied first (the ribbon says so afterwards).
 */
export async function buildSummaryThrough(
  host: WorkbookHost,
  options: { readonly todayIso: string; readonly planName: string },
): Promise<SummaryOutcome> {
  const outcome = await applyOperation(host, summaryOperation(options.todayIso, options.planName));
  const stopping = outcome.preview.problems.filter((p) => p.severity === "error");
  if (outcome.report === null || stopping.length > 0) {
    const reason = stopping.map((p) => p.message).join(" ");
    return { kind: "blocked", reason: reason === "" ? "there is no action table to summarise." : reason };
  }
  return { kind: "built", report: outcome.report, schemaFirst: !outcome.preview.detail.schemaApplied };
}

/** A message for the user, shown in a small dialog. */
export interface Notice {
  readonly title: string;
  readonly whatToDo: string;
  /** Offer "Retry" (re-runs the command) beside "Close". */
  readonly retryable: boolean;
}

export type NoticeAnswer = "retry" | "close";

/** What the user should know after a build: the schema applied first, items Excel left out. */
export function builtNotice(schemaFirst: boolean, skipped: readonly string[]): Notice {
  const schema = schemaFirst
    ? " The schema was not applied to this workbook yet, so it was applied first: each action table is now an Excel table, with a Lists sheet, status dropdowns and colours."
    : "";
  const left = skipped.length > 0 ? ` Excel left out: ${skipped.join("; ")}.` : "";
  return {
    title: `The Summary sheet was built.${schema}${left}`,
    whatToDo:
      skipped.length > 0
        ? "The counts and the exception list are complete; only the items named are missing."
        : "Check the action sheets: an add-in's changes cannot be undone with Undo.",
    retryable: false,
  };
}

export interface SummaryCommandDeps {
  readonly createHost: () => WorkbookHost;
  readonly showNotice: (notice: Notice) => Promise<NoticeAnswer>;
  readonly todayIso: () => string;
  readonly planName: () => string;
}

/**
 * The "buildSummary" handler. Every failure reaches the user as a notice and is rethrown (so it is in
 * the console too); event.completed() is always called, or Office shows the button as busy until its
 * five-minute timeout.
 */
export function summaryCommand(
  deps: SummaryCommandDeps,
): (event: Office.AddinCommands.Event) => Promise<void> {
  return async (event) => {
    try {
      await runSummaryUntilSettled(deps);
    } finally {
      event.completed();
    }
  };
}

async function runSummaryUntilSettled(deps: SummaryCommandDeps): Promise<void> {
  for (;;) {
    let failure: Notice;
    let error: unknown;
    try {
      const outcome = await buildSummaryThrough(deps.createHost(), {
        todayIso: deps.todayIso(),
        planName: deps.planName(),
      });
      if (outcome.kind === "blocked") {
        await deps.showNotice({
          title: `The summary was not built: ${outcome.reason}`,
          whatToDo: "Put that right in the workbook, then choose Summary again. Nothing was written.",
          retryable: false,
        });
      } else if (outcome.schemaFirst || outcome.report.skipped.length > 0) {
        await deps.showNotice(builtNotice(outcome.schemaFirst, outcome.report.skipped));
      }
      return;
    } catch (caught) {
      error = caught;
      const described = describeFailure(caught, "building the summary");
      failure = { title: described.title, whatToDo: described.whatToDo, retryable: described.retryable };
    }
    let answer: NoticeAnswer;
    try {
      answer = await deps.showNotice(failure);
    } catch (noticeError) {
      console.error("The summary's failure notice could not be shown:", noticeError);
      throw error;
    }
    if (answer !== "retry") throw error;
  }
}

/** The workbook's file name without folder or extension ("Action plan 2012-13"), else "Action plan". */
export function planNameFromUrl(url: string | null | undefined): string {
  const last = (url ?? "").split(/[\\/]/).pop() ?? "";
  let name = last.split(/[?#]/)[0] ?? "";
  try {
    name = decodeURIComponent(name);
  } catch {
    // A literal "%" in a local file name is not an escape: keep the name as it is.
  }
  name = name.replace(/\.(xlsx|xlsm|xlsb|xls)$/i, "").trim();
  return name === "" ? "Action plan" : name;
}

const NOTICE_PARAM = "notice";

/** The dialog's address: this page with the notice in its query (shown only as text). */
export function noticeDialogUrl(pageUrl: string, notice: Notice): string {
  const url = new URL(pageUrl);
  url.search = "";
  url.hash = "";
  url.searchParams.set(NOTICE_PARAM, "1");
  url.searchParams.set("title", notice.title);
  url.searchParams.set("todo", notice.whatToDo);
  if (notice.retryable) url.searchParams.set("retry", "1");
  return url.href;
}

/** The notice a dialog page was opened with, or null when the page is the function file itself. */
export function noticeFromSearch(search: string): Notice | null {
  const params = new URLSearchParams(search);
  if (params.get(NOTICE_PARAM) !== "1") return null;
  return {
    title: params.get("title") ?? "",
    whatToDo: params.get("todo") ?? "",
    retryable: params.get("retry") === "1",
  };
}

// Office's dialog error codes: 12006 = the user closed the dialog with its X.
const DIALOG_CLOSED_BY_USER = 12006;

/** Shows the notice in an Office dialog over the workbook and resolves with the user's choice. */
function showNoticeDialog(notice: Notice): Promise<NoticeAnswer> {
  return new Promise((resolve, reject) => {
    Office.context.ui.displayDialogAsync(
      noticeDialogUrl(window.location.href, notice),
      // In an iframe, Excel on the web's pop-up blocker cannot stop it.
      { height: 30, width: 35, displayInIframe: true },
      (result) => {
        if (result.status === Office.AsyncResultStatus.Failed) {
          reject(new Error(`The message could not be shown (${result.error.code}): ${result.error.message}`));
          return;
        }
        const dialog = result.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, (args) => {
          dialog.close();
          resolve("message" in args && args.message === "retry" ? "retry" : "close");
        });
        dialog.addEventHandler(Office.EventType.DialogEventReceived, (args) => {
          if ("error" in args && args.error !== DIALOG_CLOSED_BY_USER) {
            console.error(`The message dialog ended with Office error ${args.error}.`);
          }
          resolve("close");
        });
      },
    );
  });
}

/** Fills commands.html's notice markup (text only, never HTML) and wires its buttons to the opener. */
function renderNoticePage(notice: Notice): void {
  const byId = (id: string): HTMLElement => {
    const element = document.getElementById(id);
    if (!element) throw new Error(`commands.html lacks #${id}`);
    return element;
  };
  // Styles are set through the DOM: the page's Content-Security-Policy refuses inline style.
  document.body.style.fontFamily = '"Segoe UI", system-ui, sans-serif';
  document.body.style.margin = "16px";
  const title = byId("notice-title");
  title.style.fontSize = "16px";
  title.textContent = notice.title;
  byId("notice-todo").textContent = notice.whatToDo;
  const retry = byId("notice-retry");
  retry.hidden = !notice.retryable;
  retry.addEventListener("click", () => Office.context.ui.messageParent("retry"));
  byId("notice-close").addEventListener("click", () => Office.context.ui.messageParent("close"));
  byId("notice").hidden = false;
  (notice.retryable ? retry : byId("notice-close")).focus();
}

void Office.onReady(() => {
  const notice = noticeFromSearch(window.location.search);
  if (notice) {
    renderNoticePage(notice);
    return;
  }
  const buildSummary = summaryCommand({
    createHost: createExcelHost,
    showNotice: showNoticeDialog,
    todayIso: () => localIsoDate(new Date()),
    planName: () => planNameFromUrl(Office.context.document.url),
  });
  Office.actions.associate(BUILD_SUMMARY_ACTION, (event: Office.AddinCommands.Event) => {
    // The user has seen the failure in the dialog already; the console gets the error itself.
    buildSummary(event).catch((error: unknown) => console.error("Action plan › Summary failed:", error));
  });
});
