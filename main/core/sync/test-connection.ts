import { TaxiiClient } from './taxii-client';
import { TaxiiError } from './taxii-error';
import { requireHttpUrl, type TaxiiCredentials } from './taxii-http';
import type { ConnectionReport } from './sync-profile-model';

export type { ConnectionReport };

export interface ConnectionTarget {
  discoveryUrl: string;
  apiRootUrl?: string | null;
  pushCollection: string;
  pullCollections: readonly string[];
  credentials: TaxiiCredentials;
  caPem?: string;
}

/**
 * Bounds on a test. The renderer may test a profile that is not saved, so it chooses the URL: the core
 * then fetches only the discovery, API root and collections resources of that one origin, follows no
 * redirect elsewhere, reads small answers within a deadline, and hands back only TAXII fields, clipped.
 */
export const CONNECTION_TEST_LIMITS = { idleMs: 10_000, totalMs: 20_000, maxResponseBytes: 1024 * 1024, maxListed: 100, maxText: 200 } as const;

/** Checks a profile against its server without changing anything there or in the vault. */
export async function testConnection(
  target: ConnectionTarget,
  options: { timeoutMs?: number; totalMs?: number; signal?: AbortSignal } = {},
): Promise<ConnectionReport> {
  const report: ConnectionReport = { ok: false };
  const totalMs = options.totalMs ?? CONNECTION_TEST_LIMITS.totalMs;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), totalMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  try {
    const origin = requireHttpUrl(target.discoveryUrl, 'discovery URL').origin;
    const sameOrigin = (url: string, what: string): string => {
      const parsed = requireHttpUrl(url, what);
      if (parsed.origin !== origin) throw new TaxiiError('config', `The ${what} (${parsed.host}) is not on the discovery server (${new URL(origin).host}); a connection test stays on one server.`);
      return url;
    };
    if (target.apiRootUrl) sameOrigin(target.apiRootUrl, 'API root URL');
    const client = new TaxiiClient({
      credentials: target.credentials,
      ...(target.caPem ? { ca: target.caPem } : {}),
      timeoutMs: options.timeoutMs ?? CONNECTION_TEST_LIMITS.idleMs,
      signal,
      maxResponseBytes: CONNECTION_TEST_LIMITS.maxResponseBytes,
      sameOriginRedirects: true,
    });
    const discovery = await client.discover(target.discoveryUrl);
    report.discovery = { title: clip(discovery.title), apiRoots: (discovery.api_roots ?? []).slice(0, CONNECTION_TEST_LIMITS.maxListed).map(clip) };
    const apiRootUrl = sameOrigin(await client.resolveApiRoot(target.discoveryUrl, target.apiRootUrl ?? undefined), 'API root URL');
    const root = await client.apiRoot(apiRootUrl);
    report.apiRoot = { url: apiRootUrl, title: clip(root.title), maxContentLength: root.max_content_length };
    const collections = await client.collections(apiRootUrl);
    report.collections = collections.slice(0, CONNECTION_TEST_LIMITS.maxListed).map((c) => ({ id: clip(c.id), title: clip(c.title), canRead: c.can_read, canWrite: c.can_write }));
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
    report.error = deadline.signal.aborted && !options.signal?.aborted ? `The server did not finish answering within ${Math.round(totalMs / 1000)} s.` : error.message;
  } finally {
    clearTimeout(timer);
  }
  return report;
}

/** Server text shown to the analyst: one line, bounded. */
function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > CONNECTION_TEST_LIMITS.maxText ? `${line.slice(0, CONNECTION_TEST_LIMITS.maxText - 1)}…` : line;
}
