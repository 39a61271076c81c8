import { z } from 'zod';
import type { IndicatorDetail, IndicatorSighting, IndicatorSummary } from '../../main/core/vault/queries/indicator-views';
import { channel, Empty } from './channel';

export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;

/** The core's closed vocabulary (main/core/indicators); main/ipc checks at compile time that both agree. */
export const INDICATOR_TYPES = [
  'ipv4', 'ipv6', 'cidr', 'domain', 'hostname', 'url', 'email', 'md5', 'sha1', 'sha256', 'sha512', 'ssdeep',
  'filename', 'registry-key', 'mutex', 'asn', 'cve', 'crypto-wallet', 'user-agent', 'ja3', 'ja3s',
] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];
export type TlpLevel = (typeof TLP_LEVELS)[number];
export const TlpLevelSchema = z.enum(TLP_LEVELS);

export type { IndicatorDetail, IndicatorSighting, IndicatorSummary };

export interface SourceSummary {
  id: number;
  name: string;
  format: string;
  fileName: string | null;
  fileSha256: string | null;
  analyst: string;
  defaultTlp: string;
  importedAt: string;
  records: number;
  indicatorsNew: number;
  indicatorsMerged: number;
  rejected: number;
}

const IndicatorListRequest = z
  .object({
    type: z.enum(INDICATOR_TYPES).optional(),
    tlp: TlpLevelSchema.optional(),
    source: z.string().max(512).optional(),
    search: z.string().max(1024).optional(),
    limit: z.number().int().min(1).max(5000).default(200),
  })
  .strict();

const IndicatorGetRequest = z.object({ id: z.number().int().positive() }).strict();

export const indicatorChannels = {
  'indicators:list': channel<typeof IndicatorListRequest, IndicatorSummary[]>(IndicatorListRequest),
  'indicators:get': channel<typeof IndicatorGetRequest, IndicatorDetail>(IndicatorGetRequest),
  'sources:list': channel<typeof Empty, SourceSummary[]>(Empty),
};
