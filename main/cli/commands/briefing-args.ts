import { InvalidArgumentError, type Command } from 'commander';
import type { BriefingService } from '../../core/briefings';
import type { TlpLevel } from '../../core/indicators/tlp-level';
import { parseTlp } from '../../core/triage';
import type { Vault } from '../../core/vault';

/** Runs `work` with a briefing service over the unlocked vault, and closes the vault after. */
export type WithService = <T>(command: Command, work: (service: BriefingService, vault: Vault) => Promise<T> | T) => Promise<T>;

export function positiveInt(value: string): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a positive whole number.');
  return Number(value);
}

export function tlpArg(value: string): TlpLevel {
  const level = parseTlp(value);
  if (!level) throw new InvalidArgumentError('expected clear, green, amber, amber+strict or red.');
  return level;
}

