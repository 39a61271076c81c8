import fs from 'node:fs';
import type { Command } from 'commander';
import { WorkbenchError } from '../../core/errors';
import { ensureIdentity, exportAgeSecret, minisignPublicKeyFile, publicIdentityFile, renameIdentity, toPublic, type PublicIdentity } from '../../core/bundles';
import type { CliContext, GlobalOptions } from '../context';
import { printFields, printJson } from '../output';
import { unlock } from './vault';

/** `liaison identity show | set | export-public | export-secret`. */
export function registerIdentityCommands(program: Command, context: CliContext): void {
  const identity = program.command('identity').description("this vault's exchange identity: signing key, age key and fingerprint");

  identity
    .command('show')
    .description('print the public keys and the fingerprint to read to a partner (created on first use)')
    .option('--json', 'print the identity as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const mine = toPublic(await ensureIdentity(vault.db, { actor: vault.actor, at: vault.now() }));
        if (options.json) return printJson(context.io, mine);
        printIdentity(context, mine);
      } finally {
        vault.close();
      }
    });

  identity
    .command('set')
    .description('set the analyst and organisation names the identity carries (the keys stay)')
    .option('--analyst <name>', 'analyst name')
    .option('--organisation <name>', 'organisation name')
    .option('--json', 'print the identity as JSON')
    .action(async (options: { analyst?: string; organisation?: string; json?: boolean }, command: Command) => {
      if (options.analyst === undefined && options.organisation === undefined) {
        throw new WorkbenchError('INVALID_INPUT', 'Give --analyst and/or --organisation.');
      }
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const author = { actor: vault.actor, at: vault.now() };
        const names = { ...(options.analyst !== undefined ? { analyst: options.analyst } : {}), ...(options.organisation !== undefined ? { organisation: options.organisation } : {}) };
        await ensureIdentity(vault.db, author, names);
        const mine = renameIdentity(vault.db, author, names);
        if (options.json) return printJson(context.io, mine);
        printIdentity(context, mine);
      } finally {
        vault.close();
      }
    });

  identity
    .command('export-public')
    .description('write the public identity file a partner adds with "liaison trust add" (no secrets)')
    .requiredOption('--out <file>', 'where to write the file')
    .option('--minisign-key <file>', 'also write the signing key as a minisign public key file')
    .action(async (options: { out: string; minisignKey?: string }, command: Command) => {
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const mine = await ensureIdentity(vault.db, { actor: vault.actor, at: vault.now() });
        writeNew(options.out, publicIdentityFile(mine), 0o644);
        if (options.minisignKey) writeNew(options.minisignKey, minisignPublicKeyFile(mine.signPublic), 0o644);
        context.io.stdout.write(`Wrote the public identity ${mine.fingerprint} to ${options.out}\n`);
      } finally {
        vault.close();
      }
    });

  identity
    .command('export-secret')
    .description('write the PRIVATE age key, for decrypting bundles with the stock "age -d -i FILE" (audited)')
    .requiredOption('--age', 'export the age X25519 identity (the only secret that can be exported)')
    .requiredOption('--out <file>', 'where to write the key (created with mode 0600; never overwritten)')
    .action(async (options: { out: string }, command: Command) => {
      context.io.stderr.write(
        'WARNING: this writes the vault\'s private age key to a file. Anyone who has that file can read every bundle sent to this vault.\n' +
          'Keep it on encrypted storage and delete it when done; the export is recorded in the audit log.\n',
      );
      // Unlocking asks for the vault passphrase: only someone who can open the vault can take the key out.
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        await ensureIdentity(vault.db, { actor: vault.actor, at: vault.now() });
        writeNew(options.out, exportAgeSecret(vault.db, { actor: vault.actor, at: vault.now() }), 0o600);
        context.io.stdout.write(`Wrote the age identity to ${options.out}\n`);
      } finally {
        vault.close();
      }
    });
}

function printIdentity(context: CliContext, identity: PublicIdentity): void {
  printFields(context.io, [
    ['Fingerprint', identity.fingerprint],
    ['Analyst', identity.analyst],
    ['Organisation', identity.organisation],
    ['STIX identity', identity.stixId],
    ['Signing key (minisign)', identity.minisignPublicKey],
    ['Encryption key (age)', identity.ageRecipient],
    ['Created', identity.createdAt],
  ]);
}

/** Writes a new file; an existing one is never replaced (a key file overwritten by mistake is gone). */
export function writeNew(file: string, content: string, mode: number): void {
  try {
    fs.writeFileSync(file, content, { flag: 'wx', mode });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WorkbenchError('INVALID_INPUT', code === 'EEXIST' ? `${file} already exists; choose another name.` : `Cannot write ${file} (${code ?? 'error'}).`, { cause: error });
  }
}
