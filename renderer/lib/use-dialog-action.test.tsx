import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { render, type Rendered } from '../testing/render';
import { ApiFailure } from './api-failure';
import { useDialogAction, type DialogAction } from './use-dialog-action';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
});

/** Renders a component using the hook and hands back its latest state. */
async function mounted(): Promise<() => DialogAction<string>> {
  let latest: DialogAction<string> | undefined;
  function Probe() {
    latest = useDialogAction<string>();
    return null;
  }
  view = await render(<Probe />);
  return () => latest!;
}

describe('useDialogAction', () => {
  it('is busy while the action runs, then shows its outcome; a failure shows its message and clears the outcome', async () => {
    const state = await mounted();
    let finish!: (value: string) => void;
    let running!: Promise<string | null>;
    act(() => {
      running = state().run(() => new Promise<string>((resolve) => (finish = resolve)));
    });
    expect(state()).toMatchObject({ busy: true, error: null, outcome: null });
    await act(async () => {
      finish('exported');
      await running;
    });
    expect(state()).toMatchObject({ busy: false, error: null, outcome: 'exported' });

    let failed: string | null = 'not yet';
    await act(async () => {
      failed = await state().run(() => Promise.reject(new ApiFailure({ code: 'INVALID_INPUT', message: 'above the ceiling' })));
    });
    expect(failed).toBeNull();
    expect(state()).toMatchObject({ busy: false, error: 'above the ceiling', outcome: null });

    await act(async () => {
      await state().run(() => Promise.reject(new TypeError('bridge gone')));
    });
    expect(state().error).toBe('The workbench core did not answer. Try again.');
  });
});
