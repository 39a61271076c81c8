import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render, type Rendered } from '../../testing/render';
import { Notes } from './DetailSections';
import { NoteDialog } from './NoteDialog';
import { resetDetailStore } from './detail-store';
import { resetOverlayStore } from './overlay-store';
import { resetQueueStore } from './queue-store';

let view: Rendered | undefined;

beforeEach(() => {
  resetQueueStore();
  resetDetailStore();
  resetOverlayStore();
});

afterEach(() => {
  view?.unmount();
  view = undefined;
});

function region(name: string): HTMLElement {
  const found = [...document.querySelectorAll<HTMLElement>('section')].find(
    (section) => section.getAttribute('aria-label') === name || document.getElementById(section.getAttribute('aria-labelledby') ?? '')?.textContent === name,
  );
  if (!found) throw new Error(`No region "${name}"`);
  return found;
}

function typeInto(textarea: HTMLTextAreaElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
  act(() => {
    setter?.call(textarea, value);
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('Notes', () => {
  it('renders the note as Markdown', async () => {
    view = await render(<Notes notes={'Seen in **wave 2**; registrar told.\n\n- [evil](https://evil.example/)'} />);

    const notes = region('Notes');
    expect(notes.querySelector('strong')?.textContent).toBe('wave 2');
    expect(notes.textContent).toContain('Seen in wave 2; registrar told.');
    expect(notes.querySelector('li')?.textContent).toBe('evil https://evil.example/');
    expect(notes.querySelector('pre, a, [href]')).toBeNull();
  });

  it('says how to write a note when there is none', async () => {
    view = await render(<Notes notes={null} />);

    expect(region('Notes').textContent).toContain('No note. Press n to write one.');
  });
});

describe('NoteDialog', () => {
  it('previews the note as Markdown while it is typed', async () => {
    view = await render(<NoteDialog />);
    const preview = region('Preview');
    expect(preview.textContent).toContain('Nothing to preview.');

    typeInto(document.querySelector('textarea')!, '## Wave 2\n\n| host |\n| --- |\n| evil.example |\n\n<img src=x onerror="alert(1)">');

    expect(preview.querySelector('h5')?.textContent).toBe('Wave 2');
    expect(preview.querySelector('td')?.textContent).toBe('evil.example');
    expect(preview.querySelector('img')).toBeNull();
    expect(preview.textContent).toContain('<img src=x onerror="alert(1)">');
  });
});
