/** Shared bundles: the vault's exchange identity, the trust store, and signed/encrypted bundle files. */
export { identityFingerprint, normaliseFingerprint } from './fingerprint';
export { ensureIdentity, exportAgeSecret, getIdentity, renameIdentity, toPublic } from './identity';
export type { BundleAuthor, IdentityNames, PublicIdentity, VaultIdentity } from './identity';
export { isAgeRecipient, parsePublicIdentityFile, publicIdentityFile, MAX_PUBLIC_IDENTITY_BYTES } from './public-identity-file';
export { minisignPublicKeyFile } from './minisign';
export { addTrustedKey, getTrustedKey, listTrustedKeys, removeTrustedKey } from './trust-store';
export type { TrustedKey } from './trust-store';
export { exportBundle, resolveRecipients, TOOL_NAME } from './bundle-export';
export type { BundleExportRequest, BundleExportResult, BundleRecipient } from './bundle-export';
export { verifyBundle } from './bundle-verify';
export type { BundleSignerReport, BundleVerification } from './bundle-verify';
export { importBundle, listBundleImports } from './bundle-import';
export type { BundleImportOptions, BundleImportResult, BundleImportRow } from './bundle-import';
export { BundleRejected } from './bundle-rejection';
export type { BundleProblem } from './bundle-rejection';
export { DEFAULT_BUNDLE_LIMITS } from './bundle-limits';
export type { BundleLimits } from './bundle-limits';
export type { CustodyEntry, CustodyAction } from './custody';
