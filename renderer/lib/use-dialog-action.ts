import { useCallback, useState } from 'react';
import { toApiFailure } from './api-failure';

/** What a dialog that runs one core action shows: busy while it runs, the failure in words, the outcome. */
export interface DialogAction<T> {
  busy: boolean;
  error: string | null;
  outcome: T | null;
  /** Runs `action` (clearing the last error and outcome first); resolves to its outcome, or null when it failed. */
  run(action: () => Promise<T>): Promise<T | null>;
}

/**
 * The state every export, share and publish dialog kept a copy of, in one place: each dialog keeps only
 * its call and how it shows the outcome.
 */
export function useDialogAction<T>(): DialogAction<T> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<T | null>(null);
  const run = useCallback(async (action: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const value = await action();
      setOutcome(value);
      return value;
    } catch (failure) {
      setError(toApiFailure(failure).message);
      return null;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, outcome, run };
}
