import type { IndicatorSummary } from '../../../preload/contract';
import { TlpBadge } from '../../components/TlpBadge';
import { formatCount, formatTimestamp } from '../../lib/format';

interface IndicatorTableProps {
  rows: readonly IndicatorSummary[];
  selectedId: number | null;
  onSelect(id: number): void;
}

export function IndicatorTable({ rows, selectedId, onSelect }: IndicatorTableProps) {
  return (
    <div className="table-scroll">
      <table className="data-table indicator-table" aria-label="Indicators">
        <thead>
          <tr>
            <th scope="col">TLP</th>
            <th scope="col">Type</th>
            <th scope="col">Value</th>
            <th scope="col">Status</th>
            <th scope="col" className="numeric">Sightings</th>
            <th scope="col">Last seen</th>
            <th scope="col" className="numeric">Sources</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.id}
              className="indicator-row"
              aria-current={row.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(row.id)}
            >
              <td>
                <TlpBadge level={row.tlp} />
              </td>
              <td>{row.type}</td>
              <td className="indicator-value">
                {/* The button makes each row reachable and openable from the keyboard. */}
                <button
                  type="button"
                  className="link-button mono"
                  onClick={(event) => {
                    event.stopPropagation();
                    onSelect(row.id);
                  }}
                >
                  {row.display ?? row.value}
                </button>
                {row.flags.length > 0 && <span className="flag-hint">{row.flags.join(', ')}</span>}
              </td>
              <td>{row.status}</td>
              <td className="numeric">{formatCount(row.sightings)}</td>
              <td className="last-seen">{formatTimestamp(row.lastSeen)}</td>
              <td className="numeric">{formatCount(row.sourceCount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
