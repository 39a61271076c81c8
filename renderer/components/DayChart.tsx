import { formatCount } from '../lib/format';

export interface DayBar {
  day: string;
  value: number;
  detail: string;
}

const HEIGHT = 160;
const AXIS = 20;
const WIDTH = 860;

/** Columns per day in plain SVG (imports over time); days without imports are left out, as listed. */
export function DayChart({ title, days }: { title: string; days: readonly DayBar[] }) {
  const max = Math.max(1, ...days.map((day) => day.value));
  const step = days.length > 0 ? Math.min(48, WIDTH / days.length) : 0;
  const labelEvery = Math.max(1, Math.ceil(days.length / 12));
  return (
    <figure className="chart chart-wide">
      <figcaption>{title}</figcaption>
      {days.length === 0 ? (
        <p className="muted">No imports yet.</p>
      ) : (
        <svg role="img" aria-label={title} viewBox={`0 0 ${WIDTH} ${HEIGHT + AXIS}`} width="100%">
          <line x1={0} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} className="chart-axis" />
          {days.map((day, index) => {
            const height = Math.max(2, (day.value / max) * (HEIGHT - 16));
            const x = index * step;
            return (
              <g key={day.day}>
                <title>{`${day.day}: ${day.detail}`}</title>
                <rect x={x + 2} y={HEIGHT - height} width={Math.max(2, step - 4)} height={height} rx={2} className="chart-bar" />
                {days.length <= 20 && (
                  <text x={x + step / 2} y={HEIGHT - height - 4} className="chart-value" textAnchor="middle">
                    {formatCount(day.value)}
                  </text>
                )}
                {index % labelEvery === 0 && (
                  <text x={x + step / 2} y={HEIGHT + 14} className="chart-label" textAnchor="middle">
                    {day.day.slice(5)}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}
