import { describe, expect, it } from 'vitest';
import { estimatePassphraseStrength, MIN_PASSPHRASE_LENGTH } from './passphrase-strength';

describe('estimatePassphraseStrength', () => {
  it('asks for a passphrase when empty', () => {
    expect(estimatePassphraseStrength('')).toMatchObject({ level: 'empty', bits: 0 });
  });

  it('calls anything under the minimum length too short, whatever its classes', () => {
    const short = 'Ab1!Ab1!Ab1'.slice(0, MIN_PASSPHRASE_LENGTH - 1);
    expect(estimatePassphraseStrength(short).level).toBe('too-short');
  });

  it('rates repeated and sequential characters as weak', () => {
    expect(estimatePassphraseStrength('aaaaaaaaaaaaaaaa').level).toBe('weak');
    expect(estimatePassphraseStrength('abcdefghijklmnop').level).toBe('weak');
    expect(estimatePassphraseStrength('1234567890123456').level).toBe('weak');
  });

  it('discounts common words', () => {
    const common = estimatePassphraseStrength('passwordpassword');
    const random = estimatePassphraseStrength('pqmzwrtnvbhxkdsl');
    expect(common.bits).toBeLessThan(random.bits);
    expect(common.level).toBe('weak');
  });

  it('rates several unrelated words as strong or better', () => {
    const result = estimatePassphraseStrength('orbit velvet harbour minnow cactus');
    expect(['strong', 'very-strong']).toContain(result.level);
  });

  it('rewards more character classes at the same length', () => {
    const lower = estimatePassphraseStrength('kdmqpwzrtvnx');
    const mixed = estimatePassphraseStrength('kDm9pW!rT7nX');
    expect(mixed.bits).toBeGreaterThan(lower.bits);
  });

  it('counts non-ASCII characters by code point', () => {
    expect(estimatePassphraseStrength('ключ-доступа-река').bits).toBeGreaterThan(60);
  });
});
