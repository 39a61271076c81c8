import { describe, expect, it } from 'vitest';
import { scanLine } from './scan-line';

const found = (line: string) => scanLine(line).map((f) => (f.ambiguous ? `?${f.value}` : `${f.type}:${f.value}`));

describe('scanLine', () => {
  it('joins a hash cut by a space after each label, read from its last character', () => {
    const hex = '0123456789abcdef'.repeat(8);
    const joined = (line: string) => scanLine(line).map((f) => `${f.type}:${f.value}${f.repairedFrom === undefined ? '' : ' (repaired)'}`);
    expect(joined(`Dropper MD5: ${hex.slice(0, 20)} ${hex.slice(20, 32)}`)).toEqual([`md5:${hex.slice(0, 32)} (repaired)`]);
    expect(joined(`SHA-1 = ${hex.slice(0, 30)} ${hex.slice(30, 40)}.`)).toEqual([`sha1:${hex.slice(0, 40)} (repaired)`]);
    expect(joined(`sha256 ${hex.slice(0, 40)} ${hex.slice(40, 64)}`)).toEqual([`sha256:${hex.slice(0, 64)} (repaired)`]);
    expect(joined(`SHA-512: ${hex.slice(0, 100)} ${hex.slice(100, 128)}`)).toEqual([`sha512:${hex} (repaired)`]);
    // The parts must make the label's length: a sha256 and a word after it stay apart.
    expect(joined(`sha512 ${hex.slice(0, 64)} ${hex.slice(64, 128)}x`)).toEqual([`sha256:${hex.slice(0, 64)}`]);
  });

  it.each([
    ['C2 at hxxps://evil[.]com/a.php?x=1.', ['url:https://evil.com/a.php?x=1']],
    ['see (http://x.org/a(b)) now', ['url:http://x.org/a(b)']],
    ['[evil[.]com](https://evil.com/landing)', ['domain:evil.com']],
    ['[vendor blog](https://vendor.com/p?utm_source=x&ref=evil.com)', []],
    ['<https://evil.com/x>', ['url:https://evil.com/x']],
    ['beacon 1.2.3[.]4:443 and 10.0.0.0/8', ['ipv4:1.2.3.4', 'cidr:10.0.0.0/8']],
    ['version 1.2.3.4 and v 5.6.7.8 and Version: 9.9.9.9', []],
    ['(Version) 1.2.3.4 [build], 5.6.7.8', []],
    // A hex piece is a hash by its length, in either case; other lengths are not hashes.
    ['D41D8CD98F00B204E9800998ECF8427E d41d8cd98f00b204e9800998ecf8427e0 da39a3ee5e6b4b0d3255bfef95601890afd80709', ['md5:D41D8CD98F00B204E9800998ECF8427E', 'sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709']],
    // A raw connection's URL gives its host too; a scheme without its '//' is not a URL.
    ['ws://evil.com:8080/x wss:/evil.com https:evil.com', ['url:ws://evil.com:8080/x', 'domain:evil.com', 'domain:evil.com', 'domain:evil.com']],
    // The version rule demotes only a dotted quad right after a product name, never one after "DNS".
    ['Ashampoo Burning Studio 4.0.9.3, DNS 8.8.8.8, but 1[.]2[.]3[.]4 and 45.9.148.3', ['?4.0.9.3', 'ipv4:8.8.8.8', 'ipv4:1.2.3.4', 'ipv4:45.9.148.3']],
    ['readme.txt, e.g. i.e. etc. Node.js', []],
    ['dropped invoice.zip and setup.py', ['?invoice.zip', '?setup.py']],
    ['but evil[.]zip is defanged', ['domain:evil.zip']],
    ['ASP.NET framework', ['?ASP.NET']],
    ['md5:44d88612fea8a8f36de82e1278abb02f sha1=3395856ce81f2b7382dee72602f798b642f14140', ['md5:44d88612fea8a8f36de82e1278abb02f', 'sha1:3395856ce81f2b7382dee72602f798b642f14140']],
    [`hex run ${'a'.repeat(96)} is no hash`, []],
    ['mail bad[@]phish[.]ru or mailto:x@y.com', ['email:bad@phish.ru', 'email:x@y.com']],
    ['AS13335, ASN 64496, as 123, AS 2023', ['asn:AS13335', 'asn:AS64496', 'asn:AS2023']],
    ['CVE-2021-44228 and cve-2020-0601', ['cve:CVE-2021-44228', 'cve:cve-2020-0601']],
    ['time 12:30:45, MAC 00:11:22:33:44:55, std::vector', []],
    ['v6 2001:db8::1 and fe80::/10', ['ipv6:2001:db8::1', 'cidr:fe80::/10']],
    ['wallet 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa not 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb', ['crypto-wallet:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa']],
    ['| sub.evil.co.uk | domain |', ['hostname:sub.evil.co.uk']],
    // A name called like a function is code quoted in the report; one in parentheses is still a name.
    ["b.run('cmd /c timeout 10') and document.write(x) but (lantern-c2.com) and evil[.]run(", ['?b.run', 'domain:lantern-c2.com', 'domain:evil.run']],
    // A CSV line in a .txt list: the URL ends where the next field starts; commas of real URLs stay.
    ['hxxp://0.x90.io/,2016-05-09 07:44:41,127708396133c54c92be89a6cee119fb28672900a77068ef369edaa99f005ff5',
      ['url:http://0.x90.io/', 'sha256:127708396133c54c92be89a6cee119fb28672900a77068ef369edaa99f005ff5']],
    ['hxxp://lantern[.]example/gate.php,198.51.100.7', ['url:http://lantern.example/gate.php', 'ipv4:198.51.100.7']],
    ['https://maps.example/@48.85,2.29,15z and https://evil.example/x?ids=1,2', ['url:https://maps.example/@48.85,2.29,15z', 'url:https://evil.example/x?ids=1,2']],
  ])('%s', (line, expected) => {
    expect(found(line)).toEqual(expected);
  });

  // A value standing alone on its line is what it looks like; the rules for running text do not apply.
  // Lines of MISP's public warninglist "List of known IPv4 public DNS resolvers" (lists/public-dns-v4):
  // a plain list of resolver addresses lost 8.8.8.8 and 1.1.1.1 as "version numbers" (issue #14).
  it.each([
    ['8.8.8.8', ['ipv4:8.8.8.8']],
    ['1.1.1.1', ['ipv4:1.1.1.1']],
    ['  4.2.2.2\t', ['ipv4:4.2.2.2']],
    ['- 9.9.9.9', ['ipv4:9.9.9.9']],
    ['| 1.0.0.1 |', ['ipv4:1.0.0.1']],
    ['`8.8.4.4`', ['ipv4:8.8.4.4']],
    // The same names that prose would list as ambiguous, alone on a line of a blocklist.
    ['setup.py', ['domain:setup.py']],
    ['ASP.NET', ['domain:ASP.NET']],
  ])('stands alone: %s', (line, expected) => {
    expect(found(line)).toEqual(expected);
  });

  // Shapes of attack infrastructure read rather than dropped, each with its host (issue #14).
  it.each([
    // Telekom Security, "From Dropbox to Violet RAT v5: A Multi-Stage WebDAV Delivery Chain" (Rodent Weed,
    // 2026): the .url lure, the .lnk arguments and the .wsh script path.
    ['URL=file://move-friendly-international-observed.trycloudflare[.]com@SSL/DavWWWRoot/dokumente?config=eyJwYXRoIjoiY29uZmlkZW50aWFsIiwibW9kZSI6InJlYWQifQ%3D%3D',
      ['url:https://move-friendly-international-observed.trycloudflare.com/dokumente?config=eyJwYXRoIjoiY29uZmlkZW50aWFsIiwibW9kZSI6InJlYWQifQ%3D%3D',
        'domain:move-friendly-international-observed.trycloudflare.com']],
    ['| Arguments | `//B \\\\move-friendly-international-observed.trycloudflare[.]com@SSL\\DavWWWRoot\\oa.wsh` | Executes a WSH file from WebDAV |',
      ['url:https://move-friendly-international-observed.trycloudflare.com/oa.wsh', 'domain:move-friendly-international-observed.trycloudflare.com']],
    ['Path=\\\\move-friendly-international-observed.trycloudflare[.]com@SSL\\DavWWWRoot\\ccv.js',
      ['url:https://move-friendly-international-observed.trycloudflare.com/ccv.js', 'domain:move-friendly-international-observed.trycloudflare.com']],
    // The same report: the C2 as address:port in running text.
    ['Violet RAT v5, which connected to `91.219.238[.]140:7000`, transmitted', ['ipv4:91.219.238.140']],
    // HarfangLab's AllaSenha IOCs (2024), as republished in a public list: `\\host@port\share\`.
    ['\\\\104.41.57[.]122@80\\Documentos\\|WebDAV stager path (on legitimate Azure infrastructure)', ['url:http://104.41.57.122/Documentos/', 'ipv4:104.41.57.122']],
    ['\\\\abrir-documento-adobe-reader-1.brazilsouth.cloudapp.azure[.]com@80\\Documentos\\|WebDAV stager path',
      ['url:http://abrir-documento-adobe-reader-1.brazilsouth.cloudapp.azure.com/Documentos/', 'hostname:abrir-documento-adobe-reader-1.brazilsouth.cloudapp.azure.com']],
    // The forms issue #14 lists, as analysts write them (no verified public line at hand for these).
    ['\\\\dav.lantern-c2.com@8080\\share\\x.lnk', ['url:http://dav.lantern-c2.com:8080/share/x.lnk', 'hostname:dav.lantern-c2.com']],
    ['open file://198.51.100.7@8789/share/x.lnk now', ['url:http://198.51.100.7:8789/share/x.lnk', 'ipv4:198.51.100.7']],
    ['c2 tcp://45.9.148.3:4444 and ssl://evil[.]com:443 and wss://ws.evil.com/socket',
      ['url:tcp://45.9.148.3:4444', 'ipv4:45.9.148.3', 'url:ssl://evil.com:443', 'domain:evil.com', 'url:wss://ws.evil.com/socket', 'hostname:ws.evil.com']],
    ['udp://198.51.100.9:53', ['url:udp://198.51.100.9:53', 'ipv4:198.51.100.9']],
    ['beacon http://fdc4:2581::1/gate.php', ['url:http://[fdc4:2581::1]/gate.php', 'ipv6:fdc4:2581::1']],
    ['bins at 45.9.148.3:8080/bins/x86 and evil.com:8443/a but 10.0.0.0/8', ['url:http://45.9.148.3:8080/bins/x86', 'ipv4:45.9.148.3', 'url:http://evil.com:8443/a', 'domain:evil.com', 'cidr:10.0.0.0/8']],
    ['visit evil[.]example,com/x now, also hello,world and file:///C:/Users/x.lnk', ['url:http://evil.example.com/x']],
    ['lure at www[.]evil-example,com', ['hostname:www.evil-example.com']],
  ])('reads the shape in %s', (line, expected) => {
    expect(found(line)).toEqual(expected);
  });

  it('keeps the port of an address or name written with one in running text (issue #17.4)', () => {
    const ports = (line: string): [string, number | undefined][] => scanLine(line).map((f) => [f.value, f.port]);
    // Telekom Security, "From Dropbox to Violet RAT v5" (Rodent Weed, 2026), running text.
    expect(ports('Violet RAT v5, which connected to `91.219.238[.]140:7000`, transmitted')).toEqual([['91.219.238.140', 7000]]);
    // ThreatFox's Cobalt Strike IOCs as a public Markdown table (davidgodwinpratt.com/soc/threatfox-win-cobalt-strike-60661da6).
    expect(ports('| ip:port | 8[.]217[.]12[.]212:48080 | botnet_cc | 2026-06-12 | 75% |')).toEqual([['8.217.12.212', 48080]]);
    expect(ports('bins at 45.9.148.3:8080/bins/x86 and c2.badhost[.]top:6606 today')).toEqual([
      ['http://45.9.148.3:8080/bins/x86', undefined], ['45.9.148.3', 8080], ['c2.badhost.top', 6606],
    ]);
    // Not a port: out of range, a time, a drive letter.
    expect(ports('at 45.9.148.3:70000 at 12:30 in C:1234')).toEqual([['45.9.148.3', undefined]]);
  });

  it('joins a URL broken by a space before its path, and says so', () => {
    const [url, ...rest] = scanLine('Payload at hxxp://lantern-c2[.]com /upd/x.bin was fetched');
    expect(rest).toEqual([]);
    expect(url).toMatchObject({ type: 'url', value: 'http://lantern-c2.com/upd/x.bin', defanged: true, column: 12, repairedFrom: 'hxxp://lantern-c2[.]com /upd/x.bin' });
    expect(scanLine('see http://lantern-c2.com /about')[0]).toMatchObject({ value: 'http://lantern-c2.com/about', defanged: false, repairedFrom: 'http://lantern-c2.com /about' });
    // A path that starts a new sentence or a second slash is left alone.
    expect(found('http://lantern-c2.com // comment')).toEqual(['url:http://lantern-c2.com']);
  });

  it('keeps the running-text rules for the same values inside a sentence', () => {
    expect(found('Cloudflare 1.1.1.1 resolver')).toEqual(['?1.1.1.1']);
    expect(found('- dropped setup.py')).toEqual(['?setup.py']);
    expect(found('version 8.8.8.8')).toEqual([]);
  });

  it('quotes the original text around a match in the snippet', () => {
    const [f] = scanLine('The loader beaconed to hxxps://cdn[.]evil[.]com/x daily.');
    expect(f?.snippet).toBe('The loader beaconed to hxxps://cdn[.]evil[.]com/x daily.');
    expect(f?.column).toBe(24);
    expect(f?.defanged).toBe(true);
  });

  it('ignores tokens cut by the line-length cap', () => {
    expect(scanLine('evil.com 8.8.8.8 bad.org', true, true).map((f) => f.value)).toEqual(['8.8.8.8']);
  });
});
