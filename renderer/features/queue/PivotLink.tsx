import type { ReactNode } from 'react';
import { EMPTY_FORM, type FilterForm } from './filter-form';
import { useQueueStore } from './queue-store';

/**
 * A context item, source or tag as a pivot (issue #17.6): one click filters the queue to the indicators
 * that share it, as OpenCTI's indicator -> campaign -> knowledge does. The other filters are cleared, so
 * the result is exactly "everything with this".
 */
export function PivotLink({ filter, children, what }: { filter: Partial<FilterForm>; children: ReactNode; what: string }) {
  return (
    <button
      type="button"
      className="pivot-link"
      title={`Show every indicator with ${what}`}
      onClick={() => void useQueueStore.getState().setForm({ ...EMPTY_FORM, ...filter })}
    >
      {children}
    </button>
  );
}

/**
 * The search text of a pivot on a name: every word in double quotes, so the queue shows what holds
 * these whole words, not every word they begin ("Dharma" would also find "Dharmaxyz") nor every source
 * whose file name holds them (issue #17.7 made typed words do both).
 */
export function exactWords(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `"${word}"`)
    .join(' ');
}
