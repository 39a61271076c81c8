import type { TlpLevel } from '../../preload/contract';

/** The renderer may import only types from the contract, so the levels are listed here and checked against it. */
export const TLP_OPTIONS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const satisfies readonly TlpLevel[];

/** Fails to compile if the contract gains a level this list lacks. */
export const TLP_OPTIONS_COMPLETE: [Exclude<TlpLevel, (typeof TLP_OPTIONS)[number]>] extends [never] ? true : never = true;

/** FIRST TLP 2.0 writes the label in capitals with the prefix: "TLP:AMBER+STRICT". */
export function tlpLabel(level: TlpLevel): string {
  return `TLP:${level.toUpperCase()}`;
}

/** A CSS class per level; "+" is not a class character. */
export function tlpClass(level: TlpLevel): string {
  return `tlp-${level.replace('+', '-')}`;
}

export function isTlpLevel(value: string): value is TlpLevel {
  return (TLP_OPTIONS as readonly string[]).includes(value);
}

/** A level's place on the scale, least restrictive first (TLP_OPTIONS is in that order). */
export function tlpRank(level: TlpLevel): number {
  return TLP_OPTIONS.indexOf(level);
}

/** The most restrictive of the levels; `floor` when there are none (a marking is never absent). */
export function highestTlp(levels: Iterable<TlpLevel>, floor: TlpLevel = 'clear'): TlpLevel {
  let highest = floor;
  for (const level of levels) if (tlpRank(level) > tlpRank(highest)) highest = level;
  return highest;
}
