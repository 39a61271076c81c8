import { describe, expect, it } from 'vitest';
import { canonicalize } from './canonicalize';
import { detectType } from './detect-type';
import type { IndicatorType } from './indicator-type';

// A realistic feed mix: mostly IPs, domains, URLs and hashes, some defanged.
function mix(n: number): [IndicatorType, string][] {
  const out: [IndicatorType, string][] = [];
  for (let i = 0; i < n; i++) {
    const a = i & 255;
    const b = (i >> 8) & 255;
    switch (i % 8) {
      case 0: out.push(['ipv4', `185.${a}.${b}.${(i * 7) & 255}`]); break;
      case 1: out.push(['domain', `host${i}.Example-Evil${i % 97}.com`]); break;
      case 2: out.push(['url', `https://cdn${i % 50}.evil${i}.net/p/${i}?q=${a}`]); break;
      case 3: out.push(['sha256', (i.toString(16).padStart(8, '0')).repeat(8)]); break;
      case 4: out.push(['md5', (i.toString(16).padStart(8, 'A')).repeat(4)]); break;
      case 5: out.push(['hostname', `mail${i}.evil${i % 13}[.]co[.]uk`]); break;
      case 6: out.push(['email', `user${i}@Evil${i % 31}.org`]); break;
      default: out.push(['ipv6', `2a0b:${a.toString(16)}::${b.toString(16)}`]);
    }
  }
  return out;
}

describe('canonicalize throughput', () => {
  it('handles a 1M-row mix and prints values/s', () => {
    const values = mix(200_000);
    for (const [t, v] of values.slice(0, 20_000)) canonicalize(t, v); // warm-up
    const t0 = performance.now();
    let ok = 0;
    for (const [t, v] of values) if (canonicalize(t, v).ok) ok++;
    const seconds = (performance.now() - t0) / 1000;
    const rate = Math.round(values.length / seconds);
    const t1 = performance.now();
    for (const [, v] of values) detectType(v);
    const detectRate = Math.round(values.length / ((performance.now() - t1) / 1000));
    console.log(`canonicalize: ${rate} values/s (${ok}/${values.length} ok); detectType: ${detectRate} values/s`);
    // Speed is measured by `npm run bench`, never asserted here: a loaded machine must not fail the suite.
    expect(ok).toBe(values.length);
  });
});
