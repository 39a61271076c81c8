/** Shown over the workspace while files are dragged onto it. Purely visual: the drop is handled by the workspace. */
export function DropOverlay({ accept }: { accept: boolean }) {
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-overlay-card">
        {accept ? (
          <>
            <p className="drop-overlay-title">Drop files to import</p>
            <p>STIX bundles, MISP events or feeds, CSV/TSV files and text reports. You choose the options before anything is imported.</p>
          </>
        ) : (
          <>
            <p className="drop-overlay-title">An import is running</p>
            <p>Wait for it to finish, or cancel it, before dropping more files.</p>
          </>
        )}
      </div>
    </div>
  );
}
