/** A deterministic mix of canonical indicator values, so every run and every format sees the same data. */
export interface SyntheticIndicator {
  type: 'ipv4' | 'domain' | 'url' | 'sha256' | 'md5' | 'email';
  value: string;
}

/** Small, fast PRNG (mulberry32): reproducible data without a dependency. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['alpha', 'bravo', 'cobalt', 'delta', 'ember', 'falcon', 'granite', 'harbor', 'iris', 'juniper', 'kestrel', 'lumen'];
const TLDS = ['com', 'net', 'org', 'io', 'ru', 'cn', 'info', 'biz', 'de', 'co.uk'];

function hex(random: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

/** `count` distinct canonical values; index i always yields the same value. */
export function* syntheticIndicators(count: number, seed = 1): Generator<SyntheticIndicator> {
  const random = prng(seed);
  for (let i = 0; i < count; i++) {
    const word = WORDS[i % WORDS.length]!;
    const tld = TLDS[Math.floor(random() * TLDS.length)]!;
    switch (i % 6) {
      case 0: {
        // Unique by construction: i spread over public ranges (first octet 11..200, avoiding private ones).
        const n = i / 6;
        yield { type: 'ipv4', value: `${11 + (n >>> 16) % 150}.${(n >>> 8) & 255}.${n & 255}.${1 + Math.floor(random() * 254)}` };
        break;
      }
      case 1:
        yield { type: 'domain', value: `${word}-${i.toString(36)}.${tld}` };
        break;
      case 2:
        yield { type: 'url', value: `http://${word}${i.toString(36)}.${tld}/gate/${hex(random, 8)}.php` };
        break;
      case 3:
        yield { type: 'sha256', value: hex(random, 56) + i.toString(16).padStart(8, '0') };
        break;
      case 4:
        yield { type: 'md5', value: hex(random, 24) + i.toString(16).padStart(8, '0') };
        break;
      default:
        yield { type: 'email', value: `${word}.${i.toString(36)}@mail-${tld.replace('.', '-')}.com` };
    }
  }
}
