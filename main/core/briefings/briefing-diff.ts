/**
 * The diff of two briefing versions. The prose (title, marking, summary, sections with their markings,
 * people, techniques, references) is rendered as text and aligned line by line with the `diff` package;
 * the attachments, which run to 50,000 lines, are compared as sets. Both are bounded: Myers' algorithm
 * costs O(N·D), so past MAX_EDIT_LINES changed lines (or MAX_DIFF_MS) the prose falls back to listing the lines only one
 * side has, and long lists are cut with a count. Nothing a briefing may hold can make a diff hang.
 */
import { formatPatch, structuredPatch } from 'diff';
import type { BriefingContent } from './briefing-model';

export interface VersionText {
  version: number;
  content: BriefingContent;
  /** `type:value` of the attached indicators. */
  indicators: readonly string[];
}

export interface VersionDiff {
  unified: string;
  added: number;
  removed: number;
}

const MAX_EDIT_LINES = 1_000;
/** A wall-clock guard as well: long lines make each step dearer than the line count says. */
const MAX_DIFF_MS = 2_000;
const MAX_LISTED = 1_000;

/** The prose of one version as the text the diff aligns; stable, so equal versions give equal text. */
export function renderVersionText({ content }: Pick<VersionText, 'content'>): string {
  const lines: string[] = [`Title: ${content.title}`, `TLP: ${content.tlp.toUpperCase()}`, `Valid until: ${content.validUntil ?? '-'}`, '', '## Summary', content.summary, ''];
  for (const section of content.sections) {
    lines.push(`## ${section.heading} [TLP:${section.tlp.toUpperCase()}]`, section.bodyMarkdown, '');
  }
  lines.push('## Authors', ...content.authors.map((a) => `- ${a.name}${a.organisation ? ` (${a.organisation})` : ''}`), '');
  lines.push('## Distribution', ...content.distribution.map((r) => `- ${r.kind}: ${r.name}`), '');
  lines.push('## ATT&CK techniques', ...content.techniques.map((t) => `- ${t}`), '');
  lines.push('## References', ...content.references.map((r) => `- ${[r.externalId, r.url, r.sourceName, r.description].filter(Boolean).join(' | ')}`), '');
  return lines.join('\n');
}

/** Unified diff (3 lines of context) of the prose, then the attachments added and removed. */
export function diffVersions(from: VersionText, to: VersionText): VersionDiff {
  const prose = diffProse(from, to);
  const indicators = diffIndicators(from, to);
  const unified = [prose.unified, indicators.text].filter(Boolean).join('');
  return { unified, added: prose.added + indicators.added, removed: prose.removed + indicators.removed };
}

function diffProse(from: VersionText, to: VersionText): VersionDiff {
  const before = renderVersionText(from);
  const after = renderVersionText(to);
  if (before === after) return { unified: '', added: 0, removed: 0 };
  const patch = structuredPatch(`version ${from.version}`, `version ${to.version}`, before, after, '', '', { context: 3, maxEditLength: MAX_EDIT_LINES, timeout: MAX_DIFF_MS });
  if (patch) {
    let added = 0;
    let removed = 0;
    for (const line of patch.hunks.flatMap((h) => h.lines)) {
      if (line.startsWith('+')) added += 1;
      else if (line.startsWith('-')) removed += 1;
    }
    return { unified: patch.hunks.length === 0 ? '' : formatPatch(patch), added, removed };
  }
  // Too different to align: the lines each side has that the other lacks, as one unaligned block.
  const only = (a: string[], b: string[]) => {
    const counts = new Map<string, number>();
    for (const line of b) counts.set(line, (counts.get(line) ?? 0) + 1);
    return a.filter((line) => {
      const n = counts.get(line) ?? 0;
      if (n > 0) counts.set(line, n - 1);
      return n === 0;
    });
  };
  const oldLines = before.split('\n');
  const newLines = after.split('\n');
  const removedLines = only(oldLines, newLines);
  const addedLines = only(newLines, oldLines);
  const header = `--- version ${from.version}\n+++ version ${to.version}\n@@ too many changes to align: lines only in one version, unaligned @@\n`;
  const text = header + listed('-', removedLines) + listed('+', addedLines);
  return { unified: text, added: addedLines.length, removed: removedLines.length };
}

function diffIndicators(from: VersionText, to: VersionText): { text: string; added: number; removed: number } {
  const before = new Set(from.indicators);
  const after = new Set(to.indicators);
  const added = [...after].filter((key) => !before.has(key)).sort();
  const removed = [...before].filter((key) => !after.has(key)).sort();
  if (added.length === 0 && removed.length === 0) return { text: '', added: 0, removed: 0 };
  const header = `@@ indicators: ${added.length.toLocaleString('en')} attached, ${removed.length.toLocaleString('en')} detached (${before.size.toLocaleString('en')} -> ${after.size.toLocaleString('en')}) @@\n`;
  return { text: header + listed('-', removed.map((k) => `- ${k}`)) + listed('+', added.map((k) => `- ${k}`)), added: added.length, removed: removed.length };
}

function listed(sign: '+' | '-', lines: readonly string[]): string {
  const shown = lines.slice(0, MAX_LISTED).map((line) => `${sign}${line}\n`).join('');
  return lines.length > MAX_LISTED ? `${shown}${sign}... and ${(lines.length - MAX_LISTED).toLocaleString('en')} more\n` : shown;
}
