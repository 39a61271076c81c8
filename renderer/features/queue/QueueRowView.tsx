import { memo } from 'react';
import type { QueueRow } from '../../../preload/contract';
import { formatCompactCount, formatCount, formatTimestamp } from '../../lib/format';
import { tlpClass, tlpLabel } from '../../lib/tlp';
import { severityLabel, statusLabel } from '../../lib/triage-words';

export const ROW_HEIGHT = 32;

export const COLUMNS = ['', 'TLP', 'Type', 'Value', 'Status', 'Conf./sev.', 'Seen', 'Last seen', 'Tags', 'Warninglist'] as const;

/** The element id of the row at `index` (for aria-activedescendant and aria-owns). */
export const rowId = (index: number) => `queue-row-${index}`;

interface RowProps {
  index: number;
  row: QueueRow | undefined;
  /** Offset from the top of the scroll content, in px. `top`, not a transform: one paint chunk per row is costly to layerize. */
  top: number;
  focused: boolean;
  selected: boolean;
}

/** What the cells of a row show; all empty while its page is on the way. */
interface RowCells {
  tlpClass: string;
  tlp: string;
  type: string;
  value: string;
  display: string;
  statusClass: string;
  status: string;
  confidence: string;
  severity: string;
  sightings: string;
  sightingsTitle: string;
  lastSeen: string;
  lastSeenTitle: string;
  tags: string;
  lists: string;
  onLists: string;
}

const LOADING: RowCells = {
  tlpClass: '',
  tlp: '',
  type: '',
  value: '',
  display: '',
  statusClass: '',
  status: '',
  confidence: '',
  severity: '',
  sightings: '',
  sightingsTitle: '',
  lastSeen: '',
  lastSeenTitle: '',
  tags: '',
  lists: '',
  onLists: '',
};

function cellsOf(row: QueueRow): RowCells {
  const severity = severityLabel(row.severity);
  const lists = row.warninglists.join(', ');
  return {
    tlpClass: `tlp-badge ${tlpClass(row.tlp)}`,
    tlp: tlpLabel(row.tlp),
    type: row.type,
    value: row.value,
    display: row.display ?? row.value,
    statusClass: `status-chip status-${row.status}`,
    status: statusLabel(row.status),
    confidence: String(row.confidence ?? '—'),
    severity: severity ? ` / ${severity}` : '',
    sightings: formatCompactCount(row.sightings),
    sightingsTitle: `${formatCount(row.sightings)} sightings`,
    lastSeen: row.lastSeen ? row.lastSeen.slice(0, 10) : '—',
    lastSeenTitle: formatTimestamp(row.lastSeen),
    tags: row.tags.join(', '),
    lists,
    onLists: lists && `on list: ${lists}`,
  };
}

/**
 * One queue row; memoised, so a render of the grid re-renders only the rows whose position or data
 * changed. A row waiting for its page has the same elements as a loaded one, empty: the grid hands a row
 * element on to the next position that comes into view, and changing text is far cheaper than replacing
 * elements.
 */
export const QueueRowView = memo(function QueueRowView({ index, row, top, focused, selected }: RowProps) {
  const cells = row ? cellsOf(row) : LOADING;
  return (
    <div
      role="row"
      id={rowId(index)}
      className={row ? 'queue-row' : 'queue-row is-loading'}
      aria-rowindex={index + 2}
      aria-selected={row ? selected : undefined}
      aria-current={row && focused ? 'true' : undefined}
      aria-busy={row ? undefined : 'true'}
      aria-label={row ? undefined : 'Loading'}
      data-index={index}
      data-id={row?.id}
      style={{ top }}
    >
      <div role="gridcell" className="queue-cell-check">
        <span
          role={row && 'checkbox'}
          aria-checked={row ? selected : undefined}
          aria-label={row && `Select ${cells.display}`}
          className={row && 'queue-check'}
        />
      </div>
      <div role="gridcell">
        <span className={cells.tlpClass}>{cells.tlp}</span>
      </div>
      <div role="gridcell" className="queue-cell-type">
        {cells.type}
      </div>
      <div role="gridcell" className="queue-cell-value mono" title={cells.value}>
        {cells.display}
      </div>
      <div role="gridcell">
        <span className={cells.statusClass}>{cells.status}</span>
      </div>
      <div role="gridcell" className="numeric">
        {cells.confidence}
        <span className="muted">{cells.severity}</span>
      </div>
      <div role="gridcell" className="numeric" title={cells.sightingsTitle}>
        {cells.sightings}
      </div>
      <div role="gridcell" className="queue-cell-date" title={cells.lastSeenTitle}>
        {cells.lastSeen}
      </div>
      <div role="gridcell" className="queue-cell-tags" title={cells.tags}>
        {cells.tags}
      </div>
      <div role="gridcell" className="queue-cell-list" title={cells.lists}>
        <span className="on-list">{cells.onLists}</span>
      </div>
    </div>
  );
});
