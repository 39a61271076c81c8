import { useId, useState, type RefObject } from 'react';
import { TlpBadge } from '../../components/TlpBadge';
import { formatCount, formatTimestamp } from '../../lib/format';
import { statusLabel } from '../../lib/triage-words';
import { AttachPanel } from './AttachPanel';
import { selectDetail, useBriefingsStore } from './briefings-store';

/**
 * The attached indicators, live: each row shows the indicator's triage state, marking and sightings as they are
 * now, not as they were when attached, so a briefing never quietly carries an indicator since marked benign.
 */
export function AttachedIndicators({ searchRef, editable }: { searchRef: RefObject<HTMLInputElement | null>; editable: boolean }) {
  const detail = useBriefingsStore(selectDetail);
  const busy = useBriefingsStore((state) => state.busy);
  const detach = useBriefingsStore((state) => state.detach);
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const id = useId();
  if (!detail) return null;
  const { indicators, indicatorCount } = detail;
  const listed = new Set(indicators.map((indicator) => indicator.id));
  const selected = [...chosen].filter((each) => listed.has(each));

  const toggle = (indicatorId: number) =>
    setChosen((current) => {
      const next = new Set(current);
      if (!next.delete(indicatorId)) next.add(indicatorId);
      return next;
    });

  return (
    <section className="briefing-panel briefing-indicators" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        Indicators <span className="count-pill">{formatCount(indicatorCount)}</span>
      </h2>
      {editable && <AttachPanel searchRef={searchRef} />}
      {indicatorCount === 0 ? (
        <p className="muted">No indicators attached. Attach them here, or select them on the Queue and choose “Attach selection to briefing…” in the command palette.</p>
      ) : (
        <>
          {editable && (
            <div className="briefing-indicators-actions">
              <button type="button" className="button" disabled={busy || selected.length === 0} onClick={() => void detach(selected).then(() => setChosen(new Set()))}>
                Detach {selected.length > 0 ? formatCount(selected.length) : ''} selected
              </button>
            </div>
          )}
          <div className="table-scroll">
            <table className="data-table briefing-indicator-table" aria-label="Attached indicators">
              <thead>
                <tr>
                  {editable && (
                    <th scope="col">
                      <span className="visually-hidden">Select</span>
                    </th>
                  )}
                  <th scope="col">Type</th>
                  <th scope="col">Value</th>
                  <th scope="col">Triage</th>
                  <th scope="col">TLP</th>
                  <th scope="col">Sightings</th>
                  <th scope="col">Last seen</th>
                  {editable && (
                    <th scope="col">
                      <span className="visually-hidden">Detach</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {indicators.map((indicator) => (
                  <tr key={indicator.id} data-indicator-id={indicator.id}>
                    {editable && (
                      <td>
                        <input type="checkbox" aria-label={`Select ${indicator.value}`} checked={chosen.has(indicator.id)} onChange={() => toggle(indicator.id)} />
                      </td>
                    )}
                    <td>{indicator.type}</td>
                    <td className="indicator-value">
                      <code>{indicator.value}</code>
                    </td>
                    <td>
                      <span className={`status-chip status-${indicator.status}`}>{statusLabel(indicator.status)}</span>
                    </td>
                    <td>
                      <TlpBadge level={indicator.tlp} />
                    </td>
                    <td className="numeric">{formatCount(indicator.sightings)}</td>
                    <td className="nowrap">{formatTimestamp(indicator.lastSeen)}</td>
                    {editable && (
                      <td>
                        <button type="button" className="button button-small" disabled={busy} aria-label={`Detach ${indicator.value}`} onClick={() => void detach([indicator.id])}>
                          Detach
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {indicatorCount > indicators.length && (
            <p className="muted">
              Showing the first {formatCount(indicators.length)} of {formatCount(indicatorCount)}. On the Queue, the “In a briefing” filter lists them all.
            </p>
          )}
        </>
      )}
    </section>
  );
}
