import { useEffect } from 'react';
import { requireClient } from '../lib/client';
import { createThrottle } from '../lib/throttle';
import { useVaultStore } from '../features/vault-access/vault-store';

/** The core owns the idle timer; the renderer only says "the analyst is here", at most this often. */
export const ACTIVITY_REPORT_INTERVAL_MS = 30_000;

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;

export function useActivityReporter(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const due = createThrottle(ACTIVITY_REPORT_INTERVAL_MS);
    const report = () => {
      if (!due()) return;
      requireClient()
        .vault.activity({})
        .catch(() => useVaultStore.getState().refresh());
    };
    const options = { capture: true, passive: true } as const;
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, report, options);
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, report, options);
    };
  }, [enabled]);
}
