/**
 * fast-check's seed for a property run: LIAISON_PROPERTY_SEED replays the run a failure printed, otherwise
 * fast-check picks a fresh one, so CI keeps exploring new inputs.
 */
export function propertySeed(): { seed?: number } {
  const seed = process.env.LIAISON_PROPERTY_SEED;
  return seed === undefined ? {} : { seed: Number(seed) };
}
