import { useEffect, useId, useState, type KeyboardEvent, type RefObject } from 'react';
import type { AttackTechniqueHit, BriefingTechnique } from '../../../preload/contract';
import { AttackHeatmap } from '../../components/AttackHeatmap';
import { toApiFailure } from '../../lib/api-failure';
import { isTechniqueId, type TechniqueCell } from '../../lib/attack-tactics';
import { requireClient } from '../../lib/client';

/** Searching waits for typing to pause, so a typed name is one request, not one per key. */
export const SEARCH_DELAY_MS = 200;

interface TechniquesPanelProps {
  inputRef: RefObject<HTMLInputElement | null>;
  ids: readonly string[];
  /** What the core knows about the stored techniques (names and tactics from the loaded catalogue). */
  details: readonly BriefingTechnique[];
  editable: boolean;
  onChange(ids: string[]): void;
}

type Option = { kind: 'hit'; hit: AttackTechniqueHit } | { kind: 'id'; id: string };

/** ATT&CK techniques by id or name, and the matrix they make (tactics as columns). */
export function TechniquesPanel({ inputRef, ids, details, editable, onChange }: TechniquesPanelProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<AttackTechniqueHit[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  // Names and tactics of techniques picked since the last load, until the core's details include them.
  const [known, setKnown] = useState<Record<string, TechniqueCell>>({});
  const [catalogues, setCatalogues] = useState<string[] | null>(null);

  useEffect(() => {
    requireClient()
      .attack.catalogues({})
      .then(
        (list) => setCatalogues(list.map((catalogue) => `${catalogue.domain} ${catalogue.version}`)),
        () => setCatalogues(null),
      );
  }, []);

  useEffect(() => {
    const text = query.trim();
    if (!text) return;
    let current = true;
    const timer = setTimeout(() => {
      requireClient()
        .attack.search({ query: text, limit: 20 })
        .then(
          (found) => {
            if (!current) return;
            setHits(found);
            setError(null);
          },
          (failure: unknown) => current && setError(toApiFailure(failure).message),
        );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  const typedId = query.trim().toUpperCase();
  const shownHits = query.trim() ? hits : [];
  const options: Option[] = shownHits.map((hit) => ({ kind: 'hit', hit }) as Option);
  // Without a catalogue (or for an id it lacks) an id is still accepted, and shown as the id.
  if (isTechniqueId(typedId) && !shownHits.some((hit) => hit.id === typedId)) options.push({ kind: 'id', id: typedId });
  const current = Math.min(active, Math.max(0, options.length - 1));

  const pick = (option: Option | undefined) => {
    if (!option) return;
    const picked = option.kind === 'hit' ? option.hit.id : option.id;
    if (option.kind === 'hit') setKnown((map) => ({ ...map, [picked]: { id: picked, name: option.hit.name, tactics: option.hit.tactics } }));
    if (!ids.includes(picked)) onChange([...ids, picked]);
    setQuery('');
    setHits([]);
    setActive(0);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActive((current + 1) % Math.max(options.length, 1));
    else if (event.key === 'ArrowUp') setActive((current - 1 + options.length) % Math.max(options.length, 1));
    else if (event.key === 'Enter') pick(options[current]);
    else if (event.key === 'Escape' && query) setQuery('');
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const byId = new Map(details.map((detail) => [detail.id, detail]));
  const cells: TechniqueCell[] = ids.map((each) => byId.get(each) ?? known[each] ?? { id: each, name: null, tactics: [] });
  const optionId = (index: number) => `${id}-option-${index}`;

  return (
    <section className="briefing-panel briefing-techniques" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>ATT&CK techniques</h2>
      {editable && (
        <div className="technique-picker">
          <label htmlFor={`${id}-input`}>Add a technique by id or name</label>
          <input
            ref={inputRef}
            id={`${id}-input`}
            type="text"
            role="combobox"
            aria-expanded={options.length > 0}
            aria-controls={`${id}-options`}
            aria-autocomplete="list"
            aria-activedescendant={options.length > 0 ? optionId(current) : undefined}
            aria-keyshortcuts="t"
            placeholder="T1566.001 or phishing"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          {catalogues?.length === 0 && (
            <p className="muted technique-hint">
              No ATT&CK catalogue is loaded: ids are kept and shown as ids. Load MITRE’s bundle once with <code>liaison attack load FILE</code>.
            </p>
          )}
          {catalogues && catalogues.length > 0 && <p className="muted technique-hint">Catalogue: {catalogues.join(', ')}</p>}
          {error && <p className="field-warning">{error}</p>}
          <ul id={`${id}-options`} role="listbox" aria-label="Matching techniques" className="technique-options" hidden={options.length === 0}>
            {options.map((option, index) => (
              <li
                key={option.kind === 'hit' ? option.hit.id : `id-${option.id}`}
                id={optionId(index)}
                role="option"
                aria-selected={index === current}
                className="technique-option"
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => pick(option)}
              >
                {option.kind === 'hit' ? (
                  <>
                    <code>{option.hit.id}</code> {option.hit.name} <span className="muted">{option.hit.domain}</span>
                  </>
                ) : (
                  <>
                    <code>{option.id}</code> <span className="muted">add the id (not in the loaded catalogue)</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {ids.length > 0 && (
        <ul className="technique-chips" aria-label="Picked techniques">
          {cells.map((cell) => (
            <li key={cell.id} className="technique-chip">
              <code>{cell.id}</code>
              {cell.name && <span> {cell.name}</span>}
              {editable && (
                <button type="button" className="chip-remove" aria-label={`Remove ${cell.id}`} onClick={() => onChange(ids.filter((each) => each !== cell.id))}>
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <AttackHeatmap techniques={cells} caption="ATT&CK matrix of this briefing" />
    </section>
  );
}
