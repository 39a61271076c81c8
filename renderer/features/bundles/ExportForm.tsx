import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { BundleExportOutcome, TlpLevel, TrustedIdentity } from '../../../preload/contract';
import { Notice } from '../../components/Notice';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';
import { TLP_OPTIONS, tlpLabel } from '../../lib/tlp';
import { useBundlesStore } from './bundles-store';

/** Export indicators as a signed bundle, encrypted to chosen partners, or as plain STIX. */
export function ExportForm({ trusted }: { trusted: TrustedIdentity[] }) {
  const { exportResult, exportBundle } = useBundlesStore();
  const ids = { where: useId(), tlp: useId() };
  const [where, setWhere] = useState('');
  const [tlpMax, setTlpMax] = useState<TlpLevel>('amber');
  const [recipients, setRecipients] = useState<string[]>([]);
  const [plain, setPlain] = useState(false);
  const redNeedsRecipients = tlpMax === 'red' && (plain || recipients.length === 0);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!redNeedsRecipients) void exportBundle({ where, tlpMax, recipients: plain ? [] : recipients, plain });
  }
  const toggle = (fingerprint: string) => setRecipients((list) => (list.includes(fingerprint) ? list.filter((f) => f !== fingerprint) : [...list, fingerprint]));

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
      {exportResult.kind === 'done' && <ExportDone key={exportResult.outcome.file} outcome={exportResult.outcome} />}
    </form>
  );
}

/**
 * The core wrote the bundle into the session's export folder under a name it chose; the analyst gets it the
 * way a briefing export is handed out: a save dialog in the desktop app, a download in the browser.
 */
function ExportDone({ outcome }: { outcome: BundleExportOutcome }) {
  const client = requireClient();
  const save = useRef<HTMLButtonElement>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // Ready to save with Enter, as the next step after exporting.
  useEffect(() => save.current?.focus(), [outcome]);
  const offer = async () => {
    try {
      const { saved: done } = await client.files.saveExport(outcome.file);
      setSaved(done ? `${outcome.file} saved.` : null);
    } catch (failure) {
      setSaved(toApiFailure(failure).message);
    }
  };
  return (
    <>
      <Notice tone="success">
        Exported {outcome.file}: {outcome.kind}, {outcome.indicators} indicators
        {outcome.withheld ? `, ${outcome.withheld} withheld above the ceiling` : ''}.
      </Notice>
      <p className="button-row">
        <button ref={save} type="button" className="button button-primary" onClick={() => void offer()}>
          {client.files.canPick ? 'Save as…' : 'Download'} {outcome.file}
        </button>{' '}
        {saved && <span className="muted">{saved}</span>}
      </p>
    </>
  );
}
