/** Why the built CLI in `outDir` is not current for the sources under `root`, or null when it is. */
export function cliBuildStaleReason(root: string, outDir: string): string | null;
