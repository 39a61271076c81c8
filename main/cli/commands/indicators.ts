import type { Database } from 'better-sqlite3-multiple-ciphers';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { WorkbenchError } from '../../core/errors';
import { canonicalize, defang, INDICATOR_TYPES, isIndicatorType } from '../../core/indicators';
import { TLP_LEVELS, type TlpLevel } from '../../core/ingest/ingest-record';
import { exportQueue, QUEUE_EXPORT_FORMATS, TRIAGE_STATUSES, type QueueExportFormat, type QueueFilter } from '../../core/triage';
import { getIndicator, listIndicators, type IndicatorDetail } from '../../core/vault/queries/indicator-reads';
import type { CliContext, GlobalOptions } from '../context';
import { readKeys } from '../key-input';
import { printFields, printJson, printJsonLine, printTable } from '../output';
import { unlock } from './vault';

const MAX_LIST = 100_000;

interface ListOptions {
  type?: string;
  tlp?: TlpLevel;
  source?: string;
  search?: string;
  limit: number;
  json?: boolean;
  status?: string;
  tag?: string;
  format?: QueueExportFormat;
  tlpMax: TlpLevel;
  defang?: boolean;
}

/**
 * `indicators list --format`: the filtered queue as CSV, STIX or a plain list on stdout, under the TLP
 * ceiling (issue #17.8); what was written and withheld goes to stderr, so stdout is the file.
 */
function exportList(context: CliContext, vault: Awaited<ReturnType<typeof unlock>>, format: QueueExportFormat, options: ListOptions): void {
  const conditions: NonNullable<QueueFilter['conditions']>[number][] = [];
  if (options.type) conditions.push({ field: 'type', op: '=', value: options.type });
  if (options.tlp) conditions.push({ field: 'tlp', op: '=', value: options.tlp });
  if (options.status) conditions.push({ field: 'status', op: '=', value: options.status });
  if (options.source) conditions.push({ field: 'source', op: '=', value: options.source });
  if (options.tag) conditions.push({ field: 'tag', op: '=', value: options.tag });
  const filter: QueueFilter = { conditions, ...(options.search ? { text: options.search } : {}) };
  const result = exportQueue(vault.db, filter, { format, tlpMax: options.tlpMax, defang: options.defang ?? false, now: vault.now() });
  context.io.stdout.write(result.text);
  const withheld = result.withheld > 0 ? `; ${result.withheld} above TLP:${options.tlpMax.toUpperCase()} withheld` : '';
  const marking = result.marking ? ` (marked up to TLP:${result.marking.toUpperCase()})` : '';
  context.io.stderr.write(`liaison: exported ${result.count} indicator(s) as ${format}${marking}${withheld}.\n`);
}

/** `liaison indicators list|show`. */
export function registerIndicatorCommands(program: Command, context: CliContext): void {
  const indicators = program.command('indicators').description('read indicators in the vault');

  indicators
    .command('list')
    .description('list indicators, newest first')
    .addOption(new Option('--type <type>', 'only this indicator type').choices([...INDICATOR_TYPES]))
    .addOption(new Option('--tlp <level>', 'only this TLP level').choices([...TLP_LEVELS]))
    .option('--source <name>', 'only indicators seen in this source')
    .option('--search <text>', "value contains TEXT (case-insensitive); with --format, the queue search box's word matching")
    .option('--limit <n>', `how many (1-${MAX_LIST})`, wholeNumber(MAX_LIST), 100)
    .option('--json', 'print one JSON array')
    .addOption(new Option('--status <status>', 'only this triage status').choices([...TRIAGE_STATUSES]))
    .option('--tag <tag>', 'only indicators with this tag')
    .addOption(new Option('--format <format>', 'export every matching indicator (no --limit): csv, stix (2.1 bundle) or txt (one value a line)').choices([...QUEUE_EXPORT_FORMATS]))
    .addOption(new Option('--tlp-max <level>', 'with --format: the highest TLP the export may contain; indicators above it are withheld').choices([...TLP_LEVELS]).default('amber'))
    .option('--defang', 'with --format csv or txt: write values defanged')
    .action(async (options: ListOptions, command: Command) => {
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        if (options.format) return exportList(context, vault, options.format, options);
        if (options.status || options.tag) throw new InvalidArgumentError('--status and --tag select what --format exports; add --format csv, stix or txt.');
        const { json, type, tlp, source, search, limit } = options;
        const filter = { type, tlp, source, search, limit };
        const rows = listIndicators(vault.reader, Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as typeof filter);
        if (json) return printJson(context.io, rows);
        printTable(
          context.io,
          ['ID', 'TYPE', 'TLP', 'STATUS', 'SIGHTINGS', 'LAST SEEN', 'VALUE'],
          rows.map((r) => [String(r.id), r.type, r.tlp.toUpperCase(), r.status, String(r.sightings), r.lastSeen ?? '', r.display ?? r.value]),
        );
      } finally {
        vault.close();
      }
    });

  indicators
    .command('show')
    .description('indicators with their sources, sightings, context and TLP: one key, several, or --stdin')
    .argument('[indicators...]', 'TYPE:VALUE (e.g. domain:evil[.]com) or ids')
    .option('--stdin', 'also read keys from standard input, one per line')
    .option('--defang', 'show values defanged')
    .option('--json', 'print one JSON document (for several keys, an array of {key, found, indicator})')
    .option('--jsonl', 'print one JSON line per key: {key, found, indicator} or {key, found: false, error}')
    .action(async (args: string[], options: ShowOptions, command: Command) => {
      const keys = await readKeys(context.io, args, options.stdin ?? false);
      if (keys.length === 0) command.error('liaison: name an indicator (TYPE:VALUE or id), or pass keys with --stdin', { exitCode: 2 });
      if (options.json && options.jsonl) command.error('liaison: choose --json or --jsonl, not both', { exitCode: 2 });
      const single = keys.length === 1 && !options.stdin && !options.jsonl;
      // A single key fails fast on bad input, before the passphrase is asked for.
      const lookups = single ? [parseIndicatorKey(keys[0]!)] : null;
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        if (lookups) {
          const indicator = getIndicator(vault.reader, lookups[0]!);
          if (!indicator) throw new WorkbenchError('NOT_FOUND', `No indicator ${keys[0]} in this vault.`);
          if (options.json) return printJson(context.io, indicator);
          return printDetail(context, indicator, options.defang ?? false);
        }
        const missing = showMany(context, vault.reader, keys, options);
        if (missing > 0) throw new WorkbenchError('NOT_FOUND', `${missing} of ${keys.length} indicators not found or not valid keys (listed in the output).`);
      } finally {
        vault.close();
      }
    });
}

interface ShowOptions {
  json?: boolean;
  jsonl?: boolean;
  defang?: boolean;
  stdin?: boolean;
}

type ShowResult = { key: string; found: true; indicator: IndicatorDetail } | { key: string; found: false; error: string };

/** Looks up every key in order and prints each result as it goes; returns how many were not found. */
function showMany(context: CliContext, db: Database, keys: readonly string[], options: ShowOptions): number {
  const results: ShowResult[] = [];
  let missing = 0;
  for (const key of keys) {
    const result = lookUp(db, key);
    if (!result.found) missing += 1;
    if (options.jsonl) printJsonLine(context.io, result);
    else if (options.json) results.push(result);
    else if (result.found) {
      // Indicators are separated by a blank line, as `show` prints one.
      if (results.length > 0) context.io.stdout.write('\n');
      printDetail(context, result.indicator, options.defang ?? false);
      results.push(result);
    } else context.io.stderr.write(`liaison: ${key}: ${result.error}\n`);
  }
  if (options.json) printJson(context.io, results);
  return missing;
}

function lookUp(db: Database, key: string): ShowResult {
  try {
    const indicator = getIndicator(db, parseIndicatorKey(key));
    return indicator ? { key, found: true, indicator } : { key, found: false, error: 'not in this vault' };
  } catch (error) {
    if (error instanceof WorkbenchError && error.code === 'INVALID_INPUT') return { key, found: false, error: error.message };
    throw error;
  }
}

/** `123`, or `TYPE:VALUE` canonicalised the way imports store it (so defanged input finds it). */
export function parseIndicatorKey(key: string): { id: number } | { type: string; value: string } {
  if (/^\d+$/.test(key)) return { id: Number(key) };
  const colon = key.indexOf(':');
  const type = key.slice(0, colon);
  if (colon < 1 || !isIndicatorType(type)) {
    throw new WorkbenchError('INVALID_INPUT', `"${key}" is neither an id nor TYPE:VALUE with a type of ${INDICATOR_TYPES.join(', ')}.`);
  }
  const canonical = canonicalize(type, key.slice(colon + 1));
  if (!canonical.ok) throw new WorkbenchError('INVALID_INPUT', `"${key}": ${canonical.reason}.`);
  return { type: canonical.type, value: canonical.value };
}

function printDetail(context: CliContext, i: IndicatorDetail, defanged: boolean): void {
  const value = defanged && isIndicatorType(i.type) ? defang(i.type, i.value) : i.value;
  printFields(context.io, [
    ['ID', i.id],
    ['Type', i.type],
    ['Value', value],
    ...(i.display ? [['Display', i.display] as const] : []),
    ['TLP', i.tlp.toUpperCase()],
    ['Status', i.status],
    ['Flags', i.flags.join(', ') || '-'],
    ['Confidence', i.confidence ?? '-'],
    ['First seen', i.firstSeen ?? '-'],
    ['Last seen', i.lastSeen ?? '-'],
    ['Valid', `${i.validFrom ?? '-'} .. ${i.validUntil ?? '-'}`],
    ['Sightings', i.sightings],
    ['Tags', i.tags.join(', ') || '-'],
  ]);
  context.io.stdout.write('\nSources:\n');
  printTable(
    context.io,
    ['  SOURCE', 'FORMAT', 'IMPORTED', 'TLP', 'SIGHTINGS', 'WHERE'],
    i.sources.map((s) => [`  ${s.sourceName}`, s.format, s.importedAt, s.tlp.toUpperCase(), String(s.sightings), s.location ?? '']),
  );
  if (i.context.length) {
    context.io.stdout.write('\nContext:\n');
    printTable(context.io, ['  KIND', 'NAME', 'DETAIL'], i.context.map((c) => [`  ${c.kind}`, c.name, c.detail || c.ref]));
  }
}

function wholeNumber(max: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw new InvalidArgumentError(`Must be a whole number from 1 to ${max}.`);
    return Number(value);
  };
}
