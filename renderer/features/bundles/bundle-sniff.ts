const AGE_MAGIC = 'age-encryption.org/v1\n';
const TAR_START = 'manifest.json\u0000';

/**
 * Whether a dropped file is a bundle, by its first bytes (an age file, or our archive starting with
 * manifest.json) rather than its name: a bundle sent by e-mail arrives under any name. The core checks
 * it fully; this only decides where a drop goes (verify screen or import panel).
 */
export async function looksLikeBundle(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await readHead(file.slice(0, 32)));
  const text = String.fromCharCode(...head);
  return text.startsWith(AGE_MAGIC) || text.startsWith(TAR_START);
}

/** FileReader rather than Blob.arrayBuffer(): the same in every engine the renderer runs in, jsdom included. */
function readHead(blob: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('cannot read the dropped file'));
    reader.readAsArrayBuffer(blob);
  });
}
