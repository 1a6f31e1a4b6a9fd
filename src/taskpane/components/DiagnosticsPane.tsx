import { useState } from "react";
import { Button, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { PLATFORM_WORDS, diagnosticsText, type HostDiagnostics } from "../../core/basics/host-diagnostics";

export interface DiagnosticsPaneProps {
  readonly info: HostDiagnostics;
  /** Puts text on the clipboard; by default navigator.clipboard, which some Office hosts block. */
  readonly copy?: (text: string) => Promise<void>;
}

const useStyles = makeStyles({
  root: {
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalM,
  },
  summary: { cursor: "pointer", fontWeight: tokens.fontWeightSemibold },
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: `${tokens.spacingVerticalS} 0`,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0, overflowWrap: "anywhere" },
  findings: { margin: `${tokens.spacingVerticalXS} 0`, paddingLeft: tokens.spacingHorizontalL },
  actions: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

function clipboardCopy(text: string): Promise<void> {
  if (typeof navigator === "undefined" || navigator.clipboard === undefined) {
    return Promise.reject(new Error("no clipboard"));
  }
  return navigator.clipboard.writeText(text);
}

/**
 * "About this Excel": the host, platform, version and ExcelApi requirement sets, and what the last
 * change's read-back found, with a button that copies it all for a support email. Folded away
 * (a native details element: keyboard and screen-reader friendly) until the user opens it.
 */
export function DiagnosticsPane({ info, copy = clipboardCopy }: DiagnosticsPaneProps) {
  const styles = useStyles();
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const text = diagnosticsText(info);
  const sets = info.requirementSets;
  const onCopy = (): void => {
    copy(text).then(
      () => setCopied("yes"),
      () => setCopied("failed"),
    );
  };
  return (
    <details className={styles.root}>
      <summary className={styles.summary}>About this Excel</summary>
      <section aria-label="About this Excel">
        <dl className={styles.facts}>
          <dt className={styles.term}>Host</dt>
          <dd className={styles.detail}>{info.host}</dd>
          <dt className={styles.term}>Platform</dt>
          <dd className={styles.detail}>{PLATFORM_WORDS[info.platform]}</dd>
          <dt className={styles.term}>Version</dt>
          <dd className={styles.detail}>{info.version ?? "Not reported"}</dd>
          <dt className={styles.term}>Requirement sets</dt>
          <dd className={styles.detail}>
            {sets.length === 0 ? "None" : `ExcelApi ${sets[0]} to ${sets[sets.length - 1]}`}
          </dd>
          <dt className={styles.term}>Last change</dt>
          <dd className={styles.detail}>
            {info.lastVerification === null ? "None yet in this session" : info.lastVerification.operation}
          </dd>
        </dl>
        {info.lastVerification !== null ? (
          info.lastVerification.findings.length === 0 ? (
            <Text>Checked afterwards: everything was as asked.</Text>
          ) : (
            <>
              <Text>Checked afterwards:</Text>
              <ul className={styles.findings}>
                {info.lastVerification.findings.map((finding) => (
                  <li key={finding}>{finding}</li>
                ))}
              </ul>
            </>
          )
        ) : null}
        <div className={styles.actions}>
          <Button onClick={onCopy}>Copy for a support email</Button>
          <Text role="status">
            {copied === "yes"
              ? "Copied. Paste it into your email."
              : copied === "failed"
                ? "Excel did not allow copying: select the text below and copy it."
                : ""}
          </Text>
        </div>
        {copied === "failed" ? (
          <Textarea aria-label="About this Excel, as text" readOnly value={text} resize="vertical" rows={8} />
        ) : null}
      </section>
    </details>
  );
}
