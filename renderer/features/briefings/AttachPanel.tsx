import { useEffect, useId, useState, type FormEvent, type RefObject } from 'react';
import type { QueueRow } from '../../../preload/contract';
import { TlpBadge } from '../../components/TlpBadge';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';
import { formatCount } from '../../lib/format';
import { statusLabel } from '../../lib/triage-words';
import { useBriefingsStore } from './briefings-store';
import { SEARCH_DELAY_MS } from './TechniquesPanel';

const SEARCH_LIMIT = 25;

/** Attach by search (pick from the matches) or by a `--where` query, as the CLI writes it. */
export function AttachPanel({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const id = useId();
  const attach = useBriefingsStore((state) => state.attach);
  const busy = useBriefingsStore((state) => state.busy);
  const [text, setText] = useState('');
  const [found, setFound] = useState<{ text: string; rows: QueueRow[] } | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const [where, setWhere] = useState('');

  useEffect(() => {
    const query = text.trim();
    if (!query) return;
    let current = true;
    const timer = setTimeout(() => {
      requireClient()
        .queue.page({ filter: { text: query }, sort: { key: 'last_seen', direction: 'desc' }, limit: SEARCH_LIMIT })
        .then(
          (page) => {
            if (!current) return;
            setFound({ text: query, rows: page.rows });
            setSearchError(null);
          },
          (failure: unknown) => current && setSearchError(toApiFailure(failure).message),
        );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);

  const rows = text.trim() && found ? found.rows : [];
  const chosen = rows.filter((row) => picked.has(row.id)).map((row) => row.id);

  const attachPicked = async () => {
    if (chosen.length === 0) return;
    if (await attach({ indicatorIds: chosen })) setPicked(new Set());
  };
  const attachWhere = async (event: FormEvent) => {
    event.preventDefault();
    if (!where.trim()) return;
    if (await attach({ where: where.trim() })) setWhere('');
  };

  return (
    <div className="attach-panel">
      <div className="attach-search">
        <div className="field">
          <label htmlFor={`${id}-search`}>Attach by search</label>
          <input
            ref={searchRef}
            id={`${id}-search`}
            type="search"
            placeholder="Value, tag or note text"
            aria-keyshortcuts="a"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setPicked(new Set());
            }}
          />
        </div>
        {searchError && <p className="field-warning">{searchError}</p>}
        {rows.length > 0 && (
          <>
            <ul className="attach-results" aria-label="Matching indicators">
              {rows.map((row) => (
                <li key={row.id}>
                  <label className="attach-result">
                    <input
                      type="checkbox"
                      checked={picked.has(row.id)}
                      onChange={() =>
                        setPicked((current) => {
                          const next = new Set(current);
                          if (!next.delete(row.id)) next.add(row.id);
                          return next;
                        })
                      }
                    />
                    <span className="muted">{row.type}</span> <code>{row.value}</code> <span className={`status-chip status-${row.status}`}>{statusLabel(row.status)}</span>{' '}
                    <TlpBadge level={row.tlp} />
                  </label>
                </li>
              ))}
            </ul>
            <div className="attach-actions">
              <button type="button" className="button" onClick={() => setPicked(new Set(rows.map((row) => row.id)))}>
                Select all {formatCount(rows.length)}
              </button>
              <button type="button" className="button primary" disabled={busy || chosen.length === 0} onClick={() => void attachPicked()}>
                Attach {chosen.length > 0 ? formatCount(chosen.length) : ''} selected
              </button>
            </div>
          </>
        )}
        {text.trim() && found?.text === text.trim() && rows.length === 0 && <p className="muted">No indicator matches.</p>}
      </div>
      <form className="attach-where" onSubmit={(event) => void attachWhere(event)}>
        <div className="field">
          <label htmlFor={`${id}-where`}>Attach every indicator where…</label>
          <input
            id={`${id}-where`}
            type="text"
            className="input-mono"
            placeholder="status=malicious type=domain,url tlp<=amber"
            value={where}
            onChange={(event) => setWhere(event.target.value)}
          />
        </div>
        <button type="submit" className="button" disabled={busy || !where.trim()}>
          Attach matching
        </button>
      </form>
    </div>
  );
}
