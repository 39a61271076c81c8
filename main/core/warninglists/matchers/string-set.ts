/** `string` lists: exact, case-insensitive equality through one hash set (O(1) per value). */
export function compileStringSet(entries: readonly string[]): (value: string) => boolean {
  const set = new Set(entries.map((e) => e.toLowerCase()));
  return (value) => set.has(value) || set.has(value.toLowerCase());
}
