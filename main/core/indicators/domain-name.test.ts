import { describe, expect, it } from 'vitest';
import { checkName, isFileLikeName, registrableDomain } from './domain-name';
import { typeFromSourceName } from './source-type-name';
import { hasValidWalletChecksum, normalizeWallet } from './crypto-wallet';

describe('registrableDomain', () => {
  it.each([
    ['a.b.evil.co.uk', 'evil.co.uk'],
    ['https://x.evil.com/path', 'evil.com'],
    ['user@mail.evil.com', 'evil.com'],
    ['a.foo.blogspot.com', 'foo.blogspot.com'],
    ['Evil.COM.', 'evil.com'],
    ['co.uk', undefined],
  ])('%s → %s', (value, expected) => {
    expect(registrableDomain(value)).toBe(expected);
  });
});

describe('checkName', () => {
  it('lower-cases, strips the trailing dot and punycodes', () => {
    expect(checkName('WWW.Bücher.DE.')).toEqual({ ok: true, name: 'www.xn--bcher-kva.de', display: 'www.bücher.de', flags: ['idn'] });
  });
  it('refuses an internationalised TLD the PSL does not know (a stray Latin-1 byte), keeps real ones and unknown ASCII ones', () => {
    expect(checkName('abastostelano.com\u00ca')).toEqual({ ok: false, reason: 'unknown internationalised top-level domain ".comê"' });
    expect(checkName('пример.рф')).toMatchObject({ ok: true, name: 'xn--e1afmkfd.xn--p1ai' });
    expect(checkName('lantern.bit')).toMatchObject({ ok: true, flags: ['unknown-tld'] });
  });
  it('file-like names: two labels under an extension TLD, or any .zip/.mov', () => {
    expect(isFileLikeName(2, 'py')).toBe(true);
    expect(isFileLikeName(3, 'pl')).toBe(false);
    expect(isFileLikeName(3, 'zip')).toBe(true);
    expect(isFileLikeName(2, 'com')).toBe(false);
  });
});

describe('typeFromSourceName', () => {
  it.each([
    ['ip-dst', '1.2.3.4', 'ipv4', '1.2.3.4'],
    ['ip-src', '2001:db8::1', 'ipv6', '2001:db8::1'],
    ['ip-dst', '10.0.0.0/8', 'cidr', '10.0.0.0/8'],
    ['ipv4-addr:value', '1.2.3.4', 'ipv4', '1.2.3.4'],
    ['domain-name', 'a.b.com', 'domain', 'a.b.com'],
    ['host', 'a.b.com', 'hostname', 'a.b.com'],
    ['hash', 'd41d8cd98f00b204e9800998ecf8427e', 'md5', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['IP', '1.2.3.4', 'ipv4', '1.2.3.4'],
    ['filename|md5', 'a.exe|d41d8cd98f00b204e9800998ecf8427e', 'md5', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['ip-dst|port', '1.2.3.4|443', 'ipv4', '1.2.3.4'],
    ['ip:port', '45.137.21.9:4782', 'ipv4', '45.137.21.9'],
    ['ip:port', '[2001:db8::1]:443', 'ipv6', '2001:db8::1'],
    ['ip:port', '45.137.21.9', 'ipv4', '45.137.21.9'],
    ['IP', '163[.]172[.]147[.]222:4555', 'ipv4', '163.172.147.222'],
    ['IP', '163[.]172[.]147[.]222', 'ipv4', '163[.]172[.]147[.]222'],
    // A name column holding an address (Unit 42 domain lists).
    ['domain', '185.165.29.25', 'ipv4', '185.165.29.25'],
    ['hostname', 'mail.evil.com', 'hostname', 'mail.evil.com'],
    ['regkey', 'HKLM\\x', 'registry-key', 'HKLM\\x'],
    ['regkey|value', 'HKLM\\x\\Run|evil.exe', 'registry-key', 'HKLM\\x\\Run|evil.exe'],
    ['regkey|value', 'HKLM\\x\\Run|', 'registry-key', 'HKLM\\x\\Run'],
    // A list's "URL" that is only a name is that name (Sophos: `URL,akamaicontainer[.]com`).
    ['URL', 'cdn[.]evil.com', 'hostname', 'cdn[.]evil.com'],
    ['url', 'evil.com/gate', 'url', 'evil.com/gate'],
    ['file_path_name', 'C:\\PerfLogs\\plink.exe', 'filename', 'C:\\PerfLogs\\plink.exe'],
    ['btc', 'x', 'crypto-wallet', 'x'],
    ['something-else', 'x', null, 'x'],
  ])('%s %s', (name, value, type, kept) => {
    expect(typeFromSourceName(name, value)).toEqual({ type, value: kept });
  });
});

describe('wallets', () => {
  it('verifies checksums', () => {
    const good = normalizeWallet('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
    expect(good !== null && hasValidWalletChecksum(good.kind, good.value)).toBe(true);
    const bad = normalizeWallet('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb');
    expect(bad !== null && hasValidWalletChecksum(bad.kind, bad.value)).toBe(false);
    const bech = normalizeWallet('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq');
    expect(bech !== null && hasValidWalletChecksum(bech.kind, bech.value)).toBe(true);
    const bech2 = normalizeWallet('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp');
    expect(bech2 !== null && hasValidWalletChecksum(bech2.kind, bech2.value)).toBe(false);
    expect(normalizeWallet('Bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq')).toBeNull();
  });

  // Well-known public addresses: the Monero General Fund, the XRP Ledger's genesis account, Tether's
  // contract on Tron, the Dogecoin Foundation, and the cashaddr specification's example.
  it.each([
    ['44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A', 'xmr'],
    ['rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh', 'xrp'],
    ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'altcoin-base58'],
    ['DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L', 'altcoin-base58'],
    ['qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a', 'bch-cashaddr'],
  ])('recognises %s only with its checksum', (address, kind) => {
    expect(normalizeWallet(address)?.kind).toBe(kind);
    const last = address.at(-1)!;
    const typo = address.slice(0, -1) + (last === 'b' ? 'c' : 'b');
    expect(normalizeWallet(typo)).toBeNull();
  });

  it('keeps cashaddr with its prefix, lower-cased', () => {
    expect(normalizeWallet('QPM2QSZNHKS23Z7629MMS6S4CWEF74VCWVY22GDX6A')?.value).toBe('bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a');
  });
});
