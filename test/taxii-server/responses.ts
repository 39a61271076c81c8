import type { IncomingMessage, ServerResponse } from 'node:http';

/** The one media type of TAXII 2.1 (§1.6.8); servers answer with it and clients must send it exactly. */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';

/** Sends a TAXII JSON resource with an exact Content-Length. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': TAXII_MEDIA_TYPE, 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** An error message resource (§3.6.1): http_status is a string in the standard's examples. */
export function sendError(res: ServerResponse, status: number, title: string, description: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { title, description, http_status: String(status) }, headers);
}

/** Reads a request body, refusing one over `limit` bytes without buffering it. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
