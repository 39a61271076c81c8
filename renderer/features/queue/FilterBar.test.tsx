import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeBridge, ok } from '../../testing/fake-bridge';
import { getByLabel, render, settle, type Rendered } from '../../testing/render';
import { resetImportStore } from '../import/import-store';
import { FilterBar } from './FilterBar';
import { resetQueueStore } from './queue-store';

let view: Rendered | undefined;

beforeEach(() => {
  resetImportStore();
  resetQueueStore();
});

afterEach(() => {
  view?.unmount();
  view = undefined;
});

describe('FilterBar tag suggestions (issue #17.7)', () => {
  it('offers the vault\'s tags as a datalist on the Tag field', async () => {
    const bridge = createFakeBridge({
      'sources:list': () => ok([]),
      'queue:tags': () => ok([{ tag: 'type:OSINT', count: 483 }, { tag: 'misp-galaxy:ransomware="Conti"', count: 12 }]),
    });
    window.liaison = bridge.api;
    view = await render(<FilterBar />);
    await settle();
    const input = getByLabel(view.container, 'Tag');
    const list = input.list;
    expect(list?.tagName).toBe('DATALIST');
    expect([...(list?.querySelectorAll('option') ?? [])].map((option) => option.value)).toEqual(['type:OSINT', 'misp-galaxy:ransomware="Conti"']);
  });

  it('leaves the field a plain text field when the vault has no tags', async () => {
    window.liaison = createFakeBridge({ 'sources:list': () => ok([]), 'queue:tags': () => ok([]) }).api;
    view = await render(<FilterBar />);
    await settle();
    expect(getByLabel(view.container, 'Tag').getAttribute('list')).toBeNull();
  });
});
