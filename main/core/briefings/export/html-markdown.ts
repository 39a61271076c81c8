/**
 * Markdown for exported sections, rendered the way notes are shown in the app: no raw HTML (markdown-it
 * `html: false` escapes it), no remote content (images become their alt text, since the file must make
 * no request when opened), and links that stay live only in an export asked for without defanging.
 */
import MarkdownIt from 'markdown-it';
import { defang } from '../../indicators/refang';
import { escapeHtml } from './html-escape';

interface RenderEnv {
  readonly liveLinks: boolean;
  /** The hrefs of open links, to write after a defanged link's text. */
  readonly open: string[];
}

/** markdown-it hands rules its untyped env; every render passes a RenderEnv. */
const envOf = (env: unknown): RenderEnv => env as RenderEnv;

// maxNesting bounds a nested-list bomb (100k levels) to a flat, fast render instead of a deep tree.
const markdown = new MarkdownIt('default', { html: false, linkify: false, typographer: false, maxNesting: 20 });

markdown.renderer.rules.image = (tokens, idx) => {
  const alt = tokens[idx]!.content;
  return `<span class="dropped-image">[image${alt ? `: ${escapeHtml(alt)}` : ''}]</span>`;
};

markdown.renderer.rules.link_open = (tokens, idx, _options, rawEnv) => {
  const env = envOf(rawEnv);
  const href = String(tokens[idx]!.attrGet('href') ?? '');
  env.open.push(href);
  if (env.liveLinks && /^(?:https?:|mailto:)/i.test(href)) return `<a href="${escapeHtml(href)}" rel="noopener noreferrer">`;
  return '<span class="link-text">';
};

markdown.renderer.rules.link_close = (_tokens, _idx, _options, rawEnv) => {
  const env = envOf(rawEnv);
  const href = env.open.pop() ?? '';
  if (env.liveLinks && /^(?:https?:|mailto:)/i.test(href)) return '</a>';
  // The target is shown, not followed: a defanged export carries no clickable address.
  const shown = /^mailto:/i.test(href) ? defang('email', href.slice(7)) : defang('url', href);
  return `</span> <span class="link-target">(${escapeHtml(shown)})</span>`;
};

/**
 * Past this size a body is shown as plain text: markdown-it took over two minutes on a 48 MB body on
 * this machine, while escaping is linear and loses nothing.
 */
export const MAX_MARKDOWN_CHARS = 1_000_000;

/** A section body as safe HTML. */
export function renderSectionMarkdown(source: string, options: { liveLinks: boolean }): string {
  if (source.length > MAX_MARKDOWN_CHARS) {
    return `<p class="muted">This text is ${source.length.toLocaleString('en-US')} characters long, more than the ${MAX_MARKDOWN_CHARS.toLocaleString('en-US')} rendered as Markdown; it is shown as written.</p><pre class="plain-body">${escapeHtml(source)}</pre>`;
  }
  const env: RenderEnv = { liveLinks: options.liveLinks, open: [] };
  return markdown.render(source, { ...env });
}
