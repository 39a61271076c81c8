import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { buildApi } from './build-api';
import { EVENT_CHANNEL, FILES_GRANT_CHANNEL, FILES_PICK_CHANNEL, FILES_SAVE_EXPORT_CHANNEL, type FileGrant, type FilesApi, type LiaisonEvent, type Result } from './contract';

// The only exposeInMainWorld call. The page gets one named function per contract channel, an event
// subscription and the files API; never ipcRenderer, never an IPC event object (its `sender` would hand
// the page ipcRenderer).

const files: FilesApi = {
  canPick: true,
  pick: () => ipcRenderer.invoke(FILES_PICK_CHANNEL) as Promise<Result<FileGrant | null>>,
  // Only a File the analyst really dropped or chose has a path; one the page made up yields '' and is refused.
  grant: (list: File[]) => ipcRenderer.invoke(FILES_GRANT_CHANNEL, list.map((file) => webUtils.getPathForFile(file))) as Promise<Result<FileGrant>>,
  // Main shows the save dialog and copies the file: the page names the export, never a path.
  saveExport: (fileName: string) => ipcRenderer.invoke(FILES_SAVE_EXPORT_CHANNEL, fileName) as Promise<Result<{ saved: boolean }>>,
};

const api = buildApi(
  (channel, request) => ipcRenderer.invoke(channel, request),
  (listener) => {
    const forward = (_event: IpcRendererEvent, event: LiaisonEvent): void => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
  files,
);

contextBridge.exposeInMainWorld('liaison', api);
