import { prepared } from './prepared';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { TaxiiError } from './taxii-error';
import { judgePulled, type PulledVerdict } from './conflict-rules';
import { importPage } from './page-import';
import { withRetries } from './retrying';
import { getSharedObject, putSharedObject, versionOf } from './shared-objects';
import type { SyncContext } from './sync-context';

export interface PullOutcome {
  collection: string;
  pages: number;
  received: number;
  applied: number;
  conflicts: number;
  indicatorsNew: number;
  indicatorsMerged: number;
  rejected: number;
}

/** The stored added_after of a collection, verbatim as the server wrote it. */
export function getCheckpoint(db: Database, profileId: number, collectionId: string): string | undefined {
  return prepared(db, 'SELECT added_after FROM sync_checkpoints WHERE profile_id = ? AND collection_id = ?').pluck().get(profileId, collectionId) as string | undefined;
}

function setCheckpoint(db: Database, profileId: number, collectionId: string, addedAfter: string, at: string): void {
  prepared(db, 
    `INSERT INTO sync_checkpoints (profile_id, collection_id, added_after, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (profile_id, collection_id) DO UPDATE SET added_after = excluded.added_after, updated_at = excluded.updated_at`,
  ).run(profileId, collectionId, addedAfter, at);
}

/**
 * Objects held in memory before one import transaction commits them. One import per 1,000-object page
 * cost 84% of a pull (100k objects: 1,797 objects/s against 42,160 for the bare GET loop); the import's
 * fixed cost per transaction is what several pages share.
 */
export const PULL_BATCH_OBJECTS = 10_000;
/** …or pages, for servers with small pages: a batch never holds more than this many uncommitted pages. */
export const PULL_BATCH_PAGES = 10;

/** Pulled pages not committed yet: their objects with verdicts, and the checkpoint that moves past them. */
interface PullBatch {
  verdicts: Map<Record<string, unknown>, PulledVerdict>;
  ids: Set<string>;
  pages: number;
  checkpoint?: string;
}

const emptyBatch = (): PullBatch => ({ verdicts: new Map(), ids: new Set(), pages: 0 });

/**
 * Pulls one collection from the stored checkpoint (TAXII 2.1 §5.3). Pages follow `next` with the same
 * added_after and limit repeated; when a server says `more` without `next`, the next request starts from
 * the page's X-TAXII-Date-Added-Last. Pages are committed several at a time, each time together with the
 * checkpoint of the last whole page committed: a crash loses only pages not committed, and they come
 * again from the stored checkpoint (received versions make the repeat harmless).
 */
export async function pullCollection(ctx: SyncContext, collectionId: string): Promise<PullOutcome> {
  const outcome: PullOutcome = { collection: collectionId, pages: 0, received: 0, applied: 0, conflicts: 0, indicatorsNew: 0, indicatorsMerged: 0, rejected: 0 };
  let addedAfter = getCheckpoint(ctx.db, ctx.profile.id, collectionId);
  let next: string | undefined;
  let batch = emptyBatch();
  const flush = async (): Promise<void> => {
    if (batch.verdicts.size === 0 && batch.checkpoint === undefined) return;
    const done = batch;
    batch = emptyBatch();
    await commitBatch(ctx, collectionId, done, outcome);
  };
  ctx.progress.phase = 'pull';
  ctx.progress.collection = collectionId;
  try {
    for (;;) {
      const query = { limit: ctx.pageLimit, ...(addedAfter ? { addedAfter } : {}), ...(next ? { next } : {}) };
      const page = await withRetries(ctx, () => ctx.client.getObjects(ctx.apiRoot, collectionId, query));
      outcome.pages += 1;
      for (const object of page.objects) {
        if (typeof object.id !== 'string' || typeof object.type !== 'string') continue;
        // Verdicts read the committed vault: a second version of an object in the same batch must see the first committed.
        if (batch.ids.has(object.id)) await flush();
        batch.verdicts.set(object, judgePulled(ctx.db, ctx.profile.id, object));
        batch.ids.add(object.id);
      }
      if (page.dateAddedLast) batch.checkpoint = page.dateAddedLast;
      batch.pages += 1;
      ctx.progress.pulled += page.objects.length;
      const last = !page.more || page.objects.length === 0;
      if (last || batch.verdicts.size >= PULL_BATCH_OBJECTS || batch.pages >= PULL_BATCH_PAGES) await flush();
      ctx.report();
      if (last) return outcome;
      if (page.next) {
        next = page.next;
      } else {
        if (!page.dateAddedLast) throw new TaxiiError('protocol', 'The server said there are more objects but gave neither next nor X-TAXII-Date-Added-Last; cannot continue without skipping.');
        addedAfter = page.dateAddedLast;
        next = undefined;
      }
    }
  } catch (error) {
    // A server that fails mid-collection does not cost the pages already here; a cancel stops at once.
    if (error instanceof TaxiiError && error.kind !== 'cancelled' && !ctx.signal?.aborted) await flush();
    throw error;
  }
}

async function commitBatch(ctx: SyncContext, collectionId: string, batch: PullBatch, outcome: PullOutcome): Promise<void> {
  const at = ctx.now().toISOString();
  const { verdicts } = batch;
  // Markings travel with the indicators so the import reads each object's TLP from its own refs.
  const toImport = [...verdicts].filter(([o, verdict]) => verdict === 'apply' && (o.type === 'indicator' || o.type === 'marking-definition')).map(([o]) => o);
  const bookkeeping = (): void => {
    for (const [object, verdict] of verdicts) {
      if (verdict === 'duplicate') continue;
      const stixId = String(object.id);
      const modified = versionOf(object);
      prepared(ctx.db, 'INSERT OR IGNORE INTO sync_received (profile_id, stix_id, modified, received_at) VALUES (?, ?, ?, ?)').run(ctx.profile.id, stixId, modified, at);
      outcome.received += 1;
      if (verdict === 'apply') {
        putSharedObject(ctx.db, object, { origin: 'remote', baseModified: modified, at });
        outcome.applied += 1;
      } else if (verdict === 'conflict') {
        recordConflict(ctx, object, at);
        outcome.conflicts += 1;
      }
    }
    if (batch.checkpoint) setCheckpoint(ctx.db, ctx.profile.id, collectionId, batch.checkpoint, at);
  };
  const imported = await importPage(ctx.db, toImport.some((o) => o.type === 'indicator') ? toImport : [], {
    sourceName: ctx.profile.name,
    actor: ctx.actor,
    now: ctx.now,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  }, bookkeeping);
  outcome.indicatorsNew += imported.indicatorsNew;
  outcome.indicatorsMerged += imported.indicatorsMerged;
  outcome.rejected += imported.rejected;
}

/** Keeps both versions and holds our unsent ones until the analyst decides (one open conflict per object). */
function recordConflict(ctx: SyncContext, remote: Record<string, unknown>, at: string): void {
  const stixId = String(remote.id);
  const local = getSharedObject(ctx.db, stixId);
  if (!local) return;
  prepared(ctx.db, 
      `INSERT INTO sync_conflicts (profile_id, stix_id, local_modified, local_json, remote_modified, remote_json, detected_at)
       VALUES (@profile, @id, @localModified, @localJson, @remoteModified, @remoteJson, @at)
       ON CONFLICT (stix_id) WHERE resolved_at IS NULL DO UPDATE SET
         remote_modified = excluded.remote_modified, remote_json = excluded.remote_json
         WHERE excluded.remote_modified > sync_conflicts.remote_modified`,
    )
    .run({ profile: ctx.profile.id, id: stixId, localModified: local.modified, localJson: JSON.stringify(local.object), remoteModified: versionOf(remote), remoteJson: JSON.stringify(remote), at });
  prepared(ctx.db, `UPDATE sync_outbox SET state = 'held', updated_at = ? WHERE profile_id = ? AND stix_id = ? AND +state = 'queued'`).run(at, ctx.profile.id, stixId);
}
