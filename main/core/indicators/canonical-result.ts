import type { IndicatorFlag, IndicatorType } from './indicator-type';

/** Outcome of canonicalising one value: the canonical form plus flags, or why it was refused. */
export type CanonicalResult =
  | { ok: true; type: IndicatorType; value: string; display?: string; flags: IndicatorFlag[] }
  | { ok: false; reason: string };

export const NO_FLAGS: IndicatorFlag[] = [];

/** Build a success result; `flags` is shared when empty, so callers must not mutate it. */
export function accept(type: IndicatorType, value: string, flags: IndicatorFlag[] = NO_FLAGS, display?: string): CanonicalResult {
  return display === undefined || display === value ? { ok: true, type, value, flags } : { ok: true, type, value, display, flags };
}

/** Build a refusal result. */
export function refuse(reason: string): CanonicalResult {
  return { ok: false, reason };
}
