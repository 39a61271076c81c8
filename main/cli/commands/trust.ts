import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { WorkbenchError } from '../../core/errors';
import { addTrustedKey, listTrustedKeys, MAX_PUBLIC_IDENTITY_BYTES, parsePublicIdentityFile, removeTrustedKey } from '../../core/bundles';
import type { CliContext, GlobalOptions } from '../context';
import { printFields, printJson, printTable } from '../output';
import { unlock } from './vault';

/** `liaison trust add | list | remove`. */
export function registerTrustCommands(program: Command, context: CliContext): void {
  const trust = program.command('trust').description('partner identities whose bundles this vault trusts (audited)');

  trust
    .command('add')
    .description('trust the identity in a public identity file; compare the fingerprint with the partner first')
    .argument('<file>', 'public identity file from "liaison identity export-public"')
    .option('--name <name>', 'local name for this partner (default: "analyst (organisation)")')
    .option('--json', 'print the added key as JSON')
    .action(async (file: string, options: { name?: string; json?: boolean }, command: Command) => {
      const identity = parsePublicIdentityFile(readSmall(file), path.basename(file));
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const added = addTrustedKey(vault.db, { actor: vault.actor, at: vault.now() }, identity, options.name);
        if (options.json) return printJson(context.io, added);
        context.io.stdout.write(`Trusted "${added.name}". Check this fingerprint with them by phone:\n`);
        printFields(context.io, [['Fingerprint', added.fingerprint], ['Analyst', added.analyst], ['Organisation', added.organisation]]);
      } finally {
        vault.close();
      }
    });

  trust
    .command('list')
    .description('list trusted identities')
    .option('--json', 'print the keys as one JSON array')
    .action(async (options: { json?: boolean }, command: Command) => {
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const keys = listTrustedKeys(vault.reader);
        if (options.json) return printJson(context.io, keys);
        printTable(context.io, ['FINGERPRINT', 'NAME', 'ORGANISATION', 'ADDED'], keys.map((k) => [k.fingerprint, k.name, k.organisation, k.addedAt]));
      } finally {
        vault.close();
      }
    });

  trust
    .command('remove')
    .description('stop trusting an identity')
    .argument('<fingerprint>', 'its fingerprint (as "trust list" shows it)')
    .action(async (fingerprint: string, _options: unknown, command: Command) => {
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const removed = removeTrustedKey(vault.db, { actor: vault.actor, at: vault.now() }, fingerprint);
        context.io.stdout.write(`No longer trusted: ${removed.fingerprint} "${removed.name}"\n`);
      } finally {
        vault.close();
      }
    });
}

function readSmall(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    throw new WorkbenchError('INVALID_INPUT', `Cannot read ${file}.`, { cause: error });
  }
  if (stat.size > MAX_PUBLIC_IDENTITY_BYTES) throw new WorkbenchError('INVALID_INPUT', `${path.basename(file)}: too large to be a public identity file`);
  return fs.readFileSync(file, 'utf8');
}
