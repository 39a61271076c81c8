import { useId, useState, type FormEvent } from 'react';
import type { TlpLevel, TrustedIdentity } from '../../../preload/contract';
import { Notice } from '../../components/Notice';
import { TLP_OPTIONS, tlpLabel } from '../../lib/tlp';
import { BundleExportDone } from './BundleExportDone';
import { useBundlesStore } from './bundles-store';
import { RecipientPicker } from './RecipientPicker';
import { redNeedsRecipients as needsRecipients } from './red-rule';

/** Export indicators as a signed bundle, encrypted to chosen partners, or as plain STIX. */
export function ExportForm({ trusted }: { trusted: TrustedIdentity[] }) {
  const { exportResult, exportBundle } = useBundlesStore();
  const ids = { where: useId(), tlp: useId() };
  const [where, setWhere] = useState('');
  const [tlpMax, setTlpMax] = useState<TlpLevel>('amber');
  const [recipients, setRecipients] = useState<string[]>([]);
  const [plain, setPlain] = useState(false);
  const redNeedsRecipients = needsRecipients(tlpMax, recipients, plain);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!redNeedsRecipients) void exportBundle({ where, tlpMax, recipients: plain ? [] : recipients, plain });
  }

  return (
    <form className="settings-card" onSubmit={submit} aria-labelledby="export-title" noValidate>
      <h2 id="export-title">Export a bundle</h2>
      <label htmlFor={ids.where}>Which indicators (--where; empty: all but false positives and expired)</label>
      <input id={ids.where} type="text" value={where} placeholder="status=malicious tlp<=amber" onChange={(e) => setWhere(e.target.value)} />
      <label htmlFor={ids.tlp}>TLP ceiling (nothing above it is exported)</label>
      <select id={ids.tlp} value={tlpMax} onChange={(e) => setTlpMax(e.target.value as TlpLevel)}>
        {TLP_OPTIONS.map((level) => (
          <option key={level} value={level}>
            {tlpLabel(level)}
          </option>
        ))}
      </select>
      <RecipientPicker trusted={trusted} chosen={recipients} onChange={setRecipients} disabled={plain} />
      <label className="checkbox">
        <input type="checkbox" checked={plain} onChange={(e) => setPlain(e.target.checked)} /> Plain STIX 2.1 (unsigned, for MISP or OpenCTI)
      </label>
      {redNeedsRecipients && (
        <p className="field-warning" role="status">
          TLP:RED leaves only encrypted to named recipients.
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button primary" disabled={redNeedsRecipients || exportResult.kind === 'running'}>
          Export
        </button>
      </div>
      {exportResult.kind === 'failed' && <Notice tone="error">{exportResult.message}</Notice>}
      {exportResult.kind === 'done' && <BundleExportDone key={exportResult.outcome.file} outcome={exportResult.outcome} />}
    </form>
  );
}
