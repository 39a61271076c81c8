import { Option, type Command } from 'commander';
import { BRIEFING_STATUSES, type BriefingDetail, type BriefingStatus } from '../../core/briefings';
import { defang, isIndicatorType } from '../../core/indicators';
import type { CliContext } from '../context';
import { printFields, printJson, printTable } from '../output';
import { positiveInt, type WithService } from './briefing-args';

/** `liaison briefing list|show|versions|diff|templates`: the commands that only read. */
export function registerBriefingReadCommands(briefing: Command, context: CliContext, withService: WithService): void {
  briefing
    .command('list')
    .description('briefings, most recently changed first')
    .addOption(new Option('--status <status>', 'only this status').choices([...BRIEFING_STATUSES]))
    .option('--json', 'print one JSON array')
    .action(async (options: { status?: BriefingStatus; json?: boolean }, command: Command) => {
      await withService(command, (service) => {
        const rows = service.list(options.status ? { status: options.status, limit: 1000 } : { limit: 1000 });
        if (options.json) return printJson(context.io, rows);
        printTable(
          context.io,
          ['ID', 'STATUS', 'TLP', 'VERSION', 'INDICATORS', 'UPDATED', 'TITLE'],
          rows.map((r) => [String(r.id), r.status, r.tlp.toUpperCase(), `${r.version}${r.hasUnsavedDraft ? '+' : ''}`, String(r.indicatorCount), r.updatedAt, r.title]),
        );
      });
    });

  briefing
    .command('show')
    .description('one briefing: fields, sections, techniques and attached indicators with their current triage state')
    .argument('<id>', 'briefing id', positiveInt)
    .option('--version <n>', 'a saved version (default: the working draft)', positiveInt)
    .option('--no-defang', 'print indicator values live (default: defanged)')
    .option('--json', 'print one JSON document')
    .action(async (id: number, options: { version?: number; defang: boolean; json?: boolean }, command: Command) => {
      await withService(command, (service) => {
        const detail = service.get(id, { ...(options.version ? { version: options.version } : {}), indicatorLimit: options.json ? 5000 : 200 });
        if (options.json) return printJson(context.io, detail);
        printDetail(context, detail, options.defang);
      });
    });

  briefing
    .command('versions')
    .description('the saved versions of a briefing, newest first')
    .argument('<id>', 'briefing id', positiveInt)
    .option('--json', 'print one JSON array')
    .action(async (id: number, options: { json?: boolean }, command: Command) => {
      await withService(command, (service) => {
        const versions = service.versions(id);
        if (options.json) return printJson(context.io, versions);
        printTable(
          context.io,
          ['VERSION', 'SAVED', 'BY', 'TLP', 'INDICATORS', 'PUBLISHED', 'NOTE'],
          versions.map((v) => [String(v.version), v.createdAt, v.createdBy, v.tlp.toUpperCase(), String(v.indicatorCount), v.publishedAt ?? '', v.note ?? '']),
        );
      });
    });

  briefing
    .command('diff')
    .description('what changed between two versions (unified diff)')
    .argument('<id>', 'briefing id', positiveInt)
    .argument('<v1>', 'older version', positiveInt)
    .argument('<v2>', 'newer version', positiveInt)
    .option('--json', 'print the diff as JSON')
    .action(async (id: number, from: number, to: number, options: { json?: boolean }, command: Command) => {
      await withService(command, (service) => {
        const diff = service.diff(id, from, to);
        if (options.json) return printJson(context.io, diff);
        context.io.stdout.write(diff.unified === '' ? `Versions ${from} and ${to} of briefing ${id} are the same.\n` : diff.unified);
      });
    });

  briefing
    .command('templates')
    .description('the briefing templates')
    .option('--json', 'print one JSON array')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withService(command, (service) => {
        const templates = service.templates();
        if (options.json) return printJson(context.io, templates);
        printTable(
          context.io,
          ['ID', 'KEY', 'NAME', 'SECTIONS'],
          templates.map((t) => [String(t.id), t.key ?? '', t.name, t.sections.map((s) => s.heading).join(', ')]),
        );
      });
    });

}

function printDetail(context: CliContext, d: BriefingDetail, defanged: boolean): void {
  printFields(context.io, [
    ['ID', d.id],
    ['Title', d.title],
    ['Status', d.status],
    ['TLP', `${d.tlp.toUpperCase()} (exports at most TLP:${d.marking.toUpperCase()} with everything in)`],
    ['Version', d.shownVersion === 0 ? `draft (latest version ${d.version}${d.hasUnsavedDraft ? ', unsaved changes' : ''})` : `${d.shownVersion} of ${d.version}`],
    ['Authors', d.authors.map((a) => a.name + (a.organisation ? ` (${a.organisation})` : '')).join(', ') || '-'],
    ['Distribution', d.distribution.map((r) => r.name).join(', ') || '-'],
    ['Valid until', d.validUntil ?? '-'],
    ['Techniques', d.techniqueDetails.map((t) => (t.name ? `${t.id} ${t.name}` : t.id)).join(', ') || '-'],
    ['References', d.references.map((r) => r.externalId ?? r.url ?? '').join(', ') || '-'],
    ['Indicators', d.indicatorCount],
  ]);
  if (d.summary) context.io.stdout.write(`\nSummary:\n${d.summary}\n`);
  for (const section of d.sections) {
    context.io.stdout.write(`\n## ${section.heading || '(untitled)'} [TLP:${section.tlp.toUpperCase()}]\n${section.bodyMarkdown || '(empty)'}\n`);
  }
  if (d.indicators.length === 0) return;
  context.io.stdout.write('\nAttached indicators:\n');
  printTable(
    context.io,
    ['ID', 'TYPE', 'TLP', 'STATUS', 'SIGHTINGS', 'VALUE'],
    d.indicators.map((i) => [String(i.id), i.type, i.tlp.toUpperCase(), i.status, String(i.sightings), defanged && isIndicatorType(i.type) ? defang(i.type, i.value) : i.value]),
  );
  if (d.indicatorCount > d.indicators.length) context.io.stdout.write(`... and ${d.indicatorCount - d.indicators.length} more (use --json for up to 5,000).\n`);
}
