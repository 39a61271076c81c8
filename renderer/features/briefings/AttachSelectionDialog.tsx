import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { BriefingSummary } from '../../../preload/contract';
import { ModalDialog } from '../../components/ModalDialog';
import { Notice } from '../../components/Notice';
import { TlpBadge } from '../../components/TlpBadge';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';
import { formatCount } from '../../lib/format';
import { useOverlayStore } from '../queue/overlay-store';
import { selectFocusedRow, selectSelection, useQueueStore } from '../queue/queue-store';
import { briefingStatusLabel, isEditable } from './briefing-words';

/** From the palette on the Queue: attach the selection (else the focused indicator) to a briefing being written. */
export function AttachSelectionDialog() {
  const close = useOverlayStore((state) => state.close);
  const selection = useQueueStore(selectSelection);
  const focusedId = useQueueStore((state) => selectFocusedRow(state)?.id ?? null);
  const ids = selection.size > 0 ? [...selection] : focusedId !== null ? [focusedId] : [];
  const [briefings, setBriefings] = useState<BriefingSummary[] | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = useId();
  const choices = useRef<HTMLFieldSetElement>(null);

  useEffect(() => {
    requireClient()
      .briefings.list({})
      .then(
        (list) => {
          // Approved and published briefings are frozen: attaching would change them.
          const open = list.filter((briefing) => isEditable(briefing.status)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
          setBriefings(open);
          setChosen((current) => current ?? open[0]?.id ?? null);
        },
        (failure: unknown) => setError(toApiFailure(failure).message),
      );
  }, []);

  // The list arrives after the dialog opened: move the focus to the chosen briefing so Enter attaches.
  useEffect(() => {
    if (briefings && briefings.length > 0) choices.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
  }, [briefings]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const briefing = briefings?.find((each) => each.id === chosen);
    if (!briefing || ids.length === 0) return;
    setBusy(true);
    try {
      const outcome = await requireClient().briefings.attach({ id: briefing.id, indicatorIds: ids });
      const queue = useQueueStore.getState();
      queue.setNotice({
        tone: 'success',
        text: `Attached ${formatCount(outcome.changed)} to “${briefing.title}” (${formatCount(outcome.unchanged)} already there; ${formatCount(outcome.total)} in the briefing).`,
      });
      close();
      // The “In a briefing” filter and column read the attachment count.
      void queue.refresh();
    } catch (failure) {
      setError(toApiFailure(failure).message);
      setBusy(false);
    }
  };

  const label = ids.length === 1 ? '1 indicator' : `${formatCount(ids.length)} indicators`;
  return (
    <ModalDialog title={`Attach ${label} to a briefing`} onClose={close} className="dialog-wide">
      <form onSubmit={(event) => void submit(event)}>
        {briefings === null && !error && <p className="muted">Loading briefings…</p>}
        {briefings?.length === 0 && <p className="muted">No briefing is open for changes (draft or in review). Create one on the Briefings screen.</p>}
        {briefings && briefings.length > 0 && (
          <fieldset className="attach-choice" ref={choices}>
            <legend>Briefing</legend>
            {briefings.map((briefing) => (
              <label key={briefing.id} className="attach-choice-option">
                <input type="radio" name={name} checked={chosen === briefing.id} onChange={() => setChosen(briefing.id)} />
                <span className="attach-choice-title">{briefing.title}</span> <TlpBadge level={briefing.tlp} />{' '}
                <span className="muted">
                  {briefingStatusLabel(briefing.status)} · {formatCount(briefing.indicatorCount)} indicators
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {error && <Notice tone="error">{error}</Notice>}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || chosen === null || ids.length === 0}>
            Attach
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
