import { InvalidArgumentError, Option, type Command } from 'commander';
import { WorkbenchError } from '../../core/errors';
import { authorStampedOnUse } from '../../core/audit';
import {
  applyBulkChange,
  parseWhere,
  SEVERITIES,
  TRIAGE_STATUSES,
  undoBulkChange,
  updateIndicatorTriage,
  WhereSyntaxError,
  parseTlp,
  type QueueCondition,
  type Severity,
  type TriagePatch,
  type TriageStatus,
} from '../../core/triage';
import { installSyncHooks } from '../../core/sync';
import type { CliContext, GlobalOptions } from '../context';
import { readKeys } from '../key-input';
import { printJson, printJsonLine } from '../output';
import { parseIndicatorKey } from './indicators';
import { unlock } from './vault';

interface TriageOptions {
  status?: TriageStatus;
  confidence?: number;
  severity?: Severity;
  tlp?: string;
  tag: string[];
  untag: string[];
  note?: string;
  assignee?: string;
  validUntil?: string;
  where?: string;
  undo?: boolean;
  json?: boolean;
  jsonl?: boolean;
  stdin?: boolean;
}

/** `liaison triage KEY... --status S`, `liaison triage --where EXPR --status S`, `liaison triage --undo`. */
export function registerTriageCommand(program: Command, context: CliContext): void {
  program
    .command('triage')
    .description('set status, confidence, TLP, tags or notes on indicators (by key, or all matching --where); --undo reverts the last bulk change')
    .argument('[indicators...]', 'TYPE:VALUE (e.g. domain:evil[.]com) or ids')
    .addOption(new Option('--status <status>', 'new triage status').choices([...TRIAGE_STATUSES]))
    .option('--confidence <n>', 'confidence 0-100', confidenceArg)
    .addOption(new Option('--severity <level>', 'severity').choices([...SEVERITIES]))
    .option('--tlp <level>', 'TLP: clear, green, amber, amber+strict, red', tlpArg)
    .option('--tag <tag>', 'add a tag (repeatable)', collect, [])
    .option('--untag <tag>', 'remove a tag (repeatable)', collect, [])
    .option('--note <text>', 'set the notes (Markdown)')
    .option('--assignee <handle>', 'assign to an analyst profile')
    .option('--valid-until <date>', 'valid until (YYYY-MM-DD or ISO 8601)')
    .option('--where <conditions>', "every indicator matching, e.g. 'status=new type=domain tlp<=amber'")
    .option('--undo', 'undo the last bulk change')
    .option('--stdin', 'also read indicator keys from standard input, one per line')
    .option('--json', 'print the result as one JSON document')
    .option('--jsonl', 'print JSON Lines: one {key, id} line per indicator changed (one result line for --where, --undo)')
    .action(async (args: string[], options: TriageOptions, command: Command) => {
      if (options.json && options.jsonl) command.error('liaison: choose --json or --jsonl, not both', { exitCode: 2 });
      const keys = await readKeys(context.io, args, options.stdin ?? false);
      const json = (value: unknown) => (options.jsonl ? printJsonLine(context.io, value) : printJson(context.io, value));
      const mode = options.undo ? 'undo' : options.where !== undefined ? 'where' : 'keys';
      if ((mode === 'undo' && (keys.length > 0 || options.where !== undefined)) || (mode === 'where' && keys.length > 0)) {
        command.error('liaison: give indicators, --where or --undo, not several', { exitCode: 2 });
      }
      if (mode === 'keys' && keys.length === 0) command.error('liaison: name indicators, or use --where or --undo', { exitCode: 2 });
      const conditions = mode === 'where' ? whereOrExit(options.where!, command) : [];
      const patch = mode === 'undo' ? {} : toPatch(options);
      if (mode !== 'undo' && Object.keys(patch).length === 0) command.error('liaison: nothing to change (use --status, --confidence, --tlp, --tag ...)', { exitCode: 2 });
      const lookups = keys.map(parseIndicatorKey);
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      // An edit of a shared indicator queues its new version in the same transaction.
      installSyncHooks();
      try {
        const author = authorStampedOnUse(vault.actor, vault.now);
        if (mode === 'undo') {
          const result = undoBulkChange(vault.db, author);
          if (options.json || options.jsonl) return json(result);
          context.io.stdout.write(`Undid bulk change ${result.changeId}: ${result.count - result.kept} of ${result.count} indicators restored`);
          context.io.stdout.write(result.kept ? `, ${result.kept} kept because they were changed since.\n` : '.\n');
          return;
        }
        if (mode === 'where') {
          const result = applyBulkChange(vault.db, author, { filter: { conditions } }, patch);
          if (options.json || options.jsonl) return json(result);
          context.io.stdout.write(result.count === 0 ? 'No indicators match.\n' : `Changed ${result.count} indicators (bulk change ${result.changeId}; undo with "liaison triage --undo").\n`);
          return;
        }
        const byKey = vault.db.prepare('SELECT id FROM indicators WHERE type = ? AND value = ?').pluck();
        const byId = vault.db.prepare('SELECT 1 FROM indicators WHERE id = ?');
        const ids = lookups.map((key, i) => {
          const id = 'id' in key ? key.id : (byKey.get(key.type, key.value) as number | undefined);
          if (id === undefined || !byId.get(id)) throw new WorkbenchError('NOT_FOUND', `No indicator ${keys[i]} in this vault.`);
          return id;
        });
        const unique = [...new Set(ids)];
        const perKey = () => keys.forEach((key, i) => printJsonLine(context.io, { key, id: ids[i] }));
        if (unique.length === 1) {
          updateIndicatorTriage(vault.db, author, unique[0]!, patch);
          if (options.jsonl) return perKey();
          if (options.json) return printJson(context.io, { count: 1, ids: unique });
          context.io.stdout.write('Changed 1 indicator.\n');
          return;
        }
        const result = applyBulkChange(vault.db, author, { ids: unique }, patch);
        if (options.jsonl) return perKey();
        if (options.json) return printJson(context.io, result);
        context.io.stdout.write(`Changed ${result.count} indicators (bulk change ${result.changeId}; undo with "liaison triage --undo").\n`);
      } finally {
        vault.close();
      }
    });
}

/** Parses --where; a syntax error is a usage error (exit 2) that names the position. */
function whereOrExit(text: string, command: Command): QueueCondition[] {
  try {
    return parseWhere(text);
  } catch (error) {
    if (error instanceof WhereSyntaxError) {
      const message = `--where: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}\n  ${text}\n  ${' '.repeat(error.position)}^`;
      command.error(`liaison: ${message}`, { exitCode: 2 });
    }
    throw error;
  }
}

function toPatch(options: TriageOptions): TriagePatch {
  const patch: TriagePatch = {};
  if (options.status) patch.status = options.status;
  if (options.confidence !== undefined) patch.confidence = options.confidence;
  if (options.severity) patch.severity = options.severity;
  if (options.tlp) patch.tlp = parseTlp(options.tlp)!;
  if (options.tag.length) patch.addTags = options.tag;
  if (options.untag.length) patch.removeTags = options.untag;
  if (options.note !== undefined) patch.notes = options.note;
  if (options.assignee !== undefined) patch.assignee = options.assignee;
  if (options.validUntil !== undefined) patch.validUntil = options.validUntil;
  return patch;
}

function confidenceArg(value: string): number {
  if (!/^\d{1,3}$/.test(value) || Number(value) > 100) throw new InvalidArgumentError('Must be a whole number from 0 to 100.');
  return Number(value);
}

function tlpArg(value: string): string {
  if (!parseTlp(value)) throw new InvalidArgumentError('Must be clear, green, amber, amber+strict or red.');
  return value;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
