import { Command, CommanderError } from 'commander';
import { toWorkbenchError } from '../core/errors';
import { registerAttackCommands } from './commands/attack';
import { registerAuditCommands } from './commands/audit';
import { registerBriefingCommands } from './commands/briefing';
import { registerImportCommand } from './commands/import';
import { registerIndicatorCommands } from './commands/indicators';
import { registerSyncCommands } from './commands/sync';
import { registerBriefingPublishCommand } from './commands/sync-publish';
import { registerTriageCommand } from './commands/triage';
import { registerWarninglistCommands } from './commands/warninglists';
import { registerVaultCommands } from './commands/vault';
import { createContext, type CliIo } from './context';
import { errorLine } from './output';

/** Exit codes: 0 success, 1 a user or input error (one line on stderr), 2 a usage error. */
export const EXIT = { ok: 0, error: 1, usage: 2 } as const;

/**
 * Runs the `liaison` CLI for `argv` (the user's arguments, without node and script) and returns the exit
 * code. Never calls process.exit, so tests can run it in-process. New command groups register here.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const context = createContext(io);
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
  registerVaultCommands(program, context);
  registerAuditCommands(program, context);
  registerImportCommand(program, context);
  registerIndicatorCommands(program, context);
  registerTriageCommand(program, context);
  registerWarninglistCommands(program, context);
  registerSyncCommands(program, context);
  registerBriefingCommands(program, context);
  registerAttackCommands(program, context);
  registerBriefingPublishCommand(program, context);

  try {
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
