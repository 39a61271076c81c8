import { formatCount } from '../lib/format';

export interface Bar {
  key: string;
  label: string;
  count: number;
  /** A class for the bar's colour (TLP, status). */
  tone?: string;
}

const ROW = 24;
const LABEL = 130;
const WIDTH = 420;
const COUNT = 70;

/** Horizontal bars in plain SVG: one row per key, longest first as given. */
export function BarChart({ title, bars }: { title: string; bars: readonly Bar[] }) {
  const max = Math.max(1, ...bars.map((bar) => bar.count));
  const span = WIDTH - LABEL - COUNT;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {bars.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <svg role="img" aria-label={`${title}: ${bars.map((bar) => `${bar.label} ${bar.count}`).join(', ')}`} viewBox={`0 0 ${WIDTH} ${bars.length * ROW}`} width="100%">
          {bars.map((bar, index) => {
            const y = index * ROW;
            const width = Math.max(2, (bar.count / max) * span);
            return (
              <g key={bar.key}>
                <title>{`${bar.label}: ${formatCount(bar.count)}`}</title>
                <text x={LABEL - 8} y={y + ROW / 2} className="chart-label" textAnchor="end" dominantBaseline="central">
                  {bar.label.length > 18 ? `${bar.label.slice(0, 17)}…` : bar.label}
                </text>
                <rect x={LABEL} y={y + 4} width={width} height={ROW - 8} rx={2} className={`chart-bar ${bar.tone ?? ''}`} />
                <text x={LABEL + width + 6} y={y + ROW / 2} className="chart-value" dominantBaseline="central">
                  {formatCount(bar.count)}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}
