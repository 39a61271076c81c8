import { useEffect } from 'react';
import { useVaultStore } from '../features/vault-access/vault-store';

/** Ctrl+L (Cmd+L on macOS) locks the vault from anywhere in the workspace. */
export function isLockShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'l';
}

/**
 * Installed once for the app's lifetime rather than by the workspace, so the shortcut works from the first
 * frame the workspace is visible (a workspace effect would attach only after paint). While locked the key is
 * left alone, so the browser's own Ctrl+L still works on the lock screen.
 */
export function useLockShortcut(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const vault = useVaultStore.getState();
      if (!isLockShortcut(event) || vault.phase !== 'unlocked') return;
      event.preventDefault();
      void vault.lock();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
