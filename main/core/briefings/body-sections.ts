/**
 * Cuts a Markdown document (a `--body-file`) into briefing sections at its level-2 headings, outside
 * fenced code blocks. A heading may carry the section's marking as `## Infrastructure [TLP:RED]`, the
 * form the version diff prints, so a diff's text reads back the same. Text before the first heading
 * becomes an untitled section.
 */
import { parseTlp } from '../triage/triage-model';
import type { TlpLevel } from '../indicators/tlp-level';
import { newSectionId } from './briefing-content';
import type { BriefingSection } from './briefing-model';

const HEADING = /^##[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const MARKING = /\s*\[TLP:([A-Za-z+]+)\]$/i;
const FENCE = /^[ \t]{0,3}(```|~~~)/;

/** The sections of `markdown`; sections without their own marking get `tlp`. */
export function sectionsFromMarkdown(markdown: string, tlp: TlpLevel): BriefingSection[] {
  const sections: { heading: string; lines: string[]; tlp: TlpLevel }[] = [];
  let current: { heading: string; lines: string[]; tlp: TlpLevel } = { heading: '', lines: [], tlp };
  let fence: string | null = null;
  for (const line of markdown.split(/\r?\n/)) {
    const fenceMark = FENCE.exec(line)?.[1];
    if (fenceMark) fence = fence === null ? fenceMark : fence === fenceMark ? null : fence;
    const heading = fence === null && !fenceMark ? HEADING.exec(line) : null;
    if (!heading) {
      current.lines.push(line);
      continue;
    }
    sections.push(current);
    let text = heading[1] ?? '';
    let marking = tlp;
    const marked = MARKING.exec(text);
    const level = marked ? parseTlp(marked[1]!) : undefined;
    if (marked && level) {
      marking = level;
      text = text.slice(0, marked.index);
    }
    current = { heading: text.trim(), lines: [], tlp: marking };
  }
  sections.push(current);
  return sections
    .map((s) => ({ id: newSectionId(), heading: s.heading, bodyMarkdown: s.lines.join('\n').trim(), tlp: s.tlp }))
    .filter((s) => s.heading !== '' || s.bodyMarkdown !== '');
}

/**
 * Fills `base` (e.g. a template's sections) from a body: a body section whose heading matches one of
 * `base` (case-insensitive) replaces that section's text and marking; the others follow in order.
 */
export function mergeBodySections(base: readonly BriefingSection[], body: readonly BriefingSection[]): BriefingSection[] {
  const out = base.map((s) => ({ ...s }));
  const extra: BriefingSection[] = [];
  for (const section of body) {
    const match = out.find((s) => s.heading.toLowerCase() === section.heading.toLowerCase());
    if (match) {
      match.bodyMarkdown = section.bodyMarkdown;
      match.tlp = section.tlp;
    } else extra.push(section);
  }
  return [...out, ...extra];
}
