/**
 * Why a TAXII request failed, in words an analyst can act on. `retryable` says whether the same request
 * may succeed later (server overloaded, connection lost); `retryAfterMs` is the server's own wish
 * (429/503 Retry-After, RFC 9110 §10.2.3).
 */
export type TaxiiFailureKind = 'http' | 'network' | 'timeout' | 'protocol' | 'config' | 'cancelled';

export class TaxiiError extends Error {
  constructor(
    readonly kind: TaxiiFailureKind,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, details.cause ? { cause: details.cause } : undefined);
    this.name = 'TaxiiError';
  }

  get retryable(): boolean {
    if (this.kind === 'network' || this.kind === 'timeout' || this.kind === 'protocol') return true;
    const status = this.details.status ?? 0;
    return this.kind === 'http' && (status === 408 || status === 429 || status >= 500);
  }
}

/** The sentence for an HTTP error: the server's error resource (§3.6.1) when it sent one, else the status. */
export function describeHttpError(status: number, url: string, body: unknown): string {
  const resource = body && typeof body === 'object' ? (body as { title?: unknown; description?: unknown }) : {};
  const title = typeof resource.title === 'string' ? resource.title.trim() : '';
  const description = typeof resource.description === 'string' ? resource.description.trim() : '';
  const said = [title, description].filter(Boolean).join(': ');
  const hint = STATUS_HINTS[status] ?? (status >= 500 ? 'the server failed; it may work again later' : 'the server refused the request');
  return `${safeUrl(url)} answered ${status} (${hint})${said ? `: "${said.slice(0, 300)}"` : ''}.`;
}

const STATUS_HINTS: Record<number, string> = {
  400: 'the server did not understand the request',
  401: 'the user name, password or token is wrong or missing',
  403: 'these credentials may not use this resource',
  404: 'no such TAXII resource: check the URL and collection id',
  406: 'the server does not speak TAXII 2.1 (application/taxii+json;version=2.1)',
  411: 'the server wants a Content-Length',
  413: 'the envelope is larger than the server accepts',
  415: 'the server does not accept TAXII 2.1 content',
  429: 'too many requests; waiting as the server asked',
  503: 'the server is unavailable for now',
};

/** A URL without user info or query, safe to show and log. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the server';
  }
}
