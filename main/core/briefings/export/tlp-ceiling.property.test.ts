import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INDICATOR_SAMPLES, indicator, sampleBriefing, section } from '../../../../test/helpers/briefing-export-sample';
import { recordingPdfPrinter } from '../../../../test/helpers/fake-pdf-printer';
import { INDICATOR_TYPES } from '../../indicators/indicator-type';
import { TLP_LEVELS, type TlpLevel } from '../../ingest/ingest-record';
import { TLP_MARKING_IDS, parseTlpWord } from '../../ingest/stix/tlp-markings';
import { TRIAGE_STATUSES } from '../../triage/triage-model';
import { tlpRank } from '../../vault/queries/tlp-rank';
import { exportBriefing } from './export-briefing';
import type { BriefingExportInput } from './export-input';
import { EXPORT_FORMATS, type ExportFormat } from './export-result';
import { BriefingExportError } from './export-error';
import { propertySeed } from '../../../../test/helpers/property-seed';

const tlp = fc.constantFrom(...TLP_LEVELS);

/** Random briefings: random document, section and indicator markings, every indicator type. */
const briefings: fc.Arbitrary<BriefingExportInput> = fc.record({
  tlp,
  sections: fc.array(tlp, { maxLength: 6 }),
  indicators: fc.array(fc.record({ type: fc.constantFrom(...INDICATOR_TYPES), tlp, status: fc.constantFrom(...TRIAGE_STATUSES) }), { maxLength: 12 }),
}).map(({ tlp: documentTlp, sections, indicators }) => sampleBriefing({
  tlp: documentTlp,
  // Each section's text names its marking, so any leak of its body is visible in every format.
  sections: sections.map((level, n) => section(`s-${n}`, `Section ${n}`, `Body of section ${n}: marker-${level}-${n}`, level)),
  indicators: indicators.map((i, n) => indicator(`i-${n}`, i.type, INDICATOR_SAMPLES[i.type], i.tlp, i.status)),
}));

const above = (level: TlpLevel, ceiling: TlpLevel): boolean => tlpRank(level) > tlpRank(ceiling);

/** Every TLP level an output shows, read back the way a recipient's tool would read it. */
function levelsIn(format: ExportFormat, text: string): TlpLevel[] {
  switch (format) {
    case 'stix': {
      const bundle = JSON.parse(text) as { objects: Array<{ type: string; id: string; object_marking_refs?: string[] }> };
      return bundle.objects.flatMap((o) => [...(o.object_marking_refs ?? []), ...(o.type === 'marking-definition' ? [o.id] : [])]).map((id) => TLP_MARKING_IDS[id]!);
    }
    case 'misp': {
      const { Event } = JSON.parse(text) as { Event: { Tag: Array<{ name: string }>; Attribute: Array<{ Tag: Array<{ name: string }> }> } };
      const tags = [...Event.Tag, ...Event.Attribute.flatMap((a) => a.Tag)].map((t) => t.name).filter((n) => n.startsWith('tlp:'));
      return tags.map((n) => parseTlpWord(n)!);
    }
    case 'csv':
      return text.trim().split('\r\n').slice(1).map((line) => line.split(',')[2] as TlpLevel);
    case 'html':
    case 'pdf':
      return [...text.matchAll(/data-tlp="([^"]+)"|TLP:([A-Z+]+)/g)].map((m) => parseTlpWord(m[1] ?? m[2])!);
  }
}

describe('TLP ceiling, every format (property)', () => {
  it('never exports anything above the ceiling, and refuses a briefing above it', async () => {
    await fc.assert(
      fc.asyncProperty(briefings, async (input) => {
        for (const ceiling of TLP_LEVELS) {
          for (const format of EXPORT_FORMATS) {
            const { printer, calls } = recordingPdfPrinter();
            const run = exportBriefing(input, {
              format, tlpMax: ceiling,
              // The PDF is the HTML handed to the printer; reading that HTML checks what Chromium would print.
              pdfPrinter: printer,
            });
            if (above(input.tlp, ceiling)) {
              await expect(run).rejects.toBeInstanceOf(BriefingExportError);
              continue;
            }
            const result = await run;
            const text = format === 'pdf' ? calls[0]!.html : new TextDecoder().decode(result.bytes);
            const levels = levelsIn(format, text);
            expect(levels.every((l) => l !== undefined)).toBe(true);
            expect(levels.filter((l) => above(l, ceiling)), `${format} at ${ceiling}`).toEqual([]);
            expect(above(result.marking, ceiling)).toBe(false);
            for (const s of input.sections) {
              const marker = `marker-${s.tlp}-${s.id.slice(2)}`;
              if (format !== 'csv' && format !== 'misp') expect(text.includes(marker), `${format} at ${ceiling}: ${marker}`).toBe(!above(s.tlp, ceiling));
            }
            const kept = input.indicators.filter((i) => !above(i.tlp, ceiling)).length;
            expect(result.withheld.filter((w) => w.kind === 'indicator')).toHaveLength(input.indicators.length - kept);
          }
        }
      }),
      { numRuns: 40, ...propertySeed() },
    );
  });
});
