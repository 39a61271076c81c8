import type { TlpLevel } from '../../../preload/contract';

/**
 * The core's rule (main/core/bundles/bundle-export.ts): a TLP:RED ceiling leaves only encrypted to named
 * recipients. The forms check it first so the analyst sees why before asking the core.
 */
export function redNeedsRecipients(tlpMax: TlpLevel, recipients: readonly string[], plain: boolean): boolean {
  return tlpMax === 'red' && (plain || recipients.length === 0);
}
