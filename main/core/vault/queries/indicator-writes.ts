import type { Database } from 'better-sqlite3-multiple-ciphers';
import { recordKeyOf, type IndicatorContext } from '../../ingest/ingest-record';
import { BulkInsert, ROWS_PER_STATEMENT } from './bulk-insert';
import { prepareCached } from './statement-cache';
import { SightingMarks } from './sighting-marks';

/** One canonical indicator as an import writes it. */
export interface IndicatorWrite {
  type: string;
  value: string;
  display: string | null;
  tlpRank: number;
  /** No record marked the value: tlpRank is the import's default (see `defaulted` in the writer). */
  tlpDefaulted?: boolean;
  flags: string | null;
  confidence: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
  validFrom: string | null;
  validUntil: string | null;
  sightings: number;
  /** The source stated the count (STIX number_observed, MISP sightings); see WriterOptions. */
  sightingsStated?: boolean;
  /** The report of the file it came from, when the file holds several (see IngestRecord.report). */
  report?: string | undefined;
  location: string;
  /** Correlation keys (see indicators/correlation-keys.ts), written with the row so no later pass rewrites it. */
  registrableDomain: string | null;
  ipStart: number | null;
  ipEnd: number | null;
  /** What the source said with it, kept on the sighting: its STIX pattern, comment, or the text around it. */
  pattern: string | null;
  comment: string | null;
  snippet: string | null;
}

/** An indicator with what its record adds in this source: context rows and tags. */
export interface IndicatorEntry {
  indicator: IndicatorWrite;
  context?: readonly IndicatorContext[] | undefined;
  tags?: readonly string[] | undefined;
}

/** What happened to an indicator: created by this import, existing before it, or seen again in it. */
export type WriteOutcome = 'new' | 'merged' | 'repeat';

export interface IndicatorWriter {
  /**
   * Writes entries in file order, as if one by one; returns each entry's indicator id and outcome
   * (same positions). Batches of a few hundred let most rows go through multi-row statements.
   */
  write(entries: readonly IndicatorEntry[]): { ids: number[]; outcomes: WriteOutcome[] };
  addContext(indicatorId: number, context: readonly IndicatorContext[]): void;
  addTags(indicatorId: number, tags: readonly string[]): void;
  /** Applies what a later object of the same file said about an indicator (STIX relationships, sightings). */
  amend(indicatorId: number, amendment: IndicatorAmendment): void;
}

export interface IndicatorAmendment {
  tlpRank: number | null;
  sightings: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

const INDICATOR_COLUMNS = `indicators (type, value, display, tlp_rank, flags, confidence, first_seen, last_seen,
                            valid_from, valid_until, sightings, created_at, updated_at, registrable_domain, ip_start, ip_end)`;
const INDICATOR_COLUMN_COUNT = 16;

const SIGHTING_COLUMNS = `indicator_sources (indicator_id, source_id, sightings, tlp_rank, first_seen, last_seen, location,
                            pattern, comment, snippet, record)`;
const SIGHTING_COLUMN_COUNT = 11;

export interface WriterOptions {
  /**
   * Whether a value named again in the same file, without a stated count, is another sighting. True for
   * CSV, where a feed logs one row per observation; false where a file re-expresses one statement (a
   * STIX indicator and the observable it describes, a MISP value in two attributes).
   */
  repeatsAreSightings?: boolean;
  /**
   * A value named again in the same file changes nothing: a report names a value as often as it
   * discusses it, and its first mention (with its snippet) is the sighting. The text parser drops most
   * repeats itself but remembers only so many values (its memory is bounded); this makes the rule exact.
   */
  firstMentionOnly?: boolean;
}

/**
 * Prepares the statements of one import into one source. Merging widens first/last seen, adds
 * sightings and keeps the most restrictive TLP a source gave (see `defaulted` below for the import's
 * default); it never touches triage fields (status, notes).
 */
export function prepareIndicatorWriter(db: Database, sourceId: number, now: string, options: WriterOptions = {}): IndicatorWriter {
  // New indicators: one multi-row INSERT per group; RETURNING names the rows that were inserted.
  const tuple = `(${new Array<string>(INDICATOR_COLUMN_COUNT).fill('?').join(', ')})`;
  const insertGroup = prepareCached(db, 
    `INSERT INTO ${INDICATOR_COLUMNS} VALUES ${new Array<string>(ROWS_PER_STATEMENT).fill(tuple).join(', ')}
     ON CONFLICT (type, value) DO NOTHING RETURNING id`,
  ).pluck();
  const insertOne = prepareCached(db, `INSERT INTO ${INDICATOR_COLUMNS} VALUES ${tuple} ON CONFLICT (type, value) DO NOTHING RETURNING id`).pluck();
  const find = prepareCached(db, 'SELECT id FROM indicators WHERE type = ? AND value = ?').pluck();
  const merge = prepareCached(db, `
    UPDATE indicators SET
      first_seen = CASE WHEN first_seen IS NULL OR @firstSeen < first_seen THEN coalesce(@firstSeen, first_seen) ELSE first_seen END,
      last_seen = CASE WHEN last_seen IS NULL OR @lastSeen > last_seen THEN coalesce(@lastSeen, last_seen) ELSE last_seen END,
      valid_from = CASE WHEN valid_from IS NULL OR @validFrom < valid_from THEN coalesce(@validFrom, valid_from) ELSE valid_from END,
      valid_until = CASE WHEN valid_until IS NULL OR @validUntil > valid_until THEN coalesce(@validUntil, valid_until) ELSE valid_until END,
      tlp_rank = max(tlp_rank, @tlpRank),
      display = coalesce(display, @display),
      flags = coalesce(flags, @flags),
      sightings = sightings + @sightings,
      updated_at = @now
    WHERE id = @id`);
  const links = new BulkInsert(db, `INSERT INTO ${SIGHTING_COLUMNS}`, SIGHTING_COLUMN_COUNT);
  const sightingOf = prepareCached(db, 'SELECT 1 FROM indicator_sources WHERE indicator_id = ? AND source_id = ?').pluck();
  const tlpOf = prepareCached(db, 'SELECT tlp_rank FROM indicators WHERE id = ?').pluck();
  // A marked record replaces the default on this source's sighting; the indicator keeps what other
  // sources gave it before the import (@before, -1 when the import created it).
  const replaceSightingTlp = prepareCached(db, 'UPDATE indicator_sources SET tlp_rank = @tlpRank WHERE indicator_id = @id AND source_id = @sourceId');
  const replaceIndicatorTlp = prepareCached(db, 'UPDATE indicators SET tlp_rank = max(@before, @tlpRank) WHERE id = @id');
  // Sightings whose TLP is only the import's default (`--tlp`), because no record of the file marked the
  // value, with the indicator's rank before the import (-1: the import created it). A marked record of
  // the same value replaces that default instead of adding to it: a STIX bundle whose indicators are
  // TLP:CLEAR and whose observables carry no marking is CLEAR, not the AMBER a default would make of it.
  const defaulted = new SightingMarks<number>(-1);
  // Sightings counted 1 only because the file names the value. The first count the file states (an
  // observed-data number_observed, a STIX sighting's count) replaces that 1: misp-stix writes a value
  // once as an observable and once in the observed-data that observed it once, which is one sighting.
  const implicit = new SightingMarks(true);
  /** What a stated count adds to a sighting: one less while the sighting holds only the implicit 1. */
  const statedAddition = (id: number, stated: number): number => (stated > 0 && implicit.take(id) ? stated - 1 : stated);
  // In a file of several reports (a MISP feed's events), the number of the report that last counted
  // each indicator: a value in another report is another sighting, one repeated within a report is not.
  const reportNumbers = new Map<string, number>();
  const countedInReport = new Map<number, number>();
  /** Notes the indicator's report; true when it is a report that has not counted the indicator yet. */
  const inNewReport = (id: number, report: string | undefined): boolean => {
    if (report === undefined) return false;
    let n = reportNumbers.get(report);
    if (n === undefined) reportNumbers.set(report, (n = reportNumbers.size));
    if (countedInReport.get(id) === n) return false;
    countedInReport.set(id, n);
    return true;
  };
  /** What a value named again in the file adds to its sighting in this source. */
  const repeatedSightings = (id: number, indicator: IndicatorWrite): number => {
    const newReport = inNewReport(id, indicator.report);
    if (indicator.sightingsStated) return statedAddition(id, indicator.sightings);
    if (!options.repeatsAreSightings && !newReport) return 0;
    // Another row of a feed, or another report, is another observation: the sighting no longer holds
    // just the implicit 1.
    implicit.take(id);
    return indicator.sightings;
  };
  /** The TLP rank a record or amendment adds to a sighting that exists in this source (0: nothing). */
  const tlpOnRepeat = (id: number, tlpRank: number | null, isDefault: boolean): number => {
    if (tlpRank === null) return 0;
    // A default meets a sighting that has only the default too (same rank), or one a marking set.
    if (isDefault) return defaulted.has(id) ? tlpRank : 0;
    const before = defaulted.take(id);
    if (before !== undefined) {
      replaceSightingTlp.run({ id, sourceId, tlpRank });
      replaceIndicatorTlp.run({ id, before, tlpRank });
    }
    return tlpRank;
  };
  const relink = prepareCached(db, `
    UPDATE indicator_sources SET
      sightings = sightings + @sightings,
      tlp_rank = max(tlp_rank, @tlpRank),
      first_seen = CASE WHEN first_seen IS NULL OR @firstSeen < first_seen THEN coalesce(@firstSeen, first_seen) ELSE first_seen END,
      last_seen = CASE WHEN last_seen IS NULL OR @lastSeen > last_seen THEN coalesce(@lastSeen, last_seen) ELSE last_seen END,
      -- The object that states a pattern (a STIX indicator) is where the value comes from, rather than
      -- the observable that repeated it first. (Right-hand sides read the row as it was.)
      location = CASE WHEN pattern IS NULL AND @pattern IS NOT NULL THEN @location ELSE location END,
      record = CASE WHEN pattern IS NULL AND @pattern IS NOT NULL THEN @record ELSE record END,
      pattern = coalesce(pattern, @pattern),
      comment = coalesce(comment, @comment),
      snippet = coalesce(snippet, @snippet)
    WHERE indicator_id = @id AND source_id = @sourceId`);
  // The sighting holds one statement of each kind; a different one from the same source is context.
  const keepOtherStatements = prepareCached(db, `
    INSERT OR IGNORE INTO indicator_context (indicator_id, source_id, kind, name, ref, detail)
    SELECT @id, @sourceId, 'pattern', @pattern, '', '' FROM indicator_sources s
      WHERE s.indicator_id = @id AND s.source_id = @sourceId AND s.pattern != @pattern
    UNION ALL
    SELECT @id, @sourceId, 'other', 'comment', '', @comment FROM indicator_sources s
      WHERE s.indicator_id = @id AND s.source_id = @sourceId AND s.comment != @comment
    UNION ALL
    SELECT @id, @sourceId, 'snippet', ifnull((SELECT file_name FROM sources WHERE id = @sourceId), ''), '', @snippet FROM indicator_sources s
      WHERE s.indicator_id = @id AND s.source_id = @sourceId AND s.snippet != @snippet`);
  const contexts = new BulkInsert(db, 'INSERT OR IGNORE INTO indicator_context (indicator_id, source_id, kind, name, ref, detail)', 6);
  const tags = new BulkInsert(db, 'INSERT OR IGNORE INTO indicator_tags (indicator_id, tag)', 2);
  const amendIndicator = prepareCached(db, `
    UPDATE indicators SET
      tlp_rank = max(tlp_rank, coalesce(@tlpRank, 0)),
      sightings = sightings + @sightings,
      first_seen = CASE WHEN first_seen IS NULL OR @firstSeen < first_seen THEN coalesce(@firstSeen, first_seen) ELSE first_seen END,
      last_seen = CASE WHEN last_seen IS NULL OR @lastSeen > last_seen THEN coalesce(@lastSeen, last_seen) ELSE last_seen END,
      updated_at = @now
    WHERE id = @id`);

  // Records of the file are numbered in order; values of one record arrive together (see recordKeyOf).
  let record = 0;
  let recordKey: string | undefined;
  const recordOf = (location: string): number => {
    const key = recordKeyOf(location);
    if (key !== recordKey) {
      recordKey = key;
      record += 1;
    }
    return record;
  };
  const queueLink = (id: number, indicator: IndicatorWrite, record: number): void => {
    const { sightings, tlpRank, firstSeen, lastSeen, location, pattern, comment, snippet } = indicator;
    links.values.push(id, sourceId, sightings, tlpRank, firstSeen, lastSeen, location, pattern, comment, snippet, record);
    links.rowAdded();
  };
  const created = (id: number, indicator: IndicatorWrite): void => {
    if (indicator.tlpDefaulted) defaulted.markNew(id);
    if (!indicator.sightingsStated) implicit.markNew(id);
    inNewReport(id, indicator.report);
    queueLink(id, indicator, recordOf(indicator.location));
  };
  /** The slow path, for an indicator that exists already (from an earlier import, or earlier in this file). */
  const mergeExisting = (id: number, indicator: IndicatorWrite): WriteOutcome => {
    // Sightings queued so far must be in the table before this one's is looked at.
    links.flush();
    const record = recordOf(indicator.location);
    if (sightingOf.get(id, sourceId) === undefined) {
      if (indicator.tlpDefaulted) defaulted.markExisting(id, tlpOf.get(id) as number);
      if (!indicator.sightingsStated) implicit.markExisting(id, true);
      inNewReport(id, indicator.report);
      merge.run({ ...indicator, id, now });
      queueLink(id, indicator, record);
      return 'merged';
    }
    if (options.firstMentionOnly) return 'repeat';
    const repeat = {
      ...indicator,
      sightings: repeatedSightings(id, indicator),
      tlpRank: tlpOnRepeat(id, indicator.tlpRank, indicator.tlpDefaulted === true),
    };
    merge.run({ ...repeat, id, now });
    const params = { ...repeat, id, sourceId, record };
    keepOtherStatements.run(params);
    relink.run(params);
    return 'repeat';
  };
  const writeGroup = (entries: readonly IndicatorEntry[], from: number, to: number, ids: number[], outcomes: WriteOutcome[]): void => {
    const inserted = insertRows(entries, from, to);
    if (inserted.length === to - from) {
      // Every row was new: rowids are handed out in VALUES order, so the sorted ids line up with the rows.
      inserted.sort((a, b) => a - b);
      for (let k = from; k < to; k++) {
        ids[k] = inserted[k - from]!;
        outcomes[k] = 'new';
        created(ids[k]!, entries[k]!.indicator);
      }
      return;
    }
    const fresh = new Set(inserted);
    for (let k = from; k < to; k++) {
      const { indicator } = entries[k]!;
      const id = find.get(indicator.type, indicator.value) as number;
      ids[k] = id;
      if (fresh.delete(id)) {
        outcomes[k] = 'new';
        created(id, indicator);
      } else {
        outcomes[k] = mergeExisting(id, indicator);
      }
    }
  };
  const insertRows = (entries: readonly IndicatorEntry[], from: number, to: number): number[] => {
    const values: unknown[] = [];
    for (let k = from; k < to; k++) {
      const w = entries[k]!.indicator;
      values.push(w.type, w.value, w.display, w.tlpRank, w.flags, w.confidence, w.firstSeen, w.lastSeen, w.validFrom, w.validUntil, w.sightings, now, now);
      values.push(w.registrableDomain, w.ipStart, w.ipEnd);
    }
    return ((to - from === ROWS_PER_STATEMENT ? insertGroup : insertOne).all(values) as number[]);
  };
  const queueContext = (indicatorId: number, items: readonly IndicatorContext[]): void => {
    for (const item of items) {
      contexts.values.push(indicatorId, sourceId, item.kind, item.name, item.ref ?? '', item.detail ?? '');
      contexts.rowAdded();
    }
  };
  const queueTags = (indicatorId: number, values: readonly string[]): void => {
    for (const value of values) {
      tags.values.push(indicatorId, value);
      tags.rowAdded();
    }
  };

  return {
    write(entries) {
      const ids = new Array<number>(entries.length);
      const outcomes = new Array<WriteOutcome>(entries.length);
      let from = 0;
      for (; from + ROWS_PER_STATEMENT <= entries.length; from += ROWS_PER_STATEMENT) writeGroup(entries, from, from + ROWS_PER_STATEMENT, ids, outcomes);
      for (; from < entries.length; from++) writeGroup(entries, from, from + 1, ids, outcomes);
      // Every sighting is in the table when a write returns: amend() updates them in place.
      links.flush();
      for (let k = 0; k < entries.length; k++) {
        const entry = entries[k]!;
        if (entry.context?.length) queueContext(ids[k]!, entry.context);
        if (entry.tags?.length) queueTags(ids[k]!, entry.tags);
      }
      contexts.flush();
      tags.flush();
      return { ids, outcomes };
    },
    addContext(indicatorId, items) {
      queueContext(indicatorId, items);
      contexts.flush();
    },
    addTags(indicatorId, values) {
      queueTags(indicatorId, values);
      tags.flush();
    },
    amend(indicatorId, amendment) {
      const tlpRank = tlpOnRepeat(indicatorId, amendment.tlpRank, false);
      const sightings = statedAddition(indicatorId, amendment.sightings);
      const params = { ...amendment, tlpRank, sightings, id: indicatorId, sourceId, now };
      amendIndicator.run(params);
      relink.run({ ...params, location: null, record: null, pattern: null, comment: null, snippet: null });
    },
  };
}
