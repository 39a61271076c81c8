/**
 * The diff of two briefing versions: each is rendered as plain text (title, marking, summary, sections
 * with their markings, people, techniques, references, attachments) and the `diff` package gives a
 * unified diff of the two texts, which the CLI prints and the UI colours line by line.
 */
import { structuredPatch, formatPatch } from 'diff';
import type { BriefingContent } from './briefing-model';

export interface VersionText {
  version: number;
  content: BriefingContent;
  /** `type:value` of the attached indicators, sorted. */
  indicators: readonly string[];
}

/** One version as the text the diff compares; stable, so equal versions give equal text. */
export function renderVersionText({ content, indicators }: VersionText): string {
  const lines: string[] = [`Title: ${content.title}`, `TLP: ${content.tlp.toUpperCase()}`, `Valid until: ${content.validUntil ?? '-'}`, '', '## Summary', content.summary, ''];
  for (const section of content.sections) {
    lines.push(`## ${section.heading} [TLP:${section.tlp.toUpperCase()}]`, section.bodyMarkdown, '');
  }
  lines.push('## Authors', ...content.authors.map((a) => `- ${a.name}${a.organisation ? ` (${a.organisation})` : ''}`), '');
  lines.push('## Distribution', ...content.distribution.map((r) => `- ${r.kind}: ${r.name}`), '');
  lines.push('## ATT&CK techniques', ...content.techniques.map((t) => `- ${t}`), '');
  lines.push('## References', ...content.references.map((r) => `- ${[r.externalId, r.url, r.sourceName, r.description].filter(Boolean).join(' | ')}`), '');
  lines.push(`## Indicators (${indicators.length})`, ...indicators.map((key) => `- ${key}`), '');
  return lines.join('\n');
}

export interface VersionDiff {
  unified: string;
  added: number;
  removed: number;
}

/** Unified diff (3 lines of context) between two rendered versions. */
export function diffVersions(from: VersionText, to: VersionText): VersionDiff {
  const patch = structuredPatch(`version ${from.version}`, `version ${to.version}`, renderVersionText(from), renderVersionText(to), '', '', { context: 3 });
  let added = 0;
  let removed = 0;
  for (const hunk of patch.hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith('+')) added += 1;
      else if (line.startsWith('-')) removed += 1;
    }
  }
  return { unified: patch.hunks.length === 0 ? '' : formatPatch(patch), added, removed };
}
