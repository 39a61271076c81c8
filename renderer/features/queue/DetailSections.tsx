import { Fragment } from 'react';
import type { Correlations, IndicatorDetail, IndicatorHistoryEntry, TriageDetail } from '../../../preload/contract';
import { MarkdownText } from '../../components/MarkdownText';
import { TlpBadge } from '../../components/TlpBadge';
import { formatCount, formatTimestamp } from '../../lib/format';
import { useDetailStore } from './detail-store';
import { groupContext } from './context-groups';
import { exactWords, PivotLink } from './PivotLink';

/** Sources in the order the vault learnt of the indicator: the sightings timeline. */
export function SightingsTimeline({ indicator }: { indicator: IndicatorDetail }) {
  const sources = [...indicator.sources].sort((a, b) => a.importedAt.localeCompare(b.importedAt));
  return (
    <section aria-label="Sources and sightings" className="detail-section">
      <h3>Sources and sightings</h3>
      <ol className="timeline">
        {sources.map((source) => (
          <li key={source.sourceId} className="timeline-item">
            <p className="timeline-when">{formatTimestamp(source.importedAt)}</p>
            <p>
              <strong>
                <PivotLink filter={{ source: source.sourceName }} what={`source ${source.sourceName}`}>
                  {source.sourceName}
                </PivotLink>
              </strong>{' '}
              <TlpBadge level={source.tlp} />{' '}
              <span className="muted">
                {source.sightings === 1 ? '1 sighting' : `${formatCount(source.sightings)} sightings`} · {source.format}
              </span>
            </p>
            <p className="muted mono">
              {source.fileName ?? '—'}
              {source.location && ` · ${source.location}`}
            </p>
            {(source.firstSeen || source.lastSeen) && (
              <p className="muted">
                seen {formatTimestamp(source.firstSeen)} – {formatTimestamp(source.lastSeen)}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Audit actions in words (issue #17.10: the history showed "indicators.bulk-undo changeId → 5"). */
const ACTION_WORDS: Record<string, string> = {
  'indicator.triage': 'changed',
  'indicators.bulk-triage': 'changed',
  'indicators.bulk-undo': 'undid a change',
  'indicators.auto-expire': 'expired',
  'indicators.import': 'imported',
};

/** Patch and audit field names in words. */
const FIELD_WORDS: Record<string, string> = {
  status: 'status',
  confidence: 'confidence',
  severity: 'severity',
  source_reliability: 'source reliability',
  info_credibility: 'information credibility',
  tlp_rank: 'TLP',
  tlp: 'TLP',
  assignee_id: 'assignee',
  notes: 'note',
  valid_until: 'valid until',
  addTags: 'tags added',
  removeTags: 'tags removed',
  source: 'source',
  file: 'file',
};

const TLP_BY_RANK = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];

const show = (key: string, value: unknown): string => {
  if (key === 'tlp_rank' && typeof value === 'number') return TLP_BY_RANK[value] ?? String(value);
  if (key === 'notes') return 'edited';
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
};

/** What an audit entry did, in words: "changed", "undid a change", "imported". */
export function describeAction(action: string): string {
  return ACTION_WORDS[action] ?? action.replaceAll(/[.-]/g, ' ');
}

/** One line for an audit entry: the fields a triage change set, the source an import came from, or the change undone. */
export function describeChange(entry: Pick<IndicatorHistoryEntry, 'after'> & { action?: string }): string {
  if (!entry.after || typeof entry.after !== 'object') return '';
  const after = entry.after as Record<string, unknown>;
  if (entry.action === 'indicators.bulk-undo') {
    const restored = typeof after.count === 'number' ? `: ${after.count} indicator${after.count === 1 ? '' : 's'} restored` : '';
    return `number ${show('changeId', after.changeId)}${restored}`;
  }
  const change = after.change && typeof after.change === 'object' ? (after.change as Record<string, unknown>) : null;
  const fields = change ?? (typeof after.source === 'string' ? { source: after.source, file: after.file } : after);
  const text = Object.entries(fields)
    .filter(([, value]) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0))
    .map(([key, value]) => `${FIELD_WORDS[key] ?? key.replaceAll('_', ' ')} → ${show(key, value)}`)
    .join(', ');
  const count = change && typeof after.count === 'number' && after.count > 1 ? ` (with ${after.count - 1} others)` : '';
  return text.length > 160 ? `${text.slice(0, 159)}…` : `${text}${count}`;
}

export function TriageHistory({ history }: { history: TriageDetail['history'] }) {
  return (
    <section aria-label="Triage history" className="detail-section">
      <h3>Triage history</h3>
      {history.length === 0 ? (
        <p className="muted">Not triaged yet.</p>
      ) : (
        <ol className="history-list">
          {history.map((entry) => (
            <li key={entry.id}>
              <span className="muted">{formatTimestamp(entry.at)}</span> <strong>{entry.actor}</strong> {describeAction(entry.action)}
              <span className="history-change"> {describeChange(entry)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const RELATIONS: readonly { key: Exclude<keyof Correlations, 'registrableDomain'>; label: string }[] = [
  { key: 'sameDomain', label: 'same domain' },
  { key: 'containingNetworks', label: 'in network' },
  { key: 'addressesInNetwork', label: 'address inside' },
  { key: 'sameFile', label: 'same file' },
];

/** Correlations the vault found; each opens in this pane (a "back" link returns to the focused row). */
export function RelatedIndicators({ correlations }: { correlations: Correlations }) {
  const show = useDetailStore((state) => state.show);
  const items = RELATIONS.flatMap(({ key, label }) => correlations[key].map((item) => ({ ...item, relation: label })));
  return (
    <section aria-label="Related indicators" className="detail-section">
      <h3>Related indicators</h3>
      {correlations.registrableDomain && <p className="muted">Registrable domain: {correlations.registrableDomain}</p>}
      {items.length === 0 ? (
        <p className="muted">None found.</p>
      ) : (
        <ul className="related-list">
          {items.map((item) => (
            <li key={`${item.id}-${item.relation}`}>
              <span className="context-kind">{item.relation}</span>{' '}
              <button type="button" className="link-button mono" onClick={() => void show(item.id, true)}>
                {item.value}
              </button>{' '}
              <span className="muted">
                {item.type} · {item.status}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * What the sources tied the indicator to (issue #17.6): STIX relationships one and two hops out, MISP
 * galaxies, the reports and events it came in with (their metadata as named fields; references stay text,
 * the pane never loads remote content) and MISP's flags. Every item is a pivot that filters the queue.
 */
export function StixContext({ context }: { context: IndicatorDetail['context'] }) {
  const groups = groupContext(context);
  const pivot = (name: string, what: string) => (
    <PivotLink filter={{ text: exactWords(name) }} what={what}>
      {name}
    </PivotLink>
  );
  return (
    <section aria-label="Context" className="detail-section">
      <h3>Context</h3>
      {context.length === 0 && <p className="muted">No malware, actor or campaign named by the sources.</p>}
      {(groups.direct.length > 0 || groups.secondHop.length > 0) && (
        <ul className="context-list" aria-label="Relationships">
          {groups.direct.map((item, index) => (
            <li key={`d-${item.ref}-${index}`}>
              <span className="context-kind">{item.kind}</span> {pivot(item.name, `${item.kind} ${item.name}`)}
              {item.detail && <span className="muted"> — {item.detail}</span>}
            </li>
          ))}
          {groups.secondHop.map((item, index) => (
            <li key={`h-${item.ref}-${index}`} className="context-second-hop">
              <span className="context-kind">{item.kind}</span> {pivot(item.name, `${item.kind} ${item.name}`)}
              <span className="muted"> — via {item.via}: {item.how}</span>
            </li>
          ))}
        </ul>
      )}
      {groups.reports.map((report, index) => (
        <dl key={`r-${report.name}-${index}`} className="context-report" aria-label={`${report.what} ${report.name}`}>
          <dt>{report.what}</dt>
          <dd>{pivot(report.name, `${report.what} ${report.name}`)}</dd>
          {report.fields.map((field) => (
            <Fragment key={field.label}>
              <dt>{field.label}</dt>
              <dd className="context-field-text">{field.value}</dd>
            </Fragment>
          ))}
        </dl>
      ))}
      {groups.flags.length > 0 && (
        <dl className="context-flags" aria-label="MISP flags">
          {groups.flags.map((flag, index) => (
            <Fragment key={`f-${flag.label}-${index}`}>
              <dt>{flag.label}</dt>
              <dd>
                <PivotLink filter={{ text: exactWords(flag.pivot) }} what={flag.pivot}>
                  {flag.value}
                </PivotLink>
              </dd>
            </Fragment>
          ))}
        </dl>
      )}
      {groups.other.length > 0 && (
        <ul className="context-list" aria-label="Other context">
          {groups.other.map((item, index) => (
            <li key={`o-${item.ref}-${index}`}>
              {pivot(item.name, item.name)}
              {item.detail && <span className="muted"> — {item.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function WarninglistHits({ hits }: { hits: TriageDetail['warninglists'] }) {
  if (hits.length === 0) return null;
  return (
    <section aria-label="Warninglists" className="detail-section">
      <h3>On warninglists</h3>
      <ul className="warninglist-hits">
        {hits.map((hit) => (
          <li key={hit.listId}>
            <span className="on-list">on list: {hit.name}</span>
            {hit.category === 'known' ? (
              <p className="warninglist-check">On a list of known {hit.knownKind}: check before dismissing. Attackers use these too.</p>
            ) : (
              <p className="muted">Suggestion: mark as false positive (4): values on this list are not indicators.</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Notes are Markdown, rendered without raw HTML, images or navigable links (see MarkdownText). */
export function Notes({ notes }: { notes: string | null }) {
  return (
    <section aria-label="Notes" className="detail-section">
      <h3>Notes</h3>
      {notes ? <MarkdownText text={notes} className="notes-text" /> : <p className="muted">No note. Press n to write one.</p>}
    </section>
  );
}
