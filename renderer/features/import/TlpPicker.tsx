import { useId } from 'react';
import type { TlpLevel } from '../../../preload/contract';
import { TlpBadge } from '../../components/TlpBadge';
import { TLP_OPTIONS } from '../../lib/tlp';

interface TlpPickerProps {
  legend: string;
  value: TlpLevel;
  onChange(level: TlpLevel): void;
  disabled?: boolean;
}

/** A radio group of TLP markings in their FIRST colours, so the analyst sees the marking they apply. */
export function TlpPicker({ legend, value, onChange, disabled }: TlpPickerProps) {
  const name = useId();
  return (
    <fieldset className="tlp-picker" disabled={disabled}>
      <legend>{legend}</legend>
      <div className="tlp-picker-options">
        {TLP_OPTIONS.map((level) => (
          <label key={level} className="tlp-picker-option">
            <input type="radio" name={name} value={level} checked={value === level} onChange={() => onChange(level)} />
            <TlpBadge level={level} />
          </label>
        ))}
      </div>
    </fieldset>
  );
}
