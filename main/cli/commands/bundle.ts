import { InvalidArgumentError, Option, type Command } from 'commander';
import { WorkbenchError } from '../../core/errors';
import { exportBundle, importBundle, listBundleImports, verifyBundle, type BundleVerification, type CustodyEntry } from '../../core/bundles';
import { TLP_LEVELS, type TlpLevel } from '../../core/ingest/ingest-record';
import { indexImportedIndicators } from '../../core/triage';
import type { CliContext, GlobalOptions } from '../context';
import { formatBytes, printFields, printJson, printTable } from '../output';
import { unlock } from './vault';

interface ExportOptions {
  out: string;
  briefing: number[];
  where?: string;
  tlpMax: TlpLevel;
  recipient: string[];
  plain?: boolean;
  json?: boolean;
}

/** `liaison bundle export | verify | import | list`. */
export function registerBundleCommands(program: Command, context: CliContext): void {
  const bundle = program.command('bundle').description('signed, optionally encrypted exchange files between teams');

  bundle
    .command('export')
    .description('export indicators as a signed bundle file, encrypted with --recipient, or as plain STIX with --plain')
    .requiredOption('--out <file>', 'the file to write (never replaces an existing one)')
    .option('--briefing <id>', "a briefing's STIX export (report, indicators, techniques; repeatable)", collectId, [] as number[])
    .option('--where <query>', 'which indicators, in the queue\'s --where language (default without --briefing: all but false-positive and expired)')
    .addOption(new Option('--tlp-max <level>', 'TLP ceiling: nothing marked above it is exported').choices([...TLP_LEVELS]).makeOptionMandatory())
    .option('--recipient <fingerprint|age1key>', 'encrypt to a trusted key or an age recipient (repeatable)', collect, [] as string[])
    .option('--plain', 'an unsigned plain STIX 2.1 bundle for MISP or OpenCTI')
    .option('--json', 'print the result as JSON')
    .action(async (options: ExportOptions, command: Command) => {
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const result = await exportBundle(vault.db, { actor: vault.actor, at: vault.now() }, {
          out: options.out,
          tlpMax: options.tlpMax,
          recipients: options.recipient,
          ...(options.where ? { where: options.where } : {}),
          ...(options.briefing.length ? { briefingIds: options.briefing } : {}),
          ...(options.plain ? { plain: true } : {}),
        });
        if (options.json) return printJson(context.io, result);
        printFields(context.io, [
          ['Wrote', `${result.file} (${result.kind}, ${formatBytes(result.bytes)})`],
          ['Bundle', result.bundleId],
          ['TLP ceiling', `TLP:${result.tlpMax.toUpperCase()}`],
          ['Indicators', result.indicators],
          ['Withheld (above ceiling)', result.withheld],
          ['Objects', result.objects.total],
          ['Custody entries', result.custodyEntries],
          ['Signed by', result.signer ?? 'not signed (plain STIX)'],
          ['Recipients', result.recipients.map((r) => (r.name ? `${r.name} ${r.fingerprint}` : r.ageRecipient)).join(', ') || 'none'],
          ['SHA-256', result.sha256],
        ]);
      } finally {
        vault.close();
      }
    });

  bundle
    .command('verify')
    .description('check a bundle without importing: signer, trust, manifest, counts, chain of custody, problems')
    .argument('<file>', 'bundle file')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const { report } = await verifyBundle(vault.reader, file);
        if (options.json) printJson(context.io, report);
        else printVerification(context, report);
        if (!report.ok) throw new WorkbenchError('INVALID_INPUT', report.problems[0]!);
      } finally {
        vault.close();
      }
    });

  bundle
    .command('import')
    .description('verify a bundle, then import it like any STIX file, with its provenance and chain of custody')
    .argument('<file>', 'bundle file')
    .option('--accept-unknown-signer', 'import although the signer is not in the trust store (recorded as such)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { acceptUnknownSigner?: boolean; json?: boolean }, command: Command) => {
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const outcome = await importBundle(vault.db, { actor: vault.actor, at: vault.now() }, file, {
          acceptUnknownSigner: options.acceptUnknownSigner ?? false,
          indexing: indexImportedIndicators,
          now: vault.now,
        });
        const { result, verification } = outcome;
        if (options.json) {
          return printJson(context.io, {
            bundleId: verification.bundleId,
            signer: verification.signer,
            sourceId: result.sourceId,
            records: result.records,
            indicators_new: result.indicatorsNew,
            indicators_merged: result.indicatorsMerged,
            rejected: result.rejected,
            notes: result.notes,
            custody: outcome.custody,
          });
        }
        printFields(context.io, [
          ['Imported', `${verification.file} (bundle ${verification.bundleId})`],
          ['Signer', `${verification.signer!.analyst} (${verification.signer!.organisation}) ${verification.signer!.fingerprint} ${verification.signer!.trusted ? `trusted as "${verification.signer!.trustedAs}"` : 'NOT TRUSTED (accepted)'}`],
          ['Records', result.records],
          ['New indicators', result.indicatorsNew],
          ['Merged (sighting added)', result.indicatorsMerged],
          ['Custody entries', `${outcome.custody.length} (this import appended)`],
        ]);
      } finally {
        vault.close();
      }
    });

  bundle
    .command('list')
    .description('bundles this vault imported, with signer and chain of custody')
    .option('--json', 'print the imports as JSON (custody chains included)')
    .action(async (options: { json?: boolean }, command: Command) => {
      const vault = await unlock(context, command.optsWithGlobals<GlobalOptions>());
      try {
        const imports = listBundleImports(vault.reader);
        if (options.json) return printJson(context.io, imports);
        printTable(
          context.io,
          ['IMPORTED', 'BUNDLE', 'SIGNER', 'TRUSTED', 'CUSTODY'],
          imports.map((i) => [i.importedAt, i.bundleId, `${i.signerName} ${i.signerFingerprint}`, i.signerTrusted ? 'yes' : 'accepted', String(i.custody.length)]),
        );
      } finally {
        vault.close();
      }
    });
}

function collectId(value: string, previous: number[]): number[] {
  if (!/^[1-9]\d{0,15}$/.test(value)) throw new InvalidArgumentError('A briefing id is a positive whole number.');
  return [...previous, Number(value)];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function printVerification(context: CliContext, report: BundleVerification): void {
  if (!report.ok) {
    printFields(context.io, [['Result', 'REJECTED'], ['Problem', report.problems[0] ?? 'unknown']]);
    return;
  }
  const signer = report.signer!;
  printFields(context.io, [
    ['Result', signer.trusted ? 'valid, trusted signer' : 'valid signature, UNKNOWN signer'],
    ['Signer', `${signer.analyst} (${signer.organisation})`],
    ['Fingerprint', signer.fingerprint],
    ['Trusted', signer.trusted ? `yes, as "${signer.trustedAs}"` : 'no (import needs --accept-unknown-signer)'],
    ['Bundle', report.bundleId ?? ''],
    ['Format', report.format ?? ''],
    ['Created', report.created ?? ''],
    ['Tool', report.tool ?? ''],
    ['TLP ceiling', `TLP:${(report.tlpMax ?? '').toUpperCase()}`],
    ['Encrypted', report.encrypted ? `yes, to ${report.encryptedTo.length} recipient(s)` : 'no (signed only)'],
    ['Objects', `${report.objects!.total} (${Object.entries(report.objects!.byType).map(([t, n]) => `${n} ${t}`).join(', ')})`],
    ...report.payload.map((p) => [p.name, `${p.size} bytes, sha256 ${p.sha256}`] as const),
    ['Chain of custody', report.custody!.verified ? `verified, ${report.custody!.entries.length} entries` : 'BROKEN'],
    ['Imported before', report.importedBefore],
  ]);
  printCustody(context, report.custody!.entries);
}

function printCustody(context: CliContext, entries: readonly CustodyEntry[]): void {
  context.io.stdout.write('\nChain of custody:\n');
  printTable(
    context.io,
    ['#', 'AT', 'ACTION', 'WHO', 'OBJECTS', 'DETAIL'],
    entries.map((e) => [String(e.seq), e.at, e.action, `${e.actor} (${e.organisation})`, String(e.objects.length), e.detail]),
  );
}
