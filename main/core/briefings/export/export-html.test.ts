import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { indicator, sampleBriefing, section } from '../../../../test/helpers/briefing-export-sample';
import { exportBriefing } from './export-briefing';
import { briefingHtml } from './export-html';
import { MAX_MARKDOWN_CHARS } from './html-markdown';

async function htmlOf(options: { tlpMax?: 'clear' | 'green' | 'amber' | 'amber+strict' | 'red'; defang?: boolean } = {}, input = sampleBriefing()): Promise<string> {
  const result = await exportBriefing(input, { format: 'html', tlpMax: options.tlpMax ?? 'amber', defang: options.defang });
  expect(result).toMatchObject({ mediaType: 'text/html;charset=utf-8', extension: 'html' });
  return new TextDecoder().decode(result.bytes);
}

describe('HTML export', () => {
  it('is self-contained: no script, no external resource, a CSP that forbids fetches and allows only its own stylesheet', async () => {
    const html = await htmlOf();
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|\ssrc=|url\(|@import/i);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    expect(csp).toContain("default-src 'none'");
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('prints the export marking in a header and a footer bar, and each section under its own label', async () => {
    const html = await htmlOf();
    expect(html).toContain('<div class="tlp-bar tlp-bar-top"><span class="tlp tlp-amber">TLP:AMBER</span></div>');
    expect(html).toContain('<div class="tlp-bar tlp-bar-bottom"><span class="tlp tlp-amber">TLP:AMBER</span></div>');
    expect(html).toMatch(/\.tlp-bar \{ position: fixed;/);
    expect(html).toMatch(/\.tlp-amber \{ color: #FFC000; \}/);
    expect(html).toMatch(/\.tlp \{ display: inline-block; background: #000;/);
    expect(html).toContain('<h2>Infrastructure <span class="tlp tlp-amber">TLP:AMBER</span></h2>');
  });

  it('omits sections and indicators above the ceiling', async () => {
    const html = await htmlOf({ tlpMax: 'amber' });
    expect(html).not.toContain('Source handling');
    expect(html).not.toContain('payroll');
    expect(html).not.toContain('3f786850e387550f');
    expect([...html.matchAll(/<section class="briefing-section[^"]*" data-tlp="([^"]+)"/g)].map((m) => m[1])).toEqual(['clear', 'amber', 'green']);
  });

  it('renders Markdown without raw HTML, drops images and shows link targets defanged', async () => {
    const html = await htmlOf();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<span class="dropped-image">[image: beacon]</span>');
    expect(html).not.toContain('tracker.example');
    expect(html).toContain('<span class="link-text">the vendor</span> <span class="link-target">(hxxps://vendor[.]example/report)</span>');
    expect(html).not.toMatch(/<a\s/);
  });

  it('keeps Markdown bombs bounded: deep nesting is flattened, a huge body is shown as plain text', async () => {
    const nested = section('s-n', 'Nested', '- '.repeat(100_000) + 'item', 'clear');
    const huge = section('s-h', 'Huge', `<b>x</b> ${'word '.repeat(MAX_MARKDOWN_CHARS / 5)}`, 'clear');
    const html = await htmlOf({}, sampleBriefing({ sections: [nested, huge] }));
    expect((html.match(/<ul>/g) ?? []).length).toBeLessThanOrEqual(25);
    expect(html).toContain('more than the 1,000,000 rendered as Markdown; it is shown as written.</p><pre class="plain-body">&lt;b&gt;x&lt;/b&gt; word');
  });

  it('defangs indicators by default and keeps them live when asked', async () => {
    expect(await htmlOf()).toContain('<td class="value">hxxps://update[.]badcdn[.]example/gate[.]php?id=1</td>');
    const live = await htmlOf({ defang: false });
    expect(live).toContain('<td class="value">https://update.badcdn.example/gate.php?id=1</td>');
    expect(live).toContain('<a href="https://vendor.example/report" rel="noopener noreferrer">the vendor</a>');
  });

  it('escapes indicator values and headings', async () => {
    const input = sampleBriefing({
      sections: [section('s-x', '<b>Heading</b>', 'body', 'clear')],
      indicators: [indicator('i-x', 'filename', '<img src=x onerror=alert(1)>.exe', 'clear', 'malicious')],
    });
    const html = await htmlOf({}, input);
    expect(html).toContain('&lt;b&gt;Heading&lt;/b&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;.exe');
  });

  it('draws the ATT&CK heatmap with tactics as columns in kill-chain order', async () => {
    const input = sampleBriefing({
      techniques: [
        { id: 'T1071.001', name: 'Web Protocols', tactics: ['command-and-control'], url: null },
        { id: 'T1566.001', name: 'Spearphishing Attachment', tactics: ['initial-access'], url: null },
        { id: 'T1566.002', name: 'Spearphishing Link', tactics: ['initial-access'], url: null },
        { id: 'T9999', name: null, tactics: [], url: null },
      ],
    });
    const html = await htmlOf({}, input);
    const heatmap = /<table class="attack-heatmap">[\s\S]*?<\/table>/.exec(html)![0];
    expect([...heatmap.matchAll(/<th scope="col">([^<]+)<span class="count">(\d+)<\/span>/g)].map((m) => [m[1], m[2]])).toEqual([
      ['Initial Access', '2'], ['Command and Control', '1'], ['Unknown tactic', '1'],
    ]);
    expect([...heatmap.matchAll(/<td class="heat-(\d)">/g)].map((m) => m[1])).toEqual(['5', '3', '3']);
  });

  it('leaves the label to the page stamps and lists indicators as text lines for the PDF', () => {
    const html = briefingHtml(sampleBriefing(), { marking: 'green', defang: true, forPdf: { annexed: 0 } });
    expect(html).not.toContain('tlp-bar-top"');
    expect(html).not.toContain('<table class="indicators">');
    expect(html).toContain('<div class="indicator-lines indicator-lines-head">');
    expect(html).toContain('<html lang="en" data-tlp="green">');
  });

  it('only points to the annex when the core typesets the indicators after the printed pages', () => {
    const input = sampleBriefing();
    const html = briefingHtml({ ...input, indicators: [] }, { marking: 'green', defang: true, forPdf: { annexed: input.indicators.length } });
    expect(html).toContain(`<h2>Indicators (${input.indicators.length})</h2>`);
    expect(html).toContain('in the annex at the end of this document');
    expect(html).not.toContain('<div class="indicator-lines');
    expect(html).not.toContain('3f786850e387550f');
    expect(html).not.toContain('SPad_4412');
  });
});
