import type { PassphraseStrength } from './passphrase-strength';

const FILLED: Record<PassphraseStrength['level'], number> = {
  empty: 0,
  'too-short': 1,
  weak: 1,
  fair: 2,
  strong: 3,
  'very-strong': 4,
};

export function StrengthMeter({ id, strength }: { id: string; strength: PassphraseStrength }) {
  const filled = FILLED[strength.level];
  return (
    <div className={`strength strength-${strength.level}`}>
      <div className="strength-bar" aria-hidden="true">
        {[1, 2, 3, 4].map((step) => (
          <span key={step} className={step <= filled ? 'strength-step filled' : 'strength-step'} />
        ))}
      </div>
      <p id={id} className="strength-hint" aria-live="polite">
        {strength.hint}
        {strength.bits > 0 && <span className="strength-bits"> Estimated {strength.bits} bits.</span>}
      </p>
    </div>
  );
}
