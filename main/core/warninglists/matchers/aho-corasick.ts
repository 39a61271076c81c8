/**
 * `substring` lists: Aho–Corasick over all entries at once, case-insensitive. Building is linear in the
 * total entry length; a value costs O(its length) whatever the number of entries, so a 10k-entry list
 * costs the same per value as a 10-entry one.
 */
export function compileSubstringMatcher(entries: readonly string[]): (value: string) => boolean {
  const next: Map<number, number>[] = [new Map()];
  const terminal: boolean[] = [false];
  for (const entry of entries) {
    const word = entry.toLowerCase();
    if (!word) continue;
    let state = 0;
    for (let i = 0; i < word.length; i += 1) {
      const c = word.charCodeAt(i);
      let to = next[state]!.get(c);
      if (to === undefined) {
        to = next.length;
        next.push(new Map());
        terminal.push(false);
        next[state]!.set(c, to);
      }
      state = to;
    }
    terminal[state] = true;
  }
  const fail = new Int32Array(next.length);
  const queue: number[] = [];
  for (const to of next[0]!.values()) queue.push(to);
  for (let head = 0; head < queue.length; head += 1) {
    const state = queue[head]!;
    for (const [c, to] of next[state]!) {
      let f = fail[state]!;
      while (f > 0 && !next[f]!.has(c)) f = fail[f]!;
      const target = next[f]!.get(c);
      fail[to] = target !== undefined && target !== to ? target : 0;
      // A state is terminal if any suffix of its path is an entry.
      if (terminal[fail[to]!]) terminal[to] = true;
      queue.push(to);
    }
  }
  const anyEntry = terminal.some(Boolean);
  return (value) => {
    if (!anyEntry) return false;
    const text = value.toLowerCase();
    let state = 0;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      while (state > 0 && !next[state]!.has(c)) state = fail[state]!;
      state = next[state]!.get(c) ?? 0;
      if (terminal[state]) return true;
    }
    return false;
  };
}
