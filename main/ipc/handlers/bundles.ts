import type { HandlersFor } from './types';

export const bundleHandlers: HandlersFor<'bundles'> = {
  'bundles:identity': (_request, session) => session.bundles.identity(),
  'bundles:rename': (names, session) => session.bundles.renameIdentity(names),
  'bundles:trustList': (_request, session) => session.bundles.listTrusted(),
  'bundles:trustPreview': ({ grantId }, session) => session.bundles.previewTrust(grantId),
  'bundles:trustConfirm': ({ ticket, fingerprint, name }, session) => session.bundles.confirmTrust(ticket, fingerprint, name),
  'bundles:trustRemove': ({ fingerprint }, session) => session.bundles.removeTrust(fingerprint),
  'bundles:verify': ({ grantId }, session) => session.bundles.verify(grantId),
  'bundles:import': ({ ticket, acceptUnknownSigner }, session) => session.bundles.import(ticket, acceptUnknownSigner),
  'bundles:export': ({ where, briefingIds, tlpMax, recipients, plain }, session) =>
    session.bundles.export({ tlpMax, recipients, plain, briefingIds, ...(where ? { where } : {}) }),
  'bundles:imports': (_request, session) => session.bundles.listImports(),
};
