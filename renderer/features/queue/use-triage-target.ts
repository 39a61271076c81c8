import type { QueueRow } from '../../../preload/contract';
import { formatCount } from '../../lib/format';
import { selectFocusedRow, selectSelection, useQueueStore } from './queue-store';

export interface TriageTarget {
  /** How many indicators a change would touch (the selection, else the focused row). */
  count: number;
  /** "3 selected indicators" or the focused value. */
  label: string;
  /** The focused row when the change touches it alone. */
  row: QueueRow | undefined;
}

/** What a status, TLP or edit change applies to: the selection if any, else the focused row. */
export function useTriageTarget(): TriageTarget {
  const selection = useQueueStore(selectSelection);
  const focused = useQueueStore(selectFocusedRow);
  if (selection.size > 0) {
    return { count: selection.size, label: selection.size === 1 ? '1 selected indicator' : `${formatCount(selection.size)} selected indicators`, row: undefined };
  }
  return { count: focused ? 1 : 0, label: focused ? (focused.display ?? focused.value) : 'no indicator', row: focused };
}
