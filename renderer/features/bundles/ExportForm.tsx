import { useId, useState, type FormEvent } from 'react';
import type { TlpLevel, TrustedIdentity } from '../../../preload/contract';
import { Notice } from '../../components/Notice';
import { TLP_OPTIONS, tlpLabel } from '../../lib/tlp';
import { useBundlesStore } from './bundles-store';

const DEFAULT_NAME = 'indicators.liaison';

/** Export indicators as a signed bundle, encrypted to chosen partners, or as plain STIX. */
export function ExportForm({ trusted }: { trusted: TrustedIdentity[] }) {
  const { exportResult, exportBundle } = useBundlesStore();
  const ids = { name: useId(), where: useId(), tlp: useId() };
  const [fileName, setFileName] = useState(DEFAULT_NAME);
  const [where, setWhere] = useState('');
  const [tlpMax, setTlpMax] = useState<TlpLevel>('amber');
  const [recipients, setRecipients] = useState<string[]>([]);
  const [plain, setPlain] = useState(false);
  const redNeedsRecipients = tlpMax === 'red' && (plain || recipients.length === 0);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!redNeedsRecipients) void exportBundle({ fileName, where, tlpMax, recipients: plain ? [] : recipients, plain });
  }
  const toggle = (fingerprint: string) => setRecipients((list) => (list.includes(fingerprint) ? list.filter((f) => f !== fingerprint) : [...list, fingerprint]));

  return (
    <form className="settings-card" onSubmit={submit} aria-labelledby="export-title" noValidate>
      <h2 id="export-title">Export a bundle</h2>
      <label htmlFor={ids.name}>File name (written to the vault’s exports folder)</label>
      <input id={ids.name} type="text" value={fileName} onChange={(e) => setFileName(e.target.value)} maxLength={120} />
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
      <fieldset disabled={plain}>
        <legend>Encrypt to</legend>
        {trusted.length === 0 && <p className="muted">No trusted partners: the bundle will be signed, not encrypted.</p>}
        {trusted.map((key) => (
          <label key={key.fingerprint} className="checkbox">
            <input type="checkbox" checked={recipients.includes(key.fingerprint)} onChange={() => toggle(key.fingerprint)} /> {key.name} <code>{key.fingerprint}</code>
          </label>
        ))}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={plain} onChange={(e) => setPlain(e.target.checked)} /> Plain STIX 2.1 (unsigned, for MISP or OpenCTI)
      </label>
      {redNeedsRecipients && (
        <p className="field-warning" role="status">
          TLP:RED leaves only encrypted to named recipients.
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={redNeedsRecipients || exportResult.kind === 'running'}>
          Export
        </button>
      </div>
      {exportResult.kind === 'failed' && <Notice tone="error">{exportResult.message}</Notice>}
      {exportResult.kind === 'done' && (
        <Notice tone="success">
          Wrote {exportResult.outcome.file}: {exportResult.outcome.kind}, {exportResult.outcome.indicators} indicators
          {exportResult.outcome.withheld ? `, ${exportResult.outcome.withheld} withheld above the ceiling` : ''}.
        </Notice>
      )}
    </form>
  );
}
