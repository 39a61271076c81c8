import { memo } from 'react';
import type { QueueRow } from '../../../preload/contract';
import { TlpBadge } from '../../components/TlpBadge';
import { formatCount, formatTimestamp } from '../../lib/format';
import { severityLabel, statusLabel } from '../../lib/triage-words';

export const ROW_HEIGHT = 32;

export const COLUMNS = ['', 'TLP', 'Type', 'Value', 'Status', 'Conf./sev.', 'Seen', 'Last seen', 'Tags', 'Warninglist'] as const;

interface RowProps {
  index: number;
  row: QueueRow | undefined;
  /** Offset from the top of the scroll content, in px. `top`, not a transform: one paint chunk per row is costly to layerize. */
  top: number;
  focused: boolean;
  selected: boolean;
}

/** One queue row; memoised, so scrolling re-renders only the rows that come into view. */
export const QueueRowView = memo(function QueueRowView({ index, row, top, focused, selected }: RowProps) {
  const position = { top };
  if (!row) {
    return (
      // No text inside: a fast scrollbar drag shows mostly placeholders, and each text run costs shaping.
      <div role="row" className="queue-row is-loading" aria-rowindex={index + 2} aria-busy="true" aria-label="Loading" data-index={index} style={position}>
        <div role="gridcell" className="queue-cell-placeholder" />
      </div>
    );
  }
  const severity = severityLabel(row.severity);
  return (
    <div
      role="row"
      id={`queue-row-${index}`}
      className="queue-row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-current={focused ? 'true' : undefined}
      data-index={index}
      data-id={row.id}
      style={position}
    >
      <div role="gridcell" className="queue-cell-check">
        <span role="checkbox" aria-checked={selected} aria-label={`Select ${row.display ?? row.value}`} className="queue-check" />
      </div>
      <div role="gridcell">
        <TlpBadge level={row.tlp} />
      </div>
      <div role="gridcell" className="queue-cell-type">
        {row.type}
      </div>
      <div role="gridcell" className="queue-cell-value mono" title={row.value}>
        {row.display ?? row.value}
      </div>
      <div role="gridcell">
        <span className={`status-chip status-${row.status}`}>{statusLabel(row.status)}</span>
      </div>
      <div role="gridcell" className="numeric">
        {row.confidence ?? '—'}
        {severity && <span className="muted"> / {severity}</span>}
      </div>
      <div role="gridcell" className="numeric">
        {formatCount(row.sightings)}
      </div>
      <div role="gridcell" className="queue-cell-date" title={formatTimestamp(row.lastSeen)}>
        {row.lastSeen ? row.lastSeen.slice(0, 10) : '—'}
      </div>
      <div role="gridcell" className="queue-cell-tags" title={row.tags.join(', ')}>
        {row.tags.join(', ')}
      </div>
      <div role="gridcell" className="queue-cell-list" title={row.warninglists.join(', ')}>
        {row.warninglists.length > 0 && <span className="on-list">on list: {row.warninglists.join(', ')}</span>}
      </div>
    </div>
  );
});
