import type { Command } from 'commander';
import path from 'node:path';
import { listCatalogues, readAttackBundle, searchTechniques, storeAttackBundle } from '../../core/briefings';
import type { CliContext, GlobalOptions } from '../context';
import { printJson, printTable } from '../output';
import { unlock } from './vault';

/** `liaison attack load FILE | search QUERY | list`. */
export function registerAttackCommands(program: Command, context: CliContext): void {
  const attack = program.command('attack').description('the offline MITRE ATT&CK catalogue (enterprise, mobile, ICS) for briefings');

  attack
    .command('load')
    .description("load an ATT&CK STIX 2.1 bundle (enterprise-attack.json, mobile-attack.json or ics-attack.json from MITRE's attack-stix-data)")
    .argument('<file>', 'the bundle')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      // Read (and check) the whole file before the vault is opened: a corrupt bundle changes nothing.
      const bundle = await readAttackBundle(path.resolve(file));
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const result = storeAttackBundle(vault.db, { actor: vault.actor, at: vault.now() }, bundle);
        if (options.json) return printJson(context.io, result);
        printTable(
          context.io,
          ['DOMAIN', 'VERSION', 'TECHNIQUES', 'TACTICS', 'LOADED'],
          result.catalogues.map((c) => [c.domain, c.version, String(c.techniques), String(c.tactics), c.outcome]),
        );
        if (result.skipped > 0) context.io.stdout.write(`${result.skipped} revoked or deprecated objects skipped.\n`);
      } finally {
        vault.close();
      }
    });

  attack
    .command('search')
    .description('techniques by id prefix (T1566) or words of the name')
    .argument('<query...>', 'id or words')
    .option('--json', 'print one JSON array')
    .action(async (words: string[], options: { json?: boolean }, command: Command) => {
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const hits = searchTechniques(vault.db, words.join(' '), 50);
        if (options.json) return printJson(context.io, hits);
        if (hits.length === 0) return void context.io.stdout.write(listCatalogues(vault.db).length === 0 ? 'No ATT&CK catalogue is loaded (liaison attack load FILE).\n' : 'No technique matches.\n');
        printTable(context.io, ['ID', 'DOMAIN', 'TACTICS', 'NAME'], hits.map((t) => [t.id, t.domain, t.tactics.join(','), t.name]));
      } finally {
        vault.close();
      }
    });

  attack
    .command('list')
    .description('the loaded catalogues')
    .option('--json', 'print one JSON array')
    .action(async (options: { json?: boolean }, command: Command) => {
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const catalogues = listCatalogues(vault.db);
        if (options.json) return printJson(context.io, catalogues);
        printTable(
          context.io,
          ['DOMAIN', 'VERSION', 'TECHNIQUES', 'TACTICS', 'FILE', 'LOADED'],
          catalogues.map((c) => [c.domain, c.version, String(c.techniques), String(c.tactics), c.fileName, c.loadedAt]),
        );
      } finally {
        vault.close();
      }
    });
}
