/**
 * A small streaming HTML-to-text converter for reports (no DOM on the server). One pass, constant
 * state between chunks: tags, comments, <script>/<style> bodies and attributes are dropped (so link
 * targets in href="" never become indicators), entities are decoded, and every newline of the source
 * is kept so line numbers still point into the original file.
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '-', mdash: '-', lsqb: '[', rsqb: ']',
  lpar: '(', rpar: ')', period: '.', commat: '@', colon: ':', sol: '/', hellip: '...', zwsp: '', shy: '',
  lsquo: "'", rsquo: "'", ldquo: '"', rdquo: '"', bull: '*', middot: '.',
  copy: '(c)', reg: '(R)', trade: '(TM)', laquo: '"', raquo: '"', euro: 'EUR', pound: 'GBP', deg: ' deg', times: 'x', para: ' ', sect: ' ',
};

/**
 * Marks around the text of a link (`<a href=…>text</a>`), from the Unicode private use area: the text of a
 * link names the page it links to (a byline's address, a navigation entry), which parse-text.ts lists
 * as ambiguous rather than importing, as it does for Markdown links.
 */
export const LINK_TEXT_OPEN = '\uE000';
export const LINK_TEXT_CLOSE = '\uE001';
// Inline tags that may split a word ("evil<wbr>.com", "ev<b>il</b>"): removed without a separator.
const INLINE_TAGS: ReadonlySet<string> = new Set(['a', 'b', 'i', 'u', 'em', 'strong', 'span', 'code', 'font', 'mark', 'wbr', 'tt', 'abbr', 'small', 'sub', 'sup', 'kbd', 'samp', 'var']);
const RAW_TEXT_TAGS: ReadonlySet<string> = new Set(['script', 'style', 'noscript', 'template']);
/**
 * Page chrome around a report: site navigation and the footer with the publisher's contact address and
 * links. Their text is dropped (newlines kept); a report's indicators are never there.
 */
const CHROME_TAGS: ReadonlySet<string> = new Set(['nav', 'footer']);
const MAX_ENTITY = 32;
/**
 * Longest quoted attribute value read as one: past it a quote is taken as unclosed and the next `>` ends
 * the tag, so one stray quote cannot swallow the rest of a report. An inline image's base64 `src` runs
 * longer, but holds no `>`.
 */
const MAX_QUOTED = 8192;
const HREF_BEFORE_EQUALS_RE = /\shref\s*$/i;
/** A quote right after `=` (spaces aside) opens an attribute value; anywhere else it is a stray character. */
const ATTRIBUTE_VALUE_NEXT_RE = /=\s*$/;

type Mode = 'text' | 'tag' | 'comment' | 'raw' | 'entity';

/** Decode one entity body (without & and ;), or undefined when unknown. */
export function decodeEntity(body: string): string | undefined {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
    return String.fromCodePoint(code);
  }
  return NAMED_ENTITIES[body.toLowerCase()];
}

/** Stateful converter: feed chunks with `push`, then call `end`. */
export class HtmlTextStream {
  private mode: Mode = 'text';
  private buf = ''; // current tag, entity or raw-text close candidate
  private rawTag = '';
  private commentDashes = 0;
  private inLink = false;
  /** The tag being read has an href (seen as it goes: `buf` keeps only the tag's first 64 characters). */
  private tagHasHref = false;
  private tagTail = '';
  /** The quote of the attribute value being read (`title="a > b"`), where `>` does not end the tag. */
  private quote = '';
  private quoted = 0;
  /** Depth inside CHROME_TAGS elements: text there is not emitted. */
  private chrome = 0;

  /** Convert the next chunk; returns text (possibly empty) ready for scanning. */
  push(chunk: string): string {
    let out = '';
    let textStart = -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as string;
      if (this.mode === 'text') {
        if (c === '<' || c === '&') {
          if (textStart >= 0) out += this.text(chunk.slice(textStart, i));
          textStart = -1;
          this.mode = c === '<' ? 'tag' : 'entity';
          this.buf = '';
          this.tagHasHref = false;
          this.tagTail = '';
          this.quote = '';
        } else if (textStart < 0) textStart = i;
        continue;
      }
      if (c === '\n' && this.mode !== 'entity') out += '\n';
      out += this.text(this.step(c));
    }
    if (textStart >= 0) out += this.text(chunk.slice(textStart));
    return out;
  }

  /** Text as emitted: inside page chrome only its line breaks, so line numbers still hold. */
  private text(text: string): string {
    if (this.chrome === 0 || text === '') return text;
    return text.replace(/[^\n]+/g, '');
  }

  /** Flush at end of input: an unfinished entity is emitted literally, an unfinished tag is dropped. */
  end(): string {
    const rest = this.mode === 'entity' ? `&${this.buf}` : '';
    this.mode = 'text';
    this.buf = '';
    return rest;
  }

  private step(c: string): string {
    switch (this.mode) {
      case 'entity':
        return this.stepEntity(c);
      case 'tag':
        return this.stepTag(c);
      case 'comment':
        if (c === '>' && this.commentDashes >= 2) this.mode = 'text';
        this.commentDashes = c === '-' ? this.commentDashes + 1 : 0;
        return '';
      default:
        return this.stepRaw(c);
    }
  }

  private stepEntity(c: string): string {
    if (c === ';') {
      const decoded = decodeEntity(this.buf);
      this.mode = 'text';
      return decoded ?? `&${this.buf};`;
    }
    if (/[A-Za-z0-9#]/.test(c) && this.buf.length < MAX_ENTITY) {
      this.buf += c;
      return '';
    }
    // Not an entity after all ("AT&T"): emit literally and re-read c as text.
    this.mode = 'text';
    const literal = `&${this.buf}`;
    if (c === '<' || c === '&') {
      this.mode = c === '<' ? 'tag' : 'entity';
      this.buf = '';
      this.tagHasHref = false;
      this.tagTail = '';
      this.quote = '';
      return literal;
    }
    return literal + c;
  }

  private stepTag(c: string): string {
    // "a < b" in text: '<' not followed by a tag-start character is literal text.
    if (this.buf === '' && !/[A-Za-z/!?]/.test(c)) {
      if (c === '<') return '<';
      this.mode = c === '&' ? 'entity' : 'text';
      return c === '&' || c === '\n' ? '<' : `<${c}`;
    }
    if (this.buf === '!--') {
      this.mode = 'comment';
      this.commentDashes = c === '-' ? 1 : 0;
      return '';
    }
    if (this.quote !== '') {
      if (c === this.quote || ++this.quoted > MAX_QUOTED) this.quote = '';
      return '';
    }
    if ((c === '"' || c === "'") && ATTRIBUTE_VALUE_NEXT_RE.test(this.tagTail)) {
      this.quote = c;
      this.quoted = 0;
      return '';
    }
    if (c !== '>') {
      // `<a class="…long…" target="_blank" href="…">`: the href may come after the first 64 characters.
      if (c === '=' && HREF_BEFORE_EQUALS_RE.test(this.tagTail)) this.tagHasHref = true;
      this.tagTail = (this.tagTail + c).slice(-16);
      if (this.buf.length < 64) this.buf += c;
      return '';
    }
    const name = /^\/?([A-Za-z][A-Za-z0-9]*)/.exec(this.buf)?.[1]?.toLowerCase() ?? '';
    this.mode = 'text';
    if (CHROME_TAGS.has(name) && !this.buf.endsWith('/')) this.chrome = Math.max(0, this.chrome + (this.buf.startsWith('/') ? -1 : 1));
    if (name === 'a' && this.buf.startsWith('/') === this.inLink) {
      this.inLink = !this.inLink;
      if (this.inLink && !this.tagHasHref) this.inLink = false;
      else return this.inLink ? LINK_TEXT_OPEN : LINK_TEXT_CLOSE;
    }
    if (!this.buf.startsWith('/') && RAW_TEXT_TAGS.has(name)) {
      this.mode = 'raw';
      this.rawTag = name;
      this.buf = '';
    }
    return INLINE_TAGS.has(name) ? '' : ' ';
  }

  private stepRaw(c: string): string {
    // Inside <script>/<style>: look only for the matching close tag.
    if (c === '<') this.buf = '<';
    else if (this.buf !== '') {
      this.buf += c.toLowerCase();
      const close = `</${this.rawTag}`;
      if (!close.startsWith(this.buf.slice(0, close.length))) this.buf = '';
      else if (this.buf.length > close.length && c === '>') {
        this.mode = 'text';
        this.buf = '';
        return ' ';
      }
    }
    return '';
  }
}
