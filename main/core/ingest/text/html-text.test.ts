import { describe, expect, it } from 'vitest';
import { HtmlTextStream, decodeEntity } from './html-text';

function convert(html: string, chunk = 3): string {
  const s = new HtmlTextStream();
  let out = '';
  for (let i = 0; i < html.length; i += chunk) out += s.push(html.slice(i, i + chunk));
  return out + s.end();
}

describe('HtmlTextStream', () => {
  it('drops tags, attributes, comments, scripts and styles; decodes entities', () => {
    const html = '<p class="x">A &amp; B <a href="https://ref.example.org">ref</a></p><!-- hidden.example.com --><script>var s = "<b>bad.com</b>";</script><style>a{}</style>evil&#46;com &lt;x&gt; AT&T';
    // Link text is marked for parse-text.ts (see LINK_TEXT_OPEN).
    expect(convert(html).replace(/\s+/g, ' ').trim()).toBe('A & B \uE000ref\uE001 evil.com <x> AT&T');
  });

  it('marks the text of a link whose href comes after a long class list, as real pages write them', () => {
    // The shape of a vendor blog's byline link: class and target attributes before the href.
    const html = '<a class="author-link author-link--primary text-decoration-none" target="_blank" rel="noopener noreferrer" href="https://vendor.example/about">research.vendor.example</a>';
    expect(convert(html)).toBe('\uE000research.vendor.example\uE001');
    expect(convert(html, 1000)).toBe('\uE000research.vendor.example\uE001');
    // An anchor without an href (a named target) is no link; an attribute that merely ends in "href" is not one.
    expect(convert('<a class="x" data-nohref="1" name="iocs">evil.example</a>')).toBe('evil.example');
  });

  it('reads a `>` inside a quoted attribute value as part of the tag', () => {
    // A title attribute with an arrow, as a CMS writes "Reports > APT" breadcrumbs: the link target must
    // not leak into the text (it would become an indicator), and the link text stays marked.
    const html = `<a title="Reports > APT" data-x='a>b' href="https://evil.example/gate.php">the C2 panel</a> at 203.0.113.7`;
    expect(convert(html)).toBe('\uE000the C2 panel\uE001 at 203.0.113.7');
    expect(convert(html, 1000)).toBe('\uE000the C2 panel\uE001 at 203.0.113.7');
    // A quote that is no attribute value (after a name, not after `=`) does not open one.
    expect(convert('<p class=x" data>evil.example</p>').trim()).toBe('evil.example');
  });

  it('lets the next > end a tag whose quote never closes, once the value is implausibly long', () => {
    const html = `<img alt="unclosed ${'x'.repeat(9000)}>\nIndicator: 198.51.100.9`;
    expect(convert(html, 512)).toContain('Indicator: 198.51.100.9');
  });

  it('keeps source newlines so line numbers still match', () => {
    expect(convert('<div\nclass="a">x</div>\n<!--\n-->y').split('\n').length).toBe(4);
  });

  it('joins words split by inline tags', () => {
    expect(convert('ev<wbr>il<b>.com</b>')).toBe('evil.com');
  });

  it('treats a bare < as text', () => {
    expect(convert('if a < b then')).toBe('if a < b then');
  });

  it('decodes entities', () => {
    expect(decodeEntity('#x2E')).toBe('.');
    expect(decodeEntity('#64')).toBe('@');
    expect(decodeEntity('nbsp')).toBe(' ');
    expect(decodeEntity('bogus')).toBeUndefined();
  });
});
