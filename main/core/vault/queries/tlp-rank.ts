import type { TlpLevel } from '../../ingest/ingest-record';

/** TLP levels ordered from least to most restrictive; the rank is what the vault stores and compares. */
export const TLP_ORDER: readonly TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

export function tlpRank(level: TlpLevel): number {
  return TLP_ORDER.indexOf(level);
}

export function tlpFromRank(rank: number): TlpLevel {
  const level = TLP_ORDER[rank];
  if (!level) throw new RangeError(`No TLP level has rank ${rank}`);
  return level;
}

/** The more restrictive of two levels: merging sources never loosens a marking. */
export function stricterTlp(a: TlpLevel, b: TlpLevel): TlpLevel {
  return tlpRank(a) >= tlpRank(b) ? a : b;
}
