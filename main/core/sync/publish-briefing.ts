import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit';
import { WorkbenchError } from '../errors';
import { readBriefingForExport } from '../briefings';
import { applyCeiling, BriefingExportError, isWithinCeiling } from '../briefings/export';
import { briefingStixBundle } from '../briefings/export/export-stix';
import { tlpFromRank } from '../vault/queries/tlp-rank';
import { enqueueObject, targetProfiles } from './outbox';
import { putSharedObject } from './shared-objects';

export interface PublishResult {
  briefingId: number;
  version: number;
  /** Per profile: versions queued, items the profile's TLP ceiling withheld, or why nothing was queued. */
  profiles: { profile: string; queued: number; withheld: number; refused?: string }[];
}

/**
 * Publishes a briefing over sync: marks it published (through the briefing service's own rules) and puts
 * its STIX objects (report, producer identity, indicators, techniques) into each target profile's outbox,
 * all in ONE transaction, so a published briefing is always queued and a queued one always published.
 * Each profile gets the briefing cut at its own TLP ceiling, by the same code as a file export; a
 * profile whose ceiling is below the briefing's own marking gets nothing.
 */
export function publishBriefing(
  db: Database,
  briefingId: number,
  options: { setPublished: () => void; profiles?: readonly string[]; actor: string; at: Date },
): PublishResult {
  const profiles = targetProfiles(db, options.profiles);
  if (profiles.length === 0) {
    throw new WorkbenchError('INVALID_INPUT', options.profiles?.length ? `No sync profile named ${options.profiles.join(', ')}.` : 'No sync profile yet: add one with "liaison sync add".');
  }
  const at = options.at.toISOString();
  return db.transaction((): PublishResult => {
    options.setPublished();
    const input = readBriefingForExport(db, briefingId);
    const result: PublishResult = { briefingId, version: input.version, profiles: [] };
    for (const profile of profiles) {
      const ceiling = tlpFromRank(profile.tlpMaxRank);
      if (!isWithinCeiling(input.tlp, ceiling)) {
        result.profiles.push({ profile: profile.name, queued: 0, withheld: 0, refused: `the briefing is TLP:${input.tlp.toUpperCase()}, above this profile's ceiling TLP:${ceiling.toUpperCase()}` });
        continue;
      }
      let cut;
      try {
        cut = applyCeiling(input, ceiling);
      } catch (error) {
        if (error instanceof BriefingExportError) throw new WorkbenchError('INVALID_INPUT', `${error.message}.`);
        throw error;
      }
      let queued = 0;
      for (const object of briefingStixBundle(cut.included, ceiling).objects) {
        // The TLP marking definitions are fixed, well-known objects every consumer has.
        if (object.type === 'marking-definition') continue;
        putSharedObject(db, object as Record<string, unknown>, { origin: 'local', at });
        if (enqueueObject(db, profile, object as Record<string, unknown>, at) === 'queued') queued += 1;
      }
      result.profiles.push({ profile: profile.name, queued, withheld: cut.withheld.length });
    }
    appendAudit(db, { at: options.at, actor: options.actor, action: 'sync.publish', target: `briefing:${briefingId}`, before: null, after: result });
    return result;
  }).immediate();
}
