import { Argument, InvalidArgumentError, Option, type Command } from 'commander';
import { WorkbenchError } from '../../core/errors';
import type { TlpLevel } from '../../core/ingest/ingest-record';
import { TLP_LEVELS } from '../../core/ingest/ingest-record';
import {
  addSyncProfile, listConflicts, listSyncProfiles, readCaFile, removeSyncProfile, requireSyncProfileSecrets, resolveConflict, runSync,
  shareIndicators, syncStatus, testConnection, type ConnectionReport, type ProfileRunReport, type SyncProgress, type TaxiiCredentials,
} from '../../core/sync';
import { getIndicator } from '../../core/vault/queries/indicator-reads';
import type { CliContext, GlobalOptions } from '../context';
import { printFields, printJson, printTable } from '../output';
import { parseIndicatorKey } from './indicators';
import { unlock } from './vault';

interface AddOptions {
  url: string;
  apiRoot?: string;
  collection: string;
  pullCollection: string[];
  user?: string;
  passwordEnv?: string;
  tokenEnv?: string;
  caFile?: string;
  tlpMax: TlpLevel;
  json?: boolean;
}

/** `liaison sync add|list|remove|test|run|status|conflicts|resolve|share`. */
export function registerSyncCommands(program: Command, context: CliContext): void {
  const sync = program.command('sync').description('share indicators with TAXII 2.1 servers and pull what partners shared');
  const withVault = async <T>(command: Command, work: (vault: Awaited<ReturnType<typeof unlock>>) => Promise<T> | T): Promise<T> => {
    const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
    try {
      return await work(vault);
    } finally {
      vault.close();
    }
  };

  sync
    .command('add')
    .description('add a server profile (secrets are read from environment variables and kept only in the encrypted vault)')
    .argument('<name>', 'profile name')
    .requiredOption('--url <url>', 'the TAXII discovery URL')
    .option('--api-root <url>', 'API root URL (default: the server\'s default API root)')
    .requiredOption('--collection <id>', 'collection to publish to')
    .option('--pull-collection <id>', 'collection to pull from (repeatable; default: the publish collection)', collect, [])
    .option('--user <name>', 'HTTP Basic user name (with --password-env)')
    .option('--password-env <VAR>', 'environment variable holding the Basic password')
    .option('--token-env <VAR>', 'environment variable holding a bearer token')
    .option('--ca-file <file>', 'PEM file of the CA that signs the server certificate')
    .addOption(new Option('--tlp-max <level>', 'nothing above this TLP is ever sent to this server').choices([...TLP_LEVELS]).default('green'))
    .option('--json', 'print the profile as JSON')
    .action(async (name: string, options: AddOptions, command: Command) => {
      const credentials = readCredentials(context, options);
      const caPem = options.caFile ? readCaFile(options.caFile) : undefined;
      await withVault(command, (vault) => {
        const profile = addSyncProfile(vault.db, {
          name, discoveryUrl: options.url, pushCollection: options.collection, pullCollections: options.pullCollection, credentials, tlpMax: options.tlpMax,
          ...(options.apiRoot ? { apiRootUrl: options.apiRoot } : {}), ...(caPem ? { caPem } : {}),
        }, { actor: vault.actor, at: vault.now() });
        if (options.json) return printJson(context.io, profile);
        context.io.stdout.write(`Added sync profile ${profile.name} (${profile.auth === 'none' ? 'no authentication' : profile.auth}, TLP ceiling ${profile.tlpMax.toUpperCase()}).\n`);
      });
    });

  sync
    .command('list')
    .description('list server profiles (never their secrets)')
    .option('--json', 'print one JSON array')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withVault(command, (vault) => {
        const profiles = listSyncProfiles(vault.db);
        if (options.json) return printJson(context.io, profiles);
        printTable(context.io, ['NAME', 'AUTH', 'TLP MAX', 'PUBLISH TO', 'PULL FROM', 'URL'], profiles.map((p) => [p.name, p.auth, p.tlpMax.toUpperCase(), p.pushCollection, p.pullCollections.join(','), p.discoveryUrl]));
      });
    });

  sync
    .command('remove')
    .description('remove a profile with its outbox, checkpoints and conflicts')
    .argument('<name>', 'profile name')
    .action(async (name: string, _options: unknown, command: Command) => {
      await withVault(command, (vault) => removeSyncProfile(vault.db, name, { actor: vault.actor, at: vault.now() }));
      context.io.stdout.write(`Removed sync profile ${name}.\n`);
    });

  sync
    .command('test')
    .description('check discovery, API root and collections (can read / can write) without changing anything')
    .argument('<name>', 'profile name')
    .option('--json', 'print the report as JSON')
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const report = await withVault(command, (vault) => {
        const p = requireSyncProfileSecrets(vault.db, name);
        return testConnection({ discoveryUrl: p.discoveryUrl, apiRootUrl: p.apiRootUrl, pushCollection: p.pushCollection, pullCollections: p.pullCollections, credentials: p.credentials, ...(p.caPem ? { caPem: p.caPem } : {}) });
      });
      if (options.json) printJson(context.io, report);
      else printConnection(context, report);
      if (!report.ok) throw new WorkbenchError('INVALID_INPUT', report.error ?? 'The connection test failed.');
    });

  sync
    .command('run')
    .description('pull every pull collection, then push the outbox (Ctrl-C cancels; committed pages stay)')
    .argument('[name]', 'only this profile')
    .option('--json', 'print the run report as JSON')
    .action(async (name: string | undefined, options: { json?: boolean }, command: Command) => {
      const controller = new AbortController();
      const onSignal = (): void => controller.abort();
      process.once('SIGINT', onSignal);
      const progress = context.io.stderr.isTTY ? progressLine(context) : undefined;
      try {
        const reports = await withVault(command, (vault) => runSync(vault.db, {
          actor: vault.actor, force: true, signal: controller.signal, now: vault.now,
          ...(name ? { profile: name } : {}), ...(progress ? { onProgress: progress.update } : {}),
        }));
        progress?.done();
        if (options.json) printJson(context.io, reports);
        else printRun(context, reports);
        const failed = reports.filter((r) => !r.ok);
        if (failed.length > 0) throw new WorkbenchError('INVALID_INPUT', `${failed.length} of ${reports.length} profile(s) did not complete: ${failed.map((f) => `${f.profile}: ${f.error ?? 'failed'}`).join('; ')}`);
      } finally {
        progress?.done();
        process.removeListener('SIGINT', onSignal);
      }
    });

  sync
    .command('status')
    .description('per profile: last success, queued objects, failures, conflicts')
    .option('--json', 'print one JSON array')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withVault(command, (vault) => {
        const status = syncStatus(vault.db);
        if (options.json) return printJson(context.io, status);
        printTable(context.io, ['PROFILE', 'LAST SUCCESS', 'QUEUED', 'PENDING', 'SENT', 'FAILED', 'WITHHELD (TLP)', 'CONFLICTS', 'LAST ERROR'],
          status.map((s) => [s.profile, s.lastSuccessAt ?? 'never', String(s.queued), String(s.pending), String(s.accepted), String(s.failed), String(s.withheld), String(s.conflicts), s.lastError ?? '']));
      });
    });

  sync
    .command('conflicts')
    .description('objects changed here and on the server: both versions, side by side')
    .option('--json', 'print one JSON array with both versions')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withVault(command, (vault) => {
        const conflicts = listConflicts(vault.db);
        if (options.json) return printJson(context.io, conflicts);
        printTable(context.io, ['ID', 'PROFILE', 'OBJECT', 'MINE (modified)', 'THEIRS (modified)'], conflicts.map((c) => [String(c.id), c.profile, String(c.local.object.name ?? c.stixId), c.local.modified, c.remote.modified]));
      });
    });

  sync
    .command('resolve')
    .description('resolve a conflict: keep-mine re-publishes your version; take-theirs takes the server\'s')
    .argument('<id>', 'conflict id (see "liaison sync conflicts")', wholeNumber)
    .addArgument(new Argument('<choice>', 'keep-mine or take-theirs').choices(['keep-mine', 'take-theirs']))
    .action(async (id: number, choice: 'keep-mine' | 'take-theirs', _options: unknown, command: Command) => {
      await withVault(command, (vault) => resolveConflict(vault.db, id, choice, { actor: vault.actor, now: vault.now }));
      context.io.stdout.write(`Conflict ${id} resolved: ${choice === 'keep-mine' ? 'your version is queued to be published' : "the server's version is now yours"}.\n`);
    });

  sync
    .command('share')
    .description('mark indicators for sharing: their STIX versions go into the outbox of each profile whose TLP ceiling allows them')
    .argument('<indicators...>', 'ids or TYPE:VALUE')
    .option('--to <profile>', 'only this profile (repeatable; default: every profile)', collect, [])
    .option('--json', 'print the result as JSON')
    .action(async (keys: string[], options: { to: string[]; json?: boolean }, command: Command) => {
      const lookups = keys.map((key) => ({ key, lookup: parseIndicatorKey(key) }));
      await withVault(command, (vault) => {
        const ids = lookups.map(({ key, lookup }) => {
          const found = getIndicator(vault.db, lookup);
          if (!found) throw new WorkbenchError('NOT_FOUND', `No indicator ${key} in this vault.`);
          return found.id;
        });
        const result = shareIndicators(vault.db, ids, { actor: vault.actor, at: vault.now(), profiles: options.to });
        if (options.json) return printJson(context.io, result);
        context.io.stdout.write(`Queued ${result.queued} object version(s) for ${result.profiles.join(', ')}; ${result.unchanged} unchanged since last shared; ${result.aboveCeiling} above a profile's TLP ceiling (not queued).\n`);
      });
    });
}

/** Secrets come from environment variables named on the command line: argv never holds them (ps, shell history). */
function readCredentials(context: CliContext, options: AddOptions): TaxiiCredentials {
  if (options.tokenEnv && (options.user || options.passwordEnv)) throw new WorkbenchError('INVALID_INPUT', 'Give either --user with --password-env, or --token-env, not both.');
  const secret = (variable: string): string => {
    const value = context.io.env[variable];
    if (!value) throw new WorkbenchError('INVALID_INPUT', `The environment variable ${variable} is not set or empty.`);
    return value;
  };
  if (options.tokenEnv) return { kind: 'bearer', token: secret(options.tokenEnv) };
  if (options.user || options.passwordEnv) {
    if (!options.user || !options.passwordEnv) throw new WorkbenchError('INVALID_INPUT', '--user and --password-env go together.');
    return { kind: 'basic', user: options.user, password: secret(options.passwordEnv) };
  }
  return { kind: 'none' };
}

function printConnection(context: CliContext, report: ConnectionReport): void {
  const yes = (b: boolean | undefined) => (b ? 'yes' : 'no');
  printFields(context.io, [
    ['Discovery', report.discovery ? `ok: ${report.discovery.title}` : 'failed'],
    ['API root', report.apiRoot ? `${report.apiRoot.url} (max_content_length ${report.apiRoot.maxContentLength})` : '-'],
    ['Collections', report.collections ? String(report.collections.length) : '-'],
    ...(report.push ? [[`Can write ${report.push.collection}`, yes(report.push.canWrite)] as const] : []),
    ...(report.pull ?? []).map((p) => [`Can read ${p.collection}`, yes(p.canRead)] as const),
    ['Result', report.ok ? 'ok' : (report.error ?? 'failed')],
  ]);
}

function printRun(context: CliContext, reports: readonly ProfileRunReport[]): void {
  printTable(context.io, ['PROFILE', 'RESULT', 'PULLED', 'NEW', 'CONFLICTS', 'SENT', 'REFUSED', 'PENDING'], reports.map((r) => [
    r.profile, r.ok ? 'ok' : 'INCOMPLETE',
    String(r.pulled.reduce((n, p) => n + p.received, 0)), String(r.pulled.reduce((n, p) => n + p.indicatorsNew, 0)), String(r.pulled.reduce((n, p) => n + p.conflicts, 0)),
    String(r.pushed.accepted), String(r.pushed.failed), String(r.pushed.pending),
  ]));
}

function progressLine(context: CliContext): { update(p: SyncProgress): void; done(): void } {
  let shown = false;
  return {
    update(p) {
      context.io.stderr.write(`\r\x1b[2Ksync ${p.profile}: ${p.phase}${p.collection ? ` ${p.collection}` : ''}  pulled ${p.pulled.toLocaleString('en')}  sent ${p.pushed.toLocaleString('en')}`);
      shown = true;
    },
    done() {
      if (shown) context.io.stderr.write('\r\x1b[2K');
      shown = false;
    },
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('Must be a whole number.');
  return Number(value);
}
