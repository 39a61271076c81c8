import type { TriagePatch } from '../../../preload/contract';
import { Dialog } from '../../components/Dialog';
import { formatCount } from '../../lib/format';
import { countActiveFilters } from './filter-form';
import { useOverlayStore } from './overlay-store';
import { selectQueueForm, useQueueStore } from './queue-store';

interface ConfirmBulkProps {
  patch: TriagePatch;
  label: string;
  count: number;
}

/** A change to the whole filtered set says how many indicators it touches before it runs. */
export function ConfirmBulkDialog({ patch, label, count }: ConfirmBulkProps) {
  const close = useOverlayStore((state) => state.close);
  const updateAll = useQueueStore((state) => state.updateAll);
  const filters = countActiveFilters(useQueueStore(selectQueueForm));
  const apply = () => {
    close();
    void updateAll(patch, label);
  };
  return (
    <Dialog title={`${label}: all ${formatCount(count)} filtered indicators?`} onClose={close}>
      <p>
        This changes <strong>{formatCount(count)}</strong> indicators: every one that matches the current{' '}
        {filters === 0 ? 'view (no filters: the whole vault)' : `filters (${filters} active)`}, not only the rows on screen.
        It is one change in the audit log, and <kbd>u</kbd> undoes it.
      </p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close}>
          Cancel
        </button>
        <button type="button" className="button primary" onClick={apply} data-autofocus>
          Apply to {formatCount(count)} indicators
        </button>
      </div>
    </Dialog>
  );
}
