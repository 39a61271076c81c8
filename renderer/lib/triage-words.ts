import type { QueueSortKey, Severity, TriageStatus } from '../../preload/contract';

/** The renderer may import only types from the contract, so the vocabularies are listed here and checked against it. */
export const STATUS_OPTIONS = ['new', 'in-review', 'malicious', 'suspicious', 'benign', 'false-positive', 'expired'] as const satisfies readonly TriageStatus[];
export const STATUS_OPTIONS_COMPLETE: [Exclude<TriageStatus, (typeof STATUS_OPTIONS)[number]>] extends [never] ? true : never = true;

export const SEVERITY_OPTIONS = ['info', 'low', 'medium', 'high', 'critical'] as const satisfies readonly Severity[];
export const RELIABILITY_OPTIONS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const CREDIBILITY_OPTIONS = [1, 2, 3, 4, 5, 6] as const;

export const SORT_OPTIONS: readonly { key: QueueSortKey; label: string }[] = [
  { key: 'last_seen', label: 'Last seen' },
  { key: 'first_seen', label: 'First seen' },
  { key: 'confidence', label: 'Confidence' },
  { key: 'severity', label: 'Severity' },
  { key: 'type_value', label: 'Type and value' },
  { key: 'id', label: 'Order added' },
];

const STATUS_LABELS: Record<TriageStatus, string> = {
  new: 'New',
  'in-review': 'In review',
  malicious: 'Malicious',
  suspicious: 'Suspicious',
  benign: 'Benign',
  'false-positive': 'False positive',
  expired: 'Expired',
};

export function statusLabel(status: TriageStatus): string {
  return STATUS_LABELS[status];
}

/** Number keys set a verdict: the strongest first, "new" last (sending a row back to the inbox is rare). */
export const STATUS_KEYS: readonly { key: string; status: TriageStatus }[] = [
  { key: '1', status: 'malicious' },
  { key: '2', status: 'suspicious' },
  { key: '3', status: 'benign' },
  { key: '4', status: 'false-positive' },
  { key: '5', status: 'in-review' },
  { key: '6', status: 'new' },
];

/** The vault stores severity as its index on the scale (0 info .. 4 critical). */
export function severityLabel(index: number | null): Severity | null {
  return index === null ? null : (SEVERITY_OPTIONS[index] ?? null);
}

export function isTriageStatus(value: string): value is TriageStatus {
  return (STATUS_OPTIONS as readonly string[]).includes(value);
}
