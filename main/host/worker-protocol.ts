import type { FileGrant, LiaisonEvent, Result } from '../../preload/contract';
import type { GrantedFile } from '../core/session';
import type { PrintPdfReply, PrintPdfRequest } from './pdf-print-bridge';

/** What the core worker is started with (structured-cloned into the worker). */
export interface CoreWorkerData {
  vaultLocation: string;
  actor: string;
  nativeBinding?: string;
  /** The host's folder for this session's exports (see SessionOptions.exportFolder). */
  exportFolder?: string;
  /** True when the host prints PDFs (Electron's printToPDF): the core asks it through print-pdf messages. */
  hostPrintsPdf?: boolean;
}

/** Messages between a transport (Electron main, browser host) and the core worker. */
export type ToCore =
  | { kind: 'invoke'; id: number; channel: string; payload: unknown }
  /** Only transports send grants: the renderer has no way to name a file the core will read. */
  | { kind: 'grant'; id: number; files: GrantedFile[] }
  | { kind: 'shutdown' }
  | PrintPdfReply;

export type FromCore =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'granted'; id: number; result: Result<FileGrant> }
  | { kind: 'event'; event: LiaisonEvent }
  | { kind: 'closed' }
  | PrintPdfRequest;
