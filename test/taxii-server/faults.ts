/**
 * Fault injection for the TAXII test server. A fault is taken by the next request it matches, in the
 * order queued. `after: true` lets the server do the work first (a POST's objects are stored) and then
 * fail the response, which is the case that makes clients resend what the server already has.
 */

export type FaultKind =
  | { kind: 'status'; status: 500 | 502 | 503; retryAfter?: number }
  | { kind: 'rate-limit'; retryAfter: number }
  | { kind: 'timeout' }
  | { kind: 'drop' }
  | { kind: 'malformed' };

export type Fault = FaultKind & {
  method?: 'GET' | 'POST';
  /** Matches when the request path contains this text (`/objects/`, `/status/`, `/collections/`). */
  path?: string;
  after?: boolean;
};

export class FaultPlan {
  private readonly queue: Fault[] = [];
  /** Faults that fired, for assertions and for the property test's shrinking output. */
  readonly fired: Fault[] = [];

  add(...faults: Fault[]): this {
    this.queue.push(...faults);
    return this;
  }

  clear(): void {
    this.queue.length = 0;
  }

  pending(): number {
    return this.queue.length;
  }

  /** Removes and returns the first queued fault that matches this request, if any. */
  take(method: string, path: string): Fault | undefined {
    const index = this.queue.findIndex((f) => (!f.method || f.method === method) && (!f.path || path.includes(f.path)));
    if (index < 0) return undefined;
    const [fault] = this.queue.splice(index, 1);
    this.fired.push(fault!);
    return fault;
  }
}
