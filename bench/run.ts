export {};

// `npm run bench -- NAME [options]`: runs one benchmark script; each prints its figures and the ratio to
// a raw baseline measured in the same run.
const benches: Record<string, () => Promise<{ main(args: string[]): Promise<void> }>> = {
  import: () => import('./import.bench'),
  unlock: () => import('./unlock.bench'),
  triage: () => import('./triage.bench'),
  'queue-scroll': () => import('./queue-scroll.bench'),
  bundles: () => import('./bundles.bench'),
  cli: () => import('./cli.bench'),
  sync: () => import('./sync.bench'),
  'briefing-store': () => import('./briefing-store.bench'),
  briefings: () => import('./briefings.bench'),
  extract: () => import('./extract.bench'),
};

const [name, ...args] = process.argv.slice(2);
if (!name || !(name in benches)) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [options]`);
  process.exit(2);
}
await (await benches[name]!()).main(args);
