import { randomBytes } from 'node:crypto';
import { WorkbenchError } from '../errors';
import type { Timers } from './idle-timer';

/** A file the analyst chose: a path the desktop shell read from its dialog or a drop, or uploaded bytes. */
export type GrantedFile = { kind: 'path'; path: string; name: string; size: number } | { kind: 'bytes'; name: string; bytes: Uint8Array };

const GRANT_TTL_MS = 15 * 60_000;

/**
 * Single-use permissions to read files. Only the transport (never the renderer) registers grants, so a
 * compromised renderer can import what the analyst chose and nothing else. Uploaded bytes are held until
 * the grant is used or expires; a timer drops expired grants, so unused uploads do not stay in memory
 * until the next upload happens to sweep them (issue #15 item 10).
 */
export class FileGrants {
  private readonly grants = new Map<string, { files: GrantedFile[]; expiresAt: number }>();
  private timer: unknown = null;

  constructor(
    private readonly now: () => Date,
    private readonly timers: Timers,
  ) {}

  /** Registers files and returns the opaque id the renderer passes to `import:start`. */
  register(files: GrantedFile[]): string {
    this.sweep();
    const grantId = randomBytes(18).toString('base64url');
    this.grants.set(grantId, { files, expiresAt: this.now().getTime() + GRANT_TTL_MS });
    if (this.timer === null) this.timer = this.timers.setTimeout(() => this.onTimer(), GRANT_TTL_MS);
    return grantId;
  }

  /** How many grants are held (for tests and diagnostics). */
  size(): number {
    return this.grants.size;
  }

  /** Takes the files of a grant; a grant can be used once. */
  take(grantId: string): GrantedFile[] {
    this.sweep();
    const grant = this.grants.get(grantId);
    if (!grant) throw new WorkbenchError('NOT_FOUND', 'Those files are no longer available; choose them again.');
    this.grants.delete(grantId);
    return grant.files;
  }

  clear(): void {
    this.grants.clear();
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Sweeps, then waits for the next grant to expire while any remain. */
  private onTimer(): void {
    this.timer = null;
    this.sweep();
    const next = Math.min(...[...this.grants.values()].map((grant) => grant.expiresAt));
    if (Number.isFinite(next)) this.timer = this.timers.setTimeout(() => this.onTimer(), Math.max(0, next - this.now().getTime()));
  }

  private sweep(): void {
    const now = this.now().getTime();
    for (const [id, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(id);
  }
}
