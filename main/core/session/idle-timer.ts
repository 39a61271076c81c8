/** Timer functions are injected so tests can drive time without sleeping. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // An idle timer must never keep a CLI or worker process alive on its own.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface IdleTimer {
  /** Restarts the countdown; returns the new deadline. */
  touch(): Date;
  stop(): void;
  deadline(): Date | null;
}

/** Calls `onIdle` once when `timeoutMs` passes without a `touch()`. */
export function startIdleTimer(timeoutMs: number, onIdle: () => void, now: () => Date, timers: Timers): IdleTimer {
  let handle: unknown = null;
  let deadline: Date | null = null;
  const stop = (): void => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
    deadline = null;
  };
  const touch = (): Date => {
    stop();
    deadline = new Date(now().getTime() + timeoutMs);
    handle = timers.setTimeout(() => {
      handle = null;
      deadline = null;
      onIdle();
    }, timeoutMs);
    return deadline;
  };
  touch();
  return { touch, stop, deadline: () => deadline };
}
