import type { TrustedIdentity } from '../../../preload/contract';
import './bundles.css';

interface RecipientPickerProps {
  trusted: TrustedIdentity[];
  chosen: string[];
  onChange(chosen: string[]): void;
  disabled?: boolean;
}

/** Trusted partners to encrypt a bundle to, by fingerprint; none chosen means signed only. */
export function RecipientPicker({ trusted, chosen, onChange, disabled }: RecipientPickerProps) {
  const toggle = (fingerprint: string) => onChange(chosen.includes(fingerprint) ? chosen.filter((f) => f !== fingerprint) : [...chosen, fingerprint]);
  return (
    <fieldset disabled={disabled}>
      <legend>Encrypt to</legend>
      {trusted.length === 0 && <p className="muted">No trusted partners: the bundle will be signed, not encrypted.</p>}
      {trusted.map((key) => (
        <label key={key.fingerprint} className="checkbox">
          <input type="checkbox" checked={chosen.includes(key.fingerprint)} onChange={() => toggle(key.fingerprint)} /> {key.name} <code>{key.fingerprint}</code>
        </label>
      ))}
    </fieldset>
  );
}
