import type { ReactNode } from 'react';
import type { QueueRow } from '../../../preload/contract';
import { Notice } from '../../components/Notice';
import { TlpBadge } from '../../components/TlpBadge';
import { defangValue } from '../../lib/defang';
import { formatCount, formatTimestamp } from '../../lib/format';
import { isTriageStatus, severityLabel, statusLabel } from '../../lib/triage-words';
import { Notes, RelatedIndicators, SightingsTimeline, StixContext, TriageHistory, WarninglistHits } from './DetailSections';
import { selectDetailError, selectShownIndicator, selectShownTriage, useDetailStore } from './detail-store';
import { selectFocusedRow, useQueueStore } from './queue-store';
import { PivotLink } from './PivotLink';

/** Everything known about the focused indicator (or a related one opened from it). */
export function DetailPane() {
  const indicator = useDetailStore(selectShownIndicator);
  const triage = useDetailStore(selectShownTriage);
  const error = useDetailStore(selectDetailError);
  const detour = useDetailStore((state) => state.detour);
  const busy = useDetailStore((state) => state.indicator.kind === 'loading');
  const focused = useQueueStore(selectFocusedRow);
  const row = focused && indicator && focused.id === indicator.id ? focused : undefined;

  return (
    <aside className="detail-pane" aria-label="Indicator detail" aria-busy={busy || undefined} tabIndex={0}>
      {detour && focused && (
        <button type="button" className="link-button detail-back" onClick={() => void useDetailStore.getState().show(focused.id)}>
          ← Back to {focused.display ?? focused.value}
        </button>
      )}
      {error && <Notice tone="error">{error}</Notice>}
      {!indicator ? (
        <p className="muted">Move to an indicator with j / k to see its detail.</p>
      ) : (
        <>
          <h2 className="detail-title">{indicator.display ?? indicator.value}</h2>
          <Facts indicator={indicator} row={row} />
          {triage && <WarninglistHits hits={triage.warninglists} />}
          {triage && <Notes notes={triage.notes} />}
          <SightingsTimeline indicator={indicator} />
          {triage && <TriageHistory history={triage.history} />}
          {triage && <RelatedIndicators correlations={triage.correlations} />}
          <StixContext context={indicator.context} />
          <section aria-label="Briefings" className="detail-section">
            <h3>Cited in briefings</h3>
            <p className="muted">None yet — briefings arrive later.</p>
          </section>
        </>
      )}
    </aside>
  );
}

function Facts({ indicator, row }: { indicator: NonNullable<ReturnType<typeof selectShownIndicator>>; row: QueueRow | undefined }) {
  const admiralty = row?.sourceReliability && row.infoCredibility ? `${row.sourceReliability}${row.infoCredibility}` : '—';
  const facts: [string, ReactNode][] = [
    ['Canonical', <code key="c">{indicator.value}</code>],
    ['Defanged', <code key="d">{defangValue(indicator.type, indicator.value)}</code>],
    ['Type', indicator.type],
    ['Status', isTriageStatus(indicator.status) ? statusLabel(indicator.status) : indicator.status],
    ['TLP', <TlpBadge key="t" level={indicator.tlp} />],
    ['Confidence', indicator.confidence ?? '—'],
    ['Severity', (row && severityLabel(row.severity)) ?? '—'],
    ['Admiralty', admiralty],
    ['Assignee', row?.assignee ?? '—'],
    [
      'Tags',
      indicator.tags.length > 0 ? (
        <span key="tags" className="pivot-list">
          {indicator.tags.map((tag) => (
            <PivotLink key={tag} filter={{ tag }} what={`tag ${tag}`}>
              {tag}
            </PivotLink>
          ))}
        </span>
      ) : (
        '—'
      ),
    ],
    ['Sightings', formatCount(indicator.sightings)],
    ['First seen', formatTimestamp(indicator.firstSeen)],
    ['Last seen', formatTimestamp(indicator.lastSeen)],
    ['Valid until', formatTimestamp(indicator.validUntil)],
  ];
  return (
    <dl className="facts detail-facts">
      {facts.map(([label, value]) => (
        <div key={label} className="facts-row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
