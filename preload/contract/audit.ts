import { z } from 'zod';
import { channel } from './channel';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
}

const AuditListRequest = z
  .object({
    limit: z.number().int().min(1).max(1000).optional(),
    /** Keyset cursor: entries with a smaller id than this. */
    beforeId: z.number().int().positive().optional(),
  })
  .strict();

export const auditChannels = {
  'audit:list': channel<typeof AuditListRequest, AuditEntry[]>(AuditListRequest),
};
