/** Typing pauses this long before the draft is saved: one save per pause, never one per keystroke. */
export const AUTOSAVE_DELAY_MS = 1500;

export interface Autosave<T> {
  /** Records the latest content; the save runs once typing pauses. */
  change(content: T): void;
  /** Saves now what is pending (leaving the editor, before "Save version"); resolves when it is stored. */
  flush(): Promise<void>;
  /** Whether content is waiting to be saved or being saved. */
  pending(): boolean;
  /** Drops what is pending without saving (the briefing was closed or replaced). */
  cancel(): void;
}

interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const REAL_TIMERS: Timers = { set: (run, ms) => setTimeout(run, ms), clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) };

/**
 * Debounced draft saving. Saves never overlap: content that changes while a save is in flight is saved
 * after it, so the stored draft is always the last thing typed and the order of writes is the order of edits.
 */
export function createAutosave<T>(save: (content: T) => Promise<void>, delayMs = AUTOSAVE_DELAY_MS, timers: Timers = REAL_TIMERS): Autosave<T> {
  let latest: { content: T } | null = null;
  let timer: unknown = null;
  let running: Promise<void> | null = null;

  const stopTimer = () => {
    if (timer !== null) timers.clear(timer);
    timer = null;
  };

  const run = (): Promise<void> => {
    stopTimer();
    if (running) return running.then(() => (latest ? run() : undefined));
    if (!latest) return Promise.resolve();
    const { content } = latest;
    latest = null;
    running = save(content).finally(() => {
      running = null;
    });
    return running;
  };

  return {
    change(content) {
      latest = { content };
      stopTimer();
      timer = timers.set(() => {
        timer = null;
        run().catch(() => undefined);
      }, delayMs);
    },
    flush: run,
    pending: () => latest !== null || running !== null,
    cancel() {
      stopTimer();
      latest = null;
    },
  };
}
