import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { sampleBriefing } from '../../../../test/helpers/briefing-export-sample';
import { exportBriefing } from './export-briefing';
import { csvCell } from './export-csv';

async function rows(defang?: boolean): Promise<string[][]> {
  const result = await exportBriefing(sampleBriefing(), { format: 'csv', tlpMax: 'amber', defang });
  expect(result).toMatchObject({ mediaType: 'text/csv;charset=utf-8', extension: 'csv' });
  return parse(Buffer.from(result.bytes)) as string[][];
}

describe('CSV export', () => {
  it('lists the included indicators, defanged by default, with their TLP', async () => {
    const [header, ...body] = await rows();
    expect(header).toEqual(['type', 'value', 'tlp', 'status', 'confidence', 'first_seen', 'last_seen', 'sightings', 'tags']);
    expect(body.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['ipv4', '198[.]51[.]100[.]23', 'green'],
      ['domain', 'badcdn[.]example', 'clear'],
      ['url', 'hxxps://update[.]badcdn[.]example/gate[.]php?id=1', 'amber'],
      ['filename', `'=HYPERLINK("http://evil.example","x").xlsx`, 'green'],
      ['mutex', 'Global\\SPad_4412', 'green'],
    ]);
  });

  it('keeps values live when asked', async () => {
    const [, first, , url] = await rows(false);
    expect(first![1]).toBe('198.51.100.23');
    expect(url![1]).toBe('https://update.badcdn.example/gate.php?id=1');
  });

  it('neutralises every character that starts a spreadsheet formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}cmd|' /C calc'!A0`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
  });
});
