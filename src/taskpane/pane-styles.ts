/** Styles several pane components share. */
import type { GriffelStyle } from "@fluentui/react-components";

/** A list without bullets or indent, its items stacked with `rowGap` between them. */
export function stackedListStyle(rowGap: string): GriffelStyle {
  return {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap,
  };
}
