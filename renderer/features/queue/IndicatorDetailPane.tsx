import type { ReactNode } from 'react';
import type { IndicatorDetail } from '../../../preload/contract';
import { Notice } from '../../components/Notice';
import { TlpBadge } from '../../components/TlpBadge';
import { formatCount, formatTimestamp } from '../../lib/format';

const formatSightings = (count: number) => (count === 1 ? '1 sighting' : `${formatCount(count)} sightings`);
import { selectDetail, useQueueStore } from './queue-store';

export function IndicatorDetailPane() {
  const detail = useQueueStore(selectDetail);
  const closeDetail = useQueueStore((state) => state.closeDetail);
  const shown = detail.kind === 'ready' ? detail.value : detail.kind === 'loading' ? detail.previous : null;

  return (
    <aside className="indicator-detail" aria-label="Indicator detail" aria-busy={detail.kind === 'loading' || undefined}>
      <header className="indicator-detail-header">
        <h2>{shown ? (shown.display ?? shown.value) : 'Indicator'}</h2>
        <button type="button" className="button" onClick={closeDetail}>
          Close
        </button>
      </header>
      {detail.kind === 'failed' && <Notice tone="error">{detail.message}</Notice>}
      {shown && <DetailBody indicator={shown} />}
    </aside>
  );
}

function DetailBody({ indicator }: { indicator: IndicatorDetail }) {
  const facts: [string, ReactNode][] = [
    ['Canonical value', <code key="v">{indicator.value}</code>],
    ['Display value', indicator.display ?? '—'],
    ['Type', indicator.type],
    ['TLP', <TlpBadge key="t" level={indicator.tlp} />],
    ['Status', indicator.status],
    ['Flags', indicator.flags.length > 0 ? indicator.flags.join(', ') : '—'],
    ['Confidence', indicator.confidence ?? '—'],
    ['Sightings', formatCount(indicator.sightings)],
    ['First seen', formatTimestamp(indicator.firstSeen)],
    ['Last seen', formatTimestamp(indicator.lastSeen)],
    ...(indicator.validFrom || indicator.validUntil
      ? [['Valid', `${formatTimestamp(indicator.validFrom)} to ${formatTimestamp(indicator.validUntil)}`] as [string, ReactNode]]
      : []),
    ['Added', formatTimestamp(indicator.createdAt)],
  ];

  return (
    <>
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label} className="facts-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-label="Sources">
        <h3>Sources</h3>
        <ul className="sighting-list">
          {indicator.sources.map((source) => (
            <li key={source.sourceId} className="sighting">
              <p className="sighting-title">
                <strong>{source.sourceName}</strong> <TlpBadge level={source.tlp} />
              </p>
              <dl className="sighting-facts">
                <dt>File</dt>
                <dd className="mono">{source.fileName ?? '—'}</dd>
                <dt>Place</dt>
                <dd className="mono">{source.location ?? '—'}</dd>
                <dt>Format</dt>
                <dd>{source.format}</dd>
              </dl>
              <p className="muted">
                {formatSightings(source.sightings)} · imported {formatTimestamp(source.importedAt)}
              </p>
            </li>
          ))}
        </ul>
      </section>
      {indicator.context.length > 0 && (
        <section aria-label="Context">
          <h3>Context</h3>
          <ul className="context-list">
            {indicator.context.map((item, index) => (
              <li key={index}>
                <span className="context-kind">{item.kind}</span> {item.name}
                {item.detail && <span className="muted"> — {item.detail}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {indicator.tags.length > 0 && (
        <section aria-label="Tags">
          <h3>Tags</h3>
          <ul className="tag-list">
            {indicator.tags.map((tag) => (
              <li key={tag} className="tag">
                {tag}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
