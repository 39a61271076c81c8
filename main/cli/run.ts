import { Command, CommanderError } from 'commander';
import { toWorkbenchError } from '../core/errors';
import { createContext, type CliContext, type CliHost, type CliIo } from './context';
import { errorLine } from './output';

export type { CliHost } from './context';

/** Exit codes: 0 success, 1 a user or input error (one line on stderr), 2 a usage error. */
export const EXIT = { ok: 0, error: 1, usage: 2 } as const;

/** Adds one command group (its commands, options and actions) to the program. */
export type RegisterCommands = (program: Command, context: CliContext) => void;

/**
 * The top-level commands. Each group's module (and the core it needs: SQLite, parsers, zod) is imported
 * only when that group is the one being run, so `liaison --help` loads none of them and `liaison vault
 * info` loads only the vault's (issue #16: start-up was 0.8 s for --help when everything loaded).
 * To add a group: one line here, `name` being the word typed after `liaison`; the description is what the
 * top-level --help shows.
 */
export const COMMAND_GROUPS: ReadonlyArray<{ name: string; description: string; load: () => Promise<RegisterCommands> }> = [
  { name: 'vault', description: 'create, inspect and rekey the encrypted vault', load: async () => (await import('./commands/vault')).registerVaultCommands },
  { name: 'audit', description: 'read the audit log', load: async () => (await import('./commands/audit')).registerAuditCommands },
  { name: 'import', description: 'import indicator files (STIX 2.1, MISP, CSV, text) into the vault', load: async () => (await import('./commands/import')).registerImportCommand },
  { name: 'indicators', description: 'read indicators in the vault', load: async () => (await import('./commands/indicators')).registerIndicatorCommands },
  { name: 'triage', description: 'set status, confidence, TLP, tags or notes on indicators; --undo reverts the last bulk change', load: async () => (await import('./commands/triage')).registerTriageCommand },
  { name: 'warninglists', description: 'MISP warninglists: known-good and false-positive values', load: async () => (await import('./commands/warninglists')).registerWarninglistCommands },
  {
    name: 'briefing',
    description: 'write, version, export and publish briefings (Cyber Activity Reports, operational briefs)',
    load: async () => {
      // `briefing publish` lives with sync, where briefings meet the outbox.
      const [briefing, publish] = await Promise.all([import('./commands/briefing'), import('./commands/sync-publish')]);
      return (program, context) => {
        briefing.registerBriefingCommands(program, context);
        publish.registerBriefingPublishCommand(program, context);
      };
    },
  },
  { name: 'attack', description: 'load and search the MITRE ATT&CK catalogue', load: async () => (await import('./commands/attack')).registerAttackCommands },
  { name: 'identity', description: "this vault's signing and encryption identity: show, export the public keys", load: async () => (await import('./commands/identity')).registerIdentityCommands },
  { name: 'trust', description: 'the trust store: partners whose bundle signatures are accepted', load: async () => (await import('./commands/trust')).registerTrustCommands },
  { name: 'bundle', description: 'signed, optionally encrypted exchange bundles: export, verify, import', load: async () => (await import('./commands/bundle')).registerBundleCommands },
  { name: 'sync', description: 'TAXII 2.1 sync with the hub: server profiles, push, pull, status, conflicts', load: async () => (await import('./commands/sync')).registerSyncCommands },
];

/** Root options that take a value: skipped when looking for the command word. */
const ROOT_OPTIONS_WITH_VALUE = new Set(['--vault', '--passphrase-file']);

/**
 * Runs the `liaison` CLI for `argv` (the user's arguments, without node and script) and returns the exit
 * code. Never calls process.exit, so tests can run it in-process. `host` is what the program running the CLI
 * adds (the packaged app: its Electron-ABI SQLite binary).
 */
export async function runCli(argv: readonly string[], io: CliIo, host: CliHost = {}): Promise<number> {
  const context = createContext(io, host);
  const program = new Command('liaison')
    .description('Liaison Workbench command line: the encrypted vault, indicator import, lookup and triage, warninglists, and the audit log.')
    .option('--vault <path>', 'vault folder (default: $LIAISON_VAULT, else the platform data folder)')
    .option('--passphrase-file <file>', 'read the passphrase from the first line of FILE (else $LIAISON_PASSPHRASE, else a prompt)')
    // Set before adding commands: subcommands inherit both settings.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`liaison: ${text.replace(/^error: /, '').trimEnd()} (see "liaison --help")\n`),
    });

  try {
    const chosen = commandWord(argv);
    for (const group of COMMAND_GROUPS) {
      // The chosen group registers itself in full; the others are listed by name and description only.
      if (group.name === chosen) (await group.load())(program, context);
      else program.command(group.name).description(group.description);
    }
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const failure = toWorkbenchError(error);
    io.stderr.write(`liaison: ${errorLine(failure, context.location)}\n`);
    if (io.env.LIAISON_DEBUG && failure.cause instanceof Error) io.stderr.write(`${failure.cause.stack ?? failure.cause.message}\n`);
    return EXIT.error;
  }
}

/** The command the user typed (`liaison --vault x vault info` -> vault; `liaison help import` -> import). */
export function commandWord(argv: readonly string[]): string | undefined {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (ROOT_OPTIONS_WITH_VALUE.has(arg)) i += 1;
    else if (!arg.startsWith('-')) words.push(arg);
  }
  return words[0] === 'help' ? words[1] : words[0];
}
