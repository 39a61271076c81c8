import { Component, useDeferredValue, type ReactNode } from 'react';
import { MarkdownText } from './MarkdownText';

/** Longer bodies are previewed in part: the export renders them whole, the preview only has to keep up with typing. */
export const MAX_PREVIEW_CHARS = 200_000;
/** Lists and quotes nested deeper than this are not previewed (a "Markdown bomb" would recurse past the stack). */
export const MAX_PREVIEW_NESTING = 32;

const NESTED_LINE = new RegExp(`^(?:[ \\t]*(?:[-*+>]|\\d{1,9}[.)])[ \\t]+){${MAX_PREVIEW_NESTING}}`);
const DEEP_INDENT = new RegExp(`^[ \\t]{${MAX_PREVIEW_NESTING * 4},}[-*+>\\d]`);

/** What may be previewed of a body, and why it was cut short if it was. */
export function previewable(text: string): { text: string; note: string | null } {
  const cut = text.length > MAX_PREVIEW_CHARS;
  const shown = cut ? text.slice(0, MAX_PREVIEW_CHARS) : text;
  for (const line of shown.split('\n')) {
    if (NESTED_LINE.test(line) || DEEP_INDENT.test(line)) {
      return { text: '', note: `Not previewed: lists or quotes are nested more than ${MAX_PREVIEW_NESTING} deep.` };
    }
  }
  return { text: shown, note: cut ? `Preview shows the first ${MAX_PREVIEW_CHARS.toLocaleString('en-US')} characters.` : null };
}

class PreviewBoundary extends Component<{ children: ReactNode; text: string }, { failedOn: string | null }> {
  override state = { failedOn: null as string | null };

  static getDerivedStateFromError(): { failedOn: string } {
    return { failedOn: '' };
  }

  override componentDidCatch(): void {
    this.setState({ failedOn: this.props.text });
  }

  override render(): ReactNode {
    // A new text gets a new try; the one that failed keeps its message.
    if (this.state.failedOn !== null && this.state.failedOn === this.props.text) {
      return <p className="muted">This body could not be previewed. It is saved as written.</p>;
    }
    return this.props.children;
  }
}

/** A live, sanitised preview of Markdown (MarkdownText: no raw HTML, no images, no navigable links), bounded in size and depth. */
export function MarkdownPreview({ text, className }: { text: string; className?: string }) {
  const deferred = useDeferredValue(text);
  const { text: shown, note } = previewable(deferred);
  return (
    <>
      {note && <p className="muted preview-note">{note}</p>}
      {shown.trim() === '' ? (
        !note && <p className="muted">Nothing to preview.</p>
      ) : (
        <PreviewBoundary text={shown}>
          <MarkdownText text={shown} className={className} />
        </PreviewBoundary>
      )}
    </>
  );
}
