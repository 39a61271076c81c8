import { InvalidArgumentError, Option, type Command } from 'commander';
import { WorkbenchError } from '../../core/errors';
import { canonicalize, defang, INDICATOR_TYPES, isIndicatorType } from '../../core/indicators';
import { TLP_LEVELS, type TlpLevel } from '../../core/ingest/ingest-record';
import { exportQueue, QUEUE_EXPORT_FORMATS, TRIAGE_STATUSES, type QueueExportFormat, type QueueFilter } from '../../core/triage';
import { getIndicator, listIndicators, type IndicatorDetail } from '../../core/vault/queries/indicator-reads';
import type { CliContext, GlobalOptions } from '../context';
import { printFields, printJson, printTable } from '../output';
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
    .option('--search <text>', 'value contains TEXT (case-insensitive)')
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
        const rows = listIndicators(vault.db, Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as typeof filter);
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
    .description('one indicator with its sources, sightings, context and TLP')
    .argument('<indicator>', 'TYPE:VALUE (e.g. domain:evil[.]com) or an id')
    .option('--defang', 'show the value defanged')
    .option('--json', 'print one JSON document')
    .action(async (key: string, options: { json?: boolean; defang?: boolean }, command: Command) => {
      const lookup = parseIndicatorKey(key);
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const indicator = getIndicator(vault.db, lookup);
        if (!indicator) throw new WorkbenchError('NOT_FOUND', `No indicator ${key} in this vault.`);
        if (options.json) return printJson(context.io, indicator);
        printDetail(context, indicator, options.defang ?? false);
      } finally {
        vault.close();
      }
    });
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
