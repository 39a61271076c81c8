import './bundles.css';
import { useEffect } from 'react';
import { Notice } from '../../components/Notice';
import { requireClient } from '../../lib/client';
import { useFileDrop } from '../import/use-file-drop';
import { useBundlesStore } from './bundles-store';
import { ExportForm } from './ExportForm';
import { IdentityCard } from './IdentityCard';
import { ReceivePanel } from './ReceivePanel';
import { TrustPanel } from './TrustPanel';

export function BundlesPage() {
  const { identity, trusted, loadError, load, verifyFiles } = useBundlesStore();
  const canPick = requireClient().files.canPick;
  // A bundle dropped on this page goes to the verify screen, never straight into the vault.
  const drop = useFileDrop((files) => void verifyFiles(files.slice(0, 1)), true);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className={`settings bundles${drop.dragging ? ' is-dragging' : ''}`} {...drop.handlers}>
      <h1 className="page-title">Bundles</h1>
      {loadError && <Notice tone="error">{loadError}</Notice>}
      <div className="settings-grid">
        <div className="settings-column">
          <ReceivePanel canPick={canPick} />
          <ExportForm trusted={trusted} />
        </div>
        <div className="settings-column">
          {identity && <IdentityCard identity={identity} />}
          <TrustPanel trusted={trusted} canPick={canPick} />
        </div>
      </div>
    </div>
  );
}
