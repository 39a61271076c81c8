import { randomBytes } from 'node:crypto';
import { WorkbenchError } from '../errors';

/** A file the analyst chose: a path the desktop shell read from its dialog or a drop, or uploaded bytes. */
export type GrantedFile = { kind: 'path'; path: string; name: string; size: number } | { kind: 'bytes'; name: string; bytes: Uint8Array };

const GRANT_TTL_MS = 15 * 60_000;

/**
 * Single-use permissions to read files. Only the transport (never the renderer) registers grants, so a
 * compromised renderer can import what the analyst chose and nothing else.
 */
export class FileGrants {
  private readonly grants = new Map<string, { files: GrantedFile[]; expiresAt: number }>();

  constructor(private readonly now: () => Date) {}

  /** Registers files and returns the opaque id the renderer passes to `import:start`. */
  register(files: GrantedFile[]): string {
    this.sweep();
    const grantId = randomBytes(18).toString('base64url');
    this.grants.set(grantId, { files, expiresAt: this.now().getTime() + GRANT_TTL_MS });
    return grantId;
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
  }

  private sweep(): void {
    const now = this.now().getTime();
    for (const [id, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(id);
  }
}
