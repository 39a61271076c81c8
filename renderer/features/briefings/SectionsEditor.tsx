import { useId } from 'react';
import type { BriefingSection, TlpLevel } from '../../../preload/contract';
import { MarkdownPreview } from '../../components/MarkdownPreview';
import { TlpBadge } from '../../components/TlpBadge';
import { TlpSelect } from '../../components/TlpSelect';

interface SectionsEditorProps {
  sections: readonly BriefingSection[];
  documentTlp: TlpLevel;
  editable: boolean;
  onChange(sections: BriefingSection[]): void;
}

/** Section ids are stable across versions (the diff follows a moved section); the core accepts [A-Za-z0-9_-]. */
function newSectionId(): string {
  if (typeof crypto.randomUUID === 'function') return `s-${crypto.randomUUID()}`;
  return `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The body: sections of Markdown, each with its own marking and a live, sanitised preview beside it. */
export function SectionsEditor({ sections, documentTlp, editable, onChange }: SectionsEditorProps) {
  const headingId = useId();
  const replace = (index: number, section: BriefingSection) => onChange(sections.map((each, at) => (at === index ? section : each)));
  const move = (index: number, by: number) => {
    const next = [...sections];
    const [section] = next.splice(index, 1);
    if (!section) return;
    next.splice(index + by, 0, section);
    onChange(next);
  };
  const add = (at: number) => {
    const next = [...sections];
    next.splice(at, 0, { id: newSectionId(), heading: '', bodyMarkdown: '', tlp: documentTlp });
    onChange(next);
  };

  return (
    <section className="briefing-panel briefing-sections" aria-labelledby={headingId}>
      <h2 id={headingId}>Sections</h2>
      {sections.length === 0 && <p className="muted">No sections yet.</p>}
      {sections.map((section, index) => (
        <SectionEditor
          key={section.id}
          section={section}
          index={index}
          count={sections.length}
          editable={editable}
          onChange={(next) => replace(index, next)}
          onMove={(by) => move(index, by)}
          onRemove={() => onChange(sections.filter((_, at) => at !== index))}
          onAddAfter={() => add(index + 1)}
        />
      ))}
      {editable && (
        <button type="button" className="button" onClick={() => add(sections.length)}>
          Add section
        </button>
      )}
    </section>
  );
}

interface SectionEditorProps {
  section: BriefingSection;
  index: number;
  count: number;
  editable: boolean;
  onChange(section: BriefingSection): void;
  onMove(by: number): void;
  onRemove(): void;
  onAddAfter(): void;
}

function SectionEditor({ section, index, count, editable, onChange, onMove, onRemove, onAddAfter }: SectionEditorProps) {
  const id = useId();
  const name = section.heading.trim() || `Section ${index + 1}`;
  return (
    <article className="briefing-section" aria-label={name}>
      <div className="briefing-section-head">
        <div className="field briefing-section-heading">
          <label htmlFor={`${id}-heading`}>Heading</label>
          <input id={`${id}-heading`} type="text" value={section.heading} maxLength={500} disabled={!editable} onChange={(event) => onChange({ ...section, heading: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-tlp`}>Section TLP</label>
          <TlpSelect id={`${id}-tlp`} value={section.tlp} disabled={!editable} onChange={(tlp) => onChange({ ...section, tlp })} />
        </div>
        {editable && (
          <div className="briefing-section-actions" role="group" aria-label={`Arrange ${name}`}>
            <button type="button" className="button button-small" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move ${name} up`}>
              ↑
            </button>
            <button type="button" className="button button-small" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Move ${name} down`}>
              ↓
            </button>
            <button type="button" className="button button-small" onClick={onRemove} aria-label={`Remove ${name}`}>
              Remove
            </button>
          </div>
        )}
      </div>
      <div className="briefing-section-body">
        <div className="field">
          <label htmlFor={`${id}-body`}>Body (Markdown)</label>
          <textarea
            id={`${id}-body`}
            className="briefing-body-text"
            rows={8}
            value={section.bodyMarkdown}
            disabled={!editable}
            onChange={(event) => onChange({ ...section, bodyMarkdown: event.target.value })}
            onKeyDown={(event) => {
              // Ctrl/Cmd+Enter starts the next section, as a writer moving on would expect.
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && editable) {
                event.preventDefault();
                onAddAfter();
              }
            }}
          />
        </div>
        {/* Focusable: a long preview scrolls, and keyboard users must be able to scroll it too. */}
        <div className="briefing-preview" aria-label={`Preview of ${name}`} role="region" tabIndex={0}>
          <p className="briefing-preview-title">
            Preview <TlpBadge level={section.tlp} />
          </p>
          <MarkdownPreview text={section.bodyMarkdown} className="briefing-preview-text" />
        </div>
      </div>
    </article>
  );
}
