import { afterEach, describe, expect, it } from 'vitest';
import { render, type Rendered } from '../testing/render';
import { MarkdownPreview, MAX_PREVIEW_CHARS, previewable } from './MarkdownPreview';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
});

describe('Markdown preview', () => {
  it('renders Markdown without raw HTML or remote images', async () => {
    view = await render(<MarkdownPreview text={'**bold** <img src="https://evil.example/x.png" onerror="alert(1)"> ![logo](https://evil.example/logo.png)'} />);
    expect(view.container.querySelector('strong')?.textContent).toBe('bold');
    expect(view.container.querySelector('img')).toBeNull();
    expect(view.container.querySelector('[onerror]')).toBeNull();
    expect(view.container.textContent).toContain('<img src=');
    expect(view.container.textContent).toContain('[image: logo]');
  });

  it('refuses a nesting bomb and cuts a huge body, saying so', () => {
    const bomb = `${'- '.repeat(100_000)}x`;
    expect(previewable(bomb).text).toBe('');
    expect(previewable(bomb).note).toMatch(/nested more than/);
    const huge = 'a'.repeat(MAX_PREVIEW_CHARS + 10);
    expect(previewable(huge).text).toHaveLength(MAX_PREVIEW_CHARS);
    expect(previewable(huge).note).toMatch(/first 200,000 characters/);
    expect(previewable('- a\n  - b\n    - c').note).toBeNull();
  });
});
