import { describe, expect, it } from 'vitest';
import { diffVersions, type VersionText } from './briefing-diff';
import type { BriefingContent } from './briefing-model';

const content = (over: Partial<BriefingContent> = {}): BriefingContent => ({
  title: 'APT-X',
  summary: 'Summary.',
  tlp: 'amber',
  sections: [{ id: 's1', heading: 'Infrastructure', bodyMarkdown: 'line one\nline two', tlp: 'amber' }],
  authors: [{ name: 'ana', organisation: null }],
  distribution: [],
  techniques: [],
  references: [],
  validUntil: null,
  ...over,
});
const version = (n: number, c: BriefingContent, indicators: string[] = []): VersionText => ({ version: n, content: c, indicators });

describe('diffVersions', () => {
  it('gives an empty diff for equal versions and a unified diff of changed prose and markings', () => {
    expect(diffVersions(version(1, content()), version(2, content()))).toEqual({ unified: '', added: 0, removed: 0 });
    const changed = content({ sections: [{ id: 's1', heading: 'Infrastructure', bodyMarkdown: 'line one\nline 2', tlp: 'red' }] });
    const diff = diffVersions(version(1, content()), version(2, changed));
    expect(diff.unified).toContain('--- version 1\n+++ version 2\n');
    expect(diff.unified).toContain('-## Infrastructure [TLP:AMBER]\n+## Infrastructure [TLP:RED]\n');
    expect(diff.unified).toContain('-line two\n+line 2\n');
    expect(diff).toMatchObject({ added: 2, removed: 2 });
  });

  it('compares 50,000 attachments as sets, listing at most 1,000 of each side', () => {
    const many = Array.from({ length: 50_000 }, (_, i) => `ipv4:10.0.${i >> 8}.${i & 255}`);
    const started = performance.now();
    const diff = diffVersions(version(1, content(), ['domain:old.example']), version(2, content(), many));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(diff).toMatchObject({ added: 50_000, removed: 1 });
    expect(diff.unified).toContain('@@ indicators: 50,000 attached, 1 detached (1 -> 50,000) @@\n-- domain:old.example\n+- ipv4:');
    expect(diff.unified).toContain('+... and 49,000 more\n');
  });

  it('falls back to unaligned lines when the prose changed too much to align, instead of hanging', () => {
    const a = Array.from({ length: 20_000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 20_000 }, (_, i) => `b${i}`).join('\n');
    const diff = diffVersions(
      version(1, content({ sections: [{ id: 's1', heading: 'Dump', bodyMarkdown: a, tlp: 'amber' }] })),
      version(2, content({ sections: [{ id: 's1', heading: 'Dump', bodyMarkdown: b, tlp: 'amber' }] })),
    );
    expect(diff.unified).toContain('@@ too many changes to align: lines only in one version, unaligned @@');
    expect(diff).toMatchObject({ added: 20_000, removed: 20_000 });
    expect(diff.unified).toContain('-... and 19,000 more\n');
  });
});
