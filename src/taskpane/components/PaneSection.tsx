import type { ReactNode } from "react";
import { Subtitle2, makeStyles, tokens } from "@fluentui/react-components";

export interface PaneSectionProps {
  /** The heading's id, which labels the section for screen readers. */
  readonly id: string;
  readonly heading: ReactNode;
  readonly children: ReactNode;
}

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
});

/** One titled part of a pane: a section labelled by its h2. */
export function PaneSection({ id, heading, children }: PaneSectionProps) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <Subtitle2 as="h2" id={id}>
        {heading}
      </Subtitle2>
      {children}
    </section>
  );
}
