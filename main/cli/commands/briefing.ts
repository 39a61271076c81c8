import { InvalidArgumentError, type Command } from 'commander';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  BRIEFING_STATUSES,
  BriefingService,
  MAX_SECTION_BYTES,
  MAX_SECTIONS,
  mergeBodySections,
  requireTemplateByKey,
  sectionsFromMarkdown,
  type AttachOutcome,
  type BriefingStatus,
} from '../../core/briefings';
import { WorkbenchError } from '../../core/errors';
import type { TlpLevel } from '../../core/indicators/tlp-level';
import { parseWhere, WhereSyntaxError } from '../../core/triage';
import type { Vault } from '../../core/vault';
import type { CliContext, GlobalOptions } from '../context';
import { printJson } from '../output';
import { positiveInt, tlpArg } from './briefing-args';
import { registerBriefingExportCommand } from './briefing-export';
import { registerBriefingReadCommands } from './briefing-read';
import { unlock } from './vault';

/** A body file larger than every section at its cap cannot be stored; refuse before reading it. */
const MAX_BODY_FILE = MAX_SECTION_BYTES * MAX_SECTIONS;

/** `liaison briefing create|list|show|save|attach|detach|versions|diff|restore|status|templates|export`. */
export function registerBriefingCommands(program: Command, context: CliContext): void {
  const briefing = program.command('briefing').description('write briefings (Cyber Activity Reports, operational briefs): versions, workflow, attachments, exports');
  const withService = async <T>(command: Command, work: (service: BriefingService, vault: Vault) => Promise<T> | T): Promise<T> => {
    const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
    try {
      const service = new BriefingService({
        reader: () => vault.db,
        writer: () => vault.db,
        author: () => ({ actor: vault.actor, at: vault.now() }),
        changed: () => undefined,
      });
      return await work(service, vault);
    } finally {
      vault.close();
    }
  };

  briefing
    .command('create')
    .description('start a briefing (saved as version 1)')
    .requiredOption('--title <title>', 'the title')
    .option('--template <template>', 'car (Cyber Activity Report), brief (Operational brief), or the name of a saved template')
    .option('--tlp <level>', 'document TLP: clear, green, amber, amber+strict, red (default amber)', tlpArg)
    .option('--summary <text>', 'the summary')
    .option('--body-file <file>', 'Markdown body; "## Heading [TLP:RED]" starts a section (filling the template section of that name)')
    .option('--json', 'print the briefing as JSON')
    .action(async (options: { title: string; template?: string; tlp?: TlpLevel; summary?: string; bodyFile?: string; json?: boolean }, command: Command) => {
      const body = options.bodyFile === undefined ? undefined : await readBodyFile(options.bodyFile);
      await withService(command, (service, vault) => {
        const template = options.template === undefined ? undefined : requireTemplateByKey(vault.db, options.template);
        const created = service.create({
          title: options.title,
          ...(template ? { templateId: template.id } : {}),
          ...(options.tlp ? { tlp: options.tlp } : {}),
          ...(options.summary !== undefined ? { summary: options.summary } : {}),
          ...(body !== undefined ? { bodyMarkdown: body } : {}),
        });
        if (options.json) return printJson(context.io, created);
        context.io.stdout.write(`Created briefing ${created.id} "${created.title}" (TLP:${created.tlp.toUpperCase()}, version ${created.version}).\n`);
      });
    });

  briefing
    .command('save')
    .description('change a briefing and save it as a new version')
    .argument('<id>', 'briefing id', positiveInt)
    .option('--title <title>', 'new title')
    .option('--tlp <level>', 'new document TLP', tlpArg)
    .option('--summary <text>', 'new summary')
    .option('--body-file <file>', 'Markdown body: its "## Heading" sections replace the sections of the same name, others are added')
    .option('--technique <id...>', 'ATT&CK technique ids (replace the list; ids no loaded catalogue knows are kept)')
    .option('--valid-until <date>', 'valid until (YYYY-MM-DD or ISO 8601; "none" clears it)')
    .option('--note <text>', 'a note for this version')
    .option('--json', 'print the briefing as JSON')
    .action(
      async (
        id: number,
        options: { title?: string; tlp?: TlpLevel; summary?: string; bodyFile?: string; technique?: string[]; validUntil?: string; note?: string; json?: boolean },
        command: Command,
      ) => {
        const body = options.bodyFile === undefined ? undefined : await readBodyFile(options.bodyFile);
        await withService(command, (service) => {
          const current = service.get(id, { indicatorLimit: 0 });
          const patch = {
            ...(options.title !== undefined ? { title: options.title } : {}),
            ...(options.tlp ? { tlp: options.tlp } : {}),
            ...(options.summary !== undefined ? { summary: options.summary } : {}),
            ...(body !== undefined ? { sections: mergeBodySections(current.sections, sectionsFromMarkdown(body, options.tlp ?? current.tlp)) } : {}),
            ...(options.technique ? { techniques: options.technique.flatMap((t) => t.split(',')).filter(Boolean) } : {}),
            ...(options.validUntil !== undefined ? { validUntil: /^none$/i.test(options.validUntil) ? null : options.validUntil } : {}),
          };
          const saved = service.save(id, { patch, expectedRevision: current.revision, ...(options.note ? { note: options.note } : {}) });
          if (options.json) return printJson(context.io, saved);
          context.io.stdout.write(
            saved.version === current.version ? `Nothing changed; briefing ${id} stays at version ${saved.version}.\n` : `Saved briefing ${id} as version ${saved.version}.\n`,
          );
        });
      },
    );

  for (const mode of ['attach', 'detach'] as const) {
    const sub = briefing
      .command(mode)
      .description(mode === 'attach' ? 'attach indicators (each attach saves a new version; at most 50,000 per briefing)' : 'detach indicators (saves a new version)')
      .argument('<id>', 'briefing id', positiveInt)
      .argument('[indicators...]', 'TYPE:VALUE (e.g. domain:evil[.]com) or indicator ids')
      .option('--json', 'print the outcome as JSON');
    if (mode === 'attach') sub.option('--where <conditions>', "every indicator matching, e.g. 'status=malicious type=domain tlp<=amber'");
    else sub.option('--all', 'detach every indicator');
    sub.action(async (id: number, keys: string[], options: { where?: string; all?: boolean; json?: boolean }, command: Command) => {
      const selectors = [keys.length > 0, options.where !== undefined, options.all === true].filter(Boolean).length;
      if (selectors !== 1) command.error(`name indicators${mode === 'attach' ? ', or use --where' : ', or use --all'} (one of them)`, { exitCode: 2 });
      if (options.where !== undefined) whereOrExit(options.where, command);
      await withService(command, (service) => {
        const selection = { ...(keys.length > 0 ? { keys } : {}), ...(options.where !== undefined ? { where: options.where } : {}) };
        const outcome = mode === 'attach' ? service.attach(id, selection) : service.detach(id, { ...selection, ...(options.all ? { all: true } : {}) });
        if (options.json) return printJson(context.io, outcome);
        printAttachOutcome(context, id, mode, outcome);
      });
    });
  }

  briefing
    .command('restore')
    .description('make an old version the newest again (as a new version)')
    .argument('<id>', 'briefing id', positiveInt)
    .argument('<version>', 'the version to restore', positiveInt)
    .option('--json', 'print the briefing as JSON')
    .action(async (id: number, version: number, options: { json?: boolean }, command: Command) => {
      await withService(command, (service) => {
        const restored = service.restore(id, version);
        if (options.json) return printJson(context.io, restored);
        context.io.stdout.write(`Restored version ${version} of briefing ${id} as version ${restored.version}.\n`);
      });
    });

  briefing
    .command('status')
    .description('move a briefing through draft -> in-review -> approved -> published (or in-review -> draft)')
    .argument('<id>', 'briefing id', positiveInt)
    .argument('<status>', BRIEFING_STATUSES.join(' | '), statusArg)
    .option('--note <text>', 'a note for the audit log')
    .option('--json', 'print the briefing as JSON')
    .action(async (id: number, status: BriefingStatus, options: { note?: string; json?: boolean }, command: Command) => {
      await withService(command, (service) => {
        const detail = service.setStatus(id, status, options.note);
        if (options.json) return printJson(context.io, detail);
        context.io.stdout.write(`Briefing ${id} is ${detail.status} (version ${detail.version}).\n`);
      });
    });

  registerBriefingReadCommands(briefing, context, withService);
  registerBriefingExportCommand(briefing, context, withService);
}


function printAttachOutcome(context: CliContext, id: number, mode: 'attach' | 'detach', o: AttachOutcome): void {
  const verb = mode === 'attach' ? 'Attached' : 'Detached';
  const already = mode === 'attach' ? 'already attached' : 'not attached';
  context.io.stdout.write(`${verb} ${o.changed} indicator${o.changed === 1 ? '' : 's'} (${o.unchanged} ${already}); briefing ${id} has ${o.total}`);
  context.io.stdout.write(o.changed > 0 ? `, saved as version ${o.version}.\n` : '; no new version.\n');
  if (o.notFoundCount > 0) {
    context.io.stderr.write(`liaison: ${o.notFoundCount} not in this vault: ${o.notFound.slice(0, 10).join(', ')}${o.notFoundCount > 10 ? ', ...' : ''}\n`);
  }
}

/** Reads a Markdown body, refusing a file no briefing could hold before reading it. */
async function readBodyFile(file: string): Promise<string> {
  const resolved = path.resolve(file);
  const info = await stat(resolved).catch((error: unknown) => {
    throw new WorkbenchError('NOT_FOUND', `${file}: cannot read the body file.`, { cause: error });
  });
  if (!info.isFile()) throw new WorkbenchError('INVALID_INPUT', `${file} is not a file.`);
  if (info.size > MAX_BODY_FILE) {
    throw new WorkbenchError('INVALID_INPUT', `${file} is ${Math.round(info.size / (1024 * 1024))} MB; a briefing body may hold at most ${MAX_BODY_FILE / (1024 * 1024)} MB.`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(await readFile(resolved));
  } catch (error) {
    if (error instanceof TypeError) throw new WorkbenchError('INVALID_INPUT', `${file} is not UTF-8 text.`, { cause: error });
    throw error;
  }
}

/** Parses --where early; a syntax error is a usage error (exit 2) that names the position. */
function whereOrExit(text: string, command: Command): void {
  try {
    parseWhere(text);
  } catch (error) {
    if (error instanceof WhereSyntaxError) {
      const message = `--where: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}\n  ${text}\n  ${' '.repeat(error.position)}^`;
      command.error(message, { exitCode: 2 });
    }
    throw error;
  }
}

function statusArg(value: string): BriefingStatus {
  const status = value.toLowerCase().replace(/_/g, '-');
  if (!(BRIEFING_STATUSES as readonly string[]).includes(status)) throw new InvalidArgumentError(`expected ${BRIEFING_STATUSES.join(', ')}.`);
  return status as BriefingStatus;
}
