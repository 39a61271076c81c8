import { InvalidArgumentError, type Command } from 'commander';
import { listAudit, MAX_AUDIT_PAGE } from '../../core/audit';
import type { CliContext, GlobalOptions } from '../context';
import { printJson, printTable } from '../output';
import { unlock } from './vault';

/** `liaison audit list`. */
export function registerAuditCommands(program: Command, context: CliContext): void {
  const audit = program.command('audit').description('read the append-only audit log');

  audit
    .command('list')
    .description('list audit entries, newest first')
    .option('--json', 'print the entries as one JSON array')
    .option('--limit <n>', `how many entries (1-${MAX_AUDIT_PAGE})`, positiveInt(MAX_AUDIT_PAGE), 50)
    .option('--before-id <id>', 'only entries older than this id (the next page)', positiveInt(Number.MAX_SAFE_INTEGER))
    .action(async (options: { json?: boolean; limit: number; beforeId?: number }, command: Command) => {
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const entries = listAudit(vault.db, { limit: options.limit, ...(options.beforeId ? { beforeId: options.beforeId } : {}) });
        if (options.json) return printJson(context.io, entries);
        printTable(
          context.io,
          ['ID', 'AT', 'ACTOR', 'ACTION', 'TARGET'],
          entries.map((e) => [String(e.id), e.at, e.actor, e.action, e.target ?? '']),
        );
      } finally {
        vault.close();
      }
    });
}

/** Commander argument parser: a whole number from 1 to `max`, else a usage error (exit 2). */
function positiveInt(max: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError('Must be a whole number.');
    const n = Number(value);
    if (n < 1 || n > max) throw new InvalidArgumentError(`Must be from 1 to ${max}.`);
    return n;
  };
}
