import { create } from 'zustand';
import type { BundleExportOutcome, BundleIdentity, BundleImportOutcome, BundleImportRecord, BundleVerification, TlpLevel, TrustedIdentity } from '../../../preload/contract';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';

/** The receive flow: a chosen file is verified first; only then can the analyst import it. */
export type ReceiveState =
  | { kind: 'idle' }
  | { kind: 'verifying' }
  | { kind: 'verified'; ticket: string | null; report: BundleVerification }
  | { kind: 'importing'; ticket: string; report: BundleVerification }
  | { kind: 'imported'; report: BundleVerification; outcome: BundleImportOutcome }
  | { kind: 'failed'; message: string };

export type TrustAddState =
  | { kind: 'idle' }
  | { kind: 'preview'; ticket: string; identity: BundleIdentity }
  | { kind: 'failed'; message: string };

export interface ExportForm {
  where: string;
  tlpMax: TlpLevel;
  recipients: string[];
  plain: boolean;
}

interface BundlesState {
  identity: BundleIdentity | null;
  trusted: TrustedIdentity[];
  imports: BundleImportRecord[];
  loadError: string | null;
  receive: ReceiveState;
  trustAdd: TrustAddState;
  exportResult: { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; outcome: BundleExportOutcome } | { kind: 'failed'; message: string };
  load(): Promise<void>;
  rename(analyst: string, organisation: string): Promise<boolean>;
  verifyFiles(files: File[] | null): Promise<void>;
  importVerified(acceptUnknownSigner: boolean): Promise<void>;
  resetReceive(): void;
  previewTrust(files: File[] | null): Promise<void>;
  confirmTrust(name: string): Promise<void>;
  cancelTrust(): void;
  removeTrust(fingerprint: string): Promise<void>;
  exportBundle(form: ExportForm): Promise<void>;
}

/** Files from the native dialog (null: pick one there) or from a drop / file input. */
async function grant(files: File[] | null): Promise<string | null> {
  const client = requireClient();
  const granted = files ? await client.files.grant(files) : await client.files.pick();
  return granted ? granted.grantId : null;
}

export const useBundlesStore = create<BundlesState>()((set, get) => ({
  identity: null,
  trusted: [],
  imports: [],
  loadError: null,
  receive: { kind: 'idle' },
  trustAdd: { kind: 'idle' },
  exportResult: { kind: 'idle' },
  async load() {
    const client = requireClient();
    try {
      const [identity, trusted, imports] = await Promise.all([client.bundles.identity({}), client.bundles.trustList({}), client.bundles.imports({})]);
      set({ identity, trusted, imports, loadError: null });
    } catch (error) {
      set({ loadError: toApiFailure(error).message });
    }
  },
  async rename(analyst, organisation) {
    try {
      const identity = await requireClient().bundles.rename({ analyst, organisation });
      set({ identity, loadError: null });
      return true;
    } catch (error) {
      set({ loadError: toApiFailure(error).message });
      return false;
    }
  },
  async verifyFiles(files) {
    set({ receive: { kind: 'verifying' } });
    try {
      const grantId = await grant(files);
      if (!grantId) return set({ receive: { kind: 'idle' } });
      const { ticket, report } = await requireClient().bundles.verify({ grantId });
      set({ receive: { kind: 'verified', ticket, report } });
    } catch (error) {
      set({ receive: { kind: 'failed', message: toApiFailure(error).message } });
    }
  },
  async importVerified(acceptUnknownSigner) {
    const current = get().receive;
    if (current.kind !== 'verified' || !current.ticket) return;
    set({ receive: { kind: 'importing', ticket: current.ticket, report: current.report } });
    try {
      const outcome = await requireClient().bundles.import({ ticket: current.ticket, acceptUnknownSigner });
      set({ receive: { kind: 'imported', report: current.report, outcome } });
      await get().load();
    } catch (error) {
      set({ receive: { kind: 'failed', message: toApiFailure(error).message } });
    }
  },
  resetReceive() {
    set({ receive: { kind: 'idle' } });
  },
  async previewTrust(files) {
    try {
      const grantId = await grant(files);
      if (!grantId) return;
      const { ticket, identity } = await requireClient().bundles.trustPreview({ grantId });
      set({ trustAdd: { kind: 'preview', ticket, identity } });
    } catch (error) {
      set({ trustAdd: { kind: 'failed', message: toApiFailure(error).message } });
    }
  },
  async confirmTrust(name) {
    const current = get().trustAdd;
    if (current.kind !== 'preview') return;
    try {
      await requireClient().bundles.trustConfirm({ ticket: current.ticket, fingerprint: current.identity.fingerprint, ...(name.trim() ? { name: name.trim() } : {}) });
      set({ trustAdd: { kind: 'idle' } });
      await get().load();
    } catch (error) {
      set({ trustAdd: { kind: 'failed', message: toApiFailure(error).message } });
    }
  },
  cancelTrust() {
    set({ trustAdd: { kind: 'idle' } });
  },
  async removeTrust(fingerprint) {
    try {
      await requireClient().bundles.trustRemove({ fingerprint });
      await get().load();
    } catch (error) {
      set({ loadError: toApiFailure(error).message });
    }
  },
  async exportBundle(form) {
    set({ exportResult: { kind: 'running' } });
    try {
      const outcome = await requireClient().bundles.export({
        tlpMax: form.tlpMax,
        recipients: form.recipients,
        plain: form.plain,
        ...(form.where.trim() ? { where: form.where.trim() } : {}),
      });
      set({ exportResult: { kind: 'done', outcome } });
    } catch (error) {
      set({ exportResult: { kind: 'failed', message: toApiFailure(error).message } });
    }
  },
}));
