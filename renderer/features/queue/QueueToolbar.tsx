import { useEffect, useState } from 'react';
import type { QueueSortKey } from '../../../preload/contract';
import { formatCount } from '../../lib/format';
import { SORT_OPTIONS } from '../../lib/triage-words';
import { TYPING_DELAY_MS } from './FilterBar';
import { countActiveFilters } from './filter-form';
import { useOverlayStore } from './overlay-store';
import { selectQueueForm, selectQueueSort, selectQueueTotal, selectSelection, useQueueStore } from './queue-store';
import { selectViews, useViewsStore } from './views-store';

/** Search, sort, saved views and the count of the view. */
export function QueueToolbar() {
  const form = useQueueStore(selectQueueForm);
  const total = useQueueStore(selectQueueTotal);
  const selection = useQueueStore(selectSelection);
  const { resetForm, clearSelection } = useQueueStore.getState();
  const filters = countActiveFilters(form);

  return (
    <div className="queue-toolbar">
      <SearchBox />
      <SortSelect />
      <SavedViews />
      <p className="queue-count" role="status" aria-live="polite">
        {total === null ? 'Counting…' : `${formatCount(total)} ${total === 1 ? 'indicator' : 'indicators'}`}
        {filters > 0 && (
          <>
            {' '}
            <span className="muted">({filters === 1 ? '1 filter' : `${filters} filters`})</span>{' '}
            <button type="button" className="link-button" onClick={() => void resetForm()}>
              Clear filters
            </button>
          </>
        )}
        {selection.size > 0 && (
          <>
            {' · '}
            <strong>{formatCount(selection.size)} selected</strong>{' '}
            <button type="button" className="link-button" onClick={clearSelection}>
              Clear selection
            </button>{' '}
            <button type="button" className="link-button" onClick={() => useOverlayStore.getState().open({ kind: 'share-to-hub' })}>
              Share to hub…
            </button>
          </>
        )}
      </p>
    </div>
  );
}

function SearchBox() {
  const text = useQueueStore((state) => state.form.text);
  const setForm = useQueueStore((state) => state.setForm);
  const [draft, setDraft] = useState(text);
  const [seen, setSeen] = useState(text);
  if (text !== seen) {
    setSeen(text);
    setDraft(text);
  }
  useEffect(() => {
    if (draft === text) return;
    const timer = setTimeout(() => void setForm({ text: draft }), TYPING_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, text, setForm]);

  return (
    <div className="field search-field">
      <label htmlFor="queue-search" className="visually-hidden">
        Search
      </label>
      <input
        id="queue-search"
        type="search"
        placeholder="Search values, tags, context…  ( / )"
        spellCheck={false}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') void setForm({ text: draft });
          // Chromium clears a search box on Escape, so the next keys acted on every row (issue #17.10):
          // Escape leaves the box and keeps the query.
          if (event.key === 'Escape') event.preventDefault();
          // Back to the list, so j/k work again.
          if (event.key === 'Escape' || event.key === 'Enter') (document.querySelector('.queue-scroller') as HTMLElement | null)?.focus();
        }}
      />
    </div>
  );
}

function SortSelect() {
  const sort = useQueueStore(selectQueueSort);
  const setSort = useQueueStore((state) => state.setSort);
  return (
    <div className="field sort-field">
      <label htmlFor="queue-sort">Sort</label>
      <span className="field-pair">
        <select id="queue-sort" value={sort.key} onChange={(event) => void setSort({ ...sort, key: event.target.value as QueueSortKey })}>
          {SORT_OPTIONS.map((option) => (
            <option key={option.key} value={option.key}>
              {option.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          aria-label={sort.direction === 'desc' ? 'Descending; switch to ascending' : 'Ascending; switch to descending'}
          onClick={() => void setSort({ ...sort, direction: sort.direction === 'desc' ? 'asc' : 'desc' })}
        >
          {sort.direction === 'desc' ? '↓' : '↑'}
        </button>
      </span>
    </div>
  );
}

function SavedViews() {
  const views = useViewsStore(selectViews);
  const { load, remove } = useViewsStore.getState();
  const applyView = useQueueStore((state) => state.applyView);
  const open = useOverlayStore((state) => state.open);
  const [chosen, setChosen] = useState('');
  useEffect(() => void load(), [load]);
  const view = views.find((each) => String(each.id) === chosen);

  return (
    <div className="field views-field">
      <label htmlFor="queue-view">Saved views</label>
      <span className="field-pair">
        <select
          id="queue-view"
          value={chosen}
          onChange={(event) => {
            setChosen(event.target.value);
            const picked = views.find((each) => String(each.id) === event.target.value);
            if (picked) void applyView(picked);
          }}
        >
          <option value="">{views.length === 0 ? 'None saved' : 'Choose a view…'}</option>
          {views.map((each) => (
            <option key={each.id} value={each.id}>
              {each.name}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={() => open({ kind: 'save-view' })}>
          Save view…
        </button>
        {view && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setChosen('');
              void remove(view.id);
            }}
          >
            Delete
          </button>
        )}
      </span>
    </div>
  );
}
