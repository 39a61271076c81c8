import { describe, expect, it } from 'vitest';
import { looksLikeBundle } from './bundle-sniff';

describe('looksLikeBundle', () => {
  it('knows an age file and our archive by their first bytes, whatever the name', async () => {
    expect(await looksLikeBundle(new File(['age-encryption.org/v1\n-> X25519 abc\n'], 'mail-attachment.bin'))).toBe(true);
    expect(await looksLikeBundle(new File(['manifest.json\u0000\u0000\u0000'], 'x.tar'))).toBe(true);
    expect(await looksLikeBundle(new File(['{"type":"bundle","objects":[]}'], 'bundle.liaison'))).toBe(false);
    expect(await looksLikeBundle(new File([''], 'empty'))).toBe(false);
  });
});
