import { useEffect } from 'react';
import { Notice } from '../../components/Notice';
import { AuditLog } from './AuditLog';
import { AutoLockForm } from './AutoLockForm';
import { RekeyForm } from './RekeyForm';
import { useSettingsStore } from './settings-store';
import { VaultInfoPanel } from './VaultInfoPanel';
import { WarninglistsPanel } from './WarninglistsPanel';

export function SettingsPage() {
  const { settings, info, audit, loadError, load } = useSettingsStore();

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="settings">
      <h1 className="page-title">Settings</h1>
      {loadError && <Notice tone="error">{loadError}</Notice>}
      <div className="settings-grid">
        <div className="settings-column">
          {settings && <AutoLockForm key={settings.autoLockMinutes} current={settings.autoLockMinutes} />}
          {info && <VaultInfoPanel info={info} />}
        </div>
        <div className="settings-column">
          <RekeyForm />
        </div>
      </div>
      <WarninglistsPanel />
      <AuditLog entries={audit} />
    </div>
  );
}
