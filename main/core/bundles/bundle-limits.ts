/** Resource limits applied while a bundle streams in; each is checked before the bytes it guards are kept. */
export interface BundleLimits {
  maxManifestBytes: number;
  maxSignatureBytes: number;
  maxStixBytes: number;
  maxCustodyBytes: number;
  /** Longest JSON string (in bytes, escapes counted as written) in bundle.json or custody.json. */
  maxStringBytes: number;
  /** The smallest STIX object is larger than this: `{"type":"x","id":"x--<uuid>","spec_version":"2.1"}`. */
  minObjectBytes: number;
  maxObjects: number;
}

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxManifestBytes: 64 * 1024,
  maxSignatureBytes: 1024,
  maxStixBytes: 2 * 1024 ** 3 - 1,
  maxCustodyBytes: 512 * 1024 ** 2,
  maxStringBytes: 1024 ** 2,
  minObjectBytes: 60,
  maxObjects: 10_000_000,
};
