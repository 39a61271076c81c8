export {};

// `npm run bench -- NAME [options]`: runs one benchmark script; each prints its figures and the ratio to
// a raw baseline measured in the same run.
const benches: Record<string, () => Promise<{ main(args: string[]): Promise<void> }>> = {
  import: () => import('./import.bench'),
  unlock: () => import('./unlock.bench'),
  triage: () => import('./triage.bench'),
  'queue-scroll': () => import('./queue-scroll.bench'),
  briefings: () => import('./briefings.bench'),
};

const [name, ...args] = process.argv.slice(2);
if (!name || !(name in benches)) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [options]`);
  process.exit(2);
}
await (await benches[name]!()).main(args);
