import { InvalidArgumentError, type Command } from 'commander';
import path from 'node:path';
import { WorkbenchError } from '../../core/errors';
import {
  listWarninglists,
  matchAgainstWarninglists,
  readWarninglistFolder,
  setWarninglistCategory,
  storeWarninglists,
  suggestStatus,
  type WarninglistCategory,
  type WarninglistHit,
} from '../../core/warninglists';
import type { CliContext, GlobalOptions } from '../context';
import { printJson, printTable } from '../output';
import { parseIndicatorKey } from './indicators';
import { unlock } from './vault';

/** `liaison warninglists load DIR | match TYPE:VALUE | list | category NAME fp|known`. */
export function registerWarninglistCommands(program: Command, context: CliContext): void {
  const warninglists = program.command('warninglists').description('MISP warninglists: known-good and false-positive values');

  warninglists
    .command('load')
    .description('load every list.json under DIR (e.g. a checkout of MISP/misp-warninglists) and flag matching indicators')
    .argument('<dir>', 'folder to search for list.json files')
    .option('--json', 'print the result as JSON')
    .action(async (dir: string, options: { json?: boolean }, command: Command) => {
      const read = readWarninglistFolder(path.resolve(dir));
      if (read.lists.length === 0) throw new WorkbenchError('INVALID_INPUT', 'No valid list.json files in that folder.');
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const result = storeWarninglists(vault.db, { actor: vault.actor, at: vault.now() }, read.lists);
        if (options.json) return printJson(context.io, { ...result, problems: read.problems });
        for (const problem of read.problems) context.io.stderr.write(`liaison: skipped ${problem}\n`);
        printTable(
          context.io,
          ['LIST', 'TYPE', 'VERSION', 'ENTRIES', 'LOADED'],
          result.lists.map((l) => [l.name, read.lists.find((f) => f.name === l.name)?.type ?? '', String(l.version), String(l.entries), l.outcome]),
        );
        context.io.stdout.write(`${result.hits} warninglist hits on indicators in the vault.\n`);
      } finally {
        vault.close();
      }
    });

  warninglists
    .command('match')
    .description('which warninglists a value is on (whether or not it is in the vault)')
    .argument('<indicator>', 'TYPE:VALUE or an id')
    .option('--json', 'print the result as JSON')
    .action(async (key: string, options: { json?: boolean }, command: Command) => {
      const lookup = parseIndicatorKey(key);
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const target =
          'id' in lookup ? (vault.db.prepare('SELECT type, value FROM indicators WHERE id = ?').get(lookup.id) as { type: string; value: string } | undefined) : lookup;
        if (!target) throw new WorkbenchError('NOT_FOUND', `No indicator ${key} in this vault.`);
        const hits = matchAgainstWarninglists(vault.db, target.type, target.value);
        const suggested = suggestStatus(hits);
        if (options.json) return printJson(context.io, { ...target, lists: hits, suggestedStatus: suggested ?? null });
        if (hits.length === 0) return void context.io.stdout.write(`${target.type}:${target.value} is on no warninglist.\n`);
        for (const hit of hits) context.io.stdout.write(`${describeHit(hit)}\n`);
        if (suggested) context.io.stdout.write(`suggested status: ${suggested}\n`);
      } finally {
        vault.close();
      }
    });

  warninglists
    .command('list')
    .description('the warninglists in the vault')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const lists = listWarninglists(vault.db);
        if (options.json) return printJson(context.io, lists);
        printTable(
          context.io,
          ['LIST', 'TYPE', 'VERSION', 'ENTRIES', 'HITS', 'CATEGORY', 'SUGGESTS'],
          lists.map((l) => [
            l.name,
            l.type,
            String(l.version),
            String(l.entries),
            String(l.hits),
            l.categorySource === 'analyst' ? `${l.category} (set by analyst)` : l.category,
            l.suggestedStatus ?? '-',
          ]),
        );
      } finally {
        vault.close();
      }
    });

  warninglists
    .command('category')
    .description('set what a list holds: fp (values that are never indicators) or known (known identifiers attackers use too)')
    .argument('<name>', 'the list name, as `warninglists list` shows it')
    .argument('<category>', 'fp | false-positive | known', (given: string): WarninglistCategory => {
      const category = CATEGORY_WORDS[given.toLowerCase()];
      if (!category) throw new InvalidArgumentError('use fp or known.');
      return category;
    })
    .option('--json', 'print the result as JSON')
    .action(async (name: string, category: WarninglistCategory, options: { json?: boolean }, command: Command) => {
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const { changed } = setWarninglistCategory(vault.db, { actor: vault.actor, at: vault.now() }, name, category);
        if (options.json) return printJson(context.io, { name, category, changed });
        context.io.stdout.write(`${name}: ${category}${category === 'known' ? ' (hits ask for a check, no status suggested)' : ' (hits suggest false positive)'}.\n`);
      } finally {
        vault.close();
      }
    });
}

const CATEGORY_WORDS: Record<string, WarninglistCategory> = { fp: 'false-positive', 'false-positive': 'false-positive', false_positive: 'false-positive', known: 'known' };

/** One hit as a line: a known list asks for a check rather than suggesting a dismissal (issue #17.2). */
function describeHit(hit: WarninglistHit): string {
  return hit.category === 'known'
    ? `on list: ${hit.name} (a list of known ${hit.knownKind}: check before dismissing)`
    : `on list: ${hit.name} (values that are not indicators: likely a false positive)`;
}
