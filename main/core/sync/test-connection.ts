import { TaxiiClient } from './taxii-client';
import { TaxiiError } from './taxii-error';
import type { TaxiiCredentials } from './taxii-http';

/** What "Test connection" shows, step by step: each step's result, or the first failure in words. */
export interface ConnectionReport {
  ok: boolean;
  discovery?: { title: string; apiRoots: string[] };
  apiRoot?: { url: string; title: string; maxContentLength: number };
  collections?: { id: string; title: string; canRead: boolean; canWrite: boolean }[];
  push?: { collection: string; canWrite: boolean; found: boolean };
  pull?: { collection: string; canRead: boolean; found: boolean }[];
  error?: string;
}

export interface ConnectionTarget {
  discoveryUrl: string;
  apiRootUrl?: string | null;
  pushCollection: string;
  pullCollections: readonly string[];
  credentials: TaxiiCredentials;
  caPem?: string;
}

/** Checks a profile against its server without changing anything there or in the vault. */
export async function testConnection(target: ConnectionTarget, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ConnectionReport> {
  const client = new TaxiiClient({
    credentials: target.credentials,
    ...(target.caPem ? { ca: target.caPem } : {}),
    timeoutMs: options.timeoutMs ?? 15_000,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const report: ConnectionReport = { ok: false };
  try {
    const discovery = await client.discover(target.discoveryUrl);
    report.discovery = { title: discovery.title, apiRoots: discovery.api_roots ?? [] };
    const apiRootUrl = await client.resolveApiRoot(target.discoveryUrl, target.apiRootUrl ?? undefined);
    const root = await client.apiRoot(apiRootUrl);
    report.apiRoot = { url: apiRootUrl, title: root.title, maxContentLength: root.max_content_length };
    const collections = await client.collections(apiRootUrl);
    report.collections = collections.map((c) => ({ id: c.id, title: c.title, canRead: c.can_read, canWrite: c.can_write }));
    const find = (id: string) => collections.find((c) => c.id === id);
    const push = find(target.pushCollection);
    report.push = { collection: target.pushCollection, canWrite: push?.can_write ?? false, found: push !== undefined };
    report.pull = target.pullCollections.map((id) => ({ collection: id, canRead: find(id)?.can_read ?? false, found: find(id) !== undefined }));
    report.ok = report.push.canWrite && report.pull.every((p) => p.canRead);
    if (!report.ok) {
      const problems = [
        ...(!push ? [`the server has no collection ${target.pushCollection} to publish to`] : !push.can_write ? [`collection ${target.pushCollection} cannot be written with these credentials`] : []),
        ...report.pull.filter((p) => !p.canRead).map((p) => (p.found ? `collection ${p.collection} cannot be read with these credentials` : `the server has no collection ${p.collection}`)),
      ];
      report.error = `Connected, but ${problems.join('; ')}.`;
    }
  } catch (error) {
    if (!(error instanceof TaxiiError)) throw error;
    report.error = error.message;
  }
  return report;
}
