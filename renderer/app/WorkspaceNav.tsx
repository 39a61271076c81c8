import { useVaultStore } from '../features/vault-access/vault-store';
import { SECTIONS, useNavigationStore } from './navigation-store';

export function WorkspaceNav({ onLock }: { onLock(): void }) {
  const { section, go } = useNavigationStore();
  const location = useVaultStore((state) => state.location);

  return (
    <aside className="sidebar">
      <p className="brand">Liaison Workbench</p>
      <nav aria-label="Workspace">
        <ul className="nav-list">
          {SECTIONS.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className="nav-item"
                aria-current={item.id === section ? 'page' : undefined}
                onClick={() => go(item.id)}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="sidebar-footer">
        <p className="vault-state" title={location ?? undefined}>
          <span className="vault-state-dot" aria-hidden="true" />
          Vault unlocked
        </p>
        <button type="button" className="button sidebar-lock" onClick={onLock} aria-keyshortcuts="Control+L Meta+L">
          Lock
        </button>
        <p className="shortcut-hint" aria-hidden="true">
          Ctrl/⌘ + L
        </p>
      </div>
    </aside>
  );
}
