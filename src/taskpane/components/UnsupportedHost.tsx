import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

export interface UnsupportedHostProps {
  /** Why the pane cannot run here. */
  readonly reason: "old-excel" | "not-excel";
}

/** Shown instead of the pane where it cannot work, so the user is never left with a blank pane. */
export function UnsupportedHost({ reason }: UnsupportedHostProps) {
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        {reason === "old-excel" ? (
          <>
            <MessageBarTitle>This version of Excel is too old for the action plan add-in.</MessageBarTitle> It
            needs Excel API 1.8 (data validation), which Excel on the web, Microsoft 365, and Excel 2021 or
            later have. Open the workbook in Excel on the web, or ask your IT team to update Office.
          </>
        ) : (
          <>
            <MessageBarTitle>This page runs inside Excel.</MessageBarTitle> Open it from Excel (Home ›
            Add-ins), or try the playground to use it on an .xlsx file in your browser.
          </>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
