import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Title3,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { WorkbookSnapshot } from "../core/basics/snapshot";
import type { WorkbookHost } from "../core/basics/workbook-host";
import type { ReturnFiles } from "../core/planning/return-files";
import { App } from "../taskpane/App";
import type { LeadCodeStore } from "../taskpane/lead-code-store";
import { GridView } from "./GridView";
import { observedHost } from "./playground-host";

/** A host over a workbook's .xlsx bytes, which gives them back with every plan applied. */
export interface BytesHost extends WorkbookHost {
  bytes(): Uint8Array;
}

export interface PlaygroundAppProps {
  /** The workbook's .xlsx bytes. */
  readonly initialWorkbook: Uint8Array;
  readonly initialFileName: string;
  readonly todayIso: string;
  readonly leadCodeStore: LeadCodeStore;
  /** The package host over a workbook's bytes (the entry wires in src/xlsx). */
  readonly createHost: (workbook: Uint8Array) => BytesHost;
  /** Checks an .xlsx file's bytes are a workbook; rejects with a message when they are not. */
  readonly openWorkbook: (data: ArrayBuffer, fileName: string) => Promise<Uint8Array>;
  /** Partner returns as files (the entry wires in the file shell). */
  readonly returnFiles: ReturnFiles;
  /** Gives the user the workbook's bytes as a file. */
  readonly downloadWorkbook: (workbook: Uint8Array, fileName: string) => Promise<void>;
  /** Lets the browser tests reach the current workbook. */
  readonly onWorkbookChange?: (host: BytesHost) => void;
}

const useStyles = makeStyles({
  page: {
    display: "grid",
    gridTemplateRows: "auto 1fr",
    height: "100vh",
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  grow: { flexGrow: 1 },
  body: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) 380px",
    minHeight: 0,
    "@media (max-width: 800px)": { gridTemplateColumns: "1fr", gridTemplateRows: "50vh auto" },
  },
  grid: { padding: tokens.spacingHorizontalM, minHeight: 0, display: "flex", flexDirection: "column" },
  pane: {
    borderLeft: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    overflowY: "auto",
    minHeight: 0,
  },
});

/**
 * The name a download is saved under: the opened file's, marked as changed when the add-in wrote to
 * it, so the user's original is never overwritten by a browser that replaces files of the same name.
 *   downloadName("plan.xlsx", true) → "plan (updated).xlsx"
 */
export function downloadName(fileName: string, changed: boolean): string {
  const base = fileName.replace(/\.xlsx$/i, "");
  return changed ? `${base} (updated).xlsx` : `${base}.xlsx`;
}

/** The add-in without Excel: a read-only view of a workbook beside the same task pane. */
export function PlaygroundApp(props: PlaygroundAppProps) {
  const styles = useStyles();
  const { createHost, openWorkbook, downloadWorkbook, onWorkbookChange } = props;
  const [workbook, setWorkbook] = useState(props.initialWorkbook);
  const [fileName, setFileName] = useState(props.initialFileName);
  const [generation, setGeneration] = useState(0);
  const [snapshot, setSnapshot] = useState<WorkbookSnapshot | null>(null);
  const [activeSheet, setActiveSheet] = useState("");
  const [selected, setSelected] = useState<{ sheet: string; cell: string } | null>(null);
  const [fileError, setFileError] = useState<{ title: string; detail: string } | null>(null);
  const [changed, setChanged] = useState(false);
  const [downloaded, setDownloaded] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement | null>(null);

  const inner = useMemo(() => createHost(workbook), [createHost, workbook]);

  const showWorkbook = useCallback(async () => {
    const next = await inner.readSnapshot();
    setSnapshot(next);
  }, [inner]);

  const host = useMemo(
    () =>
      observedHost(inner, {
        onWritten: () => {
          setChanged(true);
          setDownloaded(null);
          void showWorkbook();
        },
        onSelect: (sheet, cell) => {
          setActiveSheet(sheet);
          setSelected({ sheet, cell });
        },
      }),
    [inner, showWorkbook],
  );

  useEffect(() => {
    onWorkbookChange?.({ ...host, bytes: () => inner.bytes() });
    void showWorkbook();
  }, [inner, host, onWorkbookChange, showWorkbook]);

  const open = async (file: File) => {
    setFileError(null);
    try {
      const opened = await openWorkbook(await file.arrayBuffer(), file.name);
      setWorkbook(opened);
      setFileName(file.name);
      setChanged(false);
      setDownloaded(null);
      setActiveSheet("");
      setSelected(null);
      setGeneration((g) => g + 1);
    } catch (error) {
      setFileError({
        title: `${file.name} could not be opened.`,
        detail: `${error instanceof Error ? error.message : String(error)} The workbook shown is unchanged.`,
      });
    }
  };

  const download = async () => {
    setFileError(null);
    try {
      const name = downloadName(fileName, changed);
      await downloadWorkbook(inner.bytes(), name);
      setDownloaded(name);
    } catch (error) {
      setFileError({
        title: "The workbook could not be saved.",
        detail: `${error instanceof Error ? error.message : String(error)} Try Download again.`,
      });
    }
  };

  const sheetShown =
    activeSheet !== "" ? activeSheet : (snapshot?.sheets.find((s) => s.visibility === "visible")?.name ?? "");

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <Title3 as="h1">Action plan add-in: playground</Title3>
        <Caption1 className={styles.grow}>
          {fileName} · nothing leaves this page: the workbook stays in your browser.
        </Caption1>
        <input
          ref={fileInput}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          hidden
          aria-label="Open .xlsx"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file !== undefined) void open(file);
          }}
        />
        <Button onClick={() => fileInput.current?.click()}>Open .xlsx</Button>
        <Button appearance="primary" onClick={() => void download()}>
          Download
        </Button>
      </header>
      <div className={styles.body}>
        <section className={styles.grid} aria-label="Workbook">
          {fileError !== null ? (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{fileError.title}</MessageBarTitle> {fileError.detail}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          {downloaded !== null ? (
            <MessageBar intent="success">
              <MessageBarBody>
                Downloaded {downloaded}
                {downloaded !== fileName ? `: ${fileName} itself is unchanged.` : "."}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          {snapshot !== null ? (
            <GridView
              snapshot={snapshot}
              activeSheet={sheetShown}
              onActiveSheetChange={setActiveSheet}
              selectedCell={selected !== null && selected.sheet === sheetShown ? selected.cell : null}
            />
          ) : null}
        </section>
        <aside className={styles.pane} aria-label="Task pane">
          <App
            key={generation}
            host={host}
            todayIso={props.todayIso}
            leadCodeStore={props.leadCodeStore}
            defaultPlanName="Community safety action plan"
            returnFiles={props.returnFiles}
          />
        </aside>
      </div>
    </div>
  );
}
