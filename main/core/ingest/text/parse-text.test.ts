import fc from 'fast-check';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastestTimings } from '../../../../test/helpers/growth-timing';
import { IngestError, type IngestItem } from '../ingest-record';
import { parseText } from './parse-text';
import { propertySeed } from '../../../../test/helpers/property-seed';

async function* asAsync(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* parts;
}

const FIXTURES = join(__dirname, '../../../../test/fixtures/ingest/text');

function chunks(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let i = 0;
  for (let k = 0; i < bytes.length; k++) {
    const n = Math.max(1, sizes[k % Math.max(1, sizes.length)] ?? 64);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

async function collect(parts: Uint8Array[], fileName = 'report.txt'): Promise<IngestItem[]> {
  const items: IngestItem[] = [];
  for await (const item of parseText(asAsync(parts), { fileName })) items.push(item);
  return items;
}

const values = (items: IngestItem[]) => items.flatMap((i) => (i.kind === 'record' ? [`${i.record.type}:${i.record.value}`] : []));

describe('parseText', () => {
  it('extracts the Markdown report', async () => {
    const items = await collect([await readFile(join(FIXTURES, 'apt-report.md'))], 'apt-report.md');
    const v = values(items);
    expect(v).toEqual(expect.arrayContaining([
      'url:https://cdn-update.copper-lantern.com/api/v2/check?id=7',
      'ipv4:185.220.101.45',
      'hostname:update.copper-lantern.com',
      'domain:xn--micrsoft-qbh.com',
      'ipv6:2a0b:f4c2:2::1',
      'domain:copper-lantern.com',
      'cidr:91.92.240.0/22',
      'asn:AS9009',
      'email:billing@copper-lantern.com',
      'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      'cve:CVE-2023-23397',
      'crypto-wallet:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
    ]));
    expect(v.join(' ')).not.toMatch(/vendor\.example\.net|readme|2\.1\.0\.4|10\.0\.19041/);
    const ambiguous = items.flatMap((i) => (i.kind === 'reject' ? [i.reject.value] : []));
    expect(ambiguous).toEqual(['invoice_2024.zip', 'setup.py']);
    const first = items.find((i) => i.kind === 'record');
    expect(first?.kind === 'record' && first.record.location).toBe('line 8, column 40');
    expect(first?.kind === 'record' && first.record.snippet).toContain('hxxps://cdn-update[.]copper-lantern[.]com');
  });

  it('strips HTML before extracting', async () => {
    const v = values(await collect([await readFile(join(FIXTURES, 'apt-report.html'))], 'apt-report.html'));
    expect(v).toEqual([
      'url:http://login-copper.com/auth.php?u=1&v=2',
      'hostname:cdn-update.copper-lantern.com',
      'ipv4:193.0.14.129',
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'email:ops@copper-lantern.com',
    ]);
  });

  it("leaves a web page's navigation, footer and link texts out, keeping its line numbers (columns count the text, not the markup)", async () => {
    const html = [
      '<html><body><nav><a href="https://www.vendor-research.com/blog/">www.vendor-research.com/blog</a></nav>',
      '<p>By <a href="mailto:press@vendor-research.com">press@vendor-research.com</a>. The loader called',
      '<code>hxxps://cdn-update[.]lantern-c2[.]com/api</code> and <a href="https://vt.example/f/x">9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08</a>.</p>',
      '<footer>&copy; 2026 Vendor &middot; contact: info@vendor-research.com &middot; www.vendor-research.com</footer>',
      '<p>C2 203.0.113.45</p></body></html>',
    ].join('\n');
    const items = await collect([Buffer.from(html)], 'post.html');
    expect(items.flatMap((i) => (i.kind === 'record' ? [`${i.record.type}:${i.record.value} @ ${i.record.location}`] : []))).toEqual([
      'url:https://cdn-update.lantern-c2.com/api @ line 3, column 1',
      'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 @ line 3, column 47',
      'ipv4:203.0.113.45 @ line 5, column 5',
    ]);
    expect(items.flatMap((i) => (i.kind === 'reject' ? [i.reject.value] : []))).toEqual(['press@vendor-research.com']);
  });

  it('reads a file with spaces in its name and no extension', async () => {
    const v = values(await collect([await readFile(join(FIXTURES, 'incident notes'))], 'incident notes'));
    expect(v).toContain('url:http://c2.copper-lantern.com:8080/gate');
    expect(v).toContain('asn:AS64500');
  });

  it("lists a blocklist's own site and contact on its comment lines as ambiguous, not as indicators", async () => {
    const list = [
      '; Spamhaus DROP List 2026/11/28 - (c) 2026 The Spamhaus Project SLU',
      '; https://www.spamhaus.org/drop/drop.txt',
      '# Contact: abuse@feeds.example.org',
      '# For questions please contact bazaar [at] feeds.example.org',
      '// mirror: lists.example.net',
      '# C2 seen in the wild: hxxp://c2-lantern[.]com/gate (defanged on purpose: an indicator)',
      '1.10.16.0/20 ; SBL256894',
      'http://payload.example-bad.com/x.exe',
    ].join('\n');
    const items = await collect([Buffer.from(list)], 'drop.txt');
    expect(values(items)).toEqual(['url:http://c2-lantern.com/gate', 'cidr:1.10.16.0/20', 'url:http://payload.example-bad.com/x.exe']);
    const ambiguous = items.flatMap((i) => (i.kind === 'reject' ? [i.reject.value] : []));
    expect(ambiguous).toEqual(['https://www.spamhaus.org/drop/drop.txt', 'abuse@feeds.example.org', 'bazaar@feeds.example.org', 'lists.example.net']);
    // In Markdown '#' makes a heading: what a heading names is still an indicator.
    expect(values(await collect([Buffer.from('# C2: evil-lantern.com\n; evil-quarry.com\n')], 'notes.md'))).toEqual(['domain:evil-lantern.com']);
  });

  it('keeps commented-out entries and the references in entry comments out of a value;comment list (Loki)', async () => {
    const list = [
      '# MD5;COMMENT',
      '# 0c2674c3a97c53082187d930efb645c2;Example entry - http://short.example/abc',
      '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08;Lantern Activity https://research.example.org/2026/lantern',
      '203.0.113.7;evil-lantern.com',
    ].join('\n');
    const items = await collect([Buffer.from(list)], 'hash-iocs.txt');
    expect(values(items)).toEqual([
      'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'ipv4:203.0.113.7', 'domain:evil-lantern.com',
    ]);
    const ambiguous = items.flatMap((i) => (i.kind === 'reject' ? [i.reject.value] : []));
    expect(ambiguous).toEqual(['0c2674c3a97c53082187d930efb645c2', 'http://short.example/abc', 'https://research.example.org/2026/lantern']);
  });

  it('lists relay fingerprints, leading-zero addresses and Markdown link text as ambiguous; reads scheme-less URLs', async () => {
    const text = [
      'ExitNode FE39F07EBE7870DCE124AB30DF3ABD0700A43F75',
      'ExitAddress 198.51.100.23 2026-11-28 10:00:00',
      '09.193.105.79',
      'evil-lantern.com/wp-content/ip/login/',
      'Source: [www.vendor-research.com](https://www.vendor-research.com/blog/lantern)',
    ].join('\n');
    const items = await collect([Buffer.from(text)], 'exit-addresses');
    expect(values(items)).toEqual(['ipv4:198.51.100.23', 'url:http://evil-lantern.com/wp-content/ip/login/']);
    const ambiguous = items.flatMap((i) => (i.kind === 'reject' ? [i.reject.value] : []));
    expect(ambiguous).toEqual(['FE39F07EBE7870DCE124AB30DF3ABD0700A43F75', '09.193.105.79', 'www.vendor-research.com']);
  });

  it('reads the wallets of a ransom note: Monero, XRP, Bitcoin Cash, Tron, with their checksums', async () => {
    const note = [
      'Pay 2 XMR to 44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A',
      'or XRP: rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh, BCH qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a, USDT (TRC20) TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t.',
      'Not wallets: TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTa',
    ].join('\n');
    expect(values(await collect([Buffer.from(note)], 'note.txt'))).toEqual([
      'crypto-wallet:44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A',
      'crypto-wallet:rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh',
      'crypto-wallet:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a',
      'crypto-wallet:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
    ]);
  });

  it('lists plain names under a heading of legitimate services or references as ambiguous, until the next heading', async () => {
    const report = [
      'DOMAINS HOSTING THE INSTALLER DLL:',
      '- lantern5810[.]com - 185.195.24[.]153',
      'HTTPS TRAFFIC TO LEGITIMATE DOMAINS CAUSED BY INSTALLER DLL:',
      '- port 443 - support.vendor-os.com',
      '- 167.99.248[.]130 port 443 - lantern-c2[.]xyz',
      'HTTPS TRAFFIC TO MALICIOUS DOMAINS:',
      '- 104.248.90.150 port 443 - blokaddio.top',
      '## References',
      '- https://research.example.org/2026/lantern',
    ].join('\n');
    const items = await collect([Buffer.from(report)], 'iocs.md');
    expect(values(items)).toEqual([
      'domain:lantern5810.com', 'ipv4:185.195.24.153', 'ipv4:167.99.248.130', 'domain:lantern-c2.xyz', 'ipv4:104.248.90.150', 'domain:blokaddio.top',
    ]);
    expect(items.flatMap((i) => (i.kind === 'reject' ? [i.reject.value] : []))).toEqual(['support.vendor-os.com', 'https://research.example.org/2026/lantern']);
  });

  it('yields each indicator once per file', async () => {
    const v = values(await collect([Buffer.from('evil.com\nEVIL[.]com is evil.com\n')]));
    expect(v).toEqual(['domain:evil.com']);
  });

  it('takes values that differ only in case for one, non-ASCII ones and the Kelvin sign included', async () => {
    const text = [
      'https://Evil.com/Gate and https://evil.com/gate',
      'https://bücher.de/Ä and https://BÜCHER.de/ä',
      // U+212A KELVIN SIGN lower-cases to an ASCII k: these are one value each, as they always were.
      'Contact ops@\u212Aiwi.com or OPS@kiwi.com; hxxp://\u212Aiwi.com/x and http://kiwi.com/X',
      '4f2b8e4c9a1d3b5e7f60a1b2c3d4e5f6 4F2B8E4C9A1D3B5E7F60A1B2C3D4E5F6',
    ].join('\n');
    expect(values(await collect([Buffer.from(text)]))).toEqual([
      'url:https://Evil.com/Gate',
      'url:https://bücher.de/Ä',
      'email:ops@\u212Aiwi.com',
      'url:http://\u212Aiwi.com/x',
      'md5:4f2b8e4c9a1d3b5e7f60a1b2c3d4e5f6',
    ]);
  });

  it('finds indicators split across chunk boundaries, whatever the chunking', async () => {
    const text = 'intro line\nC2 hxxps://cdn[.]evil-host[.]com/gate.php and 185.220.101[.]45\nhash 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 from bad[@]phish[.]ru\r\n';
    const bytes = Buffer.from(text);
    const expected = values(await collect([bytes]));
    expect(expected).toHaveLength(4);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }), async (sizes) => {
        expect(values(await collect(chunks(bytes, sizes)))).toEqual(expected);
      }),
      { numRuns: 200, ...propertySeed() },
    );
  });

  it('never throws anything but IngestError and never hangs on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.integer({ min: 1, max: 64 }), async (bytes, size) => {
        try {
          await collect(chunks(bytes, [size]));
        } catch (e) {
          expect(e).toBeInstanceOf(IngestError);
        }
      }),
      { numRuns: 300, ...propertySeed() },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 500 }), async (s) => {
        await collect([Buffer.from(s.replaceAll('\0', ''))], 'x.html');
      }),
      { numRuns: 300, ...propertySeed() },
    );
  });

  it('stays linear on adversarial input (dots, @, digits, [.], long hex, no newlines)', async () => {
    const units = ['.', '@', '1.', '[.]', 'a', 'a.', '1.2.3.4.', 'hxxp://', '(', 'x@y.', ':'];
    for (const unit of units) {
      const parse = (n: number) => {
        const bytes = Buffer.from(unit.repeat(Math.ceil(n / unit.length)));
        return () => collect(chunks(bytes, [65536]));
      };
      await parse(100_000)();
      const { small, large } = await fastestTimings(parse(250_000), parse(1_000_000));
      // 4x input: linear ≈ 4x, quadratic ≈ 16x. Loose bound (plus a floor) for noisy machines.
      expect(large, `unit ${JSON.stringify(unit)}`).toBeLessThan(Math.max(10 * small, 400));
    }
  });

  it('reports progress', async () => {
    const seen: number[] = [];
    for await (const _ of parseText(asAsync([Buffer.from('evil.com\n')]), { fileName: 'a', onProgress: (p) => seen.push(p.bytesRead) })) void _;
    expect(seen.at(-1)).toBe(9);
  });
});

describe('real shapes broken by layout (issue #14) and ports in prose (issue #17.4)', () => {
  const text = async (s: string) => collect([Buffer.from(s)]);
  const notes = (items: IngestItem[]) => items.flatMap((i) => (i.kind === 'note' ? [i.note.message] : []));

  it('joins an ssdeep wrapped over two lines, with a note, and reads nothing else from the pieces', async () => {
    // Alibaba Cloud, "Data Insights in Cybersecurity Part 1: Intro to ssdeep and XOR.DDoS Case Study" (2022):
    // the page breaks its ssdeep after "Pdf/". Our copy keeps only that first line; the second line here is
    // a stand-in with the published first part's shape (base64 characters, then ':' and the second part).
    const items = await text('Ssdeep: 6144:3SDFOrnwRgUbMisI6sdkH+M6hWOcy5KOZW7U6NCEqPdf/\nx9Qe3kZ:3SDFOrnwRgUbMisI6sdkH+M6hWOcy5\nXOR.DDoS binary similarity graphs with 10,000 samples.\n');
    expect(values(items)).toEqual(['ssdeep:6144:3SDFOrnwRgUbMisI6sdkH+M6hWOcy5KOZW7U6NCEqPdf/x9Qe3kZ:3SDFOrnwRgUbMisI6sdkH+M6hWOcy5']);
    expect(items.find((i) => i.kind === 'record')).toMatchObject({ record: { location: 'line 1, column 9' } });
    expect(notes(items)).toEqual([expect.stringMatching(/^"6144:3SDF.*Pdf\/" and "x9Qe3kZ:3SDF.*" \(lines 1 and 2\) are one ssdeep hash broken over two lines; read as 6144:/)]);
  });

  it('joins a whole-looking ssdeep only with a next line that is nothing but the rest of it', async () => {
    const whole = '96:Hb4c9wPq1sTnR2:Hb4c9wPq';
    expect(values(await text(`ssdeep ${whole}\n7mZ+\n`))).toEqual([`ssdeep:${whole}7mZ+`]);
    // The next sentence is not the rest of the hash; an ssdeep at the end of the file is kept as it is.
    expect(values(await text(`ssdeep ${whole}\nThe sample then beacons.\n`))).toEqual([`ssdeep:${whole}`]);
    expect(values(await text(`ssdeep ${whole}`))).toEqual([`ssdeep:${whole}`]);
  });

  it('joins a labelled hash cut by a space, with a note', async () => {
    // The same Alibaba Cloud page: "SHA1: 47ed693d195558507e4258527f7d4d 4968d34f38".
    const items = await text('MD5:     d6a6dee6afa6879b729a0af3cde7ff33\nSHA1: 47ed693d195558507e4258527f7d4d 4968d34f38\n');
    expect(values(items)).toEqual(['md5:d6a6dee6afa6879b729a0af3cde7ff33', 'sha1:47ed693d195558507e4258527f7d4d4968d34f38']);
    expect(notes(items)).toEqual(['"47ed693d195558507e4258527f7d4d 4968d34f38" had a space inside a sha1 hash; read as 47ed693d195558507e4258527f7d4d4968d34f38']);
    // Two hashes side by side are not one.
    expect(values(await text('MD5 d6a6dee6afa6879b729a0af3cde7ff33 4968d34f38\n'))).toEqual(['md5:d6a6dee6afa6879b729a0af3cde7ff33']);
  });

  it('keeps the port of an address written with one as context on its record', async () => {
    // Telekom Security, "From Dropbox to Violet RAT v5" (Rodent Weed, 2026).
    const items = await text('Violet RAT v5, which connected to `91.219.238[.]140:7000`, transmitted\n');
    expect(items.find((i) => i.kind === 'record')).toMatchObject({ record: { value: '91.219.238.140', context: [{ kind: 'other', name: 'port 7000' }] } });
  });
});
