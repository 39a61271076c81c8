import { Option, type Command } from 'commander';
import { BRIEFING_EXPORT_FORMATS, type BriefingExportFormat } from '../../core/briefings';
import type { TlpLevel } from '../../core/indicators/tlp-level';
import type { CliContext } from '../context';
import { formatBytes, printJson } from '../output';
import { positiveInt, tlpArg, type WithService } from './briefing-args';

interface ExportOptions {
  format: BriefingExportFormat;
  out: string;
  tlpMax?: TlpLevel;
  defang: boolean;
  version?: number;
  json?: boolean;
}

/** `liaison briefing export ID --format F --out FILE [--tlp-max L] [--no-defang]`. */
export function registerBriefingExportCommand(briefing: Command, context: CliContext, withService: WithService): void {
  briefing
    .command('export')
    .description('export a saved version; nothing marked above --tlp-max leaves, and the export log (audited) says what was withheld and why')
    .argument('<id>', 'briefing id', positiveInt)
    .addOption(new Option('--format <format>', 'file format').choices([...BRIEFING_EXPORT_FORMATS]).makeOptionMandatory())
    .requiredOption('--out <file>', 'where to write the export')
    .option('--tlp-max <level>', 'the ceiling (default: the briefing\'s own TLP)', tlpArg)
    .option('--no-defang', 'keep indicator values live in HTML, PDF and CSV (default: defanged)')
    .option('--version <n>', 'a saved version (default: the latest)', positiveInt)
    .option('--json', 'print the outcome as JSON')
    .action(async (id: number, options: ExportOptions, command: Command) => {
      await withService(command, async (service) => {
        const outcome = await service.export(
          {
            id,
            format: options.format,
            defang: options.defang,
            ...(options.tlpMax ? { tlpMax: options.tlpMax } : {}),
            ...(options.version ? { version: options.version } : {}),
          },
          { kind: 'path', path: options.out },
        );
        if (options.json) return printJson(context.io, outcome);
        context.io.stdout.write(
          `Exported briefing ${id} version ${outcome.version} as ${outcome.format.toUpperCase()} to ${options.out} (${formatBytes(outcome.bytes)}), ` +
            `marked TLP:${outcome.marking.toUpperCase()}${outcome.defanged ? '' : ', indicators live (not defanged)'}.\n`,
        );
        for (const note of outcome.notes) context.io.stdout.write(`Note: ${note}\n`);
        if (outcome.withheld.length > 0) {
          const sections = outcome.withheld.filter((w) => w.kind === 'section').length;
          context.io.stdout.write(
            `Withheld above TLP:${outcome.tlpMax.toUpperCase()}: ${sections} section${sections === 1 ? '' : 's'}, ${outcome.withheld.length - sections} indicator${outcome.withheld.length - sections === 1 ? '' : 's'} (see "liaison audit").\n`,
          );
          for (const item of outcome.withheld.slice(0, 20)) context.io.stdout.write(`  ${item.kind} ${item.label}: TLP:${item.tlp.toUpperCase()}\n`);
          if (outcome.withheld.length > 20) context.io.stdout.write(`  ... and ${outcome.withheld.length - 20} more\n`);
        }
      });
    });
}
