import { useEffect } from 'react';
import type { WarninglistCategory, WarninglistView } from '../../../preload/contract';
import { Notice } from '../../components/Notice';
import { formatCount } from '../../lib/format';
import { useWarninglistsStore } from './warninglists-store';

const CATEGORY_LABELS: Record<WarninglistCategory, string> = {
  'false-positive': 'False positive: values that are never indicators',
  known: 'Known identifiers: check before dismissing',
};

const SOURCE_LABELS: Record<WarninglistView['categorySource'], string> = {
  file: 'as the list says',
  classified: 'by what the list holds',
  analyst: 'set by an analyst',
};

/** Each loaded warninglist with its category, which the analyst may change. */
export function WarninglistsPanel() {
  const { lists, error, load, setCategory } = useWarninglistsStore();
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="settings-card" aria-labelledby="warninglists-title">
      <h2 id="warninglists-title">Warninglists</h2>
      {error && <Notice tone="error">{error}</Notice>}
      {lists.length === 0 ? (
        <p className="muted">No warninglists loaded. Load a MISP warninglists folder with liaison warninglists load.</p>
      ) : (
        <table className="warninglist-table">
          <thead>
            <tr>
              <th scope="col">List</th>
              <th scope="col">Entries</th>
              <th scope="col">Hits</th>
              <th scope="col">Category</th>
            </tr>
          </thead>
          <tbody>
            {lists.map((list) => (
              <tr key={list.id}>
                <th scope="row">{list.name}</th>
                <td>{formatCount(list.entries)}</td>
                <td>{formatCount(list.hits)}</td>
                <td>
                  <select
                    aria-label={`Category of ${list.name}`}
                    value={list.category}
                    onChange={(event) => void setCategory(list.name, event.target.value as WarninglistCategory)}
                  >
                    {(Object.keys(CATEGORY_LABELS) as WarninglistCategory[]).map((category) => (
                      <option key={category} value={category}>
                        {CATEGORY_LABELS[category]}
                      </option>
                    ))}
                  </select>
                  <span className="muted"> ({SOURCE_LABELS[list.categorySource]})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
