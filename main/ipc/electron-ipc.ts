import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channels, EVENT_CHANNEL, parseRequest, type ApiError, type Channel, type Result } from '../../preload/contract';
import type { CoreClient } from '../host/core-client';

export interface ElectronIpcOptions {
  core: CoreClient;
  /** Our one window's contents; the only sender that may call the core. */
  trustedContents: () => WebContents | undefined;
  /** URL prefix of our own pages, e.g. `app://liaison/`. */
  trustedOrigin: string;
  log?: (line: string) => void;
}

const UNTRUSTED: ApiError = { code: 'INVALID_INPUT', message: 'Request refused.' };
const FAILED: ApiError = { code: 'INTERNAL', message: 'The workbench hit an unexpected error; the details are in its log.' };

/**
 * A frame may be navigated or hijacked, and every frame of a page can reach ipcRenderer through the preload:
 * only the top frame of our own window, showing our own page, is trusted (GitHub Desktop's
 * trusted-ipc-sender does the same).
 */
export function isTrustedSender(event: IpcMainInvokeEvent, options: Pick<ElectronIpcOptions, 'trustedContents' | 'trustedOrigin'>): boolean {
  const trusted = options.trustedContents();
  const frame = event.senderFrame;
  return (
    trusted !== undefined &&
    event.sender === trusted &&
    frame !== null &&
    frame.parent === null &&
    frame.url.startsWith(options.trustedOrigin)
  );
}

/** Checks the sender and the payload, then forwards to the core; resolves to a Result, never throws. */
export function createHandler(channel: Channel, options: ElectronIpcOptions) {
  const log = options.log ?? ((line: string) => console.warn(line));
  return async (event: IpcMainInvokeEvent, payload: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event, options)) {
      // The payload is never logged: it may carry a passphrase.
      log(`[ipc] refused ${channel} from an untrusted sender (${event.senderFrame?.url.slice(0, 80) ?? 'no frame'})`);
      return { ok: false, error: UNTRUSTED };
    }
    const parsed = parseRequest(channel, payload);
    if (!parsed.ok) return parsed;
    try {
      const result = await options.core.invoke(channel, parsed.value);
      return result.ok ? { ok: true, value: result.value } : { ok: false, error: { code: result.error.code, message: result.error.message } };
    } catch (error) {
      log(`[ipc] ${channel} failed: ${error instanceof Error ? error.name : 'unknown error'}`);
      return { ok: false, error: FAILED };
    }
  };
}

/** Binds every contract channel with `ipcMain.handle` and forwards core events to our window. */
export function bindElectronIpc(options: ElectronIpcOptions): () => void {
  for (const channel of channels) ipcMain.handle(channel, createHandler(channel, options));
  const unsubscribe = options.core.onEvent((event) => {
    const contents = options.trustedContents();
    if (contents !== undefined && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
  });
  return () => {
    unsubscribe();
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
