import type { Command } from 'commander';
import { changePassphrase, createVault, rotateDataKey, unlockVault, type VaultInfoData } from '../../core/vault';
import type { CliContext, GlobalOptions } from '../context';
import { formatBytes, printFields, printJson } from '../output';
import { readPassphrase } from '../passphrase';

interface JsonOption {
  json?: boolean;
}

/** `liaison vault init | info | rekey`. */
export function registerVaultCommands(program: Command, context: CliContext): void {
  const vault = program.command('vault').description('create, inspect and rekey the encrypted vault');

  vault
    .command('init')
    .description('create a new vault (passphrase from LIAISON_PASSPHRASE, --passphrase-file, or a prompt)')
    .option('--json', 'print the result as JSON')
    .action(async (options: JsonOption, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const location = context.resolveLocation(globals);
      const passphrase = await readVaultPassphrase(context, globals, 'New vault passphrase: ', true);
      const opened = await createVault(location, passphrase, context.vaultOptions());
      try {
        const info = opened.info();
        if (options.json) printJson(context.io, info);
        else {
          context.io.stdout.write('Created a new vault.\n');
          printInfo(context, info);
        }
      } finally {
        opened.close();
      }
    });

  vault
    .command('info')
    .description('show schema version, cipher, KDF, row counts and file size')
    .option('--json', 'print the result as JSON')
    .action(async (options: JsonOption, command: Command) => {
      const opened = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const info = opened.info();
        if (options.json) printJson(context.io, info);
        else printInfo(context, info);
      } finally {
        opened.close();
      }
    });

  vault
    .command('rekey')
    .description('change the passphrase (new one from LIAISON_NEW_PASSPHRASE, --new-passphrase-file, or a prompt)')
    .option('--new-passphrase-file <file>', 'read the new passphrase from the first line of FILE')
    .option('--rotate-data-key', 're-encrypt the database under a new data key too (needs the vault closed elsewhere and room for one copy of it)')
    .option('--json', 'print the result as JSON')
    .action(async (options: JsonOption & { newPassphraseFile?: string; rotateDataKey?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const location = context.resolveLocation(globals);
      const current = await readVaultPassphrase(context, globals, 'Current passphrase: ');
      const next = await readPassphrase(context.io, {
        file: options.newPassphraseFile,
        envName: 'LIAISON_NEW_PASSPHRASE',
        fileFlag: '--new-passphrase-file',
        prompt: 'New passphrase: ',
        confirm: true,
      });
      const rekey = options.rotateDataKey ? rotateDataKey : changePassphrase;
      const result = await rekey(location, current, next, context.vaultOptions());
      const dataKeyRotated = options.rotateDataKey ?? false;
      if (options.json) printJson(context.io, { location, ...result, dataKeyRotated });
      else printFields(context.io, [['Passphrase changed', result.changedAt], ['Data key', dataKeyRotated ? 'new (database re-encrypted)' : 'unchanged'], ['Location', location]]);
    });
}

/** Resolves the location, reads the passphrase and unlocks: the start of every command that reads the vault. */
export async function unlock(context: CliContext, globals: GlobalOptions) {
  const location = context.resolveLocation(globals);
  const passphrase = await readVaultPassphrase(context, globals, 'Passphrase: ');
  return unlockVault(location, passphrase, context.vaultOptions());
}

/** The vault's passphrase: --passphrase-file, else LIAISON_PASSPHRASE, else a no-echo prompt. */
function readVaultPassphrase(context: CliContext, globals: GlobalOptions, prompt: string, confirm = false): Promise<string> {
  return readPassphrase(context.io, { file: globals.passphraseFile, envName: 'LIAISON_PASSPHRASE', fileFlag: '--passphrase-file', prompt, confirm });
}

function printInfo(context: CliContext, info: VaultInfoData): void {
  const { kdf } = info;
  printFields(context.io, [
    ['Location', info.location],
    ['Vault ID', info.vaultId],
    ['Schema version', info.schemaVersion],
    ['Cipher', info.cipher],
    ['KDF', `${kdf.name} N=${kdf.N} r=${kdf.r} p=${kdf.p}`],
    ['Created', info.createdAt],
    ['Passphrase changed', info.passphraseChangedAt ?? 'never'],
    ['File size', formatBytes(info.fileSizeBytes)],
    ...Object.entries(info.counts).map(([table, count]) => [`Rows in ${table}`, count] as const),
  ]);
}
