/**
 * A horizontal bar chart as inline SVG (issue 20): drawn by the page itself, so the printed PDF
 * holds it as vectors in the same fonts, with nothing fetched. Each bar shows its value.
 */
export interface Bar {
  readonly label: string;
  readonly value: number;
}

const ROW = 18;
const LABEL_WIDTH = 210;
const CHART_WIDTH = 640;

export function BarChart({ title, bars, testId }: { title: string; bars: readonly Bar[]; testId?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plot = CHART_WIDTH - LABEL_WIDTH - 40;
  const height = Math.max(1, bars.length) * ROW + 8;
  return (
    <svg role="img" aria-label={title} data-testid={testId} width="100%" viewBox={`0 0 ${CHART_WIDTH} ${height}`} style={{ maxWidth: '170mm', display: 'block', margin: '2mm 0' }}>
      <title>{title}</title>
      {bars.map((b, k) => {
        const y = 4 + k * ROW;
        const width = (b.value / max) * plot;
        return (
          <g key={`${b.label}-${k}`}>
            <text x={LABEL_WIDTH - 6} y={y + 12} textAnchor="end" fontSize="11">
              {b.label}
            </text>
            <rect x={LABEL_WIDTH} y={y + 2} width={Math.max(width, 1)} height={ROW - 6} fill="#3a5f8f" />
            <text x={LABEL_WIDTH + width + 4} y={y + 12} fontSize="11">
              {b.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
