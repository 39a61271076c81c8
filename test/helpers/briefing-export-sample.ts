import type { BriefingExportInput, ExportIndicator, ExportSection } from '../../main/core/briefings/export/export-input';
import type { IndicatorType } from '../../main/core/indicators/indicator-type';
import type { TlpLevel } from '../../main/core/ingest/ingest-record';

/** One canonical value of every indicator type, some with the characters exports must escape. */
export const INDICATOR_SAMPLES: Readonly<Record<IndicatorType, string>> = {
  ipv4: '198.51.100.23',
  ipv6: '2001:db8::17',
  cidr: '203.0.113.0/24',
  domain: 'badcdn.example',
  hostname: 'update.badcdn.example',
  url: "https://hr-notice.example/login?id=4&q='x'\\y",
  email: 'payroll@hr-notice.example',
  md5: '9e107d9d372bb6826bd81d3542a419d6',
  sha1: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3',
  sha256: '3f786850e387550fdab836ed7e6dc881de23001b7e6e1b2e3c9f8a7b6d5c4e3f',
  sha512: 'ee26b0dd4af7e749aa1a8ee3c10ae9923f618980772e473f8819a5d4940e0db27ac185f8a0e1d5f84f88bc887fd67b143732c304cc5fa9ad8e6f57f50028a8ff',
  ssdeep: '96:XWc4l8BdDhYJAf2Xz1:XWc4GBdDhYJAfW1',
  filename: "O'Brien invoice.rar",
  'registry-key': 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\updater',
  mutex: 'Global\\SPad_4412',
  asn: 'AS64500',
  cve: 'CVE-2023-21716',
  'crypto-wallet': 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
  'user-agent': "Mozilla/5.0 (Windows NT 10.0; Win64; x64) 'quoted'",
  ja3: 'e7d705a3286e19ea42f587b344ee6865',
  ja3s: 'ae4edc6faf64d08308082ad26be60767',
};

/** A small Cyber Activity Report with sections and indicators at several markings, for exporter tests. */
export function sampleBriefing(overrides: Partial<BriefingExportInput> = {}): BriefingExportInput {
  return {
    id: 'b0a1c2d3-0000-4000-8000-000000000001',
    title: 'Cyber Activity Report: ShadowPad loader campaign',
    summary: 'A loader campaign against **ministries** of member countries; see the indicators below.',
    tlp: 'green',
    status: 'approved',
    version: 3,
    created: '2026-03-01T09:00:00.000Z',
    modified: '2026-03-04T16:20:00.000Z',
    validUntil: '2026-09-01T00:00:00.000Z',
    authors: [{ name: 'Ana Ruiz', organisation: 'Northbridge CERT' }],
    producer: { name: 'Ana Ruiz', organisation: 'Northbridge CERT' },
    distribution: ['Member CERTs', 'NL', 'DE'],
    sections: [
      section('s-summary', 'Targeted sectors', 'Ministries of foreign affairs in **three** countries.\n\n- NL\n- DE', 'clear'),
      section('s-infra', 'Infrastructure', 'C2 at `update.badcdn.example`, see [the vendor](https://vendor.example/report).\n\n![beacon](https://tracker.example/pixel.png)\n\n<script>alert(1)</script>', 'amber'),
      section('s-source', 'Source handling', 'Partner reporting; do not share beyond the team.', 'red'),
      section('s-actions', 'Recommended actions', '1. Block the indicators.\n2. Hunt for the mutex.', 'green'),
    ],
    indicators: [
      indicator('i-1', 'ipv4', '198.51.100.23', 'green', 'malicious'),
      indicator('i-2', 'domain', 'badcdn.example', 'clear', 'suspicious'),
      indicator('i-3', 'url', 'https://update.badcdn.example/gate.php?id=1', 'amber', 'malicious'),
      indicator('i-4', 'sha256', '3f786850e387550fdab836ed7e6dc881de23001b7e6e1b2e3c9f8a7b6d5c4e3f', 'amber+strict', 'in-review'),
      indicator('i-5', 'email', 'payroll@hr-notice.example', 'red', 'malicious'),
      indicator('i-6', 'filename', '=HYPERLINK("http://evil.example","x").xlsx', 'green', 'benign'),
      indicator('i-7', 'mutex', 'Global\\SPad_4412', 'green', 'new'),
    ],
    techniques: [
      { id: 'T1566.001', name: 'Spearphishing Attachment', tactics: ['initial-access'], url: 'https://attack.mitre.org/techniques/T1566/001/' },
      { id: 'T1071.001', name: 'Web Protocols', tactics: ['command-and-control'], url: null },
      { id: 'T1059', name: null, tactics: [], url: null },
    ],
    references: [
      { url: 'https://vendor.example/report', externalId: 'VR-2026-17', sourceName: 'Vendor', description: 'Vendor write-up' },
    ],
    ...overrides,
  };
}

export function section(id: string, heading: string, bodyMarkdown: string, tlp: TlpLevel): ExportSection {
  return { id, heading, bodyMarkdown, tlp };
}

export function indicator(id: string, type: ExportIndicator['type'], value: string, tlp: TlpLevel, status: ExportIndicator['status']): ExportIndicator {
  return {
    id, type, value, tlp, status, confidence: 80,
    firstSeen: '2026-02-20T08:00:00.000Z', lastSeen: '2026-03-03T12:00:00.000Z', sightings: 4, tags: ['shadowpad'],
  };
}
