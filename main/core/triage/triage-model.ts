/**
 * The triage vocabulary: workflow statuses, the severity scale, the Admiralty code and TLP levels as the
 * vault stores them. Plain data only, so the IPC layer and the renderer can share the words.
 */
import { TLP_LEVELS, type TlpLevel } from '../indicators/tlp-level';

export const TRIAGE_STATUSES = ['new', 'in-review', 'malicious', 'suspicious', 'benign', 'false-positive', 'expired'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

/** Statuses that a passed valid-until turns into `expired`; verdicts of benign/false-positive are kept. */
export const EXPIRABLE_STATUSES: readonly TriageStatus[] = ['new', 'in-review', 'malicious', 'suspicious'];

/** Severity, stored as its index (0..4); NULL = not assessed. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** NATO Admiralty code: source reliability A (completely reliable) .. F (cannot be judged). */
export const SOURCE_RELIABILITIES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type SourceReliability = (typeof SOURCE_RELIABILITIES)[number];
/** Information credibility 1 (confirmed) .. 6 (cannot be judged). */
export type InfoCredibility = 1 | 2 | 3 | 4 | 5 | 6;

export { TLP_LEVELS, type TlpLevel };

export function isTriageStatus(value: string): value is TriageStatus {
  return (TRIAGE_STATUSES as readonly string[]).includes(value);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

export function isTlpLevel(value: string): value is TlpLevel {
  return (TLP_LEVELS as readonly string[]).includes(value);
}

/** Parses TLP as analysts write it: `amber+strict`, `TLP:AMBER+STRICT`, `white` (TLP 1.0 for clear). */
export function parseTlp(text: string): TlpLevel | undefined {
  const word = text.trim().toLowerCase().replace(/^tlp:/, '');
  if (word === 'white') return 'clear';
  return isTlpLevel(word) ? word : undefined;
}

/**
 * A confidence figure for an Admiralty credibility rating, for views that sort on one number. The bands
 * follow the usual words (1 confirmed ... 5 improbable); 6 "cannot be judged" has none.
 */
export function confidenceFromCredibility(credibility: InfoCredibility): number | null {
  return [95, 75, 50, 25, 5, null][credibility - 1] ?? null;
}
