/** Shared bundles: the vault's exchange identity, the trust store, and signed/encrypted bundle files. */
export { identityFingerprint, normaliseFingerprint } from './fingerprint';
export { ensureIdentity, exportAgeSecret, getIdentity, renameIdentity, toPublic } from './identity';
export type { BundleAuthor, IdentityNames, PublicIdentity, VaultIdentity } from './identity';
export { isAgeRecipient, parsePublicIdentityFile, publicIdentityFile, MAX_PUBLIC_IDENTITY_BYTES } from './public-identity-file';
export { minisignPublicKeyFile } from './minisign';
export { addTrustedKey, getTrustedKey, listTrustedKeys, removeTrustedKey } from './trust-store';
export type { TrustedKey } from './trust-store';
