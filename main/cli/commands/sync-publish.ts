import { InvalidArgumentError, type Command } from 'commander';
import { BriefingService } from '../../core/briefings';
import { publishBriefing } from '../../core/sync';
import type { CliContext, GlobalOptions } from '../context';
import { printJson, printTable } from '../output';
import { unlock } from './vault';

/**
 * `liaison briefing publish ID [--to PROFILE]...`: added to the briefing command group (registered
 * after it), since publishing is where briefings meet sync.
 */
export function registerBriefingPublishCommand(program: Command, context: CliContext): void {
  const briefing = program.commands.find((c) => c.name() === 'briefing') ?? program.command('briefing').description('briefings');
  briefing
    .command('publish')
    .description("publish an approved briefing: it becomes published and its STIX objects go into each sync profile's outbox, cut at the profile's TLP ceiling (one transaction)")
    .argument('<id>', 'briefing id', (value: string) => {
      if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('Must be a whole number.');
      return Number(value);
    })
    .option('--to <profile>', 'only this sync profile (repeatable; default: every profile)', (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('--json', 'print the result as JSON')
    .action(async (id: number, options: { to: string[]; json?: boolean }, command: Command) => {
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const service = new BriefingService({ reader: () => vault.db, writer: () => vault.db, author: () => ({ actor: vault.actor, at: vault.now() }), changed: () => undefined });
        const result = publishBriefing(vault.db, id, { setPublished: () => service.setStatus(id, 'published'), profiles: options.to, actor: vault.actor, at: vault.now() });
        if (options.json) return printJson(context.io, result);
        context.io.stdout.write(`Briefing ${id} (version ${result.version}) is published; its objects wait in the outbox for "liaison sync run".\n`);
        printTable(context.io, ['PROFILE', 'QUEUED', 'WITHHELD (above TLP ceiling)', 'NOTE'], result.profiles.map((p) => [p.profile, String(p.queued), String(p.withheld), p.refused ?? '']));
      } finally {
        vault.close();
      }
    });
}
