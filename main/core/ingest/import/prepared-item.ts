import type { IndicatorEntry } from '../../vault/queries/indicator-writes';
import { isAmbiguity, type IngestRecord, type TlpLevel } from '../ingest-record';
import type { IngestContextUpdate, StixIngestItem } from '../stix/context-update';
import { recordToIndicator } from './record-to-indicator';
import { repairValue } from './repair-value';

/**
 * A parser's item after the work that needs no database: records canonicalised into the rows the
 * vault stores (or failed with the reason). This is what crosses from the parse worker to the thread
 * that owns the database, so the writer only writes.
 */
export type PreparedItem =
  /** `note`: the value was repaired to be read (see ./repair-value.ts), and this says how. */
  | { kind: 'entry'; entry: IndicatorEntry; externalId: string | undefined; note?: string }
  /** `record`: the problem is a record the parser read (it counts as a record), not a row it skipped. */
  | { kind: 'failed'; location: string; reason: string; record: boolean }
  | { kind: 'ambiguity'; location: string; reason: string }
  | { kind: 'note'; location: string; message: string }
  | { kind: 'context'; update: IngestContextUpdate };

/** Prepares one parser item; `defaultTlp` applies to records without a marking. */
export function prepareItem(item: StixIngestItem, defaultTlp: TlpLevel): PreparedItem {
  switch (item.kind) {
    case 'context':
      return item;
    case 'note':
      return { kind: 'note', location: item.note.location, message: item.note.message };
    case 'reject':
      return isAmbiguity(item.reject)
        ? { kind: 'ambiguity', location: item.reject.location, reason: item.reject.reason }
        : { kind: 'failed', location: item.reject.location, reason: item.reject.reason, record: false };
    case 'record': {
      const { record } = item;
      const outcome = recordToIndicator(record, defaultTlp);
      if (outcome.ok) return { kind: 'entry', entry: { indicator: outcome.indicator, context: record.context, tags: recordTags(record) }, externalId: record.externalId };
      const repair = repairValue(record.value, record.type);
      const repaired = repair === null ? null : recordToIndicator({ ...record, value: repair.value }, defaultTlp);
      if (repair === null || repaired === null || !repaired.ok) {
        return { kind: 'failed', location: record.location, reason: `${outcome.reason}: ${truncate(record.value)}`, record: true };
      }
      const entry = { indicator: repaired.indicator, context: record.context, tags: recordTags(record) };
      return { kind: 'entry', entry, externalId: record.externalId, note: repair.note };
    }
  }
}

/** Items per batch: large enough that per-batch costs (a message, a multi-row write) vanish. */
export const PREPARED_BATCH_ITEMS = 1024;

/** Prepares a parser's items in batches, in the calling thread. */
export async function* prepareItems(items: AsyncIterable<StixIngestItem>, defaultTlp: TlpLevel): AsyncGenerator<PreparedItem[]> {
  let batch: PreparedItem[] = [];
  for await (const item of items) {
    batch.push(prepareItem(item, defaultTlp));
    if (batch.length === PREPARED_BATCH_ITEMS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function recordTags(record: IngestRecord): readonly string[] | undefined {
  if (!record.labels?.length) return record.tags;
  return record.tags?.length ? [...record.tags, ...record.labels] : record.labels;
}

function truncate(value: string): string {
  return value.length > 120 ? `${value.slice(0, 117)}...` : value;
}
