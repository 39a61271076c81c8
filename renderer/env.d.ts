import type { LiaisonApi } from '../preload/contract';

declare global {
  interface Window {
    /** Installed by the Electron preload or by the browser host's web bridge; absent in a plain page. */
    liaison?: LiaisonApi;
  }
}

export {};
