/** Source of the current time; injected everywhere a timestamp is written so tests control it. */
export type Clock = () => Date;

/** The real wall clock. */
export const systemClock: Clock = () => new Date();
