import { useState, type KeyboardEvent } from 'react';
import type { TlpLevel } from '../../../preload/contract';
import { Dialog } from '../../components/Dialog';
import { TlpBadge } from '../../components/TlpBadge';
import { TLP_OPTIONS, tlpLabel } from '../../lib/tlp';
import { useOverlayStore } from './overlay-store';
import { useQueueStore } from './queue-store';
import { useTriageTarget } from './use-triage-target';

const HINTS: Record<TlpLevel, string> = {
  clear: 'No limit on disclosure',
  green: 'Community-wide',
  amber: 'Organisation and its clients',
  'amber+strict': 'Organisation only',
  red: 'Named recipients only',
};

/** `t`: pick a marking with 1–5, or cycle with t / arrows and apply with Enter. */
export function TlpDialog() {
  const close = useOverlayStore((state) => state.close);
  const update = useQueueStore((state) => state.update);
  const target = useTriageTarget();
  const [active, setActive] = useState(() => Math.max(0, TLP_OPTIONS.indexOf(target.row?.tlp ?? 'amber')));

  const apply = (level: TlpLevel) => {
    close();
    void update({ tlp: level }, `TLP set to ${tlpLabel(level)}`);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const number = Number(event.key);
    if (Number.isInteger(number) && number >= 1 && number <= TLP_OPTIONS.length) apply(TLP_OPTIONS[number - 1]!);
    else if (event.key === 't' || event.key === 'ArrowDown') setActive((active + 1) % TLP_OPTIONS.length);
    else if (event.key === 'ArrowUp') setActive((active + TLP_OPTIONS.length - 1) % TLP_OPTIONS.length);
    else if (event.key === 'Enter') apply(TLP_OPTIONS[active]!);
    else return;
    event.preventDefault();
  };

  return (
    <Dialog title={`Set TLP: ${target.label}`} onClose={close} className="dialog-narrow">
      <div role="listbox" aria-label="TLP" tabIndex={0} data-autofocus onKeyDown={onKeyDown} aria-activedescendant={`tlp-option-${active}`} className="tlp-options">
        {TLP_OPTIONS.map((level, index) => (
          <div
            key={level}
            id={`tlp-option-${index}`}
            role="option"
            aria-selected={index === active}
            className="tlp-option"
            onClick={() => apply(level)}
          >
            <kbd>{index + 1}</kbd> <TlpBadge level={level} /> <span className="muted">{HINTS[level]}</span>
          </div>
        ))}
      </div>
      <p className="dialog-hint muted">1–5 picks · t or ↑↓ moves · Enter applies · Esc cancels</p>
    </Dialog>
  );
}
