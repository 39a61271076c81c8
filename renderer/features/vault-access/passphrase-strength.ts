export type StrengthLevel = 'empty' | 'too-short' | 'weak' | 'fair' | 'strong' | 'very-strong';

export interface PassphraseStrength {
  level: StrengthLevel;
  /** Rough entropy estimate in bits; an upper bound for human-chosen text, so the hint stays conservative. */
  bits: number;
  hint: string;
}

export const MIN_PASSPHRASE_LENGTH = 12;

const CLASS_POOLS: ReadonlyArray<{ test: RegExp; size: number }> = [
  { test: /[a-z]/, size: 26 },
  { test: /[A-Z]/, size: 26 },
  { test: /[0-9]/, size: 10 },
  { test: /[ ]/, size: 1 },
  { test: /[!-/:-@[-`{-~]/, size: 33 },
  { test: /[^\x20-\x7e]/, size: 100 },
];

const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const COMMON = ['password', 'passphrase', 'letmein', 'welcome', 'admin', 'liaison', 'qwerty', 'iloveyou', 'secret'];

function poolSize(text: string): number {
  return CLASS_POOLS.reduce((sum, pool) => (pool.test.test(text) ? sum + pool.size : sum), 0);
}

/** Characters that add little: repeats of the previous character and steps along a keyboard/alphabet run. */
function predictableCount(text: string): number {
  const lower = text.toLowerCase();
  let count = 0;
  for (let i = 1; i < lower.length; i += 1) {
    const pair = lower.slice(i - 1, i + 1);
    const repeated = pair[0] === pair[1];
    const sequential = SEQUENCES.some((run) => run.includes(pair) || [...run].reverse().join('').includes(pair));
    if (repeated || sequential) count += 1;
  }
  return count;
}

function commonWordPenalty(text: string): number {
  const lower = text.toLowerCase();
  return COMMON.reduce((sum, word) => (lower.includes(word) ? sum + word.length - 1 : sum), 0);
}

function levelFor(bits: number): StrengthLevel {
  if (bits < 40) return 'weak';
  if (bits < 60) return 'fair';
  if (bits < 80) return 'strong';
  return 'very-strong';
}

const HINTS: Record<StrengthLevel, string> = {
  empty: `Use at least ${MIN_PASSPHRASE_LENGTH} characters. Four or more unrelated words work well.`,
  'too-short': `Too short: use at least ${MIN_PASSPHRASE_LENGTH} characters.`,
  weak: 'Weak: easy to guess. Add more unrelated words.',
  fair: 'Fair: add another word or two for a vault that holds shared intelligence.',
  strong: 'Strong.',
  'very-strong': 'Very strong.',
};

/** A quick, dependency-free estimate for the create-vault hint; not a guarantee against a targeted attack. */
export function estimatePassphraseStrength(passphrase: string): PassphraseStrength {
  const length = [...passphrase].length;
  if (length === 0) return { level: 'empty', bits: 0, hint: HINTS.empty };
  const effective = Math.max(1, length - predictableCount(passphrase) - commonWordPenalty(passphrase));
  const bits = Math.round(effective * Math.log2(Math.max(2, poolSize(passphrase))));
  const level = length < MIN_PASSPHRASE_LENGTH ? 'too-short' : levelFor(bits);
  return { level, bits, hint: HINTS[level] };
}
