import { InvalidArgumentError, Option, type Command } from 'commander';
import { WorkbenchError } from '../../core/errors';
import { importPaths } from '../../core/ingest/import/import-job';
import { indexImportedIndicators } from '../../core/triage';
import type { ImportSummary } from '../../core/ingest/import/import-summary';
import { notedWarning } from '../../core/ingest/import/noted-share';
import type { ImportProgress } from '../../core/ingest/import/progress';
import type { CsvMapping, ImportFormat } from '../../core/ingest/import/parsers';
import { TLP_LEVELS, type TlpLevel } from '../../core/ingest/ingest-record';
import type { CliContext, GlobalOptions } from '../context';
import { printJson, printTable } from '../output';
import { unlock } from './vault';

interface ImportOptions {
  format: ImportFormat;
  source?: string;
  tlp?: TlpLevel;
  strict?: boolean;
  json?: boolean;
  map?: CsvMapping;
}

const CSV_FIELDS = ['value', 'type', 'tlp', 'firstSeen', 'lastSeen', 'tags', 'comment', 'confidence', 'malware', 'toIds'] as const;

/** `liaison import FILE|DIR...`. */
export function registerImportCommand(program: Command, context: CliContext): void {
  program
    .command('import')
    .description('import indicators from STIX 2.x bundles, MISP events or feed folders, CSV/TSV and text reports')
    .argument('<paths...>', 'files or folders (folders are read recursively; a folder with manifest.json is a MISP feed)')
    .addOption(new Option('--format <format>', 'input format').choices(['auto', 'stix', 'misp', 'csv', 'text']).default('auto'))
    .option('--source <name>', 'provenance name for this import (default: each file name)')
    .addOption(new Option('--tlp <level>', 'TLP for records without a marking (default: amber)').choices([...TLP_LEVELS]))
    .option('--strict', 'all or nothing: a file with any rejected value is not imported (default: import its valid values, list every reject)')
    // The default since issue #14; kept so that scripts written for the old all-or-nothing default still run.
    .addOption(new Option('--partial', 'import the valid values and list every reject (the default)').hideHelp())
    .option('--map <mapping>', 'CSV columns, e.g. value=ioc,type=kind,tlp=marking (fields: ' + CSV_FIELDS.join(', ') + ')', parseMapping)
    .option('--json', 'print the summary as one JSON document')
    .action(async (paths: string[], options: ImportOptions, command: Command) => {
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      const controller = new AbortController();
      const onSignal = (): void => controller.abort();
      process.once('SIGINT', onSignal);
      const progress = context.io.stderr.isTTY ? progressLine(context) : undefined;
      try {
        const summary = await importPaths(vault.db, paths, {
          format: options.format,
          strict: options.strict ?? false,
          actor: vault.actor,
          signal: controller.signal,
          indexing: indexImportedIndicators,
          ...(options.source ? { sourceName: options.source } : {}),
          ...(options.tlp ? { tlp: options.tlp } : {}),
          ...(options.map ? { csvMapping: options.map } : {}),
          ...(progress ? { onProgress: progress.update } : {}),
        });
        progress?.done();
        report(context, summary, options.json ?? false);
        const noted = notedWarning(summary.records, summary.notes);
        if (noted) context.io.stderr.write(`liaison: ${noted}.\n`);
        // A file imported before changed nothing on purpose (issue #17.3), and a folder's file with nothing
        // in it is a note (issue #14): neither is a failure.
        const failed = summary.results.filter((r) => !r.committed && !r.alreadyImported && !r.skipped);
        if (failed.length > 0) {
          const hint = options.strict && summary.rejected > 0 ? '; without --strict the valid values are imported' : '';
          throw new WorkbenchError('INVALID_INPUT', `${failed.length} of ${summary.files} file(s) not imported (${summary.errors.length} problem(s) listed${hint})`);
        }
        if (summary.rejected > 0) {
          context.io.stderr.write(`liaison: imported ${summary.files - skippedCount(summary)} file(s); ${summary.rejected} value(s) rejected (listed ${options.json ? 'in "errors"' : 'under Rejected'})\n`);
        }
      } catch (error) {
        progress?.done();
        if (error instanceof WorkbenchError && error.code === 'CANCELLED') {
          throw new WorkbenchError('CANCELLED', 'Import cancelled: the file being imported was rolled back; files before it were committed.');
        }
        throw error;
      } finally {
        process.removeListener('SIGINT', onSignal);
        vault.close();
      }
    });
}

function report(context: CliContext, summary: ImportSummary, json: boolean): void {
  if (json) {
    const { files, records, indicators_new, indicators_merged, rejected, errors, ambiguities, notes, results } = summary;
    const perFile = results.map(({ file, format, committed, skipped, sha256, records: n, indicatorsNew, indicatorsMerged, rejected: r, alreadyImported }) => ({
      file, format, committed, skipped, sha256, records: n, indicators_new: indicatorsNew, indicators_merged: indicatorsMerged, rejected: r,
      ...(alreadyImported ? { already_imported: { source_id: alreadyImported.sourceId, source: alreadyImported.sourceName, imported_at: alreadyImported.importedAt } } : {}),
    }));
    return printJson(context.io, { files, records, indicators_new, indicators_merged, rejected, errors, ambiguities, notes, results: perFile });
  }
  printTable(
    context.io,
    ['FILE', 'FORMAT', 'RESULT', 'RECORDS', 'NEW', 'MERGED', 'REJECTED'],
    summary.results.map((r) => [
      r.file,
      r.format,
      r.alreadyImported ? `already imported ${r.alreadyImported.importedAt.slice(0, 10)}` : r.committed ? 'imported' : r.skipped ? 'nothing found' : 'NOT IMPORTED',
      ...[r.records, r.indicatorsNew, r.indicatorsMerged, r.rejected].map(String),
    ]),
  );
  const list = (title: string, entries: ImportSummary['errors']): void => {
    if (!entries.length) return;
    context.io.stdout.write(`\n${title}:\n`);
    for (const e of entries) context.io.stdout.write(`  ${e.file}: ${e.location}: ${e.reason}\n`);
  };
  list('Rejected', summary.errors);
  list('Ambiguous (not imported)', summary.ambiguities);
  list('Notes', summary.notes);
}

function skippedCount(summary: ImportSummary): number {
  return summary.results.filter((r) => r.skipped).length;
}

/** A single self-updating stderr line: file, percent, records and rate. */
function progressLine(context: CliContext): { update(p: ImportProgress): void; done(): void } {
  let shown = false;
  return {
    update(p) {
      const percent = p.bytesTotal ? ` ${Math.floor((100 * p.bytesRead) / p.bytesTotal)}%` : '';
      context.io.stderr.write(`\r\x1b[2Kimporting ${p.file} (${p.fileIndex + 1}/${p.fileCount})${percent}  ${p.records.toLocaleString('en')} records  ${p.recordsPerSecond.toLocaleString('en')}/s`);
      shown = true;
    },
    done() {
      if (shown) context.io.stderr.write('\r\x1b[2K');
      shown = false;
    },
  };
}

/** `value=ioc,type=kind` -> { value: 'ioc', type: 'kind' }; unknown fields are a usage error. */
export function parseMapping(text: string): CsvMapping {
  const mapping: CsvMapping = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    const field = pair.slice(0, eq).trim();
    const column = pair.slice(eq + 1).trim();
    if (eq < 1 || !column) throw new InvalidArgumentError(`"${pair}" is not field=column.`);
    if (!(CSV_FIELDS as readonly string[]).includes(field)) throw new InvalidArgumentError(`Unknown field "${field}"; use ${CSV_FIELDS.join(', ')}.`);
    mapping[field as (typeof CSV_FIELDS)[number]] = column;
  }
  if (!mapping.value) throw new InvalidArgumentError('The mapping needs value=COLUMN.');
  return mapping;
}
