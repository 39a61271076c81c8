import type { SyncConflict } from '../../../preload/contract';
import { Notice } from '../../components/Notice';
import { useSyncStore } from './sync-store';

/** The fields an analyst compares, in this order; others are listed after them. */
const FIRST = ['name', 'pattern', 'confidence', 'indicator_types', 'labels', 'valid_from', 'valid_until', 'object_marking_refs', 'modified'];
const HIDDEN = new Set(['type', 'spec_version', 'id', 'created']);

function fieldsOf(conflict: SyncConflict): string[] {
  const keys = new Set([...Object.keys(conflict.local.object), ...Object.keys(conflict.remote.object)].filter((k) => !HIDDEN.has(k)));
  return [...FIRST.filter((k) => keys.has(k)), ...[...keys].filter((k) => !FIRST.includes(k)).sort()];
}

const show = (value: unknown) => (value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

/** Each conflict: your version and the server's, side by side, with the two ways out. */
export function ConflictList({ conflicts }: { conflicts: SyncConflict[] }) {
  const { resolve, resolveError } = useSyncStore();
  if (conflicts.length === 0) return null;
  return (
    <section aria-labelledby="sync-conflicts-title">
      <h2 id="sync-conflicts-title">Conflicts ({conflicts.length})</h2>
      <p className="muted">Changed here and on the server since the last sync. Nothing is overwritten until you choose.</p>
      {resolveError && <Notice tone="error">{resolveError}</Notice>}
      {conflicts.map((conflict) => {
        const title = show(conflict.local.object.name ?? conflict.stixId);
        return (
          <article key={conflict.id} className="settings-card" aria-label={`Conflict on ${title}`}>
            <h3>{title}</h3>
            <div className="table-scroll">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Mine</th>
                    <th scope="col">Theirs ({conflict.profile})</th>
                  </tr>
                </thead>
                <tbody>
                  {fieldsOf(conflict).map((field) => {
                    const mine = show(conflict.local.object[field]);
                    const theirs = show(conflict.remote.object[field]);
                    return (
                      <tr key={field}>
                        <th scope="row">{field}</th>
                        <td>{mine === theirs ? mine : <strong>{mine}</strong>}</td>
                        <td>{mine === theirs ? theirs : <strong>{theirs}</strong>}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <div className="inline-field">
              <button type="button" className="button" onClick={() => void resolve(conflict.id, 'keep-mine')}>
                Keep mine
              </button>
              <button type="button" className="button" onClick={() => void resolve(conflict.id, 'take-theirs')}>
                Take theirs
              </button>
            </div>
          </article>
        );
      })}
    </section>
  );
}
