import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { render, type Rendered } from '../../testing/render';
import { StixContext } from './DetailSections';
import { EMPTY_FORM } from './filter-form';
import { exactWords } from './PivotLink';
import { useQueueStore } from './queue-store';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
});

const row = (kind: string, name: string, ref: string, detail: string) => ({ kind, name, ref, detail, sourceId: 1 });

describe('StixContext in the detail pane (issue #17.6)', () => {
  it('shows second hops, report metadata and MISP flags as fields, each item a pivot, no remote links', async () => {
    view = await render(
      <StixContext
        context={[
          row('malware', 'Dharma', 'malware--0f1e', 'indicates'),
          row('attack-pattern', 'T1486 Data Encrypted for Impact', 'attack-pattern--b8c5', 'via Dharma: Dharma uses T1486 Data Encrypted for Impact'),
          row('other', 'Dharma ransomware returns', 'report--7e6d', 'report; published: 2024-05-01; references: https://unit42.example/dharma-returns'),
          row('other', 'not for detection', '', 'MISP to_ids is false'),
        ]}
      />,
    );
    const text = view.container.textContent ?? '';
    expect(text).not.toContain('OTHER');
    expect(text).toContain('via Dharma: Dharma uses T1486 Data Encrypted for Impact');
    const report = view.container.querySelector('dl[aria-label="report Dharma ransomware returns"]');
    const pairs = [...(report?.querySelectorAll('dt') ?? [])].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]);
    expect(pairs).toEqual([
      ['report', 'Dharma ransomware returns'],
      ['published', '2024-05-01'],
      ['references', 'https://unit42.example/dharma-returns'],
    ]);
    const flags = view.container.querySelector('dl[aria-label="MISP flags"]');
    expect(flags?.querySelector('dt')?.textContent).toBe('to_ids');
    expect(view.container.querySelectorAll('a')).toHaveLength(0);
    const pivots = [...view.container.querySelectorAll('button.pivot-link')].map((b) => b.textContent);
    expect(pivots).toEqual(['Dharma', 'T1486 Data Encrypted for Impact', 'Dharma ransomware returns', 'false (MISP to_ids is false)']);
  });
});

describe('context pivots ask for whole words (issue #17.7)', () => {
  it('a click filters by the quoted words, so neither longer words nor source names widen it', async () => {
    const forms: unknown[] = [];
    const original = useQueueStore.getState().setForm;
    useQueueStore.setState({ setForm: async (patch) => void forms.push(patch) });
    try {
      view = await render(<StixContext context={[row('attack-pattern', 'T1486 Data Encrypted for Impact', 'attack-pattern--b8c5', 'uses')]} />);
      await act(async () => view!.container.querySelector<HTMLButtonElement>('button.pivot-link')!.click());
      expect(forms).toEqual([{ ...EMPTY_FORM, text: '"T1486" "Data" "Encrypted" "for" "Impact"' }]);
      expect(exactWords('  Dharma  ')).toBe('"Dharma"');
    } finally {
      useQueueStore.setState({ setForm: original });
    }
  });
});
