import type { ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

/**
 * Everything Markdown and GFM produce, nothing else: an element outside this list (from a plugin added later)
 * is replaced by its children. Raw HTML never becomes elements: without rehype-raw, react-markdown turns it
 * into text, so `<script>` or `<img onerror>` in a note shows as typed.
 */
const ALLOWED_ELEMENTS = [
  'p', 'br', 'hr', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'input', 'pre', 'code',
  'em', 'strong', 'del', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sup', 'section',
];

const REMARK_PLUGINS = [remarkGfm];

/** A link as its text and its target, with no href: the renderer never navigates (the CSP forbids remote loads). */
function InertLink({ href, children }: { href?: string; children?: ReactNode }) {
  // react-markdown's default urlTransform has already emptied javascript:, data: and other unsafe targets.
  // Same-document targets (#…) are GFM footnote references: their text is enough.
  if (!href || href.startsWith('#')) return <span className="markdown-link">{children}</span>;
  if (children === href) return <code className="markdown-url">{href}</code>;
  return (
    <span className="markdown-link">
      {children} <code className="markdown-url">{href}</code>
    </span>
  );
}

/** An image as its alt text: nothing is fetched, not even from `self`. */
function ImagePlaceholder({ alt }: { alt?: string }) {
  return <span className="markdown-image">{alt ? `[image: ${alt}]` : '[image]'}</span>;
}

/*
 * Components receive react-markdown's `node` prop too, so each one names the props it uses rather than spreading
 * them onto the DOM. Headings start at h4: a note sits under a section's h3 (the detail pane) or a dialog's h2.
 */
const COMPONENTS: Components = {
  a: ({ href, children }) => <InertLink href={href}>{children}</InertLink>,
  img: ({ alt }) => <ImagePlaceholder alt={alt} />,
  h1: ({ children }) => <h4>{children}</h4>,
  h2: ({ children }) => <h5>{children}</h5>,
  h3: ({ children }) => <h6>{children}</h6>,
  h4: ({ children }) => <h6>{children}</h6>,
  h5: ({ children }) => <h6>{children}</h6>,
  h6: ({ children }) => <h6>{children}</h6>,
  table: ({ children }) => (
    <div className="markdown-table">
      <table>{children}</table>
    </div>
  ),
};

interface MarkdownTextProps {
  /** Markdown source (CommonMark with GFM tables, task lists, strikethrough and autolinks). */
  text: string;
  className?: string;
}

/** Renders untrusted Markdown without raw HTML, images or navigable links. */
export function MarkdownText({ text, className }: MarkdownTextProps) {
  return (
    <div className={`markdown-text ${className ?? ''}`}>
      <Markdown remarkPlugins={REMARK_PLUGINS} allowedElements={ALLOWED_ELEMENTS} unwrapDisallowed components={COMPONENTS}>
        {text}
      </Markdown>
    </div>
  );
}
