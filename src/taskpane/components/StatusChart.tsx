import { makeStyles, tokens } from "@fluentui/react-components";
import type { Status } from "../../core/basics/plan-model";
import { statusColour } from "../../core/basics/status-colours";

/** The statuses the chart stacks, as the Summary sheet's chart does. */
const CHART_STATUSES: readonly Status[] = ["Red", "Amber", "Green", "Complete"];

export interface StatusChartRow {
  readonly label: string;
  readonly counts: Readonly<Record<Status, number>>;
}

export interface StatusChartProps {
  readonly rows: readonly StatusChartRow[];
  /** The chart's name for screen readers and its visible title ("Status by theme, 2012-13"). */
  readonly title: string;
}

const useStyles = makeStyles({
  chart: { width: "100%", height: "auto", display: "block" },
  label: { fontSize: tokens.fontSizeBase200, fill: tokens.colorNeutralForeground1 },
});

const WIDTH = 300;
const LABEL_HEIGHT = 16;
const BAR_HEIGHT = 20;
const ROW_GAP = 8;
/** The legend: two statuses to a line, so the words fit the pane's width. */
const LEGEND_LINE = 18;
const LEGEND_HEIGHT = 2 * LEGEND_LINE + 4;

/** "ASB: 1 Red, 2 Amber, 0 Green, 3 Complete" — what a row says without its colours. */
function rowWords(row: StatusChartRow): string {
  return `${row.label}: ${CHART_STATUSES.map((s) => `${row.counts[s]} ${s}`).join(", ")}`;
}

/**
 * Status by theme as a stacked bar, the pane's picture of the Summary sheet's chart: one bar per
 * theme, Red, Amber, Green and Complete in their colours, each segment labelled with its letter and
 * count, each bar named in words for screen readers, and a legend of the status words; colour is
 * never the only signal.
 */
export function StatusChart({ rows, title }: StatusChartProps) {
  const styles = useStyles();
  const most = Math.max(1, ...rows.map((r) => CHART_STATUSES.reduce((sum, s) => sum + r.counts[s], 0)));
  const rowHeight = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP;
  const height = rows.length * rowHeight + LEGEND_HEIGHT;
  return (
    <svg
      className={styles.chart}
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={`${title}. ${rows.map(rowWords).join(". ")}.`}
    >
      <title>{title}</title>
      {rows.map((row, i) => {
        const top = i * rowHeight;
        let x = 0;
        return (
          <g key={row.label}>
            <text className={styles.label} x={0} y={top + LABEL_HEIGHT - 4}>
              {row.label.length > 48 ? `${row.label.slice(0, 47)}…` : row.label}
            </text>
            {CHART_STATUSES.map((status) => {
              const count = row.counts[status];
              if (count === 0) return null;
              const colour = statusColour(status);
              const width = (count / most) * WIDTH;
              const at = x;
              x += width;
              return (
                <g key={status}>
                  <rect
                    x={at}
                    y={top + LABEL_HEIGHT}
                    width={width}
                    height={BAR_HEIGHT}
                    fill={colour.fill}
                    stroke="#FFFFFF"
                  />
                  {width >= 22 ? (
                    <text
                      x={at + width / 2}
                      y={top + LABEL_HEIGHT + BAR_HEIGHT / 2 + 4}
                      textAnchor="middle"
                      fontSize={11}
                      fill={colour.fontColor}
                    >
                      {`${colour.letter} ${count}`}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </g>
        );
      })}
      {CHART_STATUSES.map((status, i) => {
        const colour = statusColour(status);
        const x = (i % 2) * (WIDTH / 2);
        const y = rows.length * rowHeight + 4 + Math.floor(i / 2) * LEGEND_LINE;
        return (
          <g key={status}>
            <rect x={x} y={y} width={12} height={12} fill={colour.fill} />
            <text className={styles.label} x={x + 16} y={y + 10}>
              {`${colour.letter} = ${status}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
