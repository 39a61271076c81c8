import { afterEach, describe, expect, it } from 'vitest';
import { render, type Rendered } from '../testing/render';
import { MarkdownText } from './MarkdownText';

let view: Rendered | undefined;

afterEach(() => {
  view?.unmount();
  view = undefined;
});

async function show(text: string): Promise<HTMLElement> {
  view = await render(<MarkdownText text={text} />);
  return view.container;
}

describe('MarkdownText', () => {
  it('renders headings, lists, emphasis, code and GFM tables', async () => {
    const container = await show(
      [
        '# Wave 2',
        '',
        'Seen in **wave 2**, _twice_, ~~once~~.',
        '',
        '- registrar told',
        '- [x] blocked at the proxy',
        '',
        '1. first',
        '',
        '```',
        'curl evil.example',
        '```',
        '',
        '| host | port |',
        '| ---- | ---: |',
        '| evil.example | `443` |',
      ].join('\n'),
    );

    // Headings start at h4: notes sit under a section's h3.
    expect(container.querySelector('h1, h2, h3')).toBeNull();
    expect(container.querySelector('h4')?.textContent).toBe('Wave 2');
    expect(container.querySelector('strong')?.textContent).toBe('wave 2');
    expect(container.querySelector('em')?.textContent).toBe('twice');
    expect(container.querySelector('del')?.textContent).toBe('once');
    expect([...container.querySelectorAll('ul > li')].map((li) => li.textContent)).toEqual(['registrar told', ' blocked at the proxy']);
    expect(container.querySelector<HTMLInputElement>('li input[type="checkbox"]')?.disabled).toBe(true);
    expect(container.querySelector('ol > li')?.textContent).toBe('first');
    expect(container.querySelector('pre > code')?.textContent).toBe('curl evil.example\n');
    expect([...container.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['host', 'port']);
    expect([...container.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['evil.example', '443']);
    expect(container.querySelector('td code')?.textContent).toBe('443');
  });

  it('shows raw HTML as text and never creates script, img or handler-bearing elements', async () => {
    const container = await show('Before <script>alert(1)</script> <img src=x onerror="alert(2)"> after\n\n<iframe src="https://evil.example"></iframe>');

    expect(container.querySelector('script, img, iframe')).toBeNull();
    expect(container.querySelector('[onerror], [src]')).toBeNull();
    expect(container.textContent).toContain('<script>alert(1)</script>');
    expect(container.textContent).toContain('<img src=x onerror="alert(2)">');
  });

  it('renders an image as its alt text without loading it', async () => {
    const container = await show('![beacon](https://evil.example/pixel.gif) and ![](https://evil.example/blank.gif)');

    expect(container.querySelector('img, [src]')).toBeNull();
    expect(container.textContent).toBe('[image: beacon] and [image]');
    expect(container.textContent).not.toContain('evil.example');
  });

  it('renders a linked image as text with the link target and no img', async () => {
    const container = await show('[![logo](https://evil.example/logo.png)](https://evil.example/)');

    expect(container.querySelector('img, a, [src], [href]')).toBeNull();
    expect(container.textContent).toBe('[image: logo] https://evil.example/');
  });

  it('renders links as their text and target, with no element carrying an href', async () => {
    const container = await show('See [the report](https://vendor.example/report) and https://evil.example/path.\n\n[^1]\n\n[^1]: A footnote.');

    expect(container.querySelector('a, [href]')).toBeNull();
    const urls = [...container.querySelectorAll('code.markdown-url')].map((code) => code.textContent);
    expect(urls).toEqual(['https://vendor.example/report', 'https://evil.example/path']);
    expect(container.textContent).toContain('the report https://vendor.example/report');
  });

  it('keeps javascript: and data: links inert and does not show their targets', async () => {
    const container = await show('[click](javascript:alert(1)) [payload](data:text/html;base64,PHNjcmlwdD4=) <javascript:alert(2)>');

    expect(container.querySelector('a, [href], [onclick]')).toBeNull();
    expect(container.querySelector('code.markdown-url')).toBeNull();
    expect(container.textContent).toContain('click');
    expect(container.textContent).toContain('payload');
    expect(container.textContent).not.toContain('alert(1)');
  });

  it('keeps markup in code spans and entities as text', async () => {
    const container = await show('`<b>bold</b>` and &lt;i&gt;');

    expect(container.querySelector('b, i')).toBeNull();
    expect(container.textContent).toBe('<b>bold</b> and <i>');
  });
});
