import { describe, expect, it } from 'vitest';
import type { ImportFileOutcome, ImportSummary } from '../../../preload/contract';
import { countNoted, describeFiles, headline } from './import-outcome';

const file = (patch: Partial<ImportFileOutcome>): ImportFileOutcome => ({
  file: 'bundle.json',
  format: 'stix',
  committed: true,
  records: 20,
  indicatorsNew: 17,
  indicatorsMerged: 0,
  rejected: 0,
  ...patch,
});

const summaryOf = (results: ImportFileOutcome[], errors: ImportSummary['errors'] = []): ImportSummary => ({
  files: results.length,
  records: results.reduce((sum, r) => sum + r.records, 0),
  indicators_new: results.filter((r) => r.committed).reduce((sum, r) => sum + r.indicatorsNew, 0),
  indicators_merged: 0,
  rejected: results.reduce((sum, r) => sum + r.rejected, 0),
  errors,
  ambiguities: [],
  notes: [],
  results,
});

const reject = (location: string) => ({ file: 'bundle.json', location, reason: 'pattern does not parse' });

describe('describeFiles', () => {
  it('under Strict, says a file with rejects was not imported and that without Strict its valid values would be', () => {
    const summary = summaryOf([file({ committed: false, rejected: 2 })], [reject('objects[7]'), reject('objects[8]')]);
    const [view] = describeFiles(summary, true);
    expect(view).toMatchObject({ verdict: 'not-imported', problems: 2 });
    expect(view?.explanation).toContain('Not imported because of 2 rejects');
    expect(view?.explanation).toContain('Without it, its valid values are imported.');
  });

  it('by default, says the valid values of a file with rejects were imported', () => {
    const summary = summaryOf([file({ committed: true, rejected: 2 })], [reject('objects[7]'), reject('objects[8]')]);
    const [view] = describeFiles(summary, false);
    expect(view).toMatchObject({ verdict: 'imported', problems: 2 });
    expect(view?.explanation).toBe('Imported the valid records; 2 rejects listed below.');
  });

  it('does not suggest committing valid records when the file could not be read to the end', () => {
    const summary = summaryOf([file({ committed: false, records: 0, indicatorsNew: 0 })], [reject('byte 47 (line 1)')]);
    const [view] = describeFiles(summary, true);
    expect(view?.explanation).toMatch(/^Not imported: the file could not be read to the end/);
  });

  it('mentions the listed rejects of a file imported with "commit valid records"', () => {
    const summary = summaryOf([file({ rejected: 3 })], [reject('a'), reject('b'), reject('c')]);
    expect(describeFiles(summary, true)[0]).toMatchObject({
      verdict: 'imported',
      explanation: 'Imported the valid records; 3 rejects listed below.',
    });
  });

  it('adds nothing to a clean import', () => {
    expect(describeFiles(summaryOf([file({})]), false)[0]?.explanation).toBeNull();
  });
});

describe('headline', () => {
  it('is a success when every file went in', () => {
    expect(headline(summaryOf([file({})]))).toEqual({ tone: 'success', text: 'Imported 1 file: 17 new indicators, 0 merged indicators.' });
  });

  it('names how many files were NOT IMPORTED', () => {
    const summary = summaryOf([file({ file: 'a.csv', indicatorsNew: 4 }), file({ committed: false, rejected: 3 })]);
    expect(headline(summary)).toEqual({ tone: 'error', text: '1 of 2 files NOT IMPORTED; 1 imported: 4 new indicators, 0 merged indicators.' });
  });
});

describe('files read whole or seen before (issue #17.1, #17.3)', () => {
  it('says a file already imported changed nothing, and when it was imported, without alarm', () => {
    const again = file({ committed: false, records: 0, indicatorsNew: 0, alreadyImported: { sourceId: 3, sourceName: 'unit42.csv', importedAt: '2026-03-02T09:00:00.000Z' } });
    const summary = summaryOf([again]);
    expect(describeFiles(summary, false)[0]).toMatchObject({
      verdict: 'already-imported',
      explanation: 'Already imported on 2026-03-02 as “unit42.csv”: the same file again adds no sightings, so nothing changed.',
    });
    expect(headline(summary)).toEqual({ tone: 'success', text: 'Already imported on 2026-03-02: nothing changed.' });
    expect(headline(summaryOf([file({}), again]))).toEqual({ tone: 'success', text: 'Imported 1 file: 17 new indicators, 0 merged indicators. Already imported on 2026-03-02: nothing changed.' });
  });

  it('never says "could not be read" of a file that was read and holds no indicators (a feed manifest.json)', () => {
    const summary = summaryOf(
      [file({ file: 'manifest.json', format: 'misp', committed: false, records: 0, indicatorsNew: 0 })],
      [{ file: 'manifest.json', location: 'file', reason: 'no indicators found (read as misp)' }],
    );
    expect(describeFiles(summary, false)[0]?.explanation).toBe('Not imported: the file was read, but it holds no indicators.');
  });
});

describe('MISP feed parts chosen alone (issue #17.1)', () => {
  it('names a lone hashes.csv and manifest.json for what they are', () => {
    const hashes = summaryOf([file({ file: 'hashes.csv', format: 'misp-feed', committed: false, records: 0, indicatorsNew: 0, feedPart: 'hashes' })]);
    expect(describeFiles(hashes, false)[0]?.explanation).toMatch(/^Not imported: this is a MISP feed's hashes\.csv, MD5s of the feed's values/);
    const manifest = summaryOf([file({ file: 'manifest.json', format: 'misp-feed', committed: false, records: 0, indicatorsNew: 0, feedPart: 'manifest' })]);
    expect(describeFiles(manifest, false)[0]?.explanation).toContain('holds no indicators');
  });
});

describe('notes as prominent as rejects when they are a large share (issue #17.4)', () => {
  it('says how many rows became notes in the headline, as an alert', () => {
    const summary = { ...summaryOf([file({ records: 41, indicatorsNew: 41 })]), notes: [{ file: 'c2.txt', location: 'line 2', reason: '397 × not imported: a port' }] };
    expect(countNoted(summary)).toBe(397);
    expect(headline(summary)).toEqual({
      tone: 'error',
      text: 'Imported 1 file: 41 new indicators, 0 merged indicators. 397 of 438 rows (91%) were filed as notes, not indicators: check the Notes below.',
    });
    const few = { ...summaryOf([file({ records: 41, indicatorsNew: 41 })]), notes: [{ file: 'c2.txt', location: 'line 2', reason: 'a "yara" row is not an indicator type' }] };
    expect(headline(few).tone).toBe('success');
  });
});
