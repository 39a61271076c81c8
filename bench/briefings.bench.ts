import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { exportBriefing, type BriefingExportInput, type ExportFormat, type ExportIndicator } from '../main/core/briefings/export';
import { TLP_LEVELS, type TlpLevel } from '../main/core/ingest/ingest-record';
import { TRIAGE_STATUSES } from '../main/core/triage/triage-model';
import { syntheticIndicators } from './lib/synthetic-indicators';

/**
 * Briefing exports at scale (issue #11): one briefing attaching 50,000 indicators exported to each format
 * at ceiling RED (nothing withheld, the largest file), each time next to a raw baseline measured in the
 * same run: JSON.stringify of the same input. Targets: HTML and STIX under 2 s, PDF under 10 s. With pdf,
 * also the PDF of a list with a value the annex's font cannot show (Chromium prints it), for information.
 * `--indicators N` to scale, `--formats html,stix` to choose.
 */
export async function main(args: string[]): Promise<void> {
  const count = Number(args[args.indexOf('--indicators') + 1]) || 50_000;
  const formatsArg = args.includes('--formats') ? args[args.indexOf('--formats') + 1]! : 'html,stix,misp,csv,pdf';
  const formats = formatsArg.split(',') as ExportFormat[];
  const input = syntheticBriefing(count);
  const baseline = timed(() => JSON.stringify(input));
  console.log(`briefing with ${count.toLocaleString('en-US')} indicators; baseline JSON.stringify of the input: ${baseline.toFixed(0)} ms`);
  const targets: Partial<Record<ExportFormat, number>> = { html: 2000, stix: 2000, pdf: 10_000 };
  let failed = false;
  console.log(`  load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores; cpu = CPU time of this process and of the browser it ran`);
  for (const format of formats) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const childBefore = childCpuMs();
    const result = await exportBriefing(input, { format, tlpMax: 'red' });
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000 + (childCpuMs() - childBefore);
    const target = targets[format];
    const verdict = target === undefined ? '' : ms <= target ? `  (target < ${target / 1000} s: met)` : `  (target < ${target / 1000} s: MISSED)`;
    if (target !== undefined && ms > target) failed = true;
    console.log(`  ${format.padEnd(5)} ${(ms / 1000).toFixed(2).padStart(6)} s (cpu ${(cpuMs / 1000).toFixed(2)} s)  ${(result.bytes.length / 1e6).toFixed(1).padStart(6)} MB  x${(ms / baseline).toFixed(1)} baseline${verdict}`);
  }
  if (formats.includes('pdf')) {
    // The annex's font shows Latin-1 only: a Cyrillic file name is printed by Chromium with the narrative.
    const mixed = { ...input, indicators: [...input.indicators.slice(1), { ...input.indicators[0]!, type: 'filename' as const, value: 'счёт-фактура.pdf.exe' }] };
    const started = performance.now();
    const result = await exportBriefing(mixed, { format: 'pdf', tlpMax: 'red' });
    console.log(`  pdf with a non-Latin value (Chromium prints that one): ${((performance.now() - started) / 1000).toFixed(2)} s  ${(result.bytes.length / 1e6).toFixed(1)} MB`);
  }
  if (failed) process.exitCode = 1;
}

function syntheticBriefing(count: number): BriefingExportInput {
  const indicators: ExportIndicator[] = [];
  let n = 0;
  for (const { type, value } of syntheticIndicators(count)) {
    indicators.push({
      id: `i-${n}`, type, value, tlp: TLP_LEVELS[n % 4]! as TlpLevel, status: TRIAGE_STATUSES[n % TRIAGE_STATUSES.length]!,
      confidence: n % 101, firstSeen: '2026-02-20T08:00:00.000Z', lastSeen: '2026-03-03T12:00:00.000Z', sightings: 1 + (n % 9), tags: ['bench'],
    });
    n++;
  }
  return {
    id: 'bench-briefing', title: 'Bench: Cyber Activity Report', summary: 'A briefing attaching many indicators.', tlp: 'amber',
    status: 'approved', version: 1, created: '2026-03-01T09:00:00.000Z', modified: '2026-03-04T16:20:00.000Z', validUntil: null,
    authors: [{ name: 'Bench Analyst', organisation: 'Bench CERT' }], producer: { name: 'Bench Analyst', organisation: 'Bench CERT' },
    distribution: ['Member CERTs'],
    sections: Array.from({ length: 6 }, (_, s) => ({ id: `s-${s}`, heading: `Section ${s}`, bodyMarkdown: `Paragraph **${s}** with a list:\n\n- one\n- two\n\n${'Text. '.repeat(200)}`, tlp: TLP_LEVELS[s % 5]! })),
    indicators,
    techniques: [
      { id: 'T1566.001', name: 'Spearphishing Attachment', tactics: ['initial-access'], url: null },
      { id: 'T1071.001', name: 'Web Protocols', tactics: ['command-and-control'], url: null },
      { id: 'T1059.001', name: 'PowerShell', tactics: ['execution'], url: null },
    ],
    references: [],
  };
}

/** CPU time of finished child processes (Chromium after the PDF), from /proc on Linux; 0 elsewhere. */
function childCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // cutime and cstime are fields 16 and 17 of stat(5), in clock ticks (100 per second on Linux).
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

function timed(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}
