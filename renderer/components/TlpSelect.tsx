import type { TlpLevel } from '../../preload/contract';
import { isTlpLevel, TLP_OPTIONS, tlpLabel } from '../lib/tlp';

interface TlpSelectProps {
  id?: string;
  value: TlpLevel;
  onChange(level: TlpLevel): void;
  disabled?: boolean;
  'aria-label'?: string;
}

/** A compact TLP chooser for places a radio group would crowd (per-section markings, the export ceiling). */
export function TlpSelect({ id, value, onChange, disabled, 'aria-label': ariaLabel }: TlpSelectProps) {
  return (
    <select id={id} className="tlp-select" value={value} disabled={disabled} aria-label={ariaLabel} onChange={(event) => isTlpLevel(event.target.value) && onChange(event.target.value)}>
      {TLP_OPTIONS.map((level) => (
        <option key={level} value={level}>
          {tlpLabel(level)}
        </option>
      ))}
    </select>
  );
}
