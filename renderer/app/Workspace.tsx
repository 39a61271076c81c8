import type { ReactNode } from 'react';
import { BriefingsPage } from '../features/briefings/BriefingsPage';
import { BundlesPage } from '../features/bundles/BundlesPage';
import { looksLikeBundle } from '../features/bundles/bundle-sniff';
import { useBundlesStore } from '../features/bundles/bundles-store';
import { DropOverlay } from '../features/import/DropOverlay';
import { selectIsImportBusy, useImportStore } from '../features/import/import-store';
import { useFileDrop } from '../features/import/use-file-drop';
import { OverviewPage } from '../features/overview/OverviewPage';
import { usePaletteShortcut } from '../features/palette/use-palette-shortcut';
import { QueuePage } from '../features/queue/QueuePage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SyncPage } from '../features/sync/SyncPage';
import { useVaultStore } from '../features/vault-access/vault-store';
import { Overlays } from './Overlays';
import { WorkspaceNav } from './WorkspaceNav';
import { useNavigationStore, type SectionId } from './navigation-store';
import { useActivityReporter } from './use-activity-reporter';

const PAGES: Record<SectionId, () => ReactNode> = {
  queue: QueuePage,
  overview: OverviewPage,
  briefings: BriefingsPage,
  bundles: BundlesPage,
  sync: SyncPage,
  settings: SettingsPage,
};

export function Workspace() {
  const section = useNavigationStore((state) => state.section);
  const lock = useVaultStore((state) => state.lock);
  const go = useNavigationStore((state) => state.go);
  const importBusy = useImportStore(selectIsImportBusy);
  const Page = PAGES[section];
  useActivityReporter(true);
  usePaletteShortcut();
  // Files dropped on any screen open the import panel on the Queue, where the imported indicators appear;
  // a bundle opens the Bundles verify screen instead, so nothing is written before the analyst has seen it.
  const drop = useFileDrop(
    (files) => {
      void (async () => {
        if (files.length === 1 && (await looksLikeBundle(files[0]!))) {
          go('bundles');
          void useBundlesStore.getState().verifyFiles(files);
          return;
        }
        go('queue');
        useImportStore.getState().dropFiles(files);
      })();
    },
    !importBusy,
    // The browser host uploads bytes, so a dropped folder's files are read here; Electron reads it by path.
    !window.liaison?.files.canPick,
  );

  return (
    <div className="workspace" {...drop.handlers}>
      <WorkspaceNav onLock={() => void lock()} />
      <main className="workspace-main" id="workspace-main" tabIndex={-1}>
        <Page />
      </main>
      {drop.dragging && <DropOverlay accept={!importBusy} />}
      <Overlays />
    </div>
  );
}
