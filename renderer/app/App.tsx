import { useEffect } from 'react';
import { Notice } from '../components/Notice';
import { CreateVaultScreen } from '../features/vault-access/CreateVaultScreen';
import { UnlockVaultScreen } from '../features/vault-access/UnlockVaultScreen';
import { useVaultStore } from '../features/vault-access/vault-store';
import { Workspace } from './Workspace';
import { useCoreEvents } from './use-core-events';
import { useLockShortcut } from './use-lock-shortcut';

export function App() {
  const phase = useVaultStore((state) => state.phase);
  const error = useVaultStore((state) => state.error);
  const refresh = useVaultStore((state) => state.refresh);
  useCoreEvents();
  useLockShortcut();

  useEffect(() => {
    void refresh();
  }, [refresh]);

  switch (phase) {
    case 'loading':
      return <main className="access" aria-busy="true" />;
    case 'unavailable':
      return (
        <main className="access">
          <div className="access-panel">
            <h1>Cannot reach the vault</h1>
            <Notice tone="error">{error?.text ?? 'The workbench core did not answer.'}</Notice>
            <button type="button" className="button primary" onClick={() => void refresh()}>
              Try again
            </button>
          </div>
        </main>
      );
    case 'absent':
      return <CreateVaultScreen />;
    case 'locked':
      return <UnlockVaultScreen />;
    case 'unlocked':
      return <Workspace />;
  }
}
