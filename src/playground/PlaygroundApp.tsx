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
import type { WorkbookSnapshot } from "../core/snapshot";
import type { WorkbookHost } from "../core/workbook-host";
import { App } from "../taskpane/App";
import type { LeadCodeStore } from "../taskpane/lead-code-store";
import { GridView } from "./GridView";
import { observedHost } from "./playground-host";

/** `W` is the workbook as the entry's file shell holds it (index.tsx wires src/xlsx in): the page never looks inside. */
export interface PlaygroundAppProps<W> {
  readonly initialWorkbook: W;
  readonly initialFileName: string;
  readonly todayIso: string;
  readonly leadCodeStore: LeadCodeStore;
  /** The xlsx host over a workbook (the entry wires in src/xlsx). */
  readonly createHost: (workbook: W) => WorkbookHost;
  /** Opens an .xlsx file's bytes as a workbook; rejects with a message when it is not one. */
  readonly openWorkbook: (data: ArrayBuffer, fileName: string) => Promise<W>;
  /** Gives the user the workbook as a file. */
  readonly downloadWorkbook: (workbook: W, fileName: string) => Promise<void>;
  /** Lets the browser tests reach the current workbook. */
  readonly onWorkbookChange?: (workbook: W, host: WorkbookHost) => void;
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

/** The add-in without Excel: a read-only view of a workbook beside the same task pane. */
export function PlaygroundApp<W>(props: PlaygroundAppProps<W>) {
  const styles = useStyles();
  const { createHost, openWorkbook, downloadWorkbook, onWorkbookChange } = props;
  const [workbook, setWorkbook] = useState(props.initialWorkbook);
  const [fileName, setFileName] = useState(props.initialFileName);
  const [generation, setGeneration] = useState(0);
  const [snapshot, setSnapshot] = useState<WorkbookSnapshot | null>(null);
  const [activeSheet, setActiveSheet] = useState("");
  const [selected, setSelected] = useState<{ sheet: string; cell: string } | null>(null);
  const [fileError, setFileError] = useState<{ title: string; detail: string } | null>(null);
  const fileInput = useRef<HTMLInputElement | null>(null);

  const inner = useMemo(() => createHost(workbook), [createHost, workbook]);

  const showWorkbook = useCallback(async () => {
    const next = await inner.readSnapshot();
    setSnapshot(next);
  }, [inner]);

  const host = useMemo(
    () =>
      observedHost(inner, {
        onWritten: () => void showWorkbook(),
        onSelect: (sheet, cell) => {
          setActiveSheet(sheet);
          setSelected({ sheet, cell });
        },
      }),
    [inner, showWorkbook],
  );

  useEffect(() => {
    onWorkbookChange?.(workbook, host);
    void showWorkbook();
  }, [workbook, host, onWorkbookChange, showWorkbook]);

  const open = async (file: File) => {
    setFileError(null);
    try {
      const opened = await openWorkbook(await file.arrayBuffer(), file.name);
      setWorkbook(opened);
      setFileName(file.name);
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
      await downloadWorkbook(workbook, fileName);
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
          />
        </aside>
      </div>
    </div>
  );
}
