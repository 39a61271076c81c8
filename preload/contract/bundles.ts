import { z } from 'zod';
import { channel, Empty } from './channel';
import { TlpLevelSchema } from './indicators';

// The core's own result types, from a dependency-free module: only types cross, never core code.
import type {
  BundleExportResult as BundleExportOutcome,
  BundleImportOutcome,
  BundleImportRow as BundleImportRecord,
  BundleVerification,
  CustodyEntry,
} from '../../main/core/bundles/bundle-model';

export type { BundleExportOutcome, BundleImportOutcome, BundleImportRecord, BundleVerification, CustodyEntry };

/** A vault's exchange identity as shown and sent: public keys and the fingerprint read over the phone. */
export interface BundleIdentity {
  fingerprint: string;
  stixId: string;
  analyst: string;
  organisation: string;
  minisignPublicKey: string;
  ageRecipient: string;
  createdAt: string;
}

export interface TrustedIdentity extends BundleIdentity {
  name: string;
  addedAt: string;
  addedBy: string;
}

const GrantId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
const Ticket = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
const Fingerprint = z.string().regex(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){4}$/);
const Name = z.string().trim().min(1).max(200);

const RenameRequest = z.object({ analyst: Name.optional(), organisation: Name.optional() }).strict();
const GrantRequest = z.object({ grantId: GrantId }).strict();
const TrustConfirmRequest = z.object({ ticket: Ticket, fingerprint: Fingerprint, name: Name.optional() }).strict();
const TrustRemoveRequest = z.object({ fingerprint: Fingerprint }).strict();
const ImportRequest = z.object({ ticket: Ticket, acceptUnknownSigner: z.boolean().default(false) }).strict();
const ExportRequest = z
  .object({
    where: z.string().max(10_000).optional(),
    briefingIds: z.array(z.number().int().positive()).max(50).default([]),
    tlpMax: TlpLevelSchema,
    recipients: z.array(z.union([Fingerprint, z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/)])).max(50).default([]),
    plain: z.boolean().default(false),
  })
  .strict();

export const bundleChannels = {
  'bundles:identity': channel<typeof Empty, BundleIdentity>(Empty),
  'bundles:rename': channel<typeof RenameRequest, BundleIdentity>(RenameRequest),
  'bundles:trustList': channel<typeof Empty, TrustedIdentity[]>(Empty),
  'bundles:trustPreview': channel<typeof GrantRequest, { ticket: string; identity: BundleIdentity }>(GrantRequest),
  'bundles:trustConfirm': channel<typeof TrustConfirmRequest, TrustedIdentity>(TrustConfirmRequest),
  'bundles:trustRemove': channel<typeof TrustRemoveRequest, TrustedIdentity>(TrustRemoveRequest),
  'bundles:verify': channel<typeof GrantRequest, { ticket: string | null; report: BundleVerification }>(GrantRequest),
  'bundles:import': channel<typeof ImportRequest, BundleImportOutcome>(ImportRequest),
  'bundles:export': channel<typeof ExportRequest, BundleExportOutcome>(ExportRequest),
  'bundles:imports': channel<typeof Empty, BundleImportRecord[]>(Empty),
};
