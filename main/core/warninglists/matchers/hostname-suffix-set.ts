/**
 * `hostname` lists (MISP semantics): an entry matches the name itself and every subdomain of it, so
 * `example.com` matches `example.com` and `a.b.example.com`, not `badexample.com`. One set of entries;
 * a value is checked at each label boundary (O(labels) set lookups), which is the reversed-label trie
 * walk without building the trie. Leading `*.` and `.` on entries and a trailing dot are ignored.
 */
export function compileHostnameSuffixSet(entries: readonly string[]): (host: string) => boolean {
  const set = new Set<string>();
  for (const entry of entries) {
    const name = entry.toLowerCase().replace(/^\*?\.+/, '').replace(/\.$/, '');
    if (name) set.add(name);
  }
  return (host) => {
    let name = host.endsWith('.') ? host.slice(0, -1) : host;
    if (/[A-Z]/.test(name)) name = name.toLowerCase();
    for (let i = 0; ; ) {
      if (set.has(i === 0 ? name : name.slice(i))) return true;
      const dot = name.indexOf('.', i);
      if (dot < 0) return false;
      i = dot + 1;
    }
  };
}
