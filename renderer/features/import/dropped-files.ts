/**
 * The files of a drop, folders expanded (issue #17.1: a MISP feed is a folder). A browser hands a dropped
 * folder over as one unreadable File, so its entries are walked; Electron reads dropped folders itself
 * (the core is given their path), so there the files pass as they are.
 */
export async function droppedFiles(transfer: DataTransfer, expandFolders: boolean): Promise<File[]> {
  const files = [...transfer.files];
  if (!expandFolders) return files;
  // Entries must be taken during the drop event: the DataTransfer is emptied when it returns.
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.() ?? null);
  if (!entries.some((entry) => entry?.isDirectory)) return files;
  const out: File[] = [];
  for (const entry of entries) if (entry) await walk(entry, 0, out);
  return out;
}

/** Folders nested deeper than this are not read (as collectInputs in the core). */
const MAX_DEPTH = 32;

async function walk(entry: FileSystemEntry, depth: number, out: File[]): Promise<void> {
  if (entry.isFile) {
    out.push(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)));
    return;
  }
  if (!entry.isDirectory || depth >= MAX_DEPTH) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries returns a folder in batches until an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  children.sort((a, b) => a.name.localeCompare(b.name));
  for (const child of children) if (!child.name.startsWith('.')) await walk(child, depth + 1, out);
}
