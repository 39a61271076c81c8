/**
 * TLP 2.0 levels, lowest to highest. Dependency-free so the IPC contract (and through it the renderer)
 * can share the one definition.
 */
export type TlpLevel = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

export const TLP_LEVELS: readonly TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];
