import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave } from './autosave';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('autosave', () => {
  it('saves once after typing pauses, with the last content, not once per keystroke', async () => {
    const saved: string[] = [];
    const autosave = createAutosave(async (text: string) => void saved.push(text), 1000);
    for (const text of ['S', 'Su', 'Sum', 'Summ']) {
      autosave.change(text);
      await vi.advanceTimersByTimeAsync(300);
    }
    expect(saved).toEqual([]);
    expect(autosave.pending()).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual(['Summ']);
    expect(autosave.pending()).toBe(false);
  });

  it('never overlaps saves: an edit during a slow save is saved after it, in order', async () => {
    const saved: string[] = [];
    let release: () => void = () => undefined;
    const autosave = createAutosave(
      (text: string) =>
        new Promise<void>((resolve) => {
          release = () => {
            saved.push(text);
            resolve();
          };
        }),
      100,
    );
    autosave.change('a');
    await vi.advanceTimersByTimeAsync(100);
    autosave.change('ab');
    const flushed = autosave.flush();
    expect(saved).toEqual([]);
    release();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await flushed;
    expect(saved).toEqual(['a', 'ab']);
  });

  it('flush saves at once; cancel drops what is pending', async () => {
    const save = vi.fn(async () => undefined);
    const autosave = createAutosave(save, 1000);
    autosave.change('x');
    await autosave.flush();
    expect(save).toHaveBeenCalledWith('x');
    autosave.change('y');
    autosave.cancel();
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(1);
  });
});
