import './bundles.css';
import { useEffect } from 'react';
import { Notice } from '../../components/Notice';
import { requireClient } from '../../lib/client';
import { useBundlesStore } from './bundles-store';
import { ExportForm } from './ExportForm';
import { IdentityCard } from './IdentityCard';
import { ReceivePanel } from './ReceivePanel';
import { TrustPanel } from './TrustPanel';

export function BundlesPage() {
  const { identity, trusted, loadError, load } = useBundlesStore();
  const canPick = requireClient().files.canPick;

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="settings bundles">
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
