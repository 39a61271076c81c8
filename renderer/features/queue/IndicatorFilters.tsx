import { useEffect, useId, useState } from 'react';
import { isTlpLevel, TLP_OPTIONS, tlpLabel } from '../../lib/tlp';
import { INDICATOR_TYPE_OPTIONS } from './indicator-types';
import { selectQueueFilter, useQueueStore } from './queue-store';

/** Typing pauses this long before the list reloads, so a search is one request, not one per key. */
export const SEARCH_DELAY_MS = 250;

export function IndicatorFilters() {
  const filter = useQueueStore(selectQueueFilter);
  const setFilter = useQueueStore((state) => state.setFilter);
  const [search, setSearch] = useState(filter.search);
  const id = useId();

  useEffect(() => {
    if (search === filter.search) return;
    const timer = setTimeout(() => void setFilter({ search }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, filter.search, setFilter]);

  return (
    <div className="queue-filters" role="search" aria-label="Filter indicators">
      <div className="field">
        <label htmlFor={`${id}-search`}>Search</label>
        <input
          id={`${id}-search`}
          type="search"
          value={search}
          placeholder="Value contains…"
          spellCheck={false}
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-type`}>Type</label>
        <select id={`${id}-type`} value={filter.type} onChange={(event) => void setFilter({ type: event.target.value })}>
          <option value="">All types</option>
          {INDICATOR_TYPE_OPTIONS.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-tlp`}>TLP</label>
        <select
          id={`${id}-tlp`}
          value={filter.tlp}
          onChange={(event) => {
            const value = event.target.value;
            void setFilter({ tlp: isTlpLevel(value) ? value : '' });
          }}
        >
          <option value="">All markings</option>
          {TLP_OPTIONS.map((level) => (
            <option key={level} value={level}>
              {tlpLabel(level)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
