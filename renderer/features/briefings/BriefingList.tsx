import { EmptyState } from '../../components/EmptyState';
import { Notice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { TlpBadge } from '../../components/TlpBadge';
import { formatCount, formatTimestamp } from '../../lib/format';
import { briefingStatusLabel } from './briefing-words';
import { selectBriefingList, useBriefingsStore } from './briefings-store';

/** Every briefing, most recently changed first: status, marking, version and attachments at a glance. */
export function BriefingList() {
  const list = useBriefingsStore(selectBriefingList);
  const error = useBriefingsStore((state) => state.listError);
  const open = useBriefingsStore((state) => state.open);

  if (error) return <Notice tone="error">{error}</Notice>;
  if (list === null) return <Spinner />;
  if (list.length === 0) {
    return (
      <EmptyState title="No briefings yet">
        <p>
          Write a Cyber Activity Report or an operational brief from a template, attach triaged indicators and ATT&CK techniques, and export it
          marked at the TLP ceiling you choose.
        </p>
        <p>
          Press <kbd>n</kbd> or choose “New briefing…”.
        </p>
      </EmptyState>
    );
  }
  const sorted = [...list].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <table className="data-table briefing-list" aria-label="Briefings">
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Status</th>
          <th scope="col">TLP</th>
          <th scope="col">Version</th>
          <th scope="col">Indicators</th>
          <th scope="col">Techniques</th>
          <th scope="col">Modified</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((briefing) => (
          <tr key={briefing.id}>
            <th scope="row">
              <button type="button" className="link-button briefing-open" data-briefing-row onClick={() => void open(briefing.id)}>
                {briefing.title}
              </button>
            </th>
            <td>
              <span className={`briefing-status briefing-status-${briefing.status}`}>{briefingStatusLabel(briefing.status)}</span>
            </td>
            <td>
              <TlpBadge level={briefing.tlp} />
            </td>
            <td>
              {briefing.version === 0 ? '—' : `v${briefing.version}`}
              {briefing.hasUnsavedDraft && <span className="muted"> + draft</span>}
            </td>
            <td className="numeric">{formatCount(briefing.indicatorCount)}</td>
            <td className="numeric">{formatCount(briefing.techniqueCount)}</td>
            <td className="nowrap">{formatTimestamp(briefing.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
